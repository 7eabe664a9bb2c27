//! Tab completion in the command box: the parser's completion, fed the plans, incidents and events the panes hold, and the menu Tab cycles through.

use std::collections::BTreeMap;

use ratatui_textarea::CursorMove;

use crate::app::state::AppState;
use crate::app::state::command_box::CompletionMenu;
use crate::domain::chat_command::{self, Candidate, CompletionContext};
use crate::domain::command::COMMAND_NAMES;

/// Tab (`step` 1) or Shift-Tab (`step` -1). With the menu open, the next or previous candidate takes the
/// word's place. Otherwise the word at the cursor is completed: one fit is inserted (a command that needs
/// an incident gets the selected one); several open the menu after inserting what they share.
pub fn complete(state: &mut AppState, step: isize) {
    if let Some(menu) = &mut state.command.menu {
        let count = menu.candidates.len() as isize;
        let next = match menu.selected {
            None if step < 0 => count - 1,
            None => 0,
            Some(at) => (at as isize + step).rem_euclid(count),
        };
        menu.selected = Some(next as usize);
        let word = menu.candidates[next as usize].text.clone();
        let (line, cursor) = menu.line_with(&word);
        set_line(state, &line, cursor);
        return;
    }
    open(state);
}

fn open(state: &mut AppState) {
    let line = state.command.text();
    let cursor = state.command.input.cursor().1;
    let context = completion_context(state);
    let found = chat_command::complete(&line, cursor, &context);
    let chars: Vec<char> = line.chars().collect();
    let start = found.replace.start.min(chars.len());
    let end = found.replace.end.clamp(start, chars.len());
    let before: String = chars[..start].iter().collect();
    let after: String = chars[end..]
        .iter()
        .collect::<String>()
        .trim_start()
        .to_string();
    let typed: String = chars[start..end].iter().collect();
    let mut menu = CompletionMenu {
        before,
        typed,
        after,
        candidates: found.candidates,
        selected: None,
    };
    match menu.candidates.len() {
        0 => {}
        1 => {
            menu.selected = Some(0);
            state.command.menu = Some(menu);
            accept(state);
        }
        _ => {
            let shared = common_prefix(&menu.candidates);
            let extends = shared
                .to_lowercase()
                .starts_with(&menu.typed.to_lowercase());
            if extends && shared.chars().count() > menu.typed.chars().count() {
                menu.typed = shared;
            }
            let (line, cursor) = menu.line_with(&menu.typed);
            set_line(state, &line, cursor);
            state.command.menu = Some(menu);
        }
    }
}

/// Enter (or a single fit): the selected candidate stays, followed by one space unless the value goes on
/// or the line already has one; a command that needs an incident gets the selected one. Returns whether
/// there was a candidate to accept.
pub fn accept(state: &mut AppState) -> bool {
    let Some(menu) = state.command.menu.take() else {
        return false;
    };
    let Some(chosen) = menu.selected.and_then(|at| menu.candidates.get(at)) else {
        return false;
    };
    let (mut line, mut cursor) = menu.line_with(&chosen.text);
    if chosen.ends_a_word() {
        if menu.after.is_empty() {
            line.push(' ');
        }
        // The space is there either way: the cursor goes past it, ready for the next word.
        cursor += 1;
    }
    if COMMAND_NAMES.contains(&chosen.text.as_str())
        && let Some(filled) =
            chat_command::fill_selected_incident(&line, &completion_context(state))
    {
        let filled = format!("{} ", filled.trim_end());
        let end = filled.chars().count();
        set_line(state, &filled, end);
        return true;
    }
    set_line(state, &line, cursor);
    true
}

/// Esc: the menu closes and the word is put back as it was before cycling.
pub fn dismiss(state: &mut AppState) {
    if let Some(menu) = state.command.menu.take()
        && menu.selected.is_some()
    {
        let (line, cursor) = menu.line_with(&menu.typed);
        set_line(state, &line, cursor);
    }
}

fn set_line(state: &mut AppState, line: &str, cursor: usize) {
    state.command.set_text(line);
    state.command.input.move_cursor(CursorMove::Jump(
        0,
        cursor.min(usize::from(u16::MAX)) as u16,
    ));
}

fn completion_context(state: &AppState) -> CompletionContext {
    let plans = state.setup.plans.iter().filter(|p| !p.arn.is_empty());
    let mut titles: BTreeMap<String, String> = plans
        .clone()
        .map(|p| (p.arn.clone(), p.name.clone()))
        .collect();
    titles.extend(
        state
            .incidents
            .items
            .iter()
            .map(|i| (i.arn.clone(), i.title.clone())),
    );
    CompletionContext {
        plan_arns: plans.map(|p| p.arn.clone()).collect(),
        incident_arns: state
            .incidents
            .items
            .iter()
            .map(|i| i.arn.clone())
            .collect(),
        event_ids: state
            .timeline
            .events
            .iter()
            .rev()
            .take(50)
            .map(|e| e.summary.event_id.clone())
            .collect(),
        selected_incident: state.incidents.selected_arn().map(str::to_string),
        titles,
    }
}

fn common_prefix(candidates: &[Candidate]) -> String {
    let Some(first) = candidates.first().map(|c| c.text.as_str()) else {
        return String::new();
    };
    let mut len = first.len();
    for word in &candidates[1..] {
        len = len.min(
            first
                .bytes()
                .zip(word.text.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    first[..len].to_string()
}
