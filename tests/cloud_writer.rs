//! The setup wizard's writes and the live view's reads against a real sandbox: re-read before, verify after.

use std::path::Path;

use imdeck::cloud::{Cloud, CloudError, CloudWriter, ConnectOptions};
use imdeck::domain::model::{ChannelConfig, ChatChannel, ChatPlatform, Timestamp};
use imdeck::sandbox::{self, Sandbox, SandboxOptions, Scenario};
use serde_json::Value;

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
const USW2_TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:im-chat-usw2";
const USE2_TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
const RESOLVER: &str = "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess";

async fn start(log: Option<&Path>) -> Sandbox {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = log.map(Path::to_path_buf);
    sandbox::start(opts).await.expect("sandbox starts")
}

async fn cloud(sandbox: &Sandbox, read_only: bool) -> Cloud {
    Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects")
}

async fn writer(sandbox: &Sandbox) -> CloudWriter {
    cloud(sandbox, false).await.writer().expect("writer")
}

fn operations_logged(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|l| l["operation"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn is_precondition_failure(r: &Result<(), CloudError>) -> bool {
    matches!(r, Err(CloudError::Service { code, .. }) if code == "PreconditionFailed")
}

async fn channel(cloud: &Cloud, platform: ChatPlatform) -> ChannelConfig {
    let snap = cloud.load_snapshot(None).await;
    snap.channels[&platform].as_ref().expect("channels")[0].clone()
}

#[tokio::test]
async fn read_only_has_no_writer() {
    let sandbox = start(None).await;
    let cloud = cloud(&sandbox, true).await;
    assert!(matches!(cloud.writer(), Err(CloudError::ReadOnly(_))));
}

#[tokio::test]
async fn create_topic_is_idempotent_and_read_back() {
    let sandbox = start(None).await;
    let w = writer(&sandbox).await;
    let arn = w
        .create_topic("eu-west-1", "im-chat-euw1")
        .await
        .expect("created");
    assert_eq!(arn, "arn:aws:sns:eu-west-1:111122223333:im-chat-euw1");
    assert_eq!(
        w.create_topic("eu-west-1", "im-chat-euw1").await,
        Ok(arn.clone())
    );
    let attrs = w
        .get_topic_attributes("eu-west-1", &arn)
        .await
        .expect("attributes");
    assert!(
        attrs
            .get("Policy")
            .is_some_and(|p| p.contains("__default_statement_ID"))
    );
    let missing = w
        .get_topic_attributes("eu-west-1", "arn:aws:sns:eu-west-1:111122223333:nope")
        .await
        .expect_err("no such topic");
    assert!(
        matches!(missing, CloudError::NotFound { .. }),
        "{missing:?}"
    );
}

#[tokio::test]
async fn a_policy_changed_since_the_preview_is_not_overwritten() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let sandbox = start(Some(log.path())).await;
    let wizard = writer(&sandbox).await;
    let someone_else = writer(&sandbox).await;

    // The wizard previews against the current policy …
    let previewed = wizard
        .get_topic_attributes("us-west-2", USW2_TOPIC)
        .await
        .expect("attributes")["Policy"]
        .clone();
    // … someone else changes it meanwhile …
    let theirs = previewed.replace("__default_statement_ID", "changed-elsewhere");
    someone_else
        .set_topic_policy("us-west-2", USW2_TOPIC, Some(&previewed), &theirs)
        .await
        .expect("their write");
    let writes_before = count(&operations_logged(log.path()), "SetTopicAttributes");
    // … so the wizard's write is refused without writing.
    let ours = previewed.replace("__default_statement_ID", "wizard");
    let result = wizard
        .set_topic_policy("us-west-2", USW2_TOPIC, Some(&previewed), &ours)
        .await;
    assert!(is_precondition_failure(&result), "{result:?}");
    assert_eq!(
        count(&operations_logged(log.path()), "SetTopicAttributes"),
        writes_before
    );
    let now = wizard
        .get_topic_attributes("us-west-2", USW2_TOPIC)
        .await
        .expect("attributes");
    assert_eq!(now["Policy"], theirs);

    // With the right precondition (compared as JSON, whitespace aside) the write goes through.
    let reformatted = serde_json::to_string_pretty(
        &serde_json::from_str::<Value>(&theirs).expect("policy is JSON"),
    )
    .expect("pretty");
    wizard
        .set_topic_policy("us-west-2", USW2_TOPIC, Some(&reformatted), &ours)
        .await
        .expect("write");
    let now = wizard
        .get_topic_attributes("us-west-2", USW2_TOPIC)
        .await
        .expect("attributes");
    assert_eq!(now["Policy"], ours);
}

fn count(ops: &[String], op: &str) -> usize {
    ops.iter().filter(|o| o.as_str() == op).count()
}

#[tokio::test]
async fn channel_topics_are_replaced_only_from_the_previewed_state() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let sandbox = start(Some(log.path())).await;
    let c = cloud(&sandbox, false).await;
    let w = c.writer().expect("writer");
    let euw1 = w
        .create_topic("eu-west-1", "im-chat-euw1")
        .await
        .expect("topic");

    // Slack: add the eu-west-1 topic; role, guardrail and the rest stay as they were.
    let slack = channel(&c, ChatPlatform::Slack).await;
    let mut topics = slack.sns_topic_arns.clone();
    topics.push(euw1.clone());
    let stale = vec![USE2_TOPIC.to_string()];
    let refused = w
        .update_channel(slack.platform, &slack.arn, &stale, &topics, None)
        .await;
    assert!(is_precondition_failure(&refused), "{refused:?}");
    assert_eq!(
        count(
            &operations_logged(log.path()),
            "UpdateSlackChannelConfiguration"
        ),
        0
    );
    w.update_channel(
        slack.platform,
        &slack.arn,
        &slack.sns_topic_arns,
        &topics,
        None,
    )
    .await
    .expect("slack update");
    let after = channel(&c, ChatPlatform::Slack).await;
    assert_eq!(after.sns_topic_arns, topics);
    assert_eq!(after.iam_role_arn, slack.iam_role_arn);
    assert_eq!(after.guardrail_policy_arns, slack.guardrail_policy_arns);
    assert_eq!(after.channel_label, slack.channel_label);

    // Teams: topics and the guardrail it lacked.
    let teams = channel(&c, ChatPlatform::MicrosoftTeams).await;
    let mut topics = teams.sns_topic_arns.clone();
    topics.push(USE2_TOPIC.to_string());
    w.update_channel(
        teams.platform,
        &teams.arn,
        &teams.sns_topic_arns,
        &topics,
        Some(&[RESOLVER.to_string()]),
    )
    .await
    .expect("teams update");
    let after = channel(&c, ChatPlatform::MicrosoftTeams).await;
    assert_eq!(after.sns_topic_arns, topics);
    assert_eq!(
        after.guardrail_policy_arns,
        Some(vec![RESOLVER.to_string()])
    );

    // Chime: topics only.
    let chime = channel(&c, ChatPlatform::Chime).await;
    let mut topics = chime.sns_topic_arns.clone();
    topics.push(euw1);
    w.update_channel(
        chime.platform,
        &chime.arn,
        &chime.sns_topic_arns,
        &topics,
        None,
    )
    .await
    .expect("chime update");
    assert_eq!(
        channel(&c, ChatPlatform::Chime).await.sns_topic_arns,
        topics
    );
}

#[tokio::test]
async fn a_plan_gets_a_chat_channel_only_from_the_previewed_state() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let sandbox = start(Some(log.path())).await;
    let c = cloud(&sandbox, false).await;
    let w = c.writer().expect("writer");
    let plan = "arn:aws:ssm-incidents::111122223333:response-plan/batch-jobs-plan";
    let new = ChatChannel::ChatbotSns(vec![USE2_TOPIC.into(), USW2_TOPIC.into()]);

    let wrong = ChatChannel::ChatbotSns(vec![USE2_TOPIC.into()]);
    let refused = w.update_plan_chat_channel(plan, Some(&wrong), &new).await;
    assert!(is_precondition_failure(&refused), "{refused:?}");
    assert_eq!(
        count(&operations_logged(log.path()), "UpdateResponsePlan"),
        0
    );

    w.update_plan_chat_channel(plan, None, &new)
        .await
        .expect("linked");
    let after = c.get_response_plan(plan).await.expect("plan");
    assert_eq!(after.chat_channel, Some(new));
}

#[tokio::test]
async fn the_live_view_reads_incidents_and_polls_the_timeline_incrementally() {
    let sandbox = start(None).await;
    let c = cloud(&sandbox, true).await;

    let incidents = c.list_incidents().await.expect("incidents");
    assert_eq!(incidents.len(), 5);
    let record = c.get_incident(INCIDENT).await.expect("record");
    assert_eq!(record.impact, 2);
    assert!(record.chat_channel.is_some());

    let all = c.list_timeline(INCIDENT, None).await.expect("timeline");
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].event_time <= w[1].event_time));
    let newest_but_two = all[4].event_time;
    let newer = c
        .list_timeline(INCIDENT, Some(newest_but_two))
        .await
        .expect("incremental");
    assert_eq!(newer, all[5..].to_vec());
    let none = c
        .list_timeline(INCIDENT, Some(Timestamp::from_secs(2_000_000_000)))
        .await
        .expect("nothing newer");
    assert!(none.is_empty());

    let event = c
        .get_timeline_event(INCIDENT, &all[3].event_id)
        .await
        .expect("event");
    assert_eq!(event.event_type, all[3].event_type);
    assert!(!event.event_data.is_empty());

    assert_eq!(
        c.list_related_items(INCIDENT).await.expect("related").len(),
        3
    );
    assert_eq!(c.list_response_plans().await.expect("plans").len(), 6);
    let missing = c
        .get_incident("arn:aws:ssm-incidents::111122223333:incident-record/x/y")
        .await
        .expect_err("unknown");
    assert!(
        matches!(missing, CloudError::NotFound { .. }),
        "{missing:?}"
    );
}
