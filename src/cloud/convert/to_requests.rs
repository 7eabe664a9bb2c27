//! Domain request members to Incident Manager SDK types, for building the 13 chat commands' requests.

use aws_sdk_ssmincidents::types as sdk;

use super::date_time;
use crate::cloud::CloudError;
use crate::cloud::errors_map::from_build;
use crate::domain::model::{
    AttributeValueList, ChatChannel, Condition, EventReference, Filter, IncidentStatus,
    ItemIdentifier, ItemValue, NotificationTargetItem, RelatedItem, RelatedItemsUpdate, SortOrder,
    TriggerDetails,
};

pub fn chat_channel(c: &ChatChannel) -> sdk::ChatChannel {
    match c {
        ChatChannel::ChatbotSns(topics) => sdk::ChatChannel::ChatbotSns(topics.clone()),
        ChatChannel::Empty(_) => sdk::ChatChannel::Empty(sdk::EmptyChatChannel::builder().build()),
    }
}

pub fn notification_target(t: &NotificationTargetItem) -> sdk::NotificationTargetItem {
    match t {
        NotificationTargetItem::SnsTopicArn(arn) => {
            sdk::NotificationTargetItem::SnsTopicArn(arn.clone())
        }
    }
}

pub fn event_reference(r: &EventReference) -> sdk::EventReference {
    match r {
        EventReference::Resource(arn) => sdk::EventReference::Resource(arn.clone()),
        EventReference::RelatedItemId(id) => sdk::EventReference::RelatedItemId(id.clone()),
    }
}

pub fn status(s: IncidentStatus) -> sdk::IncidentRecordStatus {
    sdk::IncidentRecordStatus::from(s.as_str())
}

pub fn sort_order(o: SortOrder) -> sdk::SortOrder {
    match o {
        SortOrder::Ascending => sdk::SortOrder::Ascending,
        SortOrder::Descending => sdk::SortOrder::Descending,
    }
}

fn item_value(v: &ItemValue) -> Result<sdk::ItemValue, CloudError> {
    Ok(match v {
        ItemValue::Arn(a) => sdk::ItemValue::Arn(a.clone()),
        ItemValue::Url(u) => sdk::ItemValue::Url(u.clone()),
        ItemValue::MetricDefinition(m) => sdk::ItemValue::MetricDefinition(m.clone()),
        ItemValue::PagerDutyIncidentDetail(d) => sdk::ItemValue::PagerDutyIncidentDetail(
            sdk::PagerDutyIncidentDetail::builder()
                .id(&d.id)
                .set_auto_resolve(d.auto_resolve)
                .set_secret_id(d.secret_id.clone())
                .build()
                .map_err(from_build)?,
        ),
    })
}

pub fn item_identifier(i: &ItemIdentifier) -> Result<sdk::ItemIdentifier, CloudError> {
    sdk::ItemIdentifier::builder()
        .r#type(sdk::ItemType::from(i.item_type.as_str()))
        .value(item_value(&i.value)?)
        .build()
        .map_err(from_build)
}

pub fn related_item(r: &RelatedItem) -> Result<sdk::RelatedItem, CloudError> {
    Ok(sdk::RelatedItem::builder()
        .identifier(item_identifier(&r.identifier)?)
        .set_title(r.title.clone())
        .set_generated_id(r.generated_id.clone())
        .build())
}

pub fn related_items_update(u: &RelatedItemsUpdate) -> Result<sdk::RelatedItemsUpdate, CloudError> {
    Ok(match u {
        RelatedItemsUpdate::ItemToAdd(item) => {
            sdk::RelatedItemsUpdate::ItemToAdd(related_item(item)?)
        }
        RelatedItemsUpdate::ItemToRemove(id) => {
            sdk::RelatedItemsUpdate::ItemToRemove(item_identifier(id)?)
        }
    })
}

pub fn trigger_details(t: &TriggerDetails) -> Result<sdk::TriggerDetails, CloudError> {
    sdk::TriggerDetails::builder()
        .source(&t.source)
        .timestamp(date_time(t.timestamp))
        .set_trigger_arn(t.trigger_arn.clone())
        .set_raw_data(t.raw_data.clone())
        .build()
        .map_err(from_build)
}

fn condition(c: &Condition) -> sdk::Condition {
    match c {
        Condition::Before(t) => sdk::Condition::Before(date_time(*t)),
        Condition::After(t) => sdk::Condition::After(date_time(*t)),
        Condition::Equals(AttributeValueList::StringValues(v)) => {
            sdk::Condition::Equals(sdk::AttributeValueList::StringValues(v.clone()))
        }
        Condition::Equals(AttributeValueList::IntegerValues(v)) => {
            sdk::Condition::Equals(sdk::AttributeValueList::IntegerValues(v.clone()))
        }
    }
}

pub fn filter(f: &Filter) -> Result<sdk::Filter, CloudError> {
    sdk::Filter::builder()
        .key(&f.key)
        .condition(condition(&f.condition))
        .build()
        .map_err(from_build)
}

/// `None` for an empty list, so an absent CLI option stays absent on the wire.
pub fn filters(fs: &[Filter]) -> Result<Option<Vec<sdk::Filter>>, CloudError> {
    if fs.is_empty() {
        return Ok(None);
    }
    fs.iter()
        .map(filter)
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
