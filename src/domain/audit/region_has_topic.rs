//! Rule `region-has-topic`: each replication-set Region has an Incident Manager topic (one a response plan's
//! chat channel or a chat channel configuration names).

use super::{Check, Status, aws_cli};
use crate::domain::arn::Arn;
use crate::domain::policy::{default_topic_policy, incident_manager_statement, merge_statement};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, audited_regions, describe_failures, incident_manager_topics,
    incident_manager_topics_in, is_foreign_topic, linkage_failures, region_of_arn, topic_state,
};

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

/// What the audit did not read in `region`, so the detail never claims more than was looked at.
fn unread_note(snapshot: &CloudSnapshot, region: &str) -> String {
    match snapshot.unread_unrelated_in(region) {
        0 => String::new(),
        1 => " (1 other topic there is named by no plan or chat channel; its attributes were not read)".into(),
        n => format!(
            " ({n} other topics there are named by no plan or chat channel; their attributes were not read)"
        ),
    }
}

fn region_check(snapshot: &CloudSnapshot, region: &str) -> Check {
    let found = incident_manager_topics_in(snapshot, region);
    // With this account's own listing unread, a pass would rest on other accounts' topics alone while this
    // account's own topics went unseen: unknown, saying what was found.
    let own_listing = snapshot.regions.iter().find(|r| r.region == region);
    if let Some(Err(failure)) = own_listing.map(|r| &r.topics) {
        let check = Check::unknown(ID, TITLE, failure);
        return match found.first() {
            Some(_) => Check {
                detail: format!(
                    "{}; another account's topic named for {region} was read: {}",
                    check.detail,
                    found.join(", ")
                ),
                ..check
            },
            None => check,
        };
    }
    if let Some(first) = found.first() {
        return Check::new(
            ID,
            Status::Pass,
            TITLE,
            format!(
                "Incident Manager topic{}: {}{}",
                if found.len() > 1 { "s" } else { "" },
                found.join(", "),
                unread_note(snapshot, region)
            ),
        )
        .on_resource(first);
    }
    // A named topic of another account that could not be read may be this Region's topic: not a pass on a
    // guess, and not a failure either.
    let unreadable: Vec<(String, String)> = incident_manager_topics(snapshot)
        .into_iter()
        .filter(|arn| region_of_arn(arn) == region && is_foreign_topic(snapshot, arn))
        .filter_map(|arn| match topic_state(snapshot, &arn) {
            TopicState::RegionUnreadable(failure) => {
                let why = format!("could not read {}: {}", failure.resource, failure.reason);
                Some((arn, why))
            }
            _ => None,
        })
        .collect();
    if let Some((first, _)) = unreadable.first() {
        let reasons: Vec<&str> = unreadable.iter().map(|(_, why)| why.as_str()).collect();
        return Check::new(
            ID,
            Status::Unknown,
            TITLE,
            format!(
                "no topic of this account in {region} is named by a plan or chat channel, and another account's \
                 topic named for it could not be read: {}",
                reasons.join("; ")
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
    let arn = Arn::sns_topic(region, &snapshot.account, &name).to_string();
    let statement = incident_manager_statement(&arn, &snapshot.account);
    let check = Check::new(
        ID,
        Status::Fail,
        TITLE,
        format!(
            "no SNS topic in {region} is named by a response plan or a chat channel configuration: \
             Incident Manager cannot notify the chat channel from {region}{}",
            unread_note(snapshot, region)
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
