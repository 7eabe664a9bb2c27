//! The AWS CLI commands that fix what a check finds, shell-quoted so they can be pasted as they are.

use shell_words::quote;

use crate::domain::model::{ChannelConfig, ChatPlatform};

/// The Regions where Chatbot's API answers (its configurations have no Region of their own); an `aws chatbot`
/// command elsewhere fails, so every printed one names one of these.
pub const CHATBOT_API_REGIONS: [&str; 4] =
    ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"];

/// The Chatbot API Region for printed commands: the first of `regions` (the replication set's, in the user's
/// order) where Chatbot answers, else us-east-2, the Chatbot console's Region.
pub fn chatbot_region(regions: &[String]) -> &'static str {
    regions
        .iter()
        .find_map(|r| CHATBOT_API_REGIONS.iter().find(|c| **c == r.as_str()))
        .copied()
        .unwrap_or(CHATBOT_API_REGIONS[0])
}

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
/// reads them itself. `region` is one of [`CHATBOT_API_REGIONS`] (see [`chatbot_region`]).
pub fn update_channel(
    region: &str,
    channel: &ChannelConfig,
    topics: &[String],
    guardrails: Option<&[String]>,
) -> String {
    let arn = quote(&channel.arn);
    let region = quote(region);
    let mut command = match channel.platform {
        ChatPlatform::Slack => format!(
            "aws chatbot update-slack-channel-configuration --region {region} --chat-configuration-arn {arn} \
             --slack-channel-id \"$(aws chatbot describe-slack-channel-configurations --region {region} \
             --chat-configuration-arn {arn} --query 'SlackChannelConfigurations[0].SlackChannelId' --output text)\""
        ),
        ChatPlatform::MicrosoftTeams => format!(
            "aws chatbot update-microsoft-teams-channel-configuration --region {region} --chat-configuration-arn {arn} \
             --channel-id \"$(aws chatbot get-microsoft-teams-channel-configuration --region {region} \
             --chat-configuration-arn {arn} --query 'ChannelConfiguration.ChannelId' --output text)\""
        ),
        ChatPlatform::Chime => format!(
            "aws chatbot update-chime-webhook-configuration --region {region} --chat-configuration-arn {arn}"
        ),
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
    fn chatbot_commands_use_a_chatbot_api_region() {
        let regions = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            chatbot_region(&regions(&["us-east-1", "eu-west-1"])),
            "eu-west-1"
        );
        assert_eq!(chatbot_region(&regions(&["eu-south-1"])), "us-east-2");
        assert_eq!(chatbot_region(&[]), "us-east-2");
    }

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
