//! The footer: key hints for where the keys are, and the state of the data — refreshed N s ago, STALE, the spinner, the Region counter.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::AppState;

pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner frame for a running command, from the state's clock (so it moves with ticks, not frames).
pub fn spinner(state: &AppState) -> &'static str {
    let since = state
        .command
        .running
        .as_ref()
        .map(|(_, t)| t.millis())
        .unwrap_or(0);
    let frame = ((state.now.millis() - since).max(0) / 100) as usize;
    SPINNER[frame % SPINNER.len()]
}

/// The hints shown for a section: the most useful actions there, each with its first key from the table.
fn hints(state: &AppState) -> Vec<(String, &'static str)> {
    let section = state.key_section();
    let wanted: &[(Action, &str)] = match section {
        Section::Command => &[
            (Action::Submit, "run"),
            (Action::Complete, "complete"),
            (Action::HistoryPrev, "history"),
            (Action::HistorySearch, "search"),
            (Action::Leave, "leave"),
        ],
        Section::Filter | Section::Prompt => &[(Action::Submit, "ok"), (Action::Leave, "cancel")],
        Section::Picker => &[
            (Action::Down, "next plan"),
            (Action::Submit, "choose"),
            (Action::Leave, "cancel"),
        ],
        Section::PagerSearch => &[(Action::Submit, "find"), (Action::Leave, "cancel")],
        Section::Pager => &[
            (Action::Down, "scroll"),
            (Action::Search, "search"),
            (Action::NextMatch, "next"),
            (Action::CopyOutput, "copy"),
            (Action::ClearOutput, "clear"),
            (Action::Leave, "back"),
            (Action::Zoom, "zoom"),
        ],
        Section::Confirm if state.wizard.open => {
            &[(Action::Confirm, "write it"), (Action::Leave, "cancel")]
        }
        Section::Confirm => &[
            (Action::Confirm, "run it"),
            (Action::Leave, "cancel"),
            (Action::CopyLine, "copy line"),
        ],
        Section::Incident => &[
            (Action::Leave, "back"),
            (Action::FocusNext, "timeline/related"),
            (Action::AddNote, "note"),
            (Action::SetImpact, "impact"),
            (Action::ToggleResolved, "resolve"),
            (Action::AddRelatedItem, "add item"),
            (Action::OpenUrl, "open"),
            (Action::Zoom, "zoom"),
            (Action::Help, "help"),
        ],
        Section::Popup => &[(Action::Leave, "close"), (Action::Down, "scroll")],
        Section::Wizard if state.header.read_only => &[
            (Action::Down, "next step"),
            (Action::ToggleGuardrail, "guardrail"),
            (Action::PageDown, "scroll"),
            (Action::Leave, "close"),
        ],
        Section::Wizard => &[
            (Action::Down, "next step"),
            (Action::ApplyStep, "apply"),
            (Action::ApplyAll, "apply all"),
            (Action::ToggleGuardrail, "guardrail"),
            (Action::PageDown, "scroll"),
            (Action::Leave, "close"),
        ],
        Section::Incidents => &[
            (Action::OpenIncident, "open"),
            (Action::Filter, "filter"),
            (Action::AddNote, "note"),
            (Action::SetImpact, "impact"),
            (Action::ToggleResolved, "resolve"),
            (Action::StartIncident, "start"),
            (Action::Command, "command"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Section::Timeline => &[
            (Action::OpenDetail, "event"),
            (Action::AddNote, "note"),
            (Action::EditEvent, "edit"),
            (Action::DeleteEvent, "delete"),
            (Action::Command, "command"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Section::Checklist | Section::Channels | Section::Global => &[
            (Action::OpenDetail, "detail"),
            (Action::SetupWizard, "wizard"),
            (Action::FocusNext, "next pane"),
            (Action::Command, "command"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    };
    // Read-only mode refuses these, so the footer does not offer them.
    let writes = [
        Action::AddNote,
        Action::SetImpact,
        Action::ToggleResolved,
        Action::AddRelatedItem,
        Action::StartIncident,
        Action::EditEvent,
        Action::DeleteEvent,
    ];
    wanted
        .iter()
        .filter(|(action, _)| !(state.header.read_only && writes.contains(action)))
        .filter_map(|(action, label)| {
            state
                .keymap
                .key_for(section, *action)
                .map(|k| (k.to_string(), *label))
        })
        .collect()
}

/// The right-hand status: what is running, and how fresh the data is.
fn status(state: &AppState) -> Vec<Span<'static>> {
    let theme = super::theme(state);
    let mut spans = Vec::new();
    if state.command.running.is_some() {
        spans.push(Span::styled(
            format!("{} running ", spinner(state)),
            theme.key(),
        ));
    }
    if let Some(applying) = &state.wizard.applying {
        let frame = ((state.now.millis() - applying.since.millis()).max(0) / 100) as usize;
        spans.push(Span::styled(
            format!("{} applying ", SPINNER[frame % SPINNER.len()]),
            theme.key(),
        ));
    }
    if let Some(progress) = state.setup.loading {
        spans.push(Span::raw(format!(
            "Regions {}/{} ",
            progress.done, progress.total
        )));
    }
    let sources = [
        ("setup", &state.setup.refresh),
        ("incidents", &state.incidents.refresh),
        ("timeline", &state.timeline.refresh),
    ];
    let failed: Vec<&str> = sources
        .iter()
        .filter(|(_, r)| r.failure.is_some())
        .map(|(n, _)| *n)
        .collect();
    if !failed.is_empty() {
        spans.push(Span::styled("STALE", theme.badge()));
        spans.push(Span::raw(format!(" ({}) ", failed.join(", "))));
    }
    match sources.iter().filter_map(|(_, r)| r.last_ok).max() {
        Some(at) => {
            let secs = ((state.now.millis() - at.millis()) / 1000).max(0);
            spans.push(Span::raw(format!("refreshed {secs} s ago ")));
        }
        None => spans.push(Span::raw("not refreshed yet ")),
    }
    spans
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let right = status(state);
    let right_width: u16 = right.iter().map(|s| s.width() as u16).sum();
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(right_width.min(area.width)),
    ])
    .areas(area);
    // Whole hints only, and a space before the status: a hint cut in half reads as noise.
    let room = usize::from(left_area.width.saturating_sub(1));
    let mut used = 1;
    let mut left = vec![Span::raw(" ")];
    for (i, (key, label)) in hints(state).into_iter().enumerate() {
        let separator = if i > 0 { 3 } else { 0 };
        let width = separator + Span::raw(key.as_str()).width() + 1 + Span::raw(label).width();
        if used + width > room {
            break;
        }
        used += width;
        if i > 0 {
            left.push(Span::styled(" · ", theme.dim()));
        }
        left.push(Span::styled(key, theme.key()));
        left.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(Line::from(right)), right_area);
}
