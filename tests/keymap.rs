//! The keymap table: it parses, every action is bound and described, lookups follow the sections, and the help shows it.

use imdeck::app::keymap::{Action, BUILTIN_KEYMAP, KeyCombo, Keymap, KeymapError, Section};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn keymap() -> Keymap {
    Keymap::builtin().expect("assets/keymap.toml parses")
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn every_action_is_bound_somewhere_and_has_a_help_line() {
    let keymap = keymap();
    for &action in Action::ALL {
        assert!(
            !action.description().trim().is_empty(),
            "{action:?} has no help line"
        );
        let bound = Section::ALL.iter().any(|s| {
            keymap
                .bindings(*s)
                .iter()
                .any(|b| b.action == action && !b.keys.is_empty())
        });
        assert!(bound, "{action:?} is bound to no key in assets/keymap.toml");
    }
}

#[test]
fn every_section_has_bindings_and_can_be_left() {
    let keymap = keymap();
    for &section in Section::ALL {
        assert!(
            !keymap.bindings(section).is_empty(),
            "[{section:?}] is empty"
        );
    }
    for section in [
        Section::Wizard,
        Section::Command,
        Section::Filter,
        Section::Prompt,
        Section::Confirm,
        Section::Popup,
    ] {
        assert!(
            keymap.key_for(section, Action::Leave).is_some(),
            "no way out of {section:?}"
        );
        assert!(
            keymap.key_for(section, Action::Quit).is_some(),
            "ctrl-c must quit from {section:?} too"
        );
    }
    // The pager owns its keys (q leaves it, ctrl-c quits); its search is text, where ctrl-c cancels.
    assert_eq!(
        keymap.action(
            Section::Pager,
            &press(KeyCode::Char('q'), KeyModifiers::NONE)
        ),
        Some(Action::Leave)
    );
    assert!(keymap.key_for(Section::Pager, Action::Quit).is_some());
    assert!(
        keymap
            .key_for(Section::PagerSearch, Action::Leave)
            .is_some()
    );
}

#[test]
fn pager_keys() {
    let keymap = keymap();
    let none = KeyModifiers::NONE;
    let cases = [
        (
            Section::Incidents,
            press(KeyCode::Char('p'), none),
            Some(Action::OpenPager),
        ),
        (
            Section::Checklist,
            press(KeyCode::Esc, none),
            Some(Action::ClearOutput),
        ),
        (Section::Command, press(KeyCode::Char('p'), none), None),
        (
            Section::Command,
            press(KeyCode::PageDown, none),
            Some(Action::PageDown),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('j'), none),
            Some(Action::Down),
        ),
        (
            Section::Pager,
            press(KeyCode::Char(' '), none),
            Some(Action::PageDown),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('/'), none),
            Some(Action::Search),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('n'), none),
            Some(Action::NextMatch),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('N'), KeyModifiers::SHIFT),
            Some(Action::PrevMatch),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('y'), KeyModifiers::CONTROL),
            Some(Action::CopyOutput),
        ),
        (
            Section::Pager,
            press(KeyCode::Esc, none),
            Some(Action::ClearOutput),
        ),
        (
            Section::Pager,
            press(KeyCode::Char('p'), none),
            Some(Action::Leave),
        ),
        // Modal: `:` and `?` do nothing in the pager rather than reach [global].
        (Section::Pager, press(KeyCode::Char(':'), none), None),
        (Section::PagerSearch, press(KeyCode::Char('n'), none), None),
        (Section::PagerSearch, press(KeyCode::Char('q'), none), None),
        (
            Section::PagerSearch,
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Leave),
        ),
        (
            Section::PagerSearch,
            press(KeyCode::Enter, none),
            Some(Action::Submit),
        ),
    ];
    for (section, event, expected) in cases {
        assert_eq!(
            keymap.action(section, &event),
            expected,
            "{section:?} {event:?}"
        );
    }
}

#[test]
fn lookup_table() {
    let keymap = keymap();
    let none = KeyModifiers::NONE;
    let cases = [
        (
            Section::Incidents,
            press(KeyCode::Char('q'), none),
            Some(Action::Quit),
        ),
        (
            Section::Incidents,
            press(KeyCode::Tab, none),
            Some(Action::FocusNext),
        ),
        (
            Section::Timeline,
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::FocusPrev),
        ),
        (
            Section::Checklist,
            press(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::Help),
        ),
        (
            Section::Checklist,
            press(KeyCode::Enter, none),
            Some(Action::OpenDetail),
        ),
        (
            Section::Incidents,
            press(KeyCode::Char('/'), none),
            Some(Action::Filter),
        ),
        (
            Section::Incidents,
            press(KeyCode::Char('n'), none),
            Some(Action::AddNote),
        ),
        (
            Section::Timeline,
            press(KeyCode::Char('e'), none),
            Some(Action::EditEvent),
        ),
        (Section::Checklist, press(KeyCode::Char('e'), none), None),
        (
            Section::Timeline,
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom),
        ),
        (
            Section::Channels,
            press(KeyCode::Char(':'), none),
            Some(Action::Command),
        ),
        // The text sections never fall back to [global]: q and : are typed.
        (Section::Command, press(KeyCode::Char('q'), none), None),
        (Section::Command, press(KeyCode::Char(':'), none), None),
        (Section::Filter, press(KeyCode::Char('q'), none), None),
        (Section::Prompt, press(KeyCode::Char('n'), none), None),
        (
            Section::Command,
            press(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::HistorySearch),
        ),
        // Ctrl-C cancels an open input; it quits only from the panes.
        (
            Section::Command,
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Leave),
        ),
        (
            Section::Prompt,
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Leave),
        ),
        (
            Section::Incidents,
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit),
        ),
        (
            Section::Command,
            press(KeyCode::Tab, none),
            Some(Action::Complete),
        ),
        (
            Section::Confirm,
            press(KeyCode::Char('y'), none),
            Some(Action::Confirm),
        ),
        (
            Section::Confirm,
            press(KeyCode::Char('n'), none),
            Some(Action::Leave),
        ),
        // Enter never confirms a write.
        (Section::Confirm, press(KeyCode::Enter, none), None),
        (
            Section::Picker,
            press(KeyCode::Char('j'), none),
            Some(Action::Down),
        ),
    ];
    for (section, event, expected) in cases {
        assert_eq!(
            keymap.action(section, &event),
            expected,
            "{section:?} {event:?}"
        );
    }
}

#[test]
fn key_names_parse_and_bad_ones_are_refused() {
    assert_eq!(
        KeyCombo::parse("ctrl-r").expect("parses"),
        KeyCombo {
            code: KeyCode::Char('r'),
            modifiers: KeyModifiers::CONTROL
        }
    );
    assert_eq!(
        KeyCombo::parse("pgdn").expect("parses").code,
        KeyCode::PageDown
    );
    assert_eq!(KeyCombo::parse("f5").expect("parses").code, KeyCode::F(5));
    assert_eq!(
        KeyCombo::parse("-").expect("parses").code,
        KeyCode::Char('-')
    );
    assert!(matches!(
        KeyCombo::parse("hyper-x"),
        Err(KeymapError::UnknownKey(_))
    ));
    assert!(matches!(
        KeyCombo::parse("f13"),
        Err(KeymapError::UnknownKey(_))
    ));
}

#[test]
fn a_key_bound_twice_in_a_section_is_an_error() {
    let err = Keymap::parse("[global]\nquit = [\"q\"]\nhelp = [\"q\"]\n").expect_err("duplicate");
    assert!(matches!(err, KeymapError::Duplicate { .. }), "{err:?}");
    assert!(matches!(
        Keymap::parse("[nowhere]\nquit = [\"q\"]\n"),
        Err(KeymapError::Toml(_))
    ));
    assert!(matches!(
        Keymap::parse("[global]\nfly = [\"q\"]\n"),
        Err(KeymapError::Toml(_))
    ));
}

#[test]
fn the_help_overlay_lists_the_table() {
    let state = imdeck::app::AppState::new(imdeck::app::HeaderInfo {
        account: String::new(),
        region: "us-east-2".into(),
        profile_or_sandbox: "profile default".into(),
        read_only: false,
        incident_manager: None,
        endpoint: None,
    });
    let text: Vec<String> = imdeck::ui::help::help_lines(&state)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let text = text.join("\n");
    for &action in Action::ALL {
        assert!(text.contains(action.description()), "help lacks {action:?}");
    }
    assert!(text.contains("ctrl-r"));
    assert!(BUILTIN_KEYMAP.contains("[timeline]"));
}

/// README's key table is the keymap's own, between its markers; on a mismatch the test prints the table to paste.
#[test]
fn the_readme_key_table_is_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = "<!-- keys: generated from assets/keymap.toml; tests/keymap.rs checks it -->\n";
    let end = "<!-- /keys -->";
    let table = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .expect("README has the key table markers");
    let expected = keymap().markdown_table();
    assert!(
        table == expected,
        "README's key table is stale; replace it with:\n{expected}"
    );
}

/// A key that moves in a list moves in every list: navigation keys are never bound to anything else outside
/// the text fields (the wizard's guardrail used to be `g`, which is "top" everywhere else).
#[test]
fn navigation_keys_mean_the_same_everywhere() {
    let map = keymap();
    let navigation = [
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
    ];
    for key in [
        "j", "k", "g", "G", "up", "down", "home", "end", "pgup", "pgdn",
    ] {
        let mut meanings = std::collections::BTreeSet::new();
        for &section in Section::ALL {
            if section.takes_text() {
                continue;
            }
            for binding in map.bindings(section) {
                if binding.keys.iter().any(|k| k == key) {
                    meanings.insert(binding.action);
                }
            }
        }
        assert!(
            meanings.len() <= 1 && meanings.iter().all(|a| navigation.contains(a)),
            "`{key}` means {meanings:?}"
        );
    }
}
