//! The setup audit: rules over a `CloudSnapshot`, each a pure function yielding `Check`s with a stable id.

use serde::Serialize;

/// How a check came out. `Unknown` means the check could not run; it is never counted as a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Warn,
    Info,
    Unknown,
}

impl Status {
    /// A mark that does not rely on colour.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Fail => "✗",
            Status::Warn => "!",
            Status::Info => "i",
            Status::Unknown => "?",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Info => "info",
            Status::Unknown => "unknown",
        }
    }
}

/// One finding, in the shape `imdeck audit --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable kebab-case rule id, e.g. `sns-policy`.
    pub id: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    pub title: String,
    pub detail: String,
    /// AWS CLI commands that fix it, one per line, each runnable as printed, where commands can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The exact step a person takes, in words, where no command can fix it (or before the commands can run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    /// The exact statement or setting that is missing, for the detail view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<serde_json::Value>,
}

pub mod accounts;
pub mod aws_cli;
pub mod channel_chime;
pub mod channel_enabled;
pub mod channel_guardrail;
pub mod channel_region_coverage;
pub mod channel_role;
pub mod chatbot_subscription;
pub mod plan_chat_channel;
pub mod plan_engagements_review;
pub mod plan_topics;
pub mod region_has_topic;
pub mod replication_set_region_active;
pub mod report;
pub mod sns_kms;
pub mod sns_policy;
pub mod subject;
pub mod unidentified;

use super::snapshot::{CloudSnapshot, ReadFailure};

pub use report::{AuditReport, RegionRow, Summary, region_rows};

/// The rule ids in the order `run_audit` runs them: the setup tasks' order (Regions and topics, channels, plans).
pub const RULE_IDS: [&str; 13] = [
    replication_set_region_active::ID,
    region_has_topic::ID,
    sns_policy::ID,
    sns_kms::ID,
    channel_region_coverage::ID,
    channel_guardrail::ID,
    channel_role::ID,
    channel_enabled::ID,
    channel_chime::ID,
    chatbot_subscription::ID,
    plan_chat_channel::ID,
    plan_topics::ID,
    plan_engagements_review::ID,
];

/// Every rule over the snapshot, in the fixed order of [`RULE_IDS`]; passes are included as rows.
pub fn run_audit(snapshot: &CloudSnapshot) -> Vec<Check> {
    let rules: [fn(&CloudSnapshot) -> Vec<Check>; 13] = [
        replication_set_region_active::check,
        region_has_topic::check,
        sns_policy::check,
        sns_kms::check,
        channel_region_coverage::check,
        channel_guardrail::check,
        channel_role::check,
        channel_enabled::check,
        channel_chime::check,
        chatbot_subscription::check,
        plan_chat_channel::check,
        plan_topics::check,
        plan_engagements_review::check,
    ];
    rules.iter().flat_map(|rule| rule(snapshot)).collect()
}

impl Status {
    /// The checklist's reading order: what needs doing first, then what could not be checked, then the rest.
    pub fn reading_rank(self) -> u8 {
        match self {
            Status::Fail => 0,
            Status::Unknown => 1,
            Status::Warn => 2,
            Status::Info => 3,
            Status::Pass => 4,
        }
    }

    /// How bad it is, for picking the worst of several: fail, then unknown, warn, info, pass.
    pub fn severity(self) -> u8 {
        match self {
            Status::Pass => 0,
            Status::Info => 1,
            Status::Warn => 2,
            Status::Unknown => 3,
            Status::Fail => 4,
        }
    }
}

impl Check {
    pub fn new(
        id: &'static str,
        status: Status,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            id,
            status,
            region: None,
            resource: None,
            title: title.into(),
            detail: detail.into(),
            fix: None,
            manual: None,
            missing: None,
        }
    }

    /// A check that could not run because `failure` stopped the read it needs.
    pub fn unknown(id: &'static str, title: impl Into<String>, failure: &ReadFailure) -> Self {
        Self::new(
            id,
            Status::Unknown,
            title,
            format!("could not read {}: {}", failure.resource, failure.reason),
        )
    }

    pub fn in_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    pub fn on_resource(mut self, resource: impl Into<String>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub fn with_manual(mut self, manual: impl Into<String>) -> Self {
        self.manual = Some(manual.into());
        self
    }

    /// Failures carry a fix or a manual step: the audit's promise, checked by tests.
    pub fn has_remedy(&self) -> bool {
        self.fix.is_some() || self.manual.is_some()
    }

    pub fn with_missing(mut self, missing: serde_json::Value) -> Self {
        self.missing = Some(missing);
        self
    }
}
