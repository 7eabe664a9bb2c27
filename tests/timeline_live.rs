//! The live timeline against the sandbox through the dashboard's own loop and effect runner, a teammate writing
//! through the SDK, polls driven by the test's clock; and the demo timeline drawn as sentences.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/real_loop.rs"]
mod real_loop;
#[path = "support/screen.rs"]
mod screen;
#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_ssmincidents::primitives::DateTime;
use imdeck::app::state::timeline::MAX_FETCHES_IN_FLIGHT;
use imdeck::app::{AppState, HeaderInfo, Msg};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::model::Timestamp;
use imdeck::sandbox::Sandbox;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use real_loop::{Driver, Settled, with_real_loop};
use screen::screen_text;
use sdk::MAIN_INCIDENT;

/// The demo's `asOf`: the sandbox in these tests keeps the scenario's own times.
const AS_OF: i64 = 1_710_410_910;
/// Demo events a teammate changes: a custom event to edit, one to delete.
const FAILOVER_EVENT: &str = "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b";
const KILLED_EVENT: &str = "6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d0e";

/// The dashboard's model on a cloud connected to the sandbox, as the runtime starts it.
async fn app(sandbox: &Sandbox) -> (AppState, Cloud) {
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    let state = AppState::new(HeaderInfo {
        account: String::new(),
        region: cloud.region(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: false,
        incident_manager: None,
        endpoint: None,
    });
    (state, cloud)
}

/// Runs `script` on the real loop with the main incident highlighted from the start, the clock at `AS_OF`.
async fn on_main_incident<T>(sandbox: &Sandbox, script: impl AsyncFnOnce(&mut Driver) -> T) -> T {
    let (state, cloud) = app(sandbox).await;
    let first = vec![Msg::IncidentRequested {
        arn: MAIN_INCIDENT.into(),
    }];
    with_real_loop(
        state,
        cloud,
        first,
        (160, 48),
        Timestamp::from_secs(AS_OF),
        script,
    )
    .await
}

/// The first screen's reads done: the demo incident's seven events.
async fn opened(app: &mut Driver) -> Settled {
    let opened = app.settled().await;
    assert_eq!(opened.state.timeline.len(), 7, "the demo incident's events");
    assert!(opened.state.timeline.first_load_done);
    opened
}

/// Moves the clock to the next poll (one interval on, or later when a failed read backed off) and waits for
/// that poll to end.
async fn poll(app: &mut Driver, clock: &mut Timestamp, before: &Settled) -> Settled {
    let timeline = &before.state.timeline;
    let interval_on = Timestamp(clock.millis() + before.state.config.timeline_poll_ms);
    *clock = timeline
        .next_poll_at
        .map_or(interval_on, |due| due.max(interval_on));
    let after = app.tick(*clock).await;
    assert_eq!(
        after.polls,
        before.polls + 1,
        "one poll per interval (before it: in flight {}, due {:?}, now {:?}; ticked at {:?})",
        timeline.poll_in_flight,
        timeline.next_poll_at,
        before.state.now,
        clock
    );
    after
}

fn text<'a>(state: &'a AppState, id: &str) -> Option<&'a str> {
    let row = state.timeline.find(id)?;
    state.timeline.text_of(row)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teammates_backdated_edited_and_deleted_events_show_within_two_polls() {
    let sandbox = sdk::demo().await;
    let teammate = sdk::incidents(&sandbox).await;
    on_main_incident(&sandbox, async |app| {
        let opened = opened(app).await;
        assert_eq!(
            text(&opened.state, FAILOVER_EVENT),
            Some("\"Failover of orders-db replica started\"")
        );

        // A teammate, from chat: an event an hour before the newest, an edit, a deletion.
        let backdated = teammate
            .create_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_time(DateTime::from_secs(1_710_407_600))
            .event_type("Custom Event")
            .event_data("\"Paged the storage team (written late)\"")
            .send()
            .await
            .expect("create")
            .event_id()
            .to_string();
        teammate
            .update_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_id(FAILOVER_EVENT)
            .event_data("\"Failover of orders-db replica started (us-west-2)\"")
            .send()
            .await
            .expect("edit");
        teammate
            .delete_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_id(KILLED_EVENT)
            .send()
            .await
            .expect("delete");

        let mut clock = Timestamp::from_secs(AS_OF);
        let once = poll(app, &mut clock, &opened).await;
        let twice = poll(app, &mut clock, &once).await;
        let state = &twice.state;
        assert!(
            state.timeline.find(&backdated).is_some(),
            "the backdated event is in the timeline"
        );
        assert_eq!(
            text(state, &backdated),
            Some("\"Paged the storage team (written late)\"")
        );
        assert_eq!(
            text(state, FAILOVER_EVENT),
            Some("\"Failover of orders-db replica started (us-west-2)\""),
            "the edit shows"
        );
        assert!(
            state
                .timeline
                .find(FAILOVER_EVENT)
                .is_some_and(|row| row.changed),
            "and is marked edited"
        );
        assert!(
            state.timeline.find(KILLED_EVENT).is_none(),
            "the deleted event is gone"
        );
        assert_eq!(state.timeline.len(), 7);
        let times: Vec<i64> = state
            .timeline
            .events
            .iter()
            .map(|row| row.summary.event_time.millis())
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "still in time order"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_reads_the_whole_list_at_once() {
    let sandbox = sdk::demo().await;
    let teammate = sdk::incidents(&sandbox).await;
    on_main_incident(&sandbox, async |app| {
        let opened = opened(app).await;
        // One incremental poll, so the next would be the periodic whole-list read anyway… unless `R` forces it.
        let mut clock = Timestamp::from_secs(AS_OF);
        let once = poll(app, &mut clock, &opened).await;
        poll(app, &mut clock, &once).await;
        teammate
            .delete_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_id(KILLED_EVENT)
            .send()
            .await
            .expect("delete");
        let refreshed = app
            .key(KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT))
            .await;
        assert!(
            refreshed.state.timeline.find(KILLED_EVENT).is_none(),
            "R recovers a deletion in one poll"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_timeline_reads_as_sentences_and_fetches_eight_at_a_time() {
    let sandbox = sdk::demo().await;
    let opened = on_main_incident(&sandbox, async |app| opened(app).await).await;
    assert!(
        opened.most_fetches_out <= MAX_FETCHES_IN_FLIGHT,
        "{} GetTimelineEvent out at once",
        opened.most_fetches_out
    );
    let screen = screen_text(&opened.state, 160, 48);
    for raw in [
        "contactArn:",
        "engagementArn:",
        "triggerArn:",
        "modifiedBy",
        "related-item/",
    ] {
        assert!(!screen.contains(raw), "{raw} on screen:\n{screen}");
    }
    for said in [
        "alarm orders-db-p99-latency → ALARM ·",
        "paged db-oncall",
        "db-oncall acknowledged (jdoe)",
        "impact 3 → 2 (jdoe)",
        "↳ Runbook: orders-db failover",
        "↳ orders-db read latency",
        "Timeline · 7/7 · UTC",
        // The clock says 2024 here, so dates need no year.
        "  03-14 09:12:04 page",
    ] {
        assert!(screen.contains(said), "{said:?} not on screen:\n{screen}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_timeline_never_has_more_than_eight_event_reads_out() {
    let sandbox = sdk::demo().await;
    let teammate = sdk::incidents(&sandbox).await;
    for i in 0..60 {
        teammate
            .create_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_time(DateTime::from_secs(1_710_409_300 + i))
            .event_type("Custom Event")
            .event_data(format!("\"step {i}\""))
            .send()
            .await
            .expect("create");
    }
    let opened = on_main_incident(&sandbox, async |app| app.settled().await).await;
    assert_eq!(opened.state.timeline.len(), 67);
    assert!(
        opened.most_fetches_out <= MAX_FETCHES_IN_FLIGHT,
        "{} GetTimelineEvent out at once",
        opened.most_fetches_out
    );
    assert!(
        opened.most_fetches_out == MAX_FETCHES_IN_FLIGHT,
        "the limit is reached, so the test could fail"
    );
}

#[test]
fn the_demo_started_minutes_before_the_sandbox_did() {
    let start = 1_900_000_000_i64;
    // Epoch seconds, as the wire carries them, so the arithmetic below is plain.
    let config = tempfile::NamedTempFile::new().expect("config file");
    std::fs::write(config.path(), "[default]\ncli_timestamp_format = wire\n")
        .expect("write config");
    let run = e2e::Invocation::new(&[
        "--sandbox",
        "exec",
        "--",
        "@aws ssm-incidents list-incident-records",
    ])
    .env("IMDECK_SANDBOX_NOW", &start.to_string())
    .env("AWS_CONFIG_FILE", &config.path().display().to_string())
    .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json()["incidentRecordSummaries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let open = records.iter().filter(|r| r["status"] == "OPEN").count();
    assert!(open >= 2, "{}", run.stdout);
    for record in &records {
        let created = record["creationTime"].as_f64().expect("creationTime") as i64;
        let minutes_ago = (start - created) / 60;
        match record["status"].as_str() {
            Some("OPEN") => assert!(
                (1..=90).contains(&minutes_ago),
                "{} opened {minutes_ago} min before the start",
                record["title"]
            ),
            _ => {
                let resolved = record["resolvedTime"].as_f64().expect("resolvedTime") as i64;
                assert!(resolved < start, "resolved in the past: {record}");
            }
        }
        assert!(
            record["arn"]
                .as_str()
                .is_some_and(|arn| arn.starts_with("arn:aws:ssm-incidents::111122223333:")),
            "ARNs unchanged"
        );
    }
    let bad = e2e::Invocation::new(&[
        "--sandbox",
        "exec",
        "--",
        "@aws ssm-incidents list-incident-records",
    ])
    .env("IMDECK_SANDBOX_NOW", "yesterday")
    .run();
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("IMDECK_SANDBOX_NOW"), "{}", bad.stderr);
}
