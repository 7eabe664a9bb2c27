//! Tab completion for the command box, each candidate with a short description, and filling in the selected incident's ARN (pure: no I/O).

use std::collections::BTreeMap;
use std::ops::Range;

use super::help::purpose;
use super::lexer::{Word, quote_word, split_words};
use super::parse::options::as_option;
use super::spec::{CommandSpec, all_option_names, command};
use crate::domain::command::COMMAND_NAMES;
use crate::domain::model::{ITEM_TYPES, impact_label};

/// What the TUI knows that completion can offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompletionContext {
    pub plan_arns: Vec<String>,
    pub incident_arns: Vec<String>,
    /// Event ids of the selected incident's timeline.
    pub event_ids: Vec<String>,
    pub selected_incident: Option<String>,
    /// What to show beside an ARN: the incident's title, the response plan's display name.
    pub titles: BTreeMap<String, String>,
}

/// One thing Tab can put in the line, and what it is, for the menu.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// Ready to insert (quoted where it must be).
    pub text: String,
    /// A few words on what it is or does; empty when the text says it all.
    pub description: String,
}

impl Candidate {
    fn new(text: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            description: description.into(),
        }
    }

    /// Whether a space should follow it once accepted: not when the value goes on (`snsTopicArn=`, `{type=`).
    pub fn ends_a_word(&self) -> bool {
        !self.text.ends_with(['=', '{', '[', ',', ':', '/'])
    }
}

/// Replace the characters in `replace` (character positions) with one of `candidates`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub replace: Range<usize>,
    pub candidates: Vec<Candidate>,
}

/// Completes the word at `cursor` (a character position; past the end means the end).
pub fn complete(line: &str, cursor: usize, ctx: &CompletionContext) -> Completion {
    let total = line.chars().count();
    let cursor = cursor.min(total);
    let before: String = line.chars().take(cursor).collect();
    let (mut words, lex_error) = split_words(&before);
    let in_open_quote = lex_error.is_some_and(|e| e.message.starts_with("unterminated"));
    let current = if in_open_quote || !before.ends_with(char::is_whitespace) {
        words.pop()
    } else {
        None
    };
    let (partial, start) = match &current {
        Some(word) => (word.text.clone(), word.span.start),
        None => (String::new(), cursor),
    };
    let end = split_words(line)
        .0
        .iter()
        .find(|w| w.span.start == start && w.span.end >= cursor)
        .map_or(cursor, |w| w.span.end);
    let candidates = candidates_for(&words, &partial, ctx);
    Completion {
        replace: start..end,
        candidates: filter(candidates, &partial),
    }
}

/// Where the word being completed sits.
enum Position<'a> {
    Prefix,
    Service,
    Command,
    Options(&'static CommandSpec, &'a [Word]),
}

fn position(words: &[Word]) -> Option<Position<'_>> {
    let lower = |i: usize| words.get(i).map(|w| w.text.to_lowercase());
    let mut at = match (lower(0).as_deref(), lower(1).as_deref()) {
        (Some("@amazon"), Some("q")) => 2,
        (Some("@aws" | "aws" | "@amazonq"), _) => 1,
        (None, _) => return Some(Position::Prefix),
        _ => 0,
    };
    match words.get(at) {
        None => return Some(Position::Service),
        Some(w) if w.text == "ssm-incidents" => at += 1,
        Some(_) => {}
    }
    match words.get(at) {
        None => Some(Position::Command),
        Some(w) => command(&w.text).map(|spec| Position::Options(spec, &words[at + 1..])),
    }
}

const AWS_PREFIX: &str = "address the AWS chat bot, as in the chat channel";
const SERVICE: &str = "Incident Manager";

fn candidates_for(words: &[Word], partial: &str, ctx: &CompletionContext) -> Vec<Candidate> {
    match position(words) {
        None => Vec::new(),
        Some(Position::Prefix) if partial.starts_with('@') => {
            vec![Candidate::new("@aws", AWS_PREFIX)]
        }
        Some(Position::Prefix) => vec![
            Candidate::new("@aws", AWS_PREFIX),
            Candidate::new("ssm-incidents", SERVICE),
        ],
        Some(Position::Service) => vec![Candidate::new("ssm-incidents", SERVICE)],
        Some(Position::Command) => COMMAND_NAMES
            .iter()
            .map(|c| Candidate::new(*c, purpose(c)))
            .collect(),
        Some(Position::Options(spec, option_words)) => {
            option_candidates(spec, option_words, partial, ctx)
        }
    }
}

/// What an option is: the spec's hint (required ones say so), or the global and paging options' own words.
fn option_description(spec: &CommandSpec, name: &str) -> String {
    if let Some(option) = spec.option(name) {
        let need = if option.required {
            "required"
        } else {
            "optional"
        };
        return format!("{need}: {}", option.hint);
    }
    match name {
        "region" => "the Region to send the request to",
        "query" => "a JMESPath query that picks from the output",
        "output" => "json or text",
        "cli-input-json" => "all the options as one JSON document",
        "max-items" => "at most this many items in all",
        "starting-token" => "the NextToken of an earlier page",
        "page-size" => "items per request",
        _ => "",
    }
    .to_string()
}

fn option_candidates(
    spec: &'static CommandSpec,
    words: &[Word],
    partial: &str,
    ctx: &CompletionContext,
) -> Vec<Candidate> {
    let given: Vec<&str> = words
        .iter()
        .filter_map(|w| as_option(&w.text).map(|(name, _)| name))
        .collect();
    let option_names = || -> Vec<Candidate> {
        all_option_names(spec)
            .into_iter()
            .filter(|o| !given.contains(o))
            .map(|o| Candidate::new(format!("--{o}"), option_description(spec, o)))
            .collect()
    };
    if partial.starts_with(['-', '—', '–']) {
        return option_names();
    }
    let last_option = words
        .iter()
        .rposition(|w| as_option(&w.text).is_some())
        .and_then(|i| as_option(&words[i].text).map(|(name, inline)| (i, name, inline.is_some())));
    let Some((at, name, inline)) = last_option else {
        return option_names();
    };
    let values_so_far = words.len() - at - 1 + usize::from(inline);
    let several = spec.option(name).is_some_and(|o| o.takes_several_words());
    if values_so_far == 0 || several {
        let values = value_candidates(spec, name, partial, ctx);
        if !values.is_empty() || values_so_far == 0 {
            return values;
        }
    }
    if partial.is_empty() {
        option_names()
    } else {
        Vec::new()
    }
}

fn incidents_selected_first(ctx: &CompletionContext) -> Vec<String> {
    let mut arns: Vec<String> = ctx.selected_incident.iter().cloned().collect();
    arns.extend(
        ctx.incident_arns
            .iter()
            .filter(|a| !arns.contains(a))
            .cloned()
            .collect::<Vec<_>>(),
    );
    arns
}

fn value_candidates(
    spec: &CommandSpec,
    option: &str,
    partial: &str,
    ctx: &CompletionContext,
) -> Vec<Candidate> {
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|s| Candidate::new(*s, ""))
            .collect::<Vec<_>>()
    };
    let titled = |arns: Vec<String>, prefix: &str| {
        arns.into_iter()
            .map(|arn| {
                let title = ctx.titles.get(&arn).cloned().unwrap_or_default();
                Candidate::new(format!("{prefix}{arn}"), title)
            })
            .collect::<Vec<_>>()
    };
    match (spec.name, option) {
        (_, "impact") => (1..=5)
            .map(|i| Candidate::new(i.to_string(), impact_label(i)))
            .collect(),
        (_, "status") => list(&["OPEN", "RESOLVED"]),
        (_, "sort-order") => list(&["ASCENDING", "DESCENDING"]),
        (_, "sort-by") => list(&["EVENT_TIME"]),
        (_, "event-type") => list(&["Custom Event", "Note"]),
        (_, "output") => list(&["json", "text"]),
        ("get-response-plan", "arn") | (_, "response-plan-arn") => {
            titled(ctx.plan_arns.clone(), "")
        }
        (_, "arn") | (_, "incident-record-arn") => titled(incidents_selected_first(ctx), ""),
        (_, "event-id") => list(&ctx.event_ids.iter().map(String::as_str).collect::<Vec<_>>()),
        (_, "event-references") => titled(incidents_selected_first(ctx), "resource="),
        (_, "notification-targets") => list(&["snsTopicArn="]),
        (_, "chat-channel") => list(&["chatbotSns=", "empty={}"]),
        (_, "related-items-update") => item_type_completion(partial)
            .unwrap_or_else(|| list(&["itemToAdd={identifier={type=", "itemToRemove={type="])),
        (_, "related-items") => {
            item_type_completion(partial).unwrap_or_else(|| list(&["identifier={type="]))
        }
        ("list-incident-records", "filters") => list(&[
            "key=status,condition={equals={stringValues=[OPEN]}}",
            "key=impact,condition={equals={integerValues=[1]}}",
            "key=creationTime,condition={after=2024-01-01T00:00:00Z}",
            "key=createdBy,condition={equals={stringValues=[]}}",
        ]),
        ("list-timeline-events", "filters") => list(&[
            "key=eventType,condition={equals={stringValues=[Note]}}",
            "key=eventTime,condition={after=2024-01-01T00:00:00Z}",
            "key=eventReference,condition={equals={stringValues=[]}}",
        ]),
        _ => Vec::new(),
    }
}

/// Inside `…type=PART`, the item types, each as the whole word up to the type.
fn item_type_completion(partial: &str) -> Option<Vec<Candidate>> {
    let at = partial.rfind("type=")? + "type=".len();
    let (head, typed) = partial.split_at(at);
    if !typed.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
        return None;
    }
    Some(
        ITEM_TYPES
            .iter()
            .map(|t| Candidate::new(format!("{head}{t}"), ""))
            .collect(),
    )
}

/// Keeps the candidates that start with what was typed (case-insensitive), or else contain it in the
/// text or the description (so an incident id or a word of its title finds its ARN), and quotes those
/// that need it.
fn filter(candidates: Vec<Candidate>, partial: &str) -> Vec<Candidate> {
    let typed = partial.to_lowercase();
    let typed = typed.trim_start_matches(['-', '—', '–']);
    let key = |c: &Candidate| c.text.to_lowercase().trim_start_matches('-').to_string();
    let starts = |c: &Candidate| key(c).starts_with(typed);
    let contains =
        |c: &Candidate| key(c).contains(typed) || c.description.to_lowercase().contains(typed);
    let by_prefix = candidates.iter().any(starts);
    candidates
        .into_iter()
        .filter(|c| {
            if by_prefix || typed.is_empty() {
                starts(c)
            } else {
                contains(c)
            }
        })
        .map(|mut c| {
            if c.text
                .contains(|ch: char| ch.is_whitespace() || "'\"\\".contains(ch))
            {
                c.text = quote_word(&c.text);
            }
            c
        })
        .collect()
}

/// When the line's command needs an incident ARN and none is given, the line with the selected
/// incident's ARN filled in (after a bare `--incident-record-arn`/`--arn`, or appended).
pub fn fill_selected_incident(line: &str, ctx: &CompletionContext) -> Option<String> {
    let arn = ctx.selected_incident.as_deref()?;
    let (words, error) = split_words(line);
    if error.is_some() {
        return None;
    }
    let Some(Position::Options(spec, option_words)) = position(&words) else {
        return None;
    };
    let option = match spec.name {
        "get-incident-record" | "update-incident-record" => "arn",
        _ if spec.option("incident-record-arn").is_some() => "incident-record-arn",
        _ => return None,
    };
    let found = option_words
        .iter()
        .position(|w| as_option(&w.text).is_some_and(|(name, _)| name == option));
    match found {
        None => Some(format!(
            "{} --{option} {}",
            line.trim_end(),
            quote_word(arn)
        )),
        Some(i) => {
            let word = &option_words[i];
            let has_value = as_option(&word.text).is_some_and(|(_, inline)| inline.is_some())
                || option_words
                    .get(i + 1)
                    .is_some_and(|next| as_option(&next.text).is_none());
            if has_value {
                return None;
            }
            let chars: Vec<char> = line.chars().collect();
            let head: String = chars[..word.span.end].iter().collect();
            let tail: String = chars[word.span.end..].iter().collect();
            Some(format!("{head} {}{tail}", quote_word(arn)))
        }
    }
}

#[cfg(test)]
mod tests;
