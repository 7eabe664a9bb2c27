//! The setup wizard's keys and answers: open it, move between steps, confirm a write (refused in read-only mode before any effect exists), apply one step or all in order, and take the re-checked result.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::AppState;
use crate::app::state::wizard::{AppliedStep, Applying, PendingApply, StepRef, WizardNote};
use crate::domain::audit::Check;
use crate::domain::cloud_error::CloudError;
use crate::domain::setup_plan::render::counted;
use crate::domain::setup_plan::{SetupStep, StepAction};
use crate::domain::snapshot::CloudSnapshot;

use super::movement::step;
use super::setup;

pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.wizard.open = true;
    state.wizard.pending = None;
    state.wizard.replan(state.setup.snapshot.as_ref());
    if state.wizard.plan.is_none() {
        state.wizard.note = Some(WizardNote::Info(
            "the setup snapshot is still loading; the plan appears when it arrives".into(),
        ));
    }
    Vec::new()
}

/// How many rows a page key moves: the step list is short, so a handful.
const PAGE: usize = 5;

pub fn key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    let Some(action) = action else {
        return Vec::new();
    };
    let wizard = &mut state.wizard;
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Leave => {
            wizard.open = false;
            wizard.pending = None;
        }
        Action::Help => state.overlay = crate::app::state::Overlay::Help { scroll: 0 },
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            let to = step(action, wizard.selected, wizard.rows().len(), PAGE);
            wizard.select(to);
        }
        Action::PageDown => wizard.scroll = wizard.scroll.saturating_add(10),
        Action::PageUp => wizard.scroll = wizard.scroll.saturating_sub(10),
        Action::ToggleGuardrail => {
            wizard.options.set_guardrail = !wizard.options.set_guardrail;
            wizard.replan(state.setup.snapshot.as_ref());
            wizard.note = Some(WizardNote::Info(if wizard.options.set_guardrail {
                "the plan now also sets the guardrail AWSIncidentManagerResolverAccess on Slack and Teams channels"
                    .into()
            } else {
                "the plan leaves guardrails alone; missing ones are manual steps".into()
            }));
        }
        Action::ApplyStep => ask(state, false),
        Action::ApplyAll => ask(state, true),
        _ => {}
    }
    Vec::new()
}

fn refuse(state: &mut AppState, message: impl Into<String>) {
    state.wizard.note = Some(WizardNote::Failure(message.into()));
}

/// Puts the write(s) up for y/n, or says why not. Read-only mode stops here: no confirmation, no effect.
fn ask(state: &mut AppState, all: bool) {
    if state.header.read_only {
        return refuse(
            state,
            format!(
                "applying {}; the AWS CLI commands shown do the same by hand",
                crate::domain::command::READ_ONLY_REFUSAL
            ),
        );
    }
    let wizard = &mut state.wizard;
    if let Some(applying) = &wizard.applying {
        let message = format!("still applying: {}", applying.title);
        return refuse(state, message);
    }
    if wizard.plan.is_none() {
        return refuse(
            state,
            "the setup snapshot has not loaded yet: nothing to apply",
        );
    }
    if all {
        let steps = wizard.remaining_changes();
        if steps.is_empty() {
            let manual = wizard.plan.as_ref().map_or(0, |p| p.manual_steps().count());
            return refuse(
                state,
                format!(
                    "nothing left that imdeck can apply; {} to do by hand",
                    counted(manual, "manual step")
                ),
            );
        }
        wizard.pending = Some(PendingApply {
            steps,
            all: true,
            diff: Vec::new(),
        });
        return;
    }
    let selected = wizard.selected_ref();
    match (selected, wizard.selected_step()) {
        (Some(StepRef::Applied(_)), Some(step)) => {
            let message = format!("already applied: {}", step.title);
            refuse(state, message)
        }
        (_, Some(step)) => match &step.action {
            StepAction::Manual(_) => refuse(
                state,
                "a manual step: no API can do it, so follow its instructions in the console",
            ),
            StepAction::Change(planned) => {
                // The step is the selected one, so its diff is the stored one; computed here only if not.
                let diff = match selected.and_then(|at| wizard.diff_of(at)) {
                    Some(lines) => lines.to_vec(),
                    None => planned.change.diff(),
                };
                wizard.pending = Some(PendingApply {
                    steps: vec![step.clone()],
                    all: false,
                    diff,
                });
            }
        },
        (_, None) => refuse(state, "no step selected"),
    }
}

pub fn confirm_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Confirm) => match state.wizard.pending.take() {
            Some(pending) => {
                let mut steps = pending.steps.into_iter();
                match steps.next() {
                    Some(first) => start(state, first, steps.collect()),
                    None => Vec::new(),
                }
            }
            None => Vec::new(),
        },
        Some(Action::Leave) => {
            state.wizard.pending = None;
            state.wizard.note = Some(WizardNote::Info("cancelled; nothing was written".into()));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Asks for one write. The snapshot generation moves on, so a load that started before the write cannot
/// overwrite what the write's own re-read brings back.
fn start(state: &mut AppState, step: SetupStep, queue: Vec<SetupStep>) -> Vec<Effect> {
    if state.header.read_only {
        refuse(
            state,
            format!("applying {}", crate::domain::command::READ_ONLY_REFUSAL),
        );
        return Vec::new();
    }
    state.setup.generation += 1;
    state.setup.loading = None;
    state.wizard.note = None;
    state.wizard.applying = Some(Applying {
        title: step.title.clone(),
        since: state.now,
        queue,
    });
    vec![Effect::ApplySetupStep {
        generation: state.setup.generation,
        step: Box::new(step),
    }]
}

/// The write's answer: the fresh snapshot replaces the old one (unless a newer load was asked for since),
/// the plan is recomputed from it, and when applying all the next step follows only after a success.
pub fn applied(
    state: &mut AppState,
    generation: u64,
    step: SetupStep,
    result: Result<Vec<Check>, CloudError>,
    snapshot: Option<CloudSnapshot>,
    checks: Vec<Check>,
) -> Vec<Effect> {
    let queue = match state.wizard.applying.take() {
        Some(applying) if applying.title == step.title => applying.queue,
        other => {
            state.wizard.applying = other;
            Vec::new()
        }
    };
    // Loading the snapshot also plans again from it.
    if let Some(snapshot) = snapshot {
        setup::loaded(state, generation, snapshot, checks);
    }
    let wizard = &mut state.wizard;
    match result {
        Ok(failing) => {
            wizard.note = Some(if failing.is_empty() {
                WizardNote::Success(format!("applied and re-checked: {}", step.title))
            } else {
                let first = &failing[0];
                WizardNote::Warning(format!(
                    "applied; the re-check {}{} still says {} (a later step may settle it): {}",
                    first.id,
                    first
                        .region
                        .as_deref()
                        .map(|r| format!(" in {r}"))
                        .unwrap_or_default(),
                    first.status.word(),
                    first.detail
                ))
            });
            wizard.applied.push(AppliedStep {
                step,
                failing_after: failing,
            });
            wizard.select_last_applied();
            // A re-check that still fails may be proven by a later step (a new topic counts once a channel
            // names it), so applying all goes on, as `imdeck setup --apply` does; only a failed write stops it.
            let mut queue = queue.into_iter();
            match queue.next() {
                Some(next) => start(state, next, queue.collect()),
                None => Vec::new(),
            }
        }
        Err(error) => {
            let stopped = if queue.is_empty() {
                String::new()
            } else {
                format!(
                    "; stopped, {} after it not written",
                    counted(queue.len(), "step")
                )
            };
            let why = match &error {
                CloudError::Service { code, message } if code == "PreconditionFailed" => format!(
                    "not applied, the resource changed since the preview: {message}; the plan was made again from what is there now"
                ),
                other => format!("not applied: {other}"),
            };
            wizard.note = Some(WizardNote::Failure(format!(
                "{}: {why}{stopped}",
                step.title
            )));
            Vec::new()
        }
    }
}
