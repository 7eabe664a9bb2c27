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
    for action in Action::ALL {
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
    for section in Section::ALL {
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
        (
            Section::Command,
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
    });
    let text: Vec<String> = imdeck::ui::help::help_lines(&state)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let text = text.join("\n");
    for action in Action::ALL {
        assert!(text.contains(action.description()), "help lacks {action:?}");
    }
    assert!(text.contains("ctrl-r"));
    assert!(BUILTIN_KEYMAP.contains("[timeline]"));
}
