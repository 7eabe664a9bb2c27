//! Readline editing for every one-line text field (command box, filter, prompts): the keys a shell user's fingers know.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

/// Applies one key to a one-line field as readline would. Returns whether the text changed. Keys that would
/// add a second line (Enter, Ctrl-J, Ctrl-M) never reach the field: Enter belongs to the caller.
pub fn edit(input: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if ctrl => match c {
            'a' => moved(input, CursorMove::Head),
            'e' => moved(input, CursorMove::End),
            'b' => moved(input, CursorMove::Back),
            'f' => moved(input, CursorMove::Forward),
            'u' => input.delete_line_by_head(),
            'k' => input.delete_line_by_end(),
            'w' => input.delete_word(),
            'h' => input.delete_char(),
            'd' => input.delete_next_char(),
            'z' | '_' => input.undo(),
            _ => false,
        },
        KeyCode::Char(c) if alt => match c {
            'b' => moved(input, CursorMove::WordBack),
            'f' => word_end(input),
            'd' => input.delete_next_word(),
            _ => false,
        },
        KeyCode::Backspace if alt => input.delete_word(),
        KeyCode::Left if ctrl || alt => moved(input, CursorMove::WordBack),
        KeyCode::Right if ctrl || alt => word_end(input),
        KeyCode::Left => moved(input, CursorMove::Back),
        KeyCode::Right => moved(input, CursorMove::Forward),
        KeyCode::Home => moved(input, CursorMove::Head),
        KeyCode::End => moved(input, CursorMove::End),
        KeyCode::Enter => false,
        _ => input.input_without_shortcuts(key),
    }
}

/// True when the cursor sits after the last character: where → accepts a suggestion, as in fish.
pub fn at_end(input: &TextArea<'static>) -> bool {
    let ratatui_textarea::DataCursor(row, col) = input.cursor();
    let lines = input.lines();
    row + 1 >= lines.len() && col >= lines.get(row).map_or(0, |l| l.chars().count())
}

/// Readline's forward-word: past the next word's last character (textarea's own moves stop on it or at the
/// next word's start).
fn word_end(input: &mut TextArea<'static>) -> bool {
    let ratatui_textarea::DataCursor(row, col) = input.cursor();
    let chars: Vec<char> = input
        .lines()
        .get(row)
        .map(|l| l.chars().collect())
        .unwrap_or_default();
    let mut at = col.min(chars.len());
    while at < chars.len() && !chars[at].is_alphanumeric() {
        at += 1;
    }
    while at < chars.len() && chars[at].is_alphanumeric() {
        at += 1;
    }
    let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    moved(input, CursorMove::Jump(to(row), to(at)))
}

fn moved(input: &mut TextArea<'static>, to: CursorMove) -> bool {
    input.move_cursor(to);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextArea<'static> {
        let mut input = TextArea::default();
        input.insert_str(text);
        input
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn text(input: &TextArea<'static>) -> String {
        input.lines().join("\n")
    }

    #[test]
    fn ctrl_u_kills_to_the_start_and_ctrl_k_to_the_end() {
        let mut input = field("list-incident-records --max-results 5");
        edit(&mut input, key(KeyCode::Char('b'), KeyModifiers::ALT));
        edit(&mut input, key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(text(&input), "5");
        let mut input = field("abc def");
        edit(&mut input, key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        edit(&mut input, key(KeyCode::Char('f'), KeyModifiers::ALT));
        edit(&mut input, key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(text(&input), "abc");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut input = field("get-incident-record --arn");
        assert!(edit(
            &mut input,
            key(KeyCode::Char('w'), KeyModifiers::CONTROL)
        ));
        assert_eq!(text(&input), "get-incident-record --");
    }

    #[test]
    fn ctrl_a_and_ctrl_e_move_to_the_ends() {
        let mut input = field("bc");
        edit(&mut input, key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        assert!(!at_end(&input));
        edit(&mut input, key(KeyCode::Char('a'), KeyModifiers::NONE));
        edit(&mut input, key(KeyCode::Char('e'), KeyModifiers::CONTROL));
        assert!(at_end(&input));
        edit(&mut input, key(KeyCode::Char('d'), KeyModifiers::NONE));
        assert_eq!(text(&input), "abcd");
    }

    #[test]
    fn no_key_adds_a_second_line() {
        let mut input = field("one");
        for k in [
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Char('j'), KeyModifiers::CONTROL),
            key(KeyCode::Char('m'), KeyModifiers::CONTROL),
        ] {
            edit(&mut input, k);
        }
        assert_eq!(input.lines().len(), 1);
    }
}
