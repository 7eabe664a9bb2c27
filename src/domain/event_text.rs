//! Timeline event data as sentences — "paged db-oncall", "impact 3 → 2 (jdoe)", a related item by its title — from the JSON AWS writes, for the TUI and the export alike; the raw data stays beside them.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::domain::arn::Arn;
use crate::domain::model::EventReference;

pub const TRIGGER: &str = "SSM Incident Trigger";
pub const START: &str = "SSM Incident Start";
pub const RECORD_UPDATE: &str = "SSM Incident Record Update";
pub const PAGE: &str = "SSM Contacts Page for Incident";
pub const ACKNOWLEDGEMENT: &str = "SSM Contacts Page Acknowledgement for Incident";
pub const AUTOMATION_FAILURE: &str = "SSM Automation Execution Start Failure for Incident";

/// Short labels for the event types AWS writes, so the text gets the width.
pub fn type_label(event_type: &str) -> &str {
    match event_type {
        "Custom Event" => "custom",
        "Note" => "note",
        RECORD_UPDATE => "update",
        START => "start",
        TRIGGER => "trigger",
        PAGE => "page",
        ACKNOWLEDGEMENT => "ack",
        AUTOMATION_FAILURE => "automation",
        other => other,
    }
}

/// The incident's impact and status as the events before one left them, for a record update that does not
/// carry `previousValue` (AWS's own examples omit it), so it can still read "impact 3 → 2".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Before {
    pub impact: Option<String>,
    pub status: Option<String>,
}

impl Before {
    /// Walks earlier events newest first (type, data when read) until impact and status are both known.
    pub fn from_earlier<'a>(earlier: impl Iterator<Item = (&'a str, Option<&'a str>)>) -> Before {
        let mut before = Before::default();
        for (event_type, data) in earlier {
            let Some(data) = data else { continue };
            let set = sets(event_type, data);
            before.impact = before.impact.or(set.impact);
            before.status = before.status.or(set.status);
            if before.impact.is_some() && before.status.is_some() {
                break;
            }
        }
        before
    }
}

/// Whether the event can say what impact or status the incident had (so a renderer knows which to look at).
pub fn sets_impact_or_status(event_type: &str) -> bool {
    matches!(event_type, TRIGGER | START | RECORD_UPDATE)
}

/// What an event set: an incident starts OPEN at the trigger's impact; an update sets its new values.
pub fn sets(event_type: &str, data: &str) -> Before {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(data) else {
        return Before::default();
    };
    match event_type {
        TRIGGER | START => Before {
            impact: map.get("impact").map(scalar),
            status: Some("OPEN".into()),
        },
        RECORD_UPDATE => {
            let mut set = Before::default();
            for change in changes(&map) {
                let new = change.get("newValue").map(scalar);
                match change.get("attributeName").and_then(Value::as_str) {
                    Some("impact") => set.impact = set.impact.or(new),
                    Some("status") => set.status = set.status.or(new),
                    _ => {}
                }
            }
            set
        }
        _ => Before::default(),
    }
}

/// The event as a sentence. Data that is not JSON is shown as it is; JSON too deep or malformed simply fails
/// to parse and is shown raw (the caller makes it inert).
pub fn sentence(event_type: &str, data: &str, before: &Before) -> String {
    let value = match serde_json::from_str::<Value>(data) {
        Ok(value) => value,
        Err(_) => return data.to_string(),
    };
    let map = match value {
        Value::String(text) => return text,
        Value::Object(map) => map,
        other => return other.to_string(),
    };
    let said = match event_type {
        PAGE => page(&map),
        ACKNOWLEDGEMENT => acknowledgement(&map),
        TRIGGER | START => trigger(&map),
        RECORD_UPDATE => record_update(&map, before),
        _ => None,
    };
    said.unwrap_or_else(|| fields(&map))
}

/// `paged db-oncall`.
fn page(map: &Map<String, Value>) -> Option<String> {
    let contact = map.get("contactArn")?.as_str()?;
    Some(format!("paged {}", Arn::short_name(contact)))
}

/// `db-oncall acknowledged (jdoe)`, the person only when the data names one.
fn acknowledgement(map: &Map<String, Value>) -> Option<String> {
    let contact = map.get("contactArn")?.as_str()?;
    let mut text = format!("{} acknowledged", Arn::short_name(contact));
    if let Some(who) = ["acknowledgedBy", "acceptCode", "acceptedBy"]
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
    {
        text.push_str(&format!(" ({})", principal_name(who)));
    }
    Some(text)
}

/// `alarm orders-db-p99-latency → ALARM · impact 3`, or `started by jdoe · impact 3` for a manual start.
fn trigger(map: &Map<String, Value>) -> Option<String> {
    let raw: Option<Map<String, Value>> = map
        .get("rawData")
        .and_then(Value::as_str)
        .and_then(|raw| serde_json::from_str::<Value>(raw).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        });
    let raw_str = |key: &str| {
        raw.as_ref()
            .and_then(|r| r.get(key))
            .and_then(Value::as_str)
    };
    let trigger_arn = map.get("triggerArn").and_then(Value::as_str);
    let mut parts = Vec::new();
    if let Some(alarm) = raw_str("AlarmName").or_else(|| trigger_arn.and_then(alarm_name)) {
        let mut text = format!("alarm {alarm}");
        if let Some(state) = raw_str("NewStateValue") {
            text.push_str(&format!(" → {state}"));
        }
        parts.push(text);
    } else if let Some(rule) = trigger_arn.and_then(|a| typed(a, "rule")) {
        parts.push(format!("EventBridge rule {}", rule.resource_path()));
    } else if let Some(arn) = trigger_arn {
        parts.push(format!("triggered by {}", short_arn(arn)));
    } else if let Some(who) = map.get("createdBy").and_then(Value::as_str) {
        parts.push(format!("started by {}", principal_name(who)));
    } else if let Some(title) = map.get("incidentTitle").and_then(Value::as_str) {
        parts.push(format!("started: {title}"));
    } else {
        return None;
    }
    if let Some(impact) = map.get("impact") {
        parts.push(format!("impact {}", scalar(impact)));
    }
    Some(parts.join(" · "))
}

fn alarm_name(arn: &str) -> Option<&str> {
    typed(arn, "alarm").map(|alarm| alarm.resource_path())
}

/// The ARN, when it is one and names a resource of this type.
fn typed<'a>(text: &'a str, resource_type: &str) -> Option<Arn<&'a str>> {
    Arn::parse(text)
        .ok()
        .filter(|arn| arn.resource_type() == Some(resource_type))
}

/// `impact 3 → 2 (jdoe)`, `status OPEN → RESOLVED (jdoe)`; several changes joined with `; `.
fn record_update(map: &Map<String, Value>, before: &Before) -> Option<String> {
    let described: Vec<String> = changes(map)
        .filter_map(|change| describe_change(change, before))
        .collect();
    if described.is_empty() {
        return None;
    }
    let mut text = described.join("; ");
    if let Some(who) = map.get("modifiedBy").and_then(Value::as_str) {
        text.push_str(&format!(" ({})", principal_name(who)));
    }
    Some(text)
}

fn changes(map: &Map<String, Value>) -> impl Iterator<Item = &Value> {
    map.get("modifiedAttributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn describe_change(change: &Value, before: &Before) -> Option<String> {
    let name = change.get("attributeName")?.as_str()?;
    let new = change
        .get("newValue")
        .map(readable_value)
        .unwrap_or_default();
    let known_before = match name {
        "impact" => before.impact.as_deref(),
        "status" => before.status.as_deref(),
        _ => None,
    };
    let old = change
        .get("previousValue")
        .map(readable_value)
        .filter(|old| !old.is_empty())
        .or_else(|| known_before.map(str::to_string));
    Some(match old {
        Some(old) if old != new => format!("{name} {old} → {new}"),
        _ => format!("{name} → {new}"),
    })
}

/// A value as a person reads it: text unquoted; JSON written as a string (a chat channel, targets) reduced to
/// the names of the ARNs it holds.
fn readable_value(value: &Value) -> String {
    let text = scalar(value);
    match serde_json::from_str::<Value>(&text) {
        Ok(inner @ (Value::Object(_) | Value::Array(_))) => {
            let mut names = Vec::new();
            collect_strings(&inner, &mut names);
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        }
        _ => text,
    }
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(short_arn(s).to_string()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Any other JSON object: `key: value` pairs, ARNs by their resource name.
fn fields(map: &Map<String, Value>) -> String {
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}: {}", short_arn(s)),
            other => format!("{k}: {other}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The person behind a principal ARN: `jdoe` of `…:assumed-role/IncidentResponder/jdoe`, `admin` of
/// `…:user/admin`, `root`; anything that is not an ARN is already a name.
pub fn principal_name(principal: &str) -> &str {
    Arn::short_name(principal)
}

/// An ARN shortened to service and resource (`lambda function:payments-api`); not an ARN: unchanged.
pub fn short_arn(text: &str) -> &str {
    Arn::parse(text).map_or(text, |arn| arn.resource())
}

/// What a reference points at, in words: a related item by its title, a resource by its service and name.
/// `None` for a reference to the incident itself (every note carries one; it says nothing in its own timeline).
pub fn reference_label(
    reference: &EventReference,
    related_titles: &HashMap<String, String>,
    incident_arn: &str,
) -> Option<String> {
    match reference {
        EventReference::Resource(arn) if arn == incident_arn => None,
        EventReference::Resource(text) => Some(match Arn::parse(text) {
            Ok(arn) => format!("{} {}", arn.service(), arn.resource()),
            Err(_) => text.clone(),
        }),
        EventReference::RelatedItemId(id) => Some(match related_titles.get(id) {
            Some(title) => title.clone(),
            None => {
                // `related-item/OTHER/5E0F…`: the type, and enough of the id to tell two apart.
                let mut parts = id.split('/').skip(1);
                let kind = parts.next().unwrap_or("").to_lowercase();
                let short: String = parts.next().unwrap_or(id).chars().take(8).collect();
                format!("related {kind} item {short}…")
            }
        }),
    }
}

/// A reference exactly as sent, for the detail popup.
pub fn reference_raw(reference: &EventReference) -> &str {
    match reference {
        EventReference::Resource(arn) => arn,
        EventReference::RelatedItemId(id) => id,
    }
}

#[cfg(test)]
mod tests;
