//! Publish: checks the message as SNS does, then hands it to each confirmed Chatbot subscription, which posts it
//! to every chat configuration carrying the topic or drops it (recorded either way).

use serde_json::Value;

use super::subscriptions::{Delivery, DeliveryOutcome, topic_parts};
use super::{Params, invalid_parameter, not_found};
use crate::domain::chatbot_notification::{ChatbotVerdict, judge};
use crate::sandbox::errors::ApiError;
use crate::sandbox::store::Store;

/// SNS's limit on a message (and all its attributes): 256 KiB.
const MAX_MESSAGE_BYTES: usize = 262_144;

/// Publishes to a topic in `region` and answers the MessageId.
pub fn publish(store: &mut Store, region: &str, params: &Params) -> Result<String, ApiError> {
    let topic_arn = match (params.get("TopicArn"), params.get("TargetArn")) {
        (Some(t), _) | (None, Some(t)) if !t.is_empty() => t.to_string(),
        _ if params.get("PhoneNumber").is_some() => {
            return Err(invalid_parameter("Invalid parameter: PhoneNumber"));
        }
        _ => {
            return Err(invalid_parameter(
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
            ));
        }
    };
    let message = params.required("Message")?;
    if message.is_empty() {
        return Err(invalid_parameter("Invalid parameter: Empty message"));
    }
    if message.len() > MAX_MESSAGE_BYTES {
        return Err(invalid_parameter("Invalid parameter: Message too long"));
    }
    if let Some(subject) = params.get("Subject") {
        let printable = subject.chars().all(|c| !c.is_control());
        if subject.is_empty() || subject.chars().count() > 100 || !printable {
            return Err(invalid_parameter("Invalid parameter: Subject"));
        }
    }
    // With MessageStructure=json the message is a JSON object of per-protocol texts with a `default` entry;
    // an HTTPS endpoint (Chatbot) gets the `https` entry when there is one.
    let delivered = match params.get("MessageStructure") {
        None => message.to_string(),
        Some("json") => {
            let parsed: Value = serde_json::from_str(message).map_err(|_| {
                invalid_parameter(
                    "Invalid parameter: Message Structure - JSON message body failed to parse",
                )
            })?;
            let default = parsed.get("default").and_then(Value::as_str).ok_or_else(|| {
                invalid_parameter("Invalid parameter: Message Structure - No default entry in JSON message body")
            })?;
            parsed
                .get("https")
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_string()
        }
        Some(_) => return Err(invalid_parameter("Invalid parameter: MessageStructure")),
    };
    let (arn_region, account, name) = topic_parts(&topic_arn)?;
    if arn_region != region {
        return Err(not_found());
    }
    let own = store.account.clone();
    let topic = store
        .sns
        .topics_of(&own, account, region)
        .get(name)
        .filter(|t| t.arn == topic_arn)
        .ok_or_else(not_found)?;
    let fifo = topic
        .attributes
        .get("FifoTopic")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if fifo && params.get("MessageGroupId").is_none() {
        return Err(invalid_parameter(
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
        ));
    }
    let message_id = uuid::Uuid::new_v4().to_string();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let chatbot_confirmed = store
        .subscriptions
        .of_topic(&topic_arn)
        .iter()
        .any(|s| s.confirmed && s.is_chatbot());
    if chatbot_confirmed {
        let verdict = judge(&delivered);
        let channels = channels_carrying(store, &topic_arn);
        let record = |channel: String, outcome: DeliveryOutcome| Delivery {
            at: at.clone(),
            message_id: message_id.clone(),
            topic_arn: topic_arn.clone(),
            region: region.to_string(),
            channel,
            outcome,
        };
        let mut deliveries = Vec::new();
        if channels.is_empty() {
            deliveries.push(record(
                "(no chat configuration)".into(),
                DeliveryOutcome::Dropped {
                    reason: "no chat configuration carries this topic".into(),
                },
            ));
        }
        for (channel, enabled) in channels {
            let outcome = match (&verdict, enabled) {
                (_, false) => DeliveryOutcome::Dropped {
                    reason: "the chat configuration is DISABLED".into(),
                },
                (ChatbotVerdict::Posted { headline }, true) => DeliveryOutcome::Posted {
                    headline: headline.clone(),
                },
                (ChatbotVerdict::Dropped { reason }, true) => DeliveryOutcome::Dropped {
                    reason: reason.clone(),
                },
            };
            deliveries.push(record(channel, outcome));
        }
        store.subscriptions.deliveries.extend(deliveries);
    }
    Ok(message_id)
}

/// (configuration ARN, enabled) of every chat configuration that carries the topic.
fn channels_carrying(store: &Store, topic_arn: &str) -> Vec<(String, bool)> {
    let c = &store.chatbot;
    let enabled = |state: &Option<String>| state.as_deref() != Some("DISABLED");
    let carries = |topics: &[String]| topics.iter().any(|t| t == topic_arn);
    let mut out = Vec::new();
    for cfg in &c.slack_channel_configurations {
        if carries(&cfg.sns_topic_arns) {
            out.push((cfg.chat_configuration_arn.clone(), enabled(&cfg.state)));
        }
    }
    for cfg in &c.microsoft_teams_channel_configurations {
        if carries(&cfg.sns_topic_arns) {
            out.push((cfg.chat_configuration_arn.clone(), enabled(&cfg.state)));
        }
    }
    for cfg in &c.chime_webhook_configurations {
        if carries(&cfg.sns_topic_arns) {
            out.push((cfg.chat_configuration_arn.clone(), enabled(&cfg.state)));
        }
    }
    out
}
