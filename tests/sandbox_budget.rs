//! Request budget and other accounts' topics, with real SDK clients against the sandbox: what an audit costs as
//! unrelated topics grow, the incidents poll's filters and its cost (with the newest-event checks), `--quotas`
//! throttling shapes, and cross-account topics.

#[path = "support/raw_http.rs"]
mod raw_http;
#[path = "support/sdk.rs"]
mod sdk;

use std::collections::BTreeMap;
use std::path::Path;

use aws_sdk_sns::error::ProvideErrorMetadata;
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::audit::{Status, run_audit};
use imdeck::domain::model::IncidentStatus;
use imdeck::sandbox::{self, Sandbox, SandboxOptions, Scenario};

const SHARED: &str = "arn:aws:sns:us-east-2:444455556666:org-shared-im";
const LOCKED: &str = "arn:aws:sns:us-west-2:444455556666:org-locked-im";
const ABSENT: &str = "arn:aws:sns:us-east-2:444455556666:no-such-topic";

async fn connect(opts: SandboxOptions) -> (Sandbox, Cloud) {
    let sandbox = sandbox::start(opts).await.expect("sandbox starts");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects");
    (sandbox, cloud)
}

/// Requests per operation in a sandbox request log.
fn counts(log: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(log).expect("request log");
    let mut counts = BTreeMap::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("json line");
        let op = value["operation"].as_str().expect("operation").to_string();
        *counts.entry(op).or_insert(0) += 1;
    }
    counts
}

/// Audits a `scale` world of 3 Regions with `unrelated` topics besides each Region's `im-chat-` topic.
async fn audit_with_unrelated_topics(unrelated: usize) -> (BTreeMap<String, usize>, Vec<Status>) {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let scenario: Scenario = format!(
        "scale:regions=3,topics={},plans=3,incidents=1,events=1",
        unrelated + 1
    )
    .parse()
    .expect("scenario");
    let mut opts = SandboxOptions::loopback_ephemeral(scenario);
    opts.request_log = Some(log.path().to_path_buf());
    let (_sandbox, cloud) = connect(opts).await;
    let snapshot = cloud.load_snapshot(None).await;
    let statuses = run_audit(&snapshot).iter().map(|c| c.status).collect();
    (counts(log.path()), statuses)
}

#[tokio::test(flavor = "multi_thread")]
async fn unrelated_topics_cost_no_get_topic_attributes() {
    let (few, few_statuses) = audit_with_unrelated_topics(20).await;
    let (many, many_statuses) = audit_with_unrelated_topics(2000).await;
    // One GetTopicAttributes per Incident Manager topic (one per Region), whatever else the account holds.
    assert_eq!(few.get("GetTopicAttributes"), Some(&3), "{few:?}");
    assert_eq!(
        few.get("GetTopicAttributes"),
        many.get("GetTopicAttributes")
    );
    // Listing grows by pages of 100 only: 1 page per Region for 21 topics, 21 for 2,001.
    assert_eq!(few.get("ListTopics"), Some(&3));
    assert_eq!(many.get("ListTopics"), Some(&63));
    // The same verdicts either way.
    assert_eq!(few_statuses, many_statuses);
    assert!(!few_statuses.contains(&Status::Unknown));
}

#[tokio::test]
async fn region_has_topic_says_what_it_did_not_read() {
    let (_sandbox, cloud) = connect(SandboxOptions::loopback_ephemeral(Scenario::Demo)).await;
    let snapshot = cloud.load_snapshot(None).await;
    let eu = snapshot
        .regions
        .iter()
        .find(|r| r.region == "eu-west-1")
        .expect("eu-west-1");
    let listed = eu.topics.as_ref().expect("listed");
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|t| t.as_ref().is_err()));
    assert_eq!(snapshot.unread_unrelated_in("eu-west-1"), 2);
    let checks = run_audit(&snapshot);
    let eu_check = checks
        .iter()
        .find(|c| c.id == "region-has-topic" && c.region.as_deref() == Some("eu-west-1"))
        .expect("eu check");
    assert_eq!(eu_check.status, Status::Fail);
    assert!(
        eu_check.detail.contains("2 other topics there are named by no plan or chat channel; their attributes were not read"),
        "{}",
        eu_check.detail
    );
}

#[tokio::test]
async fn the_incidents_poll_asks_for_open_and_recent_resolved_only() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = Some(log.path().to_path_buf());
    let (_sandbox, cloud) = connect(opts).await;
    let incidents = cloud.list_incidents().await.expect("listed");
    assert_eq!(incidents.len(), 5);
    assert_eq!(
        incidents
            .iter()
            .filter(|i| i.status == IncidentStatus::Open)
            .count(),
        2
    );
    // Newest first, no duplicates.
    assert!(
        incidents
            .windows(2)
            .all(|w| w[0].creation_time >= w[1].creation_time && w[0].arn != w[1].arn)
    );
    assert_eq!(counts(log.path()).get("ListIncidentRecords"), Some(&2));
}

#[tokio::test]
async fn list_incident_records_honours_status_and_creation_time_filters() {
    use aws_sdk_ssmincidents::types::Condition;
    let sandbox = sdk::demo().await;
    let client = sdk::incidents(&sandbox).await;
    let open = client
        .list_incident_records()
        .filters(sdk::filter("status", sdk::strings(&["OPEN"])))
        .max_results(100)
        .send()
        .await
        .expect("open");
    assert_eq!(open.incident_record_summaries.len(), 2);
    let cutoff = aws_smithy_types::DateTime::from_secs(1_700_000_000);
    let recent_resolved = client
        .list_incident_records()
        .filters(sdk::filter("status", sdk::strings(&["RESOLVED"])))
        .filters(sdk::filter("creationTime", Condition::After(cutoff)))
        .send()
        .await
        .expect("recent resolved");
    assert!(
        recent_resolved
            .incident_record_summaries
            .iter()
            .all(|s| { s.status.as_str() == "RESOLVED" && s.creation_time.secs() > 1_700_000_000 })
    );
    // resolvedTime is not a filter key of ListIncidentRecords (creationTime, impact, status, createdBy).
    let err = client
        .list_incident_records()
        .filters(sdk::filter("resolvedTime", Condition::After(cutoff)))
        .send()
        .await
        .expect_err("unknown key");
    assert_eq!(
        aws_sdk_ssmincidents::error::ProvideErrorMetadata::code(&err),
        Some("ValidationException")
    );
}

#[tokio::test]
async fn list_topics_hides_other_accounts_topics() {
    let sandbox = sdk::demo().await;
    for region in ["us-east-2", "us-west-2"] {
        let topics: Vec<String> = sdk::sns(&sandbox, region)
            .await
            .list_topics()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .expect("listed")
            .into_iter()
            .filter_map(|t| t.topic_arn)
            .collect();
        assert!(!topics.is_empty());
        assert!(
            topics.iter().all(|t| t.contains(":111122223333:")),
            "{topics:?}"
        );
    }
}

#[tokio::test]
async fn another_accounts_topic_is_readable_only_where_its_policy_allows() {
    let sandbox = sdk::demo().await;
    let shared = sdk::sns(&sandbox, "us-east-2")
        .await
        .get_topic_attributes()
        .topic_arn(SHARED)
        .send()
        .await
        .expect("readable");
    let attributes = shared.attributes.expect("attributes");
    assert_eq!(attributes["Owner"], "444455556666");
    assert!(attributes["Policy"].contains("ssm-incidents.amazonaws.com"));

    let locked = sdk::sns(&sandbox, "us-west-2")
        .await
        .get_topic_attributes()
        .topic_arn(LOCKED)
        .send()
        .await
        .expect_err("locked");
    assert_eq!(locked.code(), Some("AuthorizationError"));
    assert!(
        locked
            .message()
            .is_some_and(|m| m.contains("111122223333") && m.contains(LOCKED)),
        "{:?}",
        locked.message()
    );
    // Nor may it be changed.
    let write = sdk::sns(&sandbox, "us-west-2")
        .await
        .set_topic_attributes()
        .topic_arn(LOCKED)
        .attribute_name("DisplayName")
        .attribute_value("x")
        .send()
        .await
        .expect_err("locked write");
    assert_eq!(write.code(), Some("AuthorizationError"));

    let absent = sdk::sns(&sandbox, "us-east-2")
        .await
        .get_topic_attributes()
        .topic_arn(ABSENT)
        .send()
        .await
        .expect_err("absent");
    assert_eq!(absent.code(), Some("NotFound"));
    // Another Region's endpoint does not know the topic.
    let elsewhere = sdk::sns(&sandbox, "us-west-2")
        .await
        .get_topic_attributes()
        .topic_arn(SHARED)
        .send()
        .await
        .expect_err("other Region");
    assert_eq!(elsewhere.code(), Some("NotFound"));
}

#[tokio::test]
async fn the_authorization_error_is_sns_awsquery_xml_with_403() {
    let sandbox = sdk::demo().await;
    let body = format!(
        "Action=GetTopicAttributes&Version=2010-03-31&TopicArn={}",
        LOCKED.replace(':', "%3A")
    );
    let got = raw_http::send(
        sandbox.addr(),
        "POST",
        "/",
        &[
            ("Authorization", &raw_http::auth("us-west-2", "sns")),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &body,
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 403);
    assert!(got.body.starts_with("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>AuthorizationError</Code>"), "{}", got.body);
}

#[tokio::test]
async fn the_audit_reads_other_accounts_topics_in_their_own_region() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = Some(log.path().to_path_buf());
    let (_sandbox, cloud) = connect(opts).await;
    let snapshot = cloud.load_snapshot(None).await;
    let shared = snapshot
        .unlisted_topics
        .iter()
        .find(|t| t.arn == SHARED)
        .expect("shared read");
    assert!(matches!(&shared.read, Ok(Some(t)) if t.attributes["Owner"] == "444455556666"));
    let locked = snapshot
        .unlisted_topics
        .iter()
        .find(|t| t.arn == LOCKED)
        .expect("locked tried");
    let failure = locked.read.as_ref().expect_err("locked");
    assert!(
        failure.reason.starts_with("AuthorizationError"),
        "{}",
        failure.reason
    );
    assert!(
        failure.reason.contains("belongs to account 444455556666"),
        "{}",
        failure.reason
    );

    let checks = run_audit(&snapshot);
    let policy = |arn: &str| {
        checks
            .iter()
            .find(|c| c.id == "sns-policy" && c.resource.as_deref() == Some(arn))
            .map(|c| c.status)
    };
    assert_eq!(policy(SHARED), Some(Status::Pass));
    assert_eq!(policy(LOCKED), Some(Status::Unknown));
    let plan = checks
        .iter()
        .find(|c| {
            c.id == "plan-topics"
                && c.resource.as_deref()
                    == Some("arn:aws:ssm-incidents::111122223333:response-plan/shared-topics-plan")
        })
        .expect("plan check");
    assert!(!plan.detail.contains("does not exist"), "{}", plan.detail);
    assert!(plan.detail.contains("444455556666"), "{}", plan.detail);

    // Each foreign topic is read once, in its own Region.
    let text = std::fs::read_to_string(log.path()).expect("log");
    let reads: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"GetTopicAttributes\""))
        .collect();
    assert_eq!(
        reads
            .iter()
            .filter(|l| l.contains("\"status\":403"))
            .count(),
        1
    );
    assert!(
        reads
            .iter()
            .any(|l| l.contains("\"region\":\"us-west-2\"") && l.contains("\"status\":403"))
    );
}

/// `n` requests at once, so the burst outruns the bucket's refill however slowly this machine answers them
/// one after another (sequential requests on a loaded machine let tokens flow back in between).
async fn burst(
    addr: std::net::SocketAddr,
    n: usize,
    path: &str,
    service: &str,
    content_type: &str,
    body: &str,
) -> Vec<raw_http::RawResponse> {
    let auth = raw_http::auth("us-east-2", service);
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", content_type),
    ];
    let requests = (0..n).map(|_| raw_http::send(addr, "POST", path, &headers, body));
    futures::future::join_all(requests)
        .await
        .into_iter()
        .map(|answer| answer.expect("answer"))
        .collect()
}

/// The first throttled answer of a burst, checking that no more were admitted than the bucket holds plus what
/// it can refill while the burst lasts.
fn throttled(
    answers: &[raw_http::RawResponse],
    status: u16,
    capacity: usize,
) -> &raw_http::RawResponse {
    let admitted = answers.iter().filter(|a| a.status == 200).count();
    assert!(
        admitted >= capacity.min(answers.len()) / 2 && admitted < answers.len(),
        "{admitted} of {} admitted",
        answers.len()
    );
    answers
        .iter()
        .find(|a| a.status == status)
        .unwrap_or_else(|| panic!("no {status} among {} answers", answers.len()))
}

#[tokio::test]
async fn quotas_answer_with_each_services_own_throttling_error() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.quotas = true;
    let sandbox = sandbox::start(opts).await.expect("sandbox starts");
    let addr = sandbox.addr();
    let form = "application/x-www-form-urlencoded";

    // SNS: ListTopics holds 30 a second; a burst of 90 is throttled with SNS's own error.
    let sns = burst(
        addr,
        90,
        "/",
        "sns",
        form,
        "Action=ListTopics&Version=2010-03-31",
    )
    .await;
    let body = &throttled(&sns, 400, 30).body;
    assert!(
        body.contains("<Code>Throttling</Code><Message>Rate exceeded</Message>"),
        "{body}"
    );
    // Another Region has its own bucket.
    let other = raw_http::send(
        addr,
        "POST",
        "/",
        &[
            ("Authorization", &raw_http::auth("us-west-2", "sns")),
            ("Content-Type", form),
        ],
        "Action=ListTopics&Version=2010-03-31",
    )
    .await
    .expect("answer");
    assert_eq!(other.status, 200);

    // Incident Manager: ThrottlingException, 429, restJson1 with quotaCode and serviceCode.
    let im = burst(
        addr,
        40,
        "/listResponsePlans",
        "ssm-incidents",
        "application/json",
        "{}",
    )
    .await;
    let im = throttled(&im, 429, 10);
    assert!(
        im.head
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: throttlingexception"),
        "{}",
        im.head
    );
    let json: serde_json::Value = serde_json::from_str(&im.body).expect("json");
    assert_eq!(json["serviceCode"], "ssm-incidents");
    assert_eq!(json["message"], "Rate exceeded");

    // Chatbot: ThrottlingException, 429.
    let bot = burst(
        addr,
        30,
        "/describe-slack-channel-configurations",
        "chatbot",
        "application/json",
        "{}",
    )
    .await;
    let bot = throttled(&bot, 429, 5);
    assert!(
        bot.head
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: throttlingexception"),
        "{}",
        bot.head
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_audit_under_quotas_recovers_from_throttling_and_ends_with_no_unknown() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let scenario: Scenario = "scale:regions=3,topics=2001,plans=5,incidents=1,events=1"
        .parse()
        .expect("scenario");
    let mut opts = SandboxOptions::loopback_ephemeral(scenario);
    opts.quotas = true;
    opts.request_log = Some(log.path().to_path_buf());
    let (_sandbox, cloud) = connect(opts).await;
    // Twice in a row, as a refresh would: the second audit starts with the buckets partly drained.
    for _ in 0..2 {
        let snapshot = cloud.load_snapshot(None).await;
        let unknown: Vec<String> = run_audit(&snapshot)
            .into_iter()
            .filter(|c| c.status == Status::Unknown)
            .map(|c| c.detail)
            .collect();
        assert!(unknown.is_empty(), "{unknown:?}");
    }
}

/// Runs one effect through the real runner and returns every message it answers with.
async fn perform(effect: imdeck::app::Effect, cloud: &Cloud) -> Vec<imdeck::app::Msg> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    imdeck::runtime::effects::spawn(effect, cloud.clone(), tx);
    let mut answers = Vec::new();
    while let Some(msg) = rx.recv().await {
        answers.push(msg);
    }
    answers
}

/// One incidents poll through `update` and the real runner: the list read, then the newest-event check it asks
/// for. The requests of the poll itself, not those of the highlighted incident's own timeline.
async fn one_incidents_poll(incidents: usize) -> (BTreeMap<String, usize>, usize) {
    use imdeck::app::{AppState, Effect, HeaderInfo, Msg, update};
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let scenario: Scenario =
        format!("scale:regions=1,topics=1,plans=2,incidents={incidents},events=3")
            .parse()
            .expect("scenario");
    let mut opts = SandboxOptions::loopback_ephemeral(scenario);
    opts.request_log = Some(log.path().to_path_buf());
    let (_sandbox, cloud) = connect(opts).await;
    let mut state = AppState::new(HeaderInfo {
        account: String::new(),
        region: cloud.region(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: true,
        incident_manager: None,
        endpoint: None,
    });
    let started = update(
        &mut state,
        Msg::Started {
            now: imdeck::domain::model::Timestamp::from_secs(1_800_000_000),
        },
    );
    let load = started
        .into_iter()
        .find(|e| matches!(e, Effect::LoadIncidents { .. }))
        .expect("the poll");
    let mut checks = Vec::new();
    for answer in perform(load, &cloud).await {
        checks.extend(
            update(&mut state, answer)
                .into_iter()
                .filter(|e| matches!(e, Effect::CheckLatestEvents { .. })),
        );
    }
    assert_eq!(checks.len(), 1, "{checks:?}");
    for check in checks {
        for answer in perform(check, &cloud).await {
            update(&mut state, answer);
        }
    }
    (counts(log.path()), state.incidents.open_count())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incidents_poll_costs_two_lists_and_a_bounded_number_of_newest_event_reads() {
    use imdeck::app::state::event_activity::CHECKS_PER_POLL;
    // Requests per incidents poll, for ≤100 open incidents:
    //   2 ListIncidentRecords (open, recent resolved) + min(CHECKS_PER_POLL, open − 1) ListTimelineEvents
    // (the newest event of each open incident but the highlighted one, 10 a poll at most, the rest on later
    // polls in turn). The scale scenario opens every other incident.
    for (incidents, open) in [(4, 2), (8, 4), (60, 30)] {
        let (counts, listed_open) = one_incidents_poll(incidents).await;
        assert_eq!(listed_open, open);
        assert_eq!(counts.get("ListIncidentRecords"), Some(&2), "{counts:?}");
        assert_eq!(
            counts.get("ListTimelineEvents").copied().unwrap_or(0),
            CHECKS_PER_POLL.min(open - 1),
            "{incidents} incidents, {open} open: {counts:?}"
        );
        assert_eq!(
            counts.values().sum::<usize>(),
            2 + CHECKS_PER_POLL.min(open - 1),
            "nothing else: {counts:?}"
        );
    }
}
