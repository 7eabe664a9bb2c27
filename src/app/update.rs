//! The pure `update`: one `Msg` in, the state changed, the `Effect`s to perform out. No clock, no I/O.

mod actions;
mod command;
mod completion;
mod describe;
mod event_activity;
mod history;
mod incident_view;
mod incidents;
mod keys;
mod lifecycle;
mod line_edit;
mod mouse;
mod movement;
mod new_incidents;
mod pager;
mod probe;
mod related;
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
        Msg::KeyPressed(key) => {
            let effects = keys::key_pressed(state, key);
            new_incidents::selected_by_user(state);
            effects
        }
        Msg::MouseUsed { event, hit } => {
            let effects = mouse::used(state, event, hit);
            new_incidents::selected_by_user(state);
            effects
        }
        Msg::Pasted(text) => keys::pasted(state, &text),
        Msg::Resized { width, height } => {
            let old_width = state.viewport.0;
            state.viewport = (width, height);
            pager::resized(state, old_width);
            timeline::fetch_visible_texts(state)
        }
        Msg::IncidentRequested { arn } => incidents::select(state, arn),
        Msg::IncidentViewRequested { arn } => incident_view::open_requested(state, arn),
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
        Msg::IncidentsLoaded { generation, result } => {
            let mut effects = new_incidents::observe(state, generation, &result);
            let listed = result.is_ok() && generation == state.incidents.generation;
            effects.extend(incidents::loaded(state, generation, result));
            if listed {
                effects.extend(event_activity::check(state));
            }
            effects
        }
        Msg::LatestEventsChecked {
            generation,
            answers,
        } => event_activity::checked(state, generation, &answers),
        Msg::IncidentRecordLoaded { arn, result } => incidents::record_loaded(state, &arn, result),
        Msg::TimelinePage {
            arn,
            generation,
            result,
            last_page,
        } => {
            let mut effects = timeline::page(state, &arn, generation, result, last_page);
            // Once a poll has ended: each is a walk over every event, too dear for every page of a first load.
            if last_page {
                effects.extend(incident_view::fetch_engagements(state));
                incident_view::refresh_engaged(state);
            }
            effects
        }
        Msg::EventLoaded { arn, id, result } => {
            let engagement = incident_view::is_engagement_event(state, &id);
            let effects = timeline::event_loaded(state, &arn, id, result);
            if engagement {
                incident_view::refresh_engaged(state);
            }
            effects
        }
        Msg::RelatedItemsLoaded { arn, result } => {
            let mut effects = timeline::related_items_loaded(state, &arn, result.clone());
            effects.extend(related::loaded(state, &arn, result));
            effects
        }
        Msg::CommandFinished { line, result } => command::finished(state, line, result),
        Msg::ProbeFinished { target, published } => probe::finished(state, target, published),
        Msg::HistoryLoaded { scope, lines } => history::history_loaded(state, scope, lines),
        Msg::ExportFinished { arn, path, result } => {
            actions::export_finished(state, arn, path, result)
        }
        Msg::UrlOpened { url, opener } => incident_view::url_opened(state, url, opener),
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
