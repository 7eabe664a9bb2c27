//! ListIncidentRecords / ListTimelineEvents filters: key, union condition, and the values each key takes.

use serde_json::Value;

use crate::domain::model::{AttributeValueList, Condition, Filter};
use crate::sandbox::input::Checks;

/// Which condition a filter key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    /// `before` / `after` a timestamp.
    Time,
    /// `equals` with `stringValues`, optionally restricted to an enum.
    Strings(Option<&'static [&'static str]>),
    /// `equals` with `integerValues`.
    Integers,
}

pub fn filters(
    c: &mut Checks,
    path: &str,
    value: Option<&Value>,
    keys: &[(&str, FilterKind)],
) -> Vec<Filter> {
    let Some(items) = c.array(path, value) else {
        return Vec::new();
    };
    let key_names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = format!("{path}.{}.member", index + 1);
        let Some(map) = c.object(&item_path, Some(item)) else {
            continue;
        };
        let key = c.required_string(&format!("{item_path}.key"), map.get("key"));
        c.one_of(&format!("{item_path}.key"), key.as_deref(), &key_names);
        let condition_path = format!("{item_path}.condition");
        let condition_value = c.required(&condition_path, map.get("condition"));
        let union = c.union(
            &condition_path,
            condition_value,
            &["before", "after", "equals"],
        );
        let (Some(key), Some((member, inner))) = (key, union) else {
            continue;
        };
        let Some(kind) = keys.iter().find(|(k, _)| *k == key).map(|(_, kind)| *kind) else {
            continue;
        };
        let member_path = format!("{condition_path}.{member}");
        let condition = match (kind, member) {
            (FilterKind::Time, "before") => c
                .timestamp(&member_path, Some(inner))
                .map(Condition::Before),
            (FilterKind::Time, "after") => {
                c.timestamp(&member_path, Some(inner)).map(Condition::After)
            }
            (FilterKind::Strings(allowed), "equals") => {
                equals_values(c, &member_path, inner, "stringValues").and_then(|list| {
                    let values = c.strings(&format!("{member_path}.stringValues"), Some(list))?;
                    for (i, v) in values.iter().enumerate() {
                        let value_path = format!("{member_path}.stringValues.{}.member", i + 1);
                        if let Some(allowed) = allowed {
                            c.one_of(&value_path, Some(v), allowed);
                        }
                    }
                    Some(Condition::Equals(AttributeValueList::StringValues(values)))
                })
            }
            (FilterKind::Integers, "equals") => {
                equals_values(c, &member_path, inner, "integerValues").and_then(|list| {
                    let list_path = format!("{member_path}.integerValues");
                    let items = c.array(&list_path, Some(list))?;
                    let values = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| {
                            c.integer(&format!("{list_path}.{}.member", i + 1), Some(v))
                        })
                        .map(|v| v as i32)
                        .collect();
                    Some(Condition::Equals(AttributeValueList::IntegerValues(values)))
                })
            }
            _ => {
                let wanted = match kind {
                    FilterKind::Time => "before or after",
                    FilterKind::Strings(_) => "equals with stringValues",
                    FilterKind::Integers => "equals with integerValues",
                };
                c.fail(format!("Invalid condition for filter key {key}: {member} is not supported, use {wanted}"));
                None
            }
        };
        if let Some(condition) = condition {
            out.push(Filter { key, condition });
        }
    }
    out
}

fn equals_values<'v>(
    c: &mut Checks,
    path: &str,
    value: &'v Value,
    expected: &str,
) -> Option<&'v Value> {
    let (member, inner) = c.union(path, Some(value), &["stringValues", "integerValues"])?;
    if member != expected {
        c.fail(format!(
            "Value at '{path}' failed to satisfy constraint: this filter key takes {expected}"
        ));
        return None;
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_check_key_and_condition_kind() {
        let keys = [
            ("status", FilterKind::Strings(Some(&["OPEN", "RESOLVED"]))),
            ("creationTime", FilterKind::Time),
        ];
        let mut c = Checks::new();
        let good = json!([{"key":"status","condition":{"equals":{"stringValues":["OPEN"]}}},
                          {"key":"creationTime","condition":{"after":1704067200}}]);
        assert_eq!(filters(&mut c, "filters", Some(&good), &keys).len(), 2);
        assert!(c.is_clean());
        let bad = json!([{"key":"status","condition":{"after":1}}, {"key":"owner","condition":{"equals":{"stringValues":["x"]}}}]);
        filters(&mut c, "filters", Some(&bad), &keys);
        assert!(c.finish().is_err());
    }
}
