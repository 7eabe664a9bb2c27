//! The command output as rows wrapped to a width, each part marked with its meaning: what the command box draws and the pager scrolls and searches.

use crate::app::keymap::{Action, Section};
use crate::app::state::{AppState, CommandOutput};
use crate::domain::chat_command::ParseError;
use crate::text::inert::{inert, inert_text};
use crate::text::wrap::wrap;

/// What a part of a row means; the screen picks its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A command that answered.
    Pass,
    Error,
    /// The characters of a typed line a problem is about.
    Offending,
    /// A key to press.
    Key,
}

/// One row: a mark for the whole row (if any) and its parts, each with its own mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub mark: Option<Mark>,
    pub spans: Vec<(String, Option<Mark>)>,
}

impl Row {
    fn plain(text: String) -> Self {
        Row {
            mark: None,
            spans: vec![(text, None)],
        }
    }

    fn marked(text: String, mark: Mark) -> Self {
        Row {
            mark: Some(mark),
            spans: vec![(text, None)],
        }
    }

    /// The row as plain text, as it reads on screen.
    pub fn text(&self) -> String {
        self.spans.iter().map(|(text, _)| text.as_str()).collect()
    }
}

/// The output's rows as plain text, wrapped to `width` exactly as they are drawn: what the pager scrolls
/// and searches.
pub fn output_texts(state: &AppState, width: u16) -> Vec<String> {
    output_rows(state, width).iter().map(Row::text).collect()
}

/// The pager pages through this many rows of a command's output; more is cut (Ctrl-Y still copies it all).
const OUTPUT_ROWS: usize = 20_000;

/// Everything under the box: the last output, or the parse problems with the line marked.
pub fn output_rows(state: &AppState, width: u16) -> Vec<Row> {
    let width = usize::from(width.max(10));
    match &state.command.output {
        CommandOutput::None => Vec::new(),
        CommandOutput::Text { title, body } => {
            let mut lines = vec![Row::marked(format!("✓ {}", inert(title)), Mark::Pass)];
            for piece in wrap(&inert_text(body.trim_end(), true), width, OUTPUT_ROWS) {
                lines.push(Row::plain(piece));
            }
            lines
        }
        CommandOutput::Failed { title, message } => wrap(
            &inert_text(&format!("✗ {title}: {message}"), true),
            width,
            50,
        )
        .into_iter()
        .map(|l| Row::marked(l, Mark::Error))
        .collect(),
        CommandOutput::Invalid { line, error } => invalid_lines(state, line, error, width),
    }
}

/// More problems than the box can ever show are summed up in one line, so a frame stays cheap.
const SHOWN_PROBLEMS: usize = 20;

/// The typed line with each problem's characters underlined, a caret row under them (so the mark does
/// not rely on colour), then the messages and the corrected line if there is one.
fn invalid_lines(state: &AppState, line: &str, error: &ParseError, width: usize) -> Vec<Row> {
    let chars: Vec<char> = inert(line).chars().collect();
    let first = error
        .problems
        .iter()
        .map(|p| p.span.start)
        .min()
        .unwrap_or(0);
    // Keep the first offending word in view on a narrow box.
    let start = first
        .saturating_sub(width / 3)
        .min(chars.len().saturating_sub(width.saturating_sub(2)));
    let end = (start + width.saturating_sub(2)).min(chars.len());
    // Only the problems in view are asked about each character: a pasted line can carry thousands.
    let in_view: Vec<&std::ops::Range<usize>> = error
        .problems
        .iter()
        .map(|p| &p.span)
        .filter(|span| span.start < end && span.end > start)
        .collect();
    let marked = |i: usize| in_view.iter().any(|span| span.contains(&i));
    let mut spans = vec![("  ".to_string(), None)];
    let mut carets = String::from("  ");
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        let mark = marked(i).then_some(Mark::Offending);
        spans.push((c.to_string(), mark));
        carets.push(if marked(i) { '^' } else { ' ' });
    }
    let mut lines = vec![
        Row { mark: None, spans },
        Row::marked(carets.trim_end().to_string(), Mark::Error),
    ];
    for problem in error.problems.iter().take(SHOWN_PROBLEMS) {
        for piece in wrap(&inert(&format!("✗ {}", problem.message)), width, 6) {
            lines.push(Row::marked(piece, Mark::Error));
        }
    }
    let hidden = error.problems.len().saturating_sub(SHOWN_PROBLEMS);
    if hidden > 0 {
        lines.push(Row::marked(
            format!("✗ … and {hidden} more problems"),
            Mark::Error,
        ));
    }
    if let Some(corrected) = &error.corrected_line {
        let key = state
            .keymap
            .key_for(Section::Command, Action::AcceptCorrection)
            .unwrap_or("ctrl-o");
        lines.push(Row::marked(
            format!("corrected line ({key} accepts):"),
            Mark::Key,
        ));
        for piece in wrap(&inert(corrected), width.saturating_sub(2), 6) {
            lines.push(Row::plain(format!("  {piece}")));
        }
    }
    lines
}
