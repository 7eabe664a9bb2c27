//! The problems found in one line, each with the edit that fixes it when the fix is certain.

use std::ops::Range;

use super::{ParseError, Problem};

/// Replace the characters in `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn new(span: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    found: Vec<(Problem, Option<Edit>)>,
}

impl Report {
    /// Records a problem with the word at `span`; the word itself is taken from the line as typed.
    pub fn add(&mut self, span: Range<usize>, message: impl Into<String>, fix: Option<Edit>) {
        self.found.push((
            Problem {
                word: String::new(),
                span,
                message: message.into(),
            },
            fix,
        ));
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The error, problems in line order; the corrected line only when every problem has a fix and the
    /// fixes do not overlap.
    pub fn into_error(mut self, line: &str) -> ParseError {
        self.found.sort_by_key(|(p, _)| (p.span.start, p.span.end));
        // Byte offsets of every character, found once: slicing per problem stays linear in the line.
        let offsets: Vec<usize> = line
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(line.len()))
            .collect();
        let last = offsets.len() - 1;
        for (problem, _) in &mut self.found {
            let start = offsets[problem.span.start.min(last)];
            let end = offsets[problem.span.end.clamp(problem.span.start, last).min(last)];
            problem.word = line[start..end.max(start)].to_string();
        }
        let corrected_line = corrected(line, &self.found);
        ParseError {
            problems: self.found.into_iter().map(|(p, _)| p).collect(),
            corrected_line,
        }
    }
}

fn corrected(line: &str, found: &[(Problem, Option<Edit>)]) -> Option<String> {
    let all: Vec<&Edit> = found
        .iter()
        .map(|(_, e)| e.as_ref())
        .collect::<Option<_>>()?;
    // An edit inside a larger one is already part of it (a curly-quote fix inside a replaced value).
    let inside_another = |e: &Edit| {
        all.iter()
            .any(|o| o.span != e.span && o.span.start <= e.span.start && e.span.end <= o.span.end)
    };
    let mut edits: Vec<&Edit> = all.iter().copied().filter(|e| !inside_another(e)).collect();
    // Same span: the first recorded wins (curly-quote fixes are recorded last).
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits.dedup_by(|later, earlier| later.span == earlier.span);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at || edit.span.end > chars.len() {
            return None;
        }
        out.extend(&chars[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.extend(&chars[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_apply_in_line_order() {
        let mut report = Report::default();
        report.add(2..3, "second", Some(Edit::new(2..3, "B")));
        report.add(0..1, "first", Some(Edit::new(0..1, "A")));
        let error = report.into_error("a b c");
        assert_eq!(error.corrected_line.as_deref(), Some("A B c"));
        assert_eq!(error.problems[0].message, "first");
    }

    #[test]
    fn one_uncertain_problem_means_no_corrected_line() {
        let mut report = Report::default();
        report.add(0..1, "fixable", Some(Edit::new(0..1, "A")));
        report.add(2..3, "not fixable", None);
        assert_eq!(report.into_error("a b").corrected_line, None);
    }
}
