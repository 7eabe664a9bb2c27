//! The incidents list: open incidents first, then resolved, narrowed by the `/` filter, with the selection kept by ARN.

use ratatui_textarea::TextArea;

use crate::domain::model::{IncidentRecord, IncidentRecordSummary, IncidentStatus, Timestamp};

use super::RefreshState;
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
    /// Index into `visible`.
    pub cursor: usize,
    pub selected_arn: Option<String>,
    /// The selected incident's full record (chat channel, notification targets), once read.
    pub record: Option<IncidentRecord>,
    pub refresh: RefreshState,
    pub next_poll_at: Option<Timestamp>,
    /// Incidents that opened since an earlier list: marked new, and the alert for them.
    pub arrivals: NewIncidents,
}

/// The response plan an incident came from: the middle of `…:incident-record/PLAN/ID`.
pub fn plan_of(arn: &str) -> &str {
    arn.split_once(":incident-record/")
        .and_then(|(_, rest)| rest.split('/').next())
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
        let selected = self.selected_arn.as_deref();
        self.cursor = self
            .visible
            .iter()
            .position(|&i| Some(self.items[i].arn.as_str()) == selected)
            .unwrap_or_else(|| self.cursor.min(self.visible.len().saturating_sub(1)));
    }

    /// The filter as typed so far while typing, else the applied one.
    pub fn current_filter(&self) -> String {
        match &self.filter_input {
            Some(input) => input.lines().join(" "),
            None => self.filter.clone(),
        }
    }

    /// The incident under the cursor.
    pub fn at_cursor(&self) -> Option<&IncidentRecordSummary> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.items.get(i))
    }

    pub fn selected(&self) -> Option<&IncidentRecordSummary> {
        let arn = self.selected_arn.as_deref()?;
        self.items.iter().find(|i| i.arn == arn)
    }

    pub fn open_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == IncidentStatus::Open)
            .count()
    }
}
