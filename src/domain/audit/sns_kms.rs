//! Rule `sns-kms`: a topic encrypted with the AWS-managed SNS key can never receive from Incident Manager (fail);
//! one with a customer managed key needs a key policy imdeck cannot read (warn).

use super::unidentified::unidentified_topics_check;
use super::{Check, Status};
use crate::domain::arn::Arn;
use crate::domain::policy::kms_key_statement;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, incident_manager_topics, region_of_arn, topic_state,
};

pub const ID: &str = "sns-kms";
const TITLE: &str = "topic encryption does not block Incident Manager";

/// SNS's AWS managed key, by alias or alias ARN (`alias/aws/sns`, `arn:aws:kms:REGION:ACCOUNT:alias/aws/sns`).
/// A key id or key ARN of that key cannot be told apart from a customer managed key without KMS.
pub fn is_aws_managed_sns_key(key: &str) -> bool {
    key == "alias/aws/sns"
        || Arn::parse(key)
            .is_ok_and(|arn| arn.service() == "kms" && arn.resource() == "alias/aws/sns")
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    incident_manager_topics(snapshot)
        .iter()
        .filter_map(|arn| {
            let check = match topic_state(snapshot, arn) {
                TopicState::Read(topic) => match topic.kms_master_key_id() {
                    None => Check::new(ID, Status::Pass, TITLE, "the topic is not KMS-encrypted"),
                    Some(key) if is_aws_managed_sns_key(key) => Check::new(
                        ID,
                        Status::Fail,
                        TITLE,
                        format!(
                            "the topic is encrypted with the AWS managed key {key}, whose key policy cannot be \
                             changed to let ssm-incidents.amazonaws.com use it: Incident Manager can never publish \
                             to it; use a customer managed key"
                        ),
                    )
                    .with_manual(format!(
                        "Use a customer managed key: create one (`aws kms create-key --region {region}`) and add \
                         the statement below to its key policy, then set it on the topic with `aws sns \
                         set-topic-attributes --region {region} --topic-arn {arn} --attribute-name KmsMasterKeyId \
                         --attribute-value KEY_ARN` (KEY_ARN: the new key's ARN).",
                        region = region_of_arn(arn)
                    ))
                    .with_missing(kms_key_statement()),
                    Some(key) => Check::new(
                        ID,
                        Status::Warn,
                        TITLE,
                        format!(
                            "the topic is encrypted with KMS key {key}: its key policy must let \
                             ssm-incidents.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt; imdeck cannot \
                             read key policies, so check it yourself"
                        ),
                    )
                    .with_manual(format!(
                        "Check that the key policy of {key} holds the statement below (`aws kms get-key-policy \
                         --region {region} --policy-name default --key-id \"$(aws kms describe-key --region {region} \
                         --key-id {key} --query KeyMetadata.Arn --output text)\"`); add it where it does not.",
                        region = region_of_arn(arn)
                    ))
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
