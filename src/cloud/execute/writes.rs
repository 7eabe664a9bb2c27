//! The six mutating chat commands; reachable only through `CloudWriter`, which read-only mode never creates.

use aws_sdk_ssmincidents::Client;
use serde_json::Value;

use super::output::{object, top};
use crate::cloud::CloudError;
use crate::cloud::convert::{date_time, to_requests};
use crate::cloud::errors_map::from_sdk;
use crate::domain::command::IncidentCommand;

fn s(v: &str) -> Option<Value> {
    Some(Value::String(v.to_string()))
}

/// Runs a mutating command; `None` when the command is a read.
pub async fn run(client: &Client, cmd: &IncidentCommand) -> Option<Result<Value, CloudError>> {
    Some(match cmd {
        IncidentCommand::StartIncident {
            response_plan_arn,
            title,
            impact,
            related_items,
            trigger_details,
            client_token,
        } => {
            start_incident(
                client,
                response_plan_arn,
                title.as_deref(),
                *impact,
                related_items,
                trigger_details.as_ref(),
                client_token.as_deref(),
            )
            .await
        }
        IncidentCommand::UpdateIncidentRecord {
            arn,
            title,
            summary,
            impact,
            status,
            chat_channel,
            notification_targets,
            client_token,
        } => client
            .update_incident_record()
            .arn(arn)
            .set_title(title.clone())
            .set_summary(summary.clone())
            .set_impact(*impact)
            .set_status(status.map(to_requests::status))
            .set_chat_channel(chat_channel.as_ref().map(to_requests::chat_channel))
            .set_notification_targets(
                notification_targets
                    .as_ref()
                    .map(|t| t.iter().map(to_requests::notification_target).collect()),
            )
            .set_client_token(client_token.clone())
            .send()
            .await
            .map(|_| Value::Null)
            .map_err(from_sdk),
        IncidentCommand::CreateTimelineEvent {
            incident_record_arn,
            event_time,
            event_type,
            event_data,
            event_references,
            client_token,
        } => client
            .create_timeline_event()
            .incident_record_arn(incident_record_arn)
            .event_time(date_time(*event_time))
            .event_type(event_type)
            .event_data(event_data)
            .set_event_references(references(event_references))
            .set_client_token(client_token.clone())
            .send()
            .await
            .map(|out| {
                top(object(vec![
                    ("eventId", s(&out.event_id)),
                    ("incidentRecordArn", s(&out.incident_record_arn)),
                ]))
            })
            .map_err(from_sdk),
        IncidentCommand::UpdateTimelineEvent {
            incident_record_arn,
            event_id,
            event_time,
            event_type,
            event_data,
            event_references,
            client_token,
        } => client
            .update_timeline_event()
            .incident_record_arn(incident_record_arn)
            .event_id(event_id)
            .set_event_time(event_time.map(date_time))
            .set_event_type(event_type.clone())
            .set_event_data(event_data.clone())
            .set_event_references(
                event_references
                    .as_ref()
                    .map(|r| r.iter().map(to_requests::event_reference).collect()),
            )
            .set_client_token(client_token.clone())
            .send()
            .await
            .map(|_| Value::Null)
            .map_err(from_sdk),
        IncidentCommand::DeleteTimelineEvent {
            incident_record_arn,
            event_id,
        } => client
            .delete_timeline_event()
            .incident_record_arn(incident_record_arn)
            .event_id(event_id)
            .send()
            .await
            .map(|_| Value::Null)
            .map_err(from_sdk),
        IncidentCommand::UpdateRelatedItems {
            incident_record_arn,
            related_items_update,
            client_token,
        } => match to_requests::related_items_update(related_items_update) {
            Err(e) => Err(e),
            Ok(update) => client
                .update_related_items()
                .incident_record_arn(incident_record_arn)
                .related_items_update(update)
                .set_client_token(client_token.clone())
                .send()
                .await
                .map(|_| Value::Null)
                .map_err(from_sdk),
        },
        _ => return None,
    })
}

/// `None` for no references, so the member stays absent on the wire as with the CLI.
fn references(
    refs: &[crate::domain::model::EventReference],
) -> Option<Vec<aws_sdk_ssmincidents::types::EventReference>> {
    (!refs.is_empty()).then(|| refs.iter().map(to_requests::event_reference).collect())
}

async fn start_incident(
    client: &Client,
    response_plan_arn: &str,
    title: Option<&str>,
    impact: Option<i32>,
    related_items: &[crate::domain::model::RelatedItem],
    trigger_details: Option<&crate::domain::model::TriggerDetails>,
    client_token: Option<&str>,
) -> Result<Value, CloudError> {
    let related = if related_items.is_empty() {
        None
    } else {
        Some(
            related_items
                .iter()
                .map(to_requests::related_item)
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    let trigger = trigger_details
        .map(to_requests::trigger_details)
        .transpose()?;
    let out = client
        .start_incident()
        .response_plan_arn(response_plan_arn)
        .set_title(title.map(String::from))
        .set_impact(impact)
        .set_related_items(related)
        .set_trigger_details(trigger)
        .set_client_token(client_token.map(String::from))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(top(object(vec![(
        "incidentRecordArn",
        s(&out.incident_record_arn),
    )])))
}
