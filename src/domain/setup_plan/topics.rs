//! Task 1: in every replication-set Region, an Incident Manager topic whose policy carries the docs' statement.

use super::assignment::TopicAssignment;
use super::{PlannedChange, SetupStep, SetupTask, manual};
use crate::domain::arn::Arn;
use crate::domain::audit::sns_policy::{self, merged_policy};
use crate::domain::audit::{region_has_topic, sns_kms};
use crate::domain::policy::{
    PublishVerdict, ServiceRequest, StatementChange, default_topic_policy,
    incident_manager_statement, merge_statement,
};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, account_of_arn, incident_manager_topics_in, incident_manager_verdict,
    is_foreign_topic, region_of_arn, topic_state,
};

/// Task 1's steps: per Region, merges into the existing Incident Manager topics, then the topics to create or
/// adopt for the channels (see `assignment`), then what needs a person (KMS keys, Deny statements).
pub fn plan_topics(
    snapshot: &CloudSnapshot,
    regions: &[String],
    assignment: &TopicAssignment,
) -> Vec<SetupStep> {
    let mut steps = Vec::new();
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
        steps.extend(unreadable_foreign_topics(snapshot, region));
        for arn in incident_manager_topics_in(snapshot, region) {
            if is_foreign_topic(snapshot, &arn) {
                steps.extend(foreign_topic_step(snapshot, region, &arn));
            } else {
                steps.extend(topic_steps(snapshot, region, &arn));
            }
        }
        for new in assignment.new_topics.iter().filter(|t| &t.region == region) {
            if new.adopt {
                steps.extend(topic_steps(snapshot, region, &new.arn));
            } else {
                steps.extend(create_topic(snapshot, region, &new.name, &new.arn));
            }
        }
    }
    steps
}

/// Named topics of other accounts in `region` that would not let this account read them: only their owner can
/// grant that (a statement allowing this account sns:GetTopicAttributes), so a manual step says so.
fn unreadable_foreign_topics(snapshot: &CloudSnapshot, region: &str) -> Vec<SetupStep> {
    snapshot
        .unlisted_topics
        .iter()
        .filter(|t| region_of_arn(&t.arn) == region)
        .filter_map(|t| t.read.as_ref().err().map(|failure| (t, failure)))
        .map(|(topic, failure)| {
            SetupStep::manual(
                SetupTask::Topics,
                format!(
                    "Ask account {} to let this account read {}",
                    account_of_arn(&topic.arn),
                    Arn::short_name(&topic.arn)
                ),
                Some(region),
                manual::unreadable(&topic.arn, &failure.reason),
                &[sns_policy::ID, sns_kms::ID],
            )
        })
        .collect()
}

/// Another account's topic can only be changed from that account: at most a manual step, never a write.
fn foreign_topic_step(snapshot: &CloudSnapshot, region: &str, arn: &str) -> Option<SetupStep> {
    let TopicState::Read(topic) = topic_state(snapshot, arn) else {
        return None;
    };
    let account = &snapshot.account;
    let verdict = incident_manager_verdict(topic, account);
    if verdict.is_allowed_as_documented() {
        return None;
    }
    let detail = verdict.describe(&ServiceRequest::incident_manager_publish(arn, account));
    let owner = account_of_arn(arn);
    Some(SetupStep::manual(
        SetupTask::Topics,
        format!(
            "Ask account {owner} to add the Incident Manager statement to {}",
            topic.name()
        ),
        Some(region),
        manual::unusable_policy(
            arn,
            &format!(
                "{detail}; the topic belongs to account {owner}, so only that account can change its policy"
            ),
        ),
        &[sns_policy::ID],
    ))
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
    let verdict = incident_manager_verdict(topic, account);
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
