//! The five topic operations over one Region's topics.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::subscriptions::topic_parts;
use super::{Params, default_effective_delivery_policy, invalid_parameter, not_found};
use crate::domain::arn::Arn;
use crate::sandbox::errors::ApiError;
use crate::sandbox::paging;
use crate::sandbox::store::TopicEntry;

/// Attributes SetTopicAttributes accepts (and CreateTopic takes in its `Attributes` map).
const SETTABLE: &[&str] = &[
    "Policy",
    "DisplayName",
    "KmsMasterKeyId",
    "DeliveryPolicy",
    "TracingConfig",
    "SignatureVersion",
    "ContentBasedDeduplication",
    "FifoTopic",
    "ArchivePolicy",
    "FifoThroughputScope",
    "DataProtectionPolicy",
];

const PAGE_SIZE: usize = 100;

/// The policy SNS gives a topic created through the API.
pub fn default_policy(topic_arn: &str, account: &str) -> Value {
    json!({
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [{
            "Sid": "__default_statement_ID",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": [
                "SNS:GetTopicAttributes",
                "SNS:SetTopicAttributes",
                "SNS:AddPermission",
                "SNS:RemovePermission",
                "SNS:DeleteTopic",
                "SNS:Subscribe",
                "SNS:ListSubscriptionsByTopic",
                "SNS:Publish"
            ],
            "Resource": topic_arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": account}}
        }]
    })
}

fn valid_name(name: &str, fifo: bool) -> bool {
    let stem = if fifo {
        name.strip_suffix(".fifo")
    } else {
        Some(name)
    };
    stem.is_some_and(|s| {
        (1..=256).contains(&name.len())
            && !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// Checks an attribute value the way SNS does before storing it.
fn check_attribute(name: &str, value: &str) -> Result<(), ApiError> {
    if !SETTABLE.contains(&name) {
        return Err(invalid_parameter("Invalid parameter: AttributeName"));
    }
    if matches!(
        name,
        "Policy" | "DeliveryPolicy" | "ArchivePolicy" | "DataProtectionPolicy"
    ) {
        let parsed: Value = serde_json::from_str(value)
            .map_err(|e| invalid_parameter(format!("Invalid parameter: {name} Error: {e}")))?;
        if name == "Policy" {
            let statement_ok = parsed
                .get("Statement")
                .is_some_and(|s| s.is_array() || s.is_object());
            if !parsed.is_object() || !statement_ok {
                return Err(invalid_parameter(
                    "Invalid parameter: Policy Error: the policy must be a JSON object with a Statement",
                ));
            }
        }
    }
    if value.len() > 30 * 1024 && name == "Policy" {
        return Err(invalid_parameter(
            "Invalid parameter: Policy Error: the policy is larger than 30 KB",
        ));
    }
    Ok(())
}

/// The topic an ARN names in this Region; a malformed ARN is `InvalidParameter`, another Region's topic
/// or an unknown one is `NotFound`, as SNS answers.
fn lookup<'t>(
    topics: &'t mut BTreeMap<String, TopicEntry>,
    account: &str,
    region: &str,
    arn: &str,
) -> Result<Option<&'t mut TopicEntry>, ApiError> {
    let (arn_region, arn_account, name) = topic_parts(arn)?;
    if arn_region != region || arn_account != account {
        return Ok(None);
    }
    Ok(topics.get_mut(name))
}

pub fn create_topic(
    topics: &mut BTreeMap<String, TopicEntry>,
    account: &str,
    region: &str,
    params: &Params,
) -> Result<String, ApiError> {
    let name = params.required("Name")?;
    let attributes = params.map("Attributes");
    let fifo = attributes
        .get("FifoTopic")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !valid_name(name, fifo) {
        return Err(invalid_parameter("Invalid parameter: Topic Name"));
    }
    for (key, value) in &attributes {
        check_attribute(key, value)?;
    }
    if let Some(existing) = topics.get(name) {
        let differs = attributes
            .iter()
            .any(|(k, v)| existing.attributes.get(k).is_none_or(|old| old != v));
        if differs {
            return Err(invalid_parameter(
                "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
            ));
        }
        return Ok(existing.arn.clone());
    }
    let arn = Arn::sns_topic(region, account, name).to_string();
    let mut stored = BTreeMap::new();
    stored.insert(
        "Policy".to_string(),
        default_policy(&arn, account).to_string(),
    );
    stored.insert("DisplayName".to_string(), String::new());
    stored.extend(attributes);
    topics.insert(
        name.to_string(),
        TopicEntry {
            name: name.to_string(),
            arn: arn.clone(),
            attributes: stored,
            subscriptions_confirmed: 0,
            tags: params
                .pairs("Tags", "member", "Key", "Value")
                .into_iter()
                .collect(),
        },
    );
    Ok(arn)
}

pub fn list_topics(
    topics: &BTreeMap<String, TopicEntry>,
    params: &Params,
) -> Result<(Vec<String>, Option<String>), ApiError> {
    let start = match params.get("NextToken") {
        None | Some("") => 0,
        Some(token) => paging::offset_of(token)
            .ok_or_else(|| invalid_parameter("Invalid parameter: NextToken"))?,
    };
    let arns: Vec<String> = topics.values().map(|t| t.arn.clone()).collect();
    Ok(paging::page(&arns, start, PAGE_SIZE))
}

pub fn get_topic_attributes(
    topics: &mut BTreeMap<String, TopicEntry>,
    account: &str,
    region: &str,
    params: &Params,
) -> Result<BTreeMap<String, String>, ApiError> {
    let arn = params.required("TopicArn")?;
    let topic = lookup(topics, account, region, arn)?.ok_or_else(not_found)?;
    let mut out = BTreeMap::new();
    out.insert("Owner".to_string(), account.to_string());
    out.insert("TopicArn".to_string(), topic.arn.clone());
    out.insert("SubscriptionsPending".to_string(), "0".to_string());
    out.insert(
        "SubscriptionsConfirmed".to_string(),
        topic.subscriptions_confirmed.to_string(),
    );
    out.insert("SubscriptionsDeleted".to_string(), "0".to_string());
    let effective = topic
        .attributes
        .get("DeliveryPolicy")
        .filter(|p| !p.is_empty())
        .cloned()
        .unwrap_or_else(|| default_effective_delivery_policy().to_string());
    out.insert("EffectiveDeliveryPolicy".to_string(), effective);
    for (key, value) in &topic.attributes {
        // SNS leaves unset optional attributes out rather than answering them empty.
        if key == "DisplayName" || !value.is_empty() {
            out.insert(key.clone(), value.clone());
        }
    }
    Ok(out)
}

pub fn set_topic_attributes(
    topics: &mut BTreeMap<String, TopicEntry>,
    account: &str,
    region: &str,
    params: &Params,
) -> Result<(), ApiError> {
    let arn = params.required("TopicArn")?;
    let name = params.required("AttributeName")?;
    let value = params.get("AttributeValue").unwrap_or("");
    check_attribute(name, value)?;
    if name == "FifoTopic" {
        return Err(invalid_parameter(
            "Invalid parameter: AttributeName Reason: FifoTopic is set at creation only",
        ));
    }
    let topic = lookup(topics, account, region, arn)?.ok_or_else(not_found)?;
    topic.attributes.insert(name.to_string(), value.to_string());
    Ok(())
}

pub fn delete_topic(
    topics: &mut BTreeMap<String, TopicEntry>,
    account: &str,
    region: &str,
    params: &Params,
) -> Result<(), ApiError> {
    let arn = params.required("TopicArn")?;
    // DeleteTopic is idempotent: deleting a topic that does not exist is not an error.
    if let Some(name) = lookup(topics, account, region, arn)?.map(|t| t.name.clone()) {
        topics.remove(&name);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_names_follow_sns_rules() {
        assert!(valid_name("My_SNS_topic", false));
        assert!(valid_name("orders.fifo", true));
        assert!(!valid_name("orders.fifo", false));
        assert!(!valid_name("has space", false));
        assert!(!valid_name("", false));
        assert!(!valid_name(&"x".repeat(257), false));
    }

    #[test]
    fn policy_must_be_json_with_statements() {
        assert!(check_attribute("Policy", "{not json").is_err());
        assert!(check_attribute("Policy", "{\"Version\":\"2012-10-17\"}").is_err());
        assert!(check_attribute("Policy", "{\"Statement\":[]}").is_ok());
        assert!(check_attribute("Colour", "blue").is_err());
    }

    #[test]
    fn default_policy_has_the_eight_actions() {
        let policy = default_policy("arn:aws:sns:us-east-2:111122223333:t", "111122223333");
        assert_eq!(
            policy["Statement"][0]["Action"].as_array().map(Vec::len),
            Some(8)
        );
        assert_eq!(
            policy["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceOwner"],
            "111122223333"
        );
    }
}
