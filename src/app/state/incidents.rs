//! The incidents list: open incidents first, then resolved, narrowed by the `/` filter; the highlighted row is the selection.

use ratatui_textarea::TextArea;

use crate::domain::arn::Arn;
use crate::domain::model::{IncidentRecord, IncidentRecordSummary, IncidentStatus, Timestamp};

use super::RefreshState;
use super::event_activity::EventActivity;
use super::new_incidents::NewIncidents;

#[derive(Debug, Clone, Default)]
pub struct IncidentList {
    pub generation: u64,
    pub loading: bool,
    /// Open first (most severe impact, then newest), then resolved (most recently resolved first).
    pub items: Vec<IncidentRecordSummary>,
    /// Indices into `items` that pass the filter, in display order.
    pub visible: Vec<usize>,
    /// The applied filter, matched case-insensitively against title, plan and ARN.
    pub filter: String,
    /// `Some` while the filter is being typed.
    pub filter_input: Option<TextArea<'static>>,
    /// Index into `visible`. The row under it is the one selection every action, the timeline and the
    /// incident view act on; there is no other.
    cursor: usize,
    /// The ARN under the cursor, so a reload or a new filter puts the cursor back on the same incident.
    anchor: Option<String>,
    /// The highlighted incident's full record (chat channel, notification targets), once read.
    pub record: Option<IncidentRecord>,
    pub refresh: RefreshState,
    pub next_poll_at: Option<Timestamp>,
    /// Incidents that opened since an earlier list: marked new, and the alert for them.
    pub arrivals: NewIncidents,
    /// New timeline events on incidents other than the highlighted one: the rows they mark, and the checks.
    pub activity: EventActivity,
}

/// The response plan an incident came from: the middle of `…:incident-record/PLAN/ID`.
pub fn plan_of(arn: &str) -> &str {
    Arn::parse(arn)
        .ok()
        .filter(|arn| arn.resource_type() == Some("incident-record"))
        .and_then(|arn| arn.resource_path().split('/').next())
        .unwrap_or("")
}

impl IncidentList {
    /// Replaces the list, keeping the selected incident selected if it is still there.
    pub fn replace(&mut self, mut items: Vec<IncidentRecordSummary>) {
        items.sort_by(|a, b| match (a.status, b.status) {
            (IncidentStatus::Open, IncidentStatus::Resolved) => std::cmp::Ordering::Less,
            (IncidentStatus::Resolved, IncidentStatus::Open) => std::cmp::Ordering::Greater,
            (IncidentStatus::Open, IncidentStatus::Open) => a
                .impact
                .cmp(&b.impact)
                .then(b.creation_time.cmp(&a.creation_time)),
            (IncidentStatus::Resolved, IncidentStatus::Resolved) => b
                .resolved_time
                .unwrap_or(b.creation_time)
                .cmp(&a.resolved_time.unwrap_or(a.creation_time)),
        });
        self.items = items;
        self.apply_filter();
    }

    /// Recomputes `visible` from the filter and puts the cursor back on the selected incident.
    pub fn apply_filter(&mut self) {
        let needle = self.current_filter().to_lowercase();
        self.visible = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                needle.is_empty()
                    || i.title.to_lowercase().contains(&needle)
                    || i.arn.to_lowercase().contains(&needle)
                    || plan_of(&i.arn).to_lowercase().contains(&needle)
            })
            .map(|(idx, _)| idx)
            .collect();
        let anchor = self.anchor.as_deref();
        self.cursor = self
            .visible
            .iter()
            .position(|&i| Some(self.items[i].arn.as_str()) == anchor)
            .unwrap_or_else(|| self.cursor.min(self.visible.len().saturating_sub(1)));
        self.anchor = self.selected().map(|i| i.arn.clone());
    }

    /// The incident the highlight is on, or is to move to as soon as a reload lists it.
    pub fn anchor(&self) -> Option<&str> {
        self.anchor.as_deref()
    }

    /// Index into `visible` of the highlighted row.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the highlight to row `to` of the visible rows (clamped).
    pub fn move_cursor(&mut self, to: usize) {
        self.cursor = to.min(self.visible.len().saturating_sub(1));
        self.anchor = self.selected().map(|i| i.arn.clone());
    }

    /// Highlights the incident with this ARN: at once if it is listed and passes the filter (clearing the
    /// filter if it hides it), else as soon as a reload brings it. Returns whether it is highlighted now.
    pub fn highlight(&mut self, arn: &str) -> bool {
        if !self.items.iter().any(|i| i.arn == arn) {
            self.anchor = Some(arn.to_string());
            return false;
        }
        if !self.visible.iter().any(|&i| self.items[i].arn == arn) {
            self.filter.clear();
            self.filter_input = None;
        }
        self.anchor = Some(arn.to_string());
        self.apply_filter();
        true
    }

    /// The filter as typed so far while typing, else the applied one.
    pub fn current_filter(&self) -> String {
        match &self.filter_input {
            Some(input) => input.lines().join(" "),
            None => self.filter.clone(),
        }
    }

    /// The highlighted incident: the only target an action can have. `None` when the filter hides every
    /// incident or none is listed.
    pub fn selected(&self) -> Option<&IncidentRecordSummary> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.items.get(i))
    }

    /// The ARN of the highlighted incident.
    pub fn selected_arn(&self) -> Option<&str> {
        self.selected().map(|i| i.arn.as_str())
    }

    /// The record read for the highlighted incident; a record of another incident is never returned.
    pub fn selected_record(&self) -> Option<&IncidentRecord> {
        self.record
            .as_ref()
            .filter(|r| Some(r.arn.as_str()) == self.selected_arn())
    }

    /// Any listed incident by ARN, for naming a command's target in words.
    pub fn by_arn(&self, arn: &str) -> Option<&IncidentRecordSummary> {
        self.items.iter().find(|i| i.arn == arn)
    }

    pub fn open_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == IncidentStatus::Open)
            .count()
    }
}
