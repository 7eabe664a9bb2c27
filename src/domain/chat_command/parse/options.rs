//! Splitting the words after the command into options and their values, with the stray words explained.

use std::ops::Range;

use super::super::lexer::{Word, quote_word, raw_text};
use super::super::report::{Edit, Report};
use super::super::shape::Shape;
use super::super::spec::{
    CLI_ONLY_OPTIONS, CommandSpec, GLOBAL_OPTIONS, OptionSpec, PAGING_OPTIONS, all_option_names,
};
use super::super::suggest::closest;
use super::super::timestamp::{is_date_only, is_time_part};

/// What an option sets: an API member of the command, or a global/pagination option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Member(&'static OptionSpec),
    Global(&'static str),
}

impl Target {
    pub fn name(&self) -> &'static str {
        match self {
            Target::Member(o) => o.name,
            Target::Global(name) => name,
        }
    }

    fn takes_several_words(&self) -> bool {
        matches!(self, Target::Member(o) if o.takes_several_words())
    }

    fn hint(&self) -> &'static str {
        match self {
            Target::Member(o) => o.hint,
            Target::Global("region") => "a Region like us-east-2",
            Target::Global("query") => "a JMESPath expression",
            Target::Global("output") => "json or text",
            Target::Global("cli-input-json") => "a JSON object of request members",
            Target::Global("max-items") | Target::Global("page-size") => "a number",
            Target::Global(_) => "a value",
        }
    }

    fn lookup(spec: &'static CommandSpec, name: &str) -> Option<Target> {
        if let Some(option) = spec.option(name) {
            return Some(Target::Member(option));
        }
        let global = GLOBAL_OPTIONS
            .iter()
            .chain(PAGING_OPTIONS.iter().filter(|_| spec.paginated))
            .find(|g| **g == name)?;
        Some(Target::Global(global))
    }
}

/// A value as the parser reads it: the text after quote removal and where it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueWord {
    pub text: String,
    pub span: Range<usize>,
    /// What an edit replacing `span` must keep in front of the value: the typed `--name=` of an inline
    /// value (whose span is the whole option word), or nothing.
    pub edit_prefix: String,
}

impl ValueWord {
    fn of(word: &Word) -> Self {
        Self {
            text: word.text.clone(),
            span: word.span.clone(),
            edit_prefix: String::new(),
        }
    }

    /// The edit that replaces this value with `replacement` (already quoted as it must be typed).
    pub fn edit(&self, replacement: &str) -> Edit {
        Edit::new(
            self.span.clone(),
            format!("{}{replacement}", self.edit_prefix),
        )
    }
}

/// One option as given, with its values (none when the value was missing, which is already reported).
#[derive(Debug, Clone)]
pub struct Given {
    pub target: Target,
    pub option_word: Word,
    pub values: Vec<ValueWord>,
}

/// `--name`, `-name` or `—name` (mobile autocorrect turns `--` into an em dash), with an optional
/// `=value`. A dash followed by a digit is a value (`-1`), as in the AWS CLI.
pub fn as_option(text: &str) -> Option<(&str, Option<&str>)> {
    let mut rest = text;
    for _ in 0..2 {
        match rest.strip_prefix(['-', '—', '–']) {
            Some(shorter) => rest = shorter,
            None => break,
        }
    }
    if rest.len() == text.len() || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(match rest.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (rest, None),
    })
}

fn next_option(words: &[Word], from: usize) -> usize {
    (from..words.len())
        .find(|&i| as_option(&words[i].text).is_some())
        .unwrap_or(words.len())
}

/// Reads the options after the command. Words before the first option are returned for the caller to
/// explain once it knows which options were given.
pub fn scan_options(
    line: &str,
    spec: &'static CommandSpec,
    words: &[Word],
    report: &mut Report,
) -> (Vec<Given>, Vec<Word>) {
    let leading_end = next_option(words, 0);
    let leading = words[..leading_end].to_vec();
    let mut given: Vec<Given> = Vec::new();
    let mut i = leading_end;
    while i < words.len() {
        let word = &words[i];
        let Some((name, inline)) = as_option(&word.text) else {
            i += 1;
            continue;
        };
        i += 1;
        let end = next_option(words, i);
        let Some(target) = resolve(line, spec, word, name, inline.is_some(), report) else {
            i = end;
            continue;
        };
        if let Some(first) = given.iter().find(|g| g.target.name() == target.name()) {
            report.add(
                word.span.clone(),
                format!(
                    "--{} is given twice (also at character {}); keep one",
                    target.name(),
                    first.option_word.span.start + 1
                ),
                None,
            );
            i = end;
            continue;
        }
        let mut values = Vec::new();
        if let Some(value) = inline {
            let typed = raw_text(line, &word.span);
            let prefix = typed
                .split_once('=')
                .map(|(p, _)| format!("{p}="))
                .unwrap_or_default();
            values.push(ValueWord {
                text: value.to_string(),
                span: word.span.clone(),
                edit_prefix: prefix,
            });
        }
        if target.takes_several_words() {
            values.extend(words[i..end].iter().map(ValueWord::of));
        } else {
            let mut next = i;
            if values.is_empty() && next < end {
                values.push(ValueWord::of(&words[next]));
                next += 1;
            }
            if next < end && !values.is_empty() {
                explain_strays(line, target, &mut values[0], &words[next..end], report);
            }
        }
        i = end;
        if values.is_empty() {
            report.add(
                word.span.clone(),
                format!("--{} needs a value: {}", target.name(), target.hint()),
                None,
            );
        }
        given.push(Given {
            target,
            option_word: word.clone(),
            values,
        });
    }
    (given, leading)
}

/// Finds what `--name` sets, reporting unknown options with the closest known one.
fn resolve(
    line: &str,
    spec: &'static CommandSpec,
    word: &Word,
    name: &str,
    has_inline: bool,
    report: &mut Report,
) -> Option<Target> {
    if let Some(target) = Target::lookup(spec, name) {
        return Some(target);
    }
    let command = spec.name;
    if PAGING_OPTIONS.contains(&name) {
        report.add(
            word.span.clone(),
            format!("--{name} applies only to the list commands; {command} returns one result"),
            None,
        );
        return None;
    }
    if let Some((_, why)) = CLI_ONLY_OPTIONS.iter().find(|(o, _)| *o == name) {
        report.add(
            word.span.clone(),
            format!("--{name} is not available in a chat line: {why}"),
            None,
        );
        return None;
    }
    let known = all_option_names(spec);
    let Some(suggestion) = closest(name, known.iter().copied()) else {
        let list: Vec<String> = known.iter().map(|o| format!("--{o}")).collect();
        report.add(
            word.span.clone(),
            format!(
                "unknown option --{name} for {command}; it takes {}",
                list.join(", ")
            ),
            None,
        );
        return None;
    };
    let name_span = if has_inline {
        let typed = raw_text(line, &word.span);
        typed
            .split_once('=')
            .filter(|(before, _)| !before.contains(['"', '\'', '\\']))
            .map(|(before, _)| word.span.start..word.span.start + before.chars().count())
    } else {
        Some(word.span.clone())
    };
    let fix = name_span
        .filter(|_| suggestion.certain)
        .map(|span| Edit::new(span, format!("--{}", suggestion.text)));
    report.add(
        word.span.clone(),
        format!(
            "unknown option --{name} for {command}; did you mean --{}?",
            suggestion.text
        ),
        fix,
    );
    Target::lookup(spec, suggestion.text)
}

/// Words after a one-value option: a timestamp split at the space (`2023-03-31 T20:30:00.000`), free text
/// that needed quotes (`Custom Event`), or plain strays. The first two have a certain fix, and `value`
/// becomes what the user meant so that the rest of the line is checked as if fixed.
fn explain_strays(
    line: &str,
    target: Target,
    value: &mut ValueWord,
    strays: &[Word],
    report: &mut Report,
) {
    let name = target.name();
    let mut strays = strays;
    if let (Target::Member(option), Some(time)) = (target, strays.first())
        && matches!(option.shape, Shape::Timestamp)
        && is_date_only(&value.text)
        && is_time_part(&time.text)
    {
        let fixed = format!(
            "{}T{}",
            value.text,
            time.text.trim_start_matches(['T', 't'])
        );
        let span = value.span.start..time.span.end;
        let typed = raw_text(line, &span);
        let joined = ValueWord {
            text: fixed.clone(),
            span: span.clone(),
            edit_prefix: value.edit_prefix.clone(),
        };
        report.add(
            span,
            format!("--{name} got the date and the time as two words ({typed}); write them as one: {fixed}"),
            Some(joined.edit(&fixed)),
        );
        *value = joined;
        strays = &strays[1..];
    }
    let (Some(first), Some(last)) = (strays.first(), strays.last()) else {
        return;
    };
    let free_text = matches!(target, Target::Member(o) if matches!(o.member, "title" | "summary" | "eventType" | "eventData"));
    if free_text {
        let mut text = value.text.clone();
        for word in strays {
            text.push(' ');
            text.push_str(&word.text);
        }
        let span = value.span.start..last.span.end;
        let typed = raw_text(line, &span);
        let quoted = quote_word(&text);
        let joined = ValueWord {
            text,
            span: span.clone(),
            edit_prefix: value.edit_prefix.clone(),
        };
        report.add(
            span,
            format!("the value of --{name} has a space but is not quoted ({typed}); quote it: --{name} {quoted}"),
            Some(joined.edit(&quoted)),
        );
        *value = joined;
        return;
    }
    let span = first.span.start..last.span.end;
    let typed = raw_text(line, &span);
    let noun = if strays.len() == 1 { "word" } else { "words" };
    report.add(
        span,
        format!(
            "unexpected {noun} {typed} after --{name} {}; --{name} takes one value (quote a value that has spaces)",
            value.text
        ),
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_spellings() {
        assert_eq!(as_option("--title"), Some(("title", None)));
        assert_eq!(as_option("-title"), Some(("title", None)));
        assert_eq!(as_option("—title"), Some(("title", None)));
        assert_eq!(as_option("–title=x=y"), Some(("title", Some("x=y"))));
        assert_eq!(as_option("-1"), None);
        assert_eq!(as_option("--"), None);
        assert_eq!(as_option("title"), None);
    }
}
