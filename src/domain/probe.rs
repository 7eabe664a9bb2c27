//! `imdeck probe`: which topics a probe goes through (a channel's, or a plan's channel's), the confirmation in
//! words, and the per-topic verdicts (published, Chatbot's subscription, Incident Manager's publish permission).

use serde::Serialize;

use super::chatbot_notification::CHATBOT_ENDPOINT;
use super::cloud_error::CloudError;
use super::model::{ChannelConfig, ResponsePlan};
use super::policy::evaluate::{ServiceRequest, evaluate_incident_manager_publish};
use super::snapshot::CloudSnapshot;
use super::snapshot::query::{TopicState, region_of_arn, topic_state};
use crate::domain::arn::Arn;

/// What a probe is sent through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeTarget {
    /// "Slack configuration incident-war-room (#incident-war-room)" or "response plan X's chat channel".
    pub label: String,
    /// The chat configuration name the message names (the plan name when no configuration carries its topics).
    pub channel_name: String,
    /// Topic ARNs, each published in its own Region.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("no chat channel configuration is named or has the ARN {0} (channels: {1})")]
    NoSuchChannel(String, String),
    #[error("no response plan is named or has the ARN {0} (plans: {1})")]
    NoSuchPlan(String, String),
    #[error("response plan {0} has no chat channel topics: there is nothing to probe")]
    PlanWithoutTopics(String),
    #[error("channel {0} carries no SNS topics: there is nothing to probe")]
    ChannelWithoutTopics(String),
    #[error("choose what to probe with --channel NAME|ARN or --plan NAME|ARN (channels: {0})")]
    NothingChosen(String),
    #[error("the chat channels or response plans could not be read, so the target is unknown: {0}")]
    Unreadable(String),
}

fn describe(channel: &ChannelConfig) -> String {
    super::snapshot::query::describe_channel(channel)
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    if all.is_empty() {
        "none".into()
    } else {
        all.join(", ")
    }
}

/// The target `--channel` or `--plan` names (`--channel` wins when both are given).
pub fn resolve_target(
    snapshot: &CloudSnapshot,
    channel: Option<&str>,
    plan: Option<&str>,
) -> Result<ProbeTarget, TargetError> {
    let channels = super::snapshot::query::channels(snapshot);
    let channel_names = || names(channels.iter().map(|c| c.name.as_str()));
    if let Some(wanted) = channel {
        let found = channels
            .iter()
            .find(|c| c.arn == wanted || c.name == wanted);
        let Some(found) = found else {
            if let Some((_, failure)) = super::snapshot::query::channel_failures(snapshot).first() {
                return Err(TargetError::Unreadable(failure.reason.clone()));
            }
            return Err(TargetError::NoSuchChannel(wanted.into(), channel_names()));
        };
        return channel_target(found);
    }
    if let Some(wanted) = plan {
        let plans = super::snapshot::query::plans(snapshot);
        let found: Option<&ResponsePlan> = plans
            .iter()
            .copied()
            .find(|p| p.arn == wanted || p.name == wanted);
        let Some(found) = found else {
            if let Some(failure) = super::snapshot::query::plan_failures(snapshot).first() {
                return Err(TargetError::Unreadable(failure.reason.clone()));
            }
            return Err(TargetError::NoSuchPlan(
                wanted.into(),
                names(plans.iter().map(|p| p.name.as_str())),
            ));
        };
        let topics = super::snapshot::query::plan_topics(found).to_vec();
        if topics.is_empty() {
            return Err(TargetError::PlanWithoutTopics(found.name.clone()));
        }
        let carrier = channels
            .iter()
            .find(|c| topics.iter().any(|t| c.sns_topic_arns.contains(t)));
        return Ok(ProbeTarget {
            label: match carrier {
                Some(c) => format!(
                    "response plan {}'s chat channel, {}",
                    found.name,
                    describe(c)
                ),
                None => format!("response plan {}'s chat channel", found.name),
            },
            channel_name: carrier.map_or_else(|| found.name.clone(), |c| c.name.clone()),
            topics,
        });
    }
    Err(TargetError::NothingChosen(channel_names()))
}

/// A channel's target: every topic it carries.
pub fn channel_target(channel: &ChannelConfig) -> Result<ProbeTarget, TargetError> {
    if channel.sns_topic_arns.is_empty() {
        return Err(TargetError::ChannelWithoutTopics(channel.name.clone()));
    }
    Ok(ProbeTarget {
        label: describe(channel),
        channel_name: channel.name.clone(),
        topics: channel.sns_topic_arns.clone(),
    })
}

/// The question asked before publishing, naming the channel and every topic with its Region.
pub fn confirmation_words(target: &ProbeTarget) -> String {
    let topics: Vec<String> = target
        .topics
        .iter()
        .map(|t| format!("{} in {}", Arn::short_name(t), region_of_arn(t)))
        .collect();
    format!(
        "Publish a test notification (sns:Publish) to {} through {} topic{}: {}? Everyone in the room will see it.",
        target.label,
        topics.len(),
        if topics.len() == 1 { "" } else { "s" },
        topics.join(", ")
    )
}

/// Chatbot's subscription on a topic, as the snapshot read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "kebab-case")]
pub enum SubscriptionState {
    Confirmed,
    Pending,
    Missing,
    TopicNotFound,
    Unknown(String),
}

impl SubscriptionState {
    pub fn words(&self) -> String {
        match self {
            SubscriptionState::Confirmed => "Chatbot subscribed (confirmed)".into(),
            SubscriptionState::Pending => "Chatbot subscription pending confirmation".into(),
            SubscriptionState::Missing => format!("no subscription to {CHATBOT_ENDPOINT}"),
            SubscriptionState::TopicNotFound => "the topic does not exist".into(),
            SubscriptionState::Unknown(reason) => format!("subscription unknown ({reason})"),
        }
    }
}

pub fn subscription_state(snapshot: &CloudSnapshot, topic: &str) -> SubscriptionState {
    match snapshot.subscriptions.get(topic) {
        None => SubscriptionState::Unknown("its subscriptions were not read".into()),
        Some(Err(failure)) => SubscriptionState::Unknown(failure.reason.clone()),
        Some(Ok(None)) => SubscriptionState::TopicNotFound,
        Some(Ok(Some(subscriptions))) => {
            let chatbot: Vec<_> = subscriptions
                .iter()
                .filter(|s| s.protocol == "https" && s.endpoint == CHATBOT_ENDPOINT)
                .collect();
            if chatbot.iter().any(|s| s.confirmed) {
                SubscriptionState::Confirmed
            } else if chatbot.is_empty() {
                SubscriptionState::Missing
            } else {
                SubscriptionState::Pending
            }
        }
    }
}

/// Whether Incident Manager may publish to the topic, by its policy as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", content = "detail", rename_all = "kebab-case")]
pub enum PolicyState {
    Allowed,
    Refused(String),
    Unknown(String),
}

impl PolicyState {
    pub fn words(&self) -> String {
        match self {
            PolicyState::Allowed => "Incident Manager may publish".into(),
            PolicyState::Refused(why) => format!("Incident Manager may NOT publish: {why}"),
            PolicyState::Unknown(why) => format!("Incident Manager's permission unknown ({why})"),
        }
    }
}

pub fn policy_state(snapshot: &CloudSnapshot, topic: &str) -> PolicyState {
    match topic_state(snapshot, topic) {
        TopicState::Read(t) => {
            let verdict = evaluate_incident_manager_publish(
                t.policy().unwrap_or(""),
                topic,
                &snapshot.account,
            );
            if verdict.is_allowed() {
                PolicyState::Allowed
            } else {
                let request = ServiceRequest::incident_manager_publish(topic, &snapshot.account);
                PolicyState::Refused(verdict.describe(&request))
            }
        }
        TopicState::AttributesUnreadable(f) | TopicState::RegionUnreadable(f) => {
            PolicyState::Unknown(f.reason.clone())
        }
        TopicState::Absent => PolicyState::Refused("the topic does not exist".into()),
        TopicState::RegionNotRead => PolicyState::Unknown(
            "its Region is not in the replication set, so it was not read".into(),
        ),
    }
}

/// One publish of the probe: the topic, and the MessageId SNS answered or why it refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Publish {
    pub topic_arn: String,
    pub outcome: Result<String, CloudError>,
}

/// One topic's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProbeRow {
    pub region: String,
    pub topic_arn: String,
    /// The MessageId, or why the publish failed.
    pub published: Result<String, String>,
    pub subscription: SubscriptionState,
    pub policy: PolicyState,
}

impl ProbeRow {
    /// The probe went out, Chatbot is subscribed and Incident Manager may publish: this Region reaches the room.
    pub fn reaches_room(&self) -> bool {
        self.published.is_ok()
            && self.subscription == SubscriptionState::Confirmed
            && self.policy == PolicyState::Allowed
    }
}

/// The verdicts for a topic beside its publish.
pub fn row(snapshot: &CloudSnapshot, publish: Publish) -> ProbeRow {
    let topic = publish.topic_arn.as_str();
    ProbeRow {
        region: region_of_arn(topic).to_string(),
        topic_arn: topic.to_string(),
        published: publish.outcome.map_err(|e| e.to_string()),
        subscription: subscription_state(snapshot, topic),
        policy: policy_state(snapshot, topic),
    }
}

/// The report: one block per topic and Region, then which Regions reach the room.
pub fn render_text(target: &ProbeTarget, rows: &[ProbeRow]) -> String {
    let mut out = format!("Probe of {}\n", target.label);
    for r in rows {
        let mark = if r.reaches_room() { "✓" } else { "✗" };
        let published = match &r.published {
            Ok(id) => format!("published (MessageId {id})"),
            Err(why) => format!("NOT published: {why}"),
        };
        out.push_str(&format!(
            "{mark} {} {}\n    {published}\n    {}\n    {}\n",
            r.region,
            r.topic_arn,
            r.subscription.words(),
            r.policy.words()
        ));
    }
    let reaching: Vec<&str> = rows
        .iter()
        .filter(|r| r.reaches_room())
        .map(|r| r.region.as_str())
        .collect();
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| !r.reaches_room())
        .map(|r| r.region.as_str())
        .collect();
    out.push_str(&format!(
        "Reaches the room from: {}; does not: {}\n",
        names(reaching.into_iter()),
        names(missing.into_iter())
    ));
    out
}

/// The report as JSON for scripts (`imdeck probe --output json`): one entry per topic and Region with the
/// MessageId or why the publish failed, the subscription state and the policy verdict, then the Regions that
/// reach the room and those that do not.
pub fn render_json(target: &ProbeTarget, rows: &[ProbeRow]) -> serde_json::Value {
    let topics: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let (message_id, error) = match &r.published {
                Ok(id) => (Some(id.as_str()), None),
                Err(why) => (None, Some(why.as_str())),
            };
            serde_json::json!({
                "region": r.region,
                "topic_arn": r.topic_arn,
                "published": r.published.is_ok(),
                "message_id": message_id,
                "error": error,
                "subscription": r.subscription,
                "policy": r.policy,
                "reaches_room": r.reaches_room(),
            })
        })
        .collect();
    let regions = |reach: bool| -> Vec<&str> {
        rows.iter()
            .filter(|r| r.reaches_room() == reach)
            .map(|r| r.region.as_str())
            .collect()
    };
    serde_json::json!({
        "target": target.label,
        "channel": target.channel_name,
        "topics": topics,
        "reaching_regions": regions(true),
        "not_reaching_regions": regions(false),
    })
}
