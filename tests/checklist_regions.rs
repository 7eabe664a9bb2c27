//! The setup checklist with many Regions (17): the column heads stay whole, the failing Regions come first and the
//! passing ones are a count until `f` unfolds them; the cursor still opens the Region it is on.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{DetailTarget, Focus, Overlay};
use imdeck::app::{AppState, Msg, update};
use imdeck::domain::audit::{Check, Status};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// 14 Regions besides the demo's three; `ap-northeast-1` fails, the others pass.
const MORE: [&str; 14] = [
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "eu-west-2",
    "sa-east-1",
];

fn seventeen_regions() -> AppState {
    let mut state = loaded(false);
    let mut checks = checks();
    let passing = checks
        .iter()
        .find(|c| c.region.as_deref() == Some("us-east-2") && c.status == Status::Pass)
        .expect("a passing Region check in the demo")
        .clone();
    for region in MORE {
        checks.push(Check {
            region: Some(region.into()),
            status: if region == "ap-northeast-1" {
                Status::Fail
            } else {
                Status::Pass
            },
            ..passing.clone()
        });
    }
    let generation = state.setup.generation;
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot()),
            checks,
        },
    );
    assert_eq!(state.setup.regions.len(), 17);
    state
}

fn screen(state: &AppState) -> (Terminal<TestBackend>, String) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let text = (0..48)
        .map(|y| {
            (0..160)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    (terminal, text)
}

#[test]
fn seventeen_regions_show_the_failing_first_and_the_rest_as_a_count() {
    let mut state = seventeen_regions();
    let (terminal, text) = screen(&state);
    assert!(text.contains("topic policy channel more"), "{text}");
    assert!(text.contains("13 more Regions ✓ · f shows them"), "{text}");
    // The names are written short so the column heads fit the pane.
    for failing in ["eu-w-1", "us-e-2", "us-w-2", "ap-ne-1"] {
        assert!(text.contains(failing), "{failing} listed:\n{text}");
    }
    assert!(
        !text.contains("sa-e-1"),
        "a passing Region is folded:\n{text}"
    );
    insta::assert_snapshot!("checklist_17_regions_160x48", terminal.backend());

    // The fourth row is the failing ap-northeast-1 (listed by position, not by its place in all 17): Enter opens it.
    state.focus = Focus::Checklist;
    for _ in 0..3 {
        update(&mut state, key(KeyCode::Down));
    }
    update(&mut state, key(KeyCode::Enter));
    match &state.overlay {
        Overlay::Detail {
            target: DetailTarget::Region(region),
            ..
        } => assert_eq!(region, "ap-northeast-1"),
        other => panic!("expected the Region's detail, got {other:?}"),
    }
    update(&mut state, key(KeyCode::Esc));

    // f unfolds: all 17, the failing still first, and the cursor stays on its Region.
    update(&mut state, key(KeyCode::Char('f')));
    let (_, text) = screen(&state);
    assert!(text.contains("sa-e-1"), "{text}");
    assert!(!text.contains("more Regions"), "{text}");
    assert_eq!(state.setup.checklist_cursor, 3);
}
