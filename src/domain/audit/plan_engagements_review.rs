//! Rule `plan-engagements-review`: per response plan, its engagements beside its channel, so someone can check
//! that the channel's members are the plan's contacts (no API tells who is in a Slack or Teams channel).

use super::{Check, Status};
use crate::domain::arn::Arn;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{channels_of_plan, describe_channel, plan_failures, plans};

pub const ID: &str = "plan-engagements-review";
const TITLE: &str = "review the channel's members against the plan's engagements";

/// The contact's alias, the last path segment of `arn:aws:ssm-contacts:REGION:ACCOUNT:contact/ALIAS`.
pub fn contact_alias(engagement_arn: &str) -> &str {
    Arn::short_name(engagement_arn)
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = plan_failures(snapshot)
        .into_iter()
        .map(|failure| Check::unknown(ID, TITLE, failure).on_resource(failure.resource.as_str()))
        .collect();
    for plan in plans(snapshot) {
        let contacts: Vec<&str> = plan.engagements.iter().map(|e| contact_alias(e)).collect();
        let engagements = if contacts.is_empty() {
            "no engagements".to_string()
        } else {
            format!("engagements {}", contacts.join(", "))
        };
        let channels: Vec<String> = channels_of_plan(snapshot, plan)
            .into_iter()
            .map(describe_channel)
            .collect();
        let channel = if channels.is_empty() {
            "no chat channel".to_string()
        } else {
            channels.join(", ")
        };
        checks.push(
            Check::new(
                ID,
                Status::Info,
                TITLE,
                format!(
                    "response plan {}: {engagements}; channel: {channel}. The channel's members should be these \
                     contacts; review membership regularly",
                    plan.name
                ),
            )
            .on_resource(&plan.arn),
        );
    }
    checks
}
