//! `IncidentCommand`: one parsed chat command, the single vocabulary of the command box, the one-key actions and `imdeck exec`.

use super::model::{
    ChatChannel, EventReference, Filter, IncidentStatus, NotificationTargetItem, RelatedItem,
    RelatedItemsUpdate, SortOrder, Timestamp, TriggerDetails,
};

/// The AWS CLI's pagination options of a list command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paging {
    /// `--max-items`: stop after this many items in total.
    pub max_items: Option<usize>,
    /// `--page-size`: the `maxResults` sent with each request.
    pub page_size: Option<i32>,
    /// `--starting-token`: a token printed by an earlier page.
    pub starting_token: Option<String>,
}

/// What every refused write says, in the TUI and on the command line alike: the cause (the flag) and that
/// nothing reached AWS.
pub const READ_ONLY_REFUSAL: &str =
    "refused: --read-only makes writes impossible (no request was made)";

/// The 13 commands a Slack or Teams chat channel runs, with the request members the AWS CLI sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncidentCommand {
    StartIncident {
        response_plan_arn: String,
        title: Option<String>,
        impact: Option<i32>,
        related_items: Vec<RelatedItem>,
        trigger_details: Option<TriggerDetails>,
        client_token: Option<String>,
    },
    ListResponsePlans {
        paging: Paging,
    },
    GetResponsePlan {
        arn: String,
    },
    ListIncidentRecords {
        filters: Vec<Filter>,
        paging: Paging,
    },
    GetIncidentRecord {
        arn: String,
    },
    UpdateIncidentRecord {
        arn: String,
        title: Option<String>,
        summary: Option<String>,
        impact: Option<i32>,
        status: Option<IncidentStatus>,
        chat_channel: Option<ChatChannel>,
        notification_targets: Option<Vec<NotificationTargetItem>>,
        client_token: Option<String>,
    },
    ListTimelineEvents {
        incident_record_arn: String,
        filters: Vec<Filter>,
        /// Only `EVENT_TIME` exists.
        sort_by: Option<String>,
        sort_order: Option<SortOrder>,
        paging: Paging,
    },
    GetTimelineEvent {
        incident_record_arn: String,
        event_id: String,
    },
    CreateTimelineEvent {
        incident_record_arn: String,
        event_time: Timestamp,
        event_type: String,
        event_data: String,
        event_references: Vec<EventReference>,
        client_token: Option<String>,
    },
    UpdateTimelineEvent {
        incident_record_arn: String,
        event_id: String,
        event_time: Option<Timestamp>,
        event_type: Option<String>,
        event_data: Option<String>,
        /// `Some` replaces every reference, as the API does.
        event_references: Option<Vec<EventReference>>,
        client_token: Option<String>,
    },
    DeleteTimelineEvent {
        incident_record_arn: String,
        event_id: String,
    },
    ListRelatedItems {
        incident_record_arn: String,
        paging: Paging,
    },
    UpdateRelatedItems {
        incident_record_arn: String,
        related_items_update: RelatedItemsUpdate,
        client_token: Option<String>,
    },
}

/// The CLI command names, in the order the Incident Manager guide lists them.
pub const COMMAND_NAMES: [&str; 13] = [
    "start-incident",
    "list-response-plans",
    "get-response-plan",
    "create-timeline-event",
    "delete-timeline-event",
    "get-incident-record",
    "get-timeline-event",
    "list-incident-records",
    "list-timeline-events",
    "list-related-items",
    "update-related-items",
    "update-incident-record",
    "update-timeline-event",
];

impl IncidentCommand {
    /// The API operation name, as in `An error occurred (…) when calling the StartIncident operation`.
    pub fn operation(&self) -> &'static str {
        match self {
            IncidentCommand::StartIncident { .. } => "StartIncident",
            IncidentCommand::ListResponsePlans { .. } => "ListResponsePlans",
            IncidentCommand::GetResponsePlan { .. } => "GetResponsePlan",
            IncidentCommand::ListIncidentRecords { .. } => "ListIncidentRecords",
            IncidentCommand::GetIncidentRecord { .. } => "GetIncidentRecord",
            IncidentCommand::UpdateIncidentRecord { .. } => "UpdateIncidentRecord",
            IncidentCommand::ListTimelineEvents { .. } => "ListTimelineEvents",
            IncidentCommand::GetTimelineEvent { .. } => "GetTimelineEvent",
            IncidentCommand::CreateTimelineEvent { .. } => "CreateTimelineEvent",
            IncidentCommand::UpdateTimelineEvent { .. } => "UpdateTimelineEvent",
            IncidentCommand::DeleteTimelineEvent { .. } => "DeleteTimelineEvent",
            IncidentCommand::ListRelatedItems { .. } => "ListRelatedItems",
            IncidentCommand::UpdateRelatedItems { .. } => "UpdateRelatedItems",
        }
    }

    /// The CLI spelling, e.g. `start-incident`.
    pub fn cli_name(&self) -> &'static str {
        match self {
            IncidentCommand::StartIncident { .. } => "start-incident",
            IncidentCommand::ListResponsePlans { .. } => "list-response-plans",
            IncidentCommand::GetResponsePlan { .. } => "get-response-plan",
            IncidentCommand::ListIncidentRecords { .. } => "list-incident-records",
            IncidentCommand::GetIncidentRecord { .. } => "get-incident-record",
            IncidentCommand::UpdateIncidentRecord { .. } => "update-incident-record",
            IncidentCommand::ListTimelineEvents { .. } => "list-timeline-events",
            IncidentCommand::GetTimelineEvent { .. } => "get-timeline-event",
            IncidentCommand::CreateTimelineEvent { .. } => "create-timeline-event",
            IncidentCommand::UpdateTimelineEvent { .. } => "update-timeline-event",
            IncidentCommand::DeleteTimelineEvent { .. } => "delete-timeline-event",
            IncidentCommand::ListRelatedItems { .. } => "list-related-items",
            IncidentCommand::UpdateRelatedItems { .. } => "update-related-items",
        }
    }

    /// The incident record the command acts on, if it acts on one.
    pub fn incident_arn(&self) -> Option<&str> {
        match self {
            IncidentCommand::GetIncidentRecord { arn }
            | IncidentCommand::UpdateIncidentRecord { arn, .. } => Some(arn),
            IncidentCommand::ListTimelineEvents {
                incident_record_arn,
                ..
            }
            | IncidentCommand::GetTimelineEvent {
                incident_record_arn,
                ..
            }
            | IncidentCommand::CreateTimelineEvent {
                incident_record_arn,
                ..
            }
            | IncidentCommand::UpdateTimelineEvent {
                incident_record_arn,
                ..
            }
            | IncidentCommand::DeleteTimelineEvent {
                incident_record_arn,
                ..
            }
            | IncidentCommand::ListRelatedItems {
                incident_record_arn,
                ..
            }
            | IncidentCommand::UpdateRelatedItems {
                incident_record_arn,
                ..
            } => Some(incident_record_arn),
            IncidentCommand::StartIncident { .. }
            | IncidentCommand::ListResponsePlans { .. }
            | IncidentCommand::GetResponsePlan { .. }
            | IncidentCommand::ListIncidentRecords { .. } => None,
        }
    }

    /// Whether running it changes anything in AWS; read-only mode refuses these.
    pub fn is_mutating(&self) -> bool {
        matches!(
            self,
            IncidentCommand::StartIncident { .. }
                | IncidentCommand::UpdateIncidentRecord { .. }
                | IncidentCommand::CreateTimelineEvent { .. }
                | IncidentCommand::UpdateTimelineEvent { .. }
                | IncidentCommand::DeleteTimelineEvent { .. }
                | IncidentCommand::UpdateRelatedItems { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_mutating_and_writes_are() {
        let read = IncidentCommand::GetIncidentRecord { arn: "a".into() };
        let write = IncidentCommand::DeleteTimelineEvent {
            incident_record_arn: "a".into(),
            event_id: "e".into(),
        };
        assert!(!read.is_mutating());
        assert!(write.is_mutating());
        assert_eq!(write.operation(), "DeleteTimelineEvent");
        assert!(COMMAND_NAMES.contains(&write.cli_name()));
    }
}
