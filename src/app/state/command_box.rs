//! The command box: the text being typed, its history and history search, completions, and the last command's output.

use ratatui_textarea::{CursorMove, TextArea};

use crate::domain::chat_command::{Candidate, ChatLine};
use crate::domain::model::Timestamp;

use super::command_output::CommandOutput;
use super::pager::Pager;

/// Keeps the history file and the ↑ list to a size a person can scroll.
pub const HISTORY_LIMIT: usize = 1_000;

/// Whose command history the box walks and saves to: lines typed against one account (or the sandbox) are never
/// offered against another, where a sandbox ARN or another account's incident would be wrong or harmful.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HistoryScope {
    /// The embedded sandbox: its own history, whatever account id it plays.
    Sandbox,
    /// A real (or custom-endpoint) account, once the snapshot has named it.
    Account(String),
    /// The profile, while the account is not yet known.
    Profile(String),
}

impl HistoryScope {
    /// The scope for where the header says imdeck is pointed.
    pub fn of(header: &super::HeaderInfo) -> Self {
        if header.profile_or_sandbox == "SANDBOX" && header.endpoint.is_none() {
            HistoryScope::Sandbox
        } else if !header.account.is_empty() {
            HistoryScope::Account(header.account.clone())
        } else {
            HistoryScope::Profile(header.profile_or_sandbox.clone())
        }
    }
}

/// Ctrl-R: the query typed so far and which history entry (newest first) currently matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistorySearch {
    pub query: String,
    /// How many older matches were skipped with repeated Ctrl-R.
    pub skip: usize,
}

#[derive(Debug, Clone)]
pub struct CommandBox {
    pub input: TextArea<'static>,
    /// Oldest first.
    pub history: Vec<String>,
    /// Position while walking the history with ↑/↓; `None` when editing a fresh line.
    pub history_pos: Option<usize>,
    /// The line being typed before ↑ was pressed, restored by ↓ past the newest entry.
    pub draft: String,
    pub search: Option<HistorySearch>,
    /// The candidates offered by the last Tab, listed under the box while Tab cycles through them.
    pub menu: Option<CompletionMenu>,
    pub output: CommandOutput,
    /// How the output is scrolled and searched, and whether the pager has the keys.
    pub pager: Pager,
    /// The line being parsed or run, and since when, for the spinner.
    pub running: Option<(String, Timestamp)>,
    /// The corrected line offered by the last parse error, accepted with one key.
    pub correction: Option<String>,
    /// The canonical chat line of the last command parsed or confirmed, for copying.
    pub last_canonical: Option<String>,
    /// Confirmed together with the running write, run once that write succeeds.
    pub then: Option<ChatLine>,
    /// Whose history `history` holds, or is being loaded; `None` before start-up.
    pub history_scope: Option<HistoryScope>,
}

impl Default for CommandBox {
    fn default() -> Self {
        Self::new()
    }
}

impl CommandBox {
    pub fn new() -> Self {
        Self {
            input: new_input("@aws ssm-incidents …"),
            history: Vec::new(),
            history_pos: None,
            draft: String::new(),
            search: None,
            menu: None,
            output: CommandOutput::None,
            pager: Pager::default(),
            running: None,
            correction: None,
            last_canonical: None,
            then: None,
            history_scope: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    pub fn set_text(&mut self, text: &str) {
        self.input = new_input("@aws ssm-incidents …");
        self.input.insert_str(text);
        self.input.move_cursor(CursorMove::End);
    }

    /// Records a submitted line, dropping an immediate repeat and the oldest past the limit.
    pub fn remember(&mut self, line: &str) {
        if self.history.last().map(String::as_str) != Some(line) {
            self.history.push(line.to_string());
        }
        if self.history.len() > HISTORY_LIMIT {
            let excess = self.history.len() - HISTORY_LIMIT;
            self.history.drain(..excess);
        }
        self.history_pos = None;
    }

    /// The pager has the keys: it was entered, and there is still an output to page through.
    pub fn pager_has_keys(&self) -> bool {
        self.pager.focused && self.output != CommandOutput::None
    }

    /// Rows the completion menu takes under the input line: its candidates in view and its status line.
    pub fn menu_rows(&self) -> u16 {
        self.menu.as_ref().map_or(0, CompletionMenu::rows)
    }

    /// The history entry the Ctrl-R search currently shows, newest match first.
    pub fn search_match(&self) -> Option<&str> {
        let search = self.search.as_ref()?;
        self.history
            .iter()
            .rev()
            .filter(|h| h.contains(&search.query))
            .nth(search.skip)
            .map(String::as_str)
    }
}

/// Candidates the menu shows at once; it scrolls to keep the selected one in view.
pub const MENU_ROWS: usize = 6;

/// The completion menu: the line around the word being completed, and the candidates Tab cycles through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionMenu {
    /// The line before the word being completed.
    pub before: String,
    /// The word as it was before cycling, put back by Esc.
    pub typed: String,
    /// The line after the word, leading blanks dropped.
    pub after: String,
    pub candidates: Vec<Candidate>,
    /// The candidate in the line now; `None` until the first Tab after the menu opened.
    pub selected: Option<usize>,
}

impl CompletionMenu {
    /// Candidate rows in view plus the status line.
    pub fn rows(&self) -> u16 {
        (self.candidates.len().min(MENU_ROWS) + 1) as u16
    }

    /// The first candidate in view, so the selected one is always shown.
    pub fn top(&self) -> usize {
        let selected = self.selected.unwrap_or(0);
        (selected + 1).saturating_sub(MENU_ROWS)
    }

    /// The line with `word` in the completed word's place, and where the cursor goes (just after it).
    pub fn line_with(&self, word: &str) -> (String, usize) {
        let mut line = format!("{}{word}", self.before);
        let cursor = line.chars().count();
        if !self.after.is_empty() {
            line.push(' ');
            line.push_str(&self.after);
        }
        (line, cursor)
    }
}

/// A one-line text field with imdeck's look: no underline on the cursor line, a placeholder.
pub fn new_input(placeholder: &str) -> TextArea<'static> {
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::default());
    input.set_placeholder_text(placeholder);
    input
}
