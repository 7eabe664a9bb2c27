//! The SNS policy evaluator and merge: a table of policies with known answers, and properties over generated ones.

use imdeck::domain::policy::{
    INCIDENT_MANAGER_SID, PolicyError, PublishVerdict, StatementChange,
    evaluate_incident_manager_publish, merge_statement,
};
use proptest::prelude::*;
use serde_json::{Value, json};

#[path = "audit_support/policy_cases.rs"]
mod policy_cases;
#[path = "audit_support/policy_strategies.rs"]
mod policy_strategies;

use policy_cases::*;
use policy_strategies::*;

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
    fn text_that_is_not_a_json_object_is_malformed_and_never_merged(text in ".{0,200}") {
        prop_assume!(!matches!(serde_json::from_str::<serde_json::Value>(&text), Ok(serde_json::Value::Object(_))));
        let verdict = evaluate_incident_manager_publish(&text, TOPIC, ACCOUNT);
        if text.trim().is_empty() {
            // A topic with no policy attribute at all: nothing allows, and the merge starts a policy.
            prop_assert!(matches!(verdict, PublishVerdict::NoStatement), "{:?}", verdict);
            let merged = merge_statement(&text, &docs_statement()).expect("a new policy");
            prop_assert_eq!(merged.change, StatementChange::Added);
        } else {
            prop_assert!(matches!(verdict, PublishVerdict::Malformed { .. }), "{:?}", verdict);
            prop_assert!(merge_statement(&text, &docs_statement()).is_err());
        }
    }
}
