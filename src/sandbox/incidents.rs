//! ssm-incidents (restJson1): the operation table, dispatch, and what the handlers share.

mod create_plan;
mod deletes;
mod filters;
mod findings;
mod plans;
mod records;
mod related;
mod replication;
mod resource_policies;
pub mod shapes;
mod tags;
mod timeline;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::errors::ApiError;
use super::reply;
use super::store::{RecordEntry, Store, TokenUse};
use crate::domain::arn::Arn;
use crate::domain::model::Timestamp;

/// (HTTP method, path, operation, mutating) of every operation the sandbox serves.
const OPERATIONS: &[(&str, &str, &str, bool)] = &[
    ("POST", "/startIncident", "StartIncident", true),
    ("POST", "/listResponsePlans", "ListResponsePlans", false),
    ("GET", "/getResponsePlan", "GetResponsePlan", false),
    ("POST", "/updateResponsePlan", "UpdateResponsePlan", true),
    ("POST", "/listIncidentRecords", "ListIncidentRecords", false),
    ("GET", "/getIncidentRecord", "GetIncidentRecord", false),
    (
        "POST",
        "/updateIncidentRecord",
        "UpdateIncidentRecord",
        true,
    ),
    ("POST", "/listTimelineEvents", "ListTimelineEvents", false),
    ("GET", "/getTimelineEvent", "GetTimelineEvent", false),
    ("POST", "/createTimelineEvent", "CreateTimelineEvent", true),
    ("POST", "/updateTimelineEvent", "UpdateTimelineEvent", true),
    ("POST", "/deleteTimelineEvent", "DeleteTimelineEvent", true),
    ("POST", "/listRelatedItems", "ListRelatedItems", false),
    ("POST", "/updateRelatedItems", "UpdateRelatedItems", true),
    ("POST", "/listReplicationSets", "ListReplicationSets", false),
    ("GET", "/getReplicationSet", "GetReplicationSet", false),
    ("POST", "/deleteResponsePlan", "DeleteResponsePlan", true),
    (
        "POST",
        "/deleteIncidentRecord",
        "DeleteIncidentRecord",
        true,
    ),
    ("POST", "/createResponsePlan", "CreateResponsePlan", true),
    (
        "POST",
        "/createReplicationSet",
        "CreateReplicationSet",
        true,
    ),
    (
        "POST",
        "/updateReplicationSet",
        "UpdateReplicationSet",
        true,
    ),
    (
        "POST",
        "/updateDeletionProtection",
        "UpdateDeletionProtection",
        true,
    ),
    (
        "POST",
        "/deleteReplicationSet",
        "DeleteReplicationSet",
        true,
    ),
    ("POST", TAGS_PATH, "TagResource", true),
    ("DELETE", TAGS_PATH, "UntagResource", true),
    ("GET", TAGS_PATH, "ListTagsForResource", false),
    ("POST", "/putResourcePolicy", "PutResourcePolicy", true),
    ("POST", "/getResourcePolicies", "GetResourcePolicies", false),
    (
        "POST",
        "/deleteResourcePolicy",
        "DeleteResourcePolicy",
        true,
    ),
    (
        "POST",
        "/listIncidentFindings",
        "ListIncidentFindings",
        false,
    ),
    (
        "POST",
        "/batchGetIncidentFindings",
        "BatchGetIncidentFindings",
        false,
    ),
];

/// The one templated path: `/tags/{resourceArn}`, the ARN percent-encoded.
const TAGS_PATH: &str = "/tags/{resourceArn}";

/// The tag operation a method names on `/tags/{resourceArn}`, and whether it mutates.
pub fn tag_operation_for(method: &Method) -> Option<(&'static str, bool)> {
    OPERATIONS
        .iter()
        .find(|(m, p, _, _)| *m == method.as_str() && *p == TAGS_PATH)
        .map(|(_, _, op, mutating)| (*op, *mutating))
}

/// Every operation name this service serves.
pub fn served() -> impl Iterator<Item = &'static str> {
    OPERATIONS.iter().map(|(_, _, op, _)| *op)
}

/// The operation name and whether it mutates, for a request line of this service.
pub fn operation_for(method: &Method, path: &str) -> Option<(&'static str, bool)> {
    OPERATIONS
        .iter()
        .find(|(m, p, _, _)| *m == method.as_str() && *p == path)
        .map(|(_, _, op, mutating)| (*op, *mutating))
}

/// Runs one operation. `input` is the JSON body, or the query parameters for the GET operations.
pub fn handle(
    store: &mut Store,
    operation: &str,
    region: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    // Incident Manager keeps its data in the replication set's Regions only. Elsewhere the sandbox answers as
    // from a Region that holds nothing: GetReplicationSet and every Get/Update of a plan, incident or event
    // is ResourceNotFoundException, every list is empty, StartIncident cannot find its plan. Only
    // ListReplicationSets answers from any Region. (reference/aws-api.md, "Incident Manager outside the
    // replication set": what is verified and what is assumed.)
    replication::settle(&mut store.incidents, now());
    if !matches!(operation, "ListReplicationSets" | "CreateReplicationSet")
        && !store.incidents.serves_region(region)
    {
        let held = std::mem::take(&mut store.incidents);
        let answer = dispatch(store, operation, region, input);
        // Whatever was "written" to the empty Region is dropped with it: nothing there could be changed.
        store.incidents = held;
        return answer;
    }
    dispatch(store, operation, region, input)
}

fn dispatch(
    store: &mut Store,
    operation: &str,
    region: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    match operation {
        "StartIncident" => records::start_incident(store, input),
        "ListIncidentRecords" => records::list_incident_records(store, input),
        "GetIncidentRecord" => records::get_incident_record(store, input),
        "UpdateIncidentRecord" => records::update_incident_record(store, input),
        "ListResponsePlans" => plans::list_response_plans(store, input),
        "GetResponsePlan" => plans::get_response_plan(store, input),
        "UpdateResponsePlan" => plans::update_response_plan(store, input),
        "ListReplicationSets" => plans::list_replication_sets(store, input),
        "GetReplicationSet" => plans::get_replication_set(store, input),
        "ListTimelineEvents" => timeline::list_timeline_events(store, input),
        "GetTimelineEvent" => timeline::get_timeline_event(store, input),
        "CreateTimelineEvent" => timeline::create_timeline_event(store, input),
        "UpdateTimelineEvent" => timeline::update_timeline_event(store, input),
        "DeleteTimelineEvent" => timeline::delete_timeline_event(store, input),
        "ListRelatedItems" => related::list_related_items(store, input),
        "UpdateRelatedItems" => related::update_related_items(store, input),
        "DeleteResponsePlan" => deletes::delete_response_plan(store, input),
        "DeleteIncidentRecord" => deletes::delete_incident_record(store, input),
        "CreateResponsePlan" => create_plan::create_response_plan(store, input),
        "CreateReplicationSet" => replication::create(store, input),
        "UpdateReplicationSet" => replication::update(store, input),
        "UpdateDeletionProtection" => replication::update_deletion_protection(store, input),
        "DeleteReplicationSet" => replication::delete(store, input),
        "TagResource" => tags::tag_resource(store, input),
        "UntagResource" => tags::untag_resource(store, input),
        "ListTagsForResource" => tags::list_tags_for_resource(store, input),
        "PutResourcePolicy" => resource_policies::put_resource_policy(store, region, input),
        "GetResourcePolicies" => resource_policies::get_resource_policies(store, input),
        "DeleteResourcePolicy" => resource_policies::delete_resource_policy(store, input),
        "ListIncidentFindings" => findings::list_incident_findings(store, input),
        "BatchGetIncidentFindings" => findings::batch_get_incident_findings(store, input),
        other => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "UnknownOperationException",
            format!("The sandbox does not implement {other}"),
        )),
    }
}

/// The current time at millisecond precision.
pub fn now() -> Timestamp {
    Timestamp(chrono::Utc::now().timestamp_millis())
}

/// Who the sandbox says made a change (it does not check signatures, so every caller is this user).
pub fn caller_arn(account: &str) -> String {
    Arn::iam(account, "user/imdeck-sandbox").to_string()
}

/// Turns a validation summary into the service's ValidationException.
fn invalid(message: String) -> ApiError {
    ApiError::validation(message)
}

/// Runs `write` once per `clientToken`: a repeat of the same request gets the first answer back, a
/// different request with a used token gets ConflictException, as AWS's idempotency contract says.
fn idempotent(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
    token: Option<&str>,
    write: impl FnOnce(&mut Store) -> Result<Value, ApiError>,
) -> Result<Value, ApiError> {
    let Some(token) = token else {
        return write(store);
    };
    let mut rest = input.clone();
    rest.remove("clientToken");
    let fingerprint = Value::Object(rest).to_string();
    match store.idempotency.check(operation, token, &fingerprint) {
        TokenUse::Repeat(answer) => Ok(answer),
        TokenUse::Mismatch => Err(ApiError::conflict(format!(
            "clientToken {token} was already used for a different {operation} request"
        ))),
        TokenUse::First => {
            let answer = write(store)?;
            store
                .idempotency
                .remember(operation, token, fingerprint, answer.clone());
            Ok(answer)
        }
    }
}

fn record_mut<'s>(store: &'s mut Store, arn: &str) -> Result<&'s mut RecordEntry, ApiError> {
    store
        .incidents
        .records
        .get_mut(arn)
        .ok_or_else(|| ApiError::not_found("INCIDENT_RECORD", arn))
}

fn record<'s>(store: &'s Store, arn: &str) -> Result<&'s RecordEntry, ApiError> {
    store
        .incidents
        .records
        .get(arn)
        .ok_or_else(|| ApiError::not_found("INCIDENT_RECORD", arn))
}

fn ok_json(value: &Value) -> Result<Response, ApiError> {
    Ok(reply::json(StatusCode::OK, value))
}
