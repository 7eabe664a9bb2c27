//! Request members (API names, wire JSON) to an `IncidentCommand`, and an `IncidentCommand` back to them.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::command::{IncidentCommand, Paging};

struct Members<'a>(&'a Map<String, Value>);

impl Members<'_> {
    fn opt<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, String> {
        match self.0.get(key) {
            None => Ok(None),
            Some(value) => serde_json::from_value(value.clone())
                .map(Some)
                .map_err(|e| format!("{key}: {e}")),
        }
    }

    fn req<T: DeserializeOwned>(&self, key: &str) -> Result<T, String> {
        self.opt(key)?.ok_or_else(|| format!("{key} is missing"))
    }

    fn list<T: DeserializeOwned>(&self, key: &str) -> Result<Vec<T>, String> {
        Ok(self.opt(key)?.unwrap_or_default())
    }
}

/// Builds the command from members already checked against their shapes; an error here means a member
/// did not fit its model type, which the shapes are meant to rule out.
pub fn build_command(
    name: &str,
    members: &Map<String, Value>,
    paging: Paging,
) -> Result<IncidentCommand, String> {
    let m = Members(members);
    let command = match name {
        "start-incident" => IncidentCommand::StartIncident {
            response_plan_arn: m.req("responsePlanArn")?,
            title: m.opt("title")?,
            impact: m.opt("impact")?,
            related_items: m.list("relatedItems")?,
            trigger_details: m.opt("triggerDetails")?,
            client_token: m.opt("clientToken")?,
        },
        "list-response-plans" => IncidentCommand::ListResponsePlans { paging },
        "get-response-plan" => IncidentCommand::GetResponsePlan { arn: m.req("arn")? },
        "list-incident-records" => IncidentCommand::ListIncidentRecords {
            filters: m.list("filters")?,
            paging,
        },
        "get-incident-record" => IncidentCommand::GetIncidentRecord { arn: m.req("arn")? },
        "update-incident-record" => IncidentCommand::UpdateIncidentRecord {
            arn: m.req("arn")?,
            title: m.opt("title")?,
            summary: m.opt("summary")?,
            impact: m.opt("impact")?,
            status: m.opt("status")?,
            chat_channel: m.opt("chatChannel")?,
            notification_targets: m.opt("notificationTargets")?,
            client_token: m.opt("clientToken")?,
        },
        "list-timeline-events" => IncidentCommand::ListTimelineEvents {
            incident_record_arn: m.req("incidentRecordArn")?,
            filters: m.list("filters")?,
            sort_by: m.opt("sortBy")?,
            sort_order: m.opt("sortOrder")?,
            paging,
        },
        "get-timeline-event" => IncidentCommand::GetTimelineEvent {
            incident_record_arn: m.req("incidentRecordArn")?,
            event_id: m.req("eventId")?,
        },
        "create-timeline-event" => IncidentCommand::CreateTimelineEvent {
            incident_record_arn: m.req("incidentRecordArn")?,
            event_time: m.req("eventTime")?,
            event_type: m.req("eventType")?,
            event_data: m.req("eventData")?,
            event_references: m.list("eventReferences")?,
            client_token: m.opt("clientToken")?,
        },
        "update-timeline-event" => IncidentCommand::UpdateTimelineEvent {
            incident_record_arn: m.req("incidentRecordArn")?,
            event_id: m.req("eventId")?,
            event_time: m.opt("eventTime")?,
            event_type: m.opt("eventType")?,
            event_data: m.opt("eventData")?,
            event_references: m.opt("eventReferences")?,
            client_token: m.opt("clientToken")?,
        },
        "delete-timeline-event" => IncidentCommand::DeleteTimelineEvent {
            incident_record_arn: m.req("incidentRecordArn")?,
            event_id: m.req("eventId")?,
        },
        "list-related-items" => IncidentCommand::ListRelatedItems {
            incident_record_arn: m.req("incidentRecordArn")?,
            paging,
        },
        "update-related-items" => IncidentCommand::UpdateRelatedItems {
            incident_record_arn: m.req("incidentRecordArn")?,
            related_items_update: m.req("relatedItemsUpdate")?,
            client_token: m.opt("clientToken")?,
        },
        other => return Err(format!("unknown command {other}")),
    };
    Ok(command)
}

#[derive(Default)]
struct MemberWriter(Map<String, Value>);

impl MemberWriter {
    fn put<T: Serialize>(&mut self, key: &str, value: &T) {
        if let Ok(json) = serde_json::to_value(value) {
            self.0.insert(key.to_string(), json);
        }
    }

    fn opt<T: Serialize>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.put(key, value);
        }
    }

    /// Lists where empty and absent mean the same request.
    fn list<T: Serialize>(&mut self, key: &str, value: &[T]) {
        if !value.is_empty() {
            self.put(key, &value);
        }
    }
}

/// The request members of a command (wire JSON keyed by API member name) and its paging, if a list.
pub fn command_members(command: &IncidentCommand) -> (Map<String, Value>, Option<&Paging>) {
    let mut w = MemberWriter::default();
    let paging = match command {
        IncidentCommand::StartIncident {
            response_plan_arn,
            title,
            impact,
            related_items,
            trigger_details,
            client_token,
        } => {
            w.put("responsePlanArn", response_plan_arn);
            w.opt("title", title);
            w.opt("impact", impact);
            w.list("relatedItems", related_items);
            w.opt("triggerDetails", trigger_details);
            w.opt("clientToken", client_token);
            None
        }
        IncidentCommand::ListResponsePlans { paging } => Some(paging),
        IncidentCommand::GetResponsePlan { arn } | IncidentCommand::GetIncidentRecord { arn } => {
            w.put("arn", arn);
            None
        }
        IncidentCommand::ListIncidentRecords { filters, paging } => {
            w.list("filters", filters);
            Some(paging)
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
        } => {
            w.put("arn", arn);
            w.opt("title", title);
            w.opt("summary", summary);
            w.opt("impact", impact);
            w.opt("status", status);
            w.opt("chatChannel", chat_channel);
            w.opt("notificationTargets", notification_targets);
            w.opt("clientToken", client_token);
            None
        }
        IncidentCommand::ListTimelineEvents {
            incident_record_arn,
            filters,
            sort_by,
            sort_order,
            paging,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            w.list("filters", filters);
            w.opt("sortBy", sort_by);
            w.opt("sortOrder", sort_order);
            Some(paging)
        }
        IncidentCommand::GetTimelineEvent {
            incident_record_arn,
            event_id,
        }
        | IncidentCommand::DeleteTimelineEvent {
            incident_record_arn,
            event_id,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            w.put("eventId", event_id);
            None
        }
        IncidentCommand::CreateTimelineEvent {
            incident_record_arn,
            event_time,
            event_type,
            event_data,
            event_references,
            client_token,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            w.put("eventTime", event_time);
            w.put("eventType", event_type);
            w.put("eventData", event_data);
            w.list("eventReferences", event_references);
            w.opt("clientToken", client_token);
            None
        }
        IncidentCommand::UpdateTimelineEvent {
            incident_record_arn,
            event_id,
            event_time,
            event_type,
            event_data,
            event_references,
            client_token,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            w.put("eventId", event_id);
            w.opt("eventTime", event_time);
            w.opt("eventType", event_type);
            w.opt("eventData", event_data);
            w.opt("eventReferences", event_references);
            w.opt("clientToken", client_token);
            None
        }
        IncidentCommand::ListRelatedItems {
            incident_record_arn,
            paging,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            Some(paging)
        }
        IncidentCommand::UpdateRelatedItems {
            incident_record_arn,
            related_items_update,
            client_token,
        } => {
            w.put("incidentRecordArn", incident_record_arn);
            w.put("relatedItemsUpdate", related_items_update);
            w.opt("clientToken", client_token);
            None
        }
    };
    (w.0, paging)
}
