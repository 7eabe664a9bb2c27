//! Rule `sns-kms`: a KMS-encrypted Incident Manager topic needs a key policy imdeck cannot read, so it is flagged.

use super::wiring::{
    TopicState, incident_manager_topics, region_of_arn, topic_state, unidentified_topics_check,
};
use super::{Check, Status};
use crate::domain::policy::kms_key_statement;
use crate::domain::snapshot::CloudSnapshot;

pub const ID: &str = "sns-kms";
const TITLE: &str = "topic encryption does not block Incident Manager";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    incident_manager_topics(snapshot)
        .iter()
        .filter_map(|arn| {
            let check = match topic_state(snapshot, arn) {
                TopicState::Read(topic) => match topic.kms_master_key_id() {
                    None => Check::new(ID, Status::Pass, TITLE, "the topic is not KMS-encrypted"),
                    Some(key) => Check::new(
                        ID,
                        Status::Warn,
                        TITLE,
                        format!(
                            "the topic is encrypted with KMS key {key}: its key policy must let \
                             ssm-incidents.amazonaws.com and chatbot.amazonaws.com use kms:GenerateDataKey* and \
                             kms:Decrypt; imdeck cannot read key policies, so check it yourself"
                        ),
                    )
                    .with_missing(kms_key_statement()),
                },
                TopicState::AttributesUnreadable(failure) | TopicState::RegionUnreadable(failure) => {
                    Check::unknown(ID, TITLE, failure)
                }
                TopicState::RegionNotRead | TopicState::Absent => return None,
            };
            Some(check.in_region(region_of_arn(arn)).on_resource(arn.as_str()))
        })
        .chain(unidentified_topics_check(snapshot, ID, TITLE))
        .collect()
}
