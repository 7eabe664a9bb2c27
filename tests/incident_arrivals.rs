//! The incidents pane: its header row, impact in words and stated order, and a newly opened incident raising the
//! alert and the bell and carrying a mark until it is selected; driven through `update` and drawn.

#[path = "support/demo.rs"]
mod demo;
#[path = "support/screen.rs"]
mod screen;

use demo::*;
use imdeck::app::state::new_incidents::NEW_FOR_MS;
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::model::{IncidentRecordSummary, IncidentStatus, Timestamp};
use ratatui::crossterm::event::KeyCode;
use screen::{draw, text_of};

const NEW_ARN: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/77aa97e6-7c10-aa10-9b86-f199aEXAMPLE";

fn with_new_incident() -> Vec<IncidentRecordSummary> {
    let mut list = incidents();
    let mut new = list[1].clone();
    new.arn = NEW_ARN.into();
    new.title = "Checkout API elevated 5xx rate after the 14:05 deploy of payments-api".into();
    new.impact = 1;
    new.creation_time = Timestamp::from_secs(NOW - 20);
    new.status = IncidentStatus::Open;
    list.push(new);
    list
}

/// `R`, then the snapshot answers as before and the list with `items`; the effects of the list's answer.
fn reload(state: &mut AppState, items: Vec<IncidentRecordSummary>) -> Vec<Effect> {
    update(state, key(KeyCode::Char('R')));
    let generation = state.setup.generation;
    update(
        state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot()),
            checks: checks(),
        },
    );
    let generation = state.incidents.generation;
    update(
        state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(items),
        },
    )
}

#[test]
fn the_first_list_rings_nothing() {
    let mut state = started(false);
    let generation = state.incidents.generation;
    let effects = update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(with_new_incident()),
        },
    );
    assert!(!effects.contains(&Effect::Bell), "{effects:?}");
    assert!(state.incidents.arrivals.alert(state.now).is_none());
    assert!(!state.incidents.arrivals.is_new(NEW_ARN, state.now));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains("NEW INCIDENT"), "{text}");
}

#[test]
fn a_new_incident_in_a_reload_rings_alerts_and_is_marked_until_selected() {
    let mut state = loaded(false);
    let effects = reload(&mut state, with_new_incident());
    assert_eq!(
        effects.iter().filter(|e| **e == Effect::Bell).count(),
        1,
        "{effects:?}"
    );
    assert!(state.incidents.arrivals.is_new(NEW_ARN, state.now));
    // The selection stays where the user put it.
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT));

    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("▲ NEW INCIDENT"), "{text}");
    assert!(
        text.contains(
            "1 critical · Checkout API elevated 5xx rate after the 14:05 deploy of payments-api"
        ),
        "the alert names the impact and the whole title:\n{text}"
    );
    assert!(
        text.contains("★ 1 critical"),
        "the row carries the ★ mark:\n{text}"
    );
    assert!(text.contains("1 new ★"), "{text}");

    // The same list again is not news again.
    let effects = reload(&mut state, with_new_incident());
    assert!(!effects.contains(&Effect::Bell), "{effects:?}");

    // Selecting it (it sorts first: impact 1, newest) ends the mark and the alert.
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(state.incidents.selected_arn(), Some(NEW_ARN));
    assert!(!state.incidents.arrivals.is_new(NEW_ARN, state.now));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains("NEW INCIDENT"), "{text}");
    assert!(!text.contains("★"), "{text}");
}

#[test]
fn the_mark_ends_after_a_few_minutes() {
    let mut state = loaded(false);
    reload(&mut state, with_new_incident());
    update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + NEW_FOR_MS + 1),
        },
    );
    assert!(!state.incidents.arrivals.is_new(NEW_ARN, state.now));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains("NEW INCIDENT"), "{text}");
}

#[test]
fn an_incident_started_here_and_already_selected_is_not_announced() {
    let mut state = loaded(false);
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: NEW_ARN.into(),
        },
    );
    let effects = reload(&mut state, with_new_incident());
    assert!(!effects.contains(&Effect::Bell), "{effects:?}");
}

#[test]
fn the_pane_has_a_header_impact_in_words_its_order_and_whole_titles() {
    let mut state = loaded(false);
    reload(&mut state, with_new_incident());
    let terminal = draw(&state, 160, 48);
    let text = text_of(terminal.backend().buffer());
    assert!(text.contains("open by impact, then newest"), "{text}");
    assert!(text.contains("IMPACT"), "{text}");
    assert!(text.contains("TITLE"), "{text}");
    assert!(text.contains("2 high     Payment API latency"), "{text}");
    assert!(text.contains("4 low"), "{text}");
    insta::assert_snapshot!("incidents_new_160x48", terminal.backend());
    let terminal = draw(&state, 80, 24);
    let text = text_of(terminal.backend().buffer());
    assert!(text.contains("IMPACT"), "{text}");
    insta::assert_snapshot!("incidents_new_80x24", terminal.backend());
}

/// The demo list with `arn`'s impact set to `impact`: what a list read shows after someone changed it.
fn with_impact(arn: &str, impact: i32) -> Vec<IncidentRecordSummary> {
    let mut list = incidents();
    for incident in list.iter_mut().filter(|i| i.arn == arn) {
        incident.impact = impact;
    }
    list
}

#[test]
fn a_change_to_another_incident_marks_its_row_until_highlighted() {
    let mut state = loaded(false);
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT));
    // Someone elsewhere lowers the other open incident's impact: no bell, no alert, but its row is marked.
    let effects = reload(&mut state, with_impact(INCIDENT_2, 3));
    assert!(!effects.contains(&Effect::Bell), "{effects:?}");
    assert!(state.incidents.arrivals.is_active(INCIDENT_2));
    assert!(!state.incidents.arrivals.is_active(INCIDENT));
    let terminal = draw(&state, 160, 48);
    let text = text_of(terminal.backend().buffer());
    assert!(
        text.contains("◆ 3 medium   Checkout errors in eu-west-1"),
        "the changed row carries ◆:\n{text}"
    );
    assert!(text.contains("1 changed ◆"), "{text}");
    assert!(!text.contains("NEW INCIDENT"), "{text}");
    insta::assert_snapshot!("incidents_changed_elsewhere_160x48", terminal.backend());

    // A change to the highlighted incident is the user's own to see in its timeline: no mark.
    reload(&mut state, {
        let mut list = with_impact(INCIDENT_2, 3);
        list.iter_mut()
            .filter(|i| i.arn == INCIDENT)
            .for_each(|i| i.impact = 1);
        list
    });
    assert!(!state.incidents.arrivals.is_active(INCIDENT));

    // Highlighting the marked incident clears its mark.
    let row = state
        .incidents
        .visible
        .iter()
        .position(|&i| state.incidents.items[i].arn == INCIDENT_2)
        .expect("listed");
    let here = state
        .incidents
        .visible
        .iter()
        .position(|&i| state.incidents.items[i].arn == INCIDENT)
        .expect("listed");
    let step = if row > here {
        KeyCode::Down
    } else {
        KeyCode::Up
    };
    for _ in 0..row.abs_diff(here) {
        update(&mut state, key(step));
    }
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT_2));
    assert!(!state.incidents.arrivals.is_active(INCIDENT_2));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains('◆'), "{text}");
}
