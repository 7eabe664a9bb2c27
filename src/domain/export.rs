//! The post-incident record: an incident's header, its impact and status changes, its timeline and related items.

pub mod lookup;

use std::collections::HashMap;

use serde::Serialize;

use super::event_text::{Before, RECORD_UPDATE, reference_label, sentence, sets_impact_or_status};

use super::model::{
    EventSummary, IncidentRecord, ItemValue, RelatedItem, TimelineEvent, Timestamp,
};

/// Everything `imdeck export` writes about one incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentExport {
    pub incident_record: IncidentRecord,
    pub changes: Vec<RecordChange>,
    /// In time order.
    pub timeline: Vec<TimelineEvent>,
    pub related_items: Vec<RelatedItem>,
    /// Events the timeline listed but whose text could not be read: the record is incomplete by these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread_events: Vec<UnreadEvent>,
}

/// A listed timeline event whose GetTimelineEvent failed: what the listing said about it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadEvent {
    pub event_id: String,
    pub event_time: Timestamp,
    pub event_type: String,
    pub reason: String,
}

impl UnreadEvent {
    pub fn new(summary: &EventSummary, reason: impl Into<String>) -> Self {
        Self {
            event_id: summary.event_id.clone(),
            event_time: summary.event_time,
            event_type: summary.event_type.clone(),
            reason: reason.into(),
        }
    }

    /// "event 2023-03-31T20:30:00Z Custom Event (id): reason", for stderr and the TUI.
    pub fn describe(&self) -> String {
        format!(
            "event {} {} ({}): {}",
            self.event_time.to_rfc3339(),
            self.event_type,
            self.event_id,
            self.reason
        )
    }
}

/// One attribute change that Incident Manager recorded as a system event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordChange {
    pub time: Timestamp,
    pub attribute: String,
    pub new_value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<String>,
}

/// Console wording of the five impact levels.
pub fn impact_label(impact: i32) -> &'static str {
    match impact {
        1 => "Critical",
        2 => "High",
        3 => "Medium",
        4 => "Low",
        5 => "No impact",
        _ => "unknown",
    }
}

impl IncidentExport {
    pub fn new(
        incident_record: IncidentRecord,
        mut timeline: Vec<TimelineEvent>,
        related_items: Vec<RelatedItem>,
    ) -> Self {
        timeline.sort_by(|a, b| (a.event_time, &a.event_id).cmp(&(b.event_time, &b.event_id)));
        let changes = timeline.iter().flat_map(record_changes).collect();
        Self {
            incident_record,
            changes,
            timeline,
            related_items,
            unread_events: Vec::new(),
        }
    }

    /// The record with the events that could not be read, shown in the timeline where they happened.
    pub fn with_unread_events(mut self, mut unread: Vec<UnreadEvent>) -> Self {
        unread.sort_by(|a, b| (a.event_time, &a.event_id).cmp(&(b.event_time, &b.event_id)));
        self.unread_events = unread;
        self
    }

    pub fn render_markdown(&self) -> String {
        let r = &self.incident_record;
        let mut md = format!("# Incident: {}\n\n| | |\n|---|---|\n", cell(&r.title));
        let mut row = |k: &str, v: String| md.push_str(&format!("| {k} | {} |\n", cell(&v)));
        row("ARN", r.arn.clone());
        row("Status", r.status.as_str().to_string());
        row(
            "Impact",
            format!("{} ({})", r.impact, impact_label(r.impact)),
        );
        row("Created", r.creation_time.to_rfc3339());
        if let Some(t) = r.resolved_time {
            row("Resolved", t.to_rfc3339());
        }
        row("Source", r.incident_record_source.source.clone());
        if let Some(channel) = &r.chat_channel {
            row("Chat channel", channel.topics().join(", "));
        }
        if !r.notification_targets.is_empty() {
            let targets: Vec<String> = r
                .notification_targets
                .iter()
                .map(|super::model::NotificationTargetItem::SnsTopicArn(a)| a.clone())
                .collect();
            row("Notification targets", targets.join(", "));
        }
        if let Some(summary) = &r.summary {
            row("Summary", summary.clone());
        }
        md.push_str("\n## Impact and status changes\n\n");
        if self.changes.is_empty() {
            md.push_str("None recorded.\n");
        }
        for c in &self.changes {
            let by = c
                .modified_by
                .as_deref()
                .map(|b| format!(" (by {})", inline(b)))
                .unwrap_or_default();
            md.push_str(&format!(
                "- {} {} → {}{by}\n",
                c.time.to_rfc3339(),
                inline(&c.attribute),
                inline(&c.new_value)
            ));
        }
        md.push_str("\n## Timeline\n\n");
        if !self.unread_events.is_empty() {
            md.push_str(&format!(
                "**Incomplete:** {} event(s) could not be read; they are marked below.\n\n",
                self.unread_events.len()
            ));
        }
        md.push_str("| Time (UTC) | Type | Event |\n|---|---|---|\n");
        // The sentences the TUI's timeline shows, with what each event points at; the raw data is below.
        let titles: HashMap<String, String> = self
            .related_items
            .iter()
            .filter_map(|i| Some((i.generated_id.clone()?, i.title.clone()?)))
            .collect();
        let read = self.timeline.iter().enumerate().map(|(index, e)| {
            let mut text = self.sentence_of(index);
            let labels: Vec<String> = e
                .event_references
                .iter()
                .filter_map(|r| reference_label(r, &titles, &self.incident_record.arn))
                .collect();
            if !labels.is_empty() {
                text.push_str(&format!(" (→ {})", labels.join(", ")));
            }
            (e.event_time, &e.event_id, e.event_type.as_str(), text)
        });
        let unread = self.unread_events.iter().map(|u| {
            let text = format!("(could not be read: {})", u.reason);
            (u.event_time, &u.event_id, u.event_type.as_str(), text)
        });
        let mut rows: Vec<_> = read.chain(unread).collect();
        rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (time, _, event_type, text) in rows {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                time.to_rfc3339(),
                cell(event_type),
                cell(&text)
            ));
        }
        md.push_str("\n## Related items\n\n");
        if self.related_items.is_empty() {
            md.push_str("None.\n");
        }
        for item in &self.related_items {
            let title = item.title.as_deref().unwrap_or("(untitled)");
            md.push_str(&format!(
                "- [{}] {} — {}\n",
                item.identifier.item_type,
                inline(title),
                inline(&item_value(&item.identifier.value))
            ));
        }
        md.push_str(&self.raw_appendix());
        md
    }

    /// The event at `index` as the TUI says it; a record update without `previousValue` is read against the
    /// impact and status the events before it left.
    fn sentence_of(&self, index: usize) -> String {
        let event = &self.timeline[index];
        let before = if event.event_type == RECORD_UPDATE {
            Before::from_earlier(
                self.timeline[..index]
                    .iter()
                    .rev()
                    .filter(|e| sets_impact_or_status(&e.event_type))
                    .map(|e| (e.event_type.as_str(), Some(e.event_data.as_str()))),
            )
        } else {
            Before::default()
        };
        sentence(&event.event_type, &event.event_data, &before)
    }

    /// Every event's data exactly as AWS returned it, folded away (`<details>`) so the postmortem reads as
    /// sentences and the evidence is still one click away.
    fn raw_appendix(&self) -> String {
        if self.timeline.is_empty() {
            return String::new();
        }
        let mut md = String::from(
            "\n## Appendix: raw event data\n\n<details>\n<summary>Each timeline event as AWS returned it</summary>\n\n",
        );
        for event in &self.timeline {
            md.push_str(&format!(
                "{} · {} · `{}`\n\n```json\n{}\n```\n\n",
                event.event_time.to_rfc3339(),
                inline(&event.event_type),
                inline(&event.event_id),
                fenced(&pretty(&event.event_data))
            ));
        }
        md.push_str("</details>\n");
        md
    }
}

/// JSON data pretty-printed; anything else as it is.
fn pretty(data: &str) -> String {
    serde_json::from_str::<serde_json::Value>(data)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| data.to_string())
}

/// Text safe inside a fenced block: control characters inert, and no line can close the fence.
fn fenced(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .replace("```", "`\u{200b}``")
}

/// The attribute changes a system `SSM Incident Record Update` event carries in its JSON event data.
fn record_changes(event: &TimelineEvent) -> Vec<RecordChange> {
    let Ok(data) = serde_json::from_str::<serde_json::Value>(&event.event_data) else {
        return Vec::new();
    };
    let modified_by = data["modifiedBy"].as_str().map(str::to_string);
    data["modifiedAttributes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| {
            let attribute = a["attributeName"].as_str()?;
            let new_value = match &a["newValue"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(RecordChange {
                time: event.event_time,
                attribute: attribute.to_string(),
                new_value,
                modified_by: modified_by.clone(),
            })
        })
        .collect()
}

/// An event's data as a person reads it: a JSON string literal unquoted, other JSON compacted.
pub fn event_text(event: &TimelineEvent) -> String {
    match serde_json::from_str::<serde_json::Value>(&event.event_data) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => event.event_data.clone(),
    }
}

pub fn item_value(value: &ItemValue) -> String {
    match value {
        ItemValue::Arn(s) | ItemValue::Url(s) | ItemValue::MetricDefinition(s) => s.clone(),
        ItemValue::PagerDutyIncidentDetail(d) => format!("PagerDuty incident {}", d.id),
    }
}

/// Text made safe for one Markdown line: control characters (including ANSI escapes) shown inert.
fn inline(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Text made safe for one Markdown table cell.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, secs: i64, kind: &str, data: &str) -> TimelineEvent {
        TimelineEvent {
            incident_record_arn: "arn".into(),
            event_id: id.into(),
            event_time: Timestamp::from_secs(secs),
            event_updated_time: Timestamp::from_secs(secs),
            event_type: kind.into(),
            event_data: data.into(),
            event_references: vec![],
        }
    }

    #[test]
    fn system_events_yield_attribute_changes() {
        let e = event(
            "1",
            10,
            "SSM Incident Record Update",
            r#"{"modifiedBy":"arn:aws:iam::1:user/a","modifiedAttributes":[{"attributeName":"impact","newValue":2},{"attributeName":"status","newValue":"RESOLVED"}]}"#,
        );
        let changes = record_changes(&e);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].new_value, "2");
        assert_eq!(changes[1].attribute, "status");
        assert_eq!(
            changes[1].modified_by.as_deref(),
            Some("arn:aws:iam::1:user/a")
        );
    }

    #[test]
    fn an_unread_event_is_marked_in_the_timeline_where_it_happened() {
        let record = IncidentRecord {
            arn: "arn".into(),
            title: "t".into(),
            summary: None,
            status: crate::domain::model::IncidentStatus::Open,
            impact: 3,
            creation_time: Timestamp::from_secs(0),
            resolved_time: None,
            last_modified_time: Timestamp::from_secs(0),
            last_modified_by: "me".into(),
            dedupe_string: "d".into(),
            incident_record_source: crate::domain::model::IncidentRecordSource {
                created_by: "me".into(),
                source: "s".into(),
                invoked_by: None,
                resource_arn: None,
            },
            chat_channel: None,
            notification_targets: vec![],
        };
        let missing = event("2", 20, "Custom Event", "");
        let export = IncidentExport::new(
            record,
            vec![
                event("1", 10, "Note", "\"a\""),
                event("3", 30, "Note", "\"c\""),
            ],
            vec![],
        )
        .with_unread_events(vec![UnreadEvent::new(
            &EventSummary::from(&missing),
            "AccessDeniedException: no",
        )]);
        let md = export.render_markdown();
        assert!(md.contains("1 event(s) could not be read"), "{md}");
        let a = md.find("| a |").expect("first event");
        let gap = md
            .find("(could not be read: AccessDeniedException: no)")
            .expect("marked");
        let c = md.find("| c |").expect("last event");
        assert!(a < gap && gap < c, "{md}");
        let json = serde_json::to_value(&export).expect("json");
        assert_eq!(json["unreadEvents"][0]["eventId"], "2");
    }

    #[test]
    fn custom_event_text_is_unquoted_and_cells_are_inert() {
        assert_eq!(event_text(&event("1", 1, "Note", "\"hello\"")), "hello");
        assert_eq!(cell("a|b\u{1b}[31mred\n"), "a\\|b\u{fffd}[31mred ");
    }
}
