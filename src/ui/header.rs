//! The header bar: account, Region (and Incident Manager's), profile or SANDBOX and its place among accounts, badges.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::AppState;

use super::inert::inert;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let header = &state.header;
    // The account is read from the ARNs a load finds; after a load that found none, say so instead of "…".
    let account = if header.account.is_empty() && state.setup.refresh.last_ok.is_some() {
        "account not known".to_string()
    } else if header.account.is_empty() {
        "account …".to_string()
    } else {
        format!("account {}", inert(&header.account))
    };
    let mut spans = vec![
        Span::raw(" imdeck ─ "),
        Span::raw(account),
        Span::raw(" ─ "),
        Span::raw(inert(&header.region).into_owned()),
        Span::raw(" ─ "),
    ];
    if let Some(im) = &header.incident_manager {
        let set: Vec<String> = im
            .set_regions
            .iter()
            .map(|r| inert(r).into_owned())
            .collect();
        spans.push(Span::raw(format!(
            "Incident Manager {} (set: {}) ─ ",
            inert(&im.region),
            set.join(" ")
        )));
    }
    if header.profile_or_sandbox.eq_ignore_ascii_case("sandbox") {
        spans.push(Span::styled("[SANDBOX]", theme.sandbox_badge()));
    } else if let Some(position) = &state.account {
        // Several accounts: which profile this screen is, and where it stands in the cycle.
        spans.push(Span::raw(format!(
            "profile {} ({}/{})",
            inert(&header.profile_or_sandbox),
            position.index,
            position.total
        )));
    } else {
        spans.push(Span::raw(inert(&header.profile_or_sandbox).into_owned()));
    }
    if let Some(position) = &state.account
        && !position.unavailable.is_empty()
    {
        // Named on every account's header so a profile that failed never passes for one that is quiet; the
        // reasons are in the command output at start and were printed before the screen opened.
        let names: Vec<String> = position
            .unavailable
            .iter()
            .map(|u| inert(&u.profile).into_owned())
            .collect();
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!("[UNAVAILABLE {}]", names.join(" ")),
            theme.error(),
        ));
    }
    if let Some(endpoint) = &header.endpoint {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!("[ENDPOINT {}]", inert(endpoint)),
            theme.sandbox_badge(),
        ));
    }
    if header.read_only {
        spans.push(Span::raw(" "));
        spans.push(Span::styled("[READ-ONLY]", theme.badge()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.header()),
        area,
    );
}
