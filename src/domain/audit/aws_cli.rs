//! The AWS CLI commands that fix what a check finds, shell-quoted so they can be pasted as they are.

use shell_words::quote;

use crate::domain::model::{ChannelConfig, ChatPlatform};

/// `aws sns create-topic`: idempotent by name, so running it twice is harmless.
pub fn create_topic(region: &str, name: &str) -> String {
    format!(
        "aws sns create-topic --region {} --name {}",
        quote(region),
        quote(name)
    )
}

/// `aws sns set-topic-attributes … --attribute-name Policy`, with the whole policy as one quoted argument.
pub fn set_topic_policy(region: &str, topic_arn: &str, policy_json: &str) -> String {
    format!(
        "aws sns set-topic-attributes --region {} --topic-arn {} --attribute-name Policy --attribute-value {}",
        quote(region),
        quote(topic_arn),
        quote(policy_json)
    )
}

/// The Update operation of the channel's platform, sending the full topic list (Update replaces it) and the
/// guardrails when there are any. The Slack and Teams channel ids are not in the snapshot, so the command
/// reads them itself.
pub fn update_channel(
    channel: &ChannelConfig,
    topics: &[String],
    guardrails: Option<&[String]>,
) -> String {
    let arn = quote(&channel.arn);
    let mut command = match channel.platform {
        ChatPlatform::Slack => format!(
            "aws chatbot update-slack-channel-configuration --chat-configuration-arn {arn} \
             --slack-channel-id \"$(aws chatbot describe-slack-channel-configurations --chat-configuration-arn {arn} \
             --query 'SlackChannelConfigurations[0].SlackChannelId' --output text)\""
        ),
        ChatPlatform::MicrosoftTeams => format!(
            "aws chatbot update-microsoft-teams-channel-configuration --chat-configuration-arn {arn} \
             --channel-id \"$(aws chatbot get-microsoft-teams-channel-configuration --chat-configuration-arn {arn} \
             --query 'ChannelConfiguration.ChannelId' --output text)\""
        ),
        ChatPlatform::Chime => {
            format!("aws chatbot update-chime-webhook-configuration --chat-configuration-arn {arn}")
        }
    };
    command.push_str(" --sns-topic-arns");
    for topic in topics {
        command.push(' ');
        command.push_str(&quote(topic));
    }
    if let Some(guardrails) = guardrails.filter(|g| !g.is_empty()) {
        command.push_str(" --guardrail-policy-arns");
        for guardrail in guardrails {
            command.push(' ');
            command.push_str(&quote(guardrail));
        }
    }
    command
}

/// `aws ssm-incidents update-response-plan --chat-channel`, with the full topic list (it replaces).
pub fn update_plan_chat_channel(region: Option<&str>, plan_arn: &str, topics: &[String]) -> String {
    let chat_channel = serde_json::json!({ "chatbotSns": topics }).to_string();
    let region = region
        .map(|r| format!(" --region {}", quote(r)))
        .unwrap_or_default();
    format!(
        "aws ssm-incidents update-response-plan{region} --arn {} --chat-channel {}",
        quote(plan_arn),
        quote(&chat_channel)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_policy_json_as_one_argument() {
        let command = set_topic_policy("us-west-2", "arn:aws:sns:us-west-2:1:t", r#"{"a":"it's"}"#);
        assert_eq!(
            command,
            r#"aws sns set-topic-attributes --region us-west-2 --topic-arn arn:aws:sns:us-west-2:1:t --attribute-name Policy --attribute-value '{"a":"it'\''s"}'"#
        );
        let words = shell_words::split(&command).expect("splits");
        assert_eq!(words.last().map(String::as_str), Some(r#"{"a":"it's"}"#));
    }
}
