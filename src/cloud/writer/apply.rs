//! Applies one planned setup change: re-read before writing, abandon it if what it was computed from moved.

use super::CloudWriter;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::ChatChannel;
use crate::domain::setup_plan::{Change, PlannedChange};

impl CloudWriter {
    /// Performs the change. The writer abandons it (`PreconditionFailed`) if what it was computed from moved.
    pub async fn apply_change(&self, planned: &PlannedChange) -> Result<(), CloudError> {
        match &planned.change {
            Change::CreateTopic {
                region,
                name,
                topic_arn,
                policy_after,
            } => {
                // TopicAbsent: a topic that appeared since the plan was made is someone else's; leave it be.
                match self.get_topic_attributes(region, topic_arn).await {
                    Err(CloudError::NotFound { .. }) => {}
                    Ok(_) => {
                        return Err(CloudError::Service {
                            code: "PreconditionFailed".into(),
                            message: format!("{topic_arn} was created since the plan was made"),
                        });
                    }
                    Err(other) => return Err(other),
                }
                let created = self.create_topic(region, name).await?;
                let fresh = self.get_topic_attributes(region, &created).await?;
                let current = fresh.get("Policy").map(String::as_str);
                self.set_topic_policy(region, &created, current, policy_after)
                    .await
            }
            Change::MergeTopicPolicy {
                region,
                topic_arn,
                policy_before,
                policy_after,
                ..
            } => {
                self.set_topic_policy(region, topic_arn, policy_before.as_deref(), policy_after)
                    .await
            }
            Change::UpdateChannel {
                platform,
                channel_arn,
                topics_before,
                topics_after,
                guardrails_after,
                ..
            } => {
                self.update_channel(
                    *platform,
                    channel_arn,
                    topics_before,
                    topics_after,
                    guardrails_after.as_deref(),
                )
                .await
            }
            Change::UpdatePlanChatChannel {
                plan_arn,
                topics_before,
                topics_after,
                ..
            } => {
                let expected = (!topics_before.is_empty())
                    .then(|| ChatChannel::ChatbotSns(topics_before.clone()));
                self.update_plan_chat_channel(
                    plan_arn,
                    expected.as_ref(),
                    &ChatChannel::ChatbotSns(topics_after.clone()),
                )
                .await
            }
        }
    }
}
