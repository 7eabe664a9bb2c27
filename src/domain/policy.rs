//! SNS topic access policies: parsing, IAM-style evaluation for Incident Manager, the docs' statement, and the merge.

mod condition;
pub mod document;
pub mod evaluate;
pub mod glob;
pub mod merge;
mod request;

use serde_json::Value;

pub use document::{
    ConditionClause, Effect, PatternClause, PolicyDocument, PrincipalClause, Principals, Statement,
};
pub use evaluate::{
    PublishVerdict, ServiceRequest, evaluate_document, evaluate_incident_manager_publish,
    evaluate_request,
};
pub use merge::{MergeOutcome, StatementChange, merge_statement};

/// The service principal Incident Manager publishes to SNS as.
pub const INCIDENT_MANAGER_PRINCIPAL: &str = "ssm-incidents.amazonaws.com";
/// The service principal of AWS Chatbot, which consumes the topics.
pub const CHATBOT_PRINCIPAL: &str = "chatbot.amazonaws.com";
/// The Sid the AWS docs give the Incident Manager statement; the merge replaces a wrong statement with it.
pub const INCIDENT_MANAGER_SID: &str = "IncidentManagerSNSPublishingPermissions";
/// SNS rejects a policy larger than 30 KB.
pub const MAX_POLICY_BYTES: usize = 30 * 1024;
/// SNS rejects a policy with more than 100 statements.
pub const MAX_POLICY_STATEMENTS: usize = 100;

const INCIDENT_MANAGER_STATEMENT_TEMPLATE: &str =
    include_str!("../../assets/policy/incident-manager-statement.json");
const DEFAULT_TOPIC_POLICY_TEMPLATE: &str =
    include_str!("../../assets/policy/default-topic-policy.json");
const KMS_KEY_STATEMENT_TEMPLATE: &str = include_str!("../../assets/policy/kms-key-statement.json");

/// Why a policy could not be read or merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("policy is not valid JSON: {0}")]
    Malformed(String),
    #[error("policy has an unexpected shape: {0}")]
    Shape(String),
    #[error("the statement to add is not a JSON object with a Sid")]
    InvalidStatement,
    #[error(
        "statement {sid} is a Deny; imdeck never removes a Deny, so it cannot add its statement under that Sid"
    )]
    DenyHoldsSid { sid: String },
    #[error(
        "more than one statement has Sid {sid}; SNS requires unique Sids, fix the policy by hand"
    )]
    DuplicateSid { sid: String },
    #[error("the merged policy would be {bytes} bytes, over SNS's limit of {MAX_POLICY_BYTES}")]
    TooLarge { bytes: usize },
    #[error(
        "the merged policy would have {count} statements, over SNS's limit of {MAX_POLICY_STATEMENTS}"
    )]
    TooManyStatements { count: usize },
}

/// The statement the AWS docs ask for on each Incident Manager topic, for `topic_arn` owned by `account`.
///
/// Returns `Value::Null` only if the bundled template were not JSON, which a unit test rules out; `merge_statement`
/// refuses a non-object statement, so even then nothing wrong is written.
pub fn incident_manager_statement(topic_arn: &str, account: &str) -> Value {
    fill_template(INCIDENT_MANAGER_STATEMENT_TEMPLATE, topic_arn, account)
}

/// The policy SNS gives a topic created through the API, which a new topic starts with before the merge.
pub fn default_topic_policy(topic_arn: &str, account: &str) -> Value {
    fill_template(DEFAULT_TOPIC_POLICY_TEMPLATE, topic_arn, account)
}

/// The key-policy statement a KMS-encrypted Incident Manager topic needs (imdeck cannot read key policies).
pub fn kms_key_statement() -> Value {
    fill_template(KMS_KEY_STATEMENT_TEMPLATE, "", "")
}

fn fill_template(template: &str, topic_arn: &str, account: &str) -> Value {
    match serde_json::from_str::<Value>(template) {
        Ok(mut value) => {
            substitute(&mut value, topic_arn, account);
            value
        }
        Err(_) => Value::Null,
    }
}

/// Fills placeholders inside string values only, so the ARN never needs JSON escaping.
fn substitute(value: &mut Value, topic_arn: &str, account: &str) {
    match value {
        Value::String(s) if s.contains("{{") => {
            *s = s
                .replace("{{topic_arn}}", topic_arn)
                .replace("{{account}}", account);
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| substitute(v, topic_arn, account)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| substitute(v, topic_arn, account)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_json_objects_with_placeholders_filled() {
        let arn = "arn:aws:sns:us-east-2:111122223333:t";
        let statement = incident_manager_statement(arn, "111122223333");
        assert_eq!(statement["Sid"], INCIDENT_MANAGER_SID);
        assert_eq!(statement["Resource"], arn);
        assert_eq!(
            statement["Condition"]["StringEqualsIfExists"]["AWS:SourceAccount"],
            "111122223333"
        );
        let default = default_topic_policy(arn, "111122223333");
        assert_eq!(default["Statement"][0]["Resource"], arn);
        assert!(kms_key_statement().is_object());
    }
}
