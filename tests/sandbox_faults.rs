//! Injected trouble: seeded faults, dropped connections, denied and throttled operations, latency.

#[path = "support/raw_http.rs"]
mod raw_http;
#[path = "support/sdk.rs"]
mod sdk;

use std::time::{Duration, Instant};

use aws_sdk_sns::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sns::operation::get_topic_attributes::GetTopicAttributesError;
use aws_sdk_ssmincidents::operation::get_incident_record::GetIncidentRecordError;
use aws_smithy_types::retry::RetryConfig;
use imdeck::sandbox::{SandboxOptions, Scenario, start};
use serde_json::Value;

const MAIN_TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";

fn log_lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("log")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// What one faulted call looked like from the client.
fn outcome<E: ProvideErrorMetadata + std::fmt::Debug, R: std::fmt::Debug>(
    result: &Result<(), SdkError<E, R>>,
) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(SdkError::ServiceError(e)) => e.err().code().unwrap_or("?").to_string(),
        Err(SdkError::DispatchFailure(_)) | Err(SdkError::ResponseError(_)) => "no-response".into(),
        Err(other) => format!("other: {other:?}"),
    }
}

async fn fault_run(seed: u64, dir: &std::path::Path) -> (Vec<String>, Vec<Value>) {
    let log = dir.join(format!("faults-{seed}-{}.jsonl", uuid::Uuid::new_v4()));
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.fault_rate = 0.6;
    opts.fault_seed = seed;
    opts.request_log = Some(log.clone());
    let sandbox = start(opts).await.expect("start");
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let mut outcomes = Vec::new();
    for _ in 0..12 {
        let result = sns
            .get_topic_attributes()
            .topic_arn(MAIN_TOPIC)
            .send()
            .await
            .map(|_| ());
        outcomes.push(outcome(&result));
    }
    (outcomes, log_lines(&log))
}

#[tokio::test]
async fn faults_are_deterministic_per_seed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ((a, log_a), (b, _), (c, _)) = tokio::join!(
        fault_run(42, dir.path()),
        fault_run(42, dir.path()),
        fault_run(43, dir.path())
    );
    assert_eq!(a, b, "same seed, same faults");
    assert_ne!(a, c, "another seed, other faults");
    assert!(
        a.iter().any(|o| o == "ok") && a.iter().any(|o| o != "ok"),
        "{a:?}"
    );
    for (seen, line) in a.iter().zip(&log_a) {
        match line["fault"].as_str() {
            Some("throttle") => assert_eq!(seen, "Throttling"),
            Some("internal-error") => assert_eq!(seen, "InternalError"),
            Some("dropped-connection") => {
                assert_eq!(seen, "no-response");
                assert_eq!(line["status"], 0);
            }
            Some("latency-spike") | None => assert_eq!(seen, "ok"),
            Some(other) => panic!("unknown fault {other}"),
        }
    }
}

#[tokio::test]
async fn a_dropped_connection_sends_no_bytes() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.fault_rate = 1.0;
    opts.fault_seed = 7;
    let sandbox = start(opts).await.expect("start");
    let mut saw_drop = false;
    let mut saw_answer = false;
    for _ in 0..24 {
        let got = raw_http::send(
            sandbox.addr(),
            "POST",
            "/",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            "Action=ListTopics&Version=2010-03-31",
        )
        .await;
        match got {
            None => saw_drop = true,
            Some(r) => {
                saw_answer = true;
                assert!(
                    r.status == 200 || r.status == 400 || r.status == 500,
                    "{}",
                    r.head
                );
            }
        }
    }
    assert!(saw_drop && saw_answer);
}

#[tokio::test]
async fn denied_and_throttled_operations() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.deny_operations = vec![
        "GetTopicAttributes".into(),
        "GetIncidentRecord".into(),
        "DescribeSlackChannelConfigurations".into(),
    ];
    opts.throttle_operations = vec!["ListTopics".into(), "ListIncidentRecords".into()];
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log.jsonl");
    opts.request_log = Some(log.clone());
    let sandbox = start(opts).await.expect("start");
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let err = sns
        .get_topic_attributes()
        .topic_arn(MAIN_TOPIC)
        .send()
        .await
        .expect_err("denied");
    assert!(matches!(
        err.into_service_error(),
        GetTopicAttributesError::AuthorizationErrorException(_)
    ));
    let im = sdk::incidents(&sandbox).await;
    let err = im
        .get_incident_record()
        .arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect_err("denied");
    assert!(matches!(
        err.into_service_error(),
        GetIncidentRecordError::AccessDeniedException(_)
    ));
    let bot = sdk::chatbot(&sandbox).await;
    let err = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect_err("denied");
    assert_eq!(
        aws_sdk_chatbot::error::ProvideErrorMetadata::code(&err),
        Some("AccessDeniedException")
    );

    let err = sns.list_topics().send().await.expect_err("throttled");
    assert_eq!(err.code(), Some("Throttling"));
    let err = im
        .list_incident_records()
        .send()
        .await
        .expect_err("throttled");
    assert!(matches!(
        err.into_service_error(),
        aws_sdk_ssmincidents::operation::list_incident_records::ListIncidentRecordsError::ThrottlingException(_)
    ));
    // Operations not named are served normally.
    assert!(sns.create_topic().name("fine").send().await.is_ok());

    // The SDK's standard retry classifies both throttling answers as retryable.
    let retrying = RetryConfig::standard()
        .with_max_attempts(2)
        .with_initial_backoff(Duration::from_millis(10));
    let config = sdk::config_with_retries(&sandbox, "us-east-2", retrying).await;
    let before = log_lines(&log).len();
    assert!(
        aws_sdk_sns::Client::new(&config)
            .list_topics()
            .send()
            .await
            .is_err()
    );
    assert!(
        aws_sdk_ssmincidents::Client::new(&config)
            .list_incident_records()
            .send()
            .await
            .is_err()
    );
    assert_eq!(log_lines(&log).len() - before, 4, "two attempts each");
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.latency = Duration::from_millis(250);
    let sandbox = start(opts).await.expect("start");
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let started = Instant::now();
    sns.list_topics().send().await.expect("list");
    assert!(started.elapsed() >= Duration::from_millis(250));
}

/// The faults each Region's requests met, in order, when four Regions call at once.
async fn concurrent_run(seed: u64, dir: &std::path::Path, regions: &[&str]) -> Vec<Vec<Value>> {
    let log = dir.join(format!("concurrent-{seed}-{}.jsonl", uuid::Uuid::new_v4()));
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.fault_rate = 0.5;
    opts.fault_seed = seed;
    opts.request_log = Some(log.clone());
    let sandbox = start(opts).await.expect("start");
    let calls = regions.iter().map(|region| {
        let sandbox = &sandbox;
        async move {
            let sns = sdk::sns(sandbox, region).await;
            for _ in 0..6 {
                let _ = sns.list_topics().send().await;
            }
        }
    });
    futures::future::join_all(calls).await;
    let lines = log_lines(&log);
    let mut per_region: Vec<Vec<Value>> = ["eu-west-1", "us-east-1", "us-east-2", "us-west-2"]
        .iter()
        .map(|region| {
            lines
                .iter()
                .filter(|l| l["region"] == *region)
                .map(|l| l["fault"].clone())
                .collect()
        })
        .collect();
    per_region.retain(|faults| !faults.is_empty());
    per_region
}

#[tokio::test]
async fn a_seed_names_one_run_however_concurrent_requests_interleave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let forward = ["eu-west-1", "us-east-1", "us-east-2", "us-west-2"];
    let mut backward = forward;
    backward.reverse();
    let a = concurrent_run(9, dir.path(), &forward).await;
    let b = concurrent_run(9, dir.path(), &backward).await;
    assert_eq!(a.len(), 4, "every Region called");
    assert_eq!(a, b, "the same faults per Region whatever the order");
    assert!(
        a.iter().flatten().any(Value::is_string) && a.iter().flatten().any(Value::is_null),
        "{a:?}"
    );
}
