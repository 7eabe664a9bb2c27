//! The command box's history files in the XDG state directory, one per account (and one for the sandbox), one
//! line per command.

use std::io::Write;
use std::path::PathBuf;

use crate::app::state::HistoryScope;
use crate::app::state::command_box::HISTORY_LIMIT;

/// The file name of a scope's history. Names are kept to `[A-Za-z0-9._-]` so a profile name cannot climb out of
/// the directory, and the three kinds of scope have distinct prefixes so a profile named like an account cannot
/// share that account's file.
pub fn file_name(scope: &HistoryScope) -> String {
    match scope {
        HistoryScope::Sandbox => "history-sandbox".to_string(),
        HistoryScope::Account(account) => format!("history-account-{}", safe(account)),
        HistoryScope::Profile(profile) => format!("history-profile-{}", safe(profile)),
    }
}

/// A name with every character outside `[A-Za-z0-9_-]` written as `.XX` (its bytes in hex), so distinct names stay
/// distinct and none is a path.
fn safe(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!(".{byte:02x}"));
            }
        }
    }
    out
}

pub fn path(scope: &HistoryScope) -> PathBuf {
    crate::logging::log_dir().join(file_name(scope))
}

pub fn load(scope: &HistoryScope) -> Vec<String> {
    let text = std::fs::read_to_string(path(scope)).unwrap_or_default();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let skip = lines.len().saturating_sub(HISTORY_LIMIT);
    lines.into_iter().skip(skip).collect()
}

pub fn append(scope: &HistoryScope, line: &str) -> std::io::Result<()> {
    let path = path(scope);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scope_has_its_own_file() {
        let names = [
            file_name(&HistoryScope::Sandbox),
            file_name(&HistoryScope::Account("111111111111".into())),
            file_name(&HistoryScope::Account("222222222222".into())),
            file_name(&HistoryScope::Profile("111111111111".into())),
            file_name(&HistoryScope::Profile("sandbox".into())),
            file_name(&HistoryScope::Profile("prod".into())),
            file_name(&HistoryScope::Profile("prod/".into())),
            file_name(&HistoryScope::Profile("prod.2f".into())),
        ];
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(names[1], "history-account-111111111111");
        assert_eq!(names[0], "history-sandbox");
    }

    #[test]
    fn a_profile_name_cannot_leave_the_state_directory() {
        for profile in ["../../etc/passwd", "/abs", "a\\b", "..", "é"] {
            let name = file_name(&HistoryScope::Profile(profile.into()));
            assert!(
                !name.contains('/') && !name.contains('\\') && !name.contains(".."),
                "{name}"
            );
            assert_eq!(
                path(&HistoryScope::Profile(profile.into())).parent(),
                Some(crate::logging::log_dir().as_path())
            );
        }
    }
}
