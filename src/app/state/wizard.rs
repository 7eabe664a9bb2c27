//! The setup wizard's model: the plan recomputed from the loaded snapshot, the selected step, the write waiting for y/n or in flight, and the steps already applied.

use crate::domain::arn::Arn;
use crate::domain::audit::{Check, Status, region_has_topic};
use crate::domain::model::Timestamp;
use crate::domain::setup_plan::diff::DiffLine;
use crate::domain::setup_plan::{SetupOptions, SetupPlan, SetupStep, SetupTask, plan_setup};
use crate::domain::snapshot::CloudSnapshot;

use super::setup::worst;

/// The docs' three tasks in the order the wizard walks them.
pub const TASKS: [SetupTask; 3] = [
    SetupTask::Topics,
    SetupTask::Channel,
    SetupTask::ResponsePlan,
];

/// A step the wizard wrote. It is kept because the plan recomputed after the write no longer lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedStep {
    pub step: SetupStep,
    /// The step's re-checks that did not pass in the audit run right after the write.
    pub failing_after: Vec<Check>,
}

/// One row of the step list: a step of the current plan, or one applied earlier, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRef {
    Planned(usize),
    Applied(usize),
}

/// Steps waiting for y/n; `all` when they are every remaining change (`A`).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingApply {
    pub steps: Vec<SetupStep>,
    pub all: bool,
    /// The one step's diff, computed when it was put up for y/n; empty when applying all (no diff is shown).
    pub diff: Vec<DiffLine>,
}

/// The selected step's diff, computed when the selection or the plan changes, so a frame only reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedDiff {
    pub at: StepRef,
    pub lines: Vec<DiffLine>,
}

/// The write in flight and what follows it when applying all: one at a time, in plan order.
#[derive(Debug, Clone, PartialEq)]
pub struct Applying {
    pub title: String,
    pub since: Timestamp,
    pub queue: Vec<SetupStep>,
}

/// The line under the wizard: what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WizardNote {
    Info(String),
    Success(String),
    /// Done, but not proven yet.
    Warning(String),
    Failure(String),
}

#[derive(Debug, Clone, Default)]
pub struct Wizard {
    pub open: bool,
    pub options: SetupOptions,
    /// `None` until a snapshot has been loaded.
    pub plan: Option<SetupPlan>,
    pub applied: Vec<AppliedStep>,
    /// Row of `rows()`.
    pub selected: usize,
    /// Lines scrolled in the selected step's detail.
    pub scroll: u16,
    pub pending: Option<PendingApply>,
    pub applying: Option<Applying>,
    pub note: Option<WizardNote>,
    /// Kept current by `select`, `replan` and `select_last_applied`; `None` for a manual step.
    pub diff: Option<SelectedDiff>,
}

impl Wizard {
    /// Plans again from `snapshot`, keeping the selection on the same step when it is still there.
    pub fn replan(&mut self, snapshot: Option<&CloudSnapshot>) {
        let before = self.selected_ref();
        let selected_title = self.selected_step().map(|s| s.title.clone());
        self.plan = snapshot.map(|s| plan_setup(s, &self.options));
        let rows = self.rows();
        let found = rows.iter().position(|(_, r)| match (before, *r) {
            (Some(StepRef::Applied(a)), StepRef::Applied(b)) => a == b,
            (Some(StepRef::Planned(_)), StepRef::Planned(_)) => self
                .step(*r)
                .is_some_and(|s| Some(&s.title) == selected_title.as_ref()),
            _ => false,
        });
        match found {
            Some(row) => self.selected = row,
            None => {
                self.selected = self.selected.min(rows.len().saturating_sub(1));
                self.scroll = 0;
            }
        }
        self.refresh_diff();
    }

    /// Moves the selection to `row` (scrolled to the top when it is another row) and computes its diff.
    pub fn select(&mut self, row: usize) {
        if row != self.selected {
            self.selected = row;
            self.scroll = 0;
        }
        self.refresh_diff();
    }

    fn refresh_diff(&mut self) {
        self.diff = self.selected_ref().and_then(|at| {
            let planned = self.step(at)?.change()?;
            Some(SelectedDiff {
                at,
                lines: planned.change.diff(),
            })
        });
    }

    /// The stored diff of the step at `at`; `None` when that step is not the selected one or has no diff.
    pub fn diff_of(&self, at: StepRef) -> Option<&[DiffLine]> {
        self.diff
            .as_ref()
            .filter(|d| d.at == at)
            .map(|d| d.lines.as_slice())
    }

    /// The step list, task by task: within a task, the steps already applied, then the plan's.
    pub fn rows(&self) -> Vec<(SetupTask, StepRef)> {
        let mut rows = Vec::new();
        for task in TASKS {
            rows.extend(
                self.applied
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.step.task == task)
                    .map(|(i, _)| (task, StepRef::Applied(i))),
            );
            if let Some(plan) = &self.plan {
                rows.extend(
                    plan.steps
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.task == task)
                        .map(|(i, _)| (task, StepRef::Planned(i))),
                );
            }
        }
        rows
    }

    pub fn step(&self, at: StepRef) -> Option<&SetupStep> {
        match at {
            StepRef::Planned(i) => self.plan.as_ref().and_then(|p| p.steps.get(i)),
            StepRef::Applied(i) => self.applied.get(i).map(|a| &a.step),
        }
    }

    pub fn selected_ref(&self) -> Option<StepRef> {
        self.rows().get(self.selected).map(|(_, r)| *r)
    }

    pub fn selected_step(&self) -> Option<&SetupStep> {
        self.selected_ref().and_then(|r| self.step(r))
    }

    /// Selects the row of the most recently applied step.
    pub fn select_last_applied(&mut self) {
        let last = self.applied.len().checked_sub(1).map(StepRef::Applied);
        if let Some(row) = self.rows().iter().position(|(_, r)| Some(*r) == last) {
            self.selected = row;
            self.scroll = 0;
        }
        // The new row shifts the rows after it, so the stored diff is recomputed even when none was found.
        self.refresh_diff();
    }

    /// Every change of the current plan, in order: what `A` applies.
    pub fn remaining_changes(&self) -> Vec<SetupStep> {
        self.plan
            .as_ref()
            .map(|p| {
                p.steps
                    .iter()
                    .filter(|s| s.change().is_some())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The current checks about a step: its re-check rules, in the step's Region when it has one, and about the
/// resource it writes. A check without a resource is about its Region (or about a part that could not be
/// read), so it counts; `region-has-topic` names only an example topic, so in the step's Region it counts too.
/// A manual step names its resource only in its title, so there a check counts when its resource's last
/// segment is a word of the title.
pub fn step_checks<'a>(step: &SetupStep, checks: &'a [Check]) -> Vec<&'a Check> {
    let touched = step.change().map(|c| c.change.resource());
    let regional = step.region.is_some();
    checks
        .iter()
        .filter(|c| step.rechecks.iter().any(|id| id == c.id))
        .filter(|c| step.region.is_none() || c.region == step.region)
        .filter(|c| match (c.resource.as_deref(), touched) {
            (None, _) => regional || touched.is_none(),
            (Some(_), _) if regional && c.id == region_has_topic::ID => true,
            (Some(resource), Some(touched)) => resource == touched,
            (Some(resource), None) => named_in(resource, &step.title),
        })
        .collect()
}

fn named_in(resource: &str, title: &str) -> bool {
    let name = Arn::short_name(resource);
    !name.is_empty() && title.split_whitespace().any(|w| w == name)
}

/// The worst status of a step's checks; `None` when no current check speaks about it.
pub fn step_status(step: &SetupStep, checks: &[Check]) -> Option<Status> {
    worst(step_checks(step, checks).into_iter().map(|c| c.status))
}
