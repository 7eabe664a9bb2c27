//! Task 2: each chat channel a plan uses carries the topic of every Region (a union, never dropping a topic),
//! with the guardrail when asked; what needs the console becomes a manual step.

use std::collections::BTreeMap;

use super::assignment::TopicAssignment;
use super::{PlannedChange, SetupOptions, SetupStep, SetupTask, manual};
use crate::domain::audit::channel_guardrail::{
    self, RESOLVER_GUARDRAIL, guardrails_with_resolver, takes_commands,
};
use crate::domain::audit::{aws_cli, channel_enabled, channel_region_coverage, channel_role};
use crate::domain::model::ChannelConfig;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    audited_regions, channel_failures, channels, describe_channel, region_of_arn,
};

pub struct ChannelsTask {
    pub steps: Vec<SetupStep>,
    /// Per channel configuration ARN, its topics once the task is done.
    pub channel_topics: BTreeMap<String, Vec<String>>,
}

pub fn plan_channels(
    snapshot: &CloudSnapshot,
    assignment: &TopicAssignment,
    opts: &SetupOptions,
) -> ChannelsTask {
    let mut steps: Vec<SetupStep> = channel_failures(snapshot)
        .into_iter()
        .map(|(platform, failure)| {
            SetupStep::manual(
                SetupTask::Channel,
                format!("Read the {} channel configurations", platform.label()),
                None,
                manual::unreadable(&failure.resource, &failure.reason),
                &[channel_region_coverage::ID],
            )
        })
        .collect();
    let mut channel_topics = BTreeMap::new();
    let chatbot_region = aws_cli::chatbot_region(&audited_regions(snapshot));
    for channel in channels(snapshot) {
        let mut topics_after = channel.sns_topic_arns.clone();
        for topic in assignment.additions.get(&channel.arn).into_iter().flatten() {
            if !topics_after.contains(topic) {
                topics_after.push(topic.clone());
            }
        }
        let needs_guardrail = takes_commands(channel)
            && !channel
                .guardrail_policy_arns
                .iter()
                .flatten()
                .any(|g| g == RESOLVER_GUARDRAIL);
        let guardrails_after = if needs_guardrail && opts.set_guardrail {
            Some(guardrails_with_resolver(channel))
        } else {
            channel.guardrail_policy_arns.clone()
        };
        if topics_after != channel.sns_topic_arns
            || guardrails_after != channel.guardrail_policy_arns
        {
            steps.push(update_step(
                chatbot_region,
                channel,
                &topics_after,
                guardrails_after,
            ));
        }
        if needs_guardrail && !opts.set_guardrail {
            steps.push(SetupStep::manual(
                SetupTask::Channel,
                format!("Set the guardrail of {}", channel.name),
                None,
                manual::guardrail(channel),
                &[channel_guardrail::ID],
            ));
        }
        steps.extend(console_steps(channel));
        channel_topics.insert(channel.arn.clone(), topics_after);
    }
    ChannelsTask {
        steps,
        channel_topics,
    }
}

fn update_step(
    chatbot_region: &str,
    channel: &ChannelConfig,
    topics_after: &[String],
    guardrails_after: Option<Vec<String>>,
) -> SetupStep {
    let added: Vec<&str> = topics_after
        .iter()
        .filter(|t| !channel.sns_topic_arns.contains(t))
        .map(|t| region_of_arn(t))
        .collect();
    let mut what = Vec::new();
    // Only what the step changes is re-checked after it: a guardrail it leaves alone is a manual step's finding.
    let mut rechecks = vec![channel_region_coverage::ID];
    if !added.is_empty() {
        what.push(format!("add the topics of {}", added.join(", ")));
    }
    if guardrails_after != channel.guardrail_policy_arns {
        what.push("set the guardrail AWSIncidentManagerResolverAccess".to_string());
        rechecks.push(channel_guardrail::ID);
    }
    SetupStep::apply(
        SetupTask::Channel,
        format!("{}: {}", describe_channel(channel), what.join(" and ")),
        None,
        PlannedChange::update_channel(
            chatbot_region,
            channel,
            topics_after.to_vec(),
            guardrails_after,
        ),
        &rechecks,
    )
}

/// What only the console can fix: the channel's role, and a configuration an organisation policy disabled.
fn console_steps(channel: &ChannelConfig) -> Vec<SetupStep> {
    let who = describe_channel(channel);
    let role = channel.iam_role_arn.as_str();
    let mut steps = Vec::new();
    let role_problem = if role.is_empty() {
        Some(format!("{who} has no IAM role"))
    } else if role.contains(":role/aws-service-role/") {
        Some(format!("{who} uses the Chatbot service-linked role"))
    } else if channel.user_authorization_required {
        Some(format!("{who} requires user roles"))
    } else {
        None
    };
    if let Some(problem) = role_problem {
        steps.push(SetupStep::manual(
            SetupTask::Channel,
            format!("Give {} a channel role", channel.name),
            None,
            manual::channel_role(channel, &problem),
            &[channel_role::ID],
        ));
    }
    if let Some(state) = channel.state.as_deref().filter(|s| *s != "ENABLED") {
        steps.push(SetupStep::manual(
            SetupTask::Channel,
            format!("Enable {}", channel.name),
            None,
            manual::ManualStep {
                why: format!("{who} is {state}"),
                instructions: vec![
                    "Check the organisation's Chatbot policies: a DISABLED configuration is denied by one.".to_string(),
                ],
                settings: None,
            },
            &[channel_enabled::ID],
        ));
    }
    steps
}
