//! The policy table: builders for statements and the policies with their known verdicts.
#![allow(dead_code)]

use imdeck::domain::policy::{PublishVerdict, incident_manager_statement};
use serde_json::{Value, json};

pub const ACCOUNT: &str = "111122223333";
pub const OTHER: &str = "444455556666";
pub const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
pub const IM: &str = "ssm-incidents.amazonaws.com";

pub fn policy(statements: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

pub fn allow(principal: Value, action: Value, resource: Value, condition: Option<Value>) -> Value {
    let mut s = json!({"Sid": "S", "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource});
    if let Some(c) = condition {
        s["Condition"] = c;
    }
    s
}

pub fn im_allow(condition: Option<Value>) -> Value {
    allow(
        json!({"Service": IM}),
        json!("SNS:Publish"),
        json!(TOPIC),
        condition,
    )
}

pub fn own_account() -> Option<Value> {
    Some(json!({"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}}))
}

pub fn deny_im() -> Value {
    json!({"Sid": "DenyIM", "Effect": "Deny", "Principal": {"Service": IM}, "Action": "SNS:Publish", "Resource": "*"})
}

pub fn docs_statement() -> Value {
    incident_manager_statement(TOPIC, ACCOUNT)
}

/// `documented` = allowed, by name, limited to the account (pass); `broad`/`unlimited` = allowed but warn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Want {
    Documented,
    Broad,
    Unlimited,
    Kind(&'static str),
}

pub fn judge(verdict: &PublishVerdict) -> Want {
    match verdict {
        v if v.is_allowed_as_documented() => Want::Documented,
        PublishVerdict::Allowed {
            broad_principal: true,
            ..
        } => Want::Broad,
        PublishVerdict::Allowed { .. } => Want::Unlimited,
        other => Want::Kind(other.kind()),
    }
}

pub fn table() -> Vec<(&'static str, String, Want)> {
    use Want::*;
    let default_statement = json!({"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
        "Action": ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"], "Resource": TOPIC,
        "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}});
    vec![
        (
            "the docs' statement",
            policy(json!([docs_statement()])),
            Documented,
        ),
        (
            "lower-case sns:publish",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("sns:publish"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "SNS:*",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:*"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "action *",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("*"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "action sns:Pub*",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("sns:Pub*"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "action sns:Publis?",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("sns:Publis?"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "action list",
            policy(json!([allow(
                json!({"Service": IM}),
                json!(["SNS:Subscribe", "SNS:Publish"]),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "only SNS:Subscribe",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:Subscribe"),
                json!(TOPIC),
                own_account()
            )])),
            Kind("no-statement"),
        ),
        (
            "service list principal",
            policy(json!([allow(
                json!({"Service": ["events.amazonaws.com", IM]}),
                json!("SNS:Publish"),
                json!(TOPIC),
                own_account()
            )])),
            Documented,
        ),
        (
            "{\"AWS\":\"*\"} without condition",
            policy(json!([allow(
                json!({"AWS": "*"}),
                json!("SNS:Publish"),
                json!(TOPIC),
                None
            )])),
            Broad,
        ),
        (
            "Principal * with own account",
            policy(json!([allow(
                json!("*"),
                json!("SNS:Publish"),
                json!(TOPIC),
                own_account()
            )])),
            Broad,
        ),
        (
            "service given as AWS principal",
            policy(json!([allow(
                json!({"AWS": IM}),
                json!("SNS:Publish"),
                json!(TOPIC),
                own_account()
            )])),
            Kind("no-statement"),
        ),
        (
            "misspelled service",
            policy(json!([allow(
                json!({"Service": "ssm-incident.amazonaws.com"}),
                json!("SNS:Publish"),
                json!(TOPIC),
                own_account()
            )])),
            Kind("no-statement"),
        ),
        (
            "resource *",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:Publish"),
                json!("*"),
                own_account()
            )])),
            Documented,
        ),
        (
            "resource list",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:Publish"),
                json!(["arn:aws:sns:us-east-2:111122223333:x", TOPIC]),
                own_account()
            )])),
            Documented,
        ),
        (
            "wildcard resource ARN",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:Publish"),
                json!("arn:aws:sns:*:111122223333:*"),
                own_account()
            )])),
            Documented,
        ),
        (
            "wrong Region ARN",
            policy(json!([allow(
                json!({"Service": IM}),
                json!("SNS:Publish"),
                json!("arn:aws:sns:us-west-2:111122223333:My_SNS_topic"),
                own_account()
            )])),
            Kind("wrong-resource"),
        ),
        (
            "NotResource other topic",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "Principal": {"Service": IM}, "Action": "SNS:Publish", "NotResource": "arn:aws:sns:us-east-2:111122223333:x", "Condition": {"StringEquals": {"AWS:SourceAccount": ACCOUNT}}}]),
            ),
            Documented,
        ),
        (
            "NotResource this topic",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "Principal": {"Service": IM}, "Action": "SNS:Publish", "NotResource": TOPIC}]),
            ),
            Kind("wrong-resource"),
        ),
        (
            "Deny after Allow",
            policy(json!([docs_statement(), deny_im()])),
            Kind("denied-by-deny"),
        ),
        (
            "Deny before Allow",
            policy(json!([deny_im(), docs_statement()])),
            Kind("denied-by-deny"),
        ),
        (
            "Deny everyone sns:*",
            policy(
                json!([docs_statement(), {"Effect": "Deny", "Principal": "*", "Action": "sns:*", "Resource": "*"}]),
            ),
            Kind("denied-by-deny"),
        ),
        (
            "Deny other accounts only",
            policy(
                json!([docs_statement(), {"Effect": "Deny", "Principal": "*", "Action": "SNS:Publish", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": ACCOUNT}}}]),
            ),
            Documented,
        ),
        (
            "Deny with NotPrincipal IM",
            policy(
                json!([docs_statement(), {"Effect": "Deny", "NotPrincipal": {"Service": IM}, "Action": "SNS:Publish", "Resource": "*"}]),
            ),
            Documented,
        ),
        (
            "Deny with undecidable condition",
            policy(
                json!([docs_statement(), {"Sid": "D", "Effect": "Deny", "Principal": "*", "Action": "SNS:Publish", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]),
            ),
            Kind("not-proven"),
        ),
        (
            "NotAction excluding Subscribe",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "Principal": {"Service": IM}, "NotAction": ["SNS:Subscribe"], "Resource": TOPIC, "Condition": {"StringEquals": {"AWS:SourceAccount": ACCOUNT}}}]),
            ),
            Documented,
        ),
        (
            "NotAction excluding Publish",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "Principal": {"Service": IM}, "NotAction": "sns:publish", "Resource": TOPIC}]),
            ),
            Kind("no-statement"),
        ),
        (
            "NotPrincipal naming IM",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "NotPrincipal": {"Service": IM}, "Action": "SNS:Publish", "Resource": TOPIC}]),
            ),
            Kind("no-statement"),
        ),
        (
            "NotPrincipal naming someone else",
            policy(
                json!([{"Sid": "S", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "SNS:Publish", "Resource": TOPIC}]),
            ),
            Broad,
        ),
        (
            "SourceAccount of another account",
            policy(json!([im_allow(Some(
                json!({"StringEqualsIfExists": {"AWS:SourceAccount": OTHER}})
            ))])),
            Kind("scoped-to-other-account"),
        ),
        (
            "SourceOwner of another account",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"AWS:SourceOwner": OTHER}})
            ))])),
            Kind("scoped-to-other-account"),
        ),
        (
            "StringEquals SourceAccount",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"AWS:SourceAccount": ACCOUNT}})
            ))])),
            Documented,
        ),
        (
            "StringEqualsIfExists SourceAccount",
            policy(json!([im_allow(own_account())])),
            Documented,
        ),
        (
            "key in lower case",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"aws:sourceaccount": ACCOUNT}})
            ))])),
            Documented,
        ),
        (
            "account as a number",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"aws:SourceAccount": 111122223333u64}})
            ))])),
            Documented,
        ),
        (
            "StringLike account prefix",
            policy(json!([im_allow(Some(
                json!({"StringLike": {"aws:SourceAccount": "1111*"}})
            ))])),
            Documented,
        ),
        (
            "ForAnyValue:StringEquals",
            policy(json!([im_allow(Some(
                json!({"ForAnyValue:StringEquals": {"aws:SourceAccount": [OTHER, ACCOUNT]}})
            ))])),
            Documented,
        ),
        (
            "StringNotEquals own account",
            policy(json!([im_allow(Some(
                json!({"StringNotEquals": {"aws:SourceAccount": ACCOUNT}})
            ))])),
            Kind("condition-not-met"),
        ),
        (
            "Null SourceAccount false",
            policy(json!([im_allow(Some(
                json!({"Null": {"aws:SourceAccount": "false"}})
            ))])),
            Unlimited,
        ),
        (
            "no condition at all",
            policy(json!([im_allow(None)])),
            Unlimited,
        ),
        (
            "SourceOwner own account, undocumented",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"AWS:SourceOwner": ACCOUNT}})
            ))])),
            Kind("not-proven"),
        ),
        (
            "ArnLike SourceArn own account",
            policy(json!([im_allow(Some(
                json!({"ArnLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:111122223333:*"}})
            ))])),
            Documented,
        ),
        (
            "ArnLike SourceArn other account",
            policy(json!([im_allow(Some(
                json!({"ArnLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:444455556666:*"}})
            ))])),
            Kind("scoped-to-other-account"),
        ),
        (
            "ArnLike SourceArn other service",
            policy(json!([im_allow(Some(
                json!({"ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:*:111122223333:*"}})
            ))])),
            Kind("condition-not-met"),
        ),
        (
            "unknown operator",
            policy(json!([im_allow(Some(
                json!({"StringEqualz": {"aws:SourceAccount": ACCOUNT}})
            ))])),
            Kind("not-proven"),
        ),
        (
            "unknown key",
            policy(json!([im_allow(Some(
                json!({"StringEquals": {"aws:PrincipalOrgID": "o-1"}})
            ))])),
            Kind("not-proven"),
        ),
        (
            "only the SNS default statement",
            policy(json!([default_statement])),
            Kind("not-proven"),
        ),
        (
            "default statement beside the docs' one",
            policy(json!([default_statement, docs_statement()])),
            Documented,
        ),
        (
            "Statement object, not list",
            json!({"Version": "2008-10-17", "Statement": docs_statement()}).to_string(),
            Documented,
        ),
        (
            "no Statement",
            json!({"Version": "2012-10-17", "Id": "x"}).to_string(),
            Kind("no-statement"),
        ),
        ("empty policy text", String::new(), Kind("no-statement")),
        (
            "malformed JSON",
            "{\"Statement\": [".to_string(),
            Kind("malformed"),
        ),
        (
            "Statement is a string",
            json!({"Statement": "Allow"}).to_string(),
            Kind("malformed"),
        ),
        (
            "Effect neither Allow nor Deny",
            policy(
                json!([{"Effect": "Perhaps", "Principal": "*", "Action": "*", "Resource": "*"}]),
            ),
            Kind("malformed"),
        ),
    ]
}
