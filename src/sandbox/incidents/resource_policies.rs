//! PutResourcePolicy, GetResourcePolicies and DeleteResourcePolicy: the policies that share a response plan.

use serde_json::{Map, Value, json};

use super::{invalid, ok_json, shapes};
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::store::{ResourcePolicyEntry, Store};
use axum::response::Response;

fn text<'i>(input: &'i Map<String, Value>, member: &str) -> &'i str {
    // The model check has already refused a request without these required string members.
    input.get(member).and_then(Value::as_str).unwrap_or("")
}

/// The response plan's ARN, when the plan exists: only response plans take resource policies.
fn plan_arn(store: &Store, input: &Map<String, Value>) -> Result<String, ApiError> {
    let arn = text(input, "resourceArn");
    if store.incidents.plans.contains_key(arn) {
        Ok(arn.to_string())
    } else {
        Err(ApiError::not_found("RESPONSE_PLAN", arn))
    }
}

pub fn put_resource_policy(
    store: &mut Store,
    region: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = plan_arn(store, input)?;
    let document = text(input, "policy");
    // The model says only "a string of at most 4000"; the service needs a JSON policy document (a
    // statement list), which it turns into a RAM share. (reference/aws-api.md, "Incident Manager resource
    // policies and findings".)
    let is_policy = serde_json::from_str::<Value>(document)
        .ok()
        .is_some_and(|v| v.get("Statement").is_some());
    if !is_policy {
        return Err(invalid(
            "Invalid policy document: the policy must be a JSON policy document with a Statement"
                .into(),
        ));
    }
    let policy_id = uuid::Uuid::new_v4().simple().to_string();
    store
        .incidents
        .resource_policies
        .entry(arn)
        .or_default()
        .push(ResourcePolicyEntry {
            policy_id: policy_id.clone(),
            document: document.to_string(),
            region: region.to_string(),
        });
    ok_json(&json!({ "policyId": policy_id }))
}

pub fn get_resource_policies(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = plan_arn(store, input)?;
    let mut c = Checks::new();
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let policies: Vec<Value> = store
        .incidents
        .resource_policies
        .get(&arn)
        .into_iter()
        .flatten()
        .map(|p| {
            json!({
                "policyId": p.policy_id,
                "policyDocument": p.document,
                "ramResourceShareRegion": p.region,
            })
        })
        .collect();
    let (page, next) = paging::page(&policies, start, size);
    let mut answer = json!({ "resourcePolicies": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

pub fn delete_resource_policy(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = plan_arn(store, input)?;
    let policy_id = text(input, "policyId");
    let policies = store
        .incidents
        .resource_policies
        .get_mut(&arn)
        .ok_or_else(|| ApiError::not_found("RESOURCE_POLICY", policy_id))?;
    let before = policies.len();
    policies.retain(|p| p.policy_id != policy_id);
    if policies.len() == before {
        return Err(ApiError::not_found("RESOURCE_POLICY", policy_id));
    }
    if policies.is_empty() {
        store.incidents.resource_policies.remove(&arn);
    }
    ok_json(&json!({}))
}
