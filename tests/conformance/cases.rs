//! Conformance cases built from a model: each constraint broken once (refused), each bound met exactly (allowed).

#![allow(dead_code)]

use serde_json::{Map, Value};

use super::model::{Model, matches, mismatching, required, stretched, target};

/// What the sandbox must do with a case's request.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Refused with the operation's validation error, naming this path.
    Refused(String),
    /// Not refused for a model constraint at this path (a semantic answer such as 404 is fine).
    Allowed(String),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub label: String,
    pub request: Map<String, Value>,
    pub expect: Expect,
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn slot<'v>(root: &'v mut Value, loc: &[Step]) -> &'v mut Value {
    let mut here = root;
    for step in loc {
        here = match step {
            Step::Key(k) => &mut here[k.as_str()],
            Step::Index(i) => &mut here[*i],
        };
    }
    here
}

pub struct Builder<'m> {
    model: &'m Model,
    base: Value,
    pub cases: Vec<Case>,
    /// Bounds no value could be built for (a fixed-length pattern, say): counted, never passed.
    pub unreachable: Vec<String>,
}

impl<'m> Builder<'m> {
    pub fn new(model: &'m Model, base: Map<String, Value>) -> Self {
        Self {
            model,
            base: Value::Object(base),
            cases: Vec::new(),
            unreachable: Vec::new(),
        }
    }

    fn with(&mut self, loc: &[Step], label: String, value: Option<Value>, expect: Expect) {
        let mut request = self.base.clone();
        match (value, loc.split_last()) {
            (Some(v), _) => *slot(&mut request, loc) = v,
            (None, Some((Step::Key(k), parent))) => {
                if let Some(obj) = slot(&mut request, parent).as_object_mut() {
                    obj.remove(k);
                }
            }
            (None, _) => return,
        }
        if let Value::Object(request) = request {
            self.cases.push(Case {
                label,
                request,
                expect,
            });
        }
    }

    /// Every case for the input structure `shape` whose valid value is the base request.
    pub fn input(&mut self, shape: &str) {
        let members = self.model.shape(shape)["members"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let required = required(self.model.shape(shape))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        for (name, member) in &members {
            let loc = vec![Step::Key(name.clone())];
            // A URI label cannot be left out of a request line; the route itself would differ.
            if required.contains(name) && member["location"].as_str() != Some("uri") {
                self.with(
                    &loc,
                    format!("{name}: required, left out"),
                    None,
                    Expect::Refused(name.clone()),
                );
            }
            if let Some(value) = self.base.get(name).cloned() {
                self.walk(target(member), &value, &loc, name);
            }
        }
    }

    fn walk(&mut self, shape_name: &str, value: &Value, loc: &[Step], path: &str) {
        let shape = self.model.shape(shape_name).clone();
        let min = shape.get("min").and_then(Value::as_u64).map(|n| n as usize);
        let max = shape.get("max").and_then(Value::as_u64).map(|n| n as usize);
        match shape["type"].as_str().unwrap_or("") {
            "structure" => self.structure(&shape, value, loc, path),
            "list" => {
                let item_shape = target(&shape["member"]).to_string();
                let item = value
                    .get(0)
                    .cloned()
                    .unwrap_or_else(|| self.model.valid(&item_shape, true, 3));
                let sized = |n: usize| Value::Array(vec![item.clone(); n]);
                if let Some(min) = min.filter(|m| *m > 0) {
                    self.with(
                        loc,
                        format!("{path}: {} items", min - 1),
                        Some(sized(min - 1)),
                        Expect::Refused(path.into()),
                    );
                    self.with(
                        loc,
                        format!("{path}: {min} items"),
                        Some(sized(min)),
                        Expect::Allowed(path.into()),
                    );
                }
                if let Some(max) = max {
                    self.with(
                        loc,
                        format!("{path}: {} items", max + 1),
                        Some(sized(max + 1)),
                        Expect::Refused(path.into()),
                    );
                    self.with(
                        loc,
                        format!("{path}: {max} items"),
                        Some(sized(max)),
                        Expect::Allowed(path.into()),
                    );
                }
                if let Some(first) = value.get(0) {
                    let mut item_loc = loc.to_vec();
                    item_loc.push(Step::Index(0));
                    let item_path = self.model.item_path(path, 0);
                    self.walk(&item_shape, first, &item_loc, &item_path);
                }
            }
            "map" => {
                let key_shape = target(&shape["key"]).to_string();
                let value_shape = target(&shape["value"]).to_string();
                let entry = value
                    .as_object()
                    .and_then(|o| o.values().next().cloned())
                    .unwrap_or_else(|| self.model.valid(&value_shape, true, 3));
                let sized = |model: &Model, n: usize| {
                    Value::Object(
                        model
                            .distinct_keys(&key_shape, n)
                            .into_iter()
                            .map(|k| (k, entry.clone()))
                            .collect(),
                    )
                };
                if let Some(max) = max {
                    let over = sized(self.model, max + 1);
                    let at = sized(self.model, max);
                    self.with(
                        loc,
                        format!("{path}: {} entries", max + 1),
                        Some(over),
                        Expect::Refused(path.into()),
                    );
                    self.with(
                        loc,
                        format!("{path}: {max} entries"),
                        Some(at),
                        Expect::Allowed(path.into()),
                    );
                }
                if let Some((key, inner)) = value.as_object().and_then(|o| o.iter().next()) {
                    // The key's own constraints: rename the one entry.
                    let key_spec = self.model.shape(&key_shape).clone();
                    for (label, bad) in bad_strings(&key_spec) {
                        let renamed =
                            Value::Object(std::iter::once((bad.clone(), inner.clone())).collect());
                        self.with(
                            loc,
                            format!("{path} key: {label}"),
                            Some(renamed),
                            Expect::Refused(format!("{path}.{bad}")),
                        );
                    }
                    let mut entry_loc = loc.to_vec();
                    entry_loc.push(Step::Key(key.clone()));
                    self.walk(&value_shape, inner, &entry_loc, &format!("{path}.{key}"));
                }
            }
            "string" => {
                for (label, bad) in bad_strings(&shape) {
                    self.with(
                        loc,
                        format!("{path}: {label}"),
                        Some(Value::String(bad)),
                        Expect::Refused(path.into()),
                    );
                }
                if shape.get("enum").is_some() {
                    return;
                }
                let pattern = shape.get("pattern").and_then(Value::as_str);
                let sample = value.as_str().unwrap_or("a").to_string();
                for (label, len) in [("min", min.filter(|m| *m > 0)), ("max", max)] {
                    let Some(len) = len else { continue };
                    match stretched(pattern, &sample, len) {
                        Some(text) => self.with(
                            loc,
                            format!("{path}: length {len} ({label})"),
                            Some(Value::String(text)),
                            Expect::Allowed(path.into()),
                        ),
                        None => self
                            .unreachable
                            .push(format!("{path}: length {len} ({label}) with pattern")),
                    }
                }
            }
            "integer" | "long" => {
                let as_value = |n: i64| {
                    if self.model.is_query() {
                        Value::String(n.to_string())
                    } else {
                        Value::from(n)
                    }
                };
                if let Some(min) = shape.get("min").and_then(Value::as_i64) {
                    self.with(
                        loc,
                        format!("{path}: {}", min - 1),
                        Some(as_value(min - 1)),
                        Expect::Refused(path.into()),
                    );
                    self.with(
                        loc,
                        format!("{path}: {min}"),
                        Some(as_value(min)),
                        Expect::Allowed(path.into()),
                    );
                }
                if let Some(max) = shape.get("max").and_then(Value::as_i64) {
                    self.with(
                        loc,
                        format!("{path}: {}", max + 1),
                        Some(as_value(max + 1)),
                        Expect::Refused(path.into()),
                    );
                    self.with(
                        loc,
                        format!("{path}: {max}"),
                        Some(as_value(max)),
                        Expect::Allowed(path.into()),
                    );
                }
            }
            _ => {}
        }
    }

    fn structure(&mut self, shape: &Map<String, Value>, value: &Value, loc: &[Step], path: &str) {
        let members = shape["members"].as_object().cloned().unwrap_or_default();
        if shape.get("union").and_then(Value::as_bool) == Some(true) {
            self.with(
                loc,
                format!("{path}: union with no member"),
                Some(Value::Object(Map::new())),
                Expect::Refused(path.into()),
            );
            if members.len() > 1 {
                let mut both = value.as_object().cloned().unwrap_or_default();
                for (name, m) in &members {
                    both.entry(name.clone())
                        .or_insert_with(|| self.model.valid(target(m), false, 3));
                }
                self.with(
                    loc,
                    format!("{path}: union with every member"),
                    Some(Value::Object(both)),
                    Expect::Refused(path.into()),
                );
            }
        }
        let required: Vec<String> = required(shape).into_iter().map(str::to_string).collect();
        for (name, member) in &members {
            let mut member_loc = loc.to_vec();
            member_loc.push(Step::Key(name.clone()));
            let member_path = format!("{path}.{name}");
            if required.contains(name) {
                self.with(
                    &member_loc,
                    format!("{member_path}: required, left out"),
                    None,
                    Expect::Refused(member_path.clone()),
                );
            }
            if let Some(inner) = value.get(name) {
                self.walk(target(member), inner, &member_loc, &member_path);
            }
        }
    }
}

/// Strings breaking one constraint of a string shape each: too short, too long, outside the enum, off-pattern.
fn bad_strings(shape: &Map<String, Value>) -> Vec<(String, String)> {
    let min = shape.get("min").and_then(Value::as_u64).map(|n| n as usize);
    let max = shape.get("max").and_then(Value::as_u64).map(|n| n as usize);
    let pattern = shape.get("pattern").and_then(Value::as_str);
    let mut out = Vec::new();
    if let Some(min) = min.filter(|m| *m > 0) {
        out.push((format!("length {}", min - 1), "a".repeat(min - 1)));
    }
    if let Some(max) = max {
        out.push((format!("length {}", max + 1), "a".repeat(max + 1)));
    }
    if let Some(allowed) = shape.get("enum").and_then(Value::as_array) {
        let outside = "NOT_IN_THE_ENUM".to_string();
        if !allowed.iter().any(|a| a.as_str() == Some(&outside)) {
            out.push(("outside the enum".into(), outside));
        }
    }
    if let Some(pattern) = pattern {
        let len = min.unwrap_or(1).max(1).min(max.unwrap_or(usize::MAX));
        if let Some(bad) = mismatching(pattern, len) {
            debug_assert!(!matches(pattern, &bad));
            out.push(("off-pattern".into(), bad));
        }
    }
    out
}
