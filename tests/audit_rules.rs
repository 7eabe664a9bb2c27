//! Every audit rule against a setup that passes, one that fails, and data that could not be read; the demo
//! scenario's full audit; and the report formats.

#[path = "audit_support/snapshots.rs"]
mod snapshots;

use imdeck::domain::audit::{
    self, AuditReport, Check, RULE_IDS, Status, channel_chime, channel_enabled, channel_guardrail,
    channel_region_coverage, channel_role, plan_chat_channel, plan_engagements_review, plan_topics,
    region_has_topic, replication_set_region_active, run_audit, sns_kms, sns_policy,
};
use imdeck::domain::model::{ChatChannel, ChatPlatform};
use imdeck::domain::policy::evaluate_incident_manager_publish;
use imdeck::domain::snapshot::CloudSnapshot;
use serde_json::json;
use snapshots::*;

/// Region, topic, policy, channel.
type MatrixRow = (String, Option<Status>, Option<Status>, Option<Status>);

fn statuses(checks: &[Check]) -> Vec<Status> {
    checks.iter().map(|c| c.status).collect()
}

fn all(checks: &[Check], status: Status) -> bool {
    !checks.is_empty() && checks.iter().all(|c| c.status == status)
}

fn first_with(checks: &[Check], status: Status) -> &Check {
    checks
        .iter()
        .find(|c| c.status == status)
        .unwrap_or_else(|| panic!("no {status:?} check in {checks:#?}"))
}

/// Unknown, with the reason in the detail, and never a pass beside it.
fn assert_unknown(checks: &[Check]) {
    assert!(
        checks.iter().any(|c| c.status == Status::Unknown),
        "{checks:#?}"
    );
    assert!(
        !checks.iter().any(|c| c.status == Status::Pass),
        "{checks:#?}"
    );
    let unknown = first_with(checks, Status::Unknown);
    assert!(
        unknown.detail.contains("AccessDenied") || unknown.detail.contains("not read"),
        "{unknown:?}"
    );
}

fn slack_mut(snapshot: &mut CloudSnapshot) -> &mut imdeck::domain::model::ChannelConfig {
    match snapshot.channels.get_mut(&ChatPlatform::Slack) {
        Some(Ok(list)) => &mut list[0],
        _ => panic!("no slack channel"),
    }
}

fn topic_mut<'a>(
    snapshot: &'a mut CloudSnapshot,
    arn: &str,
) -> &'a mut imdeck::domain::model::Topic {
    snapshot
        .regions
        .iter_mut()
        .filter_map(|r| r.topics.as_mut().ok())
        .flatten()
        .filter_map(|t| t.as_mut().ok())
        .find(|t| t.arn == arn)
        .unwrap_or_else(|| panic!("no topic {arn}"))
}

#[test]
fn a_correct_setup_passes_every_rule() {
    let checks = run_audit(&good());
    let bad: Vec<&Check> = checks
        .iter()
        .filter(|c| !matches!(c.status, Status::Pass | Status::Info))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // Every rule speaks, except the Chime note (no Chime channel here).
    for id in RULE_IDS.iter().filter(|id| **id != channel_chime::ID) {
        assert!(
            checks.iter().any(|c| c.id == *id),
            "rule {id} produced no row"
        );
    }
    assert_eq!(AuditReport::from_snapshot(&good()).exit_code(), 0);
}

#[test]
fn replication_set_region_active() {
    assert_eq!(
        statuses(&replication_set_region_active::check(&good())),
        vec![Status::Pass; 3]
    );
    let mut s = good();
    if let Ok(Some(set)) = &mut s.replication_set {
        let info = set.region_map.get_mut("us-west-2").expect("region");
        info.status = "FAILED".into();
        info.status_message = Some("KMS key unusable".into());
    }
    let checks = replication_set_region_active::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert_eq!(failing.region.as_deref(), Some("us-west-2"));
    assert!(failing.detail.contains("FAILED: KMS key unusable"));
    s.replication_set = Ok(None);
    assert!(all(&replication_set_region_active::check(&s), Status::Fail));
    s.replication_set = Err(failure("ssm-incidents:GetReplicationSet"));
    assert_unknown(&replication_set_region_active::check(&s));
}

#[test]
fn region_has_topic() {
    assert_eq!(
        statuses(&region_has_topic::check(&good())),
        vec![Status::Pass; 3]
    );
    let checks = region_has_topic::check(&demo());
    let failing = first_with(&checks, Status::Fail);
    assert_eq!(failing.region.as_deref(), Some("eu-west-1"));
    // Two commands, one a line: create the topic, then give it SNS's default policy with the statement merged in.
    let fix: Vec<&str> = failing.fix.as_deref().expect("fix").lines().collect();
    assert_eq!(
        fix[0],
        "aws sns create-topic --region eu-west-1 --name im-chat-eu-west-1"
    );
    let words = shell_words::split(fix[1]).expect("the second command splits");
    assert_eq!(
        &words[..6],
        [
            "aws",
            "sns",
            "set-topic-attributes",
            "--region",
            "eu-west-1",
            "--topic-arn"
        ]
    );
    let policy: serde_json::Value =
        serde_json::from_str(words.last().expect("policy")).expect("the policy is JSON");
    let sids: Vec<&str> = policy["Statement"]
        .as_array()
        .expect("statements")
        .iter()
        .filter_map(|s| s["Sid"].as_str())
        .collect();
    assert_eq!(
        sids,
        [
            "__default_statement_ID",
            "IncidentManagerSNSPublishingPermissions"
        ]
    );
    assert!(
        failing
            .manual
            .as_deref()
            .is_some_and(|m| m.contains("imdeck setup --plan"))
    );
    // The listing of eu-west-1 failed: unknown, not pass and not fail.
    let mut s = demo();
    s.regions[2].topics = Err(failure("sns:ListTopics eu-west-1"));
    let checks = region_has_topic::check(&s);
    assert_eq!(
        statuses(&checks),
        vec![Status::Pass, Status::Pass, Status::Unknown]
    );
    // The plans could not be read, so a plan might name a topic in eu-west-1.
    let mut s = demo();
    s.plans = Err(failure("ssm-incidents:ListResponsePlans"));
    s.channels = channels_map(vec![]);
    assert_unknown(&region_has_topic::check(&s));
    let mut s = good();
    s.replication_set = Err(failure("ssm-incidents:GetReplicationSet"));
    assert_unknown(&region_has_topic::check(&s));
}

#[test]
fn sns_policy_passes_fails_and_its_fix_works() {
    assert!(all(&sns_policy::check(&good()), Status::Pass));
    let mut s = good();
    let arn = topic_arn("us-west-2", "im-chat-us-west-2");
    let before = policy_with(&arn, vec![]);
    topic_mut(&mut s, &arn)
        .attributes
        .insert("Policy".into(), before.clone());
    let checks = sns_policy::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert_eq!(failing.resource.as_deref(), Some(arn.as_str()));
    assert!(
        failing
            .detail
            .starts_with("no statement allows ssm-incidents.amazonaws.com to SNS:Publish")
    );
    assert_eq!(
        failing.missing.as_ref().map(|m| m["Sid"].clone()),
        Some(json!("IncidentManagerSNSPublishingPermissions"))
    );
    // The fix is a real command whose policy keeps the default statement and passes the evaluator.
    let fix = failing.fix.as_deref().expect("fix");
    let words = shell_words::split(fix).expect("shell words");
    assert_eq!(
        &words[..9],
        [
            "aws",
            "sns",
            "set-topic-attributes",
            "--region",
            "us-west-2",
            "--topic-arn",
            arn.as_str(),
            "--attribute-name",
            "Policy"
        ]
    );
    assert_eq!(words[9], "--attribute-value");
    let merged: serde_json::Value = serde_json::from_str(&words[10]).expect("policy json");
    let original: serde_json::Value = serde_json::from_str(&before).expect("json");
    assert_eq!(merged["Statement"][0], original["Statement"][0]);
    assert_eq!(merged["Id"], original["Id"]);
    assert!(
        evaluate_incident_manager_publish(&words[10], &arn, ACCOUNT).is_allowed_as_documented()
    );

    // Overly broad grant: warn.
    topic_mut(&mut s, &arn).attributes.insert(
        "Policy".into(),
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}]}).to_string(),
    );
    assert_eq!(
        first_with(&sns_policy::check(&s), Status::Warn)
            .resource
            .as_deref(),
        Some(arn.as_str())
    );
    // Malformed policy: fail with the parser's message, no fix that would overwrite it.
    topic_mut(&mut s, &arn)
        .attributes
        .insert("Policy".into(), "{\"Statement\": [".into());
    let checks = sns_policy::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert!(
        failing.detail.contains("not valid JSON"),
        "{}",
        failing.detail
    );
    assert!(failing.fix.is_none());
    // A Deny: fail, and no fix (imdeck never removes a Deny).
    topic_mut(&mut s, &arn).attributes.insert(
        "Policy".into(),
        json!({"Statement": [{"Sid": "NoIM", "Effect": "Deny", "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "SNS:Publish", "Resource": "*"}]}).to_string(),
    );
    let failing = sns_policy::check(&s)
        .into_iter()
        .find(|c| c.status == Status::Fail)
        .expect("fail");
    assert!(failing.detail.contains("explicit Deny (statement NoIM)") && failing.fix.is_none());

    // Attributes unreadable: unknown.
    let mut s = good();
    let regions = &mut s.regions[1];
    if let Ok(topics) = &mut regions.topics {
        topics[0] = Err(failure(&topic_arn("us-west-2", "im-chat-us-west-2")));
    }
    let checks = sns_policy::check(&s);
    assert_eq!(
        statuses(&checks),
        vec![Status::Pass, Status::Unknown, Status::Pass]
    );
}

#[test]
fn sns_kms() {
    assert!(all(&sns_kms::check(&good()), Status::Pass));
    let mut s = good();
    let arn = topic_arn("us-east-2", "im-chat-us-east-2");
    topic_mut(&mut s, &arn)
        .attributes
        .insert("KmsMasterKeyId".into(), "alias/im".into());
    let checks = sns_kms::check(&s);
    let warn = first_with(&checks, Status::Warn);
    assert!(warn.detail.contains("alias/im") && warn.detail.contains("cannot read key policies"));
    assert!(
        warn.missing
            .as_ref()
            .is_some_and(|m| m["Action"] == json!(["kms:GenerateDataKey*", "kms:Decrypt"]))
    );
    let manual = warn.manual.as_deref().expect("how to check the key policy");
    assert!(
        manual.contains("aws kms get-key-policy --region us-east-2"),
        "{manual}"
    );
    // The statement grants only what the publisher needs, to Incident Manager only.
    assert_eq!(
        warn.missing.as_ref().map(|m| m["Principal"].clone()),
        Some(json!({"Service": "ssm-incidents.amazonaws.com"}))
    );
    // The AWS managed key can never let Incident Manager publish: a failure, by alias or alias ARN.
    for key in [
        "alias/aws/sns",
        "arn:aws:kms:us-east-2:111122223333:alias/aws/sns",
    ] {
        topic_mut(&mut s, &arn)
            .attributes
            .insert("KmsMasterKeyId".into(), key.into());
        let checks = sns_kms::check(&s);
        let failing = first_with(&checks, Status::Fail);
        assert!(
            failing.detail.contains("use a customer managed key"),
            "{failing:?}"
        );
        assert!(
            failing
                .manual
                .as_deref()
                .is_some_and(|m| m.contains("KmsMasterKeyId"))
        );
        assert_eq!(
            failing.missing.as_ref().map(|m| m["Action"].clone()),
            Some(json!(["kms:GenerateDataKey*", "kms:Decrypt"]))
        );
    }
    s.regions[0].topics = Err(failure("sns:ListTopics us-east-2"));
    assert!(
        sns_kms::check(&s)
            .iter()
            .any(|c| c.status == Status::Unknown)
    );
}

#[test]
fn channel_region_coverage() {
    assert_eq!(
        statuses(&channel_region_coverage::check(&good())),
        vec![Status::Pass; 3]
    );
    let mut s = good();
    let eu = topic_arn("eu-west-1", "im-chat-eu-west-1");
    slack_mut(&mut s).sns_topic_arns.retain(|t| *t != eu);
    let checks = channel_region_coverage::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert_eq!(failing.region.as_deref(), Some("eu-west-1"));
    assert!(failing.detail.contains("has no topic for eu-west-1"));
    let fix = failing.fix.as_deref().expect("fix");
    assert!(fix.starts_with("aws chatbot update-slack-channel-configuration --region us-east-2 "));
    // The update sends the union: every topic already there, plus the Region's.
    let words = shell_words::split(fix).expect("words");
    for topic in REGIONS
        .iter()
        .map(|r| topic_arn(r, &format!("im-chat-{r}")))
    {
        assert!(words.contains(&topic), "{topic} missing from {fix}");
    }
    assert!(words.contains(&RESOLVER.to_string()), "keeps the guardrail");
    let mut s = good();
    s.channels.insert(
        ChatPlatform::Slack,
        Err(failure("chatbot:DescribeSlackChannelConfigurations")),
    );
    assert_unknown(&channel_region_coverage::check(&s));
}

#[test]
fn channel_guardrail() {
    assert!(all(&channel_guardrail::check(&good()), Status::Pass));
    let mut s = good();
    slack_mut(&mut s).guardrail_policy_arns = None;
    let failing = channel_guardrail::check(&s).remove(0);
    assert_eq!(failing.status, Status::Fail);
    assert!(failing.detail.contains("AdministratorAccess"));
    assert_eq!(
        failing.missing,
        Some(json!({"GuardrailPolicyArns": [RESOLVER]}))
    );
    assert_chatbot_regions(failing.fix.as_deref().expect("fix"));
    slack_mut(&mut s).guardrail_policy_arns =
        Some(vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()]);
    let failing = channel_guardrail::check(&s).remove(0);
    assert_eq!(failing.status, Status::Fail);
    assert_eq!(
        failing.missing,
        Some(json!({"GuardrailPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", RESOLVER]}))
    );
    s.channels.insert(
        ChatPlatform::Slack,
        Err(failure("chatbot:DescribeSlackChannelConfigurations")),
    );
    assert_unknown(&channel_guardrail::check(&s));
}

#[test]
fn channel_role() {
    assert!(all(&channel_role::check(&good()), Status::Pass));
    let mut s = good();
    slack_mut(&mut s).iam_role_arn =
        "arn:aws:iam::111122223333:role/aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot".into();
    let failing = channel_role::check(&s).remove(0);
    assert_eq!(failing.status, Status::Fail);
    assert!(failing.detail.contains("service-linked role"));
    // The console steps in words; no made-up settings object.
    assert_eq!(failing.missing, None);
    assert!(
        failing
            .manual
            .as_deref()
            .is_some_and(|m| m.contains("\"Incident Manager permissions\""))
    );
    slack_mut(&mut s).iam_role_arn = String::new();
    assert_eq!(channel_role::check(&s)[0].status, Status::Fail);
    assert!(channel_role::check(&s)[0].has_remedy());
    // Whatever the verdict, it says what it did not look at: imdeck reads no IAM.
    for check in channel_role::check(&good()) {
        assert!(check.detail.contains("imdeck reads no IAM"), "{check:?}");
    }
    slack_mut(&mut s).iam_role_arn = CHANNEL_ROLE.into();
    slack_mut(&mut s).user_authorization_required = true;
    assert_eq!(channel_role::check(&s)[0].status, Status::Warn);
    s.channels.insert(
        ChatPlatform::Slack,
        Err(failure("chatbot:DescribeSlackChannelConfigurations")),
    );
    assert_unknown(&channel_role::check(&s));
}

#[test]
fn channel_enabled() {
    assert!(all(&channel_enabled::check(&good()), Status::Pass));
    let mut s = good();
    slack_mut(&mut s).state = Some("DISABLED".into());
    assert_eq!(statuses(&channel_enabled::check(&s)), vec![Status::Fail]);
    s.channels.insert(
        ChatPlatform::MicrosoftTeams,
        Err(failure("chatbot:ListMicrosoftTeamsChannelConfigurations")),
    );
    slack_mut(&mut s).state = Some("ENABLED".into());
    assert_eq!(
        statuses(&channel_enabled::check(&s)),
        vec![Status::Unknown, Status::Pass]
    );
}

#[test]
fn channel_chime() {
    assert!(channel_chime::check(&good()).is_empty());
    let checks = channel_chime::check(&demo());
    assert_eq!(statuses(&checks), vec![Status::Info]);
    assert!(
        checks[0].detail.contains("used by exec-notify-plan")
            && checks[0].detail.contains("cannot run @aws ssm-incidents")
    );
    let mut s = demo();
    s.channels.insert(
        ChatPlatform::Chime,
        Err(failure("chatbot:DescribeChimeWebhookConfigurations")),
    );
    assert_unknown(&channel_chime::check(&s));
}

#[test]
fn plan_chat_channel() {
    assert!(all(&plan_chat_channel::check(&good()), Status::Pass));
    let mut s = good();
    if let Ok(plans) = &mut s.plans {
        plans.push(Ok(plan("lonely", &[], &[])));
    }
    let checks = plan_chat_channel::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert!(failing.detail.contains("lonely"));
    // Every topic is carried by the Slack channel, so it proposes none to share; the console steps in words,
    // with the exact update-response-plan command that links the new channel, and no made-up settings object.
    assert_eq!(failing.missing, None);
    let manual = failing.manual.as_deref().expect("manual step");
    assert!(
        manual.contains("\"Incident Manager permissions\"")
            && manual.contains("imdeck setup --plan")
    );
    assert!(manual.contains(
        "aws ssm-incidents update-response-plan --region us-east-2 --arn arn:aws:ssm-incidents::111122223333:response-plan/lonely"
    ), "{manual}");
    // A topic no channel carries (named only by a plan) is proposed.
    let free = topic_arn("us-east-2", "unrelated");
    if let Ok(plans) = &mut s.plans {
        plans.push(Ok(plan("uses-unrelated", std::slice::from_ref(&free), &[])));
    }
    let checks = plan_chat_channel::check(&s);
    let failing = first_with(&checks, Status::Fail);
    assert!(
        failing
            .manual
            .as_deref()
            .is_some_and(|m| m.contains(&format!("{free} are free"))),
        "{failing:?}"
    );
    if let Ok(plans) = &mut s.plans {
        plans.push(Err(failure(
            "arn:aws:ssm-incidents::111122223333:response-plan/hidden",
        )));
        plans[0] = Ok(plan("empty-object", &[], &[]));
        if let Ok(p) = &mut plans[0] {
            p.chat_channel = Some(ChatChannel::Empty(Default::default()));
        }
    }
    let checks = plan_chat_channel::check(&s);
    assert_eq!(checks[0].status, Status::Unknown);
    assert_eq!(
        checks[0].resource.as_deref(),
        Some("arn:aws:ssm-incidents::111122223333:response-plan/hidden")
    );
    assert!(checks.iter().filter(|c| c.status == Status::Fail).count() == 2);
    s.plans = Err(failure("ssm-incidents:ListResponsePlans"));
    assert_unknown(&plan_chat_channel::check(&s));
}

#[test]
fn plan_topics() {
    assert!(all(&plan_topics::check(&good()), Status::Pass));
    // The plan lacks eu-west-1 while its channel carries it: fail, and the fix adds the channel's topic.
    let mut s = good();
    let eu = topic_arn("eu-west-1", "im-chat-eu-west-1");
    if let Ok(plans) = &mut s.plans
        && let Some(Ok(p)) = plans.first_mut()
    {
        p.chat_channel = Some(ChatChannel::ChatbotSns(
            REGIONS[..2]
                .iter()
                .map(|r| topic_arn(r, &format!("im-chat-{r}")))
                .collect(),
        ));
    }
    let failing = plan_topics::check(&s).remove(0);
    assert_eq!(failing.status, Status::Fail);
    assert!(failing.detail.contains("no topic for eu-west-1"));
    let fix = failing.fix.expect("fix");
    assert!(fix.starts_with("aws ssm-incidents update-response-plan --region us-east-2 --arn"));
    assert!(fix.contains(&eu));
    // A topic that does not exist, and one in no channel.
    let mut s = good();
    let ghost = topic_arn("us-east-2", "ghost");
    let stray = topic_arn("us-east-2", "unrelated");
    if let Ok(plans) = &mut s.plans
        && let Some(Ok(p)) = plans.first_mut()
        && let Some(ChatChannel::ChatbotSns(topics)) = &mut p.chat_channel
    {
        topics.push(ghost.clone());
        topics.push(stray.clone());
    }
    let failing = plan_topics::check(&s).remove(0);
    assert!(failing.detail.contains(&format!("{ghost} does not exist")));
    assert!(
        failing
            .detail
            .contains(&format!("{stray} belongs to no chat channel configuration"))
    );
    let mut s = good();
    s.regions[0].topics = Err(failure("sns:ListTopics us-east-2"));
    assert_unknown(&plan_topics::check(&s));
    s.plans = Err(failure("ssm-incidents:ListResponsePlans"));
    assert_unknown(&plan_topics::check(&s));
}

#[test]
fn plan_engagements_review() {
    let checks = plan_engagements_review::check(&good());
    assert_eq!(statuses(&checks), vec![Status::Info]);
    assert!(checks[0].detail.contains("engagements oncall-a, oncall-b"));
    assert!(
        checks[0]
            .detail
            .contains("Slack configuration im-slack (#im-slack)")
    );
    let mut s = good();
    s.plans = Err(failure("ssm-incidents:ListResponsePlans"));
    assert_unknown(&plan_engagements_review::check(&s));
}

#[test]
fn nothing_readable_means_nothing_passes() {
    let s = CloudSnapshot {
        account: ACCOUNT.into(),
        replication_set: Err(failure("ssm-incidents:GetReplicationSet")),
        regions: Vec::new(),
        channels: [
            ChatPlatform::Slack,
            ChatPlatform::MicrosoftTeams,
            ChatPlatform::Chime,
        ]
        .into_iter()
        .map(|p| (p, Err(failure("chatbot"))))
        .collect(),
        plans: Err(failure("ssm-incidents:ListResponsePlans")),
        unlisted_topics: Vec::new(),
        subscriptions: Default::default(),
    }
    .with_chatbot_subscriptions();
    let report = AuditReport::from_snapshot(&s);
    assert!(
        report.checks.iter().all(|c| c.status == Status::Unknown),
        "{:#?}",
        report.checks
    );
    assert_eq!(report.exit_code(), 3);
    // Regions listed but every listing failed: still no pass for anything needing topics.
    let mut s = good();
    for r in &mut s.regions {
        r.topics = Err(failure(&format!("sns:ListTopics {}", r.region)));
    }
    for check in run_audit(&s) {
        if [
            audit::region_has_topic::ID,
            sns_policy::ID,
            sns_kms::ID,
            channel_region_coverage::ID,
            plan_topics::ID,
        ]
        .contains(&check.id)
        {
            assert_ne!(check.status, Status::Pass, "{check:?}");
        }
    }
}

#[test]
fn demo_scenario_audit() {
    let report = AuditReport::from_snapshot(&demo());
    let findings: Vec<(&str, Status, Option<&str>, Option<String>)> = report
        .checks
        .iter()
        .filter(|c| c.status != Status::Pass)
        .map(|c| (c.id, c.status, c.region.as_deref(), c.resource.clone()))
        .collect();
    let (slack, teams, chime) = (Some(slack_arn()), Some(teams_arn()), Some(chime_arn()));
    let plan = |name: &str| Some(plan_arn(name));
    let (fail, warn, info) = (Status::Fail, Status::Warn, Status::Info);
    let expected: Vec<(&str, Status, Option<&str>, Option<String>)> = vec![
        // eu-west-1 has no Incident Manager topic.
        ("region-has-topic", fail, Some("eu-west-1"), None),
        // The topic scoped to another account, and us-west-2's topic without the statement.
        ("sns-policy", fail, Some("us-east-2"), Some(partner_topic())),
        ("sns-policy", fail, Some("us-west-2"), Some(usw2_topic())),
        // The KMS-encrypted topic.
        ("sns-kms", warn, Some("us-east-2"), Some(exec_topic())),
        // The Slack channel misses eu-west-1; the Teams and Chime channels (one topic each) miss two Regions.
        (
            "channel-region-coverage",
            fail,
            Some("eu-west-1"),
            slack.clone(),
        ),
        (
            "channel-region-coverage",
            fail,
            Some("us-west-2"),
            teams.clone(),
        ),
        (
            "channel-region-coverage",
            fail,
            Some("eu-west-1"),
            teams.clone(),
        ),
        (
            "channel-region-coverage",
            fail,
            Some("us-west-2"),
            chime.clone(),
        ),
        (
            "channel-region-coverage",
            fail,
            Some("eu-west-1"),
            chime.clone(),
        ),
        // The Teams channel has no guardrail.
        ("channel-guardrail", fail, None, teams),
        // The Chime note.
        ("channel-chime", info, None, chime),
        // The Chime channel's topic lost Chatbot's subscription: nothing sent to it reaches the room.
        (
            "chatbot-subscription",
            fail,
            Some("us-east-2"),
            Some(exec_topic()),
        ),
        // The plan without a channel.
        ("plan-chat-channel", fail, None, plan("batch-jobs-plan")),
        // No plan covers every Region (eu-west-1 has no topic at all).
        ("plan-topics", fail, None, plan("MyResponsePlanChat")),
        ("plan-topics", fail, None, plan("exec-notify-plan")),
        ("plan-topics", fail, None, plan("partner-api-plan")),
        ("plan-topics", fail, None, plan("test-response-plan-chat")),
        // One review item per plan.
        (
            "plan-engagements-review",
            info,
            None,
            plan("MyResponsePlanChat"),
        ),
        (
            "plan-engagements-review",
            info,
            None,
            plan("batch-jobs-plan"),
        ),
        (
            "plan-engagements-review",
            info,
            None,
            plan("exec-notify-plan"),
        ),
        (
            "plan-engagements-review",
            info,
            None,
            plan("partner-api-plan"),
        ),
        (
            "plan-engagements-review",
            info,
            None,
            plan("test-response-plan-chat"),
        ),
    ];
    let partner = partner_topic();
    assert_eq!(findings, expected);
    let scoped = report
        .checks
        .iter()
        .find(|c| c.resource.as_deref() == Some(partner.as_str()))
        .expect("scoped");
    assert!(
        scoped.detail.contains("scoped to account 444455556666"),
        "{}",
        scoped.detail
    );
    assert!(scoped.fix.is_some());
    let my_sns = my_sns_topic();
    assert!(report.checks.iter().any(|c| c.id == "sns-policy"
        && c.status == Status::Pass
        && c.resource.as_deref() == Some(my_sns.as_str())));
    assert!(report.checks.iter().any(|c| c.id == "region-has-topic"
        && c.status == Status::Pass
        && c.region.as_deref() == Some("us-east-2")));
    assert_eq!(report.exit_code(), 1);

    // The checklist matrix (us-east-2's policy mark is the scoped topic's).
    let rows = report.region_rows();
    let marks: Vec<MatrixRow> = rows
        .into_iter()
        .map(|r| (r.region, r.topic, r.policy, r.channel))
        .collect();
    assert_eq!(
        marks,
        vec![
            (
                "us-east-2".into(),
                Some(Status::Pass),
                Some(Status::Fail),
                Some(Status::Pass)
            ),
            (
                "us-west-2".into(),
                Some(Status::Pass),
                Some(Status::Fail),
                Some(Status::Fail)
            ),
            (
                "eu-west-1".into(),
                Some(Status::Fail),
                None,
                Some(Status::Fail)
            ),
        ]
    );
}

#[test]
fn per_topic_rules_stand_an_unknown_in_for_topics_only_unread_sources_name() {
    // Plans and channels unreadable: no topic is known to be Incident Manager's, so the per-topic checks
    // would vanish; an unknown must take their place, never silence.
    let mut s = demo();
    s.plans = Err(failure("ssm-incidents:ListResponsePlans"));
    s.channels = channels_map(vec![]);
    for checks in [sns_policy::check(&s), sns_kms::check(&s)] {
        assert!(
            checks
                .iter()
                .any(|c| c.status == Status::Unknown && c.detail.contains("ListResponsePlans")),
            "{checks:?}"
        );
    }
    // Everything read: no such stand-in.
    assert!(
        sns_policy::check(&demo())
            .iter()
            .all(|c| c.status != Status::Unknown)
    );
}

/// Every `aws chatbot` in `text` (a command, or one inside `$(…)`) names `--region` with one of Chatbot's four
/// API Regions before its command ends.
fn assert_chatbot_regions(text: &str) {
    for (at, _) in text.match_indices("aws chatbot ") {
        let rest = &text[at..];
        let end = rest.find([')', '\n']).unwrap_or(rest.len());
        let words: Vec<&str> = rest[..end].split_whitespace().collect();
        let region = words
            .windows(2)
            .find(|w| w[0] == "--region")
            .map(|w| w[1].trim_matches(['"', '\'']));
        assert!(
            region.is_some_and(|r| audit::aws_cli::CHATBOT_API_REGIONS.contains(&r)),
            "an aws chatbot command without a Chatbot API Region: {}",
            &rest[..end]
        );
    }
}

/// Setups that fail each rule in each way it can, each paired with the demo scenario's failures.
fn failing_setups() -> Vec<CloudSnapshot> {
    let mut setups = vec![demo()];
    let mut s = good();
    s.replication_set = Ok(None);
    setups.push(s);
    let mut s = good();
    if let Ok(Some(set)) = &mut s.replication_set {
        for info in set.region_map.values_mut() {
            info.status = "FAILED".into();
        }
    }
    setups.push(s);
    let mut s = good();
    slack_mut(&mut s).iam_role_arn = String::new();
    slack_mut(&mut s).state = Some("DISABLED".into());
    slack_mut(&mut s).guardrail_policy_arns = None;
    let eu = topic_arn("eu-west-1", "im-chat-eu-west-1");
    slack_mut(&mut s).sns_topic_arns.retain(|t| *t != eu);
    setups.push(s);
    let mut s = good();
    let arn = topic_arn("us-east-2", "im-chat-us-east-2");
    topic_mut(&mut s, &arn)
        .attributes
        .insert("KmsMasterKeyId".into(), "alias/aws/sns".into());
    let usw2 = topic_arn("us-west-2", "im-chat-us-west-2");
    let deny =
        json!({"Effect": "Deny", "Principal": "*", "Action": "SNS:Publish", "Resource": usw2});
    topic_mut(&mut s, &usw2)
        .attributes
        .insert("Policy".into(), policy_with(&usw2, vec![deny]));
    topic_mut(&mut s, &eu)
        .attributes
        .insert("Policy".into(), "{not json".into());
    setups.push(s);
    setups
}

#[test]
fn every_failing_check_carries_a_fix_or_a_manual_step() {
    for setup in failing_setups() {
        let checks = run_audit(&setup);
        assert!(checks.iter().any(|c| c.status == Status::Fail));
        for check in checks.iter().filter(|c| c.status == Status::Fail) {
            assert!(check.has_remedy(), "no fix and no manual step: {check:#?}");
        }
    }
}

#[test]
fn every_fix_is_runnable_commands_and_every_aws_chatbot_names_a_chatbot_region() {
    let mut commands = 0;
    for setup in failing_setups() {
        for check in run_audit(&setup) {
            for line in check.fix.iter().flat_map(|f| f.lines()) {
                let words = shell_words::split(line)
                    .unwrap_or_else(|e| panic!("{line} does not split as a shell line: {e}"));
                assert_eq!(words[0], "aws", "{line}");
                assert!(!line.contains('…') && !line.contains("file://"), "{line}");
                assert_chatbot_regions(line);
                commands += 1;
            }
            for text in check.manual.iter().chain([&check.detail]) {
                assert_chatbot_regions(text);
            }
        }
    }
    assert!(
        commands >= 5,
        "the failing setups printed only {commands} commands"
    );
    // The setup plan prints its commands from the same builders.
    let opts = imdeck::domain::setup_plan::SetupOptions {
        set_guardrail: true,
        channel_for_unlinked_plans: None,
    };
    let plan = imdeck::domain::setup_plan::plan_setup(&demo(), &opts);
    let chatbot: Vec<&String> = plan
        .changes()
        .flat_map(|c| &c.commands)
        .filter(|c| c.contains("aws chatbot"))
        .collect();
    assert!(!chatbot.is_empty(), "the demo plan updates a channel");
    for command in chatbot {
        assert_chatbot_regions(command);
    }
}

#[test]
fn checklist_rows_never_read_the_same() {
    for setup in failing_setups().into_iter().chain([good()]) {
        let checks = run_audit(&setup);
        let mut seen = std::collections::BTreeSet::new();
        for check in &checks {
            let row = (
                check.region.clone(),
                audit::subject::row_label(check, &setup),
            );
            assert!(seen.insert(row.clone()), "two rows read {row:?}");
            assert!(!row.1.contains("arn:"), "a row names a bare ARN: {row:?}");
        }
    }
    let demo = demo();
    let labels: Vec<String> = run_audit(&demo)
        .iter()
        .filter(|c| c.id == plan_chat_channel::ID)
        .map(|c| audit::subject::row_label(c, &demo))
        .collect();
    assert!(
        labels.contains(&"channel   plan batch-jobs-plan".to_string()),
        "{labels:?}"
    );
}

/// The demo's subscription rule alone: (status, topic) per channel topic.
fn subscription_rows(snapshot: &CloudSnapshot) -> Vec<(Status, String, Option<String>)> {
    imdeck::domain::audit::chatbot_subscription::check(snapshot)
        .into_iter()
        .map(|c| (c.status, c.resource.unwrap_or_default(), c.fix))
        .collect()
}

#[test]
fn chatbot_subscription_passes_only_when_confirmed_and_says_how_to_fix_the_rest() {
    use imdeck::domain::chatbot_notification::CHATBOT_ENDPOINT;
    use imdeck::domain::snapshot::{ReadFailure, TopicSubscription};
    let mut s = good();
    let topics: Vec<String> = s.subscriptions.keys().cloned().collect();
    assert_eq!(topics.len(), 3);
    assert!(
        subscription_rows(&s)
            .iter()
            .all(|(st, _, _)| *st == Status::Pass)
    );

    let pending = TopicSubscription {
        protocol: "https".into(),
        endpoint: CHATBOT_ENDPOINT.into(),
        confirmed: false,
    };
    let email = TopicSubscription {
        protocol: "email".into(),
        endpoint: "oncall@example.com".into(),
        confirmed: true,
    };
    s.subscriptions
        .insert(topics[0].clone(), Ok(Some(vec![pending])));
    s.subscriptions
        .insert(topics[1].clone(), Ok(Some(vec![email])));
    s.subscriptions.insert(
        topics[2].clone(),
        Err(ReadFailure {
            resource: format!("sns:ListSubscriptionsByTopic {}", topics[2]),
            reason: "AuthorizationError: not authorized".into(),
        }),
    );
    let rows = subscription_rows(&s);
    let by_topic = |t: &str| rows.iter().find(|(_, r, _)| r == t).cloned();
    for failing in &topics[..2] {
        let (status, _, fix) = by_topic(failing).expect("a row per topic");
        assert_eq!(status, Status::Fail);
        let fix = fix.expect("a fix");
        assert!(
            fix.starts_with("aws chatbot update-slack-channel-configuration --region "),
            "{fix}"
        );
    }
    assert_eq!(by_topic(&topics[2]).map(|r| r.0), Some(Status::Unknown));

    // A topic that is not in the map was never read: unknown, never pass.
    s.subscriptions.remove(&topics[2]);
    assert_eq!(
        subscription_rows(&s)
            .iter()
            .find(|(_, r, _)| *r == topics[2])
            .map(|r| r.0),
        Some(Status::Unknown)
    );
    let details: Vec<String> = imdeck::domain::audit::chatbot_subscription::check(&s)
        .into_iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.manual.unwrap_or_default())
        .collect();
    assert!(details.iter().all(|m| m.contains("aws sns subscribe --region ")
        && m.contains("--protocol https --notification-endpoint https://global.sns-api.chatbot.amazonaws.com")));
}
