//! TagResource, UntagResource and ListTagsForResource on response plans and the replication set.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::ok_json;
use crate::domain::arn::Arn;
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

/// The tagged resource's ARN, when it names a response plan or the replication set that exists.
fn resource<'i>(store: &Store, input: &'i Map<String, Value>) -> Result<&'i str, ApiError> {
    // The model check has already refused a request without the `resourceArn` label.
    let arn = input
        .get("resourceArn")
        .and_then(Value::as_str)
        .unwrap_or("");
    let is_plan = store.incidents.plans.contains_key(arn);
    let is_set = store
        .incidents
        .replication_set
        .as_ref()
        .is_some_and(|set| set.arn == arn);
    if is_plan || is_set {
        return Ok(arn);
    }
    let kind = if Arn::parse(arn).is_ok_and(|a| a.resource_type() == Some("replication-set")) {
        "REPLICATION_SET"
    } else {
        "RESPONSE_PLAN"
    };
    Err(ApiError::not_found(kind, arn))
}

pub fn tag_resource(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    let arn = resource(store, input)?.to_string();
    let new: BTreeMap<String, String> = input
        .get("tags")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
        .collect();
    store.incidents.tags.entry(arn).or_default().extend(new);
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn untag_resource(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    let arn = resource(store, input)?.to_string();
    // One `tagKeys` in the query string arrives as a string, several as a list.
    let keys: Vec<String> = match input.get("tagKeys") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    if let Some(tags) = store.incidents.tags.get_mut(&arn) {
        for key in keys {
            tags.remove(&key);
        }
    }
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn list_tags_for_resource(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let arn = resource(store, input)?;
    let tags = store.incidents.tags.get(arn).cloned().unwrap_or_default();
    ok_json(&json!({ "tags": tags }))
}
