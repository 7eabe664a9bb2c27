//! Rule `chatbot-subscription`: every topic a chat channel carries has Chatbot's confirmed HTTPS subscription;
//! without it every other check can pass while nothing reaches the room.

use shell_words::quote;

use super::aws_cli::{chatbot_region, update_channel};
use super::{Check, Status};
use crate::domain::chatbot_notification::CHATBOT_ENDPOINT;
use crate::domain::model::ChannelConfig;
use crate::domain::snapshot::query::{channel_failures, channels, describe_channel, region_of_arn};
use crate::domain::snapshot::{CloudSnapshot, ReadFailure};

pub const ID: &str = "chatbot-subscription";
const TITLE: &str = "Chatbot is subscribed to the channel's topic";

/// `aws sns subscribe` of Chatbot's endpoint to the topic, in the topic's Region.
pub fn subscribe_command(topic_arn: &str) -> String {
    format!(
        "aws sns subscribe --region {} --topic-arn {} --protocol https --notification-endpoint {}",
        quote(region_of_arn(topic_arn)),
        quote(topic_arn),
        CHATBOT_ENDPOINT
    )
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let region = chatbot_region(&snapshot.replication_regions());
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
                .with_manual(format!(
                    "The {} channel configurations could not be read, so their topics' subscriptions were not checked.",
                    platform.label()
                ))
        })
        .collect();
    for channel in channels(snapshot) {
        for topic in &channel.sns_topic_arns {
            checks.push(
                topic_check(snapshot, channel, topic, region)
                    .in_region(region_of_arn(topic))
                    .on_resource(topic.as_str()),
            );
        }
    }
    checks
}

fn topic_check(
    snapshot: &CloudSnapshot,
    channel: &ChannelConfig,
    topic: &str,
    chatbot_api_region: &str,
) -> Check {
    let who = describe_channel(channel);
    let resave = update_channel(
        chatbot_api_region,
        channel,
        &channel.sns_topic_arns,
        channel.guardrail_policy_arns.as_deref(),
    );
    let fail = |detail: String| {
        Check::new(ID, Status::Fail, TITLE, detail)
            .with_fix(resave.clone())
            .with_manual(format!(
                "Re-save {who} (console: open it and choose Save; or run the command shown): Chatbot then \
                 subscribes its endpoint to every topic of the configuration and confirms it. Or subscribe it \
                 directly: {}",
                subscribe_command(topic)
            ))
    };
    let not_read = ReadFailure {
        resource: format!("sns:ListSubscriptionsByTopic {topic}"),
        reason: "the topic's subscriptions were not read".into(),
    };
    match snapshot.subscriptions.get(topic) {
        None => Check::unknown(ID, TITLE, &not_read),
        Some(Err(failure)) => Check::unknown(ID, TITLE, failure),
        Some(Ok(None)) => Check::new(
            ID,
            Status::Fail,
            TITLE,
            format!(
                "{who} carries this topic but SNS answered NotFound for it: nothing sent to it can reach the \
                 channel"
            ),
        )
        .with_manual(format!(
            "Create the topic in {} (see region-has-topic) and re-save {who}, or remove the topic from it.",
            region_of_arn(topic)
        )),
        Some(Ok(Some(subscriptions))) => {
            let chatbot: Vec<_> = subscriptions
                .iter()
                .filter(|s| s.protocol == "https" && s.endpoint == CHATBOT_ENDPOINT)
                .collect();
            if chatbot.iter().any(|s| s.confirmed) {
                Check::new(
                    ID,
                    Status::Pass,
                    TITLE,
                    format!("Chatbot's HTTPS subscription is confirmed; {who} receives what the topic gets"),
                )
            } else if chatbot.is_empty() {
                fail(format!(
                    "{who} carries this topic but the topic has no subscription to {CHATBOT_ENDPOINT}: every \
                     message to it is lost (was the topic recreated, or the subscription removed?)"
                ))
            } else {
                fail(format!(
                    "the subscription to {CHATBOT_ENDPOINT} is pending confirmation: nothing reaches {who} until \
                     Chatbot confirms it"
                ))
            }
        }
    }
}
