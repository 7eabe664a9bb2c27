//! Reads and validates the ssm-incidents request shapes (unions, related items, filters, paging).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::super::input::{Checks, is_arn};
use super::super::paging;
use crate::domain::model::{
    ChatChannel, EmptyObject, EventReference, ITEM_TYPES, ItemIdentifier, ItemValue,
    NotificationTargetItem, PagerDutyIncidentDetail, RelatedItem, TriggerDetails,
};

const RELATED_ITEM_ID_PATTERN: &str = "^related-item/(ANALYSIS|INCIDENT|METRIC|PARENT|ATTACHMENT|OTHER|AUTOMATION|INVOLVED_RESOURCE|TASK)/([0-9]|[A-F]){32}$";

/// Whether `id` has the `related-item/TYPE/32 upper-case hex` shape of a generated related-item id.
pub fn is_related_item_id(id: &str) -> bool {
    let mut parts = id.split('/');
    let (Some("related-item"), Some(kind), Some(hex), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    ITEM_TYPES.contains(&kind)
        && hex.len() == 32
        && hex
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
}

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
    c.count(&member_path, Some(topics.len()), 1, 5);
    for (index, topic) in topics.iter().enumerate() {
        c.arn(&format!("{member_path}.{}.member", index + 1), Some(topic));
    }
    Some(ChatChannel::ChatbotSns(topics))
}

pub fn notification_targets(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
) -> Option<Vec<NotificationTargetItem>> {
    let items = c.array(path, value)?;
    c.count(path, Some(items.len()), 0, 10);
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = format!("{path}.{}.member", index + 1);
        if let Some((_, inner)) = c.union(&item_path, Some(item), &["snsTopicArn"]) {
            let arn_path = format!("{item_path}.snsTopicArn");
            if let Some(arn) = c.string(&arn_path, Some(inner)) {
                c.arn(&arn_path, Some(&arn));
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
    c.one_of(&type_path, item_type.as_deref(), &ITEM_TYPES);
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
            c.min_len(&format!("{member_path}.id"), id.as_deref(), 1);
            c.max_len(&format!("{member_path}.id"), id.as_deref(), 200);
            let auto_resolve = c.boolean(
                &format!("{member_path}.autoResolve"),
                detail.get("autoResolve"),
            );
            let secret_id = c.string(&format!("{member_path}.secretId"), detail.get("secretId"));
            c.min_len(&format!("{member_path}.secretId"), secret_id.as_deref(), 1);
            c.max_len(
                &format!("{member_path}.secretId"),
                secret_id.as_deref(),
                512,
            );
            ItemValue::PagerDutyIncidentDetail(PagerDutyIncidentDetail {
                id: id.unwrap_or_default(),
                auto_resolve,
                secret_id,
            })
        }
        other => {
            let text = c.string(&member_path, Some(inner))?;
            match other {
                "arn" => {
                    c.arn(&member_path, Some(&text));
                    ItemValue::Arn(text)
                }
                "url" => {
                    c.max_len(&member_path, Some(&text), 1000);
                    ItemValue::Url(text)
                }
                _ => {
                    c.max_len(&member_path, Some(&text), 4000);
                    ItemValue::MetricDefinition(text)
                }
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
    c.max_len(&format!("{path}.title"), title.as_deref(), 200);
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
    c.count(path, Some(items.len()), 0, 100);
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
    c.count(path, Some(items.len()), 0, 10);
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
            c.arn(&member_path, Some(&text));
            out.push(EventReference::Resource(text));
        } else {
            c.pattern(
                &member_path,
                Some(&text),
                is_related_item_id(&text),
                RELATED_ITEM_ID_PATTERN,
            );
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
    c.max_len(&format!("{path}.source"), source.as_deref(), 50);
    let timestamp_value = c.required(&format!("{path}.timestamp"), map.get("timestamp"));
    let timestamp = c.timestamp(&format!("{path}.timestamp"), timestamp_value);
    let trigger_arn = c.string(&format!("{path}.triggerArn"), map.get("triggerArn"));
    c.arn(&format!("{path}.triggerArn"), trigger_arn.as_deref());
    let raw_data = c.string(&format!("{path}.rawData"), map.get("rawData"));
    c.max_len(&format!("{path}.rawData"), raw_data.as_deref(), 10000);
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
    c.range("maxResults", max_results, 1, 100);
    let token = c.string("nextToken", body.get("nextToken"));
    c.max_len("nextToken", token.as_deref(), 2000);
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

/// Tag map of `incidentTags`/`incidentTemplateTags`: 0–50 entries, keys 1–128 not starting `aws:`, values ≤256.
pub fn tags(c: &mut Checks, path: &str, value: Option<&Value>) -> Option<BTreeMap<String, String>> {
    let map = c.object(path, value)?;
    if map.len() > 50 {
        c.fail(format!("Value at '{path}' failed to satisfy constraint: Member must have length less than or equal to 50"));
    }
    let mut out = BTreeMap::new();
    for (key, v) in map {
        let key_path = format!("{path}.{key}");
        let key_ok = !key.is_empty()
            && key.chars().count() <= 128
            && !key.starts_with("aws:")
            && key
                .chars()
                .all(|ch| ch.is_alphanumeric() || " _=@:.+-/".contains(ch));
        c.pattern(
            &key_path,
            Some(key),
            key_ok,
            "^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$",
        );
        if let Some(text) = c.string(&key_path, Some(v)) {
            c.max_len(&key_path, Some(&text), 256);
            out.insert(key.clone(), text);
        }
    }
    Some(out)
}

/// Whether `arn` is an ARN of the ssm-contacts service (a contact or escalation plan to engage).
pub fn is_contacts_arn(arn: &str) -> bool {
    is_arn(arn) && arn.split(':').nth(2) == Some("ssm-contacts")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn related_item_ids_follow_the_model_pattern() {
        let id = new_related_item_id("OTHER");
        assert!(is_related_item_id(&id), "{id}");
        assert!(!is_related_item_id("related-item/OTHER/abc"));
        assert!(!is_related_item_id(
            "related-item/BOGUS/0123456789ABCDEF0123456789ABCDEF"
        ));
    }

    #[test]
    fn chat_channel_limits_topics() {
        let mut c = Checks::new();
        let six: Vec<String> = (0..6)
            .map(|i| format!("arn:aws:sns:us-east-2:111122223333:t{i}"))
            .collect();
        chat_channel(&mut c, "chatChannel", Some(&json!({ "chatbotSns": six })));
        assert!(c.finish().is_err());
    }
}
