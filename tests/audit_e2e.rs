//! `imdeck audit` end to end through the real binary: the demo's planted problems, a fix seen, unreadable data as unknown.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/sdk.rs"]
mod sdk;

use std::path::Path;

use e2e::*;
use imdeck::sandbox::{SandboxOptions, Scenario};
use serde_json::{Value, json};

const USW2_TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:im-chat-usw2";
const SLACK: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/incident-war-room";
const TEAMS: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/microsoft-teams-channel/partner-bridge";
const CHIME: &str = "arn:aws:chatbot::111122223333:chat-configuration/chime-webhook/exec-notify";
/// The pinned AWS CLI that `tests/peers/install.sh` (run by `.ci/run` before the tests) puts in this checkout.
const AWS_CLI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/peers/awscli/bin/aws");

fn audit_json_sandbox() -> (Run, Value) {
    let run = Invocation::new(&["--sandbox", "audit", "--format", "json"]).run();
    let report = run.json();
    (run, report)
}

async fn audit_json(endpoint: &str) -> (Run, Value) {
    let run = Invocation::against(endpoint, &["audit", "--format", "json"])
        .run_async()
        .await;
    let report = run.json();
    (run, report)
}

#[test]
fn the_demo_audit_reports_every_planted_problem_and_passes_what_is_right() {
    let (run, report) = audit_json_sandbox();
    assert_eq!(
        run.code, 1,
        "a check failed, so exit 1; stderr: {}",
        run.stderr
    );
    assert_eq!(report["account"], ACCOUNT);
    assert_eq!(
        report["regions"],
        json!(["eu-west-1", "us-east-2", "us-west-2"])
    );

    // The us-west-2 topic with only the default policy, with the command that fixes it.
    let usw2 = one(&report, "sns-policy", Some("us-west-2"), Some(USW2_TOPIC));
    assert_eq!(status(usw2), "fail");
    assert!(
        usw2["detail"]
            .as_str()
            .unwrap_or("")
            .contains("no statement"),
        "{usw2}"
    );
    let fix = usw2["fix"].as_str().expect("a fix command");
    assert!(
        fix.starts_with("aws sns set-topic-attributes --region us-west-2")
            && fix.contains(USW2_TOPIC),
        "{fix}"
    );
    // eu-west-1 has no Incident Manager topic.
    assert_eq!(
        status(one(&report, "region-has-topic", Some("eu-west-1"), None)),
        "fail"
    );
    // The topic whose statement names another account.
    let partner = one(
        &report,
        "sns-policy",
        Some("us-east-2"),
        Some(&topic_arn("us-east-2", "im-chat-partner")),
    );
    assert_eq!(status(partner), "fail");
    assert!(
        partner["detail"]
            .as_str()
            .unwrap_or("")
            .contains("444455556666")
    );
    // The KMS-encrypted topic is flagged, not failed: imdeck cannot read key policies.
    let kms = one(
        &report,
        "sns-kms",
        Some("us-east-2"),
        Some(&topic_arn("us-east-2", "im-chime-exec")),
    );
    assert_eq!(status(kms), "warn");
    // The Slack channel lacks eu-west-1 and carries the other two Regions.
    for (region, expected) in [
        ("eu-west-1", "fail"),
        ("us-east-2", "pass"),
        ("us-west-2", "pass"),
    ] {
        let c = one(
            &report,
            "channel-region-coverage",
            Some(region),
            Some(SLACK),
        );
        assert_eq!(status(c), expected, "Slack coverage of {region}: {c}");
    }
    // Teams without a guardrail fails; Slack with the resolver guardrail passes.
    let teams = one(&report, "channel-guardrail", None, Some(TEAMS));
    assert_eq!(status(teams), "fail");
    assert!(
        teams["detail"]
            .as_str()
            .unwrap_or("")
            .contains("AdministratorAccess")
    );
    assert_eq!(
        status(one(&report, "channel-guardrail", None, Some(SLACK))),
        "pass"
    );
    // The plan without a channel, and the Chime note.
    let no_channel = one(
        &report,
        "plan-chat-channel",
        None,
        Some("arn:aws:ssm-incidents::111122223333:response-plan/batch-jobs-plan"),
    );
    assert_eq!(status(no_channel), "fail");
    assert_eq!(
        status(one(&report, "channel-chime", None, Some(CHIME))),
        "info"
    );
    // What is right passes: My_SNS_topic's statement, its Region's topic, the active Regions.
    let my_topic = topic_arn("us-east-2", "My_SNS_topic");
    assert_eq!(
        status(one(
            &report,
            "sns-policy",
            Some("us-east-2"),
            Some(&my_topic)
        )),
        "pass"
    );
    assert_eq!(
        status(one(
            &report,
            "region-has-topic",
            Some("us-east-2"),
            Some(&my_topic)
        )),
        "pass"
    );
    assert_eq!(
        status(one(
            &report,
            "region-has-topic",
            Some("us-west-2"),
            Some(USW2_TOPIC)
        )),
        "pass"
    );
    for region in ["eu-west-1", "us-east-2", "us-west-2"] {
        let active: Vec<&Value> = checks(&report)
            .iter()
            .filter(|c| c["id"] == "replication-set-region-active" && c["region"] == region)
            .collect();
        assert!(!active.is_empty(), "{region} has an active check");
        assert!(active.iter().all(|c| status(c) == "pass"), "{region}");
    }
    // Another account's topics named by shared-topics-plan: the readable one is checked like any other, the
    // locked one is unknown naming its owner, and the plan says neither "does not exist".
    let shared = "arn:aws:sns:us-east-2:444455556666:org-shared-im";
    let locked = "arn:aws:sns:us-west-2:444455556666:org-locked-im";
    assert_eq!(
        status(one(&report, "sns-policy", Some("us-east-2"), Some(shared))),
        "pass"
    );
    let locked_policy = one(&report, "sns-policy", Some("us-west-2"), Some(locked));
    assert_eq!(status(locked_policy), "unknown");
    assert!(
        locked_policy["detail"]
            .as_str()
            .is_some_and(|d| d.contains("AuthorizationError") && d.contains("account 444455556666")),
        "{locked_policy}"
    );
    // The only unknowns in the demo are the locked topic's, and the summary counts what is listed.
    let count = |s: &str| checks(&report).iter().filter(|c| status(c) == s).count();
    let unknown: Vec<&Value> = checks(&report)
        .iter()
        .filter(|c| status(c) == "unknown")
        .collect();
    assert!(
        unknown
            .iter()
            .all(|c| c["resource"] == locked
                && c["detail"].as_str().is_some_and(|d| d.contains(locked))),
        "{unknown:?}"
    );
    assert_eq!(count("unknown"), 2, "{unknown:?}");
    for s in ["pass", "fail", "warn", "info", "unknown"] {
        assert_eq!(report["summary"][s], json!(count(s)), "summary of {s}");
    }
}

#[test]
fn text_and_markdown_reports_carry_the_same_verdicts_and_exit_status() {
    let text = Invocation::new(&["--sandbox", "audit", "--format", "text"]).run();
    assert_eq!(text.code, 1, "{}", text.stderr);
    assert!(text.stdout.contains("✗ fail"), "{}", text.stdout);
    assert!(text.stdout.contains(USW2_TOPIC));
    let markdown = Invocation::new(&["--sandbox", "audit", "--format", "markdown"]).run();
    assert_eq!(markdown.code, 1, "{}", markdown.stderr);
    assert!(
        markdown
            .stdout
            .starts_with("# imdeck audit — account 111122223333")
    );
    assert!(markdown.stdout.contains("## Fixes"));
    let bad = Invocation::new(&["--sandbox", "audit", "--format", "yaml"]).run();
    assert_eq!(bad.code, 2, "usage error: {}", bad.stderr);
}

/// Adds the docs' statement to the us-west-2 topic with the SDK, as an operator would by hand.
async fn fix_usw2_with_the_sdk(sandbox: &imdeck::sandbox::Sandbox) {
    let sns = sdk::sns(sandbox, "us-west-2").await;
    let attrs = sns
        .get_topic_attributes()
        .topic_arn(USW2_TOPIC)
        .send()
        .await
        .expect("read the policy");
    let mut policy: Value = serde_json::from_str(
        attrs
            .attributes()
            .and_then(|a| a.get("Policy"))
            .expect("a policy"),
    )
    .expect("policy JSON");
    policy["Statement"]
        .as_array_mut()
        .expect("statements")
        .push(json!({
            "Sid": "IncidentManagerSNSPublishingPermissions",
            "Effect": "Allow",
            "Principal": {"Service": "ssm-incidents.amazonaws.com"},
            "Action": "SNS:Publish",
            "Resource": USW2_TOPIC,
            "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}}
        }));
    sns.set_topic_attributes()
        .topic_arn(USW2_TOPIC)
        .attribute_name("Policy")
        .attribute_value(policy.to_string())
        .send()
        .await
        .expect("write the policy");
}

/// Everything but the us-west-2 policy row stays as it was.
fn assert_only_usw2_changed(before: &Value, after: &Value) {
    let row = |r: &Value| {
        checks(r)
            .iter()
            .map(|c| (key_of(c), status(c).to_string()))
            .collect::<Vec<_>>()
    };
    let usw2 = (
        "sns-policy".to_string(),
        "us-west-2".to_string(),
        USW2_TOPIC.to_string(),
    );
    let before: Vec<_> = row(before)
        .into_iter()
        .filter(|(k, _)| *k != usw2)
        .collect();
    let after: Vec<_> = row(after).into_iter().filter(|(k, _)| *k != usw2).collect();
    assert_eq!(before, after);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_us_west_2_policy_is_fixed_with_the_sdk_that_row_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let (run, before) = audit_json(&sandbox.endpoint_url()).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        status(one(
            &before,
            "sns-policy",
            Some("us-west-2"),
            Some(USW2_TOPIC)
        )),
        "fail"
    );
    let audit_requests = log_lines(&log).len();
    assert!(audit_requests > 0, "the audit went through the sandbox");

    fix_usw2_with_the_sdk(&sandbox).await;
    let fixed_at = log_lines(&log).len();

    let (run, after) = audit_json(&sandbox.endpoint_url()).await;
    assert_eq!(run.code, 1, "other checks still fail: {}", run.stderr);
    let row = one(&after, "sns-policy", Some("us-west-2"), Some(USW2_TOPIC));
    assert_eq!(status(row), "pass", "{row}");
    assert!(
        row.get("fix").is_none(),
        "a passing row offers no fix: {row}"
    );
    assert_only_usw2_changed(&before, &after);

    // The only write in the whole log is the SDK's fix; both audits only read.
    let lines = log_lines(&log);
    assert!(mutating_ops(&lines[..audit_requests]).is_empty());
    assert_eq!(
        mutating_ops(&lines[audit_requests..fixed_at]),
        vec!["SetTopicAttributes"]
    );
    assert!(mutating_ops(&lines[fixed_at..]).is_empty());
    assert!(lines.len() > fixed_at, "the second audit was logged");
}

/// The Done-when of the audit issue says "with the AWS CLI": a missing CLI fails the test, it never skips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_us_west_2_policy_is_fixed_with_the_aws_cli_that_row_passes() {
    assert!(
        Path::new(AWS_CLI).exists(),
        "{AWS_CLI} is missing: run `bash tests/peers/install.sh` (`.ci/run` does it first)"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (_, before) = audit_json(&endpoint).await;
    // The fix command the audit itself offers, run through the real AWS CLI.
    let fix = one(&before, "sns-policy", Some("us-west-2"), Some(USW2_TOPIC))["fix"]
        .as_str()
        .expect("fix")
        .to_string();
    run_fix_with_the_aws_cli(&fix, &endpoint).await;
    let (_, after) = audit_json(&endpoint).await;
    assert_eq!(
        status(one(
            &after,
            "sns-policy",
            Some("us-west-2"),
            Some(USW2_TOPIC)
        )),
        "pass"
    );
    assert_only_usw2_changed(&before, &after);
    assert_eq!(mutating_ops(&log_lines(&log)), vec!["SetTopicAttributes"]);
}

/// One Region, one topic with the docs' statement, one Slack channel carrying it, one plan linked to it.
fn clean_scenario() -> Value {
    let topic = topic_arn("us-east-2", "im-chat");
    json!({
        "account": ACCOUNT,
        "replicationSet": {
            "arn": "arn:aws:ssm-incidents::111122223333:replication-set/clean",
            "createdBy": "admin", "createdTime": 1673363051,
            "lastModifiedBy": "admin", "lastModifiedTime": 1673363051,
            "deletionProtected": false, "status": "ACTIVE",
            "regionMap": {"us-east-2": {"status": "ACTIVE", "statusUpdateDateTime": 1673363051}}
        },
        "responsePlans": [{
            "arn": "arn:aws:ssm-incidents::111122223333:response-plan/clean-plan",
            "name": "clean-plan",
            "incidentTemplate": {"title": "Clean", "impact": 3},
            "chatChannel": {"chatbotSns": [topic]},
            "engagements": ["arn:aws:ssm-contacts:us-east-2:111122223333:contact/oncall"]
        }],
        "topics": [{
            "region": "us-east-2",
            "name": "im-chat",
            "extraStatements": [{
                "Sid": "IncidentManagerSNSPublishingPermissions",
                "Effect": "Allow",
                "Principal": {"Service": "ssm-incidents.amazonaws.com"},
                "Action": "SNS:Publish",
                "Resource": topic,
                "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}}
            }]
        }],
        "chatbot": {
            "slackChannelConfigurations": [{
                "SlackTeamName": "example", "SlackTeamId": "T0", "SlackChannelId": "C0",
                "SlackChannelName": "incidents",
                "ChatConfigurationArn": "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/clean",
                "IamRoleArn": "arn:aws:iam::111122223333:role/ChatRole",
                "SnsTopicArns": [topic],
                "ConfigurationName": "clean",
                "GuardrailPolicyArns": ["arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"],
                "UserAuthorizationRequired": false,
                "State": "ENABLED"
            }]
        }
    })
}

fn scenario_file(dir: &Path, scenario: &Value) -> Scenario {
    let path = dir.join("scenario.json");
    std::fs::write(&path, scenario.to_string()).expect("write scenario");
    Scenario::File(path)
}

/// The read operations of an audit, each refused in turn.
const AUDIT_READS: [&str; 10] = [
    "ListReplicationSets",
    "GetReplicationSet",
    "ListTopics",
    "GetTopicAttributes",
    "ListSubscriptionsByTopic",
    "DescribeSlackChannelConfigurations",
    "ListMicrosoftTeamsChannelConfigurations",
    "DescribeChimeWebhookConfigurations",
    "ListResponsePlans",
    "GetResponsePlan",
];

enum Refusal {
    Deny,
    Throttle,
}

async fn audit_with(
    scenario: Scenario,
    operation: Option<&str>,
    refusal: Refusal,
) -> (Run, Value, Vec<Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut opts = SandboxOptions::loopback_ephemeral(scenario);
    if let Some(op) = operation {
        match refusal {
            Refusal::Deny => opts.deny_operations = vec![op.to_string()],
            Refusal::Throttle => opts.throttle_operations = vec![op.to_string()],
        }
    }
    let (sandbox, log) = logged_sandbox(opts, dir.path()).await;
    let (run, report) = audit_json(&sandbox.endpoint_url()).await;
    sandbox.shutdown().await;
    let lines = log_lines(&log);
    (run, report, lines)
}

/// Every check of `refused` is either unknown or exactly as in `clean`; a pass is never new.
fn assert_unknown_or_unchanged(clean: &Value, refused: &Value, what: &str) {
    let clean_rows: Vec<_> = checks(clean)
        .iter()
        .map(|c| (key_of(c), status(c).to_string()))
        .collect();
    for check in checks(refused) {
        if status(check) == "unknown" {
            assert!(
                check["detail"].as_str().is_some_and(|d| !d.is_empty()),
                "{what}: an unknown check says why: {check}"
            );
            continue;
        }
        let row = (key_of(check), status(check).to_string());
        assert!(
            clean_rows.contains(&row),
            "{what}: {check} is neither unknown nor what the unrefused audit says"
        );
    }
    // A finding may turn unknown, but not vanish with nothing of its rule standing in for it.
    let refused_rows: Vec<_> = checks(refused)
        .iter()
        .map(|c| (key_of(c), status(c).to_string()))
        .collect();
    for row in &clean_rows {
        let stood_in = checks(refused)
            .iter()
            .any(|c| c["id"] == row.0.0.as_str() && status(c) == "unknown");
        assert!(
            refused_rows.contains(row) || stood_in,
            "{what}: {row:?} vanished without an unknown {} check",
            row.0.0
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_or_throttled_read_makes_its_checks_unknown_never_pass() {
    let (run, clean, lines) = audit_with(Scenario::Demo, None, Refusal::Deny).await;
    assert_eq!(run.code, 1);
    assert!(mutating_ops(&lines).is_empty());
    for op in AUDIT_READS {
        for refusal in [Refusal::Deny, Refusal::Throttle] {
            let label = match refusal {
                Refusal::Deny => format!("deny {op}"),
                Refusal::Throttle => format!("throttle {op}"),
            };
            let (run, report, lines) = audit_with(Scenario::Demo, Some(op), refusal).await;
            assert!(
                run.stderr.is_empty() || !run.stderr.contains("panicked"),
                "{label}: {}",
                run.stderr
            );
            assert!(
                lines
                    .iter()
                    .any(|l| l["operation"] == op && l["status"] != 200),
                "{label}: the sandbox refused {op}"
            );
            assert!(
                mutating_ops(&lines).is_empty(),
                "{label}: the audit only reads"
            );
            let unknown = checks(&report)
                .iter()
                .filter(|c| status(c) == "unknown")
                .count();
            assert!(
                unknown > 0,
                "{label}: some check could not run:\n{report:#}"
            );
            assert_unknown_or_unchanged(&clean, &report, &label);
            // Fails that do not depend on the refused read still fail, so the exit stays 1.
            assert!(matches!(run.code, 1 | 3), "{label}: exit {}", run.code);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_account_exits_0_and_3_when_a_check_could_not_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scenario = scenario_file(dir.path(), &clean_scenario());
    let (run, clean, _) = audit_with(scenario.clone(), None, Refusal::Deny).await;
    assert_eq!(
        run.code, 0,
        "the clean scenario passes: {clean:#}\n{}",
        run.stderr
    );
    assert!(
        checks(&clean)
            .iter()
            .all(|c| matches!(status(c), "pass" | "info"))
    );
    for op in AUDIT_READS {
        for refusal in [Refusal::Deny, Refusal::Throttle] {
            let label = match refusal {
                Refusal::Deny => format!("deny {op}"),
                Refusal::Throttle => format!("throttle {op}"),
            };
            let (run, report, lines) = audit_with(scenario.clone(), Some(op), refusal).await;
            assert!(
                lines.iter().any(|l| l["operation"] == op),
                "{label}: the audit of the clean account calls {op}"
            );
            assert!(mutating_ops(&lines).is_empty(), "{label}");
            assert_unknown_or_unchanged(&clean, &report, &label);
            assert_eq!(
                run.code, 3,
                "{label}: a check could not run and none failed:\n{report:#}"
            );
            assert_eq!(report["summary"]["fail"], 0, "{label}");
        }
    }
}

#[test]
fn every_failure_of_the_demo_audit_carries_a_fix_or_a_manual_step_and_chatbot_commands_name_a_region()
 {
    let (_, report) = audit_json_sandbox();
    let failing: Vec<&Value> = checks(&report)
        .iter()
        .filter(|c| status(c) == "fail")
        .collect();
    assert!(failing.len() > 5, "{report:#}");
    for check in &failing {
        assert!(
            check["fix"].is_string() || check["manual"].is_string(),
            "a failure with no remedy: {check}"
        );
    }
    let chatbot_regions = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"];
    let mut chatbot_commands = 0;
    for check in checks(&report) {
        for text in [&check["fix"], &check["manual"]]
            .into_iter()
            .filter_map(Value::as_str)
        {
            for (at, _) in text.match_indices("aws chatbot ") {
                let rest = &text[at..];
                let end = rest.find([')', '\n', '`']).unwrap_or(rest.len());
                let words: Vec<&str> = rest[..end].split_whitespace().collect();
                let region = words.windows(2).find(|w| w[0] == "--region").map(|w| w[1]);
                assert!(
                    region.is_some_and(|r| chatbot_regions.contains(&r)),
                    "no Chatbot Region in {}",
                    &rest[..end]
                );
                chatbot_commands += 1;
            }
        }
    }
    assert!(
        chatbot_commands >= 2,
        "the Teams guardrail fix reads and updates"
    );
    // No invented settings object: what a failure shows as missing is a real statement or a real list.
    let no_channel = one(
        &report,
        "plan-chat-channel",
        None,
        Some("arn:aws:ssm-incidents::111122223333:response-plan/batch-jobs-plan"),
    );
    assert!(no_channel.get("missing").is_none(), "{no_channel}");
    assert!(
        no_channel["manual"]
            .as_str()
            .is_some_and(|m| m.contains("console"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_encrypted_with_the_aws_managed_key_fails_and_asks_for_a_customer_managed_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut scenario = clean_scenario();
    scenario["topics"][0]["kmsMasterKeyId"] = json!("alias/aws/sns");
    let (run, report, _) =
        audit_with(scenario_file(dir.path(), &scenario), None, Refusal::Deny).await;
    assert_eq!(run.code, 1, "a failure: {report:#}\n{}", run.stderr);
    let kms = one(
        &report,
        "sns-kms",
        Some("us-east-2"),
        Some(&topic_arn("us-east-2", "im-chat")),
    );
    assert_eq!(status(kms), "fail", "{kms}");
    assert!(
        kms["detail"]
            .as_str()
            .is_some_and(|d| d.contains("use a customer managed key"))
    );
    assert_eq!(
        kms["missing"]["Principal"],
        json!({"Service": "ssm-incidents.amazonaws.com"}),
        "{kms}"
    );
    // With a customer managed key it is a warning: imdeck cannot read the key policy.
    scenario["topics"][0]["kmsMasterKeyId"] = json!("alias/im-chat");
    let (run, report, _) =
        audit_with(scenario_file(dir.path(), &scenario), None, Refusal::Deny).await;
    assert_eq!(run.code, 0, "{report:#}");
    let kms = one(
        &report,
        "sns-kms",
        Some("us-east-2"),
        Some(&topic_arn("us-east-2", "im-chat")),
    );
    assert_eq!(status(kms), "warn");
}

/// Issue 13: the Chime channel's topic lost Chatbot's subscription; the audit says so with the re-save command
/// (with --region), the other channel topics pass, and after the AWS CLI runs that command the row passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_topic_without_chatbots_subscription_fails_until_the_channel_is_re_saved() {
    const EXEC_TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:im-chime-exec";
    assert!(
        Path::new(AWS_CLI).exists(),
        "{AWS_CLI} is missing: run `bash tests/peers/install.sh`"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (_, before) = audit_json(&endpoint).await;
    let row = one(
        &before,
        "chatbot-subscription",
        Some("us-east-2"),
        Some(EXEC_TOPIC),
    );
    assert_eq!(status(row), "fail", "{row}");
    for (region, topic) in [
        (
            "us-east-2",
            "arn:aws:sns:us-east-2:111122223333:My_SNS_topic",
        ),
        ("us-west-2", USW2_TOPIC),
        (
            "us-east-2",
            "arn:aws:sns:us-east-2:111122223333:im-chat-partner",
        ),
    ] {
        assert_eq!(
            status(one(
                &before,
                "chatbot-subscription",
                Some(region),
                Some(topic)
            )),
            "pass"
        );
    }
    assert!(
        log_lines(&log)
            .iter()
            .any(|l| l["operation"] == "ListSubscriptionsByTopic" && l["region"] == "us-west-2"),
        "each topic's subscriptions are read in its own Region"
    );
    let fix = row["fix"].as_str().expect("fix").to_string();
    // Re-saving the configuration with its own topics: the Region is one where Chatbot's API answers.
    assert!(
        fix.starts_with("aws chatbot update-chime-webhook-configuration --region eu-west-1 ")
            && fix.contains(&format!(
                "--chat-configuration-arn {CHIME} --sns-topic-arns {EXEC_TOPIC}"
            )),
        "{fix}"
    );
    run_fix_with_the_aws_cli(&fix, &endpoint).await;
    let (_, after) = audit_json(&endpoint).await;
    assert_eq!(
        status(one(
            &after,
            "chatbot-subscription",
            Some("us-east-2"),
            Some(EXEC_TOPIC)
        )),
        "pass"
    );
}

/// Runs a fix the audit printed (`aws …`) with the pinned AWS CLI against `endpoint`, from an empty home, and
/// fails the test when the CLI does.
async fn run_fix_with_the_aws_cli(fix: &str, endpoint: &str) {
    let mut words = shell_words::split(fix).expect("the fix is a shell command");
    assert_eq!(words.remove(0), "aws");
    let home = tempfile::tempdir().expect("home");
    let out = tokio::task::spawn_blocking({
        let endpoint = endpoint.to_string();
        let home = home.path().to_path_buf();
        move || {
            std::process::Command::new(AWS_CLI)
                .args(&words)
                .args(["--endpoint-url", &endpoint])
                .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
                .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
                .env("AWS_CONFIG_FILE", home.join("none"))
                .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
                .env("HOME", &home)
                .output()
                .expect("aws runs")
        }
    })
    .await
    .expect("task");
    assert!(
        out.status.success(),
        "aws: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
