//! Response plans (list, get, update) and the replication set (list, get).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::shapes;
use super::{idempotent, invalid, ok_json};
use crate::domain::model::{ChatChannel, ResponsePlanSummary};
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

pub fn list_response_plans(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let summaries: Vec<ResponsePlanSummary> = store
        .incidents
        .plans
        .values()
        .map(|entry| ResponsePlanSummary {
            arn: entry.plan.arn.clone(),
            name: entry.plan.name.clone(),
            display_name: entry.plan.display_name.clone(),
        })
        .collect();
    let (page, next) = paging::page(&summaries, start, size);
    let mut answer = json!({ "responsePlanSummaries": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

fn required_arn(input: &Map<String, Value>) -> Result<String, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("arn", input.get("arn"));
    c.finish().map_err(invalid)?;
    Ok(arn.unwrap_or_default())
}

pub fn get_response_plan(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = required_arn(input)?;
    let entry = store
        .incidents
        .plans
        .get(&arn)
        .ok_or_else(|| ApiError::not_found("RESPONSE_PLAN", &arn))?;
    let mut answer = serde_json::to_value(&entry.plan).unwrap_or_else(|_| json!({}));
    if let Some(actions) = &entry.actions {
        answer["actions"] = actions.clone();
    }
    if let Some(integrations) = &entry.integrations {
        answer["integrations"] = integrations.clone();
    }
    ok_json(&answer)
}

/// A list member kept verbatim (actions, integrations); the model check has already vetted every entry.
fn verbatim_list(c: &mut Checks, path: &str, value: Option<&Value>) -> Option<Value> {
    c.array(path, value)
        .map(|items| Value::Array(items.clone()))
}

pub fn update_response_plan(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("arn", input.get("arn"));
    let chat_channel = shapes::chat_channel(&mut c, "chatChannel", input.get("chatChannel"));
    let display_name = c.string("displayName", input.get("displayName"));
    let engagements = c.strings("engagements", input.get("engagements"));
    let template_title = c.string("incidentTemplateTitle", input.get("incidentTemplateTitle"));
    let template_impact = c.integer(
        "incidentTemplateImpact",
        input.get("incidentTemplateImpact"),
    );
    let template_summary = c.string(
        "incidentTemplateSummary",
        input.get("incidentTemplateSummary"),
    );
    let template_dedupe = c.string(
        "incidentTemplateDedupeString",
        input.get("incidentTemplateDedupeString"),
    );
    let template_targets = shapes::notification_targets(
        &mut c,
        "incidentTemplateNotificationTargets",
        input.get("incidentTemplateNotificationTargets"),
    );
    let template_tags = shapes::tags(
        &mut c,
        "incidentTemplateTags",
        input.get("incidentTemplateTags"),
    );
    let actions = verbatim_list(&mut c, "actions", input.get("actions"));
    let integrations = verbatim_list(&mut c, "integrations", input.get("integrations"));
    let token = c.string("clientToken", input.get("clientToken"));
    c.finish().map_err(invalid)?;
    let arn = arn.unwrap_or_default();

    idempotent(
        store,
        "UpdateResponsePlan",
        input,
        token.as_deref(),
        |store| {
            let entry = store
                .incidents
                .plans
                .get_mut(&arn)
                .ok_or_else(|| ApiError::not_found("RESPONSE_PLAN", &arn))?;
            let plan = &mut entry.plan;
            if let Some(channel) = &chat_channel {
                plan.chat_channel = match channel {
                    ChatChannel::Empty(_) => None,
                    topics => Some(topics.clone()),
                };
            }
            if let Some(name) = &display_name {
                plan.display_name = Some(name.clone());
            }
            if let Some(engagements) = &engagements {
                plan.engagements = engagements.clone();
            }
            let template = &mut plan.incident_template;
            if let Some(title) = &template_title {
                template.title = title.clone();
            }
            if let Some(impact) = template_impact {
                template.impact = impact as i32;
            }
            if let Some(summary) = &template_summary {
                template.summary = Some(summary.clone());
            }
            if let Some(dedupe) = &template_dedupe {
                template.dedupe_string = Some(dedupe.clone());
            }
            if let Some(targets) = &template_targets {
                template.notification_targets = targets.clone();
            }
            if let Some(tags) = &template_tags {
                template.incident_tags = tags.clone();
            }
            if actions.is_some() {
                entry.actions = actions.clone();
            }
            if integrations.is_some() {
                entry.integrations = integrations.clone();
            }
            Ok(Value::Null)
        },
    )?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn list_replication_sets(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let arns: Vec<String> = store
        .incidents
        .replication_set
        .iter()
        .map(|set| set.arn.clone())
        .collect();
    let (page, next) = paging::page(&arns, start, size);
    let mut answer = json!({ "replicationSetArns": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

pub fn get_replication_set(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = required_arn(input)?;
    let set = store
        .incidents
        .replication_set
        .as_ref()
        .filter(|set| set.arn == arn)
        .ok_or_else(|| ApiError::not_found("REPLICATION_SET", &arn))?;
    ok_json(&json!({ "replicationSet": set }))
}
