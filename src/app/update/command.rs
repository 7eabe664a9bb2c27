//! The command box: editing, history, submit → parse → (confirm) → run, and what the answers leave under the box.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_box::CommandOutput;
use crate::app::state::{AppState, HistorySearch, Overlay, PendingCommand};
use crate::cloud::CloudError;
use crate::domain::chat_command::{
    self, ChatLine, CompletionContext, canonical_line, parse_chat_line,
};
use crate::domain::command::COMMAND_NAMES;
use crate::domain::command::IncidentCommand;

use super::{incidents, timeline};

pub fn key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if state.command.search.is_some() {
        return search_key(state, action, key);
    }
    match action {
        Some(Action::Quit) => vec![Effect::Quit],
        Some(Action::Submit) => submit(state),
        Some(Action::Leave) => {
            state.command.completions.clear();
            state.focus = state.last_pane;
            Vec::new()
        }
        Some(Action::HistoryPrev) => {
            walk_history(state, -1);
            Vec::new()
        }
        Some(Action::HistoryNext) => {
            walk_history(state, 1);
            Vec::new()
        }
        Some(Action::HistorySearch) => {
            state.command.search = Some(HistorySearch::default());
            Vec::new()
        }
        Some(Action::AcceptCorrection) => match state.command.correction.take() {
            Some(line) => {
                state.command.set_text(&line);
                submit(state)
            }
            None => Vec::new(),
        },
        Some(Action::CopyLine) => copy_line(state),
        Some(Action::Complete) => {
            complete(state);
            Vec::new()
        }
        _ => {
            state.command.input.input(key);
            state.command.history_pos = None;
            state.command.completions.clear();
            Vec::new()
        }
    }
}

/// Enter: remember the line and parse it; nothing reaches AWS until the parse result is judged.
pub fn submit(state: &mut AppState) -> Vec<Effect> {
    let text = state.command.text().trim().to_string();
    if text.is_empty() {
        return Vec::new();
    }
    if let Some((running, _)) = &state.command.running {
        state.command.output = CommandOutput::Failed {
            title: "busy".into(),
            message: format!("still running: {running}"),
        };
        return Vec::new();
    }
    state.command.remember(&text);
    state.command.completions.clear();
    state.command.correction = None;
    let mut effects = vec![Effect::SaveHistory { line: text.clone() }];
    match parse_chat_line(&text) {
        Err(error) => {
            state.command.correction = error.corrected_line.clone();
            state.command.output = CommandOutput::Invalid { line: text, error };
        }
        Ok(line) => {
            state.command.set_text("");
            effects.extend(ask_or_run(state, line));
        }
    }
    effects
}

/// Reads run at once; writes ask first, showing the canonical chat line, and in read-only mode are
/// refused here, before any effect exists.
pub fn ask_or_run(state: &mut AppState, line: ChatLine) -> Vec<Effect> {
    let shown = canonical_line(&line);
    state.command.last_canonical = Some(shown.clone());
    if line.command.is_mutating() {
        if state.header.read_only {
            state.command.output = refused(&line.command);
            return Vec::new();
        }
        state.overlay = Overlay::Confirm(Box::new(PendingCommand { line, shown }));
        return Vec::new();
    }
    run(state, line)
}

pub fn refused(command: &IncidentCommand) -> CommandOutput {
    CommandOutput::Failed {
        title: command.cli_name().into(),
        message: format!(
            "read-only mode: {} changes AWS and is refused (no request was made)",
            command.cli_name()
        ),
    }
}

fn run(state: &mut AppState, line: ChatLine) -> Vec<Effect> {
    state.command.running = Some((line.command.cli_name().to_string(), state.now));
    vec![Effect::RunCommand { line }]
}

pub fn confirm_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Quit) => vec![Effect::Quit],
        Some(Action::Confirm) => match std::mem::take(&mut state.overlay) {
            Overlay::Confirm(pending) => run(state, pending.line.clone()),
            other => {
                state.overlay = other;
                Vec::new()
            }
        },
        Some(Action::Leave) => {
            state.overlay = Overlay::None;
            state.command.output = CommandOutput::Text {
                title: "cancelled".into(),
                body: "nothing was sent".into(),
            };
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn finished(
    state: &mut AppState,
    line: ChatLine,
    result: Result<String, CloudError>,
) -> Vec<Effect> {
    state.command.running = None;
    let command = &line.command;
    match result {
        Err(error) => {
            state.command.output = CommandOutput::Failed {
                title: command.cli_name().into(),
                message: error.cli_message(command.operation()),
            };
            Vec::new()
        }
        Ok(output) => {
            let mut effects = after_write(state, command, &output);
            state.command.output = CommandOutput::Text {
                title: command.cli_name().into(),
                body: if output.trim().is_empty() {
                    "done".into()
                } else {
                    output
                },
            };
            effects.extend(timeline::fetch_visible_texts(state));
            effects
        }
    }
}

/// A successful write changes what the panes show: read the affected parts again at once.
fn after_write(state: &mut AppState, command: &IncidentCommand, output: &str) -> Vec<Effect> {
    if !command.is_mutating() {
        return Vec::new();
    }
    let mut effects = incidents::reload(state);
    let selected = state.incidents.selected_arn.clone();
    match command {
        IncidentCommand::StartIncident { .. } => {
            // Show the incident just started, as the chat channel would.
            let started = serde_json::from_str::<serde_json::Value>(output)
                .ok()
                .and_then(|v| {
                    v.get("incidentRecordArn")
                        .and_then(|a| a.as_str())
                        .map(str::to_string)
                });
            if let Some(arn) = started {
                effects.extend(incidents::select(state, arn));
            }
        }
        IncidentCommand::UpdateIncidentRecord { arn, .. } if Some(arn) == selected.as_ref() => {
            effects.push(Effect::LoadIncidentRecord { arn: arn.clone() });
        }
        IncidentCommand::DeleteTimelineEvent {
            incident_record_arn,
            event_id,
        } if Some(incident_record_arn) == selected.as_ref() => state.timeline.forget(event_id),
        IncidentCommand::UpdateTimelineEvent {
            incident_record_arn,
            event_id,
            ..
        } if Some(incident_record_arn) == selected.as_ref() => {
            // An edit keeps its eventTime, so the incremental poll would not see it: read it directly.
            state.timeline.requested.retain(|(id, _)| id != event_id);
            effects.push(Effect::FetchEvent {
                arn: incident_record_arn.clone(),
                id: event_id.clone(),
            });
        }
        _ => {}
    }
    if selected.is_some() {
        state.timeline.next_poll_at = Some(state.now);
        effects.extend(timeline::poll_if_due(state));
    }
    effects
}

pub fn history_loaded(state: &mut AppState, lines: Vec<String>) -> Vec<Effect> {
    let typed_since = std::mem::take(&mut state.command.history);
    state.command.history = lines;
    for line in typed_since {
        state.command.remember(&line);
    }
    Vec::new()
}

fn walk_history(state: &mut AppState, step: isize) {
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
fn search_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let boxed = &mut state.command;
    match action {
        Some(Action::Quit) => return vec![Effect::Quit],
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

/// Copies the canonical form of the typed line (or, with the box empty, of the last command).
fn copy_line(state: &mut AppState) -> Vec<Effect> {
    let typed = state.command.text();
    let text = if typed.trim().is_empty() {
        state.command.last_canonical.clone()
    } else {
        match parse_chat_line(typed.trim()) {
            Ok(line) => Some(canonical_line(&line)),
            Err(error) => {
                state.command.correction = error.corrected_line.clone();
                state.command.output = CommandOutput::Invalid { line: typed, error };
                None
            }
        }
    };
    match text {
        Some(text) => {
            state.command.output = CommandOutput::Text {
                title: "copied to the clipboard".into(),
                body: text.clone(),
            };
            vec![Effect::CopyToClipboard(text)]
        }
        None => Vec::new(),
    }
}

/// Tab: complete the word at the cursor with the parser's completion, fed what the panes know. One
/// fit is inserted (and a command that needs an incident gets the selected one); several are listed.
fn complete(state: &mut AppState) {
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
        selected_incident: state.incidents.selected_arn.clone(),
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
