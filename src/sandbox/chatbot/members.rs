//! Chatbot request members: configuration ARNs, the members the Update operations share, paging.

use serde_json::{Map, Value};

use crate::sandbox::input::Checks;
use crate::sandbox::paging;

/// `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE` with the given services allowed and a non-empty resource.
pub fn is_aws_arn(s: &str, services: &[&str]) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", "aws", service, _, _, resource]
        if (services.is_empty() || services.contains(service)) && !resource.is_empty())
}

pub fn configuration_arn(
    c: &mut Checks,
    input: &Map<String, Value>,
    required: bool,
) -> Option<String> {
    let value = input.get("ChatConfigurationArn");
    let arn = if required {
        c.required_string("ChatConfigurationArn", value)
    } else {
        c.string("ChatConfigurationArn", value)
    };
    c.min_len("ChatConfigurationArn", arn.as_deref(), 19);
    c.max_len("ChatConfigurationArn", arn.as_deref(), 1169);
    if let Some(a) = &arn {
        c.pattern(
            "ChatConfigurationArn",
            Some(a),
            is_aws_arn(a, &["chatbot", "wheatley"]),
            "^arn:aws:(wheatley|chatbot):[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$",
        );
    }
    arn
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
    if let Some(role) = &iam_role_arn {
        c.pattern(
            "IamRoleArn",
            Some(role),
            is_aws_arn(role, &[]),
            "^arn:aws:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:…$",
        );
    }
    let sns_topic_arns = c.strings("SnsTopicArns", input.get("SnsTopicArns"));
    for (index, topic) in sns_topic_arns.iter().flatten().enumerate() {
        c.pattern(
            &format!("SnsTopicArns.{}.member", index + 1),
            Some(topic),
            is_aws_arn(topic, &["sns"]),
            "^arn:aws:sns:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$",
        );
    }
    let logging_level = c.string("LoggingLevel", input.get("LoggingLevel"));
    c.one_of(
        "LoggingLevel",
        logging_level.as_deref(),
        &["ERROR", "INFO", "NONE"],
    );
    let guardrail_policy_arns = c.strings("GuardrailPolicyArns", input.get("GuardrailPolicyArns"));
    for (index, policy) in guardrail_policy_arns.iter().flatten().enumerate() {
        c.pattern(
            &format!("GuardrailPolicyArns.{}.member", index + 1),
            Some(policy),
            is_aws_arn(policy, &["iam"]) && !policy.contains("/aws-service-role/"),
            "(?!.*\\/aws-service-role\\/.*)arn:aws:iam:…",
        );
    }
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
    c.range("MaxResults", max, 1, 100);
    let token = c.string("NextToken", input.get("NextToken"));
    c.min_len("NextToken", token.as_deref(), 4);
    c.max_len("NextToken", token.as_deref(), 1276);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_shapes() {
        assert!(is_aws_arn(
            "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/x",
            &["chatbot"]
        ));
        assert!(is_aws_arn(
            "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess",
            &["iam"]
        ));
        assert!(!is_aws_arn("arn:aws:sns:us-east-2:111122223333:", &["sns"]));
    }
}
