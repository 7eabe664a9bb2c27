//! The setup wizard's change set: from a snapshot to the ordered steps of the docs' three tasks, each a previewable
//! change with its AWS CLI equivalent and precondition, or a manual step where no API can do it.

pub mod assignment;
pub mod change;
pub mod channels;
pub mod diff;
pub mod manual;
pub mod plans;
pub mod projection;
pub mod recheck;
pub mod render;
pub mod topics;

use serde::{Deserialize, Serialize};

pub use change::{Change, PlannedChange, Precondition};
pub use manual::ManualStep;
pub use recheck::failing_rechecks;

use super::snapshot::CloudSnapshot;
use super::snapshot::query::audited_regions;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SetupOptions {
    /// Add `AWSIncidentManagerResolverAccess` to the guardrails of Slack and Teams channels that lack it.
    pub set_guardrail: bool,
    /// A channel configuration ARN to link response plans that have no chat channel to.
    pub channel_for_unlinked_plans: Option<String>,
}

/// The docs' three tasks, in the order they advise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetupTask {
    Topics,
    Channel,
    ResponsePlan,
}

impl SetupTask {
    pub fn number(self) -> u8 {
        match self {
            SetupTask::Topics => 1,
            SetupTask::Channel => 2,
            SetupTask::ResponsePlan => 3,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            SetupTask::Topics => "SNS topics and their access policies",
            SetupTask::Channel => "chat channel configurations",
            SetupTask::ResponsePlan => "response plans' chat channels",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum StepAction {
    Change(PlannedChange),
    Manual(ManualStep),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetupStep {
    pub task: SetupTask,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub action: StepAction,
    /// The audit rule ids that must pass once the step is done (the wizard re-runs them).
    pub rechecks: Vec<String>,
}

impl SetupStep {
    pub fn apply(
        task: SetupTask,
        title: impl Into<String>,
        region: Option<&str>,
        change: PlannedChange,
        rechecks: &[&str],
    ) -> Self {
        Self {
            task,
            title: title.into(),
            region: region.map(str::to_string),
            action: StepAction::Change(change),
            rechecks: rechecks.iter().map(|r| r.to_string()).collect(),
        }
    }

    pub fn manual(
        task: SetupTask,
        title: impl Into<String>,
        region: Option<&str>,
        manual: ManualStep,
        rechecks: &[&str],
    ) -> Self {
        Self {
            task,
            title: title.into(),
            region: region.map(str::to_string),
            action: StepAction::Manual(manual),
            rechecks: rechecks.iter().map(|r| r.to_string()).collect(),
        }
    }

    pub fn change(&self) -> Option<&PlannedChange> {
        match &self.action {
            StepAction::Change(change) => Some(change),
            StepAction::Manual(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetupPlan {
    pub account: String,
    pub regions: Vec<String>,
    pub steps: Vec<SetupStep>,
}

impl SetupPlan {
    pub fn changes(&self) -> impl Iterator<Item = &PlannedChange> {
        self.steps.iter().filter_map(SetupStep::change)
    }

    pub fn manual_steps(&self) -> impl Iterator<Item = (&SetupStep, &ManualStep)> {
        self.steps.iter().filter_map(|s| match &s.action {
            StepAction::Manual(m) => Some((s, m)),
            StepAction::Change(_) => None,
        })
    }
}

/// Plans the whole setup. Pure: the same snapshot and options always give the same plan.
pub fn plan_setup(snapshot: &CloudSnapshot, opts: &SetupOptions) -> SetupPlan {
    let regions = audited_regions(snapshot);
    let readable: Vec<String> = regions
        .iter()
        .filter(|region| {
            snapshot
                .regions
                .iter()
                .any(|r| &&r.region == region && r.topics.is_ok())
        })
        .cloned()
        .collect();
    let assignment = assignment::assign_topics(snapshot, &readable, opts);
    let task_one = topics::plan_topics(snapshot, &regions, &assignment);
    let task_two = channels::plan_channels(snapshot, &assignment, opts);
    let task_three = plans::plan_response_plans(
        snapshot,
        &regions,
        &assignment,
        &task_two.channel_topics,
        opts,
    );
    let mut steps = Vec::new();
    for task in [task_one, task_two.steps, task_three] {
        // Within a task, what imdeck can do comes before what a person must do.
        let (changes, manual): (Vec<SetupStep>, Vec<SetupStep>) =
            task.into_iter().partition(|s| s.change().is_some());
        steps.extend(changes);
        steps.extend(manual);
    }
    SetupPlan {
        account: snapshot.account.clone(),
        regions,
        steps,
    }
}
