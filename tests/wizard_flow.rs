//! The setup wizard driven through `update`: `w` opens it on the plan, keys move between steps, a write needs y/n and yields `ApplySetupStep` only then, read-only mode yields nothing, and the answers recompute the plan.

#[path = "support/demo.rs"]
mod demo;
#[path = "wizard_support/fixture.rs"]
mod fixture;
#[path = "audit_support/snapshots.rs"]
mod snapshots;

use fixture::*;
use imdeck::app::keymap::Section;
use imdeck::app::state::Overlay;
use imdeck::app::state::wizard::{StepRef, WizardNote};
use imdeck::app::{Effect, Msg, update};
use imdeck::domain::audit::{Status, run_audit};
use imdeck::domain::model::Timestamp;
use imdeck::domain::setup_plan::{SetupOptions, SetupTask, plan_setup};
use ratatui::crossterm::event::KeyCode;

fn note_text(state: &imdeck::app::AppState) -> String {
    match &state.wizard.note {
        Some(
            WizardNote::Info(t)
            | WizardNote::Success(t)
            | WizardNote::Warning(t)
            | WizardNote::Failure(t),
        ) => t.clone(),
        None => String::new(),
    }
}

fn is_failure(state: &imdeck::app::AppState) -> bool {
    matches!(state.wizard.note, Some(WizardNote::Failure(_)))
}

#[test]
fn w_opens_the_wizard_on_the_plan_of_the_loaded_snapshot() {
    let state = opened(false);
    assert!(state.wizard.open);
    assert_eq!(state.key_section(), Section::Wizard);
    let expected = plan_setup(&snapshots::demo(), &SetupOptions::default());
    assert_eq!(state.wizard.plan.as_ref(), Some(&expected));
    // The rows follow the docs' order: topics, then channels, then response plans.
    let tasks: Vec<SetupTask> = state.wizard.rows().iter().map(|(t, _)| *t).collect();
    assert_eq!(tasks.len(), expected.steps.len());
    assert!(tasks.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(selected_step(&state), expected.steps[0]);
}

#[test]
fn the_wizard_waits_for_a_snapshot_that_has_not_loaded() {
    let mut state = demo::started(false);
    assert_eq!(press(&mut state, 'w'), vec![]);
    assert!(state.wizard.open && state.wizard.plan.is_none());
    assert_eq!(press_key(&mut state, KeyCode::Enter), vec![]);
    assert!(state.wizard.pending.is_none());
    let generation = state.setup.generation;
    let snapshot = snapshots::demo();
    let checks = run_audit(&snapshot);
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot),
            checks,
        },
    );
    assert!(
        state.wizard.plan.is_some(),
        "the plan appears with the snapshot"
    );
}

#[test]
fn keys_move_between_steps_scroll_the_detail_and_close() {
    let mut state = opened(false);
    let rows = state.wizard.rows().len();
    press_key(&mut state, KeyCode::Down);
    press(&mut state, 'j');
    assert_eq!(state.wizard.selected, 2);
    press(&mut state, 'k');
    assert_eq!(state.wizard.selected, 1);
    press_key(&mut state, KeyCode::End);
    assert_eq!(state.wizard.selected, rows - 1);
    press_key(&mut state, KeyCode::Down);
    assert_eq!(state.wizard.selected, rows - 1, "stops at the last step");
    press_key(&mut state, KeyCode::Home);
    assert_eq!(state.wizard.selected, 0);
    press_key(&mut state, KeyCode::PageDown);
    assert_eq!(state.wizard.scroll, 10);
    press_key(&mut state, KeyCode::Down);
    assert_eq!(state.wizard.scroll, 0, "another step starts at its top");
    // `?` shows the help over the wizard; closing it returns to the wizard.
    press(&mut state, '?');
    assert!(matches!(state.overlay, Overlay::Help { .. }));
    press_key(&mut state, KeyCode::Esc);
    assert_eq!(state.key_section(), Section::Wizard);
    // `q` closes the wizard rather than quitting with it open; tab does not leak to the panes.
    assert_eq!(press_key(&mut state, KeyCode::Tab), vec![]);
    assert_eq!(press(&mut state, 'q'), vec![]);
    assert!(!state.wizard.open);
    assert_eq!(press(&mut state, 'q'), vec![Effect::Quit]);
}

/// The diff a frame draws is the one stored for the selected step: computed when the step is selected, so it
/// must follow every move and every new plan.
fn assert_diff_follows_the_selection(state: &imdeck::app::AppState) {
    let at = state.wizard.selected_ref();
    let expected = at
        .and_then(|at| state.wizard.step(at))
        .and_then(|step| step.change())
        .map(|planned| planned.change.diff());
    let stored = state.wizard.diff.as_ref();
    assert_eq!(stored.map(|d| Some(d.at)), expected.as_ref().map(|_| at));
    assert_eq!(stored.map(|d| &d.lines), expected.as_ref());
}

#[test]
fn the_selected_steps_diff_is_stored_when_it_is_selected() {
    let mut state = opened(false);
    assert!(state.wizard.diff.is_some(), "the first step is a change");
    assert_diff_follows_the_selection(&state);
    let mut manual_seen = false;
    for _ in 0..state.wizard.rows().len() {
        press_key(&mut state, KeyCode::Down);
        assert_diff_follows_the_selection(&state);
        manual_seen |= state.wizard.diff.is_none();
    }
    assert!(manual_seen, "a manual step has no diff");
    // A new plan (the guardrail option) recomputes it for the step now selected.
    press_key(&mut state, KeyCode::Home);
    update(
        &mut state,
        Msg::KeyPressed(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('g'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    assert!(
        note_text(&state).contains("guardrail"),
        "{}",
        note_text(&state)
    );
    assert_diff_follows_the_selection(&state);
    // The confirmation carries the same diff as the detail showed.
    press_key(&mut state, KeyCode::Enter);
    let pending = state.wizard.pending.as_ref().map(|p| p.diff.clone());
    assert_eq!(pending, state.wizard.diff.as_ref().map(|d| d.lines.clone()));
}

#[test]
fn a_step_is_written_only_after_yes() {
    let mut state = opened(false);
    let step = selected_step(&state);
    assert_eq!(press_key(&mut state, KeyCode::Enter), vec![]);
    assert_eq!(state.key_section(), Section::Confirm);
    assert_eq!(
        state.wizard.pending.as_ref().map(|p| &p.steps),
        Some(&vec![step.clone()])
    );
    // No takes it back without a request.
    assert_eq!(press(&mut state, 'n'), vec![]);
    assert!(state.wizard.pending.is_none());
    assert!(note_text(&state).contains("nothing was written"));
    // `a` asks the same; `y` sends it, under a new snapshot generation.
    assert_eq!(press(&mut state, 'a'), vec![]);
    let before = state.setup.generation;
    let effects = press(&mut state, 'y');
    assert_eq!(
        effects,
        vec![Effect::ApplySetupStep {
            generation: before + 1,
            step: Box::new(step.clone()),
        }]
    );
    assert_eq!(
        state.wizard.applying.as_ref().map(|a| a.title.as_str()),
        Some(step.title.as_str())
    );
    // A second write is not stacked on the first.
    assert_eq!(press_key(&mut state, KeyCode::Down), vec![]);
    assert_eq!(press_key(&mut state, KeyCode::Enter), vec![]);
    assert!(state.wizard.pending.is_none());
    assert!(note_text(&state).contains("still applying"));
    // While it runs, the periodic reload waits for the write's own re-read.
    let late = Timestamp(state.now.millis() + 10 * 60 * 1000);
    let effects = update(&mut state, Msg::Tick { now: late });
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadSnapshot { .. })),
        "{effects:?}"
    );
}

#[test]
fn a_manual_step_cannot_be_applied() {
    let mut state = opened(false);
    select(
        &mut state,
        "Give response plan batch-jobs-plan a chat channel",
    );
    assert_eq!(press_key(&mut state, KeyCode::Enter), vec![]);
    assert!(state.wizard.pending.is_none());
    assert!(is_failure(&state));
    assert!(note_text(&state).contains("manual step"));
}

#[test]
fn read_only_shows_the_plan_and_refuses_every_apply_key_without_an_effect() {
    let mut state = opened(true);
    assert!(
        state
            .wizard
            .plan
            .as_ref()
            .is_some_and(|p| p.changes().count() > 0)
    );
    for c in ['a', 'A', 'y'] {
        assert_eq!(press(&mut state, c), vec![], "key {c}");
        assert!(state.wizard.pending.is_none(), "key {c} asked for a write");
    }
    assert_eq!(press_key(&mut state, KeyCode::Enter), vec![]);
    assert!(state.wizard.pending.is_none());
    assert!(state.wizard.applying.is_none());
    assert!(is_failure(&state));
    assert!(
        note_text(&state).contains("read-only"),
        "{}",
        note_text(&state)
    );
    // Moving and the guardrail option still work: the plan is there to read.
    press_key(&mut state, KeyCode::Down);
    assert_eq!(state.wizard.selected, 1);
    assert_eq!(update(&mut state, demo::ctrl('g')), vec![]);
    assert!(state.wizard.options.set_guardrail);
}

#[test]
fn success_recomputes_the_plan_and_the_step_turns_green() {
    let mut state = opened(false);
    let step = selected_step(&state);
    assert!(step.title.contains("im-chat-partner"), "{}", step.title);
    press_key(&mut state, KeyCode::Enter);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, .. }) = effects.first() else {
        panic!("no write asked: {effects:?}");
    };
    let effects = update(
        &mut state,
        applied_ok(*generation, step.clone(), partner_fixed()),
    );
    assert_eq!(effects, vec![]);
    assert!(state.wizard.applying.is_none());
    assert!(matches!(state.wizard.note, Some(WizardNote::Success(_))));
    // The fresh snapshot is loaded and the plan made again from it: the step is no longer to do.
    let fresh_plan = plan_setup(&partner_fixed(), &SetupOptions::default());
    assert_eq!(state.wizard.plan.as_ref(), Some(&fresh_plan));
    assert!(!fresh_plan.steps.iter().any(|s| s.title == step.title));
    assert_eq!(state.setup.checks, run_audit(&partner_fixed()));
    // It is listed as applied, selected, and its re-check passes now.
    assert!(is_applied_row(&state));
    assert_eq!(state.wizard.selected_step(), Some(&step));
    let status = imdeck::app::state::wizard::step_status(&step, &state.setup.checks);
    assert_eq!(status, Some(Status::Pass));
}

#[test]
fn a_failed_precondition_writes_nothing_more_and_says_why() {
    let mut state = opened(false);
    let step = selected_step(&state);
    press_key(&mut state, KeyCode::Enter);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, .. }) = effects.first() else {
        panic!("no write asked: {effects:?}");
    };
    // Someone changed the policy between the preview and the write; the runtime re-read it.
    let moved = set_partner_policy(snapshots::policy_with(&partner_topic(), vec![]));
    let checks = run_audit(&moved);
    let message = format!(
        "the policy of {} changed since the plan was made",
        partner_topic()
    );
    let effects = update(
        &mut state,
        Msg::SetupStepApplied {
            generation: *generation,
            step: Box::new(step.clone()),
            result: Err(precondition_failed(&message)),
            snapshot: Some(Box::new(moved.clone())),
            checks,
        },
    );
    assert_eq!(effects, vec![]);
    assert!(is_failure(&state));
    let note = note_text(&state);
    assert!(note.contains("changed since the preview"), "{note}");
    assert!(note.contains(&message), "{note}");
    assert!(state.wizard.applied.is_empty());
    // The plan now proposes what fits the policy as it is.
    assert_eq!(
        state.wizard.plan.as_ref(),
        Some(&plan_setup(&moved, &SetupOptions::default()))
    );
}

#[test]
fn apply_all_asks_once_and_writes_one_step_after_another_until_one_fails() {
    let mut state = opened(false);
    let changes = state.wizard.remaining_changes();
    assert!(changes.len() > 3);
    assert_eq!(press(&mut state, 'A'), vec![]);
    let pending = state.wizard.pending.clone().expect("asks first");
    assert!(pending.all);
    assert_eq!(pending.steps, changes);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, step }) = effects.first().cloned() else {
        panic!("no write asked: {effects:?}");
    };
    assert_eq!(*step, changes[0]);
    // Success: the next step follows at once, with a new generation.
    let effects = update(&mut state, applied_ok(generation, *step, partner_fixed()));
    assert_eq!(
        effects,
        vec![Effect::ApplySetupStep {
            generation: generation + 1,
            step: Box::new(changes[1].clone()),
        }]
    );
    // A failure stops the rest.
    let effects = update(
        &mut state,
        Msg::SetupStepApplied {
            generation: generation + 1,
            step: Box::new(changes[1].clone()),
            result: Err(precondition_failed("moved")),
            snapshot: Some(Box::new(partner_fixed())),
            checks: run_audit(&partner_fixed()),
        },
    );
    assert_eq!(effects, vec![]);
    assert!(state.wizard.applying.is_none());
    let note = note_text(&state);
    assert!(
        note.contains(&format!(
            "stopped, {} after it not written",
            imdeck::domain::setup_plan::render::counted(changes.len() - 2, "step")
        )),
        "{note}"
    );
    assert_eq!(state.wizard.applied.len(), 1);
}

#[test]
fn an_answer_after_a_newer_reload_keeps_the_newer_snapshot() {
    let mut state = opened(false);
    let step = selected_step(&state);
    press_key(&mut state, KeyCode::Enter);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, .. }) = effects.first().cloned() else {
        panic!("no write asked: {effects:?}");
    };
    // The user refreshed while the write ran: that load is newer than the write's re-read.
    state.wizard.open = false;
    press(&mut state, 'R');
    assert!(state.setup.generation > generation);
    let old_checks = state.setup.checks.clone();
    update(
        &mut state,
        applied_ok(generation, step.clone(), partner_fixed()),
    );
    assert_eq!(
        state.setup.checks, old_checks,
        "the stale re-read is not loaded"
    );
    assert_eq!(state.wizard.applied.len(), 1, "but the write is remembered");
}

#[test]
fn g_toggles_setting_the_guardrail_and_plans_again() {
    let mut state = opened(false);
    let manual_guardrail = |state: &imdeck::app::AppState| {
        state.wizard.plan.as_ref().is_some_and(|p| {
            p.steps
                .iter()
                .any(|s| s.title == "Set the guardrail of partner-bridge")
        })
    };
    assert!(manual_guardrail(&state));
    update(&mut state, demo::ctrl('g'));
    assert!(state.wizard.options.set_guardrail);
    assert!(
        !manual_guardrail(&state),
        "the Teams channel step sets it now"
    );
    let teams_step = state
        .wizard
        .plan
        .as_ref()
        .and_then(|p| {
            p.steps
                .iter()
                .find(|s| s.task == SetupTask::Channel && s.title.contains("partner-bridge"))
        })
        .map(|s| s.title.clone())
        .unwrap_or_default();
    assert!(teams_step.contains("guardrail"), "{teams_step}");
    update(&mut state, demo::ctrl('g'));
    assert!(manual_guardrail(&state));
}

#[test]
fn step_status_comes_from_the_checks_about_the_step() {
    let state = opened(false);
    let wizard = &state.wizard;
    let status_of = |title: &str| {
        let (_, at) = wizard
            .rows()
            .into_iter()
            .find(|(_, r)| wizard.step(*r).is_some_and(|s| s.title.starts_with(title)))
            .expect("step listed");
        assert!(matches!(at, StepRef::Planned(_)));
        let step = wizard.step(at).expect("step");
        imdeck::app::state::wizard::step_status(step, &state.setup.checks)
    };
    // The wrong statement fails sns-policy on that topic (other topics of the Region pass).
    assert_eq!(
        status_of("Replace the wrong Incident Manager statement in im-chat-partner"),
        Some(Status::Fail)
    );
    assert_eq!(
        status_of("Check the KMS key policy of im-chime-exec"),
        Some(Status::Warn)
    );
    assert_eq!(
        status_of("Set the guardrail of partner-bridge"),
        Some(Status::Fail)
    );
    assert_eq!(
        status_of("Give response plan batch-jobs-plan a chat channel"),
        Some(Status::Fail)
    );
    assert_eq!(
        status_of("Create topic im-chat-eu-west-1"),
        Some(Status::Fail),
        "eu-west-1 has no Incident Manager topic"
    );
}

/// A step applied whose re-check still fails names the plan step it waits for instead of a bare ✗.
#[test]
fn an_applied_step_still_failing_says_which_step_it_passes_after() {
    let mut state = opened(false);
    let step = selected_step(&state);
    press_key(&mut state, KeyCode::Enter);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, .. }) = effects.first() else {
        panic!("no write asked: {effects:?}");
    };
    // The re-read still shows the problem: another step has to run before the check passes.
    update(
        &mut state,
        applied_ok(*generation, step.clone(), snapshots::demo()),
    );
    assert!(is_applied_row(&state));
    let plan = state.wizard.plan.clone().expect("plan");
    let waits_for = plan
        .steps
        .iter()
        .position(|s| {
            s.region == step.region && s.rechecks.iter().any(|id| step.rechecks.contains(id))
        })
        .expect("a later step re-runs the check")
        + 1;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).expect("terminal");
    terminal
        .draw(|frame| imdeck::ui::render(&state, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let screen: String = (0..48)
        .map(|y| {
            (0..160)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(
        screen.contains(&format!("[applied — passes after step {waits_for}]")),
        "{screen}"
    );
}
