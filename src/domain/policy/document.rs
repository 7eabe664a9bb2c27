//! A tolerant reading of an access-policy document: every shape IAM accepts, normalised into lists.

use serde_json::{Map, Value};

use super::PolicyError;

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    pub version: Option<String>,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// The principals a `Principal` or `NotPrincipal` element names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Principals {
    /// `"*"` or `{"AWS": "*"}`: everyone, service principals included.
    pub everyone: bool,
    pub aws: Vec<String>,
    pub service: Vec<String>,
    /// Federated and CanonicalUser principals, which never name a service.
    pub other: Vec<String>,
}

impl Principals {
    /// Is this service principal named, either exactly or through `*`?
    pub fn includes_service(&self, service: &str) -> bool {
        self.everyone || self.names_service(service)
    }

    /// Is this service principal named explicitly (not only through `*`)?
    pub fn names_service(&self, service: &str) -> bool {
        self.service.iter().any(|s| s.eq_ignore_ascii_case(service))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalClause {
    Principal(Principals),
    NotPrincipal(Principals),
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: patterns that must match, or must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternClause {
    Matches(Vec<String>),
    MatchesNot(Vec<String>),
}

/// One `"Operator": {"Key": value or values}` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionClause {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub principal: PrincipalClause,
    pub action: PatternClause,
    pub resource: PatternClause,
    pub conditions: Vec<ConditionClause>,
    /// The statement as written, for showing and for order-independent tie-breaks.
    pub source: Value,
}

impl PolicyDocument {
    /// Parses policy JSON; a syntax error keeps serde's message, a shape error says which statement is wrong.
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| PolicyError::Malformed(e.to_string()))?;
        Self::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Self, PolicyError> {
        let root = value
            .as_object()
            .ok_or_else(|| shape("the policy is not a JSON object"))?;
        let version = optional_string(root, "Version")?;
        let id = optional_string(root, "Id")?;
        let statements = match root.get("Statement") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| Statement::from_value(item, i))
                .collect::<Result<_, _>>()?,
            Some(single @ Value::Object(_)) => vec![Statement::from_value(single, 0)?],
            Some(_) => return Err(shape("Statement is neither an object nor a list")),
        };
        Ok(Self {
            version,
            id,
            statements,
        })
    }
}

impl Statement {
    fn from_value(value: &Value, index: usize) -> Result<Self, PolicyError> {
        let at = |what: &str| shape(&format!("statement {}: {what}", index + 1));
        let map = value.as_object().ok_or_else(|| at("not a JSON object"))?;
        let sid = optional_string(map, "Sid")?;
        let effect = match map.get("Effect").and_then(Value::as_str) {
            Some(e) if e.eq_ignore_ascii_case("Allow") => Effect::Allow,
            Some(e) if e.eq_ignore_ascii_case("Deny") => Effect::Deny,
            _ => return Err(at("Effect must be Allow or Deny")),
        };
        let principal = match (map.get("Principal"), map.get("NotPrincipal")) {
            (Some(p), None) => {
                PrincipalClause::Principal(parse_principals(p).ok_or_else(|| at("bad Principal"))?)
            }
            (None, Some(p)) => PrincipalClause::NotPrincipal(
                parse_principals(p).ok_or_else(|| at("bad NotPrincipal"))?,
            ),
            _ => return Err(at("needs exactly one of Principal and NotPrincipal")),
        };
        let action = pattern_clause(map, "Action", "NotAction")
            .ok_or_else(|| at("needs exactly one of Action and NotAction, as strings"))?;
        let resource = pattern_clause(map, "Resource", "NotResource")
            .ok_or_else(|| at("needs exactly one of Resource and NotResource, as strings"))?;
        let conditions = match map.get("Condition") {
            None => Vec::new(),
            Some(c) => parse_conditions(c)
                .ok_or_else(|| at("Condition is not {operator: {key: values}}"))?,
        };
        Ok(Self {
            sid,
            effect,
            principal,
            action,
            resource,
            conditions,
            source: value.clone(),
        })
    }
}

fn shape(what: &str) -> PolicyError {
    PolicyError::Shape(what.to_string())
}

fn optional_string(map: &Map<String, Value>, key: &str) -> Result<Option<String>, PolicyError> {
    match map.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(shape(&format!("{key} is not a string"))),
    }
}

/// A string or a list of strings; `None` for anything else.
fn string_list(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// Like `string_list`, but condition values may also be numbers or booleans, which IAM compares as text.
fn condition_values(value: &Value) -> Option<Vec<String>> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        Value::Array(items) => items.iter().map(scalar).collect(),
        other => scalar(other).map(|s| vec![s]),
    }
}

fn parse_principals(value: &Value) -> Option<Principals> {
    let mut principals = Principals::default();
    match value {
        Value::String(s) if s == "*" => principals.everyone = true,
        Value::Object(map) => {
            for (kind, names) in map {
                let names = string_list(names)?;
                match kind.as_str() {
                    "AWS" => {
                        principals.everyone |= names.iter().any(|n| n == "*");
                        principals.aws.extend(names);
                    }
                    "Service" => principals.service.extend(names),
                    _ => principals.other.extend(names),
                }
            }
        }
        _ => return None,
    }
    Some(principals)
}

fn pattern_clause(
    map: &Map<String, Value>,
    positive: &str,
    negative: &str,
) -> Option<PatternClause> {
    match (map.get(positive), map.get(negative)) {
        (Some(v), None) => string_list(v).map(PatternClause::Matches),
        (None, Some(v)) => string_list(v).map(PatternClause::MatchesNot),
        _ => None,
    }
}

fn parse_conditions(value: &Value) -> Option<Vec<ConditionClause>> {
    let mut clauses = Vec::new();
    for (operator, keys) in value.as_object()? {
        for (key, values) in keys.as_object()? {
            clauses.push(ConditionClause {
                operator: operator.clone(),
                key: key.clone(),
                values: condition_values(values)?,
            });
        }
    }
    Some(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_statement_object_and_string_forms() {
        let doc = PolicyDocument::parse(
            r#"{"Statement":{"Effect":"Allow","Principal":{"Service":["a","b"]},"Action":"sns:publish","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":111122223333}}}}"#,
        )
        .expect("parses");
        assert_eq!(doc.statements.len(), 1);
        let s = &doc.statements[0];
        assert_eq!(s.action, PatternClause::Matches(vec!["sns:publish".into()]));
        assert_eq!(s.conditions[0].values, vec!["111122223333".to_string()]);
        assert!(matches!(&s.principal, PrincipalClause::Principal(p) if p.service.len() == 2));
    }

    #[test]
    fn rejects_statement_without_principal() {
        let err = PolicyDocument::parse(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )
        .expect_err("no principal");
        assert!(matches!(err, PolicyError::Shape(m) if m.contains("statement 1")));
    }
}
