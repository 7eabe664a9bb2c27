//! Applies one planned change through the cloud writer, which re-reads before writing and verifies after.

use crate::cloud::{CloudError, CloudWriter};
use crate::domain::audit::{Check, Status};
use crate::domain::model::ChatChannel;
use crate::domain::setup_plan::{Change, PlannedChange, SetupStep};

/// Performs the change. The writer abandons it (`PreconditionFailed`) if what it was computed from moved.
pub async fn apply_change(writer: &CloudWriter, planned: &PlannedChange) -> Result<(), CloudError> {
    match &planned.change {
        Change::CreateTopic {
            region,
            name,
            topic_arn,
            policy_after,
        } => {
            // TopicAbsent: a topic that appeared since the plan was made is someone else's; leave it be.
            match writer.get_topic_attributes(region, topic_arn).await {
                Err(CloudError::NotFound { .. }) => {}
                Ok(_) => {
                    return Err(CloudError::Service {
                        code: "PreconditionFailed".into(),
                        message: format!("{topic_arn} was created since the plan was made"),
                    });
                }
                Err(other) => return Err(other),
            }
            let created = writer.create_topic(region, name).await?;
            let fresh = writer.get_topic_attributes(region, &created).await?;
            let current = fresh.get("Policy").map(String::as_str);
            writer
                .set_topic_policy(region, &created, current, policy_after)
                .await
        }
        Change::MergeTopicPolicy {
            region,
            topic_arn,
            policy_before,
            policy_after,
            ..
        } => {
            writer
                .set_topic_policy(region, topic_arn, policy_before.as_deref(), policy_after)
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
            writer
                .update_channel(
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
            let expected =
                (!topics_before.is_empty()).then(|| ChatChannel::ChatbotSns(topics_before.clone()));
            writer
                .update_plan_chat_channel(
                    plan_arn,
                    expected.as_ref(),
                    &ChatChannel::ChatbotSns(topics_after.clone()),
                )
                .await
        }
    }
}

/// The checks a step names that do not pass in a fresh audit: same rule, and the step's Region (Regional steps)
/// or the resource it wrote (channel and plan steps), so another resource's failure is not blamed on it.
pub fn failing_rechecks<'a>(step: &SetupStep, fresh: &'a [Check]) -> Vec<&'a Check> {
    let resource = step.change().map(|c| c.change.resource());
    fresh
        .iter()
        .filter(|c| step.rechecks.iter().any(|id| id == c.id))
        .filter(|c| match &step.region {
            Some(region) => c.region.as_ref() == Some(region),
            None => c.resource.as_deref() == resource,
        })
        .filter(|c| c.status != Status::Pass && c.status != Status::Info)
        // A step writes only this account's resources: a check about another account's topic (read by ARN,
        // perhaps unreadable) is not settled by it, so it is no re-check of the step.
        .filter(|c| {
            let account = |arn: &str| arn.split(':').nth(4).map(str::to_string);
            match (
                resource.and_then(account),
                c.resource.as_deref().and_then(account),
            ) {
                (Some(ours), Some(theirs)) => ours == theirs,
                _ => true,
            }
        })
        .collect()
}
