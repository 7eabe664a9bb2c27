//! Rule `plan-chat-channel`: each response plan names a chat channel (its `chatChannel.chatbotSns` topics).

use super::wiring::{
    audited_regions, channel_carried_topics, free_topics_in, plan_failures, plan_topics, plans,
};
use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;

pub const ID: &str = "plan-chat-channel";
const TITLE: &str = "response plan has a chat channel";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = plan_failures(snapshot)
        .into_iter()
        .map(|failure| Check::unknown(ID, TITLE, failure).on_resource(failure.resource.as_str()))
        .collect();
    for plan in plans(snapshot) {
        let topics = plan_topics(plan);
        let check = if topics.is_empty() {
            // It needs a channel of its own (settings below), whose topics no other channel carries.
            let taken = channel_carried_topics(snapshot);
            let proposed: Vec<String> = audited_regions(snapshot)
                .iter()
                .filter_map(|region| free_topics_in(snapshot, region, &taken).into_iter().next())
                .collect();
            Check::new(
                ID,
                Status::Fail,
                TITLE,
                format!(
                    "response plan {} has no chat channel: its incidents notify no one in chat",
                    plan.name
                ),
            )
            .with_missing(serde_json::json!({
                "chatChannel": { "chatbotSns": proposed },
                "channel": super::channel_role::recommended_role_settings(),
            }))
        } else {
            Check::new(
                ID,
                Status::Pass,
                TITLE,
                format!("response plan {} notifies {}", plan.name, topics.join(", ")),
            )
        };
        checks.push(check.on_resource(&plan.arn));
    }
    checks
}
