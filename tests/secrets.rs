//! Secrets: with known test credentials and trace logging, no run of exec, audit, export or setup leaves the access key,
//! the secret or the session token in its output, errors, log file, the request log or an export.

#[path = "support/e2e.rs"]
mod e2e;

use std::path::Path;

use e2e::{DEMO_INCIDENT, Invocation, Run};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::sandbox::{SandboxOptions, Scenario};

const KEY_ID: &str = "AKIDSECRETSCAN7Q2X";
const SECRET: &str = "imdeck-secret-canary";
const SESSION_TOKEN: &str = "imdeck-session-token-canary";
const CANARIES: [&str; 3] = [KEY_ID, SECRET, SESSION_TOKEN];

fn with_canaries(endpoint: &str, args: &[&str], state: &Path) -> Invocation {
    Invocation::against(endpoint, args)
        .env("AWS_ACCESS_KEY_ID", KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
        .env("IMDECK_LOG", "trace")
        .state_dir(state)
}

fn assert_clean(what: &str, text: &str) {
    for canary in CANARIES {
        if let Some(at) = text.find(canary) {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(200)
                .map_or(0, |(i, _)| i);
            let context: String = text[from..].chars().take(400).collect();
            panic!("{what} holds {canary}:\n…{context}…");
        }
    }
    // Nor in a form a log might use: the secret split by a signing step is still the secret's prefix.
    assert!(
        !text.contains(&SECRET[..12]),
        "{what} holds part of the secret"
    );
}

fn check_run(what: &str, run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
    assert_clean(&format!("{what}: stdout"), &run.stdout);
    assert_clean(&format!("{what}: stderr"), &run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_command_leaves_the_credentials_anywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (sandbox, request_log) = e2e::demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let plan_file = dir.path().join("plan.json");
    let plan_text = plan_file.to_string_lossy().to_string();

    let runs: Vec<(&str, Vec<&str>, Option<i32>)> = vec![
        (
            "exec read",
            vec!["exec", "--", "@aws ssm-incidents list-incident-records"],
            Some(0),
        ),
        (
            "exec write",
            vec![
                "exec",
                "--",
                "@aws ssm-incidents create-timeline-event --incident-record-arn",
                DEMO_INCIDENT,
                "--event-time 2024-03-14T10:00:00Z --event-type \"Custom Event\" --event-data '\"canary check\"'",
            ],
            Some(0),
        ),
        (
            "exec service error",
            vec![
                "exec",
                "--",
                "@aws ssm-incidents get-incident-record --arn arn:aws:ssm-incidents::111122223333:incident-record/x/nope",
            ],
            Some(1),
        ),
        (
            "exec parse error",
            vec!["exec", "--", "@aws ssm-incidents list-incident-record"],
            Some(2),
        ),
        ("audit", vec!["audit", "--format", "json"], Some(1)),
        (
            "audit markdown",
            vec!["audit", "--format", "markdown"],
            Some(1),
        ),
        (
            "export markdown",
            vec!["export", "--incident", DEMO_INCIDENT],
            Some(0),
        ),
        (
            "export json",
            vec!["export", "--incident", DEMO_INCIDENT, "--format", "json"],
            Some(0),
        ),
        (
            "setup plan",
            vec!["setup", "--plan", "--out", &plan_text],
            Some(0),
        ),
        ("setup apply", vec!["setup", "--apply", "--yes"], Some(0)),
    ];
    let mut exported = String::new();
    for (what, args, expected) in &runs {
        let run = with_canaries(&endpoint, args, &state).run_async().await;
        if let Some(code) = expected {
            assert_eq!(run.code, *code, "{what}: {}\n{}", run.stdout, run.stderr);
        }
        check_run(what, &run);
        if what.starts_with("export") {
            exported.push_str(&run.stdout);
        }
    }
    assert!(
        exported.contains("canary check"),
        "the export holds the new event"
    );
    assert_clean(
        "saved plan",
        &std::fs::read_to_string(&plan_file).expect("plan saved"),
    );

    // Errors that never reach the service: a refused connection, and an access-denied service.
    let dead = with_canaries("http://127.0.0.1:9", &["audit"], &state)
        .run_async()
        .await;
    assert_eq!(dead.code, 3, "{}", dead.stderr);
    check_run("dead endpoint", &dead);
    let denied_dir = tempfile::tempdir().expect("tempdir");
    let (denied, denied_log) = e2e::logged_sandbox(
        SandboxOptions {
            deny_operations: vec!["ListIncidentRecords".into(), "GetTopicAttributes".into()],
            ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
        },
        denied_dir.path(),
    )
    .await;
    let run = with_canaries(
        &denied.endpoint_url(),
        &["exec", "--", "@aws ssm-incidents list-incident-records"],
        &state,
    )
    .run_async()
    .await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("AccessDenied"), "{}", run.stderr);
    check_run("access denied", &run);
    let run = with_canaries(&denied.endpoint_url(), &["audit"], &state)
        .run_async()
        .await;
    check_run("audit denied", &run);

    // The log file: trace level, so it has plenty to say — none of it the credentials.
    let log_file = state.join("imdeck").join("imdeck.log");
    let log = std::fs::read_to_string(&log_file)
        .unwrap_or_else(|e| panic!("{} was written: {e}", log_file.display()));
    assert!(
        log.lines().count() > 100,
        "trace logging wrote the runs' details ({} lines)",
        log.lines().count()
    );
    assert!(log.contains("TRACE"), "trace level is on");
    assert_clean("log file", &log);
    for path in [&request_log, &denied_log] {
        assert_clean(
            "request log",
            &std::fs::read_to_string(path).expect("request log"),
        );
    }
}

#[tokio::test]
async fn the_cloud_handle_never_formats_its_credentials() {
    let sandbox = imdeck::sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::Demo))
        .await
        .expect("sandbox");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: false,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    let shown = format!("{cloud:?} {:?}", cloud.writer().expect("writer"));
    assert!(!shown.contains("sandbox-secret"), "{shown}");
    assert!(!shown.contains("AKIDSANDBOXTEST"), "{shown}");
}
