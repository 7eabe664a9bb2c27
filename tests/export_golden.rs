//! `imdeck export` through the real binary: the demo incident's record against a reviewed golden file, and the JSON form.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_ssmincidents::primitives::DateTime;
use e2e::*;
use serde_json::Value;

const GOLDEN: &str = include_str!("golden/demo-incident.md");

fn export(format: &str) -> Run {
    Invocation::new(&[
        "--sandbox",
        "export",
        "--incident",
        DEMO_INCIDENT,
        "--format",
        format,
    ])
    .run()
}

/// The first differing line, so a failure reads as a diff rather than two walls of text.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!(
                "line {}:\n  golden: {:?}\n  actual: {:?}",
                i + 1,
                e.get(i),
                a.get(i)
            );
        }
    }
    "only trailing whitespace differs".into()
}

#[test]
fn the_markdown_export_of_the_demo_incident_matches_the_reviewed_golden_file() {
    let run = export("markdown");
    assert_eq!(run.code, 0, "{}", run.stderr);
    if std::env::var_os("IMDECK_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/demo-incident.md");
        std::fs::write(path, &run.stdout).expect("bless the golden file");
        panic!("wrote {path}; review it, then run again without IMDECK_BLESS");
    }
    assert!(
        run.stdout == GOLDEN,
        "the export differs from tests/golden/demo-incident.md (IMDECK_BLESS=1 rewrites it for review)\n{}",
        first_difference(GOLDEN, &run.stdout)
    );
}

fn timeline(export: &Value) -> &[Value] {
    export["timeline"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

#[test]
fn the_json_export_parses_and_holds_the_whole_timeline_in_order() {
    let run = export("json");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let export = run.json();
    assert_eq!(export["incidentRecord"]["arn"], DEMO_INCIDENT);
    assert_eq!(export["incidentRecord"]["status"], "OPEN");
    let events = timeline(&export);
    assert_eq!(events.len(), 7, "every event of the demo incident");
    let times: Vec<i64> = events
        .iter()
        .map(|e| e["eventTime"].as_i64().expect("eventTime"))
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in time order: {times:?}"
    );
    assert!(events.iter().all(|e| {
        e["eventData"].as_str().is_some_and(|d| !d.is_empty())
            && e["incidentRecordArn"] == DEMO_INCIDENT
    }));
    assert_eq!(export["relatedItems"].as_array().map(Vec::len), Some(3));
    let changes = export["changes"].as_array().expect("changes");
    assert!(changes.iter().any(|c| c["attribute"] == "impact"));
    // The Markdown lists the same events in the same order.
    let markdown = export_markdown_types();
    let json_types: Vec<String> = events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(markdown, json_types);
}

/// The Type column of the golden file's timeline table.
fn export_markdown_types() -> Vec<String> {
    GOLDEN
        .split("## Timeline")
        .nth(1)
        .unwrap_or("")
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| l.split(" | ").nth(1).unwrap_or("").to_string())
        .collect()
}

#[test]
fn an_unknown_incident_exits_1_with_the_service_error() {
    let run = Invocation::new(&[
        "--sandbox",
        "export",
        "--incident",
        "arn:aws:ssm-incidents::111122223333:incident-record/Nope/00000000",
    ])
    .run();
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("ResourceNotFound"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_added_with_the_sdk_appears_in_its_place_in_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    // Between the 09:25 note and the 09:31 impact change.
    sdk::incidents(&sandbox)
        .await
        .create_timeline_event()
        .incident_record_arn(DEMO_INCIDENT)
        .event_time(DateTime::from_secs(1_710_408_500))
        .event_type("Custom Event")
        .event_data("\"Read replica promoted in us-west-2\"")
        .send()
        .await
        .expect("event added");
    let before = log_lines(&log).len();
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["export", "--incident", DEMO_INCIDENT],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("| 2024"))
        .collect();
    assert_eq!(rows.len(), 8, "{}", run.stdout);
    assert_eq!(
        rows[5],
        "| 2024-03-14T09:28:20.000Z | Custom Event | Read replica promoted in us-west-2 |"
    );
    assert!(
        mutating_ops(&log_lines(&log)[before..]).is_empty(),
        "export reads only"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_that_cannot_be_read_is_named_and_the_export_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut opts =
        imdeck::sandbox::SandboxOptions::loopback_ephemeral(imdeck::sandbox::Scenario::Demo);
    opts.deny_operations = vec!["GetTimelineEvent".to_string()];
    let (sandbox, log) = logged_sandbox(opts, dir.path()).await;
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["export", "--incident", DEMO_INCIDENT],
    )
    .run_async()
    .await;
    let lines = log_lines(&log);
    sandbox.shutdown().await;
    let denied = lines
        .iter()
        .filter(|l| l["operation"] == "GetTimelineEvent" && l["status"] != 200)
        .count();
    assert!(denied >= 7, "every event read was refused: {denied}");
    // The record is still written, each unread event in its place, and the exit status says it is incomplete.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("# Incident: "), "{}", run.stdout);
    assert!(run.stdout.contains("## Related items"), "{}", run.stdout);
    let marked = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("| 2024") && l.contains("(could not be read: AccessDenied"))
        .count();
    assert_eq!(marked, denied, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "**Incomplete:** {denied} event(s) could not be read"
        )),
        "{}",
        run.stdout
    );
    // stderr names each event that could not be read, once, with no Debug rendering.
    let named = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("imdeck export: could not read event 2024"))
        .count();
    assert_eq!(named, denied, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{denied} of {denied} timeline events could not be read"
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Some("), "{}", run.stderr);
}
