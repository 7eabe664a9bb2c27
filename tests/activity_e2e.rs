//! Activity marks end to end: the dashboard's own loop, effect runner and cloud adapter against the demo sandbox; an
//! event written with the SDK on an incident other than the highlighted one marks its row after the next poll,
//! and the sandbox answers the newest-event read (sortBy EVENT_TIME, DESCENDING, maxResults 1) as AWS does.

#[path = "support/real_loop.rs"]
mod real_loop;
#[path = "support/screen.rs"]
mod screen;
#[path = "support/sdk.rs"]
mod sdk;

use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_ssmincidents::error::ProvideErrorMetadata;
use aws_sdk_ssmincidents::types::{SortOrder, TimelineEventSort};
use imdeck::app::{AppState, Effect, HeaderInfo};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::model::{IncidentStatus, Timestamp};
use imdeck::sandbox::Sandbox;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use real_loop::{Driver, Settled, with_real_loop};
use screen::screen_text;

async fn connect(sandbox: &Sandbox) -> Cloud {
    Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects")
}

fn now() -> Timestamp {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_millis();
    Timestamp(i64::try_from(millis).expect("millis"))
}

/// The next incidents poll through the dashboard's loop: the clock moved past the poll interval.
async fn next_poll(app: &mut Driver, before: &Settled) -> Settled {
    let later = Timestamp(before.state.now.0 + before.state.config.incidents_poll_ms + 1);
    app.tick(later).await
}

fn checks(asked: &[Effect]) -> Vec<Vec<String>> {
    asked
        .iter()
        .filter_map(|e| match e {
            Effect::CheckLatestEvents { arns, .. } => Some(arns.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_event_written_elsewhere_marks_that_row_after_the_next_poll() {
    let sandbox = sdk::demo().await;
    let cloud = connect(&sandbox).await;
    let client = sdk::incidents(&sandbox).await;
    let state = AppState::new(HeaderInfo {
        account: String::new(),
        region: cloud.region(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: true,
        incident_manager: None,
        endpoint: None,
    });
    with_real_loop(state, cloud, Vec::new(), (160, 48), now(), async |app| {
        let started = app.settled().await;
        let state = &started.state;
        let highlighted = state
            .incidents
            .selected_arn()
            .expect("an incident is highlighted")
            .to_string();
        let other = state
            .incidents
            .items
            .iter()
            .find(|i| i.status == IncidentStatus::Open && i.arn != highlighted)
            .expect("a second open incident")
            .arn
            .clone();
        assert_eq!(
            checks(&started.asked),
            vec![vec![other.clone()]],
            "the first poll reads the other open incident's newest event"
        );
        assert!(
            !state.incidents.activity.is_marked(&other),
            "the first reading never marks"
        );
        let quiet = next_poll(app, &started).await;
        assert!(
            !quiet.state.incidents.activity.is_marked(&other),
            "nothing happened"
        );
        assert!(!screen_text(&quiet.state, 160, 48).contains("new event +"));

        client
            .create_timeline_event()
            .incident_record_arn(&other)
            .event_time(aws_smithy_types::DateTime::from_millis(now().0))
            .event_type("Custom Event")
            .event_data("\"rolled back payments-api from another terminal\"")
            .send()
            .await
            .expect("an event written elsewhere");
        let marked = next_poll(app, &quiet).await;
        assert_eq!(checks(&marked.asked), vec![vec![other.clone()]]);
        let state = &marked.state;
        assert!(state.incidents.activity.is_marked(&other));
        assert!(!state.incidents.activity.is_marked(&highlighted));
        let text = screen_text(state, 160, 48);
        assert!(text.contains("1 with a new event +"), "{text}");
        let title = state
            .incidents
            .items
            .iter()
            .find(|i| i.arn == other)
            .map(|i| i.title.clone())
            .expect("listed");
        let words: String = title.chars().take(20).collect();
        assert!(
            text.lines()
                .any(|l| l.contains("│ + ") && l.contains(&words)),
            "the row of {title} carries +:\n{text}"
        );

        // Highlighting it clears the mark; its timeline shows the event.
        let target = state
            .incidents
            .visible
            .iter()
            .position(|&i| state.incidents.items[i].arn == other)
            .expect("listed");
        let mut now_at = marked.clone();
        while now_at.state.incidents.cursor() != target {
            let code = if now_at.state.incidents.cursor() < target {
                KeyCode::Down
            } else {
                KeyCode::Up
            };
            now_at = app.key(KeyEvent::from(code)).await;
        }
        let state = &now_at.state;
        assert_eq!(state.incidents.selected_arn(), Some(other.as_str()));
        assert!(!state.incidents.activity.is_marked(&other));
        assert!(!screen_text(state, 160, 48).contains("new event +"));
    })
    .await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_sandbox_answers_the_newest_event_read_and_refuses_what_the_model_forbids() {
    let sandbox = sdk::demo().await;
    let cloud = connect(&sandbox).await;
    let client = sdk::incidents(&sandbox).await;
    let all = cloud
        .list_timeline(sdk::MAIN_INCIDENT, None)
        .await
        .expect("the whole timeline");
    assert!(all.len() > 1);
    let newest_time = all.iter().map(|e| e.event_time).max().expect("events");
    let newest = cloud
        .latest_event(sdk::MAIN_INCIDENT)
        .await
        .expect("read")
        .expect("an event");
    assert_eq!(newest.event_time, newest_time);

    let page = client
        .list_timeline_events()
        .incident_record_arn(sdk::MAIN_INCIDENT)
        .sort_by(TimelineEventSort::EventTime)
        .sort_order(SortOrder::Descending)
        .max_results(1)
        .send()
        .await
        .expect("the request validator accepts the newest-event read");
    assert_eq!(page.event_summaries.len(), 1, "maxResults 1 is honoured");
    assert!(page.next_token.is_some(), "the rest is a page away");

    for (what, request) in [
        (
            "maxResults 0",
            client
                .list_timeline_events()
                .incident_record_arn(sdk::MAIN_INCIDENT)
                .max_results(0),
        ),
        (
            "an unknown sortOrder",
            client
                .list_timeline_events()
                .incident_record_arn(sdk::MAIN_INCIDENT)
                .sort_order(SortOrder::from("SIDEWAYS")),
        ),
        (
            "an unknown sortBy",
            client
                .list_timeline_events()
                .incident_record_arn(sdk::MAIN_INCIDENT)
                .sort_by(TimelineEventSort::from("TITLE")),
        ),
    ] {
        let error = request.send().await.expect_err(what);
        assert_eq!(error.code(), Some("ValidationException"), "{what}");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_batch_answers_every_incident_and_an_unreadable_one_stays_an_error() {
    let sandbox = sdk::demo().await;
    let cloud = connect(&sandbox).await;
    let client = sdk::incidents(&sandbox).await;
    // A fresh incident has its start event; an unknown ARN is no "nothing new".
    let started = client
        .start_incident()
        .response_plan_arn(sdk::TEST_PLAN)
        .title("activity probe")
        .send()
        .await
        .expect("started");
    let newest = cloud
        .latest_event(&started.incident_record_arn)
        .await
        .expect("read");
    assert!(newest.is_some(), "{newest:?}");
    let missing =
        "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/nope";
    let answers = cloud
        .latest_events(vec![started.incident_record_arn.clone(), missing.into()])
        .await;
    assert_eq!(answers.len(), 2);
    for (arn, answer) in &answers {
        if arn == missing {
            assert!(
                answer.is_err(),
                "an unreadable incident is unknown: {answer:?}"
            );
        } else {
            assert!(matches!(answer, Ok(Some(_))), "{answer:?}");
        }
    }
    sandbox.shutdown().await;
}
