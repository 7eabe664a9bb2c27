//! The last command's output as the command box shows it: text, a parse failure, or a failure.

use crate::domain::chat_command::ParseError;

/// What shows under the box.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CommandOutput {
    #[default]
    None,
    /// A command's output, or a note such as "export written to …".
    Text { title: String, body: String },
    /// The line did not parse; the problems' spans index `line` by character.
    Invalid { line: String, error: ParseError },
    /// A command or an action failed.
    Failed { title: String, message: String },
}

impl CommandOutput {
    /// The output as text to paste elsewhere: a command's body as it came (so JSON stays valid JSON), a
    /// failure or the parse problems as they read under the box.
    pub fn plain_text(&self) -> String {
        match self {
            CommandOutput::None => String::new(),
            CommandOutput::Text { body, .. } => body.clone(),
            CommandOutput::Failed { title, message } => format!("✗ {title}: {message}"),
            CommandOutput::Invalid { line, error } => {
                let mut text = line.clone();
                for problem in &error.problems {
                    text.push_str(&format!("\n✗ {}", problem.message));
                }
                if let Some(corrected) = &error.corrected_line {
                    text.push_str(&format!("\ncorrected line: {corrected}"));
                }
                text
            }
        }
    }
}
