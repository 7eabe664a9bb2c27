//! New timeline events on incidents other than the highlighted one, driven through `update` and drawn: each poll
//! asks for the newest event of the other open incidents, the first reading never marks, a changed one marks the row
//! `+` until it is highlighted, and a failed reading concludes nothing.

#[path = "support/demo.rs"]
mod demo;
#[path = "support/screen.rs"]
mod screen;

use demo::*;
use imdeck::app::state::event_activity::CHECKS_PER_POLL;
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::cloud_error::CloudError;
use imdeck::domain::model::{EventSummary, IncidentRecordSummary, IncidentStatus, Timestamp};
use ratatui::crossterm::event::KeyCode;
use screen::{draw, text_of};

/// The demo state with the check `loaded` left unanswered answered with nothing, so the next poll asks again.
fn ready() -> AppState {
    let mut state = loaded(false);
    let generation = state.incidents.activity.generation;
    update(
        &mut state,
        Msg::LatestEventsChecked {
            generation,
            answers: Vec::new(),
        },
    );
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT));
    state
}

/// `R` and the list answered with `items`: the check the poll asks for, as (generation, ARNs).
fn poll_with(
    state: &mut AppState,
    items: Vec<IncidentRecordSummary>,
) -> Option<(u64, Vec<String>)> {
    update(state, key(KeyCode::Char('R')));
    let generation = state.incidents.generation;
    let effects = update(
        state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(items),
        },
    );
    let checks: Vec<_> = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::CheckLatestEvents { generation, arns } => Some((generation, arns)),
            _ => None,
        })
        .collect();
    assert!(checks.len() <= 1, "{checks:?}");
    checks.into_iter().next()
}

fn poll(state: &mut AppState) -> (u64, Vec<String>) {
    poll_with(state, incidents()).expect("the poll checks the other open incident")
}

fn newest(id: &str, secs: i64) -> Result<Option<EventSummary>, CloudError> {
    Ok(Some(EventSummary {
        incident_record_arn: INCIDENT_2.into(),
        event_id: id.into(),
        event_time: Timestamp::from_secs(secs),
        event_updated_time: Timestamp::from_secs(secs),
        event_type: "Custom Event".into(),
        event_references: Vec::new(),
    }))
}

fn answer(state: &mut AppState, generation: u64, result: Result<Option<EventSummary>, CloudError>) {
    let effects = update(
        state,
        Msg::LatestEventsChecked {
            generation,
            answers: vec![(INCIDENT_2.to_string(), result)],
        },
    );
    assert!(effects.is_empty(), "{effects:?}");
}

fn throttled() -> Result<Option<EventSummary>, CloudError> {
    Err(CloudError::Throttled {
        code: "ThrottlingException".into(),
        message: "Rate exceeded".into(),
    })
}

fn highlight(state: &mut AppState, arn: &str) {
    let position = |state: &AppState, arn: &str| {
        state
            .incidents
            .visible
            .iter()
            .position(|&i| state.incidents.items[i].arn == arn)
            .expect("listed")
    };
    let (row, here) = (position(state, arn), position(state, INCIDENT));
    let step = if row > here {
        KeyCode::Down
    } else {
        KeyCode::Up
    };
    for _ in 0..row.abs_diff(here) {
        update(state, key(step));
    }
    assert_eq!(state.incidents.selected_arn(), Some(arn));
}

#[test]
fn a_poll_checks_the_other_open_incidents_never_the_highlighted_one_nor_resolved_ones() {
    let mut state = ready();
    let (_, arns) = poll(&mut state);
    let open_others: Vec<String> = incidents()
        .into_iter()
        .filter(|i| i.status == IncidentStatus::Open && i.arn != INCIDENT)
        .map(|i| i.arn)
        .collect();
    assert_eq!(arns, open_others);
    assert!(arns.contains(&INCIDENT_2.to_string()));
    // While that check runs, the next poll asks for none.
    assert_eq!(poll_with(&mut state, incidents()), None);
}

#[test]
fn a_newer_event_marks_the_row_after_a_first_reading_and_highlighting_clears_it() {
    let mut state = ready();
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e1", NOW - 60));
    assert!(
        !state.incidents.activity.is_marked(INCIDENT_2),
        "the first reading after start never marks"
    );
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e1", NOW - 60));
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains("new event"), "{text}");

    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e2", NOW - 5));
    assert!(state.incidents.activity.is_marked(INCIDENT_2));
    assert!(!state.incidents.activity.is_marked(INCIDENT));
    let terminal = draw(&state, 160, 48);
    let text = text_of(terminal.backend().buffer());
    assert!(
        text.contains("+ 1 critical Checkout errors in eu-west-1"),
        "the row carries +:\n{text}"
    );
    assert!(text.contains("1 with a new event +"), "{text}");
    insta::assert_snapshot!("incidents_new_event_elsewhere_160x48", terminal.backend());

    // The mark stays through polls that read the same event.
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e2", NOW - 5));
    assert!(state.incidents.activity.is_marked(INCIDENT_2));

    highlight(&mut state, INCIDENT_2);
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(!text.contains("new event"), "{text}");
    // Now the other incident is the one checked.
    let (_, arns) = poll(&mut state);
    assert!(arns.contains(&INCIDENT.to_string()), "{arns:?}");
    assert!(!arns.contains(&INCIDENT_2.to_string()), "{arns:?}");
}

#[test]
fn a_failed_reading_leaves_no_mark_and_is_not_taken_as_seen() {
    let mut state = ready();
    // A failure first: no mark, unknown, and no baseline, so the next good reading is the first.
    let (g, _) = poll(&mut state);
    answer(&mut state, g, throttled());
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));
    assert!(state.incidents.activity.is_unknown(INCIDENT_2));
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e1", NOW - 60));
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));
    assert!(!state.incidents.activity.is_unknown(INCIDENT_2));

    // A failure between two readings of the same event: still nothing new (the failure was no reading of "empty").
    let (g, _) = poll(&mut state);
    answer(&mut state, g, throttled());
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e1", NOW - 60));
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));

    // A failure then a newer event: the newer event marks (the failure was no "nothing new" either).
    let (g, _) = poll(&mut state);
    answer(
        &mut state,
        g,
        Err(CloudError::AccessDenied {
            code: "AccessDeniedException".into(),
            message: "not authorized to perform ssm-incidents:ListTimelineEvents".into(),
        }),
    );
    assert!(!state.incidents.activity.is_marked(INCIDENT_2));
    let (g, _) = poll(&mut state);
    answer(&mut state, g, newest("e2", NOW - 5));
    assert!(state.incidents.activity.is_marked(INCIDENT_2));
}

#[test]
fn a_failed_list_read_asks_for_no_check() {
    let mut state = ready();
    update(&mut state, key(KeyCode::Char('R')));
    let generation = state.incidents.generation;
    let effects = update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Err(throttled().expect_err("an error")),
        },
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::CheckLatestEvents { .. })),
        "{effects:?}"
    );
}

#[test]
fn many_open_incidents_are_checked_a_batch_a_poll_in_turn() {
    let mut state = ready();
    let mut list = incidents();
    let template = list
        .iter()
        .find(|i| i.arn == INCIDENT_2)
        .expect("listed")
        .clone();
    for n in 0..25 {
        let mut extra = template.clone();
        extra.arn = format!("{INCIDENT_2}-{n:02}");
        list.push(extra);
    }
    let open = list
        .iter()
        .filter(|i| i.status == IncidentStatus::Open && i.arn != INCIDENT)
        .count();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..open.div_ceil(CHECKS_PER_POLL) {
        let (g, arns) = poll_with(&mut state, list.clone()).expect("a check");
        assert_eq!(arns.len(), CHECKS_PER_POLL.min(open), "{arns:?}");
        assert!(!arns.contains(&INCIDENT.to_string()));
        seen.extend(arns);
        update(
            &mut state,
            Msg::LatestEventsChecked {
                generation: g,
                answers: Vec::new(),
            },
        );
    }
    assert_eq!(
        seen.len(),
        open,
        "every open incident but the highlighted one, in turn"
    );
}

#[test]
fn the_help_explains_every_incident_mark() {
    let state = ready();
    let help: Vec<String> = imdeck::ui::help::help_lines(&state)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let start = help
        .iter()
        .position(|l| l.starts_with("Incident marks"))
        .expect("a legend for the incident list's marks");
    let end = help
        .iter()
        .position(|l| l == "Timeline marks")
        .expect("the timeline's legend after it");
    for (mark, words) in [
        ("★", "opened"),
        ("◆", "changed elsewhere"),
        ("+", "new or edited newest timeline event"),
    ] {
        assert!(
            help[start..end]
                .iter()
                .any(|l| l.trim_start().starts_with(mark) && l.contains(words)),
            "{mark} is explained: {help:?}"
        );
    }
}
