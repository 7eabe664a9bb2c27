//! `canonical_line`: the `@aws ssm-incidents …` line for a command, quoted to paste and parse back.

use serde_json::Value;

use super::build::command_members;
use super::lexer::quote_word;
use super::parse::options::as_option;
use super::shape::{Shape, conform};
use super::shorthand::{is_bare_scalar, parse_shorthand};
use super::spec::{OptionSpec, command};
use super::{ChatLine, OutputFormat};
use crate::domain::model::Timestamp;

/// The canonical chat line: options in the CLI's order, shorthand where it reads back exactly, JSON
/// otherwise, and `--output` only when it is not the default json.
pub fn canonical_line(line: &ChatLine) -> String {
    let name = line.command.cli_name();
    let mut words: Vec<String> = vec!["@aws".into(), "ssm-incidents".into(), name.into()];
    let (members, paging) = command_members(&line.command);
    if let Some(spec) = command(name) {
        for option in spec.options {
            if let Some(value) = members.get(option.member) {
                push_option(&mut words, option, value);
            }
        }
    }
    if let Some(paging) = paging {
        if let Some(n) = paging.max_items {
            words.extend(["--max-items".to_string(), n.to_string()]);
        }
        if let Some(n) = paging.page_size {
            words.extend(["--page-size".to_string(), n.to_string()]);
        }
        if let Some(token) = &paging.starting_token {
            push_value(&mut words, "--starting-token", token);
        }
    }
    if let Some(region) = &line.region {
        push_value(&mut words, "--region", region);
    }
    if let Some(query) = &line.query {
        push_value(&mut words, "--query", query);
    }
    if line.output == OutputFormat::Text {
        words.extend(["--output".to_string(), "text".to_string()]);
    }
    words.join(" ")
}

/// `--flag value`, or `--flag=value` when the value would otherwise read as an option (`-x`).
fn push_value(words: &mut Vec<String>, flag: &str, text: &str) {
    if as_option(text).is_some() {
        words.push(format!("{flag}={}", quote_word(text)));
    } else {
        words.push(flag.to_string());
        words.push(quote_word(text));
    }
}

fn push_option(words: &mut Vec<String>, option: &OptionSpec, value: &Value) {
    let flag = format!("--{}", option.name);
    if let (Shape::List { item, .. }, Value::Array(items)) = (option.shape, value) {
        words.push(flag);
        if items.is_empty() {
            words.push(quote_word("[]"));
            return;
        }
        let shorthand: Option<Vec<String>> = items.iter().map(|i| top_shorthand(i, item)).collect();
        match shorthand {
            Some(each) => words.extend(each.iter().map(|s| quote_word(s))),
            None => words.push(quote_word(&value.to_string())),
        }
        return;
    }
    let text = match option.shape {
        Shape::Timestamp => timestamp_text(value),
        Shape::Structure { .. } | Shape::Union { .. } => {
            top_shorthand(value, option.shape).unwrap_or_else(|| value.to_string())
        }
        _ => match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        },
    };
    push_value(words, &flag, &text);
}

fn timestamp_text(value: &Value) -> String {
    let timestamp = Timestamp::from_secs_f64(value.as_f64().unwrap_or(0.0));
    if timestamp.millis() % 1000 == 0 {
        chrono::DateTime::from_timestamp(timestamp.millis() / 1000, 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_else(|| value.to_string())
    } else {
        timestamp.to_rfc3339()
    }
}

/// The shorthand for a structure, if it reads back to the same value; `None` means use JSON.
fn top_shorthand(value: &Value, shape: &Shape) -> Option<String> {
    let Value::Object(map) = value else {
        return None;
    };
    let members = match shape {
        Shape::Structure { members, .. } | Shape::Union { members, .. } => *members,
        _ => return None,
    };
    let pairs: Option<Vec<String>> = map
        .iter()
        .map(|(key, v)| {
            let member = members.iter().find(|m| m.name == key)?;
            let text = match (member.shape, v) {
                (Shape::List { item, .. }, Value::Array(items))
                    if !items.is_empty()
                        && items.iter().all(|i| !i.is_object() && !i.is_array()) =>
                {
                    items
                        .iter()
                        .map(|i| nested_shorthand(i, item))
                        .collect::<Option<Vec<_>>>()?
                        .join(",")
                }
                _ => nested_shorthand(v, member.shape)?,
            };
            Some(format!("{key}={text}"))
        })
        .collect();
    let text = pairs?.join(",");
    let read_back = parse_shorthand(&text).ok()?;
    let same = conform(&read_back, shape, "").ok()? == conform(value, shape, "").ok()?;
    same.then_some(text)
}

fn nested_shorthand(value: &Value, shape: &Shape) -> Option<String> {
    match (shape, value) {
        (Shape::Timestamp, v) => Some(timestamp_text(v)),
        (_, Value::String(s)) => is_bare_scalar(s).then(|| s.clone()),
        (_, Value::Number(n)) => Some(n.to_string()),
        (_, Value::Bool(b)) => Some(b.to_string()),
        (Shape::List { item, .. }, Value::Array(items)) => {
            let each: Option<Vec<String>> =
                items.iter().map(|i| nested_shorthand(i, item)).collect();
            Some(format!("[{}]", each?.join(",")))
        }
        (Shape::Structure { members, .. } | Shape::Union { members, .. }, Value::Object(map)) => {
            let pairs: Option<Vec<String>> = map
                .iter()
                .map(|(key, v)| {
                    let member = members.iter().find(|m| m.name == key)?;
                    Some(format!("{key}={}", nested_shorthand(v, member.shape)?))
                })
                .collect();
            Some(format!("{{{}}}", pairs?.join(",")))
        }
        _ => None,
    }
}
