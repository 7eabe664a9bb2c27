//! One-key incident actions: each asks for what it needs, builds the same `IncidentCommand` the command box parses, and confirms.

use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::msg::ExportFailure;
use crate::app::state::command_box::{CommandOutput, new_input};
use crate::app::state::{AppState, Focus, Overlay, Prompt, PromptKind, ViewPane};
use crate::domain::arn::Arn;
use crate::domain::chat_command::{ChatLine, OutputFormat};
use crate::domain::command::IncidentCommand;
use crate::domain::model::{
    IncidentStatus, ItemIdentifier, ItemValue, RelatedItem, RelatedItemsUpdate,
};

use super::{command, line_edit, movement};

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

/// The plan's name as listed, and its template's title and impact when the snapshot has read the plan.
fn plan_template(state: &AppState, plan_arn: &str) -> (String, Option<(String, i32)>) {
    let name = state
        .setup
        .plans
        .iter()
        .find(|p| p.arn == plan_arn)
        .map_or_else(|| plan_arn.to_string(), |p| p.name.clone());
    let template = state
        .setup
        .snapshot
        .as_ref()
        .and_then(|s| s.plans.as_ref().ok())
        .and_then(|plans| {
            plans
                .iter()
                .filter_map(|p| p.as_ref().ok())
                .find(|p| p.arn == plan_arn)
        })
        .map(|p| {
            (
                p.incident_template.title.clone(),
                p.incident_template.impact,
            )
        });
    (name, template)
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

/// The response plan picker: j/k or ↑/↓ move, Enter shows the start command for confirmation.
pub fn picker_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    let Overlay::PlanPicker { selected } = &mut state.overlay else {
        return Vec::new();
    };
    let plans: Vec<String> = state
        .setup
        .plans
        .iter()
        .filter(|p| p.read_error.is_none())
        .map(|p| p.arn.clone())
        .collect();
    match action {
        Some(Action::Leave) => state.overlay = Overlay::None,
        Some(Action::Submit) => {
            let plan = plans.get(*selected).cloned();
            state.overlay = Overlay::None;
            if let Some(plan_arn) = plan {
                // The plan's own title is the default, as StartIncident without --title would use it.
                let (name, template) = plan_template(state, &plan_arn);
                let mut input = new_input("");
                input.insert_str(template.map(|(title, _)| title).unwrap_or_default());
                state.overlay = Overlay::Prompt(Box::new(Prompt {
                    kind: PromptKind::StartTitle,
                    arn: plan_arn,
                    title: name,
                    input,
                    error: None,
                }));
            }
        }
        Some(step @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
            *selected = movement::step(step, *selected, plans.len(), 1);
        }
        _ => {}
    }
    Vec::new()
}

pub fn prompt_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Prompt(prompt) = &mut state.overlay else {
        return Vec::new();
    };
    match action {
        Some(Action::Leave) => {
            state.overlay = Overlay::None;
            Vec::new()
        }
        Some(Action::Submit) if matches!(prompt.kind, PromptKind::ExportPath { .. }) => {
            let path = prompt.input.lines().join("").trim().to_string();
            if path.is_empty() {
                prompt.error = Some("type the file to write".into());
                return Vec::new();
            }
            let PromptKind::ExportPath { replace } = &prompt.kind else {
                return Vec::new();
            };
            let replace = replace.as_deref() == Some(path.as_str());
            let arn = prompt.arn.clone();
            state.overlay = Overlay::None;
            state.command.output = CommandOutput::Text {
                title: "export".into(),
                body: format!("exporting to {path} …"),
            };
            vec![Effect::ExportIncident { arn, path, replace }]
        }
        Some(Action::Submit) if prompt.kind == PromptKind::StartTitle => {
            let title = prompt.input.lines().join(" ").trim().to_string();
            if title.is_empty() {
                prompt.error = Some("type the incident's title".into());
                return Vec::new();
            }
            let plan_arn = prompt.arn.clone();
            let impact = plan_template(state, &plan_arn)
                .1
                .map_or(3, |(_, impact)| impact);
            let Overlay::Prompt(prompt) = &mut state.overlay else {
                return Vec::new();
            };
            prompt.kind = PromptKind::StartImpact { title };
            prompt.input = new_input("");
            prompt.input.insert_str(impact.to_string());
            prompt.error = None;
            Vec::new()
        }
        Some(Action::Submit) if prompt.kind == PromptKind::Resolution => {
            let summary = prompt.input.lines().join(" ").trim().to_string();
            let arn = prompt.arn.clone();
            state.overlay = Overlay::None;
            let resolve = chat_line(update_record(
                arn.clone(),
                None,
                Some(IncidentStatus::Resolved),
            ));
            let effects = command::ask_or_run(state, resolve);
            if !summary.is_empty()
                && let Overlay::Confirm(pending) = &mut state.overlay
            {
                pending.what.push_str(&format!(
                    ", then add the resolution summary as a note: “{summary}”"
                ));
                pending.then = Some(chat_line(IncidentCommand::CreateTimelineEvent {
                    incident_record_arn: arn,
                    event_time: state.now,
                    event_type: "Custom Event".into(),
                    event_data: format!("Resolution summary: {summary}"),
                    event_references: Vec::new(),
                    client_token: None,
                }));
            }
            effects
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
        // ↑ raises the impact (towards 1 critical), ↓ lowers it, as the scale is drawn.
        Some(step @ (Action::Up | Action::Down))
            if matches!(
                prompt.kind,
                PromptKind::Impact | PromptKind::StartImpact { .. }
            ) =>
        {
            let current = prompt
                .input
                .lines()
                .join("")
                .trim()
                .parse::<i32>()
                .unwrap_or(3);
            let next = if step == Action::Up {
                current - 1
            } else {
                current + 1
            }
            .clamp(1, 5);
            prompt.input = new_input("");
            prompt.input.insert_str(next.to_string());
            prompt.error = None;
            Vec::new()
        }
        Some(Action::Up | Action::Down) => Vec::new(),
        _ => {
            line_edit::edit(&mut prompt.input, key);
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
        PromptKind::ExportPath { .. } | PromptKind::StartTitle | PromptKind::Resolution => {
            Err("this prompt makes no command by itself".into())
        }
        PromptKind::StartImpact { title } => match text.parse::<i32>() {
            // The CLI's `start-incident --title --impact`: overrides of the plan's template.
            Ok(impact @ 1..=5) => Ok(IncidentCommand::StartIncident {
                response_plan_arn: arn,
                title: Some(title.clone()),
                impact: Some(impact),
                related_items: Vec::new(),
                trigger_details: None,
                client_token: None,
            }),
            _ => Err(format!("impact must be a number from 1 to 5, not `{text}`")),
        },
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
    arn: String,
    path: String,
    result: Result<(), ExportFailure>,
) -> Vec<Effect> {
    state.command.output = match result {
        Ok(()) => CommandOutput::Text {
            title: "export".into(),
            body: format!("{arn}\nwritten to {path}"),
        },
        Err(ExportFailure::AlreadyExists) => {
            // Ask again, naming the file: a second enter on the same name replaces it.
            let title = state
                .incidents
                .by_arn(&arn)
                .map(|i| i.title.clone())
                .unwrap_or_default();
            let mut input = new_input("");
            input.insert_str(&path);
            state.overlay = Overlay::Prompt(Box::new(Prompt {
                kind: PromptKind::ExportPath {
                    replace: Some(path.clone()),
                },
                arn,
                title,
                input,
                error: Some(format!(
                    "{path} exists: enter again replaces it, or type another name"
                )),
            }));
            CommandOutput::None
        }
        Err(ExportFailure::Failed(message)) => CommandOutput::Failed {
            title: "export".into(),
            message: format!("{path} was not written: {message}"),
        },
    };
    Vec::new()
}
