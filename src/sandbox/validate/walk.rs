//! Walks a request value against a model shape, to any depth, collecting AWS-worded constraint failures.

use serde_json::{Map, Value};

use super::model::Model;

/// How the request reached the sandbox, which decides how scalars arrive and how list paths are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// restJson1 body: typed JSON scalars; list items at `path.N.member`.
    Json,
    /// awsQuery form: every scalar is text; list items at `path.member.N`.
    Query,
}

/// Collects `Value 'x' at 'path' failed to satisfy constraint: …` failures for one request.
pub struct Walker<'m> {
    model: &'m Model,
    wire: Wire,
    pub errors: Vec<String>,
}

fn number_of(spec: &Map<String, Value>, key: &str) -> Option<f64> {
    spec.get(key).and_then(Value::as_f64)
}

/// A bound as the model writes it (`256`, not `256.0`).
fn bound(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

impl<'m> Walker<'m> {
    pub fn new(model: &'m Model, wire: Wire) -> Self {
        Self {
            model,
            wire,
            errors: Vec::new(),
        }
    }

    fn fail(&mut self, shown: Option<&str>, path: &str, constraint: &str) {
        let value = shown.map_or(String::new(), |s| format!(" '{s}'"));
        self.errors.push(format!(
            "Value{value} at '{path}' failed to satisfy constraint: {constraint}"
        ));
    }

    fn null(&mut self, path: &str) {
        self.errors.push(format!(
            "Value null at '{path}' failed to satisfy constraint: Member must not be null"
        ));
    }

    /// The members of an operation's input structure. In restJson1 a member bound to the query string, a
    /// header or the URI arrives under its `locationName`, as text.
    pub fn input(&mut self, shape_name: &str, input: &Map<String, Value>) {
        let Some(shape) = self.model.shape(shape_name) else {
            return;
        };
        let required = required_of(shape);
        let Some(members) = shape.get("members").and_then(Value::as_object) else {
            return;
        };
        for (name, member) in members {
            let key = member
                .get("locationName")
                .and_then(Value::as_str)
                .unwrap_or(name);
            let bound_outside_body = member.get("location").is_some();
            let Some(target) = member.get("shape").and_then(Value::as_str) else {
                continue;
            };
            match input.get(key) {
                None | Some(Value::Null) => {
                    if required.contains(&name.as_str()) {
                        self.null(name);
                    }
                }
                Some(value) => {
                    let as_text = bound_outside_body || self.wire == Wire::Query;
                    let is_list = self
                        .model
                        .shape(target)
                        .is_some_and(|s| s.get("type").and_then(Value::as_str) == Some("list"));
                    // A list in the query string given once arrives as one string.
                    if bound_outside_body && is_list && value.is_string() {
                        self.value(target, &Value::Array(vec![value.clone()]), name, as_text);
                    } else {
                        self.value(target, value, name, as_text);
                    }
                }
            }
        }
    }

    /// Checks `value` against shape `shape_name`. `as_text`: scalars arrive as strings (query string, form).
    pub fn value(&mut self, shape_name: &str, value: &Value, path: &str, as_text: bool) {
        let Some(shape) = self.model.shape(shape_name) else {
            return;
        };
        let kind = shape.get("type").and_then(Value::as_str).unwrap_or("");
        let sensitive = shape.get("sensitive").and_then(Value::as_bool) == Some(true);
        match kind {
            "structure" => self.structure(shape, value, path, as_text),
            "list" => self.list(shape, value, path, as_text),
            "map" => self.map(shape, value, path, as_text),
            "string" => match value.as_str() {
                Some(text) => self.string(shape, text, path, sensitive),
                None => self.fail(Some(&shown(value)), path, "Member must be a string"),
            },
            "integer" | "long" => match integer(value, as_text) {
                Some(n) => self.range(shape, n as f64, path),
                None => self.fail(Some(&shown(value)), path, "Member must be an integer"),
            },
            "double" | "float" => match float(value, as_text) {
                Some(n) => self.range(shape, n, path),
                None => self.fail(Some(&shown(value)), path, "Member must be a number"),
            },
            "boolean" => {
                let ok = value.is_boolean()
                    || (as_text && matches!(value.as_str(), Some("true" | "false")));
                if !ok {
                    self.fail(Some(&shown(value)), path, "Member must be a boolean");
                }
            }
            "timestamp" => {
                let ok =
                    value.is_number() || (as_text && value.as_str().is_some_and(is_timestamp_text));
                if !ok {
                    self.fail(
                        Some(&shown(value)),
                        path,
                        "Member must be a timestamp in epoch seconds",
                    );
                }
            }
            "blob" => {
                use base64::Engine;
                let ok = value
                    .as_str()
                    .is_some_and(|s| base64::engine::general_purpose::STANDARD.decode(s).is_ok());
                if !ok {
                    self.fail(Some(&shown(value)), path, "Member must be base64 data");
                }
            }
            _ => {}
        }
    }

    fn structure(&mut self, shape: &Map<String, Value>, value: &Value, path: &str, as_text: bool) {
        let Some(object) = value.as_object() else {
            self.fail(Some(&shown(value)), path, "Member must be a structure");
            return;
        };
        let members = shape
            .get("members")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if shape.get("union").and_then(Value::as_bool) == Some(true) {
            let set: Vec<&String> = object
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, _)| k)
                .collect();
            match set.as_slice() {
                [name] if members.contains_key(name.as_str()) => {}
                [name] => {
                    let names: Vec<&str> = members.keys().map(String::as_str).collect();
                    self.errors.push(format!(
                        "Value at '{path}' failed to satisfy constraint: '{name}' is not a member of the union; expected one of [{}]",
                        names.join(", ")
                    ));
                    return;
                }
                _ => {
                    self.errors.push(format!(
                        "Value at '{path}' failed to satisfy constraint: Union must have exactly one member set, found {}",
                        set.len()
                    ));
                    return;
                }
            }
        }
        let required = required_of(shape);
        for (name, member) in &members {
            let Some(target) = member.get("shape").and_then(Value::as_str) else {
                continue;
            };
            let member_path = format!("{path}.{name}");
            match object.get(name) {
                None | Some(Value::Null) => {
                    if required.contains(&name.as_str()) {
                        self.null(&member_path);
                    }
                }
                Some(inner) => self.value(target, inner, &member_path, as_text),
            }
        }
    }

    fn size(&mut self, shape: &Map<String, Value>, len: usize, path: &str) {
        if let Some(min) = number_of(shape, "min")
            && (len as f64) < min
        {
            self.fail(
                None,
                path,
                &format!(
                    "Member must have length greater than or equal to {}",
                    bound(min)
                ),
            );
        }
        if let Some(max) = number_of(shape, "max")
            && (len as f64) > max
        {
            self.fail(
                None,
                path,
                &format!(
                    "Member must have length less than or equal to {}",
                    bound(max)
                ),
            );
        }
    }

    fn list(&mut self, shape: &Map<String, Value>, value: &Value, path: &str, as_text: bool) {
        let Some(items) = value.as_array() else {
            self.fail(Some(&shown(value)), path, "Member must be a list");
            return;
        };
        self.size(shape, items.len(), path);
        let Some(target) = shape
            .get("member")
            .and_then(|m| m.get("shape"))
            .and_then(Value::as_str)
        else {
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let item_path = match self.wire {
                Wire::Json => format!("{path}.{}.member", index + 1),
                Wire::Query => format!("{path}.member.{}", index + 1),
            };
            if item.is_null() {
                self.null(&item_path);
            } else {
                self.value(target, item, &item_path, as_text);
            }
        }
    }

    fn map(&mut self, shape: &Map<String, Value>, value: &Value, path: &str, as_text: bool) {
        let Some(entries) = value.as_object() else {
            self.fail(Some(&shown(value)), path, "Member must be a map");
            return;
        };
        self.size(shape, entries.len(), path);
        let key_shape = shape
            .get("key")
            .and_then(|m| m.get("shape"))
            .and_then(Value::as_str);
        let value_shape = shape
            .get("value")
            .and_then(|m| m.get("shape"))
            .and_then(Value::as_str);
        for (key, inner) in entries {
            let entry_path = format!("{path}.{key}");
            if let Some(key_shape) = key_shape {
                self.value(key_shape, &Value::String(key.clone()), &entry_path, as_text);
            }
            match (value_shape, inner) {
                (_, Value::Null) => self.null(&entry_path),
                (Some(value_shape), inner) => self.value(value_shape, inner, &entry_path, as_text),
                (None, _) => {}
            }
        }
    }

    fn string(&mut self, shape: &Map<String, Value>, text: &str, path: &str, sensitive: bool) {
        let chars = text.chars().count() as f64;
        let shown = (!sensitive).then_some(text);
        if let Some(min) = number_of(shape, "min")
            && chars < min
        {
            self.fail(
                shown,
                path,
                &format!(
                    "Member must have length greater than or equal to {}",
                    bound(min)
                ),
            );
        }
        if let Some(max) = number_of(shape, "max")
            && chars > max
        {
            self.fail(
                shown,
                path,
                &format!(
                    "Member must have length less than or equal to {}",
                    bound(max)
                ),
            );
        }
        if let Some(allowed) = shape.get("enum").and_then(Value::as_array)
            && !allowed.iter().any(|a| a.as_str() == Some(text))
        {
            let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            self.fail(
                shown,
                path,
                &format!("Member must satisfy enum value set: [{}]", names.join(", ")),
            );
        }
        if let Some(source) = shape.get("pattern").and_then(Value::as_str) {
            // A pattern no engine can evaluate refuses the value: the sandbox must never be kinder than AWS,
            // and the model unit test proves every vendored pattern compiles.
            let ok = self
                .model
                .pattern(source)
                .and_then(|p| p.matches(text))
                .unwrap_or(false);
            if !ok {
                self.fail(
                    shown,
                    path,
                    &format!("Member must satisfy regular expression pattern: {source}"),
                );
            }
        }
    }

    fn range(&mut self, shape: &Map<String, Value>, n: f64, path: &str) {
        let shown = bound(n);
        if let Some(min) = number_of(shape, "min")
            && n < min
        {
            self.fail(
                Some(&shown),
                path,
                &format!(
                    "Member must have value greater than or equal to {}",
                    bound(min)
                ),
            );
        }
        if let Some(max) = number_of(shape, "max")
            && n > max
        {
            self.fail(
                Some(&shown),
                path,
                &format!(
                    "Member must have value less than or equal to {}",
                    bound(max)
                ),
            );
        }
    }
}

fn required_of(shape: &Map<String, Value>) -> Vec<&str> {
    shape
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn integer(value: &Value, as_text: bool) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) if as_text => s.trim().parse().ok(),
        _ => None,
    }
}

fn float(value: &Value, as_text: bool) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if as_text => s.trim().parse().ok(),
        _ => None,
    }
}

/// A timestamp written as text: epoch seconds or ISO 8601 (RFC 3339).
fn is_timestamp_text(text: &str) -> bool {
    text.parse::<f64>().is_ok() || chrono::DateTime::parse_from_rfc3339(text).is_ok()
}
