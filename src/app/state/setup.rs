//! The setup panes' model: the snapshot and its checks, folded once per load into the matrix and plan rows the panes draw.

use crate::domain::arn::Arn;
use crate::domain::audit::subject::row_label;
use crate::domain::audit::{Check, Status};
use crate::domain::model::{ChatPlatform, ResponsePlan};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::region_of_arn;

use super::{DetailTarget, RefreshState};

/// The columns of the Region × check matrix. A rule lands in a column by the words of its id, so new
/// rules appear without changes here; whatever fits no column goes to `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckColumn {
    Topic,
    Policy,
    Channel,
    Other,
}

impl CheckColumn {
    pub const ALL: [CheckColumn; 4] = [
        CheckColumn::Topic,
        CheckColumn::Policy,
        CheckColumn::Channel,
        CheckColumn::Other,
    ];

    pub fn of(check_id: &str) -> Self {
        // A KMS key or a Region's status is about the Region, not one of the three setup tasks.
        if check_id.contains("kms") || check_id.contains("region-status") {
            CheckColumn::Other
        } else if check_id.contains("policy") {
            CheckColumn::Policy
        } else if check_id.contains("channel") || check_id.contains("chat") {
            CheckColumn::Channel
        } else if check_id.contains("topic") {
            CheckColumn::Topic
        } else {
            CheckColumn::Other
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckColumn::Topic => "topic",
            CheckColumn::Policy => "policy",
            CheckColumn::Channel => "channel",
            CheckColumn::Other => "more",
        }
    }

    fn index(self) -> usize {
        match self {
            CheckColumn::Topic => 0,
            CheckColumn::Policy => 1,
            CheckColumn::Channel => 2,
            CheckColumn::Other => 3,
        }
    }
}

/// How bad a status is, for folding several checks into one cell: a failure outranks not knowing, which
/// outranks a warning, so a cell never looks better than its worst check.
pub fn severity(status: Status) -> u8 {
    match status {
        Status::Pass => 0,
        Status::Info => 1,
        Status::Warn => 2,
        Status::Unknown => 3,
        Status::Fail => 4,
    }
}

pub fn worst(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
    statuses.into_iter().max_by_key(|s| severity(*s))
}

/// One Region's row of the matrix: the worst status per column, `None` where no check applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRow {
    pub region: String,
    pub cells: [Option<Status>; 4],
}

impl RegionRow {
    pub fn cell(&self, column: CheckColumn) -> Option<Status> {
        self.cells[column.index()]
    }
}

/// A chat channel configuration as the channels pane shows it under a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRow {
    pub arn: String,
    pub platform: ChatPlatform,
    pub name: String,
    pub channel_label: String,
    /// True when the channel uses its own role rather than each user's.
    pub channel_role: bool,
    /// The guardrail policies' names; `None` means none is set, so AWS applies AdministratorAccess.
    pub guardrails: Option<Vec<String>>,
    pub state: Option<String>,
    /// For every replication-set Region, whether the channel carries a topic there.
    pub regions: Vec<(String, bool)>,
}

/// A response plan's row of the channels pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub name: String,
    pub arn: String,
    pub topics: Vec<String>,
    pub channels: Vec<ChannelRow>,
    pub engagements: Vec<String>,
    /// Why the plan could not be read, when it could not.
    pub read_error: Option<String>,
    /// The worst status of the checks about this plan or its channels.
    pub status: Option<Status>,
}

/// Region counter shown while a snapshot loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
}

/// Up to this many Regions are listed each, passing or not; more are listed failing first, the passing ones folded.
pub const FEW_REGIONS: usize = 4;

#[derive(Debug, Clone, Default)]
pub struct SetupView {
    pub generation: u64,
    /// `Some` while a load is in flight.
    pub loading: Option<LoadProgress>,
    pub snapshot: Option<CloudSnapshot>,
    pub checks: Vec<Check>,
    pub regions: Vec<RegionRow>,
    /// Indices into `regions` of the rows on screen: all of them while few; past `FEW_REGIONS`, the Regions with
    /// something not passing first, and the passing ones only when unfolded (`hidden_regions` counts the rest).
    pub shown_regions: Vec<usize>,
    /// Passing Regions not listed now.
    pub hidden_regions: usize,
    /// Indices into `checks` of the checks that belong to no Region and are on screen (passing ones only when
    /// unfolded), listed under the matrix: failures first, then unknown, warn, info, pass.
    pub general: Vec<usize>,
    /// Per check (same index as `checks`), the row's words: the rule's short name and what it is about.
    pub labels: Vec<String>,
    /// Passing checks without a Region are listed only when this is true; a line counts the hidden ones.
    pub show_passing: bool,
    /// Passing checks without a Region not listed now.
    pub hidden_passing: usize,
    /// How far the detail popup is scrolled sideways, so a long fix command is read unwrapped.
    pub detail_hscroll: u16,
    /// What the detail popup last copied, said in its title.
    pub detail_copied: Option<String>,
    pub plans: Vec<PlanRow>,
    /// Row cursor of the checklist: Regions first, then the general checks.
    pub checklist_cursor: usize,
    pub channels_cursor: usize,
    pub refresh: RefreshState,
    pub next_refresh_at: Option<crate::domain::model::Timestamp>,
}

impl SetupView {
    /// Folds a freshly loaded snapshot and its checks into the rows the panes draw.
    pub fn load(&mut self, snapshot: CloudSnapshot, checks: Vec<Check>) {
        self.regions = region_rows(&snapshot, &checks);
        self.labels = checks.iter().map(|c| row_label(c, &snapshot)).collect();
        self.plans = plan_rows(&snapshot, &checks);
        self.snapshot = Some(snapshot);
        self.checks = checks;
        self.list_regions();
        self.list_general();
        self.channels_cursor = self.channels_cursor.min(self.plans.len().saturating_sub(1));
    }

    /// Lists the Regions: past `FEW_REGIONS` a pane's height and width go to the failing ones, the rest is a count.
    fn list_regions(&mut self) {
        let mut shown: Vec<usize> = (0..self.regions.len()).collect();
        if self.regions.len() > FEW_REGIONS {
            let passes = |row: &RegionRow| {
                row.cells
                    .iter()
                    .all(|c| matches!(c, None | Some(Status::Pass)))
            };
            shown.sort_by_key(|&i| passes(&self.regions[i]));
            if !self.show_passing {
                shown.retain(|&i| !passes(&self.regions[i]));
            }
        }
        self.hidden_regions = self.regions.len() - shown.len();
        self.shown_regions = shown;
    }

    /// The Region row at checklist row `row`, if that row is a Region.
    pub fn region_at(&self, row: usize) -> Option<&RegionRow> {
        self.shown_regions
            .get(row)
            .and_then(|&i| self.regions.get(i))
    }

    /// Lists the checks without a Region in reading order (stable, so audit order within a status).
    fn list_general(&mut self) {
        let mut general: Vec<usize> = (0..self.checks.len())
            .filter(|&i| self.checks[i].region.is_none())
            .collect();
        general.sort_by_key(|&i| self.checks[i].status.reading_rank());
        let all = general.len();
        if !self.show_passing {
            general.retain(|&i| self.checks[i].status != Status::Pass);
        }
        self.hidden_passing = all - general.len();
        self.general = general;
        self.checklist_cursor = self
            .checklist_cursor
            .min(self.checklist_len().saturating_sub(1));
    }

    /// Folds or unfolds the passing rows, keeping the cursor on the row it was on when that row stays listed.
    pub fn toggle_passing(&mut self) {
        let regions = self.shown_regions.len();
        let region = self.shown_regions.get(self.checklist_cursor).copied();
        let at = self
            .checklist_cursor
            .checked_sub(regions)
            .and_then(|i| self.general.get(i).copied());
        self.show_passing = !self.show_passing;
        self.list_regions();
        self.list_general();
        let regions = self.shown_regions.len();
        if let Some(position) = region.and_then(|r| self.shown_regions.iter().position(|&i| i == r))
        {
            self.checklist_cursor = position;
        } else if let Some(position) =
            at.and_then(|check| self.general.iter().position(|&i| i == check))
        {
            self.checklist_cursor = regions + position;
        }
    }

    /// The checklist row's words for a check.
    pub fn label(&self, index: usize) -> &str {
        self.labels.get(index).map_or("", String::as_str)
    }

    pub fn checklist_len(&self) -> usize {
        self.shown_regions.len() + self.general.len()
    }

    /// The checks of one Region, in audit order.
    pub fn checks_in_region<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Check> + 'a {
        self.checks
            .iter()
            .filter(move |c| c.region.as_deref() == Some(region))
    }

    /// The checks about a plan: those whose resource is the plan, one of its channels or one of its topics.
    pub fn checks_for_plan<'a>(
        &'a self,
        plan: &'a PlanRow,
    ) -> impl Iterator<Item = &'a Check> + 'a {
        self.checks.iter().filter(move |c| {
            c.resource.as_deref().is_some_and(|r| {
                r == plan.arn
                    || plan.channels.iter().any(|ch| ch.arn == r)
                    || plan.topics.iter().any(|t| t == r)
            })
        })
    }

    /// The checks a detail popup shows, in reading order (failures first); `None` for a target that is no check.
    pub fn checks_of<'a>(&'a self, target: &'a DetailTarget) -> Option<Vec<&'a Check>> {
        let mut checks: Vec<&Check> = match target {
            DetailTarget::Region(region) => self.checks_in_region(region).collect(),
            DetailTarget::Check(index) => self.checks.get(*index).into_iter().collect(),
            DetailTarget::Plan(index) => match self.plans.get(*index) {
                Some(plan) => self.checks_for_plan(plan).collect(),
                None => Vec::new(),
            },
            DetailTarget::Event(_) => return None,
        };
        checks.sort_by_key(|c| c.status.reading_rank());
        Some(checks)
    }

    /// The fix commands of the checks a detail popup shows, one a line, as Ctrl-Y copies them.
    pub fn fix_commands(&self, target: &DetailTarget) -> Vec<String> {
        self.checks_of(target)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.status != Status::Pass)
            .filter_map(|c| c.fix.as_deref())
            .flat_map(str::lines)
            .map(str::to_string)
            .collect()
    }

    /// The replication-set Regions, or the Regions the checks name when the set could not be read.
    pub fn region_names(&self) -> Vec<String> {
        self.regions.iter().map(|r| r.region.clone()).collect()
    }
}

fn region_rows(snapshot: &CloudSnapshot, checks: &[Check]) -> Vec<RegionRow> {
    let mut regions = snapshot.replication_regions();
    for region in snapshot
        .regions
        .iter()
        .map(|r| &r.region)
        .chain(checks.iter().filter_map(|c| c.region.as_ref()))
    {
        if !regions.contains(region) {
            regions.push(region.clone());
        }
    }
    regions
        .into_iter()
        .map(|region| {
            let mut cells = [None; 4];
            for column in CheckColumn::ALL {
                cells[column.index()] = worst(
                    checks
                        .iter()
                        .filter(|c| {
                            c.region.as_deref() == Some(region.as_str())
                                && CheckColumn::of(c.id) == column
                        })
                        .map(|c| c.status),
                );
            }
            RegionRow { region, cells }
        })
        .collect()
}

fn plan_rows(snapshot: &CloudSnapshot, checks: &[Check]) -> Vec<PlanRow> {
    let plans = match &snapshot.plans {
        Ok(plans) => plans,
        Err(failure) => {
            return vec![PlanRow {
                name: "(response plans)".into(),
                arn: String::new(),
                topics: Vec::new(),
                channels: Vec::new(),
                engagements: Vec::new(),
                read_error: Some(failure.reason.clone()),
                status: Some(Status::Unknown),
            }];
        }
    };
    let regions = snapshot.replication_regions();
    plans
        .iter()
        .map(|plan| match plan {
            Ok(plan) => plan_row(plan, snapshot, &regions, checks),
            Err(failure) => PlanRow {
                name: Arn::short_name(&failure.resource).to_string(),
                arn: failure.resource.clone(),
                topics: Vec::new(),
                channels: Vec::new(),
                engagements: Vec::new(),
                read_error: Some(failure.reason.clone()),
                status: Some(Status::Unknown),
            },
        })
        .collect()
}

fn plan_row(
    plan: &ResponsePlan,
    snapshot: &CloudSnapshot,
    regions: &[String],
    checks: &[Check],
) -> PlanRow {
    let topics: Vec<String> = plan
        .chat_channel
        .as_ref()
        .map(|c| c.topics().to_vec())
        .unwrap_or_default();
    let configs: Vec<_> = snapshot
        .channel_configs()
        .filter(|c| c.sns_topic_arns.iter().any(|t| topics.contains(t)))
        .collect();
    let channels = configs
        .iter()
        .map(|c| ChannelRow {
            arn: c.arn.clone(),
            platform: c.platform,
            name: c.name.clone(),
            channel_label: c.channel_label.clone(),
            channel_role: !c.user_authorization_required,
            guardrails: c.guardrail_policy_arns.as_ref().map(|arns| {
                arns.iter()
                    .map(|a| Arn::short_name(a).to_string())
                    .collect()
            }),
            state: c.state.clone(),
            regions: regions
                .iter()
                .map(|region| {
                    let carried = c.sns_topic_arns.iter().any(|t| region_of_arn(t) == region);
                    (region.clone(), carried)
                })
                .collect(),
        })
        .collect();
    let related = |resource: &str| {
        resource == plan.arn
            || topics.iter().any(|t| t == resource)
            || configs.iter().any(|c| c.arn == resource)
    };
    let status = worst(
        checks
            .iter()
            .filter(|c| c.resource.as_deref().is_some_and(related))
            .map(|c| c.status),
    );
    PlanRow {
        name: plan
            .display_name
            .clone()
            .unwrap_or_else(|| plan.name.clone()),
        arn: plan.arn.clone(),
        topics,
        channels,
        engagements: plan.engagements.clone(),
        read_error: None,
        status,
    }
}
