//! Rule `channel-chime`: a note on each Amazon Chime channel, where responders cannot run chat commands.

use super::{Check, Status};
use crate::domain::model::ChatPlatform;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    channel_failures, channels, describe_channel, plans_of_channel,
};

pub const ID: &str = "channel-chime";
const TITLE: &str = "Chime channel takes no chat commands";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = channel_failures(snapshot)
        .into_iter()
        .filter(|(platform, _)| *platform == ChatPlatform::Chime)
        .map(|(platform, failure)| {
            Check::unknown(ID, TITLE, failure)
                .on_resource(format!("{} channel configurations", platform.label()))
        })
        .collect();
    for channel in channels(snapshot)
        .into_iter()
        .filter(|c| c.platform == ChatPlatform::Chime)
    {
        let plans: Vec<&str> = plans_of_channel(snapshot, channel)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let used_by = if plans.is_empty() {
            String::new()
        } else {
            format!(" (used by {})", plans.join(", "))
        };
        checks.push(
            Check::new(
                ID,
                Status::Info,
                TITLE,
                format!(
                    "{}{used_by} receives notifications only: responders cannot run @aws ssm-incidents \
                     commands there; use Slack or Microsoft Teams for that",
                    describe_channel(channel)
                ),
            )
            .on_resource(&channel.arn),
        );
    }
    checks
}
