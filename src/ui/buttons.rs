//! A row of key buttons, `[y] run it   [n] cancel`: drawn with the effective keymap's keys, and where each button is, so a click on one presses its key.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::keymap::Action;

use super::theme::Theme;

/// One button: the action it stands for, the key text shown in brackets, and its word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub action: Action,
    pub keys: String,
    pub label: &'static str,
}

/// The gap after each button but the last.
const GAP: &str = "   ";

pub fn line(theme: Theme, buttons: &[Button]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, button) in buttons.iter().enumerate() {
        let gap = if i + 1 < buttons.len() { GAP } else { "" };
        spans.push(Span::styled(format!("[{}]", button.keys), theme.key()));
        spans.push(Span::raw(format!(" {}{gap}", button.label)));
    }
    Line::from(spans)
}

/// Where each button of `line(buttons)` is when that line is drawn at the left of `row`: the bracketed key and
/// its word, clipped to the row.
pub fn rects(buttons: &[Button], row: Rect) -> Vec<(Action, Rect)> {
    let mut x = row.x;
    let mut out = Vec::new();
    for button in buttons {
        let width = (Span::raw(format!("[{}] {}", button.keys, button.label)).width()) as u16;
        let start = x.min(row.right());
        let end = x.saturating_add(width).min(row.right());
        if end > start {
            out.push((
                button.action,
                Rect {
                    x: start,
                    y: row.y,
                    width: end - start,
                    height: 1,
                },
            ));
        }
        x = x.saturating_add(width + GAP.len() as u16);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rect_covers_its_button_as_drawn() {
        let buttons = vec![
            Button {
                action: Action::Confirm,
                keys: "y".into(),
                label: "run it",
            },
            Button {
                action: Action::Leave,
                keys: "n/esc".into(),
                label: "cancel",
            },
        ];
        let drawn: String = line(Theme::new(true), &buttons)
            .spans
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(drawn, "[y] run it   [n/esc] cancel");
        let rects = rects(&buttons, Rect::new(10, 3, 80, 1));
        assert_eq!(rects[0], (Action::Confirm, Rect::new(10, 3, 10, 1)));
        assert_eq!(rects[1], (Action::Leave, Rect::new(23, 3, 14, 1)));
        let clipped = super::rects(&buttons, Rect::new(0, 0, 15, 1));
        assert_eq!(clipped.len(), 2);
        assert_eq!(clipped[1].1.width, 2, "cut at the row's end");
    }
}
