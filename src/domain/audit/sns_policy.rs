//! Rule `sns-policy`: each Incident Manager topic's access policy lets `ssm-incidents.amazonaws.com` publish
//! to it, limited to the owning account, judged with IAM semantics.

use super::unidentified::unidentified_topics_check;
use super::{Check, Status, aws_cli};
use crate::domain::model::Topic;
use crate::domain::policy::{
    MergeOutcome, PolicyError, PublishVerdict, ServiceRequest, incident_manager_statement,
    merge_statement,
};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, account_of_arn, incident_manager_topics, incident_manager_verdict,
    is_foreign_topic, region_of_arn, topic_state,
};

pub const ID: &str = "sns-policy";
const TITLE: &str = "topic policy lets Incident Manager publish";

/// The topic's policy with the docs' statement merged in (replacing a wrong one with the docs' Sid).
pub fn merged_policy(topic: &Topic, account: &str) -> Result<MergeOutcome, PolicyError> {
    merge_statement(
        topic.policy().unwrap_or(""),
        &incident_manager_statement(&topic.arn, account),
    )
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    incident_manager_topics(snapshot)
        .iter()
        .filter_map(|arn| {
            let region = region_of_arn(arn);
            let check = match topic_state(snapshot, arn) {
                TopicState::Read(topic) => {
                    let check = topic_check(topic, &snapshot.account);
                    if is_foreign_topic(snapshot, arn) && check.status != Status::Pass {
                        let owner = account_of_arn(arn);
                        Check {
                            detail: format!(
                                "{}; the topic belongs to account {owner}, so only that account can change its policy",
                                check.detail
                            ),
                            ..check
                        }
                    } else {
                        check
                    }
                }
                TopicState::AttributesUnreadable(failure)
                | TopicState::RegionUnreadable(failure) => Check::unknown(ID, TITLE, failure),
                TopicState::RegionNotRead => Check::new(
                    ID,
                    Status::Unknown,
                    TITLE,
                    format!("{region} is not in the replication set, so its topics were not read"),
                ),
                // A named topic that does not exist is reported by the plan and channel rules.
                TopicState::Absent => return None,
            };
            Some(check.in_region(region).on_resource(arn.as_str()))
        })
        .chain(unidentified_topics_check(snapshot, ID, TITLE))
        .collect()
}

fn topic_check(topic: &Topic, account: &str) -> Check {
    let verdict = incident_manager_verdict(topic, account);
    let request = ServiceRequest::incident_manager_publish(&topic.arn, account);
    let detail = verdict.describe(&request);
    let status = match &verdict {
        v if v.is_allowed_as_documented() => return Check::new(ID, Status::Pass, TITLE, detail),
        PublishVerdict::Allowed { .. } => Status::Warn,
        _ => Status::Fail,
    };
    let check = Check::new(ID, status, TITLE, detail.clone())
        .with_missing(incident_manager_statement(&topic.arn, account));
    match &verdict {
        // Never proposes removing a Deny or rewriting a policy it cannot read: those need a person.
        PublishVerdict::DeniedByDeny { .. } => Check {
            detail: format!(
                "{detail}; remove or narrow that Deny by hand (imdeck never removes a Deny)"
            ),
            ..check
        }
        .with_manual(format!(
            "Read the policy (`aws sns get-topic-attributes --region {} --topic-arn {}`), remove or narrow the \
             Deny named above so it no longer matches ssm-incidents.amazonaws.com, and set the edited policy with \
             `aws sns set-topic-attributes … --attribute-name Policy`; then refresh: this check offers the merge.",
            topic.region(),
            topic.arn
        )),
        PublishVerdict::Malformed { .. } => check.with_manual(format!(
            "The policy is not valid JSON that imdeck can merge into: read it (`aws sns get-topic-attributes \
             --region {} --topic-arn {}`), repair it by hand keeping its statements, set it back with `aws sns \
             set-topic-attributes … --attribute-name Policy`, then refresh: this check then offers the merge.",
            topic.region(),
            topic.arn
        )),
        _ => match merged_policy(topic, account) {
            Ok(merged) => check.with_fix(aws_cli::set_topic_policy(
                topic.region(),
                &topic.arn,
                &merged.text,
            )),
            Err(error) => Check {
                detail: format!("{detail}; imdeck cannot merge the statement: {error}"),
                ..check
            }
            .with_manual(format!(
                "Add the statement below to the access policy of {} by hand, keeping its other statements \
                 (`aws sns get-topic-attributes` to read it, `aws sns set-topic-attributes … --attribute-name \
                 Policy` to write it).",
                topic.arn
            )),
        },
    }
}
