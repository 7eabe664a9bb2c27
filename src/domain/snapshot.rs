//! `CloudSnapshot`: everything the setup audit reads, with each part either read or the reason it could not be.

pub mod query;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{ChannelConfig, ChatPlatform, ReplicationSet, ResponsePlan, Topic};
use crate::domain::arn::Arn;

/// Why a part of the snapshot could not be read: a check that needs it is `unknown`, never `pass`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadFailure {
    /// What was being read, e.g. `sns:ListTopics us-west-2` or a topic ARN.
    pub resource: String,
    /// The error as the user should see it, e.g. `AccessDenied: not authorized`.
    pub reason: String,
}

/// A part of the snapshot: the data, or why it is missing.
pub type Fetched<T> = Result<T, ReadFailure>;

/// The `reason` of a listed topic whose attributes were deliberately not read: no plan or chat channel names it
/// and its name is not one imdeck gives an Incident Manager topic. SNS quotas are shared with production, so
/// unrelated topics cost one ListTopics entry, never a GetTopicAttributes each.
pub const NOT_READ_UNRELATED: &str =
    "attributes not read: no response plan or chat channel names this topic";

/// Is this listed topic's failure the deliberate "not read" rather than an error?
pub fn is_unread_unrelated(failure: &ReadFailure) -> bool {
    failure.reason == NOT_READ_UNRELATED
}

/// The topic names imdeck proposes for a new Incident Manager topic start with this (`im-chat-<region>`,
/// `im-chat-<channel>-<region>`); `setup` may adopt such a topic, so its attributes are read though nothing
/// names it yet.
pub const CANDIDATE_TOPIC_PREFIX: &str = "im-chat-";

/// A topic a response plan or chat channel names that its Region's ListTopics did not return, read directly by
/// ARN in its own Region: another account's topic (ListTopics lists only the caller's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnlistedTopic {
    pub arn: String,
    /// `Ok(Some)` read; `Ok(None)` SNS answered NotFound; `Err` it could not be read (e.g. AuthorizationError:
    /// the owner's policy does not let this account read it), so whether it exists is unknown.
    pub read: Fetched<Option<Topic>>,
}

/// The SNS topics of one Region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionSnapshot {
    pub region: String,
    /// The listing itself, then each topic's attributes, each of which may fail on its own. Topics nothing names
    /// are listed with the failure `NOT_READ_UNRELATED` in place of their attributes.
    pub topics: Fetched<Vec<Fetched<Topic>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloudSnapshot {
    /// The 12-digit account, taken from the ARNs read.
    pub account: String,
    /// `Ok(None)` when the account has no replication set.
    pub replication_set: Fetched<Option<ReplicationSet>>,
    /// One entry per Region of the replication set, in its order.
    pub regions: Vec<RegionSnapshot>,
    /// The Chatbot channel configurations, per platform.
    pub channels: BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
    /// Every response plan in full.
    pub plans: Fetched<Vec<Fetched<ResponsePlan>>>,
    /// Topics of other accounts that plans or channels name, read by ARN.
    pub unlisted_topics: Vec<UnlistedTopic>,
    /// The subscriptions of every topic a chat channel carries (ListSubscriptionsByTopic in the topic's Region),
    /// by topic ARN; `Ok(None)` SNS answered NotFound (no such topic).
    pub subscriptions: BTreeMap<String, Fetched<Option<Vec<TopicSubscription>>>>,
}

/// One subscription of a topic, as ListSubscriptionsByTopic reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicSubscription {
    pub protocol: String,
    pub endpoint: String,
    /// `false` while SNS lists it as `PendingConfirmation`.
    pub confirmed: bool,
}

/// Chatbot's confirmed subscription on every topic the channels carry, for hand-built snapshots (tests, demos).
pub fn chatbot_subscribed(
    channels: &BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
) -> BTreeMap<String, Fetched<Option<Vec<TopicSubscription>>>> {
    channels
        .values()
        .flatten()
        .flatten()
        .flat_map(|c| c.sns_topic_arns.iter())
        .map(|arn| {
            let chatbot = TopicSubscription {
                protocol: "https".into(),
                endpoint: super::chatbot_notification::CHATBOT_ENDPOINT.into(),
                confirmed: true,
            };
            (arn.clone(), Ok(Some(vec![chatbot])))
        })
        .collect()
}

impl CloudSnapshot {
    /// The snapshot with Chatbot's confirmed subscription on every topic its channels carry (hand-built
    /// snapshots in tests and fixtures, where no ListSubscriptionsByTopic ran).
    pub fn with_chatbot_subscriptions(mut self) -> Self {
        self.subscriptions = chatbot_subscribed(&self.channels);
        self
    }

    /// The Regions of the replication set, or none when it could not be read.
    pub fn replication_regions(&self) -> Vec<String> {
        match &self.replication_set {
            Ok(Some(set)) => set.region_map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Every topic read successfully, across Regions, then other accounts' topics read by ARN.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.regions
            .iter()
            .filter_map(|r| r.topics.as_ref().ok())
            .flatten()
            .filter_map(|t| t.as_ref().ok())
            .chain(
                self.unlisted_topics
                    .iter()
                    .filter_map(|t| t.read.as_ref().ok().and_then(Option::as_ref)),
            )
    }

    /// The topics listed in `region` whose attributes were deliberately not read.
    pub fn unread_unrelated_in(&self, region: &str) -> usize {
        self.regions
            .iter()
            .filter(|r| r.region == region)
            .filter_map(|r| r.topics.as_ref().ok())
            .flatten()
            .filter(|t| t.as_ref().err().is_some_and(is_unread_unrelated))
            .count()
    }

    /// Every channel configuration read successfully, across platforms.
    pub fn channel_configs(&self) -> impl Iterator<Item = &ChannelConfig> {
        self.channels
            .values()
            .filter_map(|c| c.as_ref().ok())
            .flatten()
    }
}

/// Every topic ARN a response plan's chat channel or a chat channel configuration names: the Incident Manager
/// topics, whose attributes the audit reads.
pub fn named_topics(
    plans: &Fetched<Vec<Fetched<ResponsePlan>>>,
    channels: &BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
) -> BTreeSet<String> {
    let from_plans = plans
        .iter()
        .flatten()
        .flatten()
        .filter_map(|p| p.chat_channel.as_ref())
        .flat_map(|c| c.topics().iter());
    let from_channels = channels
        .values()
        .flatten()
        .flatten()
        .flat_map(|c| c.sns_topic_arns.iter());
    from_plans.chain(from_channels).cloned().collect()
}

/// Does the audit (or `setup`) need this listed topic's attributes? Only when something names it, or its name is
/// one `setup` would adopt; never for unrelated topics, however many there are.
pub fn needs_attributes(arn: &str, named: &BTreeSet<String>) -> bool {
    named.contains(arn)
        || Arn::parse(arn).is_ok_and(|arn| arn.resource().starts_with(CANDIDATE_TOPIC_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_named_topics_and_setup_candidates_need_attributes() {
        let named = BTreeSet::from(["arn:aws:sns:us-east-2:111122223333:My_SNS_topic".to_string()]);
        assert!(needs_attributes(
            "arn:aws:sns:us-east-2:111122223333:My_SNS_topic",
            &named
        ));
        assert!(needs_attributes(
            "arn:aws:sns:eu-west-1:111122223333:im-chat-eu-west-1",
            &named
        ));
        assert!(!needs_attributes(
            "arn:aws:sns:us-east-2:111122223333:billing-alarms",
            &named
        ));
        assert!(!needs_attributes(
            "arn:aws:sns:us-east-2:111122223333:x-im-chat-",
            &named
        ));
    }
}
