//! Rule `channel-role`: a chat channel acts through a channel IAM role, not the Chatbot service-linked role,
//! no role, or per-user roles.

use super::wiring::{channel_failures, channels, describe_channel};
use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;

pub const ID: &str = "channel-role";
const TITLE: &str = "chat channel uses a channel role";

/// The settings the docs give for the channel role, shown where one is missing.
pub fn recommended_role_settings() -> serde_json::Value {
    serde_json::json!({
        "role": "channel role",
        "policyTemplates": ["Incident Manager permissions"],
        "guardrailPolicyArns": [super::channel_guardrail::RESOLVER_GUARDRAIL],
    })
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
        })
        .collect();
    for channel in channels(snapshot) {
        let who = describe_channel(channel);
        let role = channel.iam_role_arn.as_str();
        let check = if role.is_empty() {
            Check::new(ID, Status::Fail, TITLE, format!("{who} has no IAM role"))
                .with_missing(recommended_role_settings())
        } else if role.contains(":role/aws-service-role/") {
            Check::new(
                ID,
                Status::Fail,
                TITLE,
                format!("{who} uses the Chatbot service-linked role {role}, not a channel role"),
            )
            .with_missing(recommended_role_settings())
        } else if channel.user_authorization_required {
            Check::new(
                ID,
                Status::Warn,
                TITLE,
                format!("{who} requires user roles; the docs recommend a channel role ({role})"),
            )
        } else {
            Check::new(
                ID,
                Status::Pass,
                TITLE,
                format!("{who} uses channel role {role}"),
            )
        };
        checks.push(check.on_resource(&channel.arn));
    }
    checks
}
