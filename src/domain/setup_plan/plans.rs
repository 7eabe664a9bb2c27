//! Task 3: each response plan's chat channel names its channel's topics (a union, at most five).

use std::collections::BTreeMap;

use super::assignment::TopicAssignment;
use super::{PlannedChange, SetupOptions, SetupStep, SetupTask, manual};
use crate::domain::audit::plan_topics::MAX_PLAN_TOPICS;
use crate::domain::audit::{plan_chat_channel, plan_topics as plan_topics_rule};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::{channels_of_plan, plan_failures, plan_topics, plans};

pub fn plan_response_plans(
    snapshot: &CloudSnapshot,
    regions: &[String],
    assignment: &TopicAssignment,
    channel_topics: &BTreeMap<String, Vec<String>>,
    opts: &SetupOptions,
) -> Vec<SetupStep> {
    let mut steps: Vec<SetupStep> = plan_failures(snapshot)
        .into_iter()
        .map(|failure| {
            SetupStep::manual(
                SetupTask::ResponsePlan,
                format!("Read {}", failure.resource),
                None,
                manual::unreadable(&failure.resource, &failure.reason),
                &[plan_chat_channel::ID],
            )
        })
        .collect();
    let home_region = regions.first().map(String::as_str);
    for plan in plans(snapshot) {
        let mut channel_arns: Vec<String> = channels_of_plan(snapshot, plan)
            .into_iter()
            .map(|c| c.arn.clone())
            .collect();
        if channel_arns.is_empty() {
            match opts
                .channel_for_unlinked_plans
                .as_ref()
                .filter(|arn| channel_topics.contains_key(*arn))
            {
                Some(arn) => channel_arns.push(arn.clone()),
                None => {
                    let proposed: Vec<String> = regions
                        .iter()
                        .filter_map(|r| assignment.spare_topics.get(r).cloned())
                        .collect();
                    steps.push(SetupStep::manual(
                        SetupTask::ResponsePlan,
                        format!("Give response plan {} a chat channel", plan.name),
                        None,
                        manual::chat_channel_for_plan(&plan.name, &proposed),
                        &[plan_chat_channel::ID],
                    ));
                    continue;
                }
            }
        }
        let before = plan_topics(plan).to_vec();
        let mut after = before.clone();
        for topic in channel_arns
            .iter()
            .filter_map(|arn| channel_topics.get(arn))
            .flatten()
        {
            if !after.contains(topic) && assignment.will_exist(snapshot, topic) {
                after.push(topic.clone());
            }
        }
        if after == before {
            continue;
        }
        let step = if after.len() > MAX_PLAN_TOPICS {
            SetupStep::manual(
                SetupTask::ResponsePlan,
                format!("Choose the topics of response plan {}", plan.name),
                None,
                manual::too_many_topics(&plan.name, &after, MAX_PLAN_TOPICS),
                &[plan_topics_rule::ID],
            )
        } else {
            SetupStep::apply(
                SetupTask::ResponsePlan,
                format!("Link response plan {} to its channel's topics", plan.name),
                None,
                PlannedChange::update_plan_chat_channel(home_region, plan, after),
                &[plan_chat_channel::ID, plan_topics_rule::ID],
            )
        };
        steps.push(step);
    }
    steps
}
