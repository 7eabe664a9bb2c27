//! Checks a restJson1 response body against the operation's output shape: no member, type or enum value the
//! model does not allow, and every required member present.

#![allow(dead_code)]

use serde_json::Value;

use super::model::{Model, required, target};

pub fn problems(model: &Model, operation: &str, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match model.output_shape(operation) {
        Some(shape) => walk(model, shape, body, "$", &mut out),
        None => {
            if body.as_object().is_some_and(|o| !o.is_empty()) {
                out.push(format!("$: {operation} models no output, got {body}"));
            }
        }
    }
    out
}

fn walk(model: &Model, shape_name: &str, value: &Value, path: &str, out: &mut Vec<String>) {
    let shape = model.shape(shape_name);
    let mut wrong = |what: &str| out.push(format!("{path}: {what}, got {value}"));
    match shape["type"].as_str().unwrap_or("") {
        "structure" => {
            let Some(object) = value.as_object() else {
                return wrong("expected a structure");
            };
            let members = shape["members"].as_object().cloned().unwrap_or_default();
            for (key, inner) in object {
                let member = members.iter().find(|(name, m)| {
                    m["location"].is_null()
                        && m["locationName"].as_str().unwrap_or(name.as_str()) == key
                });
                match member {
                    Some((_, m)) if !inner.is_null() => {
                        walk(model, target(m), inner, &format!("{path}.{key}"), out)
                    }
                    Some(_) => {}
                    None => out.push(format!("{path}.{key}: not a member of {shape_name}")),
                }
            }
            if shape.get("union").and_then(Value::as_bool) == Some(true) && object.len() != 1 {
                out.push(format!(
                    "{path}: union {shape_name} with {} members set",
                    object.len()
                ));
            }
            for name in required(shape) {
                let key = members[name]["locationName"].as_str().unwrap_or(name);
                if members[name]["location"].is_null() && object.get(key).is_none_or(Value::is_null)
                {
                    out.push(format!("{path}.{key}: required by {shape_name}, missing"));
                }
            }
        }
        "list" => {
            let Some(items) = value.as_array() else {
                return wrong("expected a list");
            };
            for (i, item) in items.iter().enumerate() {
                walk(
                    model,
                    target(&shape["member"]),
                    item,
                    &format!("{path}[{i}]"),
                    out,
                );
            }
        }
        "map" => {
            let Some(entries) = value.as_object() else {
                return wrong("expected a map");
            };
            for (k, v) in entries {
                walk(
                    model,
                    target(&shape["value"]),
                    v,
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        "string" => {
            let Some(text) = value.as_str() else {
                return wrong("expected a string");
            };
            if let Some(allowed) = shape.get("enum").and_then(Value::as_array)
                && !allowed.iter().any(|a| a.as_str() == Some(text))
            {
                wrong("outside the enum");
            }
        }
        "integer" | "long" if !value.is_i64() && !value.is_u64() => wrong("expected an integer"),
        "double" | "float" | "timestamp" if !value.is_number() => {
            wrong("expected a number (timestamps are epoch seconds)")
        }
        "boolean" if !value.is_boolean() => wrong("expected a boolean"),
        _ => {}
    }
}
