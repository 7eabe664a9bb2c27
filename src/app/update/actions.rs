//! One-key incident actions: each asks for what it needs, builds the same `IncidentCommand` the command box parses, and confirms.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_box::new_input;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::{AppState, Focus, Overlay, Prompt, PromptKind, ViewPane};
use crate::domain::arn::Arn;
use crate::domain::chat_command::{ChatLine, OutputFormat};
use crate::domain::command::IncidentCommand;
use crate::domain::model::IncidentStatus;

use super::command;

mod export;
mod plan_picker;
mod prompt;

pub use export::export_finished;
pub use plan_picker::picker_key;
pub use prompt::prompt_key;

/// Event types a person writes; system events are read-only (aws-api.md §2.3).
const EDITABLE_TYPES: [&str; 2] = ["Custom Event", "Note"];

fn chat_line(command: IncidentCommand) -> ChatLine {
    ChatLine {
        command,
        region: None,
        query: None,
        output: OutputFormat::Json,
    }
}

fn fail(state: &mut AppState, title: &str, message: impl Into<String>) -> Vec<Effect> {
    state.command.output = CommandOutput::Failed {
        title: title.into(),
        message: message.into(),
    };
    Vec::new()
}

/// Whether the highlighted event can be the target of edit/delete: the timeline (pane or the incident view's
/// timeline half) has the keys.
fn timeline_has_keys(state: &AppState) -> bool {
    if state.incident_view.open {
        state.incident_view.pane == ViewPane::Timeline
    } else {
        state.focus == Focus::Timeline
    }
}

/// Every action takes its incident from one place, the highlighted row (`IncidentList::selected`), and its
/// event from the highlighted event of that incident's timeline. Every action here writes (export writes a
/// file, not AWS), so read-only mode stops them before any prompt.
pub fn start(state: &mut AppState, action: Action) -> Vec<Effect> {
    if action == Action::StartIncident {
        if state.header.read_only {
            return refuse_read_only(state, action);
        }
        if !state.setup.plans.iter().any(|p| p.read_error.is_none()) {
            return fail(state, "start incident", "no response plans loaded yet");
        }
        state.overlay = Overlay::PlanPicker { selected: 0 };
        return Vec::new();
    }
    let Some(incident) = state.incidents.selected().cloned() else {
        let why = if state.incidents.items.is_empty() {
            "no incident is listed"
        } else {
            "no incident is highlighted (the filter hides them all; esc in the filter clears it)"
        };
        return fail(
            state,
            action.description(),
            format!("{why}: nothing was done"),
        );
    };
    if action != Action::Export && state.header.read_only {
        return refuse_read_only(state, action);
    }
    let arn = incident.arn.clone();
    let prompt = |kind: PromptKind, text: &str| {
        let mut input = new_input("");
        input.insert_str(text);
        Overlay::Prompt(Box::new(Prompt {
            kind,
            arn: arn.clone(),
            title: incident.title.clone(),
            input,
            error: None,
        }))
    };
    match action {
        Action::Export => {
            let id = Arn::short_name(&arn);
            let file = format!("imdeck-export-{id}.md");
            let default = match &state.export_dir {
                Some(dir) => format!("{}/{file}", dir.trim_end_matches('/')),
                None => file,
            };
            state.overlay = prompt(PromptKind::ExportPath { replace: None }, &default);
        }
        Action::AddNote => state.overlay = prompt(PromptKind::Note, ""),
        Action::SetImpact => {
            state.overlay = prompt(PromptKind::Impact, &incident.impact.to_string())
        }
        Action::AddRelatedItem => state.overlay = prompt(PromptKind::RelatedItem, ""),
        // Resolving asks for an optional summary first; reopening needs no words.
        Action::ToggleResolved if incident.status == IncidentStatus::Open => {
            state.overlay = prompt(PromptKind::Resolution, "")
        }
        Action::ToggleResolved => {
            let line = chat_line(update_record(arn, None, Some(IncidentStatus::Open)));
            return command::ask_or_run(state, line);
        }
        Action::EditEvent | Action::DeleteEvent => {
            if !timeline_has_keys(state) {
                return fail(
                    state,
                    action.description(),
                    "highlight an event in the timeline first (tab moves to it)",
                );
            }
            // The timeline always belongs to the highlighted incident; the check keeps it so.
            let row = state
                .timeline
                .at_cursor()
                .filter(|_| state.timeline.arn.as_deref() == Some(arn.as_str()));
            let Some(row) = row else {
                return fail(
                    state,
                    action.description(),
                    "the timeline has no event highlighted",
                );
            };
            if !EDITABLE_TYPES.contains(&row.summary.event_type.as_str()) {
                return fail(
                    state,
                    action.description(),
                    format!(
                        "{} events are written by AWS and cannot be changed",
                        row.summary.event_type
                    ),
                );
            }
            let event_id = row.summary.event_id.clone();
            if action == Action::DeleteEvent {
                let line = chat_line(IncidentCommand::DeleteTimelineEvent {
                    incident_record_arn: arn,
                    event_id,
                });
                return command::ask_or_run(state, line);
            }
            // Edited as `n` takes it: a stored JSON string (the console's way) is shown without its quotes
            // and escapes, and the edit is stored as plain text, as a note is.
            let stored = state.timeline.text_of(row).unwrap_or_default();
            let text = match serde_json::from_str::<serde_json::Value>(stored) {
                Ok(serde_json::Value::String(inner)) => inner,
                _ => stored.to_string(),
            };
            state.overlay = prompt(PromptKind::EditEvent { event_id }, &text);
        }
        _ => {}
    }
    Vec::new()
}

fn refuse_read_only(state: &mut AppState, action: Action) -> Vec<Effect> {
    fail(
        state,
        action.description(),
        crate::domain::command::READ_ONLY_REFUSAL,
    )
}

fn update_record(
    arn: String,
    impact: Option<i32>,
    status: Option<IncidentStatus>,
) -> IncidentCommand {
    IncidentCommand::UpdateIncidentRecord {
        arn,
        title: None,
        summary: None,
        impact,
        status,
        chat_channel: None,
        notification_targets: None,
        client_token: None,
    }
}
