//! Rebuilds an awsQuery form (`Tags.member.1.Key=…`) into the nested value its input shape describes.

use serde_json::{Map, Value};

use super::model::Model;
use crate::sandbox::sns::Params;

/// The members of structure `shape_name` found under `prefix` (`""` at the top).
pub fn structure(
    model: &Model,
    shape_name: &str,
    params: &Params,
    prefix: &str,
) -> Map<String, Value> {
    let mut out = Map::new();
    let members = model
        .shape(shape_name)
        .and_then(|s| s.get("members"))
        .and_then(Value::as_object);
    for (name, member) in members.into_iter().flatten() {
        let Some(target) = member.get("shape").and_then(Value::as_str) else {
            continue;
        };
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        if let Some(value) = value(model, target, params, &key) {
            out.insert(name.clone(), value);
        }
    }
    out
}

/// The value of shape `shape_name` at form key `key`, or `None` when the form holds nothing there.
fn value(model: &Model, shape_name: &str, params: &Params, key: &str) -> Option<Value> {
    let shape = model.shape(shape_name)?;
    match shape.get("type").and_then(Value::as_str).unwrap_or("") {
        "structure" => {
            let members = structure(model, shape_name, params, key);
            (!members.is_empty()).then_some(Value::Object(members))
        }
        "list" => {
            let item = shape
                .get("member")
                .and_then(|m| m.get("shape"))
                .and_then(Value::as_str)?;
            let items: Vec<Value> = (1..)
                .map_while(|n| value(model, item, params, &format!("{key}.member.{n}")))
                .collect();
            // `Key=` with no members is how awsQuery sends an empty list.
            (!items.is_empty() || params.get(key).is_some()).then_some(Value::Array(items))
        }
        "map" => {
            let value_shape = shape
                .get("value")
                .and_then(|m| m.get("shape"))
                .and_then(Value::as_str)?;
            let mut entries = Map::new();
            for n in 1.. {
                let entry = format!("{key}.entry.{n}");
                let k = params.get(&format!("{entry}.key"));
                let v = value(model, value_shape, params, &format!("{entry}.value"));
                if k.is_none() && v.is_none() {
                    break;
                }
                entries.insert(k.unwrap_or("").to_string(), v.unwrap_or(Value::Null));
            }
            (!entries.is_empty() || params.get(key).is_some()).then_some(Value::Object(entries))
        }
        _ => params.get(key).map(|text| Value::String(text.to_string())),
    }
}
