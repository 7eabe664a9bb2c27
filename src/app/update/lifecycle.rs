//! Start-up, the clock tick that drives every periodic refresh, and the manual refresh.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::model::Timestamp;

use super::{history, incidents, setup, timeline};

pub fn started(state: &mut AppState, now: Timestamp) -> Vec<Effect> {
    state.now = now;
    let mut effects = history::follow_scope(state);
    effects.extend(refresh_all(state));
    effects
}

/// Reloads the snapshot and the incident list now, and polls the timeline at the next tick.
pub fn refresh_all(state: &mut AppState) -> Vec<Effect> {
    let mut effects = Vec::new();
    effects.extend(setup::reload(state));
    effects.extend(incidents::reload(state));
    if state.timeline.arn.is_some() {
        state.timeline.next_poll_at = Some(state.now);
        state.timeline.backoff_ms = 0;
        // A manual refresh reads the whole list: it is how a user recovers edits and deletions at once.
        state.timeline.reconcile_due = true;
        effects.extend(timeline::poll_if_due(state));
    }
    effects
}

/// Moves the clock and starts whatever refresh is due. Cheap: nothing here walks the events.
pub fn tick(state: &mut AppState, now: Timestamp) -> Vec<Effect> {
    state.now = now;
    let mut effects = Vec::new();
    // While the wizard writes, its own re-read is the next snapshot: a periodic load could read half a change.
    if state.setup.loading.is_none()
        && state.wizard.applying.is_none()
        && state.setup.next_refresh_at.is_some_and(|t| t <= now)
    {
        effects.extend(setup::reload(state));
    }
    if !state.incidents.loading && state.incidents.next_poll_at.is_some_and(|t| t <= now) {
        effects.extend(incidents::reload(state));
    }
    effects.extend(timeline::poll_if_due(state));
    effects
}
