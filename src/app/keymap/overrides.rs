//! The config file's `[keys.SECTION]` tables patched over the built-in keymap, gitui-style: an action named there gets exactly the keys given, every other action keeps its own.

use std::collections::HashMap;

use super::{BUILTIN_KEYMAP, KeyCombo, Keymap, RawTable};

/// One `action = ["key", ...]` line of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub section: String,
    pub action: String,
    pub keys: Vec<String>,
    /// The 1-based line it was written on, for errors and for `imdeck config`.
    pub line: usize,
}

impl KeyOverride {
    /// The dotted key the file spells: `keys.global.quit`.
    pub fn dotted(&self) -> String {
        format!("keys.{}.{}", self.section, self.action)
    }
}

/// What is wrong with one override line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    pub line: usize,
    pub key: String,
    pub message: String,
}

const KEY_NAMES: &str = "a character (q, G, ?), or enter, esc, tab, backtab, up, down, left, right, pgup, pgdn, \
                         home, end, backspace, delete, space, f1..f12; optionally after ctrl- or alt-";

impl Keymap {
    /// The built-in table with the overrides patched in. Every line is checked: the section and the action
    /// exist (an action is only overridable where the built-in table has it, so a key cannot be bound where
    /// nothing would act on it), each key name parses, and no key ends up bound twice in one section.
    pub fn with_overrides(overrides: &[KeyOverride]) -> Result<Keymap, OverrideError> {
        let mut table: RawTable = toml::from_str(BUILTIN_KEYMAP).map_err(|e| OverrideError {
            line: 0,
            key: "assets/keymap.toml".into(),
            message: format!("the built-in keymap does not parse: {}", e.message()),
        })?;
        let sections: Vec<String> = table.keys().cloned().collect();
        for o in overrides {
            let fail = |message: String| OverrideError {
                line: o.line,
                key: o.dotted(),
                message,
            };
            let Some(toml::Value::Table(actions)) = table.get_mut(&o.section) else {
                return Err(fail(format!(
                    "unknown section [keys.{}]; the sections are {}",
                    o.section,
                    sections.join(", ")
                )));
            };
            if !actions.contains_key(&o.action) {
                let known: Vec<&str> = actions.keys().map(String::as_str).collect();
                return Err(fail(format!(
                    "unknown action `{}` in [keys.{}]; its actions are {}",
                    o.action,
                    o.section,
                    known.join(", ")
                )));
            }
            let mut seen = Vec::new();
            for key in &o.keys {
                let combo = KeyCombo::parse(key)
                    .map_err(|_| fail(format!("bad key name `{key}`: a key is {KEY_NAMES}")))?;
                if seen.contains(&combo) {
                    return Err(fail(format!("key `{key}` is listed twice")));
                }
                seen.push(combo);
            }
            let keys = o.keys.iter().cloned().map(toml::Value::String).collect();
            actions.insert(o.action.clone(), toml::Value::Array(keys));
        }
        check_no_key_twice(&table, overrides)?;
        Keymap::from_table(table).map_err(|e| OverrideError {
            line: 0,
            key: "keys".into(),
            message: e.to_string(),
        })
    }
}

/// A key bound to two actions of one section would silently do only one of them; the error names the line
/// that made the clash and the action it clashes with.
fn check_no_key_twice(table: &RawTable, overrides: &[KeyOverride]) -> Result<(), OverrideError> {
    let line_of = |section: &str, action: &str| {
        overrides
            .iter()
            .rev()
            .find(|o| o.section == section && o.action == action)
    };
    for (section, actions) in table {
        let Some(actions) = actions.as_table() else {
            continue;
        };
        let mut bound: HashMap<KeyCombo, &str> = HashMap::new();
        for (action, keys) in actions {
            for key in keys
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str())
            {
                let Ok(combo) = KeyCombo::parse(key) else {
                    continue;
                };
                let Some(other) = bound.insert(combo, action) else {
                    continue;
                };
                // Blame the override written last of the two; the other is named with where it comes from.
                let (blamed, other_action) =
                    match (line_of(section, action), line_of(section, other)) {
                        (Some(a), Some(b)) if b.line > a.line => (b, action.as_str()),
                        (Some(a), _) => (a, other),
                        (None, Some(b)) => (b, action.as_str()),
                        (None, None) => continue,
                    };
                let other_from = match line_of(section, other_action) {
                    Some(o) => format!("line {}", o.line),
                    None => "the built-in keymap".to_string(),
                };
                return Err(OverrideError {
                    line: blamed.line,
                    key: blamed.dotted(),
                    message: format!(
                        "key `{key}` is bound twice in [keys.{section}]: to {} and to {other_action} \
                         ({other_from}); give {other_action} other keys in [keys.{section}] too",
                        blamed.action
                    ),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::{Action, Section};
    use super::*;

    fn o(section: &str, action: &str, keys: &[&str], line: usize) -> KeyOverride {
        KeyOverride {
            section: section.into(),
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        }
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn names_are_the_tables_spelling() {
        use serde::Deserialize;
        for &action in Action::ALL {
            let back =
                Action::deserialize(toml::Value::String(action.name().into())).expect("a name");
            assert_eq!(back, action);
        }
        for &section in Section::ALL {
            let back =
                Section::deserialize(toml::Value::String(section.name().into())).expect("a name");
            assert_eq!(back, section);
            assert!(!section.title().is_empty(), "{section:?} has no title");
        }
        assert_eq!(Section::PagerSearch.name(), "pager-search");
    }

    #[test]
    fn no_overrides_is_the_built_in_table() {
        assert_eq!(
            Keymap::with_overrides(&[]),
            Ok(Keymap::builtin().expect("built-in"))
        );
    }

    #[test]
    fn an_override_replaces_that_actions_keys_and_nothing_else() {
        let map = Keymap::with_overrides(&[o("global", "quit", &["Q"], 3)]).expect("valid");
        assert_eq!(map.action(Section::Global, &key('Q')), Some(Action::Quit));
        assert_eq!(map.action(Section::Global, &key('q')), None);
        assert_eq!(map.action(Section::Global, &key('?')), Some(Action::Help));
        assert_eq!(map.key_for(Section::Incidents, Action::Quit), Some("Q"));
        let quit = map
            .bindings(Section::Global)
            .iter()
            .find(|b| b.action == Action::Quit)
            .expect("quit is listed");
        assert_eq!(quit.keys, vec!["Q".to_string()]);
    }

    #[test]
    fn a_key_freed_by_one_override_may_be_taken_by_another() {
        let map = Keymap::with_overrides(&[
            o("incidents", "filter", &["f"], 1),
            o("incidents", "add-note", &["/"], 2),
        ])
        .expect("valid");
        assert_eq!(
            map.action(Section::Incidents, &key('/')),
            Some(Action::AddNote)
        );
        assert_eq!(
            map.action(Section::Incidents, &key('f')),
            Some(Action::Filter)
        );
    }

    #[test]
    fn an_unknown_section_is_an_error_naming_the_line_and_the_sections() {
        let err = Keymap::with_overrides(&[o("globall", "quit", &["Q"], 7)]).expect_err("bad");
        assert_eq!((err.line, err.key.as_str()), (7, "keys.globall.quit"));
        assert!(
            err.message.contains("unknown section [keys.globall]"),
            "{}",
            err.message
        );
        assert!(err.message.contains("pager-search"), "{}", err.message);
    }

    #[test]
    fn an_unknown_action_is_an_error_listing_the_sections_actions() {
        let err = Keymap::with_overrides(&[o("global", "quitt", &["Q"], 4)]).expect_err("bad");
        assert_eq!((err.line, err.key.as_str()), (4, "keys.global.quitt"));
        assert!(
            err.message
                .contains("unknown action `quitt` in [keys.global]"),
            "{}",
            err.message
        );
        assert!(err.message.contains("toggle-utc"), "{}", err.message);
    }

    #[test]
    fn an_action_that_does_not_belong_to_the_section_is_refused() {
        let err = Keymap::with_overrides(&[o("global", "add-note", &["N"], 2)]).expect_err("bad");
        assert!(
            err.message
                .contains("unknown action `add-note` in [keys.global]"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_bad_key_name_is_an_error() {
        let err = Keymap::with_overrides(&[o("global", "quit", &["ctl-q"], 5)]).expect_err("bad");
        assert_eq!(err.line, 5);
        assert!(
            err.message.starts_with("bad key name `ctl-q`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_key_listed_twice_in_one_line_is_an_error() {
        let err = Keymap::with_overrides(&[o("global", "quit", &["Q", "Q"], 5)]).expect_err("bad");
        assert!(
            err.message.contains("`Q` is listed twice"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_key_already_bound_in_the_section_is_an_error_naming_the_other_action() {
        let err = Keymap::with_overrides(&[o("global", "help", &["q"], 9)]).expect_err("bad");
        assert_eq!((err.line, err.key.as_str()), (9, "keys.global.help"));
        assert!(
            err.message.contains(
                "key `q` is bound twice in [keys.global]: to help and to quit (the built-in keymap)"
            ),
            "{}",
            err.message
        );
    }

    #[test]
    fn two_overrides_taking_one_key_blame_the_later_line() {
        let err = Keymap::with_overrides(&[
            o("global", "help", &["H"], 3),
            o("global", "refresh", &["H"], 8),
        ])
        .expect_err("bad");
        assert_eq!(err.line, 8);
        assert!(
            err.message.contains("to refresh and to help (line 3)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_same_key_in_two_sections_is_fine() {
        Keymap::with_overrides(&[
            o("pager", "search", &["s"], 1),
            o("incidents", "filter", &["F"], 2),
        ])
        .expect("a key may differ per section");
    }
}
