//! Option values to request members: scalars, shorthand and JSON checked against their shapes.

use std::ops::Range;

use serde_json::Value;

use super::super::lexer::{quote_word, raw_text, split_words};
use super::super::report::{Edit, Report};
use super::super::shape::{Shape, TextCheck, check_text, conform};
use super::super::shorthand::parse_shorthand;
use super::super::suggest::closest;
use super::super::timestamp::{TimestampError, parse_timestamp};
use super::options::ValueWord;

/// The member value of `--name` from its value words, or `None` after reporting why not.
pub fn member_value(
    line: &str,
    name: &str,
    shape: &'static Shape,
    values: &[ValueWord],
    report: &mut Report,
) -> Option<Value> {
    let first = values.first()?;
    match shape {
        Shape::Timestamp => timestamp_value(name, first, report),
        Shape::Integer { min, max } => integer_value(name, first, *min, *max, report),
        Shape::Text {
            check: TextCheck::OneOf(choices),
            ..
        } => enum_value(name, first, choices, report),
        Shape::Text { min, max, check } => match check_text(&first.text, *min, *max, *check) {
            Ok(()) => Some(Value::String(first.text.clone())),
            Err(why) => {
                report.add(
                    first.span.clone(),
                    format!("--{name} {}: {why}", shorten(&first.text)),
                    None,
                );
                None
            }
        },
        Shape::List { .. } => list_value(line, name, shape, values, report),
        Shape::Structure { .. } | Shape::Union { .. } | Shape::Boolean => {
            let read = structured(line, first).map_err(|(why, fix)| {
                report.add(first.span.clone(), format!("--{name}: {why}"), fix)
            });
            let conformed = conform(&read.ok()?, shape, "");
            conformed
                .map_err(|e| {
                    report.add(
                        first.span.clone(),
                        format!("--{name}: {}", e.describe()),
                        None,
                    )
                })
                .ok()
        }
    }
}

fn timestamp_value(name: &str, value: &ValueWord, report: &mut Report) -> Option<Value> {
    match parse_timestamp(&value.text) {
        Ok(t) => Some(t.to_json()),
        Err(error) => {
            let fix = match &error {
                TimestampError::SpaceSeparated { fixed } => Some(value.edit(fixed)),
                TimestampError::Invalid(_) => None,
            };
            report.add(
                value.span.clone(),
                format!("--{name}: {}", error.message(&value.text)),
                fix,
            );
            None
        }
    }
}

/// Impact words people type instead of the number, with the number the console shows for them.
const IMPACT_WORDS: [(&str, i64); 6] = [
    ("critical", 1),
    ("high", 2),
    ("medium", 3),
    ("low", 4),
    ("none", 5),
    ("no-impact", 5),
];

fn integer_value(
    name: &str,
    value: &ValueWord,
    min: i64,
    max: i64,
    report: &mut Report,
) -> Option<Value> {
    let scale = if name == "impact" {
        " (1 critical, 2 high, 3 medium, 4 low, 5 no impact)"
    } else {
        ""
    };
    let Ok(number) = value.text.trim().parse::<i64>() else {
        let word = IMPACT_WORDS
            .iter()
            .find(|(w, _)| name == "impact" && w.eq_ignore_ascii_case(value.text.trim()));
        let (message, fix) = match word {
            Some((w, n)) => (
                format!(
                    "--{name} is a number, not {}; did you mean {n} ({w})?",
                    value.text
                ),
                Some(value.edit(&n.to_string())),
            ),
            None => (
                format!(
                    "--{name} is a number from {min} to {max}{scale}, not {}",
                    value.text
                ),
                None,
            ),
        };
        report.add(value.span.clone(), message, fix);
        return None;
    };
    if number < min || number > max {
        report.add(
            value.span.clone(),
            format!("--{name} {number} is out of range; it must be from {min} to {max}{scale}"),
            None,
        );
        return None;
    }
    Some(Value::from(number))
}

fn enum_value(
    name: &str,
    value: &ValueWord,
    choices: &[&str],
    report: &mut Report,
) -> Option<Value> {
    if choices.contains(&value.text.as_str()) {
        return Some(Value::String(value.text.clone()));
    }
    let suggestion = closest(&value.text, choices.iter().copied());
    let (message, fix) = match suggestion {
        Some(s) => (
            format!(
                "--{name} {} is not valid; did you mean {}? (one of {})",
                value.text,
                s.text,
                choices.join(", ")
            ),
            s.certain.then(|| value.edit(s.text)),
        ),
        None => (
            format!(
                "--{name} {} is not valid; it must be one of {}",
                value.text,
                choices.join(", ")
            ),
            None,
        ),
    };
    report.add(value.span.clone(), message, fix);
    None
}

/// Reads one structure word: JSON when it starts with `{` or `[` (as botocore decides), else shorthand.
/// On failure, the reason and, when the JSON was merely left unquoted, the quoting fix.
fn structured(line: &str, value: &ValueWord) -> Result<Value, (String, Option<Edit>)> {
    let text = value.text.trim();
    if text.starts_with(['{', '[']) {
        return serde_json::from_str(text).map_err(|e| {
            let fix = quoting_fix(line, value);
            let hint = if fix.is_some() {
                "; quote JSON in single quotes so its double quotes reach the parser"
            } else {
                ""
            };
            (format!("invalid JSON ({e}){hint}"), fix)
        });
    }
    parse_shorthand(text).map_err(|e| (format!("invalid shorthand ({e})"), None))
}

/// `{"empty":{}}` typed without quotes loses its double quotes to the word splitter; wrapping the typed
/// text in single quotes is then certainly what was meant, if that reads as JSON.
fn quoting_fix(line: &str, value: &ValueWord) -> Option<Edit> {
    if !value.edit_prefix.is_empty() {
        return None;
    }
    let typed = raw_text(line, &value.span);
    if !typed.contains('"') || typed.contains(['\'', '\\']) {
        return None;
    }
    let quoted = format!("'{typed}'");
    let (words, error) = split_words(&quoted);
    let reread = words
        .first()
        .filter(|_| error.is_none() && words.len() == 1)?;
    serde_json::from_str::<Value>(&reread.text).ok()?;
    Some(Edit::new(value.span.clone(), quoted))
}

/// A list option: each word is one item (shorthand or a JSON object), or a JSON array of items.
fn list_value(
    line: &str,
    name: &str,
    shape: &'static Shape,
    values: &[ValueWord],
    report: &mut Report,
) -> Option<Value> {
    let mut items = Vec::new();
    let mut one_item_per_word = true;
    let mut failed = false;
    for value in values {
        match structured(line, value) {
            Ok(Value::Array(list)) => {
                one_item_per_word = false;
                items.extend(list);
            }
            Ok(item) => items.push(item),
            Err((why, fix)) => {
                report.add(value.span.clone(), format!("--{name}: {why}"), fix);
                failed = true;
            }
        }
    }
    if failed {
        return None;
    }
    match conform(&Value::Array(items), shape, "") {
        Ok(v) => Some(v),
        Err(error) => {
            let all =
                values.first().map_or(0, |v| v.span.start)..values.last().map_or(0, |v| v.span.end);
            let span = item_span(values, &error.path, one_item_per_word).unwrap_or(all);
            let path = error
                .path
                .trim_start_matches(|c: char| c == '[' || c == ']' || c.is_ascii_digit());
            let path = path.trim_start_matches('.');
            let what = if path.is_empty() {
                error.message.clone()
            } else {
                format!("{path}: {}", error.message)
            };
            report.add(span, format!("--{name}: {what}"), None);
            None
        }
    }
}

/// The word holding item `[i]` of the error path, when each word is one item.
fn item_span(values: &[ValueWord], path: &str, one_item_per_word: bool) -> Option<Range<usize>> {
    if !one_item_per_word {
        return None;
    }
    let index: usize = path.strip_prefix('[')?.split(']').next()?.parse().ok()?;
    let value = values.get(index)?;
    Some(value.span.clone())
}

/// Long values (ARNs, event data) cut for messages.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= 80 {
        quote_word(text)
    } else {
        let head: String = text.chars().take(60).collect();
        format!("{head}…")
    }
}
