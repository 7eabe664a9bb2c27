//! The command box: editing, submit → parse → (confirm) → run, and what the answers leave under the box.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::{AppState, HistorySearch, Overlay};
use crate::domain::chat_command::{ChatLine, canonical_line, help_for, parse_chat_line};
use crate::domain::cli_output::render_output;
use crate::domain::cli_output::timestamps;
use crate::domain::cloud_error::CloudError;
use crate::domain::command::{IncidentCommand, READ_ONLY_REFUSAL};
use crate::domain::model::EventSummary;

use super::{completion, describe, history, incidents, line_edit, pager, related, timeline};

pub fn key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if state.command.search.is_some() {
        return history::search_key(state, action, key);
    }
    if state.command.menu.is_some() {
        match action {
            Some(Action::Complete | Action::CompleteBack) => {}
            // Enter keeps the chosen candidate; with none chosen yet it runs the line as usual.
            Some(Action::Submit) if completion::accept(state) => return Vec::new(),
            // Esc closes the menu and nothing else: the box keeps the keys.
            Some(Action::Leave) => {
                completion::dismiss(state);
                return Vec::new();
            }
            // Any other key takes the line as it shows and then does what it does.
            _ => state.command.menu = None,
        }
    }
    match action {
        Some(Action::Submit) => submit(state),
        Some(Action::Leave) => {
            state.focus = state.last_pane;
            Vec::new()
        }
        Some(Action::HistoryPrev) => {
            history::walk_history(state, -1);
            Vec::new()
        }
        Some(Action::HistoryNext) => {
            history::walk_history(state, 1);
            Vec::new()
        }
        Some(Action::HistorySearch) => {
            state.command.search = Some(HistorySearch::default());
            Vec::new()
        }
        // → moves the cursor unless it is at the end with a correction on offer (as fish accepts a suggestion).
        Some(Action::AcceptCorrection)
            if key.code == KeyCode::Right
                && (state.command.correction.is_none()
                    || !line_edit::at_end(&state.command.input)) =>
        {
            line_edit::edit(&mut state.command.input, key);
            Vec::new()
        }
        // Accepting puts the corrected line in the box for the user to read; only Enter runs it.
        Some(Action::AcceptCorrection) => {
            if let Some(line) = state.command.correction.take() {
                state.command.set_text(&line);
                state.command.output = CommandOutput::Text {
                    title: "corrected line in the box".into(),
                    body: "read it, then press enter to run it (nothing was sent)".into(),
                };
            }
            Vec::new()
        }
        Some(Action::CopyLine) => copy_line(state),
        Some(action @ (Action::PageUp | Action::PageDown)) => {
            pager::scroll_from_command(state, action)
        }
        Some(Action::Complete) => {
            completion::complete(state, 1);
            Vec::new()
        }
        Some(Action::CompleteBack) => {
            completion::complete(state, -1);
            Vec::new()
        }
        _ => {
            if line_edit::edit(&mut state.command.input, key) {
                state.command.history_pos = None;
                // An edited line is no longer the one the correction was offered for.
                state.command.correction = None;
            }
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
    state.command.menu = None;
    state.command.correction = None;
    let mut effects = vec![super::history::save(state, text.clone())];
    // Chat users type `help`; it is answered here, as the chat channel answers it, with no request.
    if let Some(help) = help_for(&text) {
        state.command.set_text("");
        state.command.output = CommandOutput::Text {
            title: "help".into(),
            body: help,
        };
        return effects;
    }
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
        state.overlay = Overlay::Confirm(Box::new(describe::pending(state, line, shown)));
        return Vec::new();
    }
    run(state, line)
}

pub fn refused(command: &IncidentCommand) -> CommandOutput {
    CommandOutput::Failed {
        title: command.cli_name().into(),
        message: READ_ONLY_REFUSAL.to_string(),
    }
}

fn run(state: &mut AppState, line: ChatLine) -> Vec<Effect> {
    state.command.running = Some((line.command.cli_name().to_string(), state.now));
    vec![Effect::RunCommand { line }]
}

pub fn confirm_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::CopyLine) => match &state.overlay {
            Overlay::Confirm(pending) => vec![Effect::CopyToClipboard(pending.shown.clone())],
            _ => Vec::new(),
        },
        Some(Action::Confirm) => match std::mem::take(&mut state.overlay) {
            Overlay::Confirm(pending) => {
                state.command.then = pending.then.clone();
                run(state, pending.line.clone())
            }
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

/// The raw response is rendered here, not in the effect: `--query` and `--output` are pure formatting, and the
/// response itself (not its rendering) says which incident a start created.
pub fn finished(
    state: &mut AppState,
    line: ChatLine,
    result: Result<serde_json::Value, CloudError>,
) -> Vec<Effect> {
    state.command.running = None;
    let then = state.command.then.take();
    let command = &line.command;
    match result {
        Err(error) => {
            state.command.output = CommandOutput::Failed {
                title: command.cli_name().into(),
                message: error.cli_message(command.operation()),
            };
            Vec::new()
        }
        Ok(response) => {
            // A write that succeeded changed AWS whatever its query makes of the answer.
            let mut effects = after_write(state, command, &response);
            state.command.output = match render_output(
                &timestamps::apply(&response, state.timestamps),
                line.query.as_deref(),
                line.output,
            ) {
                Ok(output) => CommandOutput::Text {
                    title: command.cli_name().into(),
                    body: if output.trim().is_empty() {
                        "done".into()
                    } else {
                        output
                    },
                },
                Err(message) => CommandOutput::Failed {
                    title: command.cli_name().into(),
                    message: CloudError::Validation {
                        code: "InvalidQuery".into(),
                        message,
                    }
                    .cli_message(command.operation()),
                },
            };
            effects.extend(timeline::fetch_visible_texts(state));
            // The second write was confirmed with the first; it runs only because the first succeeded.
            if let Some(next) = then {
                effects.extend(run(state, next));
            }
            effects
        }
    }
}

/// A successful write changes what the panes show: read the affected parts again at once.
fn after_write(
    state: &mut AppState,
    command: &IncidentCommand,
    response: &serde_json::Value,
) -> Vec<Effect> {
    if !command.is_mutating() {
        return Vec::new();
    }
    let mut effects = incidents::reload(state);
    let selected = state.incidents.selected_arn().map(str::to_string);
    match command {
        IncidentCommand::StartIncident { .. } => {
            // Show the incident just started, as the chat channel would.
            let started = response
                .get("incidentRecordArn")
                .and_then(|a| a.as_str())
                .map(str::to_string);
            if let Some(arn) = started {
                effects.extend(incidents::select(state, arn));
            }
        }
        IncidentCommand::CreateTimelineEvent {
            incident_record_arn,
            event_time,
            event_type,
            event_references,
            ..
        } if Some(incident_record_arn) == selected.as_ref() => {
            if let Some(event_id) = response.get("eventId").and_then(|id| id.as_str()) {
                effects.extend(timeline::created(
                    state,
                    EventSummary {
                        incident_record_arn: incident_record_arn.clone(),
                        event_id: event_id.to_string(),
                        event_time: *event_time,
                        event_updated_time: state.now,
                        event_type: event_type.clone(),
                        event_references: event_references.clone(),
                    },
                ));
            }
        }
        IncidentCommand::UpdateIncidentRecord { arn, .. } if Some(arn) == selected.as_ref() => {
            effects.push(Effect::LoadIncidentRecord { arn: arn.clone() });
        }
        IncidentCommand::UpdateRelatedItems {
            incident_record_arn,
            ..
        } if Some(incident_record_arn) == selected.as_ref() => {
            effects.extend(related::load(state));
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
            effects.extend(timeline::refetch(state, event_id));
        }
        _ => {}
    }
    if selected.is_some() {
        state.timeline.next_poll_at = Some(state.now);
        effects.extend(timeline::poll_if_due(state));
    }
    effects
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
