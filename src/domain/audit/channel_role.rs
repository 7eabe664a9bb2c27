//! Rule `channel-role`: a chat channel acts through a channel IAM role, not the Chatbot service-linked role,
//! no role, or per-user roles.

use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{channel_failures, channels, describe_channel};

pub const ID: &str = "channel-role";
const TITLE: &str = "chat channel uses a channel role";

/// What this rule cannot see: imdeck calls no IAM API, so a role's existence and contents go unchecked.
pub const NOT_CHECKED: &str = "imdeck reads no IAM, so it did not check that the role exists, that its trust \
     policy lets chatbot.amazonaws.com assume it, or that it carries the Incident Manager permissions";

/// The console steps that give a channel a channel role (no API creates the role from the policy template).
fn set_channel_role(channel_name: &str) -> String {
    format!(
        "In the Amazon Q Developer in chat applications (AWS Chatbot) console, open the configuration \
         {channel_name}, choose Permissions → Channel role → \"Create an IAM role using a template\", pick the policy \
         template \"Incident Manager permissions\", keep the guardrail AWSIncidentManagerResolverAccess, and save."
    )
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
                .with_manual(set_channel_role(&channel.name))
        } else if role.contains(":role/aws-service-role/") {
            Check::new(
                ID,
                Status::Fail,
                TITLE,
                format!(
                    "{who} uses the Chatbot service-linked role {role}, not a channel role; {NOT_CHECKED}"
                ),
            )
            .with_manual(set_channel_role(&channel.name))
        } else if channel.user_authorization_required {
            Check::new(
                ID,
                Status::Warn,
                TITLE,
                format!(
                    "{who} requires user roles; the docs recommend a channel role ({role}); {NOT_CHECKED}"
                ),
            )
            .with_manual(format!(
                "In the Chatbot console, open the configuration {} and turn off \"Require users to use \
                 their own roles\" (user-level roles), so responders act through the channel role.",
                channel.name
            ))
        } else {
            Check::new(
                ID,
                Status::Pass,
                TITLE,
                format!("{who} uses channel role {role}; {NOT_CHECKED}"),
            )
        };
        checks.push(check.on_resource(&channel.arn));
    }
    checks
}
