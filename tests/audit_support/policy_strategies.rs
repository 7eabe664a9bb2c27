//! Proptest strategies for generated SNS policies.

use imdeck::domain::policy::INCIDENT_MANAGER_SID;
use proptest::prelude::*;
use serde_json::{Value, json};

use super::policy_cases::{ACCOUNT, IM, OTHER, TOPIC};

pub fn arb_principal() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just(("Principal", json!({"Service": IM}))),
        Just(("Principal", json!({"Service": ["sns.amazonaws.com", IM]}))),
        Just(("Principal", json!("*"))),
        Just(("Principal", json!({"AWS": "*"}))),
        Just((
            "Principal",
            json!({"AWS": "arn:aws:iam::111122223333:root"})
        )),
        Just(("NotPrincipal", json!({"Service": IM}))),
        Just((
            "NotPrincipal",
            json!({"AWS": "arn:aws:iam::444455556666:root"})
        )),
    ]
}

pub fn arb_action() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just(("Action", json!("SNS:Publish"))),
        Just(("Action", json!("sns:*"))),
        Just(("Action", json!(["SNS:Subscribe", "sns:publish"]))),
        Just(("Action", json!("SNS:Subscribe"))),
        Just(("NotAction", json!("SNS:Subscribe"))),
        Just(("NotAction", json!("SNS:Publish"))),
    ]
}

pub fn arb_resource() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just(("Resource", json!(TOPIC))),
        Just(("Resource", json!("*"))),
        Just((
            "Resource",
            json!("arn:aws:sns:us-west-2:111122223333:My_SNS_topic")
        )),
        Just((
            "NotResource",
            json!("arn:aws:sns:us-east-2:111122223333:other")
        )),
    ]
}

pub fn arb_condition() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(
            json!({"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}})
        )),
        Just(Some(json!({"StringEquals": {"aws:sourceaccount": OTHER}}))),
        Just(Some(json!({"StringEquals": {"AWS:SourceOwner": ACCOUNT}}))),
        Just(Some(
            json!({"StringNotEquals": {"AWS:SourceAccount": ACCOUNT}})
        )),
        Just(Some(
            json!({"ArnLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:111122223333:*"}})
        )),
        Just(Some(
            json!({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})
        )),
        Just(Some(json!({"Mystery": {"aws:SourceAccount": ACCOUNT}}))),
    ]
}

/// A statement; `sid_choice` 0 gives it the docs' Sid (so merges meet it), otherwise a unique one.
pub fn arb_statement() -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        arb_principal(),
        arb_action(),
        arb_resource(),
        arb_condition(),
        0u8..8,
        any::<u32>(),
    )
        .prop_map(
            |(deny, (pk, pv), (ak, av), (rk, rv), condition, sid_choice, n)| {
                let mut s = serde_json::Map::new();
                let sid = if sid_choice == 0 {
                    INCIDENT_MANAGER_SID.to_string()
                } else {
                    format!("S{n}")
                };
                s.insert("Sid".into(), json!(sid));
                s.insert("Effect".into(), json!(if deny { "Deny" } else { "Allow" }));
                s.insert(pk.into(), pv);
                s.insert(ak.into(), av);
                s.insert(rk.into(), rv);
                if let Some(c) = condition {
                    s.insert("Condition".into(), c);
                }
                Value::Object(s)
            },
        )
}

pub fn arb_policy_parts()
-> impl Strategy<Value = (Option<&'static str>, Option<&'static str>, Vec<Value>)> {
    (
        prop_oneof![
            Just(None),
            Just(Some("2008-10-17")),
            Just(Some("2012-10-17"))
        ],
        prop_oneof![
            Just(None),
            Just(Some("__default_policy_ID")),
            Just(Some("custom-id"))
        ],
        prop::collection::vec(arb_statement(), 0..7),
    )
}

pub fn assemble(version: Option<&str>, id: Option<&str>, statements: &[Value]) -> Value {
    let mut root = serde_json::Map::new();
    if let Some(v) = version {
        root.insert("Version".into(), json!(v));
    }
    if let Some(i) = id {
        root.insert("Id".into(), json!(i));
    }
    root.insert("Statement".into(), Value::Array(statements.to_vec()));
    Value::Object(root)
}

pub fn has_sid(statement: &Value, sid: &str) -> bool {
    statement.get("Sid").and_then(Value::as_str) == Some(sid)
}
