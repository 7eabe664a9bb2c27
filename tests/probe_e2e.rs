//! `imdeck probe` end to end through the real binary against a logged sandbox: every topic of the plan's
//! channel in each of its Regions gets the probe and the sandbox records the deliveries; refusals send nothing.

#[path = "support/e2e.rs"]
mod e2e;

use e2e::*;
use imdeck::sandbox::DeliveryOutcome;

const SLACK: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/incident-war-room";
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";

fn publishes(lines: &[serde_json::Value]) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = lines
        .iter()
        .filter(|l| l["operation"] == "Publish")
        .map(|l| {
            (
                l["region"].as_str().unwrap_or("").to_string(),
                l["status"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probe_publishes_to_every_topic_of_the_plans_channel_in_each_region_and_the_room_gets_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let run = Invocation::against(&sandbox.endpoint_url(), &["probe", "--plan", PLAN, "--yes"])
        .run_async()
        .await;
    // us-west-2's topic policy does not let Incident Manager publish: the probe reports it and exits 1.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        publishes(&log_lines(&log)),
        vec![
            ("us-east-2".to_string(), 200),
            ("us-west-2".to_string(), 200)
        ]
    );
    let deliveries = sandbox.deliveries_from(0);
    let mut delivered: Vec<(&str, &str)> = deliveries
        .iter()
        .map(|d| (d.region.as_str(), d.channel.as_str()))
        .collect();
    delivered.sort();
    assert_eq!(delivered, vec![("us-east-2", SLACK), ("us-west-2", SLACK)]);
    for delivery in &deliveries {
        assert!(
            matches!(&delivery.outcome, DeliveryOutcome::Posted { headline } if headline.contains("imdeck probe")),
            "Chatbot posts the probe: {delivery:?}"
        );
        assert!(
            run.stdout
                .contains(&format!("MessageId {}", delivery.message_id)),
            "each MessageId is reported: {}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("Incident Manager may NOT publish"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Reaches the room from: us-east-2; does not: us-west-2"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_topic_without_chatbots_subscription_is_published_but_reaches_no_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["probe", "--channel", "exec-notify", "--yes"],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        publishes(&log_lines(&log)),
        vec![("us-east-2".to_string(), 200)]
    );
    assert!(sandbox.deliveries_from(0).is_empty());
    assert!(
        run.stdout
            .contains("no subscription to https://global.sns-api.chatbot.amazonaws.com"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_and_a_missing_yes_refuse_before_any_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let read_only = Invocation::against(
        &endpoint,
        &[
            "--read-only",
            "probe",
            "--channel",
            "incident-war-room",
            "--yes",
        ],
    )
    .run_async()
    .await;
    assert_eq!(read_only.code, 2, "{}", read_only.stderr);
    assert!(
        read_only.stderr.contains("read-only"),
        "{}",
        read_only.stderr
    );
    // No terminal and no --yes: nothing to ask on, so refuse.
    let headless = Invocation::against(&endpoint, &["probe", "--channel", "incident-war-room"])
        .run_async()
        .await;
    assert_eq!(headless.code, 2, "{}", headless.stderr);
    assert!(headless.stderr.contains("--yes"), "{}", headless.stderr);
    assert!(
        log_lines(&log).is_empty(),
        "no request at all reached the sandbox: {:?}",
        log_lines(&log)
    );
    assert!(sandbox.deliveries_from(0).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_channel_names_the_ones_there_are_and_publishes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["probe", "--channel", "nope", "--yes"],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("incident-war-room"), "{}", run.stderr);
    assert!(publishes(&log_lines(&log)).is_empty());
}

/// `--output json`: per topic and Region the MessageId the sandbox delivered, the subscription state and the
/// policy verdict, and which Regions reach the room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probe_output_json_gives_each_topic_and_region_its_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, _log) = demo_sandbox(dir.path()).await;
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["probe", "--plan", PLAN, "--yes", "--output", "json"],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    let delivered: std::collections::BTreeMap<String, String> = sandbox
        .deliveries_from(0)
        .iter()
        .map(|d| (d.region.clone(), d.message_id.clone()))
        .collect();
    let topics = report["topics"].as_array().expect("topics");
    let mut regions: Vec<&str> = topics
        .iter()
        .map(|t| t["region"].as_str().unwrap_or(""))
        .collect();
    regions.sort();
    assert_eq!(regions, vec!["us-east-2", "us-west-2"]);
    for topic in topics {
        let region = topic["region"].as_str().unwrap_or("");
        assert!(
            topic["topic_arn"]
                .as_str()
                .is_some_and(|arn| arn.starts_with(&format!("arn:aws:sns:{region}:111122223333:"))),
            "{topic}"
        );
        assert_eq!(topic["published"], true, "{topic}");
        assert_eq!(
            topic["message_id"].as_str(),
            delivered.get(region).map(String::as_str),
            "the MessageId is the one the sandbox delivered: {topic}"
        );
        assert_eq!(topic["error"], serde_json::Value::Null);
        assert_eq!(topic["subscription"]["state"], "confirmed", "{topic}");
    }
    let of = |region: &str| {
        topics
            .iter()
            .find(|t| t["region"] == region)
            .expect("the region's topic")
    };
    assert_eq!(of("us-east-2")["policy"]["verdict"], "allowed");
    assert_eq!(of("us-east-2")["reaches_room"], true);
    assert_eq!(of("us-west-2")["policy"]["verdict"], "refused");
    assert!(
        of("us-west-2")["policy"]["detail"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
    assert_eq!(of("us-west-2")["reaches_room"], false);
    assert_eq!(report["reaching_regions"], serde_json::json!(["us-east-2"]));
    assert_eq!(
        report["not_reaching_regions"],
        serde_json::json!(["us-west-2"])
    );
}
