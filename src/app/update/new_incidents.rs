//! New incidents: each list read is compared with the one before; an arrival rings the bell, raises the alert and marks its row.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::IncidentRecordSummary;

/// Runs before the list replaces the old one. Stale and failed reads say nothing: a failed read followed
/// by a good one compares the good one with the last good one.
pub fn observe(
    state: &mut AppState,
    generation: u64,
    result: &Result<Vec<IncidentRecordSummary>, CloudError>,
) -> Vec<Effect> {
    let Ok(items) = result else {
        return Vec::new();
    };
    if generation != state.incidents.generation {
        return Vec::new();
    }
    // The incident about to be highlighted (one just started here) is not news to the user.
    let selected = state.incidents.anchor().map(str::to_string);
    if state
        .incidents
        .arrivals
        .observe(items, selected.as_deref(), state.now)
    {
        vec![Effect::Bell]
    } else {
        Vec::new()
    }
}

/// After a key: the incident the user has selected is no longer news, nor are its new events (its timeline shows them).
pub fn selected_by_user(state: &mut AppState) {
    if let Some(arn) = state.incidents.selected_arn().map(str::to_string) {
        state.incidents.arrivals.seen(&arn);
        state.incidents.activity.seen(&arn);
    }
}
