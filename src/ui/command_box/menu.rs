//! The completion menu under the command box's input: candidates with their descriptions, the selected one marked.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::keymap::{Action, Section};
use crate::app::state::AppState;
use crate::app::state::command_box::{CompletionMenu, MENU_ROWS};
use crate::ui::inert::inert;
use crate::ui::theme::Theme;

/// The candidates in view, one a row with its description, the selected one marked with `›` and reversed
/// (so it shows without colour), then which one of how many is in the line and the keys that move.
pub fn menu_lines(
    state: &AppState,
    theme: Theme,
    menu: &CompletionMenu,
    width: u16,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let top = menu.top();
    let in_view = &menu.candidates[top..(top + MENU_ROWS).min(menu.candidates.len())];
    let longest = in_view
        .iter()
        .map(|c| inert(&c.text).chars().count())
        .max()
        .unwrap_or(0);
    let longest_description = in_view
        .iter()
        .map(|c| inert(&c.description).chars().count())
        .max()
        .unwrap_or(0);
    // A long ARN gives up its head, not the title beside it, down to half the row.
    let room = width.saturating_sub(4);
    let column = longest
        .min(room.saturating_sub(longest_description))
        .max(longest.min(room / 2))
        .max(1);
    let mut lines: Vec<Line<'static>> = in_view
        .iter()
        .enumerate()
        .map(|(i, candidate)| {
            let selected = menu.selected == Some(top + i);
            let marker = if selected { "› " } else { "  " };
            let text = keep_tail(&inert(&candidate.text), column);
            let mut text_style = theme.key();
            if selected {
                text_style = text_style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![
                Span::styled(marker, theme.key()),
                Span::styled(format!("{text:<column$}"), text_style),
                Span::raw("  "),
                Span::styled(inert(&candidate.description).into_owned(), theme.dim()),
            ])
        })
        .collect();
    let key = |action, fallback: &'static str| {
        state
            .keymap
            .key_for(Section::Command, action)
            .unwrap_or(fallback)
            .to_string()
    };
    let position = match menu.selected {
        Some(at) => format!("{}/{}", at + 1, menu.candidates.len()),
        None => format!("{} candidates", menu.candidates.len()),
    };
    lines.push(Line::styled(
        format!(
            "── {position} · {}/{} cycle · {} accepts · {} closes",
            key(Action::Complete, "tab"),
            key(Action::CompleteBack, "backtab"),
            key(Action::Submit, "enter"),
            key(Action::Leave, "esc"),
        ),
        theme.dim(),
    ));
    lines
}

/// `text` cut to `width` characters keeping its end (where an ARN's id is), marked with `…`.
fn keep_tail(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - width + 1).collect();
    format!("…{tail}")
}
