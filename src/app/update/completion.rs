//! Tab completion in the command box: the parser's completion, fed the plans, incidents and events the panes hold.

use ratatui_textarea::CursorMove;

use crate::app::state::AppState;
use crate::domain::chat_command::{self, CompletionContext};
use crate::domain::command::COMMAND_NAMES;

/// Tab: complete the word at the cursor with the parser's completion, fed what the panes know. One
/// fit is inserted (and a command that needs an incident gets the selected one); several are listed.
pub fn complete(state: &mut AppState) {
    let line = state.command.text();
    let cursor = state.command.input.cursor().1;
    let context = completion_context(state);
    let found = chat_command::complete(&line, cursor, &context);
    let chars: Vec<char> = line.chars().collect();
    let start = found.replace.start.min(chars.len());
    let end = found.replace.end.clamp(start, chars.len());
    let before: String = chars[..start].iter().collect();
    let after: String = chars[end..].iter().collect();
    let typed: String = chars[start..end].iter().collect();
    let insert = match found.candidates.as_slice() {
        [] => None,
        [only] => Some(format!("{only} ")),
        many => Some(common_prefix(many)).filter(|p| p.chars().count() > typed.chars().count()),
    };
    state.command.completions = if found.candidates.len() > 1 {
        found.candidates.clone()
    } else {
        Vec::new()
    };
    let Some(insert) = insert else { return };
    let mut completed = format!("{before}{insert}");
    let cursor_at = completed.chars().count();
    completed.push_str(after.trim_start());
    if found.candidates.len() == 1
        && COMMAND_NAMES.contains(&found.candidates[0].as_str())
        && let Some(filled) = chat_command::fill_selected_incident(&completed, &context)
    {
        state.command.set_text(&format!("{} ", filled.trim_end()));
        return;
    }
    state.command.set_text(&completed);
    state.command.input.move_cursor(CursorMove::Jump(
        0,
        cursor_at.min(usize::from(u16::MAX)) as u16,
    ));
}

fn completion_context(state: &AppState) -> CompletionContext {
    CompletionContext {
        plan_arns: state
            .setup
            .plans
            .iter()
            .filter(|p| !p.arn.is_empty())
            .map(|p| p.arn.clone())
            .collect(),
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
    }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut len = first.len();
    for word in &words[1..] {
        len = len.min(
            first
                .bytes()
                .zip(word.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    first[..len].to_string()
}
