//! Chatbot's custom-notification format: the probe message imdeck sends, and the checks Chatbot applies before
//! it posts one (a message that fails them is dropped, not delivered).

use serde_json::{Value, json};

/// The HTTPS endpoint Chatbot subscribes to every topic a chat configuration carries.
pub const CHATBOT_ENDPOINT: &str = "https://global.sns-api.chatbot.amazonaws.com";

/// Who sent a probe and when, so the room can tell a drill from an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeOrigin {
    /// The caller identity (an IAM ARN or the account) or the profile when the identity is unknown.
    pub sender: String,
    /// RFC 3339 time the probe was built.
    pub sent_at: String,
    /// The chat configuration the probe is meant for.
    pub channel: String,
    /// The topic and Region this copy goes through.
    pub topic_arn: String,
    pub region: String,
}

/// The custom notification one probe publishes to one topic.
pub fn probe_message(origin: &ProbeOrigin) -> String {
    json!({
        "version": "1.0",
        "source": "custom",
        "id": format!("imdeck-probe-{}-{}", origin.region, origin.sent_at),
        "content": {
            "textType": "client-markdown",
            "title": ":satellite: imdeck probe: a test, not an incident",
            "description": format!(
                "This is an *imdeck probe* of chat channel `{}` through topic `{}` ({}). \
                 Sent by {} at {}. If you can read this, Incident Manager notifications from {} reach this room.",
                origin.channel, origin.topic_arn, origin.region, origin.sender, origin.sent_at, origin.region
            ),
            "keywords": ["imdeck", "probe", origin.region],
        },
        "metadata": {
            "summary": format!("imdeck probe from {} ({})", origin.sender, origin.region),
            "eventType": "imdeck-probe",
            "relatedResources": [origin.topic_arn],
        }
    })
    .to_string()
}

/// What Chatbot does with a message published to a topic it is subscribed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatbotVerdict {
    /// Posted to the channel; the title (or first words of the description) the room sees.
    Posted { headline: String },
    /// Not posted, and why.
    Dropped { reason: String },
}

/// Judges a published message the way Chatbot does: a custom notification must follow the documented schema
/// (version "1.0", source "custom", content.description present; textType only "client-markdown"; nextSteps and
/// keywords lists of strings). An AWS service event (a JSON `source` starting `aws.`) is posted as that service's
/// notification. Anything else is not a format Chatbot supports and is dropped.
pub fn judge(message: &str) -> ChatbotVerdict {
    let dropped = |reason: &str| ChatbotVerdict::Dropped {
        reason: reason.to_string(),
    };
    let Ok(value) = serde_json::from_str::<Value>(message) else {
        return dropped(
            "the message is not JSON: Chatbot posts only AWS events and custom notifications",
        );
    };
    let source = value.get("source").and_then(Value::as_str).unwrap_or("");
    if source.starts_with("aws.") {
        let headline = value
            .get("detail-type")
            .and_then(Value::as_str)
            .unwrap_or(source)
            .to_string();
        return ChatbotVerdict::Posted { headline };
    }
    if source != "custom" {
        return dropped("source is not \"custom\" and not an AWS service event");
    }
    match value.get("version") {
        Some(Value::String(v)) if v == "1.0" => {}
        _ => return dropped("version must be \"1.0\""),
    }
    let Some(content) = value.get("content").and_then(Value::as_object) else {
        return dropped("content is missing or not an object");
    };
    let description = match content.get("description") {
        Some(Value::String(d)) if !d.trim().is_empty() => d,
        _ => return dropped("content.description is required"),
    };
    if let Some(text_type) = content.get("textType")
        && text_type.as_str() != Some("client-markdown")
    {
        return dropped("content.textType must be \"client-markdown\"");
    }
    for list in ["nextSteps", "keywords"] {
        if let Some(items) = content.get(list) {
            let strings = items
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string));
            if !strings {
                return dropped(&format!("content.{list} must be a list of strings"));
            }
        }
    }
    if let Some(title) = content.get("title")
        && !title.is_string()
    {
        return dropped("content.title must be a string");
    }
    if let Some(metadata) = value.get("metadata")
        && !metadata.is_object()
    {
        return dropped("metadata must be an object");
    }
    let headline = content
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map_or_else(|| description.chars().take(80).collect(), str::to_string);
    ChatbotVerdict::Posted { headline }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> ProbeOrigin {
        ProbeOrigin {
            sender: "arn:aws:iam::111122223333:user/alice".into(),
            sent_at: "2026-11-30T15:00:00Z".into(),
            channel: "incident-war-room".into(),
            topic_arn: "arn:aws:sns:us-east-2:111122223333:My_SNS_topic".into(),
            region: "us-east-2".into(),
        }
    }

    #[test]
    fn the_probe_is_a_valid_custom_notification_naming_sender_and_time() {
        let message = probe_message(&origin());
        let ChatbotVerdict::Posted { headline } = judge(&message) else {
            panic!("the probe must pass Chatbot's checks: {message}");
        };
        assert!(headline.contains("imdeck probe"));
        let value: Value = serde_json::from_str(&message).expect("json");
        let description = value["content"]["description"].as_str().unwrap_or("");
        assert!(description.contains("user/alice"));
        assert!(description.contains("2026-11-30T15:00:00Z"));
        assert!(description.contains("us-east-2"));
    }

    #[test]
    fn chatbot_drops_what_breaks_the_schema() {
        let cases = [
            ("plain text", "not JSON"),
            (
                r#"{"version":"1.0","source":"mine","content":{"description":"x"}}"#,
                "source",
            ),
            (
                r#"{"version":"2.0","source":"custom","content":{"description":"x"}}"#,
                "version",
            ),
            (
                r#"{"version":1.0,"source":"custom","content":{"description":"x"}}"#,
                "version",
            ),
            (r#"{"version":"1.0","source":"custom"}"#, "content"),
            (
                r#"{"version":"1.0","source":"custom","content":{"title":"t"}}"#,
                "description",
            ),
            (
                r#"{"version":"1.0","source":"custom","content":{"description":"x","textType":"html"}}"#,
                "textType",
            ),
            (
                r#"{"version":"1.0","source":"custom","content":{"description":"x","nextSteps":[1]}}"#,
                "nextSteps",
            ),
        ];
        for (message, needle) in cases {
            match judge(message) {
                ChatbotVerdict::Dropped { reason } => {
                    assert!(reason.contains(needle), "{message}: {reason}")
                }
                posted => panic!("{message} should be dropped, got {posted:?}"),
            }
        }
    }

    #[test]
    fn aws_events_and_minimal_custom_notifications_are_posted() {
        assert!(matches!(
            judge(r#"{"source":"aws.ssm-incidents","detail-type":"Incident Manager Incident"}"#),
            ChatbotVerdict::Posted { .. }
        ));
        assert_eq!(
            judge(r#"{"version":"1.0","source":"custom","content":{"description":"disk full"}}"#),
            ChatbotVerdict::Posted {
                headline: "disk full".into()
            }
        );
    }
}
