//! Rule `channel-enabled`: a Slack or Teams channel configuration is ENABLED (an organisation policy can
//! disable it).

use super::channel_guardrail::takes_commands;
use super::{Check, Status, aws_cli};
use crate::domain::model::ChatPlatform;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    audited_regions, channel_failures, channels, describe_channel,
};

pub const ID: &str = "channel-enabled";
const TITLE: &str = "chat channel is ENABLED";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .filter(|(platform, _)| *platform != ChatPlatform::Chime)
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
        })
        .collect();
    // Chime webhook configurations carry no State.
    for channel in channels(snapshot).into_iter().filter(|c| takes_commands(c)) {
        let who = describe_channel(channel);
        let check = match channel.state.as_deref() {
            Some("ENABLED") => Check::new(ID, Status::Pass, TITLE, format!("{who} is ENABLED")),
            Some(state) => Check::new(
                ID,
                Status::Fail,
                TITLE,
                format!("{who} is {state}: an organisation Chatbot policy may deny it"),
            )
            .with_manual(format!(
                "Chatbot reports why in the configuration's StateReason (`aws chatbot \
                 describe-slack-channel-configurations --region {} --chat-configuration-arn {}` for Slack, \
                 `get-microsoft-teams-channel-configuration` for Teams). A configuration is disabled when an AWS \
                 Organizations chat applications (Chatbot) policy denies its workspace, channel or settings: ask \
                 the organisation's administrator to allow it, or change the configuration to comply.",
                aws_cli::chatbot_region(&audited_regions(snapshot)),
                channel.arn
            )),
            None => Check::new(
                ID,
                Status::Unknown,
                TITLE,
                format!("{who} reported no State"),
            ),
        };
        checks.push(check.on_resource(&channel.arn));
    }
    checks
}
