//! Adding a statement to a topic policy without losing anything that was there.
//!
//! Works on the JSON value (serde_json keeps key order), not on the parsed document, so every other statement,
//! the `Id` and the `Version` come out exactly as they went in.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{MAX_POLICY_BYTES, MAX_POLICY_STATEMENTS, PolicyError};

/// What the merge did to the statement with the new statement's Sid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum StatementChange {
    /// There was no statement with that Sid; it was appended.
    Added,
    /// A different statement had that Sid; it was replaced in place. Show `previous` first.
    Replaced { previous: Value },
    /// The very statement was already there; the policy is unchanged.
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeOutcome {
    pub policy: Value,
    /// `policy` as compact JSON, the form SNS stores and `set-topic-attributes` sends.
    pub text: String,
    pub change: StatementChange,
}

/// Merges `statement` into `existing_policy` (empty text = no policy yet). Idempotent; never drops or edits
/// another statement, never removes a Deny; fails rather than exceed SNS's policy limits.
pub fn merge_statement(
    existing_policy: &str,
    statement: &Value,
) -> Result<MergeOutcome, PolicyError> {
    let sid = statement
        .as_object()
        .and_then(|s| s.get("Sid"))
        .and_then(Value::as_str)
        .ok_or(PolicyError::InvalidStatement)?;
    let mut policy = if existing_policy.trim().is_empty() {
        fresh_policy()
    } else {
        serde_json::from_str::<Value>(existing_policy)
            .map_err(|e| PolicyError::Malformed(e.to_string()))?
    };
    let root = policy
        .as_object_mut()
        .ok_or_else(|| PolicyError::Shape("the policy is not a JSON object".into()))?;

    let holders = statements_with_sid(root, sid)?;
    let change = match holders.as_slice() {
        [] => {
            append_statement(root, statement.clone())?;
            StatementChange::Added
        }
        [(_, existing)] if existing == statement => StatementChange::Unchanged,
        [(_, existing)] if is_deny(existing) => {
            return Err(PolicyError::DenyHoldsSid {
                sid: sid.to_string(),
            });
        }
        [(index, existing)] => {
            let previous = existing.clone();
            replace_statement(root, *index, statement.clone());
            StatementChange::Replaced { previous }
        }
        _ => {
            return Err(PolicyError::DuplicateSid {
                sid: sid.to_string(),
            });
        }
    };

    let count = statement_count(root);
    if count > MAX_POLICY_STATEMENTS {
        return Err(PolicyError::TooManyStatements { count });
    }
    let text = serde_json::to_string(&policy).map_err(|e| PolicyError::Malformed(e.to_string()))?;
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyError::TooLarge { bytes: text.len() });
    }
    Ok(MergeOutcome {
        policy,
        text,
        change,
    })
}

fn fresh_policy() -> Value {
    let mut root = Map::new();
    root.insert("Version".into(), Value::from("2012-10-17"));
    root.insert("Statement".into(), Value::Array(Vec::new()));
    Value::Object(root)
}

fn is_deny(statement: &Value) -> bool {
    statement
        .get("Effect")
        .and_then(Value::as_str)
        .is_some_and(|e| e.eq_ignore_ascii_case("Deny"))
}

/// The statements carrying `sid`, with their index in the statement list.
fn statements_with_sid(
    root: &Map<String, Value>,
    sid: &str,
) -> Result<Vec<(usize, Value)>, PolicyError> {
    let has_sid = |s: &Value| s.get("Sid").and_then(Value::as_str) == Some(sid);
    match root.get("Statement") {
        None => Ok(Vec::new()),
        Some(single @ Value::Object(_)) => Ok(if has_sid(single) {
            vec![(0, single.clone())]
        } else {
            Vec::new()
        }),
        Some(Value::Array(items)) => Ok(items
            .iter()
            .enumerate()
            .filter(|(_, s)| has_sid(s))
            .map(|(i, s)| (i, s.clone()))
            .collect()),
        Some(_) => Err(PolicyError::Shape(
            "Statement is neither an object nor a list".into(),
        )),
    }
}

/// Appends, turning a single-object `Statement` into a list holding that same object first.
fn append_statement(root: &mut Map<String, Value>, statement: Value) -> Result<(), PolicyError> {
    match root.get_mut("Statement") {
        Some(Value::Array(items)) => items.push(statement),
        Some(single @ Value::Object(_)) => {
            let existing = single.take();
            *single = Value::Array(vec![existing, statement]);
        }
        Some(_) => {
            return Err(PolicyError::Shape(
                "Statement is neither an object nor a list".into(),
            ));
        }
        None => {
            root.insert("Statement".into(), Value::Array(vec![statement]));
        }
    }
    Ok(())
}

fn replace_statement(root: &mut Map<String, Value>, index: usize, statement: Value) {
    match root.get_mut("Statement") {
        Some(Value::Array(items)) => {
            if let Some(slot) = items.get_mut(index) {
                *slot = statement;
            }
        }
        Some(single @ Value::Object(_)) => *single = statement,
        _ => {}
    }
}

fn statement_count(root: &Map<String, Value>) -> usize {
    match root.get("Statement") {
        Some(Value::Array(items)) => items.len(),
        Some(Value::Object(_)) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_key_order_and_single_statement_object() {
        let existing = r#"{"Version":"2008-10-17","Id":"x","Statement":{"Sid":"a","Effect":"Allow","Principal":"*","Action":"sns:Subscribe","Resource":"*"}}"#;
        let outcome =
            merge_statement(existing, &json!({"Sid":"b","Effect":"Allow"})).expect("merges");
        assert_eq!(
            outcome.text,
            r#"{"Version":"2008-10-17","Id":"x","Statement":[{"Sid":"a","Effect":"Allow","Principal":"*","Action":"sns:Subscribe","Resource":"*"},{"Sid":"b","Effect":"Allow"}]}"#
        );
        assert_eq!(outcome.change, StatementChange::Added);
    }

    #[test]
    fn empty_policy_gets_a_fresh_document() {
        let outcome = merge_statement("", &json!({"Sid":"b"})).expect("merges");
        assert_eq!(
            outcome.text,
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"b"}]}"#
        );
    }

    #[test]
    fn refuses_to_overwrite_a_deny_and_to_exceed_limits() {
        let existing = r#"{"Statement":[{"Sid":"b","Effect":"Deny"}]}"#;
        assert_eq!(
            merge_statement(existing, &json!({"Sid":"b","Effect":"Allow"})),
            Err(PolicyError::DenyHoldsSid { sid: "b".into() })
        );
        let many: Vec<Value> = (0..100).map(|i| json!({"Sid": format!("s{i}")})).collect();
        let existing = json!({"Statement": many}).to_string();
        assert_eq!(
            merge_statement(&existing, &json!({"Sid":"new"})),
            Err(PolicyError::TooManyStatements { count: 101 })
        );
        let big =
            json!({"Statement":[{"Sid":"a","Resource":"x".repeat(MAX_POLICY_BYTES)}]}).to_string();
        assert!(matches!(
            merge_statement(&big, &json!({"Sid":"n"})),
            Err(PolicyError::TooLarge { .. })
        ));
    }
}
