//! Rule `plan-chat-channel`: each response plan names a chat channel (its `chatChannel.chatbotSns` topics).

use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    audited_regions, channel_carried_topics, free_topics_in, plan_failures, plan_topics, plans,
};

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
            // It needs a channel of its own, whose topics no other channel carries (Chatbot posts a topic's
            // messages in every channel that carries it).
            let taken = channel_carried_topics(snapshot);
            let proposed: Vec<String> = audited_regions(snapshot)
                .iter()
                .filter_map(|region| free_topics_in(snapshot, region, &taken).into_iter().next())
                .collect();
            let topics = if proposed.is_empty() {
                "a topic of its own in every replication-set Region (`imdeck setup --plan` creates them)"
                    .to_string()
            } else {
                format!(
                    "its own topics ({} are free: no channel carries them)",
                    proposed.join(", ")
                )
            };
            Check::new(
                ID,
                Status::Fail,
                TITLE,
                format!(
                    "response plan {} has no chat channel: its incidents notify no one in chat",
                    plan.name
                ),
            )
            .with_manual(format!(
                "Creating a chat channel needs the console once (authorising a Slack workspace or Microsoft Teams \
                 tenant has no API): in the Amazon Q Developer in chat applications (AWS Chatbot) console, create \
                 a channel configuration for {name} with a channel role from the policy template \"Incident \
                 Manager permissions\", the guardrail AWSIncidentManagerResolverAccess and {topics}. Then set the plan's chat \
                 channel to that channel's topic ARNs (one per Region, at most five) with `aws ssm-incidents \
                 update-response-plan{region} --arn {arn} --chat-channel '{{\"chatbotSns\":[TOPIC_ARNS]}}'`, \
                 TOPIC_ARNS being the channel's topics, each in double quotes, separated by commas.",
                name = plan.name,
                region = audited_regions(snapshot)
                    .first()
                    .map(|r| format!(" --region {r}"))
                    .unwrap_or_default(),
                arn = plan.arn,
            ))
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
