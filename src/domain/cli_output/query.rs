//! `--query`: JMESPath over a response, with objects kept in the order the AWS CLI would print them.

// The jmespath crate stores objects in a `BTreeMap`, so its results come back with sorted keys, where the
// CLI (Python dicts) keeps the response's order, and a multi-select hash `{Title: title, Arn: arn}` keeps
// the expression's order. Each result object is therefore put back in the order of the first known key
// order that holds all its keys: the expression's multi-select hashes first, then the response's objects.
// Known difference: the crate's `sum`, `ceil`, `floor` and `abs` return floats (`3.0`) where Python
// returns integers.

use std::collections::HashSet;

use jmespath::Variable;
use jmespath::ast::Ast;
use serde_json::{Map, Value};

/// The result of `expression` over `response`, or why it failed.
pub fn search(response: &Value, expression: &str) -> Result<Value, String> {
    let compiled = jmespath::compile(expression).map_err(|e| {
        format!(
            "invalid --query: {} at character {}",
            e.reason,
            e.offset + 1
        )
    })?;
    let data = Variable::try_from(response).map_err(|e| format!("--query failed: {}", e.reason))?;
    let result = compiled
        .search(data)
        .map_err(|e| format!("--query failed: {}", e.reason))?;
    let mut orders = Vec::new();
    let mut seen = HashSet::new();
    multi_hash_orders(compiled.as_ast(), &mut orders, &mut seen);
    object_orders(response, &mut orders, &mut seen);
    Ok(reorder(to_json(&result), &orders))
}

fn to_json(variable: &Variable) -> Value {
    match variable {
        Variable::Null | Variable::Expref(_) => Value::Null,
        Variable::String(s) => Value::String(s.clone()),
        Variable::Bool(b) => Value::Bool(*b),
        Variable::Number(n) => Value::Number(n.clone()),
        Variable::Array(items) => Value::Array(items.iter().map(|v| to_json(v)).collect()),
        Variable::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn multi_hash_orders(ast: &Ast, orders: &mut Vec<Vec<String>>, seen: &mut HashSet<Vec<String>>) {
    let mut visit = |child: &Ast| multi_hash_orders(child, orders, seen);
    match ast {
        Ast::MultiHash { elements, .. } => {
            for element in elements {
                visit(&element.value);
            }
            let keys: Vec<String> = elements.iter().map(|e| e.key.clone()).collect();
            if seen.insert(keys.clone()) {
                orders.insert(0, keys);
            }
        }
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            visit(lhs);
            visit(rhs);
        }
        Ast::Condition {
            predicate, then, ..
        } => {
            visit(predicate);
            visit(then);
        }
        Ast::Expref { ast, .. } => visit(ast),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            visit(node)
        }
        Ast::Function { args, .. } => args.iter().for_each(visit),
        Ast::MultiList { elements, .. } => elements.iter().for_each(visit),
        Ast::Identity { .. }
        | Ast::Field { .. }
        | Ast::Index { .. }
        | Ast::Literal { .. }
        | Ast::Slice { .. } => {}
    }
}

fn object_orders(value: &Value, orders: &mut Vec<Vec<String>>, seen: &mut HashSet<Vec<String>>) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            if seen.insert(keys.clone()) {
                orders.push(keys);
            }
            map.values().for_each(|v| object_orders(v, orders, seen));
        }
        Value::Array(items) => items.iter().for_each(|v| object_orders(v, orders, seen)),
        _ => {}
    }
}

fn reorder(value: Value, orders: &[Vec<String>]) -> Value {
    match value {
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| reorder(v, orders)).collect())
        }
        Value::Object(mut map) => {
            let order = orders.iter().find(|o| map.keys().all(|k| o.contains(k)));
            let mut keys: Vec<String> = map.keys().cloned().collect();
            if let Some(order) = order {
                keys.sort_by_key(|k| order.iter().position(|o| o == k));
            }
            let mut out = Map::new();
            for key in keys {
                if let Some(v) = map.remove(&key) {
                    out.insert(key, reorder(v, orders));
                }
            }
            Value::Object(out)
        }
        scalar => scalar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(value: &Value) -> Vec<String> {
        value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn response_order_survives_the_query() {
        let response = json!({"incidentRecord": {"title": "t", "arn": "a", "status": "OPEN"}});
        let result = search(&response, "incidentRecord").unwrap_or(Value::Null);
        assert_eq!(keys(&result), vec!["title", "arn", "status"]);
    }

    #[test]
    fn multi_select_hash_keeps_the_expression_order() {
        let response = json!({"items": [{"title": "t", "arn": "a"}]});
        let result = search(&response, "items[].{Z: title, A: arn}").unwrap_or(Value::Null);
        assert_eq!(result, json!([{"Z": "t", "A": "a"}]));
        assert_eq!(keys(&result[0]), vec!["Z", "A"]);
    }

    #[test]
    fn invalid_expressions_are_errors() {
        assert!(search(&json!({}), "items[").is_err());
        assert_eq!(search(&json!({}), "missing"), Ok(Value::Null));
    }
}
