//! The sandbox as a server: loopback only, scenarios, request log, the drill, raw wire encodings.

#[path = "support/raw_http.rs"]
mod raw_http;
#[path = "support/sdk.rs"]
mod sdk;

use std::net::SocketAddr;
use std::time::Duration;

use imdeck::sandbox::{
    SANDBOX_ACCOUNT, SandboxError, SandboxOptions, ScaleParams, Scenario, start,
};
use serde_json::Value;

#[tokio::test]
async fn refuses_a_non_loopback_listen_address() {
    for addr in ["0.0.0.0:0", "192.168.1.10:4566", "[::]:0"] {
        let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Empty);
        opts.listen = addr.parse::<SocketAddr>().expect("addr");
        match start(opts).await {
            Err(SandboxError::NonLoopback(refused)) => {
                assert_eq!(refused.to_string(), addr);
                let message = SandboxError::NonLoopback(refused).to_string();
                assert!(message.contains("loopback"), "{message}");
            }
            Err(other) => panic!("{addr}: wrong error {other}"),
            Ok(_) => panic!("{addr}: a non-loopback address was accepted"),
        }
    }
    let ipv6 = SandboxOptions {
        listen: "[::1]:0".parse().expect("addr"),
        ..SandboxOptions::loopback_ephemeral(Scenario::Empty)
    };
    // ::1 is loopback; it may be unavailable in a container, but never refused as non-loopback.
    assert!(!matches!(
        start(ipv6).await,
        Err(SandboxError::NonLoopback(_))
    ));
}

#[tokio::test]
async fn endpoint_is_loopback_and_shutdown_stops_serving() {
    let sandbox = sdk::demo().await;
    let addr = sandbox.addr();
    assert!(addr.ip().is_loopback());
    assert_eq!(
        sandbox.endpoint_url(),
        format!("http://127.0.0.1:{}", addr.port())
    );
    assert_eq!(SANDBOX_ACCOUNT, "111122223333");
    sandbox.shutdown().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing listens after shutdown"
    );
}

#[tokio::test]
async fn scenario_names_and_files() {
    assert!(
        matches!("scale:regions=3,topics=2".parse::<Scenario>(), Ok(Scenario::Scale(p)) if p.regions == 3 && p.topics_per_region == 2)
    );
    let scale = ScaleParams {
        regions: 4,
        topics_per_region: 3,
        plans: 2,
        incidents: 3,
        events_per_incident: 5,
    };
    let sandbox = sdk::sandbox(Scenario::Scale(scale)).await;
    let sns = sdk::sns(&sandbox, "us-west-2").await;
    assert_eq!(
        sns.list_topics()
            .send()
            .await
            .expect("topics")
            .topics()
            .len(),
        3
    );
    let im = sdk::incidents(&sandbox).await;
    assert_eq!(
        im.list_incident_records()
            .send()
            .await
            .expect("records")
            .incident_record_summaries()
            .len(),
        3
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"responsePlans\": 3}").expect("write");
    let err = start(SandboxOptions::loopback_ephemeral(Scenario::File(broken)))
        .await
        .err();
    assert!(matches!(err, Some(SandboxError::Scenario(m)) if m.contains("broken.json")));

    let slack = |n: u32| {
        serde_json::json!({"SlackTeamName":"t","SlackTeamId":"T1","SlackChannelId":format!("C{n}"),"SlackChannelName":format!("c{n}"),
            "ChatConfigurationArn":format!("arn:aws:chatbot::111122223333:chat-configuration/slack-channel/c{n}"),
            "IamRoleArn":"arn:aws:iam::111122223333:role/R","SnsTopicArns":[]})
    };
    let world = serde_json::json!({"chatbot": {"slackChannelConfigurations": [slack(1), slack(2), slack(3)]},
        "topics": [{"region": "eu-west-1", "name": "from-file"}]});
    let file = dir.path().join("world.json");
    std::fs::write(&file, world.to_string()).expect("write");
    let sandbox = sdk::sandbox(Scenario::File(file)).await;
    let bot = sdk::chatbot(&sandbox).await;
    let pages: Vec<_> = bot
        .describe_slack_channel_configurations()
        .max_results(1)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 3);
    assert_ne!(pages[0].next_token(), pages[1].next_token());
    let eu = sdk::sns(&sandbox, "eu-west-1").await;
    let topics = eu.list_topics().send().await.expect("topics");
    assert_eq!(
        topics.topics()[0].topic_arn(),
        Some("arn:aws:sns:eu-west-1:111122223333:from-file")
    );
}

fn log_lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("log")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[tokio::test]
async fn request_log_has_one_line_per_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("requests.jsonl");
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = Some(log.clone());
    let sandbox = start(opts).await.expect("start");
    let west = sdk::sns(&sandbox, "us-west-2").await;
    west.list_topics().send().await.expect("list");
    west.create_topic()
        .name("new-topic")
        .send()
        .await
        .expect("create");
    let im = sdk::incidents(&sandbox).await;
    im.get_incident_record()
        .arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect("get");
    let _ = im.get_incident_record().arn("bad").send().await;
    sdk::chatbot(&sandbox)
        .await
        .describe_chime_webhook_configurations()
        .send()
        .await
        .expect("chime");

    let lines = log_lines(&log);
    assert_eq!(lines.len(), 5, "{lines:?}");
    let summary: Vec<(String, String, String, bool, u64)> = lines
        .iter()
        .map(|l| {
            (
                l["region"].as_str().unwrap_or_default().to_string(),
                l["service"].as_str().unwrap_or_default().to_string(),
                l["operation"].as_str().unwrap_or_default().to_string(),
                l["mutating"].as_bool().unwrap_or_default(),
                l["status"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("us-west-2", "sns", "ListTopics", false, 200),
        ("us-west-2", "sns", "CreateTopic", true, 200),
        (
            "us-east-2",
            "ssm-incidents",
            "GetIncidentRecord",
            false,
            200,
        ),
        (
            "us-east-2",
            "ssm-incidents",
            "GetIncidentRecord",
            false,
            400,
        ),
        (
            "us-east-2",
            "chatbot",
            "DescribeChimeWebhookConfigurations",
            false,
            200,
        ),
    ];
    for (got, want) in summary.iter().zip(expected) {
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2.as_str(), got.3, got.4),
            want
        );
    }
    let time = lines[0]["time"].as_str().expect("time");
    assert!(chrono::DateTime::parse_from_rfc3339(time).is_ok(), "{time}");
}

#[tokio::test]
async fn the_drill_adds_events_to_open_incidents() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.activity = true;
    let sandbox = start(opts).await.expect("start");
    let im = sdk::incidents(&sandbox).await;
    let count = |arn: &'static str| {
        let im = im.clone();
        async move {
            im.list_timeline_events()
                .incident_record_arn(arn)
                .send()
                .await
                .expect("timeline")
                .event_summaries()
                .len()
        }
    };
    let resolved = "arn:aws:ssm-incidents::111122223333:incident-record/batch-jobs-plan/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    let (open_before, resolved_before) = (count(sdk::MAIN_INCIDENT).await, count(resolved).await);
    tokio::time::sleep(Duration::from_millis(3400)).await;
    assert_eq!(count(sdk::MAIN_INCIDENT).await, open_before + 1);
    assert_eq!(count(resolved).await, resolved_before);
}

#[tokio::test]
async fn raw_wire_forms_match_aws() {
    let sandbox = sdk::demo().await;
    let addr = sandbox.addr();
    let im_auth = raw_http::auth("us-east-2", "ssm-incidents");
    // The AWS CLI's GET form with a URL-encoded ARN.
    let encoded: String = form_urlencoded::byte_serialize(sdk::MAIN_INCIDENT.as_bytes()).collect();
    let got = raw_http::send(
        addr,
        "GET",
        &format!("/getIncidentRecord?arn={encoded}"),
        &[("Authorization", &im_auth)],
        "",
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 200);
    let body: Value = serde_json::from_str(&got.body).expect("json");
    assert_eq!(
        body["incidentRecord"]["creationTime"], 1_710_407_520,
        "epoch seconds as a number"
    );

    // Integer epoch seconds, as the CLI sends them, and the error encoding.
    let create = serde_json::json!({"incidentRecordArn": sdk::MAIN_INCIDENT, "eventTime": 1_680_294_600,
        "eventType": "Custom Event", "eventData": "\"example timeline event\""});
    let got = raw_http::send(
        addr,
        "POST",
        "/createTimelineEvent",
        &[
            ("Authorization", &im_auth),
            ("Content-Type", "application/json"),
        ],
        &create.to_string(),
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 201, "{}", got.body);
    let bad = serde_json::json!({"responsePlanArn": sdk::TEST_PLAN, "impact": 7});
    let got = raw_http::send(
        addr,
        "POST",
        "/startIncident",
        &[("Authorization", &im_auth)],
        &bad.to_string(),
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 400);
    assert!(
        got.head
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: validationexception"),
        "{}",
        got.head
    );
    let body: Value = serde_json::from_str(&got.body).expect("json");
    assert_eq!(body["__type"], "ValidationException");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("'impact'"))
    );
    let got = raw_http::send(
        addr,
        "POST",
        "/startIncident",
        &[("Authorization", &im_auth)],
        "{not json",
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 400);

    // SNS errors as awsQuery XML.
    let sns_auth = raw_http::auth("us-east-2", "sns");
    let got = raw_http::send(
        addr,
        "POST",
        "/",
        &[("Authorization", &sns_auth), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
        "Action=GetTopicAttributes&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-2%3A111122223333%3Aghost",
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 404);
    assert!(
        got.body
            .contains("<Error><Type>Sender</Type><Code>NotFound</Code>"),
        "{}",
        got.body
    );
    let got = raw_http::send(
        addr,
        "POST",
        "/",
        &[("Authorization", &sns_auth)],
        "Action=ConfirmSubscription",
    )
    .await
    .expect("answer");
    assert_eq!(got.status, 400);
    assert!(got.body.contains("<Code>InvalidAction</Code>"));
    let got = raw_http::send(addr, "POST", "/no-such-operation", &[], "{}")
        .await
        .expect("answer");
    assert_eq!(got.status, 404);
}
