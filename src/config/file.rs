//! The config file's TOML shape, parsed without I/O into typed values that remember their line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;

/// Everything the file may say; every field is optional so an empty file is a valid one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub profile: Option<Spanned<String>>,
    pub region: Option<Spanned<String>>,
    pub read_only: Option<Spanned<bool>>,
    pub time_zone: Option<Spanned<TimeZone>>,
    pub mouse: Option<Spanned<bool>>,
    pub export_dir: Option<Spanned<String>>,
    #[serde(default)]
    pub poll: Poll,
    /// `[keys.SECTION] action = ["key", ...]`: section → action → keys, each with where it was written.
    #[serde(default)]
    pub keys: BTreeMap<Spanned<String>, KeySection>,
    /// `[theme] base = "light"` and `role = "colour"`.
    #[serde(default)]
    pub theme: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// One `[keys.SECTION]` table: action → keys, each with where it was written.
pub type KeySection = BTreeMap<Spanned<String>, Spanned<Vec<String>>>;

/// How often each source of data is read again, in seconds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Poll {
    pub timeline_seconds: Option<Spanned<u32>>,
    pub incidents_seconds: Option<Spanned<u32>>,
    pub snapshot_seconds: Option<Spanned<u32>>,
}

/// How times are shown; `t` toggles it while imdeck runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeZone {
    Utc,
    Local,
}

/// A place in the file: the 1-based line, and the `[table] key` written there (as the user wrote it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub key: String,
}

/// The line and dotted key at a byte offset of `text`: the line's own `key =` after the last `[table]` above it.
pub fn place_at(text: &str, offset: usize) -> Place {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let this_line = text.lines().nth(line - 1).unwrap_or("");
    let table = text
        .lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            (l.starts_with('[') && l.ends_with(']'))
                .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
        })
        .last();
    let own = this_line.trim();
    let key = if own.starts_with('[') {
        own.trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_string()
    } else {
        let name = own.split('=').next().unwrap_or("").trim().to_string();
        match table {
            Some(table) if !name.is_empty() => format!("{table}.{name}"),
            Some(table) => table,
            None => name,
        }
    };
    Place { line, key }
}

/// Parses the file's text; `path` only names the file in errors.
pub fn parse(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let place = place_at(text, e.span().map(|s| s.start).unwrap_or(0));
        ConfigError::Invalid {
            path: path.to_string(),
            line: place.line,
            key: place.key,
            message: e.message().trim().to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, String, String) {
        match parse("c.toml", text) {
            Err(ConfigError::Invalid {
                line, key, message, ..
            }) => (line, key, message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_file_is_valid_and_says_nothing() {
        let file = parse("c.toml", "").expect("parses");
        assert!(file.profile.is_none() && file.keys.is_empty() && file.theme.is_empty());
    }

    #[test]
    fn values_keep_their_line() {
        let text =
            "profile = \"prod\"\n\n[poll]\ntimeline-seconds = 9\n[keys.global]\nquit = [\"Q\"]\n";
        let file = parse("c.toml", text).expect("parses");
        let profile = file.profile.expect("profile");
        assert_eq!(profile.get_ref(), "prod");
        assert_eq!(place_at(text, profile.span().start).line, 1);
        let poll = file.poll.timeline_seconds.expect("poll");
        assert_eq!(
            (*poll.get_ref(), place_at(text, poll.span().start).line),
            (9, 4)
        );
        let (section, actions) = file.keys.iter().next().expect("a section");
        assert_eq!(section.get_ref(), "global");
        let (action, keys) = actions.iter().next().expect("an action");
        assert_eq!(action.get_ref(), "quit");
        assert_eq!(keys.get_ref(), &vec!["Q".to_string()]);
        assert_eq!(place_at(text, keys.span().start).line, 6);
    }

    #[test]
    fn an_unknown_top_level_key_names_its_line_and_key() {
        let (line, key, message) = error("profile = \"a\"\nregoin = \"us-east-1\"\n");
        assert_eq!((line, key.as_str()), (2, "regoin"));
        assert!(message.contains("unknown field `regoin`"), "{message}");
    }

    #[test]
    fn a_wrong_type_names_its_line_and_the_table_key() {
        let (line, key, message) = error("[poll]\n\nincidents-seconds = \"fast\"\n");
        assert_eq!((line, key.as_str()), (3, "poll.incidents-seconds"));
        assert!(message.contains("invalid type"), "{message}");
    }

    #[test]
    fn an_unknown_time_zone_is_refused() {
        let (line, key, message) = error("time-zone = \"mars\"\n");
        assert_eq!((line, key.as_str()), (1, "time-zone"));
        assert!(
            message.contains("utc") && message.contains("local"),
            "{message}"
        );
    }

    #[test]
    fn broken_toml_names_its_line() {
        let (line, _, _) = error("mouse = true\nread-only = \n");
        assert_eq!(line, 2);
    }
}
