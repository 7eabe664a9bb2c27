//! Which topic each chat channel gets for each Region it lacks, and which topics must be created for that.
//!
//! Decided before any step is written, because Task 1 (topics) must create what Task 2 (channels) will add. A
//! channel only ever gets a topic no other channel carries: Chatbot posts a topic's messages in every channel
//! carrying it, so a shared topic would put one plan's incidents in another plan's channel.

use std::collections::{BTreeMap, BTreeSet};

use super::SetupOptions;
use crate::domain::arn::Arn;
use crate::domain::audit::region_has_topic::proposed_topic_name;
use crate::domain::model::ChannelConfig;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    channel_carried_topics, channels, foreign_topics_covering, free_topics_in,
    incident_manager_topics_in, listed_topic_arns, plans_of_channel, region_of_arn, topic_state,
};

/// A topic the plan needs that is not an Incident Manager topic yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub region: String,
    pub name: String,
    pub arn: String,
    /// A topic of that name already exists (nothing uses it): merge its policy instead of creating it.
    pub adopt: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TopicAssignment {
    pub new_topics: Vec<NewTopic>,
    /// Per channel configuration ARN, the topics to add, in Region order.
    pub additions: BTreeMap<String, Vec<String>>,
    /// Per Region, a topic a new chat channel could take (for the manual step's settings).
    pub spare_topics: BTreeMap<String, String>,
}

impl TopicAssignment {
    pub fn will_exist(&self, snapshot: &CloudSnapshot, topic: &str) -> bool {
        topic_state(snapshot, topic).exists() || self.new_topics.iter().any(|t| t.arn == topic)
    }
}

/// Does the plan touch this channel (a plan uses it, or the user chose it for the plans without one)?
pub fn is_linked(snapshot: &CloudSnapshot, channel: &ChannelConfig, opts: &SetupOptions) -> bool {
    !plans_of_channel(snapshot, channel).is_empty()
        || opts.channel_for_unlinked_plans.as_deref() == Some(channel.arn.as_str())
}

/// `readable_regions` are the replication-set Regions whose topics could be listed; nothing is planned elsewhere.
pub fn assign_topics(
    snapshot: &CloudSnapshot,
    readable_regions: &[String],
    opts: &SetupOptions,
) -> TopicAssignment {
    let mut assignment = TopicAssignment::default();
    let mut taken: BTreeSet<String> = channel_carried_topics(snapshot);
    for channel in channels(snapshot)
        .into_iter()
        .filter(|c| is_linked(snapshot, c, opts))
    {
        for region in readable_regions {
            let covered = channel
                .sns_topic_arns
                .iter()
                .any(|t| region_of_arn(t) == region && topic_state(snapshot, t).may_exist());
            if covered {
                continue;
            }
            let topic = match free_topics_in(snapshot, region, &taken).into_iter().next() {
                Some(existing) => existing,
                None => new_topic(
                    snapshot,
                    &mut assignment,
                    region,
                    Some(&channel.name),
                    &taken,
                ),
            };
            taken.insert(topic.clone());
            assignment
                .additions
                .entry(channel.arn.clone())
                .or_default()
                .push(topic);
        }
    }
    // Every Region gets at least one Incident Manager topic, even if no channel asks for it yet.
    for region in readable_regions {
        // Another account's named topic covers its Region (even one this account may not read): no second topic.
        let has_topic = !incident_manager_topics_in(snapshot, region).is_empty()
            || !foreign_topics_covering(snapshot, region).is_empty()
            || assignment.new_topics.iter().any(|t| &t.region == region);
        if !has_topic {
            new_topic(snapshot, &mut assignment, region, None, &taken);
        }
    }
    for region in readable_regions {
        let spare = free_topics_in(snapshot, region, &taken)
            .into_iter()
            .next()
            .or_else(|| {
                assignment
                    .new_topics
                    .iter()
                    .find(|t| &t.region == region && !taken.contains(&t.arn))
                    .map(|t| t.arn.clone())
            });
        if let Some(topic) = spare {
            assignment.spare_topics.insert(region.clone(), topic);
        }
    }
    assignment
}

/// Plans a new topic: `im-chat-<region>` if that name is free, else one named after the channel.
fn new_topic(
    snapshot: &CloudSnapshot,
    assignment: &mut TopicAssignment,
    region: &str,
    channel_name: Option<&str>,
    taken: &BTreeSet<String>,
) -> String {
    let arn_of = |name: &str| Arn::sns_topic(region, &snapshot.account, name).to_string();
    let unusable = |arn: &str| {
        taken.contains(arn)
            || assignment.new_topics.iter().any(|t| t.arn == arn)
            || !incident_manager_topics_in(snapshot, region)
                .iter()
                .all(|t| t != arn)
    };
    let standard = proposed_topic_name(region);
    let mut name = standard.clone();
    if unusable(&arn_of(&name)) {
        let base = match channel_name {
            Some(channel) => format!("im-chat-{channel}-{region}"),
            None => standard,
        };
        name = base.clone();
        let mut n = 2;
        while unusable(&arn_of(&name)) {
            name = format!("{base}-{n}");
            n += 1;
        }
    }
    let arn = arn_of(&name);
    let adopt = listed_topic_arns(snapshot, region).contains(&arn.as_str());
    assignment.new_topics.push(NewTopic {
        region: region.to_string(),
        name,
        arn: arn.clone(),
        adopt,
    });
    arn
}
