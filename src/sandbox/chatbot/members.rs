//! Chatbot request members: configuration ARNs, the members the Update operations share, paging.

use serde_json::{Map, Value};

use crate::sandbox::input::Checks;
use crate::sandbox::paging;

pub fn configuration_arn(
    c: &mut Checks,
    input: &Map<String, Value>,
    required: bool,
) -> Option<String> {
    let value = input.get("ChatConfigurationArn");
    if required {
        c.required_string("ChatConfigurationArn", value)
    } else {
        c.string("ChatConfigurationArn", value)
    }
}

/// Members shared by the three Update operations.
pub struct CommonUpdate {
    pub arn: String,
    pub iam_role_arn: Option<String>,
    pub sns_topic_arns: Option<Vec<String>>,
    pub logging_level: Option<String>,
    pub guardrail_policy_arns: Option<Vec<String>>,
    pub user_authorization_required: Option<bool>,
}

pub fn common_update(c: &mut Checks, input: &Map<String, Value>) -> CommonUpdate {
    let arn = configuration_arn(c, input, true).unwrap_or_default();
    let iam_role_arn = c.string("IamRoleArn", input.get("IamRoleArn"));
    let sns_topic_arns = c.strings("SnsTopicArns", input.get("SnsTopicArns"));
    let logging_level = c.string("LoggingLevel", input.get("LoggingLevel"));
    let guardrail_policy_arns = c.strings("GuardrailPolicyArns", input.get("GuardrailPolicyArns"));
    let user_authorization_required = c.boolean(
        "UserAuthorizationRequired",
        input.get("UserAuthorizationRequired"),
    );
    CommonUpdate {
        arn,
        iam_role_arn,
        sns_topic_arns,
        logging_level,
        guardrail_policy_arns,
        user_authorization_required,
    }
}

pub fn paging_input(c: &mut Checks, input: &Map<String, Value>) -> (usize, usize) {
    let max = c.integer("MaxResults", input.get("MaxResults"));
    let token = c.string("NextToken", input.get("NextToken"));
    let start = match token.as_deref() {
        None => 0,
        Some(t) => paging::offset_of(t).unwrap_or_else(|| {
            c.fail("Invalid NextToken");
            0
        }),
    };
    let size = max
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (1..=100).contains(n));
    (start, size.unwrap_or(100))
}

pub fn apply(
    common: &CommonUpdate,
    role: &mut String,
    topics: &mut Vec<String>,
    logging: &mut Option<String>,
) {
    if let Some(r) = &common.iam_role_arn {
        *role = r.clone();
    }
    if let Some(t) = &common.sns_topic_arns {
        // The list replaces the configuration's topics.
        *topics = t.clone();
    }
    if common.logging_level.is_some() {
        *logging = common.logging_level.clone();
    }
}
