//! The incident list: loading, selection (which starts the timeline), the selected record, and the `/` filter.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::{IncidentRecord, IncidentRecordSummary};

use super::related;
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
            follow_highlight(state)
        }
        Err(error) => {
            state.incidents.refresh.failed(error.to_string());
            Vec::new()
        }
    }
}

/// Keeps the timeline and the record on the highlighted incident. Called after anything that can move the
/// highlight (keys, the filter, a reload, an incident disappearing), so what is shown is what is highlighted.
pub fn follow_highlight(state: &mut AppState) -> Vec<Effect> {
    let highlighted = state.incidents.selected_arn().map(str::to_string);
    if highlighted == state.timeline.arn {
        return Vec::new();
    }
    state.incidents.record = None;
    state.timeline.reset(highlighted.clone());
    let Some(arn) = highlighted else {
        return Vec::new();
    };
    state.timeline.poll_in_flight = true;
    let mut effects = vec![
        Effect::LoadIncidentRecord { arn: arn.clone() },
        Effect::PollTimeline {
            arn,
            generation: state.timeline.generation,
            after: None,
        },
    ];
    effects.extend(related::load(state));
    effects
}

/// Highlights an incident by ARN (`--incident`, a started incident) and shows it.
pub fn select(state: &mut AppState, arn: String) -> Vec<Effect> {
    state.incidents.highlight(&arn);
    follow_highlight(state)
}

pub fn record_loaded(
    state: &mut AppState,
    arn: &str,
    result: Result<IncidentRecord, CloudError>,
) -> Vec<Effect> {
    if state.incidents.selected_arn() != Some(arn) {
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

/// Moves the list cursor; the timeline follows.
pub fn move_cursor(state: &mut AppState, to: usize) -> Vec<Effect> {
    state.incidents.move_cursor(to);
    follow_highlight(state)
}
