//! Builds an `AppState` holding the demo incident with N timeline events, only through `update` Msgs, for the benches.
#![allow(dead_code)]

use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::model::{EventSummary, TimelineEvent};

use crate::demo::{INCIDENT, NOW, checks, event, incidents, record, snapshot, started};

/// The event texts a responder writes: a few words to a few lines, and the service's JSON system events.
fn text_of(n: usize) -> (&'static str, String) {
    match n % 5 {
        0 => (
            "SSM Incident Record Update",
            format!(
                r#"{{"modifiedBy":"arn:aws:iam::111122223333:user/responder-{}","modifiedAttributes":[{{"attributeName":"impact","previousValue":"3","newValue":"2"}}]}}"#,
                n % 7
            ),
        ),
        1 => (
            "Custom Event",
            format!("\"Restarted payments-api pod {n}; error rate back under 0.1%\""),
        ),
        2 => (
            "Note",
            format!(
                "\"Step {n}: p99 latency back under 300 ms in us-east-2; still elevated in us-west-2 where the cache warm-up is slower than expected, keeping the incident open until it settles\""
            ),
        ),
        3 => (
            "SSM Contacts Page for Incident",
            format!(
                r#"{{"contactArn":"arn:aws:ssm-contacts:us-east-2:111122223333:contact/oncall-{}"}}"#,
                n % 3
            ),
        ),
        _ => ("Custom Event", format!("\"Checked dashboard {n}\"")),
    }
}

/// Event `n` of `count` in the benchmark incident, one every 3 s up to `NOW`; made again on demand, so that
/// no second copy of the timeline is ever held (it would blur the memory figures).
pub fn event_number(count: usize, n: usize) -> TimelineEvent {
    let (kind, data) = text_of(n);
    let secs = NOW - 3 * (count - n) as i64;
    event(INCIDENT, &format!("ev{n:06}"), secs, kind, &data)
}

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
