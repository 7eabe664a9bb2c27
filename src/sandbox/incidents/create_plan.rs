//! CreateResponsePlan: a new plan per name, its ARN made from the name, answered 201 with the ARN.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::domain::arn::Arn;
use crate::domain::model::ResponsePlan;
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::{PlanEntry, Store};

pub fn create_response_plan(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    // The model check has already vetted every member; what is read here is known to be well formed.
    let name = input.get("name").and_then(Value::as_str).unwrap_or("");
    let arn = Arn::response_plan(&store.account, name).to_string();
    if store.incidents.plans.contains_key(&arn) {
        return Err(
            ApiError::conflict(format!("A response plan named {name} already exists"))
                .with_member("resourceType", "RESPONSE_PLAN")
                .with_member("resourceIdentifier", arn),
        );
    }
    let mut members = Map::new();
    members.insert("arn".into(), json!(arn));
    for key in [
        "name",
        "displayName",
        "incidentTemplate",
        "chatChannel",
        "engagements",
    ] {
        if let Some(value) = input.get(key) {
            members.insert(key.into(), value.clone());
        }
    }
    let plan: ResponsePlan = serde_json::from_value(Value::Object(members))
        .map_err(|e| ApiError::validation(format!("The response plan cannot be read: {e}")))?;
    let tags = input
        .get("tags")
        .and_then(Value::as_object)
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default();
    store.incidents.tags.insert(arn.clone(), tags);
    store.incidents.plans.insert(
        arn.clone(),
        PlanEntry {
            plan,
            actions: input.get("actions").cloned(),
            integrations: input.get("integrations").cloned(),
        },
    );
    Ok(reply::json(StatusCode::CREATED, &json!({ "arn": arn })))
}
