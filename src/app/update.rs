//! The pure `update`: one `Msg` in, the state changed, the `Effect`s to perform out. No clock, no I/O.

mod actions;
mod command;
mod completion;
mod history;
mod incidents;
mod keys;
mod lifecycle;
mod setup;
mod timeline;
mod wizard;

use super::effect::Effect;
use super::msg::Msg;
use super::state::AppState;

/// Applies one message. Total: every message in every state yields a state and a (possibly empty) list
/// of effects; answers to requests the user has moved away from (an older generation, another incident)
/// are dropped.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Started { now } => lifecycle::started(state, now),
        Msg::Tick { now } => lifecycle::tick(state, now),
        Msg::KeyPressed(key) => keys::key_pressed(state, key),
        Msg::Pasted(text) => keys::pasted(state, &text),
        Msg::Resized { width, height } => {
            state.viewport = (width, height);
            timeline::fetch_visible_texts(state)
        }
        Msg::IncidentRequested { arn } => incidents::select(state, arn),
        Msg::SnapshotProgress {
            generation,
            regions_done,
            regions_total,
        } => setup::progress(state, generation, regions_done, regions_total),
        Msg::SnapshotLoaded {
            generation,
            snapshot,
            checks,
        } => setup::loaded(state, generation, *snapshot, checks),
        Msg::SnapshotFailed { generation, error } => setup::failed(state, generation, &error),
        Msg::IncidentsLoaded { generation, result } => incidents::loaded(state, generation, result),
        Msg::IncidentRecordLoaded { arn, result } => incidents::record_loaded(state, &arn, result),
        Msg::TimelinePage {
            arn,
            generation,
            result,
            last_page,
        } => timeline::page(state, &arn, generation, result, last_page),
        Msg::EventLoaded { arn, id, result } => timeline::event_loaded(state, &arn, id, result),
        Msg::RelatedItemsLoaded { arn, result } => {
            timeline::related_items_loaded(state, &arn, result)
        }
        Msg::CommandFinished { line, result } => command::finished(state, line, result),
        Msg::HistoryLoaded { lines } => history::history_loaded(state, lines),
        Msg::ExportFinished { arn, result } => actions::export_finished(state, &arn, result),
        Msg::SetupStepApplied {
            generation,
            step,
            result,
            snapshot,
            checks,
        } => wizard::applied(
            state,
            generation,
            *step,
            result,
            snapshot.map(|s| *s),
            checks,
        ),
    }
}
