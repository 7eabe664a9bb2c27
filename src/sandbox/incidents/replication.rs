//! The replication set's lifecycle: Create (CREATING, then ACTIVE), Update (add or delete a Region),
//! UpdateDeletionProtection and Delete (which takes every Incident Manager resource with it).

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{caller_arn, now};
use crate::domain::arn::Arn;
use crate::domain::model::{RegionInfo, ReplicationSet, Timestamp};
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::{IncidentData, Store};

/// How long a new replication set or Region stays CREATING. AWS takes minutes; the sandbox keeps the state
/// visible long enough for a poller to see it without slowing tests.
pub const CREATING_MILLIS: i64 = 1000;

/// Moves a replication set, and each of its Regions, from CREATING to ACTIVE once its time has come.
pub fn settle(data: &mut IncidentData, at: Timestamp) {
    let Some(set) = &mut data.replication_set else {
        return;
    };
    for info in set.region_map.values_mut() {
        if info.status == "CREATING"
            && at.millis() - info.status_update_date_time.millis() >= CREATING_MILLIS
        {
            info.status = "ACTIVE".into();
            info.status_update_date_time = at;
        }
    }
    if matches!(set.status.as_str(), "CREATING" | "UPDATING")
        && set.region_map.values().all(|r| r.status == "ACTIVE")
    {
        set.status = "ACTIVE".into();
    }
}

fn region_info(value: Option<&Value>, at: Timestamp) -> RegionInfo {
    RegionInfo {
        status: "CREATING".into(),
        status_update_date_time: at,
        sse_kms_key_id: Some(
            value
                .and_then(|v| v.get("sseKmsKeyId"))
                .and_then(Value::as_str)
                .unwrap_or("DefaultKey")
                .to_string(),
        ),
        status_message: None,
    }
}

/// The replication set the request's `arn` names.
fn named<'s>(
    store: &'s mut Store,
    input: &Map<String, Value>,
) -> Result<&'s mut ReplicationSet, ApiError> {
    let arn = input.get("arn").and_then(Value::as_str).unwrap_or("");
    store
        .incidents
        .replication_set
        .as_mut()
        .filter(|set| set.arn == arn)
        .ok_or_else(|| ApiError::not_found("REPLICATION_SET", arn))
}

pub fn create(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    if let Some(existing) = &store.incidents.replication_set {
        // An account has at most one replication set.
        return Err(
            ApiError::conflict("A replication set already exists for this account")
                .with_member("resourceType", "REPLICATION_SET")
                .with_member("resourceIdentifier", existing.arn.clone()),
        );
    }
    let at = now();
    let account = store.account.clone();
    let arn = Arn::replication_set(&account, &uuid::Uuid::new_v4().to_string()).to_string();
    let region_map: BTreeMap<String, RegionInfo> = input
        .get("regions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(region, value)| (region.clone(), region_info(Some(value), at)))
        .collect();
    store.incidents.replication_set = Some(ReplicationSet {
        arn: arn.clone(),
        created_by: caller_arn(&account),
        created_time: at,
        last_modified_by: caller_arn(&account),
        last_modified_time: at,
        deletion_protected: false,
        status: "CREATING".into(),
        region_map,
    });
    if let Some(tags) = input.get("tags").and_then(Value::as_object) {
        let tags = tags
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
            .collect();
        store.incidents.tags.insert(arn.clone(), tags);
    }
    Ok(reply::json(StatusCode::CREATED, &json!({ "arn": arn })))
}

pub fn update(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    let account = store.account.clone();
    let set = named(store, input)?;
    let at = now();
    for action in input
        .get("actions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(add) = action.get("addRegionAction") {
            let region = add.get("regionName").and_then(Value::as_str).unwrap_or("");
            if set.region_map.contains_key(region) {
                return Err(ApiError::validation(format!(
                    "Region {region} is already in the replication set"
                )));
            }
            set.region_map
                .insert(region.to_string(), region_info(Some(add), at));
        } else if let Some(delete) = action.get("deleteRegionAction") {
            let region = delete
                .get("regionName")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !set.region_map.contains_key(region) || set.region_map.len() == 1 {
                return Err(ApiError::validation(format!(
                    "Region {region} cannot be removed from the replication set"
                )));
            }
            set.region_map.remove(region);
        }
    }
    if set.region_map.values().any(|r| r.status == "CREATING") {
        set.status = "UPDATING".into();
    }
    set.last_modified_by = caller_arn(&account);
    set.last_modified_time = at;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn update_deletion_protection(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let account = store.account.clone();
    let set = named(store, input)?;
    set.deletion_protected = input
        .get("deletionProtected")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    set.last_modified_by = caller_arn(&account);
    set.last_modified_time = now();
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn delete(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    let set = named(store, input)?;
    if set.deletion_protected {
        return Err(ApiError::validation(
            "Deletion protection is enabled on the replication set; disable it with UpdateDeletionProtection first",
        ));
    }
    // Deleting the replication set deletes all Incident Manager data in the account.
    store.incidents = IncidentData::default();
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
