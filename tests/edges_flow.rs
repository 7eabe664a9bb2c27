//! The responder's and auditor's edges in the TUI, driven through `update` and drawn: read-only wording and
//! footer, the header when little is known, starting and resolving with words, editing an event's text.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{CommandOutput, Overlay};
use imdeck::app::{AppState, Msg, update};
use imdeck::domain::command::READ_ONLY_REFUSAL;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn screen(state: &AppState, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn a_read_only_refusal_names_the_flag_once_and_the_footer_offers_no_write() {
    let mut state = loaded(true);
    update(&mut state, key(KeyCode::Char('n')));
    match &state.command.output {
        CommandOutput::Failed { title, message } => {
            assert_eq!(message, READ_ONLY_REFUSAL);
            assert!(!title.contains("read-only"), "{title}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let lines = screen(&state, 160, 48);
    let all = lines.join("\n");
    assert!(all.contains(READ_ONLY_REFUSAL), "{all}");
    assert!(!all.contains("read-only: read-only"), "{all}");
    let footer = lines.last().expect("footer");
    for write in [" note", " impact", " resolve", " start", " edit", " delete"] {
        assert!(!footer.contains(write), "{write} offered in: {footer}");
    }
    assert!(
        footer.contains(" open") || footer.contains(" event"),
        "{footer}"
    );
    // Outside read-only mode the same footer offers the note.
    let writable = loaded(false);
    let footer = screen(&writable, 160, 48).pop().expect("footer");
    assert!(footer.contains(" note"), "{footer}");
}

#[test]
fn after_a_load_that_names_no_account_the_header_says_so() {
    let mut state = started(false);
    state.header.account.clear();
    let before = screen(&state, 120, 10).remove(0);
    assert!(before.contains("account …"), "{before}");
    let generation = state.setup.generation;
    let mut empty = snapshot();
    empty.account.clear();
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(empty),
            checks: Vec::new(),
        },
    );
    let after = screen(&state, 120, 10).remove(0);
    assert!(after.contains("account not known"), "{after}");
    assert!(matches!(state.overlay, Overlay::None));
}
