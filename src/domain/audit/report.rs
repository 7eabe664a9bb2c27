//! The audit as a report: the JSON of `imdeck audit --format json`, text, Markdown, the exit status, and the
//! Region × check matrix of the checklist pane.

use serde::Serialize;

use super::{
    Check, Status, channel_region_coverage, region_has_topic, replication_set_region_active,
    run_audit, sns_kms, sns_policy,
};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::audited_regions;

/// How many checks came out each way; serialises with the keys in the order of `product.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub warn: usize,
    pub info: usize,
    pub unknown: usize,
}

impl Summary {
    pub fn of(checks: &[Check]) -> Self {
        let mut summary = Summary::default();
        for check in checks {
            match check.status {
                Status::Pass => summary.pass += 1,
                Status::Fail => summary.fail += 1,
                Status::Warn => summary.warn += 1,
                Status::Info => summary.info += 1,
                Status::Unknown => summary.unknown += 1,
            }
        }
        summary
    }
}

/// What `imdeck audit` prints and exits with, whether it audited one account or several: one front-end
/// prints either.
pub trait Report {
    /// 0 clean · 1 a check failed · 3 something could not run and nothing failed.
    fn exit_code(&self) -> i32;
    fn to_json(&self) -> serde_json::Result<String>;
    fn render_text(&self) -> String;
    fn render_markdown(&self) -> String;
}

// Each report keeps its own methods (callers need no trait in scope); the trait only names them once.
impl Report for AuditReport {
    fn exit_code(&self) -> i32 {
        AuditReport::exit_code(self)
    }
    fn to_json(&self) -> serde_json::Result<String> {
        AuditReport::to_json(self)
    }
    fn render_text(&self) -> String {
        AuditReport::render_text(self)
    }
    fn render_markdown(&self) -> String {
        AuditReport::render_markdown(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub account: String,
    pub regions: Vec<String>,
    pub checks: Vec<Check>,
    pub summary: Summary,
    /// The statuses `--only` kept; empty when every check is listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<Status>,
}

impl AuditReport {
    pub fn new(account: impl Into<String>, regions: Vec<String>, checks: Vec<Check>) -> Self {
        let summary = Summary::of(&checks);
        Self {
            account: account.into(),
            regions,
            checks,
            summary,
            filter: Vec::new(),
        }
    }

    /// Runs every rule over the snapshot.
    pub fn from_snapshot(snapshot: &CloudSnapshot) -> Self {
        Self::new(
            snapshot.account.clone(),
            audited_regions(snapshot),
            run_audit(snapshot),
        )
    }

    /// 0 clean · 1 a check failed · 3 a check could not run and none failed.
    pub fn exit_code(&self) -> i32 {
        if self.summary.fail > 0 {
            1
        } else if self.summary.unknown > 0 {
            3
        } else {
            0
        }
    }

    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    pub fn region_rows(&self) -> Vec<RegionRow> {
        region_rows(&self.regions, &self.checks)
    }

    /// Keeps only the checks with these statuses (all when empty), for `--only`. The summary and the exit
    /// status still count every check: a filter changes what is listed, never the verdict.
    pub fn only(mut self, statuses: &[Status]) -> Self {
        if !statuses.is_empty() {
            self.checks.retain(|c| statuses.contains(&c.status));
            self.filter = statuses.to_vec();
        }
        self
    }

    /// The checks in reading order: failures first, then what could not be checked, warnings, notes and
    /// passes; the rules' own order within each.
    pub fn ordered_checks(&self) -> Vec<&Check> {
        let mut checks: Vec<&Check> = self.checks.iter().collect();
        checks.sort_by_key(|c| c.status.reading_rank());
        checks
    }

    /// "listing fail, unknown (3 of 40 checks)" when `--only` hid some, so a short list is not read as the
    /// whole audit.
    fn filter_line(&self) -> Option<String> {
        if self.filter.is_empty() {
            return None;
        }
        let total = self.summary.pass
            + self.summary.fail
            + self.summary.warn
            + self.summary.info
            + self.summary.unknown;
        let words: Vec<&str> = self.filter.iter().map(|s| s.word()).collect();
        Some(format!(
            "listing {} only ({} of {total} checks)",
            words.join(", "),
            self.checks.len()
        ))
    }

    /// The account, or why it is not known: it is read from the ARNs of what was found.
    fn account_words(&self) -> String {
        if self.account.is_empty() {
            "account not known (no replication set, topic or channel was found to name it)".into()
        } else {
            format!("account {}", self.account)
        }
    }

    fn regions_words(&self) -> String {
        if self.regions.is_empty() {
            "no Regions (there is no replication set)".into()
        } else {
            format!("Regions {}", self.regions.join(", "))
        }
    }

    pub fn render_text(&self) -> String {
        let mut out = format!(
            "imdeck audit · {} · {}\n{}\n",
            self.account_words(),
            self.regions_words(),
            self.summary_line()
        );
        if let Some(line) = self.filter_line() {
            out.push_str(&format!("{line}\n"));
        }
        out.push('\n');
        for check in self.ordered_checks() {
            let place = [check.region.as_deref(), check.resource.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(
                "{} {:<7} {:<31} {}\n",
                check.status.mark(),
                check.status.word(),
                check.id,
                check.title
            ));
            if !place.is_empty() {
                out.push_str(&format!("          {place}\n"));
            }
            out.push_str(&format!("          {}\n", check.detail));
            if let Some(manual) = &check.manual {
                out.push_str(&format!("          to do: {manual}\n"));
            }
            // One command a line, never wrapped, so each can be copied and run as it is.
            for command in check.fix.iter().flat_map(|f| f.lines()) {
                out.push_str(&format!("          fix: {command}\n"));
            }
        }
        out
    }

    pub fn render_markdown(&self) -> String {
        let mut out = format!(
            "# imdeck audit — {}\n\n{}\n\n**Summary:** {}\n\n",
            self.account_words(),
            self.regions_words(),
            self.summary_line()
        );
        if let Some(line) = self.filter_line() {
            out.push_str(&format!("{line}\n\n"));
        }
        out.push_str(
            "| | status | check | Region | resource | finding |\n|---|---|---|---|---|---|\n",
        );
        for check in self.ordered_checks() {
            out.push_str(&format!(
                "| {} | {} | `{}` | {} | {} | {} |\n",
                check.status.mark(),
                check.status.word(),
                check.id,
                cell(check.region.as_deref().unwrap_or("")),
                check
                    .resource
                    .as_deref()
                    .map(|r| format!("`{}`", cell(r)))
                    .unwrap_or_default(),
                cell(&format!("**{}**: {}", check.title, check.detail)),
            ));
        }
        let fixes: Vec<&Check> = self
            .ordered_checks()
            .into_iter()
            .filter(|c| c.has_remedy())
            .collect();
        if !fixes.is_empty() {
            out.push_str("\n## Fixes\n");
            for check in fixes {
                let place = [check.region.as_deref(), check.resource.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!("\n`{}` {place}\n", check.id));
                if let Some(manual) = &check.manual {
                    out.push_str(&format!("\n{}\n", cell(manual)));
                }
                if let Some(fix) = &check.fix {
                    out.push_str(&format!("\n```sh\n{fix}\n```\n"));
                }
            }
        }
        out
    }

    fn summary_line(&self) -> String {
        let s = &self.summary;
        format!(
            "{} pass · {} fail · {} warn · {} info · {} unknown",
            s.pass, s.fail, s.warn, s.info, s.unknown
        )
    }
}

/// A Markdown table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// One row of the checklist pane: the worst status per column, `None` where no check speaks to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRow {
    pub region: String,
    /// The Region's own state in the replication set.
    pub active: Option<Status>,
    pub topic: Option<Status>,
    /// The topic policies, and their KMS encryption, in the Region.
    pub policy: Option<Status>,
    /// Whether the chat channels carry the Region's topic.
    pub channel: Option<Status>,
}

/// The checklist matrix: one row per replication-set Region, in order.
pub fn region_rows(regions: &[String], checks: &[Check]) -> Vec<RegionRow> {
    let worst = |region: &str, ids: &[&str]| {
        checks
            .iter()
            .filter(|c| c.region.as_deref() == Some(region) && ids.contains(&c.id))
            .map(|c| c.status)
            .max_by_key(|s| s.severity())
    };
    regions
        .iter()
        .map(|region| RegionRow {
            region: region.clone(),
            active: worst(region, &[replication_set_region_active::ID]),
            topic: worst(region, &[region_has_topic::ID]),
            policy: worst(region, &[sns_policy::ID, sns_kms::ID]),
            channel: worst(region, &[channel_region_coverage::ID]),
        })
        .collect()
}
