//! The unknown that stands in for topics a per-topic rule could not identify, when plan or channel listings failed.

use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{describe_failures, linkage_failures};

/// For a per-topic rule: when a plan or channel listing could not be read, the topics only it names are not
/// known to be Incident Manager topics, so their checks would silently vanish; this unknown stands in for them.
pub fn unidentified_topics_check(
    snapshot: &CloudSnapshot,
    id: &'static str,
    title: &str,
) -> Option<Check> {
    let failures = linkage_failures(snapshot);
    (!failures.is_empty()).then(|| {
        Check::new(
            id,
            Status::Unknown,
            title,
            format!(
                "topics named only by plans or chat channels that could not be read were not checked: {}",
                describe_failures(&failures)
            ),
        )
    })
}
