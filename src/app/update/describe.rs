//! A write in words before it is confirmed: what will happen, to which incident (as listed) and which event.

use crate::app::state::{AppState, PendingCommand};
use crate::domain::chat_command::ChatLine;
use crate::domain::command::IncidentCommand;
use crate::domain::model::{
    IncidentStatus, ItemValue, RelatedItem, RelatedItemsUpdate, impact_label,
};

/// The confirmation's content, built from the same line that will run: the target is read from the command
/// itself (never from what is highlighted now), then named by what the list and the timeline know of it.
pub fn pending(state: &AppState, line: ChatLine, shown: String) -> PendingCommand {
    let command = &line.command;
    let incident_arn = command.incident_arn();
    let incident = incident_arn.and_then(|arn| state.incidents.by_arn(arn).cloned());
    let event = event_id(command).and_then(|id| {
        let row = state
            .timeline
            .find(id)
            .filter(|_| state.timeline.arn.as_deref() == incident_arn)?;
        let text = state.timeline.text_of(row).map(str::to_string);
        Some((row.summary.event_time, row.summary.event_type.clone(), text))
    });
    PendingCommand {
        what: what(state, command),
        incident_arn: incident_arn.map(str::to_string),
        incident,
        event,
        shown,
        line,
        then: None,
    }
}

fn event_id(command: &IncidentCommand) -> Option<&str> {
    match command {
        IncidentCommand::UpdateTimelineEvent { event_id, .. }
        | IncidentCommand::DeleteTimelineEvent { event_id, .. } => Some(event_id),
        _ => None,
    }
}

/// The operation in plain words.
fn what(state: &AppState, command: &IncidentCommand) -> String {
    match command {
        IncidentCommand::StartIncident {
            response_plan_arn,
            title,
            impact,
            ..
        } => {
            let plan = state
                .setup
                .plans
                .iter()
                .find(|p| &p.arn == response_plan_arn)
                .map_or_else(|| response_plan_arn.clone(), |p| p.name.clone());
            let mut text = format!("Start a new incident from response plan “{plan}”");
            if let Some(title) = title {
                text.push_str(&format!(", titled “{title}”"));
            }
            if let Some(impact) = impact {
                text.push_str(&format!(", impact {impact} ({})", impact_label(*impact)));
            }
            text
        }
        IncidentCommand::UpdateIncidentRecord {
            arn,
            title,
            summary,
            impact,
            status,
            chat_channel,
            notification_targets,
            ..
        } => {
            let before = state.incidents.by_arn(arn);
            let mut changes = Vec::new();
            match status {
                Some(IncidentStatus::Resolved) => changes.push("Resolve the incident".to_string()),
                Some(IncidentStatus::Open) => changes.push("Reopen the incident".to_string()),
                None => {}
            }
            if let Some(impact) = impact {
                let from = before
                    .map(|b| format!("{} ({}) → ", b.impact, impact_label(b.impact)))
                    .unwrap_or_default();
                changes.push(format!(
                    "Change the impact {from}{impact} ({})",
                    impact_label(*impact)
                ));
            }
            if let Some(title) = title {
                changes.push(format!("Rename the incident to “{title}”"));
            }
            if summary.is_some() {
                changes.push("Replace the incident's summary".into());
            }
            if chat_channel.is_some() {
                changes.push("Replace the incident's chat channel".into());
            }
            if notification_targets.is_some() {
                changes.push("Replace the incident's notification targets".into());
            }
            if changes.is_empty() {
                "Update the incident record (no field changes)".into()
            } else {
                changes.join("; ")
            }
        }
        IncidentCommand::CreateTimelineEvent {
            event_type,
            event_data,
            ..
        } => format!("Add a “{event_type}” event to the timeline: “{event_data}”"),
        IncidentCommand::UpdateTimelineEvent { event_data, .. } => match event_data {
            Some(text) => format!("Change the event's text to “{text}”"),
            None => "Change the event".into(),
        },
        IncidentCommand::DeleteTimelineEvent { .. } => {
            "Delete the event from the timeline (this cannot be undone)".into()
        }
        IncidentCommand::UpdateRelatedItems {
            related_items_update,
            ..
        } => match related_items_update {
            RelatedItemsUpdate::ItemToAdd(item) => {
                format!("Add the related item {}", item_words(item))
            }
            RelatedItemsUpdate::ItemToRemove(identifier) => format!(
                "Remove the related item {} ({})",
                value_words(&identifier.value),
                identifier.item_type
            ),
        },
        other => format!("Run {}", other.cli_name()),
    }
}

fn item_words(item: &RelatedItem) -> String {
    let value = value_words(&item.identifier.value);
    match &item.title {
        Some(title) => format!("“{title}” ({value})"),
        None => value,
    }
}

fn value_words(value: &ItemValue) -> String {
    match value {
        ItemValue::Arn(arn) => arn.clone(),
        ItemValue::Url(url) => url.clone(),
        ItemValue::MetricDefinition(definition) => format!("metric {definition}"),
        ItemValue::PagerDutyIncidentDetail(detail) => format!("PagerDuty incident {}", detail.id),
    }
}
