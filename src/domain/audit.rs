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
    /// An AWS CLI command that would fix it, where one can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The exact statement or setting that is missing, for the detail view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<serde_json::Value>,
}
