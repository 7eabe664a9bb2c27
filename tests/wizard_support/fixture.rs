//! The wizard's test states: the demo-like snapshot loaded with its real audit, the wizard opened, and fresh snapshots as a write would leave them.
#![allow(dead_code)]

use imdeck::app::state::wizard::StepRef;
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::cloud::CloudError;
use imdeck::domain::audit::run_audit;
use imdeck::domain::policy::incident_manager_statement;
use imdeck::domain::setup_plan::SetupStep;
use imdeck::domain::snapshot::CloudSnapshot;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::demo;
use crate::snapshots;

pub fn press(state: &mut AppState, c: char) -> Vec<Effect> {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    update(
        state,
        Msg::KeyPressed(KeyEvent::new(KeyCode::Char(c), modifiers)),
    )
}

pub fn press_key(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(state, demo::key(code))
}

/// A started state with `snapshot` loaded and audited, nothing else.
pub fn with_snapshot(read_only: bool, snapshot: CloudSnapshot) -> AppState {
    let mut state = demo::started(read_only);
    let generation = state.setup.generation;
    let checks = run_audit(&snapshot);
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot),
            checks,
        },
    );
    state
}

/// The demo-like setup (a wrong statement, missing topics, a Teams channel without guardrail, a plan without
/// a channel) loaded, and the wizard opened with `w`.
pub fn opened(read_only: bool) -> AppState {
    let mut state = with_snapshot(read_only, snapshots::demo());
    let effects = press(&mut state, 'w');
    assert_eq!(effects, vec![], "opening the wizard needs no I/O");
    state
}

/// Moves the selection to the row whose step title starts with `title`.
pub fn select(state: &mut AppState, title: &str) {
    press_key(state, KeyCode::Home);
    for _ in 0..state.wizard.rows().len() {
        if state
            .wizard
            .selected_step()
            .is_some_and(|s| s.title.starts_with(title))
        {
            return;
        }
        press_key(state, KeyCode::Down);
    }
    panic!("no step titled {title}");
}

pub fn selected_step(state: &AppState) -> SetupStep {
    state
        .wizard
        .selected_step()
        .cloned()
        .expect("a step is selected")
}

pub fn partner_topic() -> String {
    snapshots::partner_topic()
}

/// The demo with the partner topic's wrong statement replaced by the docs' one, as the first step leaves it.
pub fn partner_fixed() -> CloudSnapshot {
    set_partner_policy(snapshots::policy_with(
        &partner_topic(),
        vec![incident_manager_statement(
            &partner_topic(),
            snapshots::ACCOUNT,
        )],
    ))
}

/// The demo with the partner topic's policy replaced by `policy`.
pub fn set_partner_policy(policy: String) -> CloudSnapshot {
    let mut snapshot = snapshots::demo();
    for region in &mut snapshot.regions {
        if let Ok(topics) = &mut region.topics {
            for topic in topics.iter_mut().flatten() {
                if topic.arn == partner_topic() {
                    topic.attributes.insert("Policy".into(), policy.clone());
                }
            }
        }
    }
    snapshot
}

/// The answer the runtime gives for `step` when the write succeeded and `fresh` was read after it.
pub fn applied_ok(generation: u64, step: SetupStep, fresh: CloudSnapshot) -> Msg {
    let checks = run_audit(&fresh);
    Msg::SetupStepApplied {
        generation,
        step: Box::new(step),
        result: Ok(Vec::new()),
        snapshot: Some(Box::new(fresh)),
        checks,
    }
}

pub fn precondition_failed(message: &str) -> CloudError {
    CloudError::Service {
        code: "PreconditionFailed".into(),
        message: message.into(),
    }
}

pub fn is_applied_row(state: &AppState) -> bool {
    matches!(state.wizard.selected_ref(), Some(StepRef::Applied(_)))
}
