//! The command box's history file in the XDG state directory, one line per command.

use std::io::Write;
use std::path::PathBuf;

use crate::app::state::command_box::HISTORY_LIMIT;

pub fn path() -> PathBuf {
    crate::logging::log_dir().join("history")
}

pub fn load() -> Vec<String> {
    let text = std::fs::read_to_string(path()).unwrap_or_default();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let skip = lines.len().saturating_sub(HISTORY_LIMIT);
    lines.into_iter().skip(skip).collect()
}

pub fn append(line: &str) -> std::io::Result<()> {
    let path = path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    // One entry per line: a pasted multi-line command is kept as one line.
    writeln!(file, "{}", line.replace(['\n', '\r'], " "))
}
