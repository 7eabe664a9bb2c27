//! The AWS CLI's own options: `--region`, `--query`, `--output`, pagination and `--cli-input-json`.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::super::OutputFormat;
use super::super::report::Report;
use super::super::shape::{Shape, conform};
use super::super::spec::CommandSpec;
use super::super::suggest::closest;
use super::options::ValueWord;

#[derive(Debug, Default)]
pub struct Globals {
    pub region: Option<String>,
    pub query: Option<String>,
    pub output: Option<OutputFormat>,
    pub max_items: Option<usize>,
    pub page_size: Option<i32>,
    pub starting_token: Option<String>,
    /// The `--cli-input-json` object and its word, merged after the explicit options.
    pub cli_input: Option<(Map<String, Value>, ValueWord)>,
}

/// `us-east-2`, `eu-west-1`, `us-gov-west-1`, `ap-southeast-4`: letters, dash-separated, a final number.
fn is_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

pub fn global_value(name: &str, value: &ValueWord, globals: &mut Globals, report: &mut Report) {
    let text = value.text.as_str();
    let mut problem = |message: String, fix| report.add(value.span.clone(), message, fix);
    match name {
        "region" => {
            if is_region(text) {
                globals.region = Some(text.to_string());
            } else if is_region(&text.to_lowercase()) {
                let lower = text.to_lowercase();
                problem(
                    format!("--region {text}: Region names are lower case; did you mean {lower}?"),
                    Some(value.edit(&lower)),
                );
            } else {
                problem(
                    format!("--region {text} is not a Region name like us-east-2"),
                    None,
                );
            }
        }
        "query" => match jmespath::compile(text) {
            Ok(_) => globals.query = Some(text.to_string()),
            Err(e) => problem(
                format!(
                    "--query is not valid JMESPath: {} at character {}",
                    e.reason,
                    e.offset + 1
                ),
                None,
            ),
        },
        "output" => match text {
            "json" => globals.output = Some(OutputFormat::Json),
            "text" => globals.output = Some(OutputFormat::Text),
            "table" | "yaml" | "yaml-stream" => problem(
                format!("--output {text} is not available in a chat channel; use json or text"),
                None,
            ),
            _ => {
                let fix = closest(text, ["json", "text"]);
                let hint = fix
                    .as_ref()
                    .map(|s| format!("; did you mean {}?", s.text))
                    .unwrap_or_default();
                problem(
                    format!("--output {text} is not a format; use json or text{hint}"),
                    fix.filter(|s| s.certain).map(|s| value.edit(s.text)),
                );
            }
        },
        "max-items" => match text.parse::<usize>() {
            Ok(n) if n >= 1 => globals.max_items = Some(n),
            _ => problem(
                format!("--max-items {text} is not a positive whole number"),
                None,
            ),
        },
        "page-size" => match text.parse::<i32>() {
            Ok(n) if (1..=100).contains(&n) => globals.page_size = Some(n),
            _ => problem(
                format!("--page-size {text}: Incident Manager returns 1 to 100 items per page"),
                None,
            ),
        },
        "starting-token" => {
            if text.is_empty() {
                problem(
                    "--starting-token is empty; pass the NextToken an earlier page printed"
                        .to_string(),
                    None,
                );
            } else {
                globals.starting_token = Some(text.to_string());
            }
        }
        "cli-input-json" => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => globals.cli_input = Some((map, value.clone())),
            Ok(_) => problem(
                "--cli-input-json must be a JSON object of request members".to_string(),
                None,
            ),
            Err(e) => problem(format!("--cli-input-json is not valid JSON ({e})"), None),
        },
        other => problem(format!("--{other} is not handled"), None),
    }
}

/// Adds the `--cli-input-json` members the explicit options did not give (explicit options win, as in
/// the AWS CLI), each checked against its shape.
pub fn merge_cli_input(
    spec: &'static CommandSpec,
    input: &Map<String, Value>,
    word: &ValueWord,
    given: &HashSet<&str>,
    members: &mut Map<String, Value>,
    globals: &mut Globals,
    report: &mut Report,
) {
    let mut problem = |message: String| {
        report.add(
            word.span.clone(),
            format!("--cli-input-json: {message}"),
            None,
        )
    };
    for (key, value) in input {
        if let Some(option) = spec.option_by_member(key) {
            if given.contains(option.name) {
                continue;
            }
            match conform(value, option.shape, key) {
                Ok(v) => {
                    members.insert(key.clone(), v);
                }
                Err(e) => problem(e.describe()),
            }
        } else if spec.paginated && key == "maxResults" {
            if globals.page_size.is_none() {
                match conform(value, &Shape::Integer { min: 1, max: 100 }, key) {
                    Ok(v) => globals.page_size = v.as_i64().and_then(|n| i32::try_from(n).ok()),
                    Err(e) => problem(e.describe()),
                }
            }
        } else if spec.paginated && key == "nextToken" {
            problem("pass a NextToken with --starting-token".to_string());
        } else {
            let known: Vec<&str> = spec
                .options
                .iter()
                .map(|o| o.member)
                .chain(spec.paginated.then_some("maxResults"))
                .collect();
            let hint = match closest(key, known.iter().copied()) {
                Some(s) => format!("did you mean {}?", s.text),
                None if known.is_empty() => format!("{} takes no parameters", spec.name),
                None => format!("it must be one of {}", known.join(", ")),
            };
            problem(format!("unknown parameter {key}; {hint}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        for ok in ["us-east-2", "eu-west-1", "us-gov-west-1", "ap-southeast-4"] {
            assert!(is_region(ok), "{ok}");
        }
        for bad in ["us-east", "useast2", "US-EAST-2", "-east-2", ""] {
            assert!(!is_region(bad), "{bad}");
        }
    }
}
