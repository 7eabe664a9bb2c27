//! Updating a Chatbot channel configuration's topics (and guardrail) with the re-read/verify discipline.
//!
//! Each Update operation replaces the settings it is sent, so everything not being changed (role, logging
//! level, channel id/name, user-authorization flag, guardrails unless asked) is sent back exactly as re-read.

use std::collections::BTreeSet;

use super::{CloudWriter, precondition_failed, verification_failed};
use crate::cloud::CloudError;
use crate::cloud::convert::chatbot as from_chatbot;
use crate::cloud::errors_map::from_sdk;
use crate::domain::model::{ChannelConfig, ChatPlatform};

fn as_set(v: &[String]) -> BTreeSet<&str> {
    v.iter().map(String::as_str).collect()
}

/// One topic-list replacement: the configuration, the topics it must still have, the topics it gets.
struct Change<'a> {
    arn: &'a str,
    expected: &'a [String],
    topics: &'a [String],
    what: &'a str,
}

impl Change<'_> {
    /// The re-read before the write: the configuration must still carry exactly the previewed topics.
    fn check(&self, current: &[String]) -> Result<(), CloudError> {
        if as_set(current) == as_set(self.expected) {
            Ok(())
        } else {
            Err(precondition_failed(self.what))
        }
    }
}

fn not_found(arn: &str) -> CloudError {
    CloudError::NotFound {
        code: "ResourceNotFoundException".into(),
        message: format!("no chat channel configuration {arn}"),
    }
}

impl CloudWriter {
    /// Replaces the channel's SNS topics with `new_topics` if they still are `expected_topics` (as sets), and
    /// its guardrails with `guardrails` when given (Chime webhooks have none, so it is ignored for them).
    /// It re-reads the configuration itself, so the caller names it only by platform and ARN.
    pub async fn update_channel(
        &self,
        platform: ChatPlatform,
        arn: &str,
        expected_topics: &[String],
        new_topics: &[String],
        guardrails: Option<&[String]>,
    ) -> Result<(), CloudError> {
        let what = format!("the SNS topics of {arn}");
        let change = Change {
            arn,
            expected: expected_topics,
            topics: new_topics,
            what: &what,
        };
        match platform {
            ChatPlatform::Slack => self.update_slack(&change, guardrails).await?,
            ChatPlatform::MicrosoftTeams => self.update_teams(&change, guardrails).await?,
            ChatPlatform::Chime => self.update_chime(&change).await?,
        }
        let after = self.read_channel(platform, arn).await?;
        let guardrails_hold = match (platform, guardrails) {
            (ChatPlatform::Chime, _) | (_, None) => true,
            (_, Some(wanted)) => after
                .guardrail_policy_arns
                .as_deref()
                .is_some_and(|got| as_set(got) == as_set(wanted)),
        };
        if as_set(&after.sns_topic_arns) != as_set(new_topics) || !guardrails_hold {
            return Err(verification_failed(&what));
        }
        Ok(())
    }

    /// The configuration as it is now, normalised.
    pub async fn read_channel(
        &self,
        platform: ChatPlatform,
        arn: &str,
    ) -> Result<ChannelConfig, CloudError> {
        let chatbot = self.cloud().chatbot();
        match platform {
            ChatPlatform::Slack => chatbot
                .describe_slack_channel_configurations()
                .chat_configuration_arn(arn)
                .send()
                .await
                .map_err(from_sdk)?
                .slack_channel_configurations
                .unwrap_or_default()
                .iter()
                .find(|c| c.chat_configuration_arn == arn)
                .map(from_chatbot::slack)
                .ok_or_else(|| not_found(arn)),
            ChatPlatform::MicrosoftTeams => chatbot
                .get_microsoft_teams_channel_configuration()
                .chat_configuration_arn(arn)
                .send()
                .await
                .map_err(from_sdk)?
                .channel_configuration
                .as_ref()
                .map(from_chatbot::teams)
                .ok_or_else(|| not_found(arn)),
            ChatPlatform::Chime => chatbot
                .describe_chime_webhook_configurations()
                .chat_configuration_arn(arn)
                .send()
                .await
                .map_err(from_sdk)?
                .webhook_configurations
                .unwrap_or_default()
                .iter()
                .find(|c| c.chat_configuration_arn == arn)
                .map(from_chatbot::chime)
                .ok_or_else(|| not_found(arn)),
        }
    }

    async fn update_slack(
        &self,
        change: &Change<'_>,
        guardrails: Option<&[String]>,
    ) -> Result<(), CloudError> {
        let (arn, topics) = (change.arn, change.topics);
        let chatbot = self.cloud().chatbot();
        let current = chatbot
            .describe_slack_channel_configurations()
            .chat_configuration_arn(arn)
            .send()
            .await
            .map_err(from_sdk)?
            .slack_channel_configurations
            .unwrap_or_default()
            .into_iter()
            .find(|c| c.chat_configuration_arn == arn)
            .ok_or_else(|| not_found(arn))?;
        change.check(&current.sns_topic_arns)?;
        chatbot
            .update_slack_channel_configuration()
            .chat_configuration_arn(arn)
            .slack_channel_id(current.slack_channel_id)
            .slack_channel_name(current.slack_channel_name)
            .set_sns_topic_arns(Some(topics.to_vec()))
            .iam_role_arn(current.iam_role_arn)
            .set_logging_level(current.logging_level)
            .set_guardrail_policy_arns(
                guardrails
                    .map(<[String]>::to_vec)
                    .or(current.guardrail_policy_arns),
            )
            .set_user_authorization_required(current.user_authorization_required)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(())
    }

    async fn update_teams(
        &self,
        change: &Change<'_>,
        guardrails: Option<&[String]>,
    ) -> Result<(), CloudError> {
        let (arn, topics) = (change.arn, change.topics);
        let chatbot = self.cloud().chatbot();
        let current = chatbot
            .get_microsoft_teams_channel_configuration()
            .chat_configuration_arn(arn)
            .send()
            .await
            .map_err(from_sdk)?
            .channel_configuration
            .ok_or_else(|| not_found(arn))?;
        change.check(&current.sns_topic_arns)?;
        chatbot
            .update_microsoft_teams_channel_configuration()
            .chat_configuration_arn(arn)
            .channel_id(current.channel_id)
            .set_channel_name(current.channel_name)
            .set_sns_topic_arns(Some(topics.to_vec()))
            .iam_role_arn(current.iam_role_arn)
            .set_logging_level(current.logging_level)
            .set_guardrail_policy_arns(
                guardrails
                    .map(<[String]>::to_vec)
                    .or(current.guardrail_policy_arns),
            )
            .set_user_authorization_required(current.user_authorization_required)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(())
    }

    async fn update_chime(&self, change: &Change<'_>) -> Result<(), CloudError> {
        let (arn, topics) = (change.arn, change.topics);
        let chatbot = self.cloud().chatbot();
        let current = chatbot
            .describe_chime_webhook_configurations()
            .chat_configuration_arn(arn)
            .send()
            .await
            .map_err(from_sdk)?
            .webhook_configurations
            .unwrap_or_default()
            .into_iter()
            .find(|c| c.chat_configuration_arn == arn)
            .ok_or_else(|| not_found(arn))?;
        change.check(&current.sns_topic_arns)?;
        chatbot
            .update_chime_webhook_configuration()
            .chat_configuration_arn(arn)
            .webhook_description(current.webhook_description)
            .set_sns_topic_arns(Some(topics.to_vec()))
            .iam_role_arn(current.iam_role_arn)
            .set_logging_level(current.logging_level)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(())
    }
}
