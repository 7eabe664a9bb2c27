//! The `?` overlay, generated from the effective keymap (built-in table plus the config file's overrides), so it cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::AppState;

use super::{popup_area, popup_block};

/// What the timeline's left column means: marks, never colour alone, so they are spelled out here.
pub const TIMELINE_MARKS: [(&str, &str); 4] = [
    (
        "›",
        "the selected event (Enter shows it whole, with its raw data)",
    ),
    ("+", "arrived while you watched (marked for half a minute)"),
    ("~", "edited while you watched (marked for half a minute)"),
    ("●", "the newest event"),
];

/// What the incidents list's mark column means (one mark a row, the first that applies).
pub const INCIDENT_MARKS: [(&str, &str); 3] = [
    ("★", "opened since the last read (rings the bell once)"),
    ("◆", "status, impact or title changed elsewhere"),
    (
        "+",
        "a new or edited newest timeline event, read while you looked elsewhere",
    ),
];

/// Every section's bindings, `keys  description`, in the order of `Section::ALL`, then the incident list's and the timeline's marks.
pub fn help_lines(state: &AppState) -> Vec<Line<'static>> {
    let theme = super::theme(state);
    let mut lines = Vec::new();
    for &section in Section::ALL {
        let bindings = state.keymap.bindings(section);
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title().to_string(), theme.heading()));
        for binding in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", binding.keys.join(", ")), theme.key()),
                Span::raw(binding.action.description()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Incident marks (highlighting the row clears them)",
        theme.heading(),
    ));
    for (mark, meaning) in INCIDENT_MARKS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark:<16}"), theme.key()),
            Span::raw(meaning),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Timeline marks", theme.heading()));
    for (mark, meaning) in TIMELINE_MARKS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark:<16}"), theme.key()),
            Span::raw(meaning),
        ]));
    }
    lines
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, scroll: u16) {
    let theme = super::theme(state);
    let popup = popup_area(area, 76, area.height.saturating_sub(2));
    // The keys shown are the effective ones: the built-in table with the config file's [keys.*] over it.
    let close = state
        .keymap
        .key_for(Section::Popup, Action::Leave)
        .unwrap_or("esc");
    let title = format!(" Help · {close} closes · `imdeck config` lists your key changes ");
    let inner = popup_block(frame, popup, title.as_str(), theme.border(true));
    let lines = help_lines(state);
    let most = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(most), 0)), inner);
}
