//! The snapshot as it will be once a plan's changes are applied: the wizard previews the checklist with it, and
//! tests prove a plan fixes what it claims to.

use std::collections::BTreeMap;

use super::{Change, SetupPlan};
use crate::domain::chatbot_notification::CHATBOT_ENDPOINT;
use crate::domain::model::{ChatChannel, Topic};
use crate::domain::snapshot::{CloudSnapshot, TopicSubscription};

impl SetupPlan {
    pub fn project(&self, snapshot: &CloudSnapshot) -> CloudSnapshot {
        let mut projected = snapshot.clone();
        for planned in self.changes() {
            apply(&mut projected, &planned.change);
        }
        projected
    }
}

fn apply(snapshot: &mut CloudSnapshot, change: &Change) {
    match change {
        Change::CreateTopic {
            region,
            topic_arn,
            policy_after,
            ..
        } => {
            let listing = snapshot
                .regions
                .iter_mut()
                .find(|r| &r.region == region)
                .and_then(|r| r.topics.as_mut().ok());
            if let Some(topics) = listing {
                let mut attributes = BTreeMap::new();
                attributes.insert("TopicArn".to_string(), topic_arn.clone());
                attributes.insert("Owner".to_string(), snapshot.account.clone());
                attributes.insert("Policy".to_string(), policy_after.clone());
                topics.push(Ok(Topic {
                    arn: topic_arn.clone(),
                    attributes,
                }));
            }
        }
        Change::MergeTopicPolicy {
            topic_arn,
            policy_after,
            ..
        } => {
            let topic = snapshot
                .regions
                .iter_mut()
                .filter_map(|r| r.topics.as_mut().ok())
                .flatten()
                .filter_map(|t| t.as_mut().ok())
                .find(|t| &t.arn == topic_arn);
            if let Some(topic) = topic {
                topic
                    .attributes
                    .insert("Policy".to_string(), policy_after.clone());
            }
        }
        Change::UpdateChannel {
            channel_arn,
            topics_after,
            guardrails_after,
            ..
        } => {
            let channel = snapshot
                .channels
                .values_mut()
                .filter_map(|c| c.as_mut().ok())
                .flatten()
                .find(|c| &c.arn == channel_arn);
            if let Some(channel) = channel {
                channel.sns_topic_arns = topics_after.clone();
                channel.guardrail_policy_arns = guardrails_after.clone();
            }
            // Saving a configuration makes Chatbot subscribe (and confirm) its endpoint on every topic it carries.
            for topic in topics_after {
                let chatbot = TopicSubscription {
                    protocol: "https".into(),
                    endpoint: CHATBOT_ENDPOINT.into(),
                    confirmed: true,
                };
                let entry = snapshot
                    .subscriptions
                    .entry(topic.clone())
                    .or_insert_with(|| Ok(Some(Vec::new())));
                match entry {
                    Ok(Some(subscriptions)) => {
                        subscriptions.retain(|s| s.endpoint != CHATBOT_ENDPOINT);
                        subscriptions.push(chatbot);
                    }
                    // Unreadable before stays unreadable: the projection never turns an unknown into a pass.
                    Err(_) => {}
                    Ok(None) => *entry = Ok(Some(vec![chatbot])),
                }
            }
        }
        Change::UpdatePlanChatChannel {
            plan_arn,
            topics_after,
            ..
        } => {
            let plan = snapshot
                .plans
                .iter_mut()
                .flatten()
                .filter_map(|p| p.as_mut().ok())
                .find(|p| &p.arn == plan_arn);
            if let Some(plan) = plan {
                plan.chat_channel = Some(ChatChannel::ChatbotSns(topics_after.clone()));
            }
        }
    }
}
