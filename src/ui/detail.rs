//! The detail popup: for a check (or a Region's checks, or a plan's, failures first) what it is about, why it fails,
//! the manual step, the missing statement as JSON and the unwrapped CLI fix; for an event, its sentence and raw data.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::{AppState, DetailTarget};
use crate::domain::audit::Check;
use crate::domain::audit::subject::subject;

use super::clock::{time, zone_label};
use super::inert::{inert, inert_text};
use super::theme::Theme;
use super::timeline::{event_sentence, reference_labels};
use super::wrap::wrap;
use super::{popup_area, popup_block};
use crate::domain::event_text::reference_raw;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, target: &DetailTarget, scroll: u16) {
    let theme = super::theme(state);
    let popup = popup_area(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let width = usize::from(popup.width.saturating_sub(2));
    let hscroll = usize::from(state.setup.detail_hscroll);
    let shown = |checks: Vec<&Check>| -> Vec<Line<'static>> {
        checks
            .into_iter()
            .flat_map(|check| check_lines(state, check, theme, width, hscroll))
            .collect()
    };
    let (title, lines) = match target {
        DetailTarget::Region(region) => {
            let checks = state.setup.checks_of(target).unwrap_or_default();
            let mut lines = Vec::new();
            if checks.is_empty() {
                lines.push(Line::raw("No checks for this Region."));
            }
            lines.extend(shown(checks));
            (format!(" Region {} ", inert(region)), lines)
        }
        DetailTarget::Check(index) => match state.setup.checks.get(*index) {
            Some(check) => (
                format!(
                    " {} ",
                    inert(state.setup.label(*index))
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                shown(vec![check]),
            ),
            None => (
                " Detail ".into(),
                vec![Line::raw("This check is gone (the setup was reloaded).")],
            ),
        },
        DetailTarget::Plan(index) => match state.setup.plans.get(*index) {
            Some(plan) => {
                let mut lines = vec![Line::raw(inert(&plan.arn).into_owned())];
                if let Some(reason) = &plan.read_error {
                    lines.push(Line::styled(
                        format!("? could not be read: {}", inert(reason)),
                        theme.error(),
                    ));
                }
                for topic in &plan.topics {
                    lines.push(Line::raw(format!("topic {}", inert(topic))));
                }
                lines.push(Line::raw(""));
                let checks = state.setup.checks_of(target).unwrap_or_default();
                if checks.is_empty() {
                    lines.push(Line::raw("No checks name this plan or its channels."));
                }
                lines.extend(shown(checks));
                (format!(" Plan {} ", inert(&plan.name)), lines)
            }
            None => (
                " Detail ".into(),
                vec![Line::raw("This plan is gone (the setup was reloaded).")],
            ),
        },
        DetailTarget::Event(id) => (
            format!(" Event {} ", inert(id)),
            event_lines(state, id, theme, width),
        ),
    };
    let inner = popup_block(
        frame,
        popup,
        format!(
            "{title}{}· {} closes ",
            copy_hint(state, target),
            state
                .keymap
                .key_for(
                    crate::app::keymap::Section::Popup,
                    crate::app::keymap::Action::Leave
                )
                .unwrap_or("esc")
        ),
        theme.border(true),
    );
    let most = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(most), 0)), inner);
}

/// "· ctrl-y copies the fixes " where the popup shows fix commands, or what the last Ctrl-Y did.
fn copy_hint(state: &AppState, target: &DetailTarget) -> String {
    if let Some(copied) = &state.setup.detail_copied {
        return format!("· {copied} ");
    }
    if state.setup.fix_commands(target).is_empty() {
        return String::new();
    }
    let key = |action| state.keymap.key_for(Section::Popup, action).unwrap_or("?");
    format!(
        "· {} copies the fix, {}/{} scroll it ",
        key(Action::CopyFix),
        key(Action::ScrollLeft),
        key(Action::ScrollRight)
    )
}

/// One check in full: mark and word (never colour alone), title, what it is about, why, the manual step, the
/// missing JSON, and the fix commands one a line, never wrapped (they scroll sideways by `hscroll` columns).
pub fn check_lines(
    state: &AppState,
    check: &Check,
    theme: Theme,
    width: usize,
    hscroll: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} {}",
                check.status.mark(),
                check.status.word().to_uppercase()
            ),
            theme.status(check.status),
        ),
        Span::raw("  "),
        Span::styled(inert(&check.title).into_owned(), theme.heading()),
        Span::styled(format!("  ({})", check.id), theme.dim()),
    ])];
    if let Some(snapshot) = &state.setup.snapshot {
        lines.push(Line::raw(format!(
            "  about: {}",
            inert(&subject(check, snapshot))
        )));
    }
    if let Some(resource) = &check.resource {
        lines.push(Line::styled(format!("  {}", inert(resource)), theme.dim()));
    }
    for piece in wrap(
        &inert_text(&check.detail, true),
        width.saturating_sub(2),
        40,
    ) {
        lines.push(Line::raw(format!("  {piece}")));
    }
    if let Some(manual) = &check.manual {
        lines.push(Line::styled("  To do:", theme.heading()));
        for piece in wrap(&inert_text(manual, true), width.saturating_sub(4), 40) {
            lines.push(Line::raw(format!("    {piece}")));
        }
    }
    if let Some(missing) = &check.missing {
        lines.push(Line::styled("  Missing:", theme.heading()));
        let json = serde_json::to_string_pretty(missing).unwrap_or_else(|_| missing.to_string());
        for line in inert_text(&json, true).lines() {
            lines.push(Line::raw(format!("    {line}")));
        }
    }
    if let Some(fix) = &check.fix {
        lines.push(Line::styled(
            "  Fix (AWS CLI, one command a line):",
            theme.heading(),
        ));
        for command in fix.lines() {
            lines.push(command_line(
                &inert(command),
                width.saturating_sub(6),
                hscroll,
                theme,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines
}

/// One fix command, cut to `width` columns from column `hscroll` but never wrapped; an arrow in the margin says
/// there is more to the left or right.
fn command_line(command: &str, width: usize, hscroll: usize, theme: Theme) -> Line<'static> {
    let chars: Vec<char> = command.chars().collect();
    let start = hscroll.min(chars.len());
    let end = (start + width).min(chars.len());
    let visible: String = chars[start..end].iter().collect();
    let left = if start > 0 { "  ← " } else { "    " };
    let right = if end < chars.len() { " →" } else { "" };
    Line::from(vec![
        Span::styled(left, theme.dim()),
        Span::styled(visible, theme.key()),
        Span::styled(right, theme.dim()),
    ])
}

/// An event in full: when (with the zone), its type, when it was last edited, the sentence the timeline shows,
/// what it references (in words, then as sent), then the raw data exactly as AWS returned it, pretty-printed.
fn event_lines(state: &AppState, id: &str, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let Some(index) = state.timeline.index_of(id) else {
        return vec![Line::raw("This event is no longer in the timeline.")];
    };
    let row = &state.timeline.events[index];
    let zone = zone_label(state.now, state.utc);
    let mut lines = vec![
        Line::raw(format!(
            "{} {zone}  {}",
            time(row.summary.event_time, state.utc, false),
            inert(&row.summary.event_type)
        )),
        Line::styled(
            format!(
                "updated {}",
                time(row.summary.event_updated_time, state.utc, false)
            ),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    let data = state.timeline.text_of(row);
    match data {
        Some(data) => {
            let said = event_sentence(state, index, data);
            for piece in wrap(&inert_text(&said, true), width, 2_000) {
                lines.push(Line::raw(piece));
            }
        }
        None => lines.push(Line::styled("text not read yet…", theme.dim())),
    }
    let labels = reference_labels(state, row);
    if !row.summary.event_references.is_empty() {
        lines.push(Line::raw(""));
        for label in &labels {
            lines.push(Line::raw(format!("↳ {}", inert(label))));
        }
        for r in &row.summary.event_references {
            lines.push(Line::styled(
                format!("  {}", inert(reference_raw(r))),
                theme.dim(),
            ));
        }
    }
    let said = data.map(|data| event_sentence(state, index, data));
    if let Some(data) = data.filter(|data| said.as_deref() != Some(*data)) {
        lines.push(Line::raw(""));
        lines.push(Line::styled("eventData as sent:", theme.heading()));
        let raw = match serde_json::from_str::<serde_json::Value>(data) {
            Ok(value @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
                serde_json::to_string_pretty(&value).unwrap_or_else(|_| data.to_string())
            }
            _ => data.to_string(),
        };
        for line in inert_text(&raw, true).lines() {
            for piece in wrap(line, width, 2_000) {
                lines.push(Line::styled(piece, theme.dim()));
            }
        }
    }
    lines
}
