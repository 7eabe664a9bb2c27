//! DeleteResponsePlan and DeleteIncidentRecord: idempotent, since neither operation models ResourceNotFound.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

fn arn_of(input: &Map<String, Value>) -> &str {
    // The model check has already refused a request without a string `arn`.
    input.get("arn").and_then(Value::as_str).unwrap_or("")
}

/// Deletes the plan with its tags and resource policies; incidents started from it keep their records, as in AWS.
pub fn delete_response_plan(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    store.incidents.plans.remove(arn_of(input));
    store.incidents.tags.remove(arn_of(input));
    store.incidents.resource_policies.remove(arn_of(input));
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

/// Deletes the record with its timeline, related items and findings.
pub fn delete_incident_record(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    store.incidents.records.remove(arn_of(input));
    store.incidents.findings.remove(arn_of(input));
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
