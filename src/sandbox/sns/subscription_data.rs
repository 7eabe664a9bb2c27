//! The SNS subscriptions the sandbox keeps, and Chatbot's deliveries: data only, so the store can hold it.

use std::collections::BTreeMap;

use crate::domain::chatbot_notification::CHATBOT_ENDPOINT;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// `topicArn:uuid`; SNS gives the ARN even to a pending subscription, but lists it as `PendingConfirmation`.
    pub arn: String,
    pub topic_arn: String,
    /// The account that subscribed.
    pub owner: String,
    pub protocol: String,
    pub endpoint: String,
    pub confirmed: bool,
}

impl Subscription {
    pub fn is_chatbot(&self) -> bool {
        self.protocol == "https" && self.endpoint == CHATBOT_ENDPOINT
    }
}

/// One message Chatbot handled for one channel: posted, or dropped with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// RFC 3339 time of the Publish.
    pub at: String,
    pub message_id: String,
    pub topic_arn: String,
    pub region: String,
    /// The chat configuration ARN (or a note that none carries the topic).
    pub channel: String,
    pub outcome: DeliveryOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Posted { headline: String },
    Dropped { reason: String },
}

/// Subscriptions by topic ARN (topic ARNs name their account and Region, so one map serves every account), and
/// every delivery Chatbot made, in order.
#[derive(Debug, Clone, Default)]
pub struct SubscriptionData {
    pub by_topic: BTreeMap<String, Vec<Subscription>>,
    pub deliveries: Vec<Delivery>,
}

impl SubscriptionData {
    pub fn of_topic(&self, topic_arn: &str) -> &[Subscription] {
        self.by_topic.get(topic_arn).map_or(&[], Vec::as_slice)
    }

    pub fn pending_count(&self, topic_arn: &str) -> usize {
        self.of_topic(topic_arn)
            .iter()
            .filter(|s| !s.confirmed)
            .count()
    }

    /// Drops every subscription of a deleted topic.
    pub fn forget_topic(&mut self, topic_arn: &str) {
        self.by_topic.remove(topic_arn);
    }
}
