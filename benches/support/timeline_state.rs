//! Builds an `AppState` holding the demo incident with N timeline events, only through `update` Msgs, for the benches.
#![allow(dead_code)]

use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::model::EventSummary;

use crate::demo::{INCIDENT, checks, event_number, incidents, record, snapshot, started};

/// Answers every `FetchEvent` among `effects`, as the runtime would with GetTimelineEvent.
pub fn answer_fetches(state: &mut AppState, effects: Vec<Effect>, count: usize) {
    let mut pending = effects;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for effect in pending {
            let Effect::FetchEvent { arn, id } = effect else {
                continue;
            };
            let Some(n) = id.strip_prefix("ev").and_then(|n| n.parse().ok()) else {
                continue;
            };
            next.extend(update(
                state,
                Msg::EventLoaded {
                    arn,
                    id,
                    result: Ok(event_number(count, n)),
                },
            ));
        }
        pending = next;
    }
}

/// A 160×48 screen with the snapshot, the incident list and the demo incident whose timeline has `count`
/// events. The texts the app asks for (the visible rows) are answered; with
/// `every_text` the text of every event is also delivered, the worst case for the text cache.
pub fn loaded_with_events(count: usize, every_text: bool) -> AppState {
    let mut state = started(false);
    update(
        &mut state,
        Msg::Resized {
            width: 160,
            height: 48,
        },
    );
    let generation = state.setup.generation;
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot()),
            checks: checks(),
        },
    );
    let generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(incidents()),
        },
    );
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT.into(),
        },
    );
    update(
        &mut state,
        Msg::IncidentRecordLoaded {
            arn: INCIDENT.into(),
            result: Ok(record(INCIDENT)),
        },
    );
    // The runtime follows every ListTimelineEvents page (100 events each, oldest first) and sends them as one
    // `TimelinePage` (runtime/effects.rs), so the state sees them the same way here.
    let generation = state.timeline.generation;
    let effects = update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok((0..count)
                .map(|n| EventSummary::from(&event_number(count, n)))
                .collect()),
            last_page: true,
        },
    );
    if every_text {
        for n in 0..count {
            let e = event_number(count, n);
            update(
                &mut state,
                Msg::EventLoaded {
                    arn: INCIDENT.into(),
                    id: e.event_id.clone(),
                    result: Ok(e),
                },
            );
        }
    }
    answer_fetches(&mut state, effects, count);
    state
}
