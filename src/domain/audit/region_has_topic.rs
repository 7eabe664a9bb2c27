//! Rule `region-has-topic`: each replication-set Region has an Incident Manager topic (one a response plan's
//! chat channel or a chat channel configuration names).

use super::wiring::{
    audited_regions, describe_failures, incident_manager_topics_in, linkage_failures,
};
use super::{Check, Status, aws_cli};
use crate::domain::policy::{default_topic_policy, incident_manager_statement, merge_statement};
use crate::domain::snapshot::CloudSnapshot;

pub const ID: &str = "region-has-topic";
const TITLE: &str = "Region has an Incident Manager topic";

/// The name imdeck proposes for a Region's new topic.
pub fn proposed_topic_name(region: &str) -> String {
    format!("im-chat-{region}")
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    if let Err(failure) = &snapshot.replication_set {
        return vec![Check::unknown(ID, TITLE, failure)];
    }
    audited_regions(snapshot)
        .into_iter()
        .map(|region| region_check(snapshot, &region).in_region(region))
        .collect()
}

fn region_check(snapshot: &CloudSnapshot, region: &str) -> Check {
    let found = incident_manager_topics_in(snapshot, region);
    if let Some(first) = found.first() {
        return Check::new(
            ID,
            Status::Pass,
            TITLE,
            format!(
                "Incident Manager topic{}: {}",
                if found.len() > 1 { "s" } else { "" },
                found.join(", ")
            ),
        )
        .on_resource(first);
    }
    match snapshot.regions.iter().find(|r| r.region == region) {
        None => {
            return Check::new(
                ID,
                Status::Unknown,
                TITLE,
                format!("the topics of {region} were not read"),
            );
        }
        Some(r) => {
            if let Err(failure) = &r.topics {
                return Check::unknown(ID, TITLE, failure);
            }
        }
    }
    let failures = linkage_failures(snapshot);
    if !failures.is_empty() {
        return Check::new(
            ID,
            Status::Unknown,
            TITLE,
            format!(
                "no topic in {region} is named by a plan or chat channel that could be read, and some could not: {}",
                describe_failures(&failures)
            ),
        );
    }
    let name = proposed_topic_name(region);
    let arn = format!("arn:aws:sns:{region}:{}:{name}", snapshot.account);
    let statement = incident_manager_statement(&arn, &snapshot.account);
    let check = Check::new(
        ID,
        Status::Fail,
        TITLE,
        format!(
            "no SNS topic in {region} is named by a response plan or a chat channel configuration: \
             Incident Manager cannot notify the chat channel from {region}"
        ),
    );
    // The new topic gets SNS's default policy with the docs' statement merged in, as `imdeck setup` does.
    let default = default_topic_policy(&arn, &snapshot.account).to_string();
    // The rule counts a topic once a plan or channel names it, so creating it is only the first half.
    let next = format!(
        "then add {arn} to the SNS topics of the chat channel that should hear about incidents in {region} \
         (the list replaces: send its current topics too) and to the chat channel of each response plan using that \
         channel; `imdeck setup --plan` prints those commands"
    );
    match merge_statement(&default, &statement) {
        Ok(merged) => check
            .with_fix(format!(
                "{}\n{}",
                aws_cli::create_topic(region, &name),
                aws_cli::set_topic_policy(region, &arn, &merged.text)
            ))
            .with_manual(format!("Run the two commands, {next}.")),
        Err(error) => check.with_manual(format!(
            "Create an SNS topic {name} in {region} whose access policy holds the statement below \
             (imdeck could not build the policy: {error}); {next}."
        )),
    }
}
