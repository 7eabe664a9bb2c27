//! Task 1: in every replication-set Region, an Incident Manager topic whose policy carries the docs' statement.

use std::collections::BTreeMap;

use super::{PlannedChange, SetupStep, SetupTask, manual};
use crate::domain::audit::region_has_topic::proposed_topic_name;
use crate::domain::audit::sns_policy::{self, merged_policy};
use crate::domain::audit::wiring::{
    TopicState, incident_manager_topics_in, listed_topic_arns, preferred_topic_in, topic_state,
};
use crate::domain::audit::{region_has_topic, sns_kms};
use crate::domain::policy::{
    PublishVerdict, ServiceRequest, StatementChange, default_topic_policy,
    incident_manager_statement, merge_statement,
};
use crate::domain::snapshot::CloudSnapshot;

pub struct TopicsTask {
    pub steps: Vec<SetupStep>,
    /// Per Region, the topic the channels and plans should carry there (existing or about to be created).
    pub region_topics: BTreeMap<String, String>,
}

pub fn plan_topics(snapshot: &CloudSnapshot, regions: &[String]) -> TopicsTask {
    let mut steps = Vec::new();
    let mut region_topics = BTreeMap::new();
    for region in regions {
        match snapshot
            .regions
            .iter()
            .find(|r| &r.region == region)
            .map(|r| &r.topics)
        {
            None => {
                steps.push(unreadable_region(region, "the Region was not read"));
                continue;
            }
            Some(Err(failure)) => {
                steps.push(unreadable_region(region, &failure.reason));
                continue;
            }
            Some(Ok(_)) => {}
        }
        let mut candidates = incident_manager_topics_in(snapshot, region);
        if candidates.is_empty() {
            let name = proposed_topic_name(region);
            let arn = format!("arn:aws:sns:{region}:{}:{name}", snapshot.account);
            if listed_topic_arns(snapshot, region).contains(&arn.as_str()) {
                // A topic of that name exists but nothing uses it yet: adopt it rather than recreate it.
                candidates.push(arn);
            } else {
                steps.extend(create_topic(snapshot, region, &name, &arn));
                region_topics.insert(region.clone(), arn);
                continue;
            }
        }
        for arn in &candidates {
            steps.extend(topic_steps(snapshot, region, arn));
        }
        let chosen = preferred_topic_in(snapshot, region).or_else(|| candidates.first().cloned());
        if let Some(topic) = chosen {
            region_topics.insert(region.clone(), topic);
        }
    }
    TopicsTask {
        steps,
        region_topics,
    }
}

fn unreadable_region(region: &str, reason: &str) -> SetupStep {
    SetupStep::manual(
        SetupTask::Topics,
        format!("Read the SNS topics of {region}"),
        Some(region),
        manual::unreadable(&format!("the SNS topics of {region}"), reason),
        &[region_has_topic::ID],
    )
}

fn create_topic(
    snapshot: &CloudSnapshot,
    region: &str,
    name: &str,
    arn: &str,
) -> Option<SetupStep> {
    let statement = incident_manager_statement(arn, &snapshot.account);
    let default = default_topic_policy(arn, &snapshot.account).to_string();
    match merge_statement(&default, &statement) {
        Ok(merged) => Some(SetupStep::apply(
            SetupTask::Topics,
            format!("Create topic {name} in {region} with the Incident Manager statement"),
            Some(region),
            PlannedChange::create_topic(region, name, arn, merged.text),
            &[region_has_topic::ID, sns_policy::ID],
        )),
        Err(error) => Some(SetupStep::manual(
            SetupTask::Topics,
            format!("Create topic {name} in {region}"),
            Some(region),
            manual::unusable_policy(arn, &error.to_string()),
            &[region_has_topic::ID],
        )),
    }
}

fn topic_steps(snapshot: &CloudSnapshot, region: &str, arn: &str) -> Vec<SetupStep> {
    let topic = match topic_state(snapshot, arn) {
        TopicState::Read(topic) => topic,
        TopicState::AttributesUnreadable(failure) => {
            return vec![SetupStep::manual(
                SetupTask::Topics,
                format!("Read the policy of {arn}"),
                Some(region),
                manual::unreadable(arn, &failure.reason),
                &[sns_policy::ID],
            )];
        }
        _ => return Vec::new(),
    };
    let mut steps = Vec::new();
    let account = &snapshot.account;
    let verdict = sns_policy::verdict(topic, account);
    let detail = verdict.describe(&ServiceRequest::incident_manager_publish(arn, account));
    let name = topic.name();
    let manual_step = |title: String, step: manual::ManualStep| {
        SetupStep::manual(
            SetupTask::Topics,
            title,
            Some(region),
            step,
            &[sns_policy::ID],
        )
    };
    if !verdict.is_allowed_as_documented() {
        let step = match &verdict {
            PublishVerdict::DeniedByDeny { .. } => manual_step(
                format!("Remove the Deny in {name}'s policy"),
                manual::deny_statement(arn, &detail),
            ),
            PublishVerdict::Malformed { error } => manual_step(
                format!("Repair {name}'s policy"),
                manual::unusable_policy(arn, error),
            ),
            _ => match merged_policy(topic, account) {
                Ok(merged) if merged.change == StatementChange::Unchanged => manual_step(
                    format!("Review {name}'s policy"),
                    manual::unusable_policy(
                        arn,
                        &format!("the docs' statement is already there, yet {detail}"),
                    ),
                ),
                Ok(merged) => {
                    let title = match merged.change {
                        StatementChange::Replaced { .. } => {
                            format!(
                                "Replace the wrong Incident Manager statement in {name}'s policy"
                            )
                        }
                        _ => format!("Add the Incident Manager statement to {name}'s policy"),
                    };
                    SetupStep::apply(
                        SetupTask::Topics,
                        title,
                        Some(region),
                        PlannedChange::merge_topic_policy(
                            region,
                            arn,
                            topic.policy(),
                            merged.text,
                            merged.change,
                        ),
                        &[sns_policy::ID],
                    )
                }
                Err(error) => manual_step(
                    format!("Add the Incident Manager statement to {name}'s policy"),
                    manual::unusable_policy(arn, &error.to_string()),
                ),
            },
        };
        steps.push(step);
    }
    if let Some(key) = topic.kms_master_key_id() {
        steps.push(SetupStep::manual(
            SetupTask::Topics,
            format!("Check the KMS key policy of {name}"),
            Some(region),
            manual::kms_key(arn, key),
            &[sns_kms::ID],
        ));
    }
    steps
}
