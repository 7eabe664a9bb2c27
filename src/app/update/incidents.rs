//! The incident list: loading, selection (which starts the timeline), the selected record, and the `/` filter.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::cloud::CloudError;
use crate::domain::model::{IncidentRecord, IncidentRecordSummary};

use super::setup::later;

pub fn reload(state: &mut AppState) -> Vec<Effect> {
    state.incidents.generation += 1;
    state.incidents.loading = true;
    vec![Effect::LoadIncidents {
        generation: state.incidents.generation,
    }]
}

pub fn loaded(
    state: &mut AppState,
    generation: u64,
    result: Result<Vec<IncidentRecordSummary>, CloudError>,
) -> Vec<Effect> {
    if generation != state.incidents.generation {
        return Vec::new();
    }
    state.incidents.loading = false;
    state.incidents.next_poll_at = Some(later(state.now, state.config.incidents_poll_ms));
    match result {
        Ok(items) => {
            state.incidents.refresh.succeeded(state.now);
            state.incidents.replace(items);
            let selected_gone = state.incidents.selected().is_none();
            match state.incidents.at_cursor().map(|i| i.arn.clone()) {
                Some(arn) if selected_gone => select(state, arn),
                _ => Vec::new(),
            }
        }
        Err(error) => {
            state.incidents.refresh.failed(error.to_string());
            Vec::new()
        }
    }
}

/// Shows an incident: its record and its timeline, read afresh.
pub fn select(state: &mut AppState, arn: String) -> Vec<Effect> {
    if state.incidents.selected_arn.as_deref() == Some(arn.as_str()) && state.timeline.arn.is_some()
    {
        return Vec::new();
    }
    state.incidents.selected_arn = Some(arn.clone());
    state.incidents.record = None;
    state.incidents.apply_filter();
    state.timeline.reset(Some(arn.clone()));
    state.timeline.poll_in_flight = true;
    vec![
        Effect::LoadIncidentRecord { arn: arn.clone() },
        Effect::PollTimeline {
            arn,
            generation: state.timeline.generation,
            after: None,
        },
    ]
}

pub fn record_loaded(
    state: &mut AppState,
    arn: &str,
    result: Result<IncidentRecord, CloudError>,
) -> Vec<Effect> {
    if state.incidents.selected_arn.as_deref() != Some(arn) {
        return Vec::new();
    }
    match result {
        Ok(record) => {
            // The record is fresher than the list: keep the list's row in step with it.
            if let Some(row) = state
                .incidents
                .items
                .iter_mut()
                .find(|i| i.arn == record.arn)
            {
                *row = IncidentRecordSummary::from(&record);
            }
            state.incidents.record = Some(record);
        }
        Err(error) => state.incidents.refresh.failed(error.to_string()),
    }
    Vec::new()
}

/// Moves the list cursor and selects the incident under it.
pub fn move_cursor(state: &mut AppState, to: usize) -> Vec<Effect> {
    if state.incidents.visible.is_empty() {
        return Vec::new();
    }
    state.incidents.cursor = to.min(state.incidents.visible.len() - 1);
    match state.incidents.at_cursor().map(|i| i.arn.clone()) {
        Some(arn) => select(state, arn),
        None => Vec::new(),
    }
}
