//! Incident Manager SDK types to domain types: records, plans, timeline, related items, replication set.

use std::collections::BTreeMap;

use aws_sdk_ssmincidents::operation::get_response_plan::GetResponsePlanOutput;
use aws_sdk_ssmincidents::types as sdk;

use super::timestamp;
use crate::domain::model::{
    ChatChannel, EmptyObject, EventReference, EventSummary, IncidentRecord, IncidentRecordSource,
    IncidentRecordSummary, IncidentStatus, IncidentTemplate, ItemIdentifier, ItemValue,
    NotificationTargetItem, PagerDutyIncidentDetail, RegionInfo, RelatedItem, ReplicationSet,
    ResponsePlan, ResponsePlanSummary, TimelineEvent,
};

pub fn status(s: &sdk::IncidentRecordStatus) -> IncidentStatus {
    match s {
        sdk::IncidentRecordStatus::Resolved => IncidentStatus::Resolved,
        // An unknown status is shown as open: an incident must never silently look finished.
        _ => IncidentStatus::Open,
    }
}

/// `None` for a union member this SDK does not know.
pub fn chat_channel(c: &sdk::ChatChannel) -> Option<ChatChannel> {
    match c {
        sdk::ChatChannel::ChatbotSns(topics) => Some(ChatChannel::ChatbotSns(topics.clone())),
        sdk::ChatChannel::Empty(_) => Some(ChatChannel::Empty(EmptyObject {})),
        _ => None,
    }
}

pub fn notification_targets(
    items: Option<&[sdk::NotificationTargetItem]>,
) -> Vec<NotificationTargetItem> {
    items
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match item {
            sdk::NotificationTargetItem::SnsTopicArn(arn) => {
                Some(NotificationTargetItem::SnsTopicArn(arn.clone()))
            }
            _ => None,
        })
        .collect()
}

pub fn source(s: Option<&sdk::IncidentRecordSource>) -> IncidentRecordSource {
    match s {
        Some(s) => IncidentRecordSource {
            created_by: s.created_by.clone(),
            source: s.source.clone(),
            invoked_by: s.invoked_by.clone(),
            resource_arn: s.resource_arn.clone(),
        },
        None => IncidentRecordSource {
            created_by: String::new(),
            source: String::new(),
            invoked_by: None,
            resource_arn: None,
        },
    }
}

pub fn incident_record(r: &sdk::IncidentRecord) -> IncidentRecord {
    IncidentRecord {
        arn: r.arn.clone(),
        title: r.title.clone(),
        summary: r.summary.clone(),
        status: status(&r.status),
        impact: r.impact,
        creation_time: timestamp(&r.creation_time),
        resolved_time: r.resolved_time.as_ref().map(timestamp),
        last_modified_time: timestamp(&r.last_modified_time),
        last_modified_by: r.last_modified_by.clone(),
        dedupe_string: r.dedupe_string.clone(),
        incident_record_source: source(r.incident_record_source.as_ref()),
        chat_channel: r.chat_channel.as_ref().and_then(chat_channel),
        notification_targets: notification_targets(r.notification_targets.as_deref()),
    }
}

pub fn incident_summary(r: &sdk::IncidentRecordSummary) -> IncidentRecordSummary {
    IncidentRecordSummary {
        arn: r.arn.clone(),
        title: r.title.clone(),
        status: status(&r.status),
        impact: r.impact,
        creation_time: timestamp(&r.creation_time),
        resolved_time: r.resolved_time.as_ref().map(timestamp),
        incident_record_source: source(r.incident_record_source.as_ref()),
    }
}

pub fn plan_summary(p: &sdk::ResponsePlanSummary) -> ResponsePlanSummary {
    ResponsePlanSummary {
        arn: p.arn.clone(),
        name: p.name.clone(),
        display_name: p.display_name.clone(),
    }
}

fn template(t: Option<&sdk::IncidentTemplate>) -> IncidentTemplate {
    match t {
        Some(t) => IncidentTemplate {
            title: t.title.clone(),
            impact: t.impact,
            summary: t.summary.clone(),
            dedupe_string: t.dedupe_string.clone(),
            notification_targets: notification_targets(t.notification_targets.as_deref()),
            incident_tags: t
                .incident_tags
                .as_ref()
                .map(|tags| tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
        },
        None => IncidentTemplate {
            title: String::new(),
            impact: 0,
            summary: None,
            dedupe_string: None,
            notification_targets: Vec::new(),
            incident_tags: BTreeMap::new(),
        },
    }
}

pub fn response_plan(p: &GetResponsePlanOutput) -> ResponsePlan {
    ResponsePlan {
        arn: p.arn.clone(),
        name: p.name.clone(),
        display_name: p.display_name.clone(),
        incident_template: template(p.incident_template.as_ref()),
        chat_channel: p.chat_channel.as_ref().and_then(chat_channel),
        engagements: p.engagements.clone().unwrap_or_default(),
    }
}

pub fn event_references(refs: Option<&[sdk::EventReference]>) -> Vec<EventReference> {
    refs.unwrap_or_default()
        .iter()
        .filter_map(|r| match r {
            sdk::EventReference::Resource(arn) => Some(EventReference::Resource(arn.clone())),
            sdk::EventReference::RelatedItemId(id) => {
                Some(EventReference::RelatedItemId(id.clone()))
            }
            _ => None,
        })
        .collect()
}

pub fn timeline_event(e: &sdk::TimelineEvent) -> TimelineEvent {
    TimelineEvent {
        incident_record_arn: e.incident_record_arn.clone(),
        event_id: e.event_id.clone(),
        event_time: timestamp(&e.event_time),
        event_updated_time: timestamp(&e.event_updated_time),
        event_type: e.event_type.clone(),
        event_data: e.event_data.clone(),
        event_references: event_references(e.event_references.as_deref()),
    }
}

pub fn event_summary(e: &sdk::EventSummary) -> EventSummary {
    EventSummary {
        incident_record_arn: e.incident_record_arn.clone(),
        event_id: e.event_id.clone(),
        event_time: timestamp(&e.event_time),
        event_updated_time: timestamp(&e.event_updated_time),
        event_type: e.event_type.clone(),
        event_references: event_references(e.event_references.as_deref()),
    }
}

fn item_value(v: &sdk::ItemValue) -> Option<ItemValue> {
    Some(match v {
        sdk::ItemValue::Arn(a) => ItemValue::Arn(a.clone()),
        sdk::ItemValue::Url(u) => ItemValue::Url(u.clone()),
        sdk::ItemValue::MetricDefinition(m) => ItemValue::MetricDefinition(m.clone()),
        sdk::ItemValue::PagerDutyIncidentDetail(d) => {
            ItemValue::PagerDutyIncidentDetail(PagerDutyIncidentDetail {
                id: d.id.clone(),
                auto_resolve: d.auto_resolve,
                secret_id: d.secret_id.clone(),
            })
        }
        _ => return None,
    })
}

/// `None` when the item carries a value kind this SDK does not know.
pub fn item_identifier(i: &sdk::ItemIdentifier) -> Option<ItemIdentifier> {
    Some(ItemIdentifier {
        item_type: i.r#type.as_str().to_string(),
        value: item_value(i.value.as_ref()?)?,
    })
}

pub fn related_item(r: &sdk::RelatedItem) -> Option<RelatedItem> {
    Some(RelatedItem {
        identifier: item_identifier(r.identifier.as_ref()?)?,
        title: r.title.clone(),
        generated_id: r.generated_id.clone(),
    })
}

pub fn replication_set(s: &sdk::ReplicationSet) -> ReplicationSet {
    ReplicationSet {
        arn: s.arn.clone().unwrap_or_default(),
        created_by: s.created_by.clone(),
        created_time: timestamp(&s.created_time),
        last_modified_by: s.last_modified_by.clone(),
        last_modified_time: timestamp(&s.last_modified_time),
        deletion_protected: s.deletion_protected,
        status: s.status.as_str().to_string(),
        region_map: s
            .region_map
            .iter()
            .map(|(region, info)| {
                let info = RegionInfo {
                    status: info.status.as_str().to_string(),
                    status_update_date_time: timestamp(&info.status_update_date_time),
                    sse_kms_key_id: info.sse_kms_key_id.clone(),
                    status_message: info.status_message.clone(),
                };
                (region.clone(), info)
            })
            .collect(),
    }
}
