//! Reads the ssm-incidents request shapes (unions, related items, paging) the model check has already vetted.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::super::input::Checks;
use super::super::paging;
use crate::domain::model::{
    ChatChannel, EmptyObject, EventReference, ItemIdentifier, ItemValue, NotificationTargetItem,
    PagerDutyIncidentDetail, RelatedItem, TriggerDetails,
};

/// A fresh generated id for a related item of `item_type`.
pub fn new_related_item_id(item_type: &str) -> String {
    format!(
        "related-item/{item_type}/{}",
        uuid::Uuid::new_v4().simple().to_string().to_uppercase()
    )
}

pub fn chat_channel(c: &mut Checks, path: &str, value: Option<&Value>) -> Option<ChatChannel> {
    let (member, inner) = c.union(path, value, &["chatbotSns", "empty"])?;
    if member == "empty" {
        c.object(&format!("{path}.empty"), Some(inner))?;
        return Some(ChatChannel::Empty(EmptyObject {}));
    }
    let member_path = format!("{path}.chatbotSns");
    let topics = c.strings(&member_path, Some(inner))?;
    Some(ChatChannel::ChatbotSns(topics))
}

pub fn notification_targets(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<Vec<NotificationTargetItem>> {
    let items = c.array(path, value)?;
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = format!("{path}.{}.member", index + 1);
        if let Some((_, inner)) = c.union(&item_path, Some(item), &["snsTopicArn"]) {
            let arn_path = format!("{item_path}.snsTopicArn");
            if let Some(arn) = c.string(&arn_path, Some(inner)) {
                out.push(NotificationTargetItem::SnsTopicArn(arn));
            }
        }
    }
    Some(out)
}

pub fn item_identifier(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<ItemIdentifier> {
    let value = c.required(path, value);
    let map = c.object(path, value)?;
    let type_path = format!("{path}.type");
    let item_type = c.required_string(&type_path, map.get("type"));
    let value_path = format!("{path}.value");
    let required_value = c.required(&value_path, map.get("value"));
    let (member, inner) = c.union(
        &value_path,
        required_value,
        &["arn", "url", "metricDefinition", "pagerDutyIncidentDetail"],
    )?;
    let member_path = format!("{value_path}.{member}");
    let item_value = match member {
        "pagerDutyIncidentDetail" => {
            let detail = c.object(&member_path, Some(inner))?;
            let id = c.required_string(&format!("{member_path}.id"), detail.get("id"));
            let auto_resolve = c.boolean(
                &format!("{member_path}.autoResolve"),
                detail.get("autoResolve"),
            );
            let secret_id = c.string(&format!("{member_path}.secretId"), detail.get("secretId"));
            ItemValue::PagerDutyIncidentDetail(PagerDutyIncidentDetail {
                id: id.unwrap_or_default(),
                auto_resolve,
                secret_id,
            })
        }
        other => {
            let text = c.string(&member_path, Some(inner))?;
            match other {
                "arn" => ItemValue::Arn(text),
                "url" => ItemValue::Url(text),
                _ => ItemValue::MetricDefinition(text),
            }
        }
    };
    Some(ItemIdentifier {
        item_type: item_type?,
        value: item_value,
    })
}

/// A related item as a client sends it; any `generatedId` sent is ignored, as the service assigns it.
pub fn related_item(c: &mut Checks, path: &str, value: Option<&Value>) -> Option<RelatedItem> {
    let map = c.object(path, value)?;
    let identifier = item_identifier(c, &format!("{path}.identifier"), map.get("identifier"));
    let title = c.string(&format!("{path}.title"), map.get("title"));
    Some(RelatedItem {
        identifier: identifier?,
        title,
        generated_id: None,
    })
}

pub fn related_items(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<Vec<RelatedItem>> {
    let items = c.array(path, value)?;
    Some(
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                related_item(c, &format!("{path}.{}.member", index + 1), Some(item))
            })
            .collect(),
    )
}

pub fn event_references(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<Vec<EventReference>> {
    let items = c.array(path, value)?;
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = format!("{path}.{}.member", index + 1);
        let Some((member, inner)) = c.union(&item_path, Some(item), &["resource", "relatedItemId"])
        else {
            continue;
        };
        let member_path = format!("{item_path}.{member}");
        let Some(text) = c.string(&member_path, Some(inner)) else {
            continue;
        };
        if member == "resource" {
            out.push(EventReference::Resource(text));
        } else {
            out.push(EventReference::RelatedItemId(text));
        }
    }
    Some(out)
}

pub fn trigger_details(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<TriggerDetails> {
    let map = c.object(path, value)?;
    let source = c.required_string(&format!("{path}.source"), map.get("source"));
    let timestamp_value = c.required(&format!("{path}.timestamp"), map.get("timestamp"));
    let timestamp = c.timestamp(&format!("{path}.timestamp"), timestamp_value);
    let trigger_arn = c.string(&format!("{path}.triggerArn"), map.get("triggerArn"));
    let raw_data = c.string(&format!("{path}.rawData"), map.get("rawData"));
    Some(TriggerDetails {
        source: source?,
        timestamp: timestamp?,
        trigger_arn,
        raw_data,
    })
}

/// Reads `maxResults` (1–100) and `nextToken`, returning the page's start offset and size.
pub fn paging(c: &mut Checks, body: &Map<String, Value>, default_size: usize) -> (usize, usize) {
    let max_results = c.integer("maxResults", body.get("maxResults"));
    let token = c.string("nextToken", body.get("nextToken"));
    let start = match token.as_deref() {
        None => 0,
        Some(t) => paging::offset_of(t).unwrap_or_else(|| {
            c.fail("The nextToken is not valid; pass the nextToken of the previous page unchanged");
            0
        }),
    };
    let size = max_results
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (1..=100).contains(n));
    (start, size.unwrap_or(default_size))
}

/// Tag map of `incidentTags`/`incidentTemplateTags` (its bounds and key pattern are checked from the model).
pub fn tags(c: &mut Checks, path: &str, value: Option<&Value>) -> Option<BTreeMap<String, String>> {
    let map = c.object(path, value)?;
    let mut out = BTreeMap::new();
    for (key, v) in map {
        let key_path = format!("{path}.{key}");
        if let Some(text) = c.string(&key_path, Some(v)) {
            out.insert(key.clone(), text);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::errors::Service;
    use crate::sandbox::validate::model::model;

    #[test]
    fn generated_related_item_ids_follow_the_model_pattern() {
        let pattern = model(Service::Incidents)
            .shape("GeneratedId")
            .and_then(|s| s.get("pattern"))
            .and_then(Value::as_str)
            .and_then(|source| model(Service::Incidents).pattern(source))
            .expect("GeneratedId pattern");
        for kind in crate::domain::model::ITEM_TYPES {
            let id = new_related_item_id(kind);
            assert_eq!(pattern.matches(&id), Some(true), "{id}");
        }
    }
}
