//! Tab completion for the command box, and filling in the selected incident's ARN (pure: no I/O).

use std::ops::Range;

use super::lexer::{Word, quote_word, split_words};
use super::parse::options::as_option;
use super::spec::{CommandSpec, all_option_names, command};
use crate::domain::command::COMMAND_NAMES;
use crate::domain::model::ITEM_TYPES;

/// What the TUI knows that completion can offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompletionContext {
    pub plan_arns: Vec<String>,
    pub incident_arns: Vec<String>,
    /// Event ids of the selected incident's timeline.
    pub event_ids: Vec<String>,
    pub selected_incident: Option<String>,
}

/// Replace the characters in `replace` (character positions) with one of `candidates`, each ready to
/// insert (quoted where it must be).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub replace: Range<usize>,
    pub candidates: Vec<String>,
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

fn candidates_for(words: &[Word], partial: &str, ctx: &CompletionContext) -> Vec<String> {
    match position(words) {
        None => Vec::new(),
        Some(Position::Prefix) if partial.starts_with('@') => vec!["@aws".to_string()],
        Some(Position::Prefix) => vec!["@aws".to_string(), "ssm-incidents".to_string()],
        Some(Position::Service) => vec!["ssm-incidents".to_string()],
        Some(Position::Command) => COMMAND_NAMES.iter().map(|c| c.to_string()).collect(),
        Some(Position::Options(spec, option_words)) => {
            option_candidates(spec, option_words, partial, ctx)
        }
    }
}

fn option_candidates(
    spec: &'static CommandSpec,
    words: &[Word],
    partial: &str,
    ctx: &CompletionContext,
) -> Vec<String> {
    let given: Vec<&str> = words
        .iter()
        .filter_map(|w| as_option(&w.text).map(|(name, _)| name))
        .collect();
    let option_names = || -> Vec<String> {
        all_option_names(spec)
            .into_iter()
            .filter(|o| !given.contains(o))
            .map(|o| format!("--{o}"))
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
) -> Vec<String> {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match (spec.name, option) {
        (_, "impact") => list(&["1", "2", "3", "4", "5"]),
        (_, "status") => list(&["OPEN", "RESOLVED"]),
        (_, "sort-order") => list(&["ASCENDING", "DESCENDING"]),
        (_, "sort-by") => list(&["EVENT_TIME"]),
        (_, "event-type") => list(&["Custom Event", "Note"]),
        (_, "output") => list(&["json", "text"]),
        ("get-response-plan", "arn") | (_, "response-plan-arn") => ctx.plan_arns.clone(),
        (_, "arn") | (_, "incident-record-arn") => incidents_selected_first(ctx),
        (_, "event-id") => ctx.event_ids.clone(),
        (_, "event-references") => incidents_selected_first(ctx)
            .into_iter()
            .map(|arn| format!("resource={arn}"))
            .collect(),
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
fn item_type_completion(partial: &str) -> Option<Vec<String>> {
    let at = partial.rfind("type=")? + "type=".len();
    let (head, typed) = partial.split_at(at);
    if !typed.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
        return None;
    }
    Some(ITEM_TYPES.iter().map(|t| format!("{head}{t}")).collect())
}

/// Keeps the candidates that start with what was typed (case-insensitive), or else contain it (so an
/// incident id finds its ARN), and quotes those that need it.
fn filter(candidates: Vec<String>, partial: &str) -> Vec<String> {
    let typed = partial.to_lowercase();
    let typed = typed.trim_start_matches(['-', '—', '–']);
    let key = |c: &String| c.to_lowercase().trim_start_matches('-').to_string();
    let mut kept: Vec<&String> = candidates
        .iter()
        .filter(|c| key(c).starts_with(typed))
        .collect();
    if kept.is_empty() && !typed.is_empty() {
        kept = candidates
            .iter()
            .filter(|c| key(c).contains(typed))
            .collect();
    }
    kept.into_iter()
        .map(|c| {
            if c.contains(|ch: char| ch.is_whitespace() || "'\"\\".contains(ch)) {
                quote_word(c)
            } else {
                c.clone()
            }
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
mod tests {
    use super::*;

    fn ctx() -> CompletionContext {
        CompletionContext {
            plan_arns: vec![
                "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat".into(),
            ],
            incident_arns: vec![
                "arn:aws:ssm-incidents::111122223333:incident-record/P/one".into(),
                "arn:aws:ssm-incidents::111122223333:incident-record/P/two".into(),
            ],
            event_ids: vec!["e-1".into(), "e-2".into()],
            selected_incident: Some(
                "arn:aws:ssm-incidents::111122223333:incident-record/P/two".into(),
            ),
        }
    }

    fn at_end(line: &str) -> Completion {
        complete(line, line.chars().count(), &ctx())
    }

    #[test]
    fn commands_by_prefix() {
        let c = at_end("@aws ssm-incidents list-t");
        assert_eq!(c.candidates, vec!["list-timeline-events"]);
        assert_eq!(c.replace, 19..25);
    }

    #[test]
    fn options_not_yet_given() {
        let c = at_end("@aws ssm-incidents get-timeline-event --event-id e-1 --");
        assert!(c.candidates.contains(&"--incident-record-arn".to_string()));
        assert!(!c.candidates.contains(&"--event-id".to_string()));
        assert!(!c.candidates.contains(&"--max-items".to_string()));
    }

    #[test]
    fn enum_values_and_quoted_event_type() {
        assert_eq!(
            at_end("ssm-incidents update-incident-record --status ").candidates,
            vec!["OPEN", "RESOLVED"]
        );
        assert_eq!(
            at_end("ssm-incidents create-timeline-event --event-type C").candidates,
            vec!["\"Custom Event\""]
        );
    }

    #[test]
    fn incident_arns_selected_first_and_found_by_id() {
        let c = at_end("@aws ssm-incidents get-incident-record --arn ");
        assert!(c.candidates[0].ends_with("/two"));
        assert_eq!(c.candidates.len(), 2);
        let c = at_end("@aws ssm-incidents get-incident-record --arn one");
        assert_eq!(c.candidates.len(), 1);
        assert!(c.candidates[0].ends_with("/one"));
    }

    #[test]
    fn item_types_inside_shorthand() {
        let c = at_end(
            "ssm-incidents update-related-items --related-items-update itemToRemove={type=MET",
        );
        assert_eq!(c.candidates, vec!["itemToRemove={type=METRIC"]);
    }

    #[test]
    fn cursor_in_the_middle_replaces_the_whole_word() {
        let line = "@aws ssm-incidents list-incident-records --region us-east-2";
        let c = complete(line, 22, &ctx());
        assert_eq!(c.replace, 19..40);
        assert!(c.candidates.contains(&"list-incident-records".to_string()));
    }

    #[test]
    fn fills_the_selected_incident() {
        let arn = "arn:aws:ssm-incidents::111122223333:incident-record/P/two";
        assert_eq!(
            fill_selected_incident("@aws ssm-incidents get-incident-record", &ctx()),
            Some(format!(
                "@aws ssm-incidents get-incident-record --arn {arn}"
            ))
        );
        assert_eq!(
            fill_selected_incident(
                "ssm-incidents list-timeline-events --incident-record-arn --sort-order ASCENDING",
                &ctx()
            ),
            Some(format!(
                "ssm-incidents list-timeline-events --incident-record-arn {arn} --sort-order ASCENDING"
            ))
        );
        assert_eq!(
            fill_selected_incident("ssm-incidents list-incident-records", &ctx()),
            None
        );
        assert_eq!(
            fill_selected_incident(
                &format!("ssm-incidents get-incident-record --arn {arn}"),
                &ctx()
            ),
            None
        );
    }
}
