//! Rule `channel-guardrail`: a Slack or Teams channel's guardrail includes AWSIncidentManagerResolverAccess
//! (with no guardrail at all AWS applies AdministratorAccess).

use super::{Check, Status, aws_cli};
use crate::domain::model::{ChannelConfig, ChatPlatform};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    audited_regions, channel_failures, channels, describe_channel,
};

pub const ID: &str = "channel-guardrail";
const TITLE: &str = "chat channel guardrail includes AWSIncidentManagerResolverAccess";
/// The guardrail the Incident Manager docs recommend.
pub const RESOLVER_GUARDRAIL: &str = "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess";

/// Chime webhooks take no commands, so a guardrail means nothing there.
pub fn takes_commands(channel: &ChannelConfig) -> bool {
    channel.platform != ChatPlatform::Chime
}

/// The channel's guardrails with the resolver guardrail added, never dropping one.
pub fn guardrails_with_resolver(channel: &ChannelConfig) -> Vec<String> {
    let mut guardrails = channel.guardrail_policy_arns.clone().unwrap_or_default();
    if !guardrails.iter().any(|g| g == RESOLVER_GUARDRAIL) {
        guardrails.push(RESOLVER_GUARDRAIL.to_string());
    }
    guardrails
}

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .filter(|(platform, _)| *platform != ChatPlatform::Chime)
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
        })
        .collect();
    let region = aws_cli::chatbot_region(&audited_regions(snapshot));
    for channel in channels(snapshot).into_iter().filter(|c| takes_commands(c)) {
        let who = describe_channel(channel);
        let failing = |detail: String| failing(region, channel, detail);
        let check = match &channel.guardrail_policy_arns {
            Some(g) if g.iter().any(|arn| arn == RESOLVER_GUARDRAIL) => Check::new(
                ID,
                Status::Pass,
                TITLE,
                format!("{who} has guardrail {RESOLVER_GUARDRAIL}"),
            ),
            None => failing(format!(
                "{who} has no guardrail policy, so AWS applies AdministratorAccess"
            )),
            Some(g) if g.is_empty() => failing(format!(
                "{who} has no guardrail policy, so AWS applies AdministratorAccess"
            )),
            Some(g) => failing(format!(
                "{who} has guardrails {} but not {RESOLVER_GUARDRAIL}",
                g.join(", ")
            )),
        };
        checks.push(check.on_resource(&channel.arn));
    }
    checks
}

fn failing(region: &str, channel: &ChannelConfig, detail: String) -> Check {
    let guardrails = guardrails_with_resolver(channel);
    Check::new(ID, Status::Fail, TITLE, detail)
        .with_fix(aws_cli::update_channel(
            region,
            channel,
            &channel.sns_topic_arns,
            Some(&guardrails),
        ))
        .with_missing(serde_json::json!({ "GuardrailPolicyArns": guardrails }))
}
