//! An action's prompt: editing what is asked for, and on enter the command it stands for, to confirm.

use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_box::new_input;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::{AppState, Overlay, PromptKind};
use crate::app::update::{command, line_edit};
use crate::domain::command::IncidentCommand;
use crate::domain::model::{
    IncidentStatus, ItemIdentifier, ItemValue, RelatedItem, RelatedItemsUpdate,
};

use super::plan_picker::plan_template;
use super::{chat_line, update_record};

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
