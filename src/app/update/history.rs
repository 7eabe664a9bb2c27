//! Command history: walking it with ↑/↓, searching it with Ctrl-R, and merging the persisted lines.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::{AppState, HistoryScope};

/// Loads the history of where imdeck now points when that changed (start-up, or the account became known): the
/// lines shown so far belonged to another scope and are dropped from the box (they stay in their own file).
pub fn follow_scope(state: &mut AppState) -> Vec<Effect> {
    let scope = HistoryScope::of(&state.header);
    if state.command.history_scope.as_ref() == Some(&scope) {
        return Vec::new();
    }
    state.command.history.clear();
    state.command.history_pos = None;
    state.command.search = None;
    state.command.history_scope = Some(scope.clone());
    vec![Effect::LoadHistory { scope }]
}

/// Where a submitted line is saved: the box's scope, or where imdeck points if none was loaded yet.
pub fn save(state: &AppState, line: String) -> Effect {
    let scope = state
        .command
        .history_scope
        .clone()
        .unwrap_or_else(|| HistoryScope::of(&state.header));
    Effect::SaveHistory { scope, line }
}

pub fn history_loaded(
    state: &mut AppState,
    scope: HistoryScope,
    lines: Vec<String>,
) -> Vec<Effect> {
    if state.command.history_scope.as_ref() != Some(&scope) {
        // The account became known while this was read: that account's own history is on its way.
        return Vec::new();
    }
    let typed_since = std::mem::take(&mut state.command.history);
    state.command.history = lines;
    for line in typed_since {
        state.command.remember(&line);
    }
    Vec::new()
}

pub fn walk_history(state: &mut AppState, step: isize) {
    let boxed = &mut state.command;
    if boxed.history.is_empty() {
        return;
    }
    let last = boxed.history.len() - 1;
    let next = match (boxed.history_pos, step < 0) {
        (None, true) => {
            boxed.draft = boxed.text();
            Some(last)
        }
        (None, false) => return,
        (Some(p), true) => Some(p.saturating_sub(1)),
        (Some(p), false) if p >= last => None,
        (Some(p), false) => Some(p + 1),
    };
    let text = match next {
        Some(p) => boxed.history[p].clone(),
        None => boxed.draft.clone(),
    };
    boxed.set_text(&text);
    boxed.history_pos = next;
}

/// Ctrl-R mode: typing narrows, Ctrl-R again goes to an older match, Enter takes the match, Esc gives up.
pub fn search_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let boxed = &mut state.command;
    match action {
        Some(Action::HistorySearch) => {
            if let Some(search) = &mut boxed.search {
                search.skip += 1;
            }
            if boxed.search_match().is_none()
                && let Some(search) = &mut boxed.search
            {
                search.skip = search.skip.saturating_sub(1);
            }
        }
        Some(Action::Submit) => {
            if let Some(found) = boxed.search_match().map(str::to_string) {
                boxed.set_text(&found);
            }
            boxed.search = None;
        }
        Some(Action::Leave) => boxed.search = None,
        _ => {
            if let Some(search) = &mut boxed.search {
                match key.code {
                    KeyCode::Backspace => {
                        search.query.pop();
                    }
                    KeyCode::Char(c)
                        if !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        search.query.push(c);
                        search.skip = 0;
                    }
                    _ => {}
                }
            }
        }
    }
    Vec::new()
}
