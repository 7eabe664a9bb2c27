//! The `?` overlay, generated from the keymap table itself, so it cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::Section;
use crate::app::state::AppState;

use super::{popup_area, popup_block};

/// Every section's bindings, `keys  description`, in the order of `Section::ALL`.
pub fn help_lines(state: &AppState) -> Vec<Line<'static>> {
    let theme = super::theme(state);
    let mut lines = Vec::new();
    for section in Section::ALL {
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
    lines
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, scroll: u16) {
    let theme = super::theme(state);
    let popup = popup_area(area, 76, area.height.saturating_sub(2));
    let inner = popup_block(
        frame,
        popup,
        " Help · keys from assets/keymap.toml · esc closes ",
        theme.border(true),
    );
    let lines = help_lines(state);
    let most = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(most), 0)), inner);
}
