//! Which checks of a fresh audit still fail for a setup step that was just applied.

use super::SetupStep;
use crate::domain::arn::Arn;
use crate::domain::audit::{Check, Status};

/// The checks a step names that do not pass in a fresh audit: same rule, and the step's Region (Regional steps)
/// or the resource it wrote (channel and plan steps), so another resource's failure is not blamed on it.
pub fn failing_rechecks<'a>(step: &SetupStep, fresh: &'a [Check]) -> Vec<&'a Check> {
    let resource = step.change().map(|c| c.change.resource());
    fresh
        .iter()
        .filter(|c| step.rechecks.iter().any(|id| id == c.id))
        .filter(|c| match &step.region {
            Some(region) => c.region.as_ref() == Some(region),
            None => c.resource.as_deref() == resource,
        })
        .filter(|c| c.status != Status::Pass && c.status != Status::Info)
        // A step writes only this account's resources: a check about another account's topic (read by ARN,
        // perhaps unreadable) is not settled by it, so it is no re-check of the step.
        .filter(|c| {
            let account = |arn: &str| Arn::parse(arn).ok().map(|arn| arn.account().to_string());
            match (
                resource.and_then(account),
                c.resource.as_deref().and_then(account),
            ) {
                (Some(ours), Some(theirs)) => ours == theirs,
                _ => true,
            }
        })
        .collect()
}
