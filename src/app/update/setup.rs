//! Snapshot loading for the setup panes: generations, the Region counter, and the refresh schedule.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::app::state::setup::LoadProgress;
use crate::cloud::CloudError;
use crate::domain::audit::Check;
use crate::domain::model::Timestamp;
use crate::domain::snapshot::CloudSnapshot;

pub fn reload(state: &mut AppState) -> Vec<Effect> {
    state.setup.generation += 1;
    state.setup.loading = Some(LoadProgress::default());
    vec![Effect::LoadSnapshot {
        generation: state.setup.generation,
    }]
}

pub fn progress(state: &mut AppState, generation: u64, done: usize, total: usize) -> Vec<Effect> {
    if generation == state.setup.generation && state.setup.loading.is_some() {
        state.setup.loading = Some(LoadProgress { done, total });
    }
    Vec::new()
}

pub fn loaded(
    state: &mut AppState,
    generation: u64,
    snapshot: CloudSnapshot,
    checks: Vec<Check>,
) -> Vec<Effect> {
    if generation != state.setup.generation {
        return Vec::new();
    }
    if state.header.account.is_empty() {
        state.header.account = snapshot.account.clone();
    }
    state.setup.load(snapshot, checks);
    state.setup.loading = None;
    if state.wizard.open || state.wizard.plan.is_some() {
        state.wizard.replan(state.setup.snapshot.as_ref());
    }
    state.setup.refresh.succeeded(state.now);
    state.setup.next_refresh_at = Some(later(state.now, state.config.snapshot_refresh_ms));
    Vec::new()
}

pub fn failed(state: &mut AppState, generation: u64, error: &CloudError) -> Vec<Effect> {
    if generation != state.setup.generation {
        return Vec::new();
    }
    state.setup.loading = None;
    state.setup.refresh.failed(error.to_string());
    state.setup.next_refresh_at = Some(later(state.now, state.config.snapshot_refresh_ms));
    Vec::new()
}

pub fn later(now: Timestamp, ms: i64) -> Timestamp {
    Timestamp(now.millis().saturating_add(ms))
}
