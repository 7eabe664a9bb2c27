//! `parse_chat_line`: prefix, service, command and options of a chat line, every problem found at once.

mod globals;
pub mod options;
mod values;

use std::collections::HashSet;
use std::ops::Range;

use serde_json::{Map, Value};

use super::build::build_command;
use super::lexer::{Word, raw_text, split_words};
use super::report::{Edit, Report};
use super::shape::{Shape, check_text};
use super::smart_quotes::straighten;
use super::spec::{COMMANDS, CommandSpec, command, filter_keys};
use super::suggest::closest;
use super::{ChatLine, OutputFormat, ParseError};
use crate::domain::command::{COMMAND_NAMES, Paging};
use globals::{Globals, global_value, merge_cli_input};
use options::{Given, Target, ValueWord, as_option, scan_options};
use values::{member_value, shorten};

/// Parses and validates one chat line, e.g. `@aws ssm-incidents list-incident-records --region us-east-2`.
///
/// The error lists every problem with the offending word and its character span, and carries the
/// corrected line when every problem has a certain fix (the corrected line is checked to parse).
pub fn parse_chat_line(line: &str) -> Result<ChatLine, ParseError> {
    parse_line(line, true)
}

fn parse_line(line: &str, check_correction: bool) -> Result<ChatLine, ParseError> {
    let mut report = Report::default();
    // Curly quotes are replaced one for one, so positions in the straightened line are positions in `line`.
    let straightened = straighten(line);
    let parsed = read_line(
        straightened.as_ref().map_or(line, |s| s.line.as_str()),
        &mut report,
    );
    for (span, text) in straightened.map(|s| s.pairs).unwrap_or_default() {
        report.add(
            span.clone(),
            "curly quotes (from autocorrect) do not quote a value; use straight quotes",
            Some(Edit::new(span, text)),
        );
    }
    match parsed {
        Some(chat) if report.is_empty() => Ok(chat),
        _ => {
            if report.is_empty() {
                report.add(0..line.chars().count(), "the line could not be read", None);
            }
            let mut error = report.into_error(line);
            if let Some(corrected) = &error.corrected_line
                && (!check_correction || parse_line(corrected, false).is_err())
            {
                error.corrected_line = None;
            }
            Err(error)
        }
    }
}

/// The words of a line up to the command: an optional `@aws`/`@Amazon Q` (or a pasted `aws`), then
/// `ssm-incidents`, then the command. Returns the command and the index of its first option word.
fn read_command(
    line: &str,
    words: &[Word],
    report: &mut Report,
) -> Option<(&'static CommandSpec, usize, Word)> {
    let end = line.chars().count();
    let lower = |i: usize| words.get(i).map(|w| w.text.to_lowercase());
    let mut at = match (lower(0).as_deref(), lower(1).as_deref()) {
        (Some("@amazon"), Some("q")) => 2,
        (Some("@aws" | "aws" | "@amazonq"), _) => 1,
        _ => 0,
    };
    let example = "e.g. @aws ssm-incidents list-incident-records";
    let Some(service) = words.get(at) else {
        report.add(
            end..end,
            format!("expected ssm-incidents and a command, {example}"),
            None,
        );
        return None;
    };
    if service.text == "ssm-incidents" {
        at += 1;
    } else if command(&service.text).is_some()
        || (as_option(&service.text).is_none()
            && closest(&service.text, COMMAND_NAMES).is_some()
            && closest(&service.text, ["ssm-incidents"]).is_none())
    {
        let insert = service.span.start..service.span.start;
        report.add(
            service.span.clone(),
            format!(
                "missing the service name: write ssm-incidents before {}",
                service.text
            ),
            Some(Edit::new(insert, "ssm-incidents ")),
        );
    } else if let Some(s) = closest(&service.text, ["ssm-incidents"]) {
        report.add(
            service.span.clone(),
            format!(
                "unknown service {}; did you mean ssm-incidents?",
                service.text
            ),
            s.certain.then(|| Edit::new(service.span.clone(), s.text)),
        );
        at += 1;
    } else {
        report.add(
            service.span.clone(),
            format!(
                "expected ssm-incidents, found {}: imdeck runs the Incident Manager chat commands, {example}",
                service.text
            ),
            None,
        );
        return None;
    }
    let Some(word) = words.get(at).filter(|w| as_option(&w.text).is_none()) else {
        let span = words.get(at).map_or(end..end, |w| w.span.clone());
        report.add(
            span,
            format!(
                "missing the command after ssm-incidents; one of {}",
                COMMAND_NAMES.join(", ")
            ),
            None,
        );
        return None;
    };
    if let Some(spec) = command(&word.text) {
        return Some((spec, at + 1, word.clone()));
    }
    let Some(s) = closest(&word.text, COMMAND_NAMES) else {
        report.add(
            word.span.clone(),
            format!(
                "unknown command {}; the chat channel runs {}",
                word.text,
                COMMAND_NAMES.join(", ")
            ),
            None,
        );
        return None;
    };
    report.add(
        word.span.clone(),
        format!("unknown command {}; did you mean {}?", word.text, s.text),
        s.certain.then(|| Edit::new(word.span.clone(), s.text)),
    );
    let spec = COMMANDS.iter().find(|c| c.name == s.text)?;
    Some((spec, at + 1, word.clone()))
}

fn read_line(line: &str, report: &mut Report) -> Option<ChatLine> {
    let (words, lex_error) = split_words(line);
    if let Some(error) = lex_error {
        report.add(error.span, error.message, None);
        return None;
    }
    let (spec, first_option, command_word) = read_command(line, &words, report)?;
    let (mut given, leading) = scan_options(line, spec, &words[first_option..], report);
    explain_leading_words(line, spec, &command_word, &leading, &mut given, report);

    let mut members = Map::new();
    let mut origins: Vec<(&'static str, Range<usize>)> = Vec::new();
    let mut globals = Globals::default();
    for option in &given {
        if option.values.is_empty() {
            continue;
        }
        match option.target {
            Target::Member(spec_option) => {
                if let Some(value) = member_value(
                    line,
                    spec_option.name,
                    spec_option.shape,
                    &option.values,
                    report,
                ) {
                    members.insert(spec_option.member.to_string(), value);
                    let span = option.values[0].span.start
                        ..option.values[option.values.len() - 1].span.end;
                    origins.push((spec_option.member, span));
                }
            }
            Target::Global(name) => global_value(name, &option.values[0], &mut globals, report),
        }
    }
    let given_names: HashSet<&str> = given.iter().map(|g| g.target.name()).collect();
    if let Some((input, word)) = globals.cli_input.take() {
        merge_cli_input(
            spec,
            &input,
            &word,
            &given_names,
            &mut members,
            &mut globals,
            report,
        );
        origins.extend(
            members
                .keys()
                .filter(|k| !origins.iter().any(|(m, _)| m == k))
                .filter_map(|k| spec.option_by_member(k))
                .map(|o| (o.member, word.span.clone()))
                .collect::<Vec<_>>(),
        );
    }
    for option in spec.options.iter().filter(|o| o.required) {
        if !members.contains_key(option.member) && !given_names.contains(option.name) {
            report.add(
                command_word.span.clone(),
                format!("{} needs --{}: {}", spec.name, option.name, option.hint),
                None,
            );
        }
    }
    if let Some((_, span)) = origins.iter().find(|(m, _)| *m == "filters") {
        check_filter_keys(spec.name, members.get("filters"), span, report);
    }
    if !report.is_empty() {
        return None;
    }
    let paging = Paging {
        max_items: globals.max_items,
        page_size: globals.page_size,
        starting_token: globals.starting_token.clone(),
    };
    match build_command(spec.name, &members, paging) {
        Ok(command) => Some(ChatLine {
            command,
            region: globals.region,
            query: globals.query,
            output: globals.output.unwrap_or(OutputFormat::Json),
        }),
        Err(why) => {
            report.add(command_word.span.clone(), why, None);
            None
        }
    }
}

/// Words between the command and its first option. One word that fits the only required option not
/// given (`get-incident-record arn:aws:…`) gets that option name put in front of it.
fn explain_leading_words(
    line: &str,
    spec: &'static CommandSpec,
    command_word: &Word,
    leading: &[Word],
    given: &mut Vec<Given>,
    report: &mut Report,
) {
    let (Some(first), Some(last)) = (leading.first(), leading.last()) else {
        return;
    };
    let missing: Vec<_> = spec
        .options
        .iter()
        .filter(|o| o.required && !given.iter().any(|g| g.target.name() == o.name))
        .collect();
    if let ([only], [word]) = (missing.as_slice(), leading)
        && let Shape::Text { min, max, check } = only.shape
        && check_text(&word.text, *min, *max, *check).is_ok()
    {
        report.add(
            word.span.clone(),
            format!(
                "{} has no option name; did you mean --{} {}?",
                shorten(&word.text),
                only.name,
                shorten(&word.text)
            ),
            Some(Edit::new(
                word.span.start..word.span.start,
                format!("--{} ", only.name),
            )),
        );
        given.push(Given {
            target: Target::Member(only),
            option_word: word.clone(),
            values: vec![ValueWord {
                text: word.text.clone(),
                span: word.span.clone(),
                edit_prefix: String::new(),
            }],
        });
        return;
    }
    let span = first.span.start..last.span.end;
    let typed = raw_text(line, &span);
    report.add(
        span,
        format!(
            "unexpected {typed} after {}; options start with --",
            command_word.text
        ),
        None,
    );
}

/// Filter keys the command knows, and conditions that fit them (`impact` compares integers, …).
fn check_filter_keys(
    command: &str,
    filters: Option<&Value>,
    span: &Range<usize>,
    report: &mut Report,
) {
    let Some(Value::Array(filters)) = filters else {
        return;
    };
    let keys = filter_keys(command);
    for filter in filters {
        let key = filter.get("key").and_then(Value::as_str).unwrap_or("");
        let condition = filter
            .get("condition")
            .and_then(Value::as_object)
            .and_then(|c| c.keys().next())
            .map(String::as_str)
            .unwrap_or("");
        if !keys.contains(&key) {
            let hint = match closest(key, keys.iter().copied()) {
                Some(s) => format!("did you mean {}?", s.text),
                None => format!("the keys are {}", keys.join(", ")),
            };
            report.add(
                span.clone(),
                format!("--filters: {command} has no filter key {key}; {hint}"),
                None,
            );
            continue;
        }
        let wanted = match key {
            "creationTime" | "eventTime" => "before or after",
            "impact" => "equals={integerValues=[…]}",
            _ => "equals={stringValues=[…]}",
        };
        let values = filter.pointer("/condition/equals");
        let fits = match key {
            "creationTime" | "eventTime" => matches!(condition, "before" | "after"),
            "impact" => values.and_then(|v| v.get("integerValues")).is_some(),
            _ => values.and_then(|v| v.get("stringValues")).is_some(),
        };
        if !fits {
            report.add(
                span.clone(),
                format!("--filters: the {key} filter takes {wanted}"),
                None,
            );
        }
    }
}
