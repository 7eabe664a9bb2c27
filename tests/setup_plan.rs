//! The setup wizard's change set on the demo-like snapshot: the expected steps, nothing lost, preconditions that
//! notice drift, and a projection in which every API-fixable check passes.

#[path = "audit_support/snapshots.rs"]
mod snapshots;

use imdeck::domain::audit::{Status, run_audit};
use imdeck::domain::model::ChatPlatform;
use imdeck::domain::policy::{
    INCIDENT_MANAGER_SID, StatementChange, evaluate_incident_manager_publish,
};
use imdeck::domain::setup_plan::{
    Change, SetupOptions, SetupPlan, SetupTask, StepAction, plan_setup,
};
use serde_json::Value;
use snapshots::*;

/// (task, kind, subject) per step: `kind` is the change kind or "manual".
fn outline(plan: &SetupPlan) -> Vec<(u8, String, String)> {
    plan.steps
        .iter()
        .map(|step| {
            let (kind, subject) = match &step.action {
                StepAction::Change(planned) => match &planned.change {
                    Change::CreateTopic { topic_arn, .. } => ("create-topic", topic_arn.clone()),
                    Change::MergeTopicPolicy { topic_arn, .. } => {
                        ("merge-topic-policy", topic_arn.clone())
                    }
                    Change::UpdateChannel { channel_arn, .. } => {
                        ("update-channel", channel_arn.clone())
                    }
                    Change::UpdatePlanChatChannel { plan_name, .. } => {
                        ("update-plan", plan_name.clone())
                    }
                },
                StepAction::Manual(_) => ("manual", step.title.clone()),
            };
            (step.task.number(), kind.to_string(), subject)
        })
        .collect()
}

fn new_topic(region: &str, name: &str) -> String {
    topic_arn(region, name)
}

#[test]
fn demo_plan_has_the_expected_steps_in_task_order() {
    let plan = plan_setup(&demo(), &SetupOptions::default());
    let s = |t: &str| t.to_string();
    assert_eq!(
        outline(&plan),
        vec![
            (1, s("merge-topic-policy"), partner_topic()),
            (1, s("merge-topic-policy"), usw2_topic()),
            // Teams and Chime get topics of their own in the Regions they lack, never Slack's.
            (
                1,
                s("create-topic"),
                new_topic("us-west-2", "im-chat-us-west-2")
            ),
            (
                1,
                s("create-topic"),
                new_topic("us-west-2", "im-chat-exec-notify-us-west-2")
            ),
            (
                1,
                s("create-topic"),
                new_topic("eu-west-1", "im-chat-eu-west-1")
            ),
            (
                1,
                s("create-topic"),
                new_topic("eu-west-1", "im-chat-partner-bridge-eu-west-1")
            ),
            (
                1,
                s("create-topic"),
                new_topic("eu-west-1", "im-chat-exec-notify-eu-west-1")
            ),
            (
                1,
                s("manual"),
                s("Check the KMS key policy of im-chime-exec")
            ),
            (2, s("update-channel"), slack_arn()),
            (2, s("update-channel"), teams_arn()),
            (2, s("update-channel"), chime_arn()),
            (2, s("manual"), s("Set the guardrail of partner-bridge")),
            (3, s("update-plan"), s("MyResponsePlanChat")),
            (3, s("update-plan"), s("exec-notify-plan")),
            (3, s("update-plan"), s("partner-api-plan")),
            (3, s("update-plan"), s("test-response-plan-chat")),
            (
                3,
                s("manual"),
                s("Give response plan batch-jobs-plan a chat channel")
            ),
        ]
    );
    // Tasks never go backwards.
    let tasks: Vec<SetupTask> = plan.steps.iter().map(|s| s.task).collect();
    assert!(tasks.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn topic_changes_merge_without_losing_anything() {
    let plan = plan_setup(&demo(), &SetupOptions::default());
    let mut merges = 0;
    for planned in plan.changes() {
        let (arn, before, after) = match &planned.change {
            Change::MergeTopicPolicy {
                topic_arn,
                policy_before,
                policy_after,
                ..
            } => (
                topic_arn,
                policy_before.clone().unwrap_or_default(),
                policy_after,
            ),
            Change::CreateTopic {
                topic_arn,
                policy_after,
                ..
            } => {
                assert!(
                    evaluate_incident_manager_publish(policy_after, topic_arn, ACCOUNT)
                        .is_allowed_as_documented()
                );
                continue;
            }
            _ => continue,
        };
        merges += 1;
        let before: Value = serde_json::from_str(&before).expect("before");
        let after: Value = serde_json::from_str(after).expect("after");
        assert_eq!(before["Version"], after["Version"]);
        assert_eq!(before["Id"], after["Id"]);
        let kept = |v: &Value| -> Vec<Value> {
            v["Statement"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| s["Sid"] != INCIDENT_MANAGER_SID)
                .cloned()
                .collect()
        };
        assert_eq!(
            kept(&before),
            kept(&after),
            "{arn}: every other statement unchanged and in order"
        );
        assert!(
            evaluate_incident_manager_publish(&after.to_string(), arn, ACCOUNT)
                .is_allowed_as_documented()
        );
        // The command sets exactly the merged policy.
        let words = shell_words::split(&planned.commands[0]).expect("words");
        let sent: Value = serde_json::from_str(words.last().expect("value")).expect("json");
        assert_eq!(sent, after);
    }
    assert_eq!(merges, 2);
    // The scoped statement is replaced, and the change says so (the UI shows it first).
    let partner = plan
        .changes()
        .find_map(|p| match &p.change {
            Change::MergeTopicPolicy {
                topic_arn,
                statement_change,
                ..
            } if *topic_arn == partner_topic() => Some(statement_change.clone()),
            _ => None,
        })
        .expect("partner merge");
    match partner {
        StatementChange::Replaced { previous } => {
            assert_eq!(
                previous["Condition"]["StringEqualsIfExists"]["AWS:SourceAccount"],
                OTHER_ACCOUNT
            )
        }
        other => panic!("expected a replacement, got {other:?}"),
    }
}

#[test]
fn list_updates_send_the_union_and_no_channel_shares_a_topic() {
    let snapshot = demo();
    let plan = plan_setup(&snapshot, &SetupOptions::default());
    for planned in plan.changes() {
        match &planned.change {
            Change::UpdateChannel {
                topics_before,
                topics_after,
                guardrails_before,
                guardrails_after,
                ..
            } => {
                assert!(topics_before.iter().all(|t| topics_after.contains(t)));
                assert!(topics_after.len() > topics_before.len());
                assert_eq!(guardrails_before, guardrails_after);
                for topic in topics_after {
                    assert!(planned.commands[0].contains(topic.as_str()));
                }
            }
            Change::UpdatePlanChatChannel {
                topics_before,
                topics_after,
                ..
            } => {
                assert!(topics_before.iter().all(|t| topics_after.contains(t)));
                assert!(topics_after.len() <= 5);
                assert!(planned.commands[0].starts_with(
                    "aws ssm-incidents update-response-plan --region us-east-2 --arn"
                ));
            }
            _ => {}
        }
    }
    // After the plan, every channel covers every Region and no topic is carried by two channels.
    let after = plan.project(&snapshot);
    let mut seen = std::collections::BTreeSet::new();
    for channel in after.channel_configs() {
        for topic in &channel.sns_topic_arns {
            assert!(
                seen.insert(topic.clone()),
                "{topic} is carried by two channels"
            );
        }
    }
    let create = plan
        .changes()
        .find(|p| matches!(p.change, Change::CreateTopic { .. }))
        .expect("create");
    assert_eq!(
        create.commands[0],
        "aws sns create-topic --region us-west-2 --name im-chat-us-west-2"
    );
    assert!(create.commands[1].starts_with(
        "aws sns set-topic-attributes --region us-west-2 --topic-arn arn:aws:sns:us-west-2:111122223333:im-chat-us-west-2"
    ));
}

#[test]
fn applying_the_plan_leaves_only_manual_findings_and_replanning_finds_nothing() {
    let snapshot = demo();
    let plan = plan_setup(&snapshot, &SetupOptions::default());
    let after = plan.project(&snapshot);
    let findings: Vec<(&str, Status, Option<String>)> = run_audit(&after)
        .into_iter()
        .filter(|c| c.status != Status::Pass && c.id != "plan-engagements-review")
        .map(|c| (c.id, c.status, c.resource))
        .collect();
    let no_channel_plan = plan_arn("batch-jobs-plan");
    assert_eq!(
        findings,
        vec![
            ("sns-kms", Status::Warn, Some(exec_topic())),
            ("channel-guardrail", Status::Fail, Some(teams_arn())),
            ("channel-chime", Status::Info, Some(chime_arn())),
            ("plan-chat-channel", Status::Fail, Some(no_channel_plan)),
        ],
        "every remaining finding is one of the plan's manual steps"
    );
    let again = plan_setup(&after, &SetupOptions::default());
    assert_eq!(again.changes().count(), 0, "{}", again.render_text());
    assert_eq!(again.manual_steps().count(), plan.manual_steps().count());
}

#[test]
fn guardrail_and_unlinked_plan_options() {
    let snapshot = demo();
    let opts = SetupOptions {
        set_guardrail: true,
        channel_for_unlinked_plans: Some(slack_arn()),
    };
    let plan = plan_setup(&snapshot, &opts);
    let teams = plan
        .changes()
        .find_map(|p| match &p.change {
            Change::UpdateChannel {
                channel_arn,
                topics_before,
                topics_after,
                guardrails_after,
                ..
            } if *channel_arn == teams_arn() => Some((
                topics_before.clone(),
                topics_after.clone(),
                guardrails_after.clone(),
                p.commands[0].clone(),
            )),
            _ => None,
        })
        .expect("teams update");
    assert!(
        teams.0.iter().all(|t| teams.1.contains(t)),
        "never drops a topic"
    );
    assert_eq!(teams.2, Some(vec![RESOLVER.to_string()]));
    assert!(teams.3.contains(
        "--guardrail-policy-arns arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"
    ));
    let after = plan.project(&snapshot);
    let failing: Vec<_> = run_audit(&after)
        .into_iter()
        .filter(|c| c.status == Status::Fail)
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert!(plan.manual_steps().all(|(s, _)| s.title.contains("KMS")));
}

#[test]
fn preconditions_hold_until_something_changes() {
    let snapshot = demo();
    let plan = plan_setup(&snapshot, &SetupOptions::default());
    for planned in plan.changes() {
        assert_eq!(
            planned.precondition.verify_in(&snapshot),
            Ok(()),
            "{:?}",
            planned.precondition
        );
    }
    // SNS returning the same policy with other spacing is not a change.
    let mut respaced = snapshot.clone();
    for region in &mut respaced.regions {
        for topic in region.topics.iter_mut().flatten().flatten() {
            if let Some(policy) = topic.attributes.get("Policy") {
                let pretty = serde_json::to_string_pretty(
                    &serde_json::from_str::<Value>(policy).expect("json"),
                )
                .expect("pretty");
                topic.attributes.insert("Policy".into(), pretty);
            }
        }
    }
    assert!(
        plan.changes()
            .all(|p| p.precondition.verify_in(&respaced).is_ok())
    );
    // Someone edits the us-west-2 policy, creates the eu-west-1 topic and edits the Slack channel with the CLI.
    let mut drifted = snapshot.clone();
    for topic in drifted
        .regions
        .iter_mut()
        .flat_map(|r| r.topics.iter_mut().flatten().flatten())
    {
        if topic.arn == usw2_topic() {
            topic.attributes.insert("Policy".into(), policy_with(&usw2_topic(), vec![serde_json::json!({"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "sns:Subscribe", "Resource": "*"})]));
        }
    }
    drifted.regions[2] = region(
        "eu-west-1",
        vec![default_topic("eu-west-1", "im-chat-eu-west-1")],
    );
    if let Some(Ok(slack)) = drifted.channels.get_mut(&ChatPlatform::Slack) {
        slack[0].sns_topic_arns.pop();
    }
    let refused: Vec<String> = plan
        .changes()
        .filter_map(|p| p.precondition.verify_in(&drifted).err())
        .collect();
    assert_eq!(refused.len(), 3, "{refused:#?}");
    assert!(refused[0].contains("im-chat-usw2") && refused[0].contains("changed"));
    assert!(refused[1].contains("was created since the plan was made"));
    assert!(refused[2].contains("topics of") && refused[2].contains("incident-war-room"));
}

#[test]
fn unreadable_parts_become_manual_steps_not_writes() {
    let mut snapshot = demo();
    snapshot.regions[1].topics = Err(failure("sns:ListTopics us-west-2"));
    snapshot.channels.insert(
        ChatPlatform::Slack,
        Err(failure("chatbot:DescribeSlackChannelConfigurations")),
    );
    let plan = plan_setup(&snapshot, &SetupOptions::default());
    assert!(!plan.changes().any(|p| match &p.change {
        Change::MergeTopicPolicy { region, .. } | Change::CreateTopic { region, .. } =>
            region == "us-west-2",
        Change::UpdateChannel { channel_arn, .. } => *channel_arn == slack_arn(),
        _ => false,
    }));
    let titles: Vec<&str> = plan.manual_steps().map(|(s, _)| s.title.as_str()).collect();
    assert!(
        titles.contains(&"Read the SNS topics of us-west-2"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Read the Slack channel configurations"),
        "{titles:?}"
    );
}

#[test]
fn plan_renders_and_round_trips_through_json() {
    let plan = plan_setup(&demo(), &SetupOptions::default());
    let text = plan.render_text();
    assert!(text.starts_with("imdeck setup plan · account 111122223333 · Regions us-east-2, us-west-2, eu-west-1\n17 steps: 14 changes imdeck can make, 3 manual"), "{text}");
    assert!(text.contains("1. Task 1 (SNS topics and their access policies) · us-east-2: Replace the wrong Incident Manager statement in im-chat-partner's policy"));
    assert!(
        text.contains("-           \"AWS:SourceAccount\": \"444455556666\""),
        "{text}"
    );
    assert!(text.contains("+           \"AWS:SourceAccount\": \"111122223333\""));
    assert!(text.contains(&format!(
        "   + {}",
        topic_arn("eu-west-1", "im-chat-eu-west-1")
    )));
    assert!(text.contains("\"Incident Manager permissions\""));
    let json = serde_json::to_string(&plan).expect("json");
    let back: SetupPlan = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, plan);
}

#[test]
fn a_correct_setup_needs_no_changes() {
    let plan = plan_setup(&good(), &SetupOptions::default());
    assert_eq!(plan.steps.len(), 0, "{}", plan.render_text());
}
