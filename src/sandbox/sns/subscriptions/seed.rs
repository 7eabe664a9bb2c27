//! A scenario's subscriptions: Chatbot's on the channel topics and the seeded others, matching the topic counts.

use std::collections::{BTreeMap, BTreeSet};

use super::{Subscription, chatbot_subscribe, topic_parts};
use crate::sandbox::store::Store;

/// Every topic ARN the chat configurations carry, once each.
fn chat_topics(store: &Store) -> BTreeSet<String> {
    let c = &store.chatbot;
    c.slack_channel_configurations
        .iter()
        .flat_map(|cfg| cfg.sns_topic_arns.iter())
        .chain(
            c.microsoft_teams_channel_configurations
                .iter()
                .flat_map(|cfg| cfg.sns_topic_arns.iter()),
        )
        .chain(
            c.chime_webhook_configurations
                .iter()
                .flat_map(|cfg| cfg.sns_topic_arns.iter()),
        )
        .cloned()
        .collect()
}

/// A scenario's subscriptions: Chatbot's on every channel topic except those in `without_chatbot`, then email
/// subscriptions up to each topic's seeded confirmed count, so ListSubscriptionsByTopic agrees with
/// GetTopicAttributes.
pub fn seed(store: &mut Store, without_chatbot: &BTreeSet<String>) {
    let chat: Vec<String> = chat_topics(store)
        .into_iter()
        .filter(|t| !without_chatbot.contains(t))
        .collect();
    let before: BTreeMap<String, u32> = all_topics(store);
    chatbot_subscribe(store, &chat);
    for (topic_arn, seeded) in before {
        // The seeded count already includes Chatbot's subscription: undo chatbot_subscribe's increment.
        let has_chatbot = store
            .subscriptions
            .of_topic(&topic_arn)
            .iter()
            .any(Subscription::is_chatbot);
        let Ok((region, account, name)) = topic_parts(&topic_arn) else {
            continue;
        };
        let own = store.account.clone();
        if let Some(topic) = store.sns.topics_of(&own, account, region).get_mut(name) {
            topic.subscriptions_confirmed = seeded.max(u32::from(has_chatbot));
        }
        let others = seeded.saturating_sub(u32::from(has_chatbot));
        let subs = store
            .subscriptions
            .by_topic
            .entry(topic_arn.clone())
            .or_default();
        for n in 1..=others {
            subs.push(Subscription {
                arn: format!("{topic_arn}:{}", uuid::Uuid::new_v4()),
                topic_arn: topic_arn.clone(),
                owner: account.to_string(),
                protocol: "email".into(),
                endpoint: format!("{name}-oncall-{n}@example.com"),
                confirmed: true,
            });
        }
    }
}

/// Every topic (own and other accounts') with its confirmed count.
fn all_topics(store: &Store) -> BTreeMap<String, u32> {
    let own = store.sns.regions.values();
    let others = store.sns.other_accounts.values().flat_map(|r| r.values());
    own.chain(others)
        .flat_map(|topics| topics.values())
        .map(|t| (t.arn.clone(), t.subscriptions_confirmed))
        .collect()
}
