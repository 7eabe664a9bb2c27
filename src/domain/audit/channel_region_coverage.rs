//! Rule `channel-region-coverage`: each chat channel a response plan uses carries a topic for every
//! replication-set Region, so an incident in any Region reaches it.

use super::{Check, Status, aws_cli};
use crate::domain::model::ChannelConfig;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, audited_regions, channel_carried_topics, channel_failures, channels,
    describe_channel, free_topics_in, plan_failures, plans_of_channel, region_of_arn, topic_state,
};

pub const ID: &str = "channel-region-coverage";
const TITLE: &str = "chat channel carries a topic for the Region";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    if let Err(failure) = &snapshot.replication_set {
        return vec![Check::unknown(ID, TITLE, failure)];
    }
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
        })
        .collect();
    // Without every plan, a channel that looks unused may be the one a plan relies on.
    checks.extend(
        plan_failures(snapshot)
            .into_iter()
            .map(|failure| Check::unknown(ID, TITLE, failure)),
    );
    let regions = audited_regions(snapshot);
    for channel in channels(snapshot) {
        if plans_of_channel(snapshot, channel).is_empty() {
            continue;
        }
        for region in &regions {
            checks.push(
                region_check(snapshot, channel, region)
                    .in_region(region)
                    .on_resource(&channel.arn),
            );
        }
    }
    checks
}

fn region_check(snapshot: &CloudSnapshot, channel: &ChannelConfig, region: &str) -> Check {
    let who = describe_channel(channel);
    let carried: Vec<&String> = channel
        .sns_topic_arns
        .iter()
        .filter(|t| region_of_arn(t) == region)
        .collect();
    let states: Vec<(&String, TopicState)> = carried
        .iter()
        .map(|t| (*t, topic_state(snapshot, t)))
        .collect();
    if let Some((topic, _)) = states.iter().find(|(_, s)| s.exists()) {
        return Check::new(ID, Status::Pass, TITLE, format!("{who} carries {topic}"));
    }
    if let Some((
        _,
        TopicState::RegionUnreadable(failure) | TopicState::AttributesUnreadable(failure),
    )) = states
        .iter()
        .find(|(_, s)| !matches!(s, TopicState::Absent | TopicState::RegionNotRead))
    {
        return Check::unknown(ID, TITLE, failure);
    }
    let detail = match carried.first() {
        Some(topic) => format!("{who} names {topic} for {region}, but that topic does not exist"),
        None => {
            format!("{who} has no topic for {region}: incidents there do not reach this channel")
        }
    };
    let check = Check::new(ID, Status::Fail, TITLE, detail);
    let free = free_topics_in(snapshot, region, &channel_carried_topics(snapshot));
    match free.first() {
        Some(topic) => {
            let mut topics = channel.sns_topic_arns.clone();
            topics.push(topic.clone());
            check
                .with_fix(aws_cli::update_channel(
                    aws_cli::chatbot_region(&audited_regions(snapshot)),
                    channel,
                    &topics,
                    channel.guardrail_policy_arns.as_deref(),
                ))
                .with_missing(serde_json::json!({ "SnsTopicArns": topics }))
        }
        // Chatbot posts a topic's messages in every channel carrying it, so the channel needs a new topic.
        None => check.with_manual(format!(
            "Run `imdeck setup --plan`: it creates a topic in {region} with the Incident Manager statement, adds \
             it to {} and to the response plans using the channel, and prints the AWS CLI commands. By hand: create \
             an SNS topic in {region} that no other chat channel carries, merge the Incident Manager statement into \
             its access policy, and add its ARN to the channel's SNS topics (the list replaces, so keep the others).",
            channel.name
        )),
    }
}
