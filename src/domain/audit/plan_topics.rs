//! Rule `plan-topics`: a response plan's chat-channel topics exist, each belongs to a chat channel
//! configuration, and together they cover every replication-set Region.

use super::{Check, Status, aws_cli};
use crate::domain::model::ResponsePlan;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{
    TopicState, account_of_arn, audited_regions, channel_failures, channels, channels_of_plan,
    is_foreign_topic, plan_failures, plan_topics, plans, region_of_arn, topic_state,
};

pub const ID: &str = "plan-topics";
const TITLE: &str = "response plan's topics exist, belong to a chat channel and cover every Region";
/// `chatChannel.chatbotSns` takes at most five topics.
pub const MAX_PLAN_TOPICS: usize = 5;

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let mut checks: Vec<Check> = plan_failures(snapshot)
        .into_iter()
        .map(|failure| Check::unknown(ID, TITLE, failure).on_resource(failure.resource.as_str()))
        .collect();
    for plan in plans(snapshot)
        .into_iter()
        .filter(|p| !plan_topics(p).is_empty())
    {
        checks.push(plan_check(snapshot, plan).on_resource(&plan.arn));
    }
    checks
}

/// The plan's topics plus, for each uncovered Region, the topics its channels carry there.
pub fn topics_with_channel_regions(snapshot: &CloudSnapshot, plan: &ResponsePlan) -> Vec<String> {
    let mut topics: Vec<String> = plan_topics(plan).to_vec();
    for channel in channels_of_plan(snapshot, plan) {
        for topic in &channel.sns_topic_arns {
            let region = region_of_arn(topic);
            let covered = topics.iter().any(|t| region_of_arn(t) == region);
            if !covered && topic_state(snapshot, topic).exists() {
                topics.push(topic.clone());
            }
        }
    }
    topics
}

fn plan_check(snapshot: &CloudSnapshot, plan: &ResponsePlan) -> Check {
    let topics = plan_topics(plan);
    let mut problems: Vec<String> = Vec::new();
    let mut unknowns: Vec<String> = Vec::new();
    let channels_unreadable = !channel_failures(snapshot).is_empty();
    for topic in topics {
        match topic_state(snapshot, topic) {
            TopicState::Absent => problems.push(format!("{topic} does not exist")),
            TopicState::RegionUnreadable(failure) => {
                unknowns.push(format!(
                    "could not read {}: {}",
                    failure.resource, failure.reason
                ));
            }
            TopicState::RegionNotRead => unknowns.push(format!(
                "{topic} is in {}, outside the replication set, so it was not read",
                region_of_arn(topic)
            )),
            TopicState::Read(_) | TopicState::AttributesUnreadable(_) => {}
        }
        if !channels(snapshot)
            .iter()
            .any(|c| c.sns_topic_arns.contains(topic))
        {
            if is_foreign_topic(snapshot, topic) {
                // Chatbot configurations are per account: another account's topic is carried, if at all, by
                // a chat channel of that account, which this account cannot list.
                unknowns.push(format!(
                    "{topic} belongs to account {}; its chat channel configuration, if any, is in that account \
                     and was not read",
                    account_of_arn(topic)
                ));
            } else if channels_unreadable {
                unknowns.push(format!(
                    "{topic} is in no chat channel configuration that could be read"
                ));
            } else {
                problems.push(format!("{topic} belongs to no chat channel configuration"));
            }
        }
    }
    match &snapshot.replication_set {
        Err(failure) => unknowns.push(format!(
            "could not read {}: {}",
            failure.resource, failure.reason
        )),
        Ok(_) => {
            for region in audited_regions(snapshot) {
                if !topics.iter().any(|t| region_of_arn(t) == region) {
                    problems.push(format!("no topic for {region}"));
                }
            }
        }
    }
    let name = &plan.name;
    if problems.is_empty() && unknowns.is_empty() {
        return Check::new(
            ID,
            Status::Pass,
            TITLE,
            format!(
                "response plan {name}'s topics exist, belong to a chat channel and cover every Region"
            ),
        );
    }
    if problems.is_empty() {
        return Check::new(
            ID,
            Status::Unknown,
            TITLE,
            format!("response plan {name}: {}", unknowns.join("; ")),
        );
    }
    // A failure found does not make what could not be read vanish from the detail.
    let not_checked = if unknowns.is_empty() {
        String::new()
    } else {
        format!("; not checked: {}", unknowns.join("; "))
    };
    let check = Check::new(
        ID,
        Status::Fail,
        TITLE,
        format!("response plan {name}: {}{not_checked}", problems.join("; ")),
    );
    let proposed = topics_with_channel_regions(snapshot, plan);
    if proposed.len() > topics.len() && proposed.len() <= MAX_PLAN_TOPICS {
        let region = audited_regions(snapshot).into_iter().next();
        check
            .with_fix(aws_cli::update_plan_chat_channel(
                region.as_deref(),
                &plan.arn,
                &proposed,
            ))
            .with_missing(serde_json::json!({ "chatChannel": { "chatbotSns": proposed } }))
    } else if proposed.len() > MAX_PLAN_TOPICS {
        check.with_manual(format!(
            "A chat channel takes at most {MAX_PLAN_TOPICS} topics and {name} would need {}: choose one topic per \
             replication-set Region and set them with `aws ssm-incidents update-response-plan --arn {} \
             --chat-channel` (`imdeck setup --plan` proposes the list).",
            proposed.len(),
            plan.arn
        ))
    } else {
        // No chat channel carries a topic for the missing Regions yet: the topics come first (setup task 1, 2).
        check.with_manual(format!(
            "Its chat channel has no usable topic for the Regions missing here yet. Run `imdeck setup --plan`: \
             it creates those topics with the Incident Manager statement, adds them to the channel, then sets \
             {name}'s chat channel to them, printing the AWS CLI command of each step. By hand: fix the \
             region-has-topic and channel-region-coverage checks first; this check then offers the \
             update-response-plan command."
        ))
    }
}
