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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub account: String,
    pub regions: Vec<String>,
    pub checks: Vec<Check>,
    pub summary: Summary,
}

impl AuditReport {
    pub fn new(account: impl Into<String>, regions: Vec<String>, checks: Vec<Check>) -> Self {
        let summary = Summary::of(&checks);
        Self {
            account: account.into(),
            regions,
            checks,
            summary,
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

    pub fn render_text(&self) -> String {
        let mut out = format!(
            "imdeck audit · account {} · Regions {}\n\n",
            self.account,
            self.regions.join(", ")
        );
        for check in &self.checks {
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
        out.push_str(&format!("\n{}\n", self.summary_line()));
        out
    }

    pub fn render_markdown(&self) -> String {
        let mut out = format!(
            "# imdeck audit — account {}\n\nRegions: {}\n\n| | status | check | Region | resource | finding |\n|---|---|---|---|---|---|\n",
            self.account,
            self.regions.join(", ")
        );
        for check in &self.checks {
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
        out.push_str(&format!("\n**Summary:** {}\n", self.summary_line()));
        let fixes: Vec<&Check> = self.checks.iter().filter(|c| c.has_remedy()).collect();
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
