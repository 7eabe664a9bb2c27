//! Chatbot's three configuration kinds (Slack, Teams, Chime) normalised into the domain `ChannelConfig`.

use aws_sdk_chatbot::types::{
    ChimeWebhookConfiguration, SlackChannelConfiguration, TeamsChannelConfiguration,
};

use crate::domain::arn::Arn;
use crate::domain::model::{ChannelConfig, ChatPlatform};

/// The configuration's own name, or the last path segment of its ARN when the name is absent.
fn name_or_arn_tail(name: Option<&str>, arn: &str) -> String {
    match name {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => Arn::short_name(arn).to_string(),
    }
}

pub fn slack(c: &SlackChannelConfiguration) -> ChannelConfig {
    ChannelConfig {
        platform: ChatPlatform::Slack,
        arn: c.chat_configuration_arn.clone(),
        name: name_or_arn_tail(c.configuration_name.as_deref(), &c.chat_configuration_arn),
        channel_label: c.slack_channel_name.clone(),
        iam_role_arn: c.iam_role_arn.clone(),
        sns_topic_arns: c.sns_topic_arns.clone(),
        guardrail_policy_arns: c.guardrail_policy_arns.clone(),
        user_authorization_required: c.user_authorization_required.unwrap_or(false),
        state: c.state.clone(),
        logging_level: c.logging_level.clone(),
    }
}

pub fn teams(c: &TeamsChannelConfiguration) -> ChannelConfig {
    ChannelConfig {
        platform: ChatPlatform::MicrosoftTeams,
        arn: c.chat_configuration_arn.clone(),
        name: name_or_arn_tail(c.configuration_name.as_deref(), &c.chat_configuration_arn),
        channel_label: c
            .channel_name
            .clone()
            .unwrap_or_else(|| c.channel_id.clone()),
        iam_role_arn: c.iam_role_arn.clone(),
        sns_topic_arns: c.sns_topic_arns.clone(),
        guardrail_policy_arns: c.guardrail_policy_arns.clone(),
        user_authorization_required: c.user_authorization_required.unwrap_or(false),
        state: c.state.clone(),
        logging_level: c.logging_level.clone(),
    }
}

/// Chime webhooks carry no guardrail (they run no commands), so `guardrail_policy_arns` is `None`.
pub fn chime(c: &ChimeWebhookConfiguration) -> ChannelConfig {
    ChannelConfig {
        platform: ChatPlatform::Chime,
        arn: c.chat_configuration_arn.clone(),
        name: name_or_arn_tail(c.configuration_name.as_deref(), &c.chat_configuration_arn),
        channel_label: c.webhook_description.clone(),
        iam_role_arn: c.iam_role_arn.clone(),
        sns_topic_arns: c.sns_topic_arns.clone(),
        guardrail_policy_arns: None,
        user_authorization_required: false,
        state: c.state.clone(),
        logging_level: c.logging_level.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_name_falls_back_to_the_arn_tail() {
        let arn = "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/incident-chat";
        assert_eq!(name_or_arn_tail(None, arn), "incident-chat");
        assert_eq!(name_or_arn_tail(Some("named"), arn), "named");
    }
}
