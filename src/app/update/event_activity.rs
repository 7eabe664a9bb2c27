//! New timeline events elsewhere: after each incidents poll, the newest event of a few other open incidents is read, and a changed one marks its row.

use std::collections::BTreeSet;

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::{EventSummary, IncidentStatus};

/// After a good list read: the next few open incidents other than the highlighted one to check, unless a check
/// still runs.
pub fn check(state: &mut AppState) -> Vec<Effect> {
    let highlighted = state.incidents.selected_arn().map(str::to_string);
    let items = &state.incidents.items;
    let listed: BTreeSet<&str> = items.iter().map(|i| i.arn.as_str()).collect();
    let open: BTreeSet<&str> = items
        .iter()
        .filter(|i| i.status == IncidentStatus::Open)
        .map(|i| i.arn.as_str())
        .collect();
    let activity = &mut state.incidents.activity;
    activity.keep_only(&open, &listed);
    let others: Vec<&str> = open
        .iter()
        .copied()
        .filter(|arn| Some(*arn) != highlighted.as_deref())
        .collect();
    match activity.next_check(&others) {
        Some((generation, arns)) => vec![Effect::CheckLatestEvents { generation, arns }],
        None => Vec::new(),
    }
}

/// A check's answers: a changed newest event marks its row; a failed read concludes nothing.
pub fn checked(
    state: &mut AppState,
    generation: u64,
    answers: &[(String, Result<Option<EventSummary>, CloudError>)],
) -> Vec<Effect> {
    let highlighted = state.incidents.selected_arn().map(str::to_string);
    state
        .incidents
        .activity
        .checked(generation, answers, highlighted.as_deref());
    Vec::new()
}
