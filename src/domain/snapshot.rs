//! `CloudSnapshot`: everything the setup audit reads, with each part either read or the reason it could not be.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{ChannelConfig, ChatPlatform, ReplicationSet, ResponsePlan, Topic};

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

/// The SNS topics of one Region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionSnapshot {
    pub region: String,
    /// The listing itself, then each topic's attributes, each of which may fail on its own.
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
}

impl CloudSnapshot {
    /// The Regions of the replication set, or none when it could not be read.
    pub fn replication_regions(&self) -> Vec<String> {
        match &self.replication_set {
            Ok(Some(set)) => set.region_map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Every topic read successfully, across Regions.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.regions
            .iter()
            .filter_map(|r| r.topics.as_ref().ok())
            .flatten()
            .filter_map(|t| t.as_ref().ok())
    }

    /// Every channel configuration read successfully, across platforms.
    pub fn channel_configs(&self) -> impl Iterator<Item = &ChannelConfig> {
        self.channels
            .values()
            .filter_map(|c| c.as_ref().ok())
            .flatten()
    }
}
