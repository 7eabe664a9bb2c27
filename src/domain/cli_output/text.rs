//! The AWS CLI's `--output text`: a port of `awscli/text.py`.

// Scalars of an object go on one tab-separated line (keys sorted; in a list of objects, the union of
// their scalar keys, so columns line up), prefixed by the upper-cased key the object sits under; nested
// objects and lists follow on their own lines. Lists of scalars print tab-separated, or one
// `KEY\tvalue` line each under a key. Limitations: a paginated response is formatted as one page (the
// CLI formats each page on its own and prints `NEXTTOKEN` last, so columns can differ when pages carry
// different keys); a container where the CLI would print a Python `repr` is printed as compact JSON.

use serde_json::{Map, Value};

use super::json::python_number;

pub fn to_cli_text(value: &Value) -> String {
    let mut out = String::new();
    format_value(value, None, None, &mut out);
    out
}

fn format_value(
    value: &Value,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    match value {
        Value::Object(map) => format_object(map, identifier, scalar_keys, out),
        Value::Array(items) => format_list(items, identifier, out),
        scalar => {
            out.push_str(&python_str(scalar));
            out.push('\n');
        }
    }
}

fn format_list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let keys = all_scalar_keys(items);
        for item in items {
            format_value(item, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|v| !v.is_array() && !v.is_object());
        if !scalars.is_empty() {
            format_scalar_list(&scalars, identifier, out);
        }
        for item in nested {
            format_value(item, identifier, None, out);
        }
    } else {
        let scalars: Vec<&Value> = items.iter().collect();
        format_scalar_list(&scalars, identifier, out);
    }
}

fn format_scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(id) => {
            for item in items {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), python_str(item)));
            }
        }
        None => {
            let line: Vec<String> = items.iter().map(|v| python_str(v)).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
    }
}

fn format_object(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    let mut scalars: Vec<String> = Vec::new();
    let mut nested: Vec<(&String, &Value)> = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (key, value) in entries {
                if value.is_object() || value.is_array() {
                    nested.push((key, value));
                } else {
                    scalars.push(python_str(value));
                }
            }
        }
        Some(keys) => {
            for key in keys {
                scalars.push(map.get(key).map(python_str).unwrap_or_default());
            }
            let mut rest: Vec<(&String, &Value)> =
                map.iter().filter(|(k, _)| !keys.contains(k)).collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            nested = rest;
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = identifier {
            scalars.insert(0, id.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        format_value(value, Some(key), None, out);
    }
}

fn all_scalar_keys(items: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = items
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|m| {
            m.iter()
                .filter(|(_, v)| !v.is_object() && !v.is_array())
                .map(|(k, _)| k.clone())
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Python's `str()` of a JSON value: `True`, `None`, floats as `repr`.
fn python_str(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => python_number(n),
        Value::String(s) => s.clone(),
        container => container.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_of_objects_shares_columns_and_nests_under_keys() {
        let value = json!({
            "incidentRecordSummaries": [
                {"arn": "a1", "title": "Disk", "impact": 1, "incidentRecordSource": {"source": "s", "createdBy": "c"}},
                {"arn": "a2", "impact": 3, "resolvedTime": 1.5}
            ],
            "nextToken": "t"
        });
        assert_eq!(
            to_cli_text(&value),
            "t\n\
             INCIDENTRECORDSUMMARIES\ta1\t1\t\tDisk\n\
             INCIDENTRECORDSOURCE\tc\ts\n\
             INCIDENTRECORDSUMMARIES\ta2\t3\t1.5\t\n"
        );
    }

    #[test]
    fn scalar_lists_and_scalars() {
        assert_eq!(to_cli_text(&json!(["a", "b", 3])), "a\tb\t3\n");
        assert_eq!(
            to_cli_text(&json!({"chatbotSns": ["x", "y"]})),
            "CHATBOTSNS\tx\nCHATBOTSNS\ty\n"
        );
        assert_eq!(to_cli_text(&json!(null)), "None\n");
        assert_eq!(to_cli_text(&json!(true)), "True\n");
        assert_eq!(to_cli_text(&json!({})), "");
    }
}
