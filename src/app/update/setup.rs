//! Snapshot loading for the setup panes: generations, the Region counter, and the refresh schedule.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::setup::LoadProgress;
use crate::app::state::{AppState, DetailTarget, Overlay};
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
    let mut effects = Vec::new();
    if state.header.account.is_empty() {
        state.header.account = snapshot.account.clone();
        effects.extend(super::history::follow_scope(state));
    }
    state.setup.load(snapshot, checks);
    state.setup.loading = None;
    if state.wizard.open || state.wizard.plan.is_some() {
        state.wizard.replan(state.setup.snapshot.as_ref());
    }
    state.setup.refresh.succeeded(state.now);
    state.setup.next_refresh_at = Some(later(state.now, state.config.snapshot_refresh_ms));
    effects
}

/// Columns a sideways step moves the detail popup.
const SIDEWAYS_STEP: u16 = 20;

/// A new detail starts at its left edge, with nothing copied yet.
pub fn detail_opened(state: &mut AppState) {
    state.setup.detail_hscroll = 0;
    state.setup.detail_copied = None;
}

/// The detail popup's own keys: sideways scrolling for the unwrapped fix commands, and Ctrl-Y to copy them.
pub fn detail_key(state: &mut AppState, action: Action) -> Vec<Effect> {
    let Overlay::Detail { target, .. } = &state.overlay else {
        return Vec::new();
    };
    match action {
        Action::ScrollLeft => {
            state.setup.detail_hscroll = state.setup.detail_hscroll.saturating_sub(SIDEWAYS_STEP);
        }
        Action::ScrollRight => {
            state.setup.detail_hscroll = state.setup.detail_hscroll.saturating_add(SIDEWAYS_STEP);
        }
        // An event's detail is no check: its copy key belongs to the event view.
        Action::CopyFix if matches!(target, DetailTarget::Event(_)) => {}
        Action::CopyFix => {
            let commands = state.setup.fix_commands(target);
            if commands.is_empty() {
                state.setup.detail_copied = Some("no fix command to copy".into());
                return Vec::new();
            }
            state.setup.detail_copied = Some(match commands.len() {
                1 => "copied the fix command".to_string(),
                n => format!("copied {n} fix commands"),
            });
            return vec![Effect::CopyToClipboard(commands.join("\n"))];
        }
        _ => {}
    }
    Vec::new()
}

pub fn later(now: Timestamp, ms: i64) -> Timestamp {
    Timestamp(now.millis().saturating_add(ms))
}
