//! One-key incident actions: each asks for what it needs, builds the same `IncidentCommand` the command box parses, and confirms.

use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_box::{CommandOutput, new_input};
use crate::app::state::{AppState, Focus, Overlay, Prompt, PromptKind};
use crate::domain::chat_command::{ChatLine, OutputFormat};
use crate::domain::command::IncidentCommand;
use crate::domain::model::{
    IncidentStatus, ItemIdentifier, ItemValue, RelatedItem, RelatedItemsUpdate,
};

use super::command;

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

/// Every action here writes (export writes a file, not AWS), so read-only mode stops them before any prompt.
pub fn start(state: &mut AppState, action: Action) -> Vec<Effect> {
    if action == Action::Export {
        return match state.incidents.selected_arn.clone() {
            Some(arn) => {
                state.command.output = CommandOutput::Text {
                    title: "export".into(),
                    body: format!("exporting {arn} …"),
                };
                vec![Effect::ExportIncident { arn }]
            }
            None => fail(state, "export", "select an incident first"),
        };
    }
    if state.header.read_only {
        return fail(
            state,
            "read-only",
            format!(
                "read-only mode: {} is refused (no request was made)",
                action.description()
            ),
        );
    }
    if action == Action::StartIncident {
        if !state.setup.plans.iter().any(|p| p.read_error.is_none()) {
            return fail(state, "start incident", "no response plans loaded yet");
        }
        state.overlay = Overlay::PlanPicker { selected: 0 };
        return Vec::new();
    }
    let Some(incident) = state.incidents.selected().cloned() else {
        return fail(state, action.description(), "select an incident first");
    };
    let arn = incident.arn.clone();
    let prompt = |kind: PromptKind, text: &str| {
        let mut input = new_input("");
        input.insert_str(text);
        Overlay::Prompt(Box::new(Prompt {
            kind,
            arn: arn.clone(),
            input,
            error: None,
        }))
    };
    match action {
        Action::AddNote => state.overlay = prompt(PromptKind::Note, ""),
        Action::SetImpact => {
            state.overlay = prompt(PromptKind::Impact, &incident.impact.to_string())
        }
        Action::AddRelatedItem => state.overlay = prompt(PromptKind::RelatedItem, ""),
        Action::ToggleResolved => {
            let status = match incident.status {
                IncidentStatus::Open => IncidentStatus::Resolved,
                IncidentStatus::Resolved => IncidentStatus::Open,
            };
            return command::ask_or_run(state, chat_line(update_record(arn, None, Some(status))));
        }
        Action::EditEvent | Action::DeleteEvent => {
            if state.focus != Focus::Timeline {
                return fail(
                    state,
                    action.description(),
                    "select an event in the timeline first",
                );
            }
            let Some(row) = state.timeline.at_cursor() else {
                return fail(
                    state,
                    action.description(),
                    "the timeline has no event selected",
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
            let text = state.timeline.text_of(row).unwrap_or_default().to_string();
            state.overlay = prompt(PromptKind::EditEvent { event_id }, &text);
        }
        _ => {}
    }
    Vec::new()
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

pub fn prompt_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Overlay::PlanPicker { selected } = &mut state.overlay {
        let plans = state
            .setup
            .plans
            .iter()
            .filter(|p| p.read_error.is_none())
            .count();
        match action {
            Some(Action::Quit) => return vec![Effect::Quit],
            Some(Action::Up) => *selected = selected.saturating_sub(1),
            Some(Action::Down) => *selected = (*selected + 1).min(plans.saturating_sub(1)),
            Some(Action::Leave) => state.overlay = Overlay::None,
            Some(Action::Submit) => {
                let index = *selected;
                state.overlay = Overlay::None;
                let plan = state
                    .setup
                    .plans
                    .iter()
                    .filter(|p| p.read_error.is_none())
                    .nth(index);
                if let Some(plan) = plan {
                    let line = chat_line(IncidentCommand::StartIncident {
                        response_plan_arn: plan.arn.clone(),
                        title: None,
                        impact: None,
                        related_items: Vec::new(),
                        trigger_details: None,
                        client_token: None,
                    });
                    return command::ask_or_run(state, line);
                }
            }
            _ => {}
        }
        return Vec::new();
    }
    let Overlay::Prompt(prompt) = &mut state.overlay else {
        return Vec::new();
    };
    match action {
        Some(Action::Quit) => vec![Effect::Quit],
        Some(Action::Leave) => {
            state.overlay = Overlay::None;
            Vec::new()
        }
        Some(Action::Submit) => {
            let text = prompt.input.lines().join(" ").trim().to_string();
            match build(&prompt.kind, &prompt.arn, &text, state.now) {
                Ok(command) => {
                    state.overlay = Overlay::None;
                    command::ask_or_run(state, chat_line(command))
                }
                Err(message) => {
                    prompt.error = Some(message);
                    Vec::new()
                }
            }
        }
        Some(Action::Up | Action::Down) => Vec::new(),
        _ => {
            prompt.input.input(key);
            prompt.error = None;
            Vec::new()
        }
    }
}

/// Turns what was typed into a prompt into the command it stands for.
pub fn build(
    kind: &PromptKind,
    arn: &str,
    text: &str,
    now: crate::domain::model::Timestamp,
) -> Result<IncidentCommand, String> {
    let arn = arn.to_string();
    match kind {
        PromptKind::Note => {
            if text.is_empty() {
                return Err("type the note's text".into());
            }
            Ok(IncidentCommand::CreateTimelineEvent {
                incident_record_arn: arn,
                event_time: now,
                event_type: "Custom Event".into(),
                event_data: text.into(),
                event_references: Vec::new(),
                client_token: None,
            })
        }
        PromptKind::Impact => match text.parse::<i32>() {
            Ok(impact @ 1..=5) => Ok(update_record(arn, Some(impact), None)),
            _ => Err(format!("impact must be a number from 1 to 5, not `{text}`")),
        },
        PromptKind::EditEvent { event_id } => {
            if text.is_empty() {
                return Err("an event needs text; use delete to remove it".into());
            }
            Ok(IncidentCommand::UpdateTimelineEvent {
                incident_record_arn: arn,
                event_id: event_id.clone(),
                event_time: None,
                event_type: None,
                event_data: Some(text.into()),
                event_references: None,
                client_token: None,
            })
        }
        PromptKind::RelatedItem => {
            let (value, title) = match text.split_once(char::is_whitespace) {
                Some((v, t)) => (v, Some(t.trim().to_string()).filter(|t| !t.is_empty())),
                None => (text, None),
            };
            let (item_type, value) = if value.starts_with("arn:") {
                ("INVOLVED_RESOURCE", ItemValue::Arn(value.into()))
            } else if value.starts_with("https://") || value.starts_with("http://") {
                ("OTHER", ItemValue::Url(value.into()))
            } else {
                return Err("start with a URL (https://…) or an ARN (arn:…)".into());
            };
            Ok(IncidentCommand::UpdateRelatedItems {
                incident_record_arn: arn,
                related_items_update: RelatedItemsUpdate::ItemToAdd(RelatedItem {
                    identifier: ItemIdentifier {
                        item_type: item_type.into(),
                        value,
                    },
                    title,
                    generated_id: None,
                }),
                client_token: None,
            })
        }
    }
}

pub fn export_finished(
    state: &mut AppState,
    arn: &str,
    result: Result<String, String>,
) -> Vec<Effect> {
    state.command.output = match result {
        Ok(path) => CommandOutput::Text {
            title: "export".into(),
            body: format!("{arn}\nwritten to {path}"),
        },
        Err(message) => CommandOutput::Failed {
            title: "export".into(),
            message,
        },
    };
    Vec::new()
}
