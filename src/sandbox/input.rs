//! Reads JSON request members the model check has vetted, plus the failures only the sandbox's semantics find.

use serde_json::{Map, Value};

use crate::domain::model::Timestamp;

/// Collects `Value 'x' at 'path' failed to satisfy constraint: …` messages while members are read, so
/// one answer can list every problem the way AWS's `N validation errors detected: …` does.
#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<String>,
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a free-form failure.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.errors.push(message.into());
    }

    fn constraint(&mut self, value: &str, path: &str, constraint: &str) {
        self.errors.push(format!(
            "Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"
        ));
    }

    /// Records `Member must not be null` when `value` is absent or JSON null; returns it otherwise.
    pub fn required<'v>(&mut self, path: &str, value: Option<&'v Value>) -> Option<&'v Value> {
        match value {
            None | Some(Value::Null) => {
                self.errors.push(format!(
                    "Value null at '{path}' failed to satisfy constraint: Member must not be null"
                ));
                None
            }
            Some(v) => Some(v),
        }
    }

    fn type_error(&mut self, path: &str, value: &Value, expected: &str) {
        self.errors.push(format!(
            "Value '{}' at '{path}' failed to satisfy constraint: Member must be {expected}",
            shown(value)
        ));
    }

    pub fn string(&mut self, path: &str, value: Option<&Value>) -> Option<String> {
        match value? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => {
                self.type_error(path, other, "a string");
                None
            }
        }
    }

    pub fn required_string(&mut self, path: &str, value: Option<&Value>) -> Option<String> {
        let value = self.required(path, value);
        self.string(path, value)
    }

    pub fn integer(&mut self, path: &str, value: Option<&Value>) -> Option<i64> {
        match value? {
            Value::Null => None,
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.type_error(path, other, "an integer");
                None
            }
        }
    }

    pub fn boolean(&mut self, path: &str, value: Option<&Value>) -> Option<bool> {
        match value? {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                self.type_error(path, other, "a boolean");
                None
            }
        }
    }

    /// Epoch seconds as a JSON number, integer (AWS CLI) or float (Rust SDK).
    pub fn timestamp(&mut self, path: &str, value: Option<&Value>) -> Option<Timestamp> {
        match value? {
            Value::Null => None,
            Value::Number(n) => n.as_f64().map(Timestamp::from_secs_f64),
            other => {
                self.type_error(path, other, "a timestamp in epoch seconds");
                None
            }
        }
    }

    pub fn array<'v>(&mut self, path: &str, value: Option<&'v Value>) -> Option<&'v Vec<Value>> {
        match value? {
            Value::Null => None,
            Value::Array(items) => Some(items),
            other => {
                self.type_error(path, other, "a list");
                None
            }
        }
    }

    pub fn object<'v>(
        &mut self,
        path: &str,
        value: Option<&'v Value>,
    ) -> Option<&'v Map<String, Value>> {
        match value? {
            Value::Null => None,
            Value::Object(map) => Some(map),
            other => {
                self.type_error(path, other, "a structure");
                None
            }
        }
    }

    /// A list of strings; non-strings are reported and skipped.
    pub fn strings(&mut self, path: &str, value: Option<&Value>) -> Option<Vec<String>> {
        let items = self.array(path, value)?;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if let Some(s) = self.string(&format!("{path}.{}.member", index + 1), Some(item)) {
                out.push(s);
            }
        }
        Some(out)
    }

    pub fn one_of(&mut self, path: &str, value: Option<&str>, allowed: &[&str]) {
        if let Some(s) = value
            && !allowed.contains(&s)
        {
            self.constraint(
                s,
                path,
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ),
            );
        }
    }

    /// A union: an object with exactly one of `members` set. Returns that member's name and value.
    pub fn union<'v>(
        &mut self,
        path: &str,
        value: Option<&'v Value>,
        members: &[&str],
    ) -> Option<(&'v str, &'v Value)> {
        let map = self.object(path, value)?;
        let set: Vec<(&String, &Value)> = map.iter().filter(|(_, v)| !v.is_null()).collect();
        match set.as_slice() {
            [(name, inner)] if members.contains(&name.as_str()) => Some((name.as_str(), inner)),
            [(name, _)] => {
                self.errors.push(format!(
                    "Value at '{path}' failed to satisfy constraint: '{name}' is not a member of the union; expected one of [{}]",
                    members.join(", ")
                ));
                None
            }
            _ => {
                self.errors.push(format!(
                    "Value at '{path}' failed to satisfy constraint: Union must have exactly one member set, found {}",
                    set.len()
                ));
                None
            }
        }
    }

    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok` when nothing failed, else the AWS-style summary message.
    pub fn finish(self) -> Result<(), String> {
        match self.errors.len() {
            0 => Ok(()),
            1 => Err(format!("1 validation error detected: {}", self.errors[0])),
            n => Err(format!(
                "{n} validation errors detected: {}",
                self.errors.join("; ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_count_every_failure() {
        let mut checks = Checks::new();
        checks.one_of("sortBy", Some("TIME"), &["EVENT_TIME"]);
        checks.one_of("status", Some("open"), &["OPEN", "RESOLVED"]);
        let message = checks.finish().expect_err("two failures");
        assert!(
            message.starts_with("2 validation errors detected: Value 'TIME' at 'sortBy'"),
            "{message}"
        );
        assert!(
            message.contains("enum value set: [OPEN, RESOLVED]"),
            "{message}"
        );
    }

    #[test]
    fn union_needs_exactly_one_known_member() {
        let mut checks = Checks::new();
        let both = json!({"chatbotSns": ["a"], "empty": {}});
        assert!(
            checks
                .union("chatChannel", Some(&both), &["chatbotSns", "empty"])
                .is_none()
        );
        let unknown = json!({"slack": 1});
        assert!(
            checks
                .union("chatChannel", Some(&unknown), &["chatbotSns", "empty"])
                .is_none()
        );
        let ok = json!({"empty": {}});
        let mut clean = Checks::new();
        assert_eq!(
            clean
                .union("chatChannel", Some(&ok), &["chatbotSns", "empty"])
                .map(|(k, _)| k),
            Some("empty")
        );
        assert!(clean.is_clean());
        assert!(checks.finish().is_err());
    }

    #[test]
    fn timestamps_accept_integer_and_float_seconds() {
        let mut checks = Checks::new();
        assert_eq!(
            checks.timestamp("t", Some(&json!(1680294600))),
            Some(Timestamp::from_secs(1680294600))
        );
        assert_eq!(
            checks
                .timestamp("t", Some(&json!(1700000000.5)))
                .map(Timestamp::millis),
            Some(1700000000500)
        );
        assert!(
            checks
                .timestamp("t", Some(&json!("2023-03-31T20:30:00Z")))
                .is_none()
        );
        assert!(!checks.is_clean());
    }
}
