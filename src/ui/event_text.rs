//! Timeline event data made readable: system events' JSON as `status → RESOLVED`, JSON string literals unquoted, references listed.

use serde_json::Value;

use crate::domain::model::EventReference;

/// Short labels for the event types AWS writes, so the text gets the width.
pub fn type_label(event_type: &str) -> &str {
    match event_type {
        "Custom Event" => "custom",
        "Note" => "note",
        "SSM Incident Record Update" => "update",
        "SSM Incident Start" => "start",
        "SSM Incident Trigger" => "trigger",
        "SSM Contacts Page for Incident" => "page",
        "SSM Contacts Page Acknowledgement for Incident" => "ack",
        "SSM Automation Execution Start Failure for Incident" => "automation",
        other => other,
    }
}

/// The event data as a person would write it. Data that is not JSON is shown as it is; JSON too deep or
/// malformed simply fails to parse and is shown raw (still made inert by the caller).
pub fn readable(data: &str) -> String {
    let Ok(value) = serde_json::from_str::<Value>(data) else {
        return data.to_string();
    };
    match value {
        Value::String(text) => text,
        Value::Object(map) => {
            if let Some(Value::Array(changes)) = map.get("modifiedAttributes") {
                let described: Vec<String> = changes.iter().filter_map(describe_change).collect();
                if !described.is_empty() {
                    return described.join("; ");
                }
            }
            map.iter()
                .map(|(k, v)| format!("{k}: {}", scalar(v)))
                .collect::<Vec<_>>()
                .join(", ")
        }
        other => other.to_string(),
    }
}

fn describe_change(change: &Value) -> Option<String> {
    let name = change.get("attributeName")?.as_str()?;
    let new = change.get("newValue").map(scalar).unwrap_or_default();
    Some(match change.get("previousValue").map(scalar) {
        Some(old) if !old.is_empty() => format!("{name} {old} → {new}"),
        _ => format!("{name} → {new}"),
    })
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn reference(reference: &EventReference) -> &str {
    match reference {
        EventReference::Resource(arn) => arn,
        EventReference::RelatedItemId(id) => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_json_reads_as_changes() {
        let data = r#"{"modifiedBy":"arn:aws:iam::1:role/x","modifiedAttributes":[{"attributeName":"status","newValue":"RESOLVED"},{"attributeName":"impact","previousValue":"3","newValue":"2"}]}"#;
        assert_eq!(readable(data), "status → RESOLVED; impact 3 → 2");
        assert_eq!(readable(r#""Incident Started""#), "Incident Started");
        assert_eq!(readable("plain words"), "plain words");
        assert_eq!(readable(r#"{"a":1,"b":"x"}"#), "a: 1, b: x");
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        assert_eq!(readable(&deep), deep);
    }
}
