//! The incident view: one incident full screen — its header, timeline, related items and who was engaged.

use crate::domain::arn::Arn;
use crate::domain::model::{RelatedItem, Timestamp};

use super::Timeline;

/// Which half of the incident view has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewPane {
    #[default]
    Timeline,
    Related,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentView {
    /// True while the view covers the panes. It always shows the highlighted incident.
    pub open: bool,
    pub pane: ViewPane,
    pub related_cursor: usize,
    /// Who was engaged, worked out in `update` when a page or acknowledgement arrives (never per frame: a
    /// timeline can hold 100,000 events), with the timeline it was read from.
    pub engaged: Vec<Engagement>,
    pub engaged_unread: usize,
    pub engaged_of: Option<String>,
}

/// The related items of the highlighted incident, read when the incident view opens and after a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelatedItems {
    /// The incident they belong to; items of another incident are never shown.
    pub arn: Option<String>,
    pub items: Vec<RelatedItem>,
    pub loading: bool,
    pub error: Option<String>,
}

impl RelatedItems {
    /// The items, if they are those of `arn`.
    pub fn of(&self, arn: &str) -> Option<&[RelatedItem]> {
        (self.arn.as_deref() == Some(arn) && !self.loading).then_some(self.items.as_slice())
    }
}

/// One contact paged for the incident, as the timeline tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    /// The contact's alias: the last part of its ARN (`…:contact/db-oncall` → `db-oncall`).
    pub contact: String,
    pub paged_at: Timestamp,
    /// When and by whom the page was acknowledged, if it was.
    pub acknowledged: Option<(Timestamp, Option<String>)>,
}

/// Event types Incident Manager writes when it pages a contact and when the page is acknowledged.
pub const PAGE_EVENT: &str = "SSM Contacts Page for Incident";
pub const ACK_EVENT: &str = "SSM Contacts Page Acknowledgement for Incident";

/// Who was engaged, from the page and acknowledgement events whose texts are read; also how many such events
/// are not read yet, so the view can say the list is incomplete rather than pretend it is whole.
pub fn engagements(timeline: &Timeline) -> (Vec<Engagement>, usize) {
    let mut found: Vec<Engagement> = Vec::new();
    let mut unread = 0;
    for row in &timeline.events {
        let kind = row.summary.event_type.as_str();
        if kind != PAGE_EVENT && kind != ACK_EVENT {
            continue;
        }
        let Some(data) = timeline
            .text_of(row)
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        else {
            unread += 1;
            continue;
        };
        let contact = data
            .get("contactArn")
            .and_then(|a| a.as_str())
            .map(|arn| Arn::short_name(arn).to_string())
            .unwrap_or_else(|| "a contact".to_string());
        let at = row.summary.event_time;
        if kind == PAGE_EVENT {
            found.push(Engagement {
                contact,
                paged_at: at,
                acknowledged: None,
            });
        } else {
            let by = data
                .get("acknowledgedBy")
                .and_then(|b| b.as_str())
                .map(str::to_string);
            match found.iter_mut().rev().find(|e| e.contact == contact) {
                Some(engagement) => engagement.acknowledged = Some((at, by)),
                None => found.push(Engagement {
                    contact,
                    paged_at: at,
                    acknowledged: Some((at, by)),
                }),
            }
        }
    }
    (found, unread)
}

/// The ids of page and acknowledgement events whose texts the engagement list still needs.
pub fn engagement_event_ids(timeline: &Timeline) -> Vec<String> {
    timeline
        .events
        .iter()
        .filter(|r| r.summary.event_type == PAGE_EVENT || r.summary.event_type == ACK_EVENT)
        .filter(|r| timeline.text_of(r).is_none())
        .map(|r| r.summary.event_id.clone())
        .collect()
}
