//! One write the wizard proposes: what it changes (before and after), the AWS CLI equivalent, and the value it
//! was computed from, so the applier can re-read and abandon the write if that value moved.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::audit::aws_cli;
use crate::domain::model::{ChannelConfig, ChatChannel, ChatPlatform};
use crate::domain::policy::StatementChange;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{TopicState, topic_state};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// CreateTopic, then SetTopicAttributes Policy = `policy_after` (SNS's default policy with the statement).
    CreateTopic {
        region: String,
        name: String,
        topic_arn: String,
        policy_after: String,
    },
    /// SetTopicAttributes Policy: the existing policy with the docs' statement merged in.
    MergeTopicPolicy {
        region: String,
        topic_arn: String,
        policy_before: Option<String>,
        policy_after: String,
        statement_change: StatementChange,
    },
    /// The platform's Update operation; the lists replace, so `after` is always a superset of `before`.
    UpdateChannel {
        platform: ChatPlatform,
        channel_arn: String,
        channel_name: String,
        topics_before: Vec<String>,
        topics_after: Vec<String>,
        guardrails_before: Option<Vec<String>>,
        guardrails_after: Option<Vec<String>>,
    },
    /// UpdateResponsePlan `chatChannel.chatbotSns` (it replaces): the union of what is there and what is added.
    UpdatePlanChatChannel {
        plan_arn: String,
        plan_name: String,
        topics_before: Vec<String>,
        topics_after: Vec<String>,
    },
}

/// The exact value a change was computed from. Right before writing, the applier re-reads it; if it differs the
/// write is abandoned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Precondition {
    TopicAbsent {
        topic_arn: String,
    },
    TopicPolicy {
        topic_arn: String,
        policy: Option<String>,
    },
    ChannelSettings {
        channel_arn: String,
        topics: Vec<String>,
        guardrails: Option<Vec<String>>,
    },
    PlanChatChannel {
        plan_arn: String,
        chat_channel: Option<ChatChannel>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedChange {
    pub change: Change,
    pub precondition: Precondition,
    /// The AWS CLI commands that do the same, in order.
    pub commands: Vec<String>,
}

impl PlannedChange {
    pub fn create_topic(region: &str, name: &str, topic_arn: &str, policy_after: String) -> Self {
        Self {
            commands: vec![
                aws_cli::create_topic(region, name),
                aws_cli::set_topic_policy(region, topic_arn, &policy_after),
            ],
            precondition: Precondition::TopicAbsent {
                topic_arn: topic_arn.to_string(),
            },
            change: Change::CreateTopic {
                region: region.to_string(),
                name: name.to_string(),
                topic_arn: topic_arn.to_string(),
                policy_after,
            },
        }
    }

    pub fn merge_topic_policy(
        region: &str,
        topic_arn: &str,
        policy_before: Option<&str>,
        policy_after: String,
        statement_change: StatementChange,
    ) -> Self {
        Self {
            commands: vec![aws_cli::set_topic_policy(region, topic_arn, &policy_after)],
            precondition: Precondition::TopicPolicy {
                topic_arn: topic_arn.to_string(),
                policy: policy_before.map(str::to_string),
            },
            change: Change::MergeTopicPolicy {
                region: region.to_string(),
                topic_arn: topic_arn.to_string(),
                policy_before: policy_before.map(str::to_string),
                policy_after,
                statement_change,
            },
        }
    }

    /// `chatbot_region` is where the printed command calls Chatbot ([`aws_cli::chatbot_region`]).
    pub fn update_channel(
        chatbot_region: &str,
        channel: &ChannelConfig,
        topics_after: Vec<String>,
        guardrails_after: Option<Vec<String>>,
    ) -> Self {
        Self {
            commands: vec![aws_cli::update_channel(
                chatbot_region,
                channel,
                &topics_after,
                guardrails_after.as_deref(),
            )],
            precondition: Precondition::ChannelSettings {
                channel_arn: channel.arn.clone(),
                topics: channel.sns_topic_arns.clone(),
                guardrails: channel.guardrail_policy_arns.clone(),
            },
            change: Change::UpdateChannel {
                platform: channel.platform,
                channel_arn: channel.arn.clone(),
                channel_name: channel.name.clone(),
                topics_before: channel.sns_topic_arns.clone(),
                topics_after,
                guardrails_before: channel.guardrail_policy_arns.clone(),
                guardrails_after,
            },
        }
    }

    pub fn update_plan_chat_channel(
        region: Option<&str>,
        plan: &crate::domain::model::ResponsePlan,
        topics_after: Vec<String>,
    ) -> Self {
        let topics_before = plan
            .chat_channel
            .as_ref()
            .map_or_else(Vec::new, |c| c.topics().to_vec());
        Self {
            commands: vec![aws_cli::update_plan_chat_channel(
                region,
                &plan.arn,
                &topics_after,
            )],
            precondition: Precondition::PlanChatChannel {
                plan_arn: plan.arn.clone(),
                chat_channel: plan.chat_channel.clone(),
            },
            change: Change::UpdatePlanChatChannel {
                plan_arn: plan.arn.clone(),
                plan_name: plan.name.clone(),
                topics_before,
                topics_after,
            },
        }
    }
}

impl Change {
    /// The ARN of the resource the change writes to.
    pub fn resource(&self) -> &str {
        match self {
            Change::CreateTopic { topic_arn, .. } | Change::MergeTopicPolicy { topic_arn, .. } => {
                topic_arn
            }
            Change::UpdateChannel { channel_arn, .. } => channel_arn,
            Change::UpdatePlanChatChannel { plan_arn, .. } => plan_arn,
        }
    }
}

impl Precondition {
    /// Does the value still hold in a freshly read snapshot? `Err` says what moved, for the user.
    pub fn verify_in(&self, fresh: &CloudSnapshot) -> Result<(), String> {
        match self {
            Precondition::TopicAbsent { topic_arn } => match topic_state(fresh, topic_arn) {
                TopicState::Absent => Ok(()),
                TopicState::Read(_) | TopicState::AttributesUnreadable(_) => {
                    Err(format!("{topic_arn} was created since the plan was made"))
                }
                TopicState::RegionUnreadable(f) => {
                    Err(format!("could not re-read {}: {}", f.resource, f.reason))
                }
                TopicState::RegionNotRead => {
                    Err(format!("the Region of {topic_arn} was not re-read"))
                }
            },
            Precondition::TopicPolicy { topic_arn, policy } => {
                match topic_state(fresh, topic_arn) {
                    TopicState::Read(topic) if same_policy(policy.as_deref(), topic.policy()) => {
                        Ok(())
                    }
                    TopicState::Read(_) => Err(format!(
                        "the policy of {topic_arn} changed since the plan was made"
                    )),
                    TopicState::AttributesUnreadable(f) | TopicState::RegionUnreadable(f) => {
                        Err(format!("could not re-read {}: {}", f.resource, f.reason))
                    }
                    TopicState::Absent => Err(format!("{topic_arn} no longer exists")),
                    TopicState::RegionNotRead => {
                        Err(format!("the Region of {topic_arn} was not re-read"))
                    }
                }
            }
            Precondition::ChannelSettings {
                channel_arn,
                topics,
                guardrails,
            } => {
                let channel = fresh
                    .channel_configs()
                    .find(|c| &c.arn == channel_arn)
                    .ok_or_else(|| {
                        format!("{channel_arn} could not be re-read or no longer exists")
                    })?;
                if !same_set(topics, &channel.sns_topic_arns) {
                    return Err(format!(
                        "the topics of {channel_arn} changed since the plan was made"
                    ));
                }
                let wanted = guardrails.as_deref().unwrap_or_default();
                let now = channel.guardrail_policy_arns.as_deref().unwrap_or_default();
                if guardrails.is_some() != channel.guardrail_policy_arns.is_some()
                    || !same_set(wanted, now)
                {
                    return Err(format!(
                        "the guardrails of {channel_arn} changed since the plan was made"
                    ));
                }
                Ok(())
            }
            Precondition::PlanChatChannel {
                plan_arn,
                chat_channel,
            } => {
                let plan = fresh
                    .plans
                    .iter()
                    .flatten()
                    .filter_map(|p| p.as_ref().ok())
                    .find(|p| &p.arn == plan_arn)
                    .ok_or_else(|| {
                        format!("{plan_arn} could not be re-read or no longer exists")
                    })?;
                let before = chat_channel.as_ref().map_or(&[][..], |c| c.topics());
                let now = plan.chat_channel.as_ref().map_or(&[][..], |c| c.topics());
                if same_set(before, now) {
                    Ok(())
                } else {
                    Err(format!(
                        "the chat channel of {plan_arn} changed since the plan was made"
                    ))
                }
            }
        }
    }
}

/// SNS may store a policy with different spacing than it was sent with, so policies compare as JSON values.
fn same_policy(expected: Option<&str>, current: Option<&str>) -> bool {
    let parse = |text: Option<&str>| {
        text.filter(|t| !t.trim().is_empty())
            .map(serde_json::from_str::<serde_json::Value>)
    };
    match (parse(expected), parse(current)) {
        (None, None) => true,
        (Some(Ok(a)), Some(Ok(b))) => a == b,
        _ => expected == current,
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
}
