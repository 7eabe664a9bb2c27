//! Chat lines (`@aws ssm-incidents …`) to `IncidentCommand`s, with errors that point at the offending word.

mod build;
mod canonical;
mod completion;
mod help;
mod lexer;
mod parse;
mod report;
mod shape;
mod shorthand;
mod smart_quotes;
mod spec;
mod suggest;
mod timestamp;

use std::ops::Range;

use super::command::IncidentCommand;

pub use canonical::canonical_line;
pub use completion::{Candidate, Completion, CompletionContext, complete, fill_selected_incident};
pub use help::help_for;
pub use parse::parse_chat_line;
pub use timestamp::{TimestampError, parse_timestamp};

/// `--output`: the two formats a chat channel offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Json,
    Text,
}

/// A whole parsed line: the command plus the AWS CLI's global options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLine {
    pub command: IncidentCommand,
    /// `--region`, when given.
    pub region: Option<String>,
    /// `--query`, a JMESPath expression applied to the output.
    pub query: Option<String>,
    pub output: OutputFormat,
}

/// One thing wrong with a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The offending word as typed.
    pub word: String,
    /// Its character range in the line, for marking it under the command box.
    pub span: Range<usize>,
    /// What is wrong and how to fix it, e.g. `unknown command list-response-plan; did you mean list-response-plans?`.
    pub message: String,
}

/// Why a line did not parse or validate: every problem found, and the corrected line when the fix is certain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))]
pub struct ParseError {
    pub problems: Vec<Problem>,
    pub corrected_line: Option<String>,
}
