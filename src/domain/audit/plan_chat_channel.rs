//! Rule `plan-chat-channel`: each response plan names a chat channel (its `chatChannel.chatbotSns` topics).

use super::wiring::{audited_regions, plan_failures, plan_topics, plans, preferred_topic_in};
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
            let proposed: Vec<String> = audited_regions(snapshot)
                .iter()
                .filter_map(|region| preferred_topic_in(snapshot, region))
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
            .with_missing(serde_json::json!({ "chatChannel": { "chatbotSns": proposed } }))
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
