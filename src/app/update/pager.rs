//! The pager's keys: scroll, search and copy the command output, zoom it, leave it or clear it.

use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::output_rows::output_texts;
use crate::app::state::AppState;
use crate::app::state::command_box::new_input;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::pager::{Scroll, output_room, page_rows, view_for};

/// The rows as the command box draws them at the current screen size, and how many are in view. The pager
/// scrolls the rows on screen (wrapped to the width), so it asks the one function that builds them.
fn rows_and_page(state: &mut AppState) -> (Vec<String>, usize) {
    state.command.pager = view_for(&state.command.pager, &state.command.output);
    let (width, height) = state.viewport;
    let rows = output_texts(state, width);
    let completions = state.command.menu_rows();
    let focused = state.command.pager_has_keys();
    let room = output_room(height, completions, focused, state.command.pager.zoomed);
    let page = page_rows(rows.len(), usize::from(room), focused);
    (rows, page)
}

fn scroll_of(action: Action) -> Option<Scroll> {
    match action {
        Action::Up => Some(Scroll::Up),
        Action::Down => Some(Scroll::Down),
        Action::PageUp => Some(Scroll::PageUp),
        Action::PageDown => Some(Scroll::PageDown),
        Action::Top => Some(Scroll::Top),
        Action::Bottom => Some(Scroll::Bottom),
        _ => None,
    }
}

/// From a pane: `p` gives the pager the keys (when there is an output), `esc` clears the output.
pub fn pane_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::OpenPager if state.command.output != CommandOutput::None => {
            state.command.pager = view_for(&state.command.pager, &state.command.output);
            state.command.pager.focused = true;
            let (rows, page) = rows_and_page(state);
            state.command.pager.clamp(rows.len(), page);
        }
        Action::ClearOutput => clear(state),
        _ => {}
    }
    Vec::new()
}

/// PgUp/PgDn in the command box scroll the output under it without leaving the line being typed.
pub fn scroll_from_command(state: &mut AppState, action: Action) -> Vec<Effect> {
    if let Some(scroll) = scroll_of(action) {
        let (rows, page) = rows_and_page(state);
        state.command.pager.scroll(scroll, rows.len(), page);
    }
    Vec::new()
}

fn clear(state: &mut AppState) {
    state.command.output = CommandOutput::None;
    state.command.pager = Default::default();
}

/// The keys while the pager has them.
pub fn key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    let Some(action) = action else {
        return Vec::new();
    };
    let (rows, page) = rows_and_page(state);
    if action == Action::ClearOutput {
        clear(state);
        return Vec::new();
    }
    let pager = &mut state.command.pager;
    if let Some(scroll) = scroll_of(action) {
        pager.scroll(scroll, rows.len(), page);
        return Vec::new();
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Leave => {
            pager.focused = false;
            pager.zoomed = false;
            pager.search_input = None;
        }
        Action::Search => {
            let mut input = new_input("text to find");
            input.insert_str(&pager.query);
            pager.search_input = Some(input);
        }
        Action::NextMatch => pager.next_match(&rows, page, true),
        Action::PrevMatch => pager.next_match(&rows, page, false),
        Action::Zoom => {
            pager.zoomed = !pager.zoomed;
            let (rows, page) = rows_and_page(state);
            state.command.pager.clamp(rows.len(), page);
        }
        Action::CopyOutput => {
            let text = state.command.output.plain_text();
            let lines = text.lines().count();
            state.command.pager.note = Some(format!(
                "copied {lines} line{} to the clipboard (OSC 52)",
                if lines == 1 { "" } else { "s" }
            ));
            return vec![Effect::CopyToClipboard(text)];
        }
        _ => {}
    }
    Vec::new()
}

/// The keys while the search is typed: enter applies it and moves to the first match, esc drops it.
pub fn search_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    match action {
        Some(Action::Submit) => {
            let query = state
                .command
                .pager
                .search_input
                .take()
                .map(|input| input.lines().join(" "))
                .unwrap_or_default();
            let (rows, page) = rows_and_page(state);
            state.command.pager.search(query, &rows, page);
        }
        Some(Action::Leave) => state.command.pager.search_input = None,
        _ => {
            if let Some(input) = &mut state.command.pager.search_input {
                input.input(key);
            }
        }
    }
    Vec::new()
}

/// A new screen size wraps the rows anew and changes the page: the view is kept inside them. Another width
/// numbers the rows differently, so the current match is let go (the matches stay marked; n finds the next).
pub fn resized(state: &mut AppState, old_width: u16) {
    let (rows, page) = rows_and_page(state);
    let pager = &mut state.command.pager;
    if state.viewport.0 != old_width {
        pager.current = None;
    }
    pager.clamp(rows.len(), page);
}
