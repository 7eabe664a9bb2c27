//! Incident Manager's Region: the real binary finds the replication set's Region from anywhere, and the sandbox
//! answers outside it as AWS does (issue 11 §1).

#[path = "support/e2e.rs"]
mod e2e;

use e2e::{Invocation, Run, log_lines};
use imdeck::app::{AppState, HeaderInfo, IncidentManagerRegion};
use imdeck::cloud::{Cloud, ConnectOptions, IncidentRegion};
use imdeck::domain::audit::report::AuditReport;
use imdeck::sandbox::{SandboxOptions, Scenario};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

const MAIN_INCIDENT: &str = e2e::DEMO_INCIDENT;

async fn audit_from(endpoint: &str, region: &str) -> Run {
    Invocation::against(endpoint, &["audit", "--format", "json"])
        .env("AWS_REGION", region)
        .run_async()
        .await
}

/// The checks without their order, for comparing two reports.
fn verdicts(report: &Value) -> Vec<String> {
    let mut all: Vec<String> = e2e::checks(report).iter().map(Value::to_string).collect();
    all.sort();
    all
}

/// (Region, operation) of every Incident Manager request in the log.
fn incident_requests(lines: &[Value]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|l| l["service"] == "ssm-incidents")
        .map(|l| {
            (
                l["region"].as_str().unwrap_or("?").to_string(),
                l["operation"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_audit_from_outside_the_set_or_a_region_without_incident_manager_finds_what_one_inside_finds()
 {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let inside = audit_from(&endpoint, "us-east-2").await;
    assert_eq!(inside.code, 1, "{}", inside.stderr);
    let inside_report = inside.json();
    // The only unknowns are the demo's topic of account 444455556666 that this account may not read.
    let unknown: Vec<&Value> = e2e::checks(&inside_report)
        .iter()
        .filter(|c| e2e::status(c) == "unknown")
        .collect();
    assert!(
        unknown.iter().all(|c| c["resource"]
            .as_str()
            .is_some_and(|r| r.contains(":444455556666:org-locked-im"))),
        "{unknown:#?}"
    );

    for (region, chosen) in [("us-east-1", "us-east-2"), ("eu-south-1", "eu-west-1")] {
        let before = log_lines(&log).len();
        let outside = audit_from(&endpoint, region).await;
        assert_eq!(outside.code, 1, "{region}: {}", outside.stderr);
        let report = outside.json();
        assert_eq!(verdicts(&report), verdicts(&inside_report), "{region}");
        assert_eq!(report["regions"], inside_report["regions"], "{region}");
        // After discovery every Incident Manager call went to a Region of the set.
        let requests = incident_requests(&log_lines(&log)[before..]);
        let loads: Vec<&(String, String)> = requests
            .iter()
            .filter(|(_, op)| op == "ListResponsePlans" || op == "GetResponsePlan")
            .collect();
        assert!(!loads.is_empty(), "{region}: {requests:?}");
        assert!(
            loads.iter().all(|(r, _)| r == chosen),
            "{region}: {requests:?}"
        );
        // A Region with no Incident Manager endpoint is never asked at all.
        assert!(
            requests.iter().all(|(r, _)| r != "eu-south-1"),
            "{region}: {requests:?}"
        );
        assert!(
            !outside.stderr.contains("dispatch failure"),
            "{}",
            outside.stderr
        );
    }
}

#[tokio::test]
async fn exec_without_region_runs_where_incident_manager_answers_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let line = format!("@aws ssm-incidents get-incident-record --arn {MAIN_INCIDENT}");
    let inside = Invocation::against(&endpoint, &["exec", "--", &line])
        .run_async()
        .await;
    assert_eq!(inside.code, 0, "{}", inside.stderr);
    assert!(
        inside.stderr.is_empty(),
        "no note inside the set: {}",
        inside.stderr
    );

    let outside = Invocation::against(&endpoint, &["exec", "--", &line])
        .env("AWS_REGION", "us-east-1")
        .run_async()
        .await;
    assert_eq!(outside.code, 0, "{}", outside.stderr);
    assert_eq!(outside.stdout, inside.stdout);
    let notes: Vec<&str> = outside.stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{}", outside.stderr);
    assert!(
        notes[0].contains("us-east-2") && notes[0].contains("us-east-1"),
        "{}",
        notes[0]
    );
    let last = incident_requests(&log_lines(&log));
    assert_eq!(
        last.last(),
        Some(&("us-east-2".to_string(), "GetIncidentRecord".to_string()))
    );
}

#[tokio::test]
async fn a_region_in_the_line_is_obeyed_as_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let line =
        format!("@aws ssm-incidents get-incident-record --arn {MAIN_INCIDENT} --region us-east-1");
    let run = Invocation::against(&endpoint, &["exec", "--", &line])
        .run_async()
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("An error occurred (ResourceNotFoundException) when calling the GetIncidentRecord operation"),
        "{}",
        run.stderr
    );
    assert_eq!(
        incident_requests(&log_lines(&log)).last(),
        Some(&("us-east-1".to_string(), "GetIncidentRecord".to_string()))
    );

    // A Region with no Incident Manager endpoint: said in words after the error, no Debug dump.
    let line = "@aws ssm-incidents list-incident-records --region eu-south-1";
    let run = Invocation::against(&endpoint, &["exec", "--", line])
        .run_async()
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Incident Manager has no endpoint in eu-south-1"),
        "{}",
        run.stderr
    );
    for debug in [
        "DispatchFailure(",
        "ConnectorError",
        "Some(",
        "ProviderChainError",
    ] {
        assert!(!run.stderr.contains(debug), "{debug} in {}", run.stderr);
    }
}

#[tokio::test]
async fn an_account_without_a_replication_set_gets_one_clear_failing_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, _log) = e2e::logged_sandbox(
        SandboxOptions::loopback_ephemeral(Scenario::Empty),
        dir.path(),
    )
    .await;
    let endpoint = sandbox.endpoint_url();
    let run = audit_from(&endpoint, "us-east-1").await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let failing: Vec<&Value> = e2e::checks(&report)
        .iter()
        .filter(|c| e2e::status(c) == "fail")
        .collect();
    assert_eq!(failing.len(), 1, "{report}");
    let detail = failing[0]["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("Incident Manager is not set up in this account"),
        "{detail}"
    );
    assert!(
        !detail.contains("console"),
        "no console flow to send people to: {detail}"
    );
    let unknown = e2e::checks(&report)
        .iter()
        .filter(|c| e2e::status(c) == "unknown")
        .count();
    assert_eq!(unknown, 0, "{report}");

    let plan = Invocation::against(&endpoint, &["setup", "--plan"])
        .run_async()
        .await;
    assert_eq!(plan.code, 1, "{}", plan.stderr);
    assert!(plan.stdout.contains("Nothing to plan"), "{}", plan.stdout);
    assert!(plan.stdout.contains("not set up"), "{}", plan.stdout);
}

async fn cloud_in(endpoint: &str, region: &str) -> Cloud {
    Cloud::connect(ConnectOptions {
        region: Some(region.into()),
        endpoint_url: Some(endpoint.into()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect")
}

#[tokio::test]
async fn the_tui_cloud_from_outside_the_set_loads_the_same_snapshot_and_the_header_says_where() {
    let sandbox = imdeck::sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::Demo))
        .await
        .expect("sandbox");
    let endpoint = sandbox.endpoint_url();
    let inside = cloud_in(&endpoint, "us-east-2").await;
    assert_eq!(
        inside.discover_incident_region().await,
        IncidentRegion::Found {
            region: "us-east-2".into(),
            set_regions: vec!["eu-west-1".into(), "us-east-2".into(), "us-west-2".into()],
        }
    );
    let outside = cloud_in(&endpoint, "us-east-1").await;
    let found = outside.discover_incident_region().await;
    let IncidentRegion::Found {
        region,
        set_regions,
    } = &found
    else {
        panic!("{found:?}");
    };
    assert_eq!(region, "us-east-2");
    let moved = outside.with_incident_region(region);
    let expected = AuditReport::from_snapshot(&inside.load_snapshot(None).await);
    let got = AuditReport::from_snapshot(&moved.load_snapshot(None).await);
    assert_eq!(got.checks, expected.checks);

    let state = AppState::new(HeaderInfo {
        account: "111122223333".into(),
        region: "us-east-1".into(),
        profile_or_sandbox: "default".into(),
        read_only: true,
        incident_manager: Some(IncidentManagerRegion {
            region: region.clone(),
            set_regions: set_regions.clone(),
        }),
        endpoint: None,
    });
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    terminal
        .draw(|frame| imdeck::ui::render(&state, frame))
        .expect("draw");
    let top: String = (0..160)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(
        top.contains("us-east-1 ─ Incident Manager us-east-2 (set: eu-west-1 us-east-2 us-west-2)"),
        "{top}"
    );
}

#[tokio::test]
async fn a_region_without_incident_manager_is_not_needed_for_discovery() {
    let sandbox = imdeck::sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::Demo))
        .await
        .expect("sandbox");
    let cloud = cloud_in(&sandbox.endpoint_url(), "eu-south-1").await;
    let found = cloud.discover_incident_region().await;
    assert_eq!(
        found,
        IncidentRegion::Found {
            region: "eu-west-1".into(),
            set_regions: vec!["eu-west-1".into(), "us-east-2".into(), "us-west-2".into()],
        }
    );
}
