//! The setup panes' rows, built once per load: the Region × check matrix and the response plans with their channels.

use crate::domain::arn::Arn;
use crate::domain::audit::{Check, Status};
use crate::domain::model::ResponsePlan;
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::region_of_arn;

use super::{ChannelRow, CheckColumn, PlanRow, RegionRow, worst};

pub(super) fn region_rows(snapshot: &CloudSnapshot, checks: &[Check]) -> Vec<RegionRow> {
    let mut regions = snapshot.replication_regions();
    for region in snapshot
        .regions
        .iter()
        .map(|r| &r.region)
        .chain(checks.iter().filter_map(|c| c.region.as_ref()))
    {
        if !regions.contains(region) {
            regions.push(region.clone());
        }
    }
    regions
        .into_iter()
        .map(|region| {
            let mut cells = [None; 4];
            for column in CheckColumn::ALL {
                cells[column.index()] = worst(
                    checks
                        .iter()
                        .filter(|c| {
                            c.region.as_deref() == Some(region.as_str())
                                && CheckColumn::of(c.id) == column
                        })
                        .map(|c| c.status),
                );
            }
            RegionRow { region, cells }
        })
        .collect()
}

pub(super) fn plan_rows(snapshot: &CloudSnapshot, checks: &[Check]) -> Vec<PlanRow> {
    let plans = match &snapshot.plans {
        Ok(plans) => plans,
        Err(failure) => {
            return vec![PlanRow {
                name: "(response plans)".into(),
                arn: String::new(),
                topics: Vec::new(),
                channels: Vec::new(),
                engagements: Vec::new(),
                read_error: Some(failure.reason.clone()),
                status: Some(Status::Unknown),
            }];
        }
    };
    let regions = snapshot.replication_regions();
    plans
        .iter()
        .map(|plan| match plan {
            Ok(plan) => plan_row(plan, snapshot, &regions, checks),
            Err(failure) => PlanRow {
                name: Arn::short_name(&failure.resource).to_string(),
                arn: failure.resource.clone(),
                topics: Vec::new(),
                channels: Vec::new(),
                engagements: Vec::new(),
                read_error: Some(failure.reason.clone()),
                status: Some(Status::Unknown),
            },
        })
        .collect()
}

fn plan_row(
    plan: &ResponsePlan,
    snapshot: &CloudSnapshot,
    regions: &[String],
    checks: &[Check],
) -> PlanRow {
    let topics: Vec<String> = plan
        .chat_channel
        .as_ref()
        .map(|c| c.topics().to_vec())
        .unwrap_or_default();
    let configs: Vec<_> = snapshot
        .channel_configs()
        .filter(|c| c.sns_topic_arns.iter().any(|t| topics.contains(t)))
        .collect();
    let channels = configs
        .iter()
        .map(|c| ChannelRow {
            arn: c.arn.clone(),
            platform: c.platform,
            name: c.name.clone(),
            channel_label: c.channel_label.clone(),
            channel_role: !c.user_authorization_required,
            guardrails: c.guardrail_policy_arns.as_ref().map(|arns| {
                arns.iter()
                    .map(|a| Arn::short_name(a).to_string())
                    .collect()
            }),
            state: c.state.clone(),
            regions: regions
                .iter()
                .map(|region| {
                    let carried = c.sns_topic_arns.iter().any(|t| region_of_arn(t) == region);
                    (region.clone(), carried)
                })
                .collect(),
        })
        .collect();
    let related = |resource: &str| {
        resource == plan.arn
            || topics.iter().any(|t| t == resource)
            || configs.iter().any(|c| c.arn == resource)
    };
    let status = worst(
        checks
            .iter()
            .filter(|c| c.resource.as_deref().is_some_and(related))
            .map(|c| c.status),
    );
    PlanRow {
        name: plan
            .display_name
            .clone()
            .unwrap_or_else(|| plan.name.clone()),
        arn: plan.arn.clone(),
        topics,
        channels,
        engagements: plan.engagements.clone(),
        read_error: None,
        status,
    }
}
