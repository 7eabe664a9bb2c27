//! The SNS policy evaluator and merge: a table of policies with known answers, and properties over generated ones.

use imdeck::domain::policy::{
    INCIDENT_MANAGER_SID, PolicyError, PublishVerdict, StatementChange,
    evaluate_incident_manager_publish, incident_manager_statement, merge_statement,
};
use proptest::prelude::*;
use serde_json::{Value, json};

const ACCOUNT: &str = "111122223333";
const OTHER: &str = "444455556666";
const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
const IM: &str = "ssm-incidents.amazonaws.com";

fn policy(statements: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

fn allow(principal: Value, action: Value, resource: Value, condition: Option<Value>) -> Value {
    let mut s = json!({"Sid": "S", "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource});
    if let Some(c) = condition {
        s["Condition"] = c;
    }
    s
}

fn im_allow(condition: Option<Value>) -> Value {
    allow(
        json!({"Service": IM}),
        json!("SNS:Publish"),
        json!(TOPIC),
        condition,
    )
}

fn own_account() -> Option<Value> {
    Some(json!({"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}}))
}

fn deny_im() -> Value {
    json!({"Sid": "DenyIM", "Effect": "Deny", "Principal": {"Service": IM}, "Action": "SNS:Publish", "Resource": "*"})
}

fn docs_statement() -> Value {
    incident_manager_statement(TOPIC, ACCOUNT)
}

/// `documented` = allowed, by name, limited to the account (pass); `broad`/`unlimited` = allowed but warn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Documented,
    Broad,
    Unlimited,
    Kind(&'static str),
}

fn judge(verdict: &PublishVerdict) -> Want {
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

fn table() -> Vec<(&'static str, String, Want)> {
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

#[test]
fn table_of_policies() {
    let cases = table();
    assert!(cases.len() >= 25);
    let mut wrong = Vec::new();
    for (name, text, want) in &cases {
        let verdict = evaluate_incident_manager_publish(text, TOPIC, ACCOUNT);
        if judge(&verdict) != *want {
            wrong.push(format!("{name}: wanted {want:?}, got {verdict:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn scoped_verdict_names_the_other_account() {
    let text = policy(json!([im_allow(Some(
        json!({"StringEqualsIfExists": {"AWS:SourceAccount": OTHER}})
    ))]));
    let verdict = evaluate_incident_manager_publish(&text, TOPIC, ACCOUNT);
    assert_eq!(
        verdict,
        PublishVerdict::ScopedToOtherAccount {
            sid: Some("S".into()),
            accounts: vec![OTHER.into()]
        }
    );
    let request = imdeck::domain::policy::ServiceRequest::incident_manager_publish(TOPIC, ACCOUNT);
    assert!(
        verdict
            .describe(&request)
            .contains("scoped to account 444455556666")
    );
}

#[test]
fn malformed_json_keeps_the_parser_message() {
    let verdict = evaluate_incident_manager_publish("{\"Statement\": [", TOPIC, ACCOUNT);
    match verdict {
        PublishVerdict::Malformed { error } => {
            assert!(
                error.contains("not valid JSON") && error.contains("EOF"),
                "{error}"
            )
        }
        other => panic!("wanted malformed, got {other:?}"),
    }
}

#[test]
fn merge_replaces_a_wrong_docs_statement_in_place_and_keeps_the_rest() {
    let wrong = json!({"Sid": INCIDENT_MANAGER_SID, "Effect": "Allow", "Principal": {"Service": IM},
        "Action": "SNS:Publish", "Resource": TOPIC, "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": OTHER}}});
    let other = json!({"Sid": "Keep", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "SNS:Subscribe", "Resource": TOPIC});
    let existing = json!({"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [wrong.clone(), other.clone()]});
    let outcome = merge_statement(&existing.to_string(), &docs_statement()).expect("merges");
    assert_eq!(
        outcome.change,
        StatementChange::Replaced { previous: wrong }
    );
    assert_eq!(
        outcome.policy,
        json!({"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [docs_statement(), other]})
    );
    assert!(
        evaluate_incident_manager_publish(&outcome.text, TOPIC, ACCOUNT).is_allowed_as_documented()
    );
}

#[test]
fn merge_reports_malformed_policy_instead_of_overwriting_it() {
    assert!(matches!(
        merge_statement("{not json", &docs_statement()),
        Err(PolicyError::Malformed(_))
    ));
    assert!(matches!(
        merge_statement("[1]", &docs_statement()),
        Err(PolicyError::Shape(_))
    ));
}

// ---- properties over generated policies ----

fn arb_principal() -> impl Strategy<Value = (&'static str, Value)> {
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

fn arb_action() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just(("Action", json!("SNS:Publish"))),
        Just(("Action", json!("sns:*"))),
        Just(("Action", json!(["SNS:Subscribe", "sns:publish"]))),
        Just(("Action", json!("SNS:Subscribe"))),
        Just(("NotAction", json!("SNS:Subscribe"))),
        Just(("NotAction", json!("SNS:Publish"))),
    ]
}

fn arb_resource() -> impl Strategy<Value = (&'static str, Value)> {
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

fn arb_condition() -> impl Strategy<Value = Option<Value>> {
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
fn arb_statement() -> impl Strategy<Value = Value> {
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

fn arb_policy_parts()
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

fn assemble(version: Option<&str>, id: Option<&str>, statements: &[Value]) -> Value {
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

fn has_sid(statement: &Value, sid: &str) -> bool {
    statement.get("Sid").and_then(Value::as_str) == Some(sid)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn an_explicit_deny_always_denies((version, id, statements) in arb_policy_parts(), at in 0usize..8) {
        let mut with_deny = statements.clone();
        with_deny.insert(at.min(with_deny.len()), deny_im());
        let verdict = evaluate_incident_manager_publish(&assemble(version, id, &with_deny).to_string(), TOPIC, ACCOUNT);
        prop_assert_eq!(verdict.kind(), "denied-by-deny");
    }

    #[test]
    fn statement_order_never_matters(
        (version, id, statements) in arb_policy_parts(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = statements.clone();
        // A deterministic permutation from the seed: rotate, then reverse on odd seeds.
        if !shuffled.is_empty() {
            let k = (seed as usize) % shuffled.len();
            shuffled.rotate_left(k);
            if seed % 2 == 1 { shuffled.reverse(); }
        }
        let a = evaluate_incident_manager_publish(&assemble(version, id, &statements).to_string(), TOPIC, ACCOUNT);
        let b = evaluate_incident_manager_publish(&assemble(version, id, &shuffled).to_string(), TOPIC, ACCOUNT);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn merge_keeps_everything_and_is_idempotent((version, id, statements) in arb_policy_parts()) {
        let original = assemble(version, id, &statements);
        let docs = docs_statement();
        let holders: Vec<&Value> = statements.iter().filter(|s| has_sid(s, INCIDENT_MANAGER_SID)).collect();
        let merged = match merge_statement(&original.to_string(), &docs) {
            Ok(m) => m,
            Err(PolicyError::DuplicateSid { .. }) => { prop_assert!(holders.len() > 1); return Ok(()); }
            Err(PolicyError::DenyHoldsSid { .. }) => {
                prop_assert!(holders.iter().any(|s| s["Effect"] == "Deny"));
                return Ok(());
            }
            Err(other) => return Err(TestCaseError::fail(format!("unexpected error {other}"))),
        };
        // Id and Version exactly as they were.
        prop_assert_eq!(merged.policy.get("Version"), original.get("Version"));
        prop_assert_eq!(merged.policy.get("Id"), original.get("Id"));
        // Every statement without the docs' Sid survives unchanged, in order; every Deny survives.
        let after = merged.policy["Statement"].as_array().cloned().unwrap_or_default();
        let kept: Vec<&Value> = after.iter().filter(|s| !has_sid(s, INCIDENT_MANAGER_SID)).collect();
        let before: Vec<&Value> = statements.iter().filter(|s| !has_sid(s, INCIDENT_MANAGER_SID)).collect();
        prop_assert_eq!(kept, before);
        for deny in statements.iter().filter(|s| s["Effect"] == "Deny") {
            prop_assert!(after.contains(deny));
        }
        prop_assert_eq!(after.iter().filter(|s| **s == docs).count(), 1);
        // Merging again changes nothing.
        let again = merge_statement(&merged.text, &docs).expect("merges again");
        prop_assert_eq!(&again.policy, &merged.policy);
        prop_assert_eq!(again.change, StatementChange::Unchanged);
        // Without a Deny in the way, the merged policy passes the audit's test.
        if !statements.iter().any(|s| s["Effect"] == "Deny") {
            let verdict = evaluate_incident_manager_publish(&merged.text, TOPIC, ACCOUNT);
            prop_assert!(verdict.is_allowed_as_documented(), "{:?}", verdict);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = evaluate_incident_manager_publish(&text, TOPIC, ACCOUNT);
        let _ = merge_statement(&text, &docs_statement());
    }
}
