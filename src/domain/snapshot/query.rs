//! How plans, chat channels and topics point at each other in a snapshot, and what could not be read about it.

use std::collections::BTreeSet;

use super::{CloudSnapshot, ReadFailure};
use crate::domain::arn::Arn;
use crate::domain::model::{ChannelConfig, ChatPlatform, ResponsePlan, Topic};
use crate::domain::policy::{PublishVerdict, ServiceRequest, evaluate_request};

/// The replication-set Regions in the order the snapshot read them (its `regions`), then any it did not read.
/// The replication set itself is a map, so this is the only order that follows the user's setup.
pub fn audited_regions(snapshot: &CloudSnapshot) -> Vec<String> {
    let in_set = snapshot.replication_regions();
    let mut regions: Vec<String> = snapshot
        .regions
        .iter()
        .map(|r| r.region.clone())
        .filter(|r| in_set.contains(r))
        .collect();
    for region in in_set {
        if !regions.contains(&region) {
            regions.push(region);
        }
    }
    regions
}

/// The Region field of an ARN (`arn:aws:sns:REGION:ACCOUNT:NAME`).
pub fn region_of_arn(arn: &str) -> &str {
    Arn::parse(arn).map_or("", |arn| arn.region())
}

/// What the snapshot knows about one topic ARN.
#[derive(Debug, Clone, Copy)]
pub enum TopicState<'a> {
    /// Listed and its attributes read.
    Read(&'a Topic),
    /// Listed, but its attributes could not be read.
    AttributesUnreadable(&'a ReadFailure),
    /// Its Region was listed and it is not there.
    Absent,
    /// Whether it exists could not be read: its Region's topic listing failed, or it is another account's
    /// topic that would not let this account read it.
    RegionUnreadable(&'a ReadFailure),
    /// Its Region is not one the snapshot read (not in the replication set).
    RegionNotRead,
}

impl TopicState<'_> {
    /// Known to exist (whether or not its attributes were read).
    pub fn exists(&self) -> bool {
        matches!(
            self,
            TopicState::Read(_) | TopicState::AttributesUnreadable(_)
        )
    }

    /// Not known to be absent: it exists, or whether it exists could not be read. `setup` never plans a second
    /// topic where such a topic may already serve.
    pub fn may_exist(&self) -> bool {
        self.exists() || matches!(self, TopicState::RegionUnreadable(_))
    }
}

pub fn topic_state<'a>(snapshot: &'a CloudSnapshot, arn: &str) -> TopicState<'a> {
    // Another account's topic, read by ARN because no listing of ours can hold it.
    if let Some(unlisted) = snapshot.unlisted_topics.iter().find(|t| t.arn == arn) {
        return match &unlisted.read {
            Ok(Some(topic)) => TopicState::Read(topic),
            Ok(None) => TopicState::Absent,
            Err(failure) => TopicState::RegionUnreadable(failure),
        };
    }
    let region = region_of_arn(arn);
    let Some(region_snapshot) = snapshot.regions.iter().find(|r| r.region == region) else {
        // With the replication set unread, no Region was read: say why, rather than "outside the set".
        if let Err(failure) = &snapshot.replication_set {
            return TopicState::RegionUnreadable(failure);
        }
        return TopicState::RegionNotRead;
    };
    let topics = match &region_snapshot.topics {
        Ok(topics) => topics,
        Err(failure) => return TopicState::RegionUnreadable(failure),
    };
    for topic in topics {
        match topic {
            Ok(topic) if topic.arn == arn => return TopicState::Read(topic),
            Err(failure) if failed_topic_arn(failure) == arn => {
                return TopicState::AttributesUnreadable(failure);
            }
            _ => {}
        }
    }
    TopicState::Absent
}

/// The topic a failed attribute read was about: its `resource` is the ARN, perhaps after an operation name.
fn failed_topic_arn(failure: &ReadFailure) -> &str {
    failure
        .resource
        .split_whitespace()
        .find(|word| word.starts_with("arn:"))
        .unwrap_or(&failure.resource)
}

/// Every topic ARN listed in a Region (attributes read or not), in listing order.
pub fn listed_topic_arns<'a>(snapshot: &'a CloudSnapshot, region: &str) -> Vec<&'a str> {
    snapshot
        .regions
        .iter()
        .filter(|r| r.region == region)
        .filter_map(|r| r.topics.as_ref().ok())
        .flatten()
        .map(|t| match t {
            Ok(topic) => topic.arn.as_str(),
            Err(failure) => failed_topic_arn(failure),
        })
        .collect()
}

/// Response plans read successfully, by name.
pub fn plans(snapshot: &CloudSnapshot) -> Vec<&ResponsePlan> {
    let mut plans: Vec<&ResponsePlan> = snapshot
        .plans
        .iter()
        .flatten()
        .filter_map(|p| p.as_ref().ok())
        .collect();
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    plans
}

/// The plans that could not be read (the listing itself, or one plan).
pub fn plan_failures(snapshot: &CloudSnapshot) -> Vec<&ReadFailure> {
    match &snapshot.plans {
        Err(failure) => vec![failure],
        Ok(plans) => plans.iter().filter_map(|p| p.as_ref().err()).collect(),
    }
}

/// Channel configurations read successfully, by platform then name.
pub fn channels(snapshot: &CloudSnapshot) -> Vec<&ChannelConfig> {
    let mut channels: Vec<&ChannelConfig> = snapshot.channel_configs().collect();
    channels.sort_by(|a, b| (a.platform, &a.name).cmp(&(b.platform, &b.name)));
    channels
}

/// The platforms whose channel configurations could not be read.
pub fn channel_failures(snapshot: &CloudSnapshot) -> Vec<(ChatPlatform, &ReadFailure)> {
    snapshot
        .channels
        .iter()
        .filter_map(|(platform, c)| c.as_ref().err().map(|f| (*platform, f)))
        .collect()
}

/// Everything whose absence might hide an Incident Manager topic, plan or channel.
pub fn linkage_failures(snapshot: &CloudSnapshot) -> Vec<&ReadFailure> {
    let mut failures = plan_failures(snapshot);
    failures.extend(channel_failures(snapshot).into_iter().map(|(_, f)| f));
    failures
}

pub fn plan_topics(plan: &ResponsePlan) -> &[String] {
    plan.chat_channel.as_ref().map_or(&[], |c| c.topics())
}

/// Topics named by a response plan's chat channel or by a chat channel configuration: the Incident Manager
/// topics. Sorted by replication-set Region, then ARN.
pub fn incident_manager_topics(snapshot: &CloudSnapshot) -> Vec<String> {
    let mut arns: BTreeSet<&str> = BTreeSet::new();
    for plan in plans(snapshot) {
        arns.extend(plan_topics(plan).iter().map(String::as_str));
    }
    for channel in channels(snapshot) {
        arns.extend(channel.sns_topic_arns.iter().map(String::as_str));
    }
    let regions = audited_regions(snapshot);
    let mut arns: Vec<String> = arns.into_iter().map(str::to_string).collect();
    arns.sort_by_key(|arn| {
        let region = region_of_arn(arn);
        (
            regions
                .iter()
                .position(|r| r == region)
                .unwrap_or(usize::MAX),
            region.to_string(),
            arn.clone(),
        )
    });
    arns
}

/// The account an ARN names (`arn:aws:sns:REGION:ACCOUNT:NAME`).
pub fn account_of_arn(arn: &str) -> &str {
    Arn::parse(arn).map_or("", |arn| arn.account())
}

/// Is this topic another account's (the audit reads it by ARN; its chat channel, if any, is in that account)?
pub fn is_foreign_topic(snapshot: &CloudSnapshot, arn: &str) -> bool {
    snapshot.unlisted_topics.iter().any(|t| t.arn == arn)
}

/// Named topics of other accounts in `region` that may exist (read, or unreadable), which cover that Region for
/// `setup`: it never adds a topic of its own where one of them may already serve.
pub fn foreign_topics_covering(snapshot: &CloudSnapshot, region: &str) -> Vec<String> {
    snapshot
        .unlisted_topics
        .iter()
        .filter(|t| region_of_arn(&t.arn) == region && topic_state(snapshot, &t.arn).may_exist())
        .map(|t| t.arn.clone())
        .collect()
}

/// The Incident Manager topics that exist in `region`.
pub fn incident_manager_topics_in(snapshot: &CloudSnapshot, region: &str) -> Vec<String> {
    incident_manager_topics(snapshot)
        .into_iter()
        .filter(|arn| region_of_arn(arn) == region && topic_state(snapshot, arn).exists())
        .collect()
}

/// The plan's chat channel: the configuration(s) carrying the most of the plan's topics. Most, not any, because
/// a Region's topic may be shared by several channels, and sharing one topic must not make every plan that uses it
/// belong to every channel that carries it.
pub fn channels_of_plan<'a>(
    snapshot: &'a CloudSnapshot,
    plan: &ResponsePlan,
) -> Vec<&'a ChannelConfig> {
    let topics = plan_topics(plan);
    let overlap = |c: &ChannelConfig| {
        c.sns_topic_arns
            .iter()
            .filter(|t| topics.contains(t))
            .count()
    };
    let all = channels(snapshot);
    let best = all.iter().map(|c| overlap(c)).max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    all.into_iter().filter(|c| overlap(c) == best).collect()
}

/// The plans whose chat channel (as `channels_of_plan` decides it) is this configuration.
pub fn plans_of_channel<'a>(
    snapshot: &'a CloudSnapshot,
    channel: &ChannelConfig,
) -> Vec<&'a ResponsePlan> {
    plans(snapshot)
        .into_iter()
        .filter(|p| {
            channels_of_plan(snapshot, p)
                .iter()
                .any(|c| c.arn == channel.arn)
        })
        .collect()
}

/// "Slack configuration im-slack (#incidents)", for details.
pub fn describe_channel(channel: &ChannelConfig) -> String {
    if channel.channel_label.is_empty() {
        format!(
            "{} configuration {}",
            channel.platform.label(),
            channel.name
        )
    } else {
        format!(
            "{} configuration {} ({})",
            channel.platform.label(),
            channel.name,
            channel.channel_label
        )
    }
}

/// Joins failure reasons for an `unknown` detail.
pub fn describe_failures(failures: &[&ReadFailure]) -> String {
    failures
        .iter()
        .map(|f| format!("could not read {}: {}", f.resource, f.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every topic ARN some chat channel configuration carries.
pub fn channel_carried_topics(snapshot: &CloudSnapshot) -> BTreeSet<String> {
    channels(snapshot)
        .into_iter()
        .flat_map(|c| c.sns_topic_arns.iter().cloned())
        .collect()
}

/// Existing Incident Manager topics in `region` that no channel carries and that are not `taken`, those whose
/// policy already lets Incident Manager publish first. Only such a topic can be added to a channel: Chatbot
/// delivers a topic to every channel carrying it, so sharing one would post one plan's incidents in another's
/// channel.
pub fn free_topics_in(
    snapshot: &CloudSnapshot,
    region: &str,
    taken: &BTreeSet<String>,
) -> Vec<String> {
    let mut free: Vec<String> = incident_manager_topics_in(snapshot, region)
        .into_iter()
        .filter(|arn| !taken.contains(arn))
        .collect();
    // Stable sort: ready topics first, otherwise the listing order of `incident_manager_topics`.
    free.sort_by_key(|arn| match topic_state(snapshot, arn) {
        TopicState::Read(topic) => !incident_manager_verdict(topic, &snapshot.account).is_allowed(),
        _ => true,
    });
    free
}

/// Whether the topic's access policy lets Incident Manager publish for `account`, as the audit judges it.
pub fn incident_manager_verdict(topic: &Topic, account: &str) -> PublishVerdict {
    evaluate_request(
        topic.policy().unwrap_or(""),
        &ServiceRequest::incident_manager_publish(&topic.arn, account),
    )
}
