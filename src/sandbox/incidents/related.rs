//! ListRelatedItems and UpdateRelatedItems (add with a generated id, or remove by identifier).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::shapes;
use super::{idempotent, invalid, ok_json, record, record_mut};
use crate::domain::model::RelatedItem;
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

pub fn list_related_items(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("incidentRecordArn", input.get("incidentRecordArn"));
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let entry = record(store, &arn.unwrap_or_default())?;
    let (page, next) = paging::page(&entry.related_items, start, size);
    let mut answer = json!({ "relatedItems": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

enum Change {
    Add(RelatedItem),
    Remove(crate::domain::model::ItemIdentifier),
}

pub fn update_related_items(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("incidentRecordArn", input.get("incidentRecordArn"));
    let update = c.required("relatedItemsUpdate", input.get("relatedItemsUpdate"));
    let change = c
        .union("relatedItemsUpdate", update, &["itemToAdd", "itemToRemove"])
        .and_then(|(member, inner)| {
            let path = format!("relatedItemsUpdate.{member}");
            if member == "itemToAdd" {
                shapes::related_item(&mut c, &path, Some(inner)).map(Change::Add)
            } else {
                shapes::item_identifier(&mut c, &path, Some(inner)).map(Change::Remove)
            }
        });
    let token = c.string("clientToken", input.get("clientToken"));
    c.finish().map_err(invalid)?;
    let (Some(change), Some(arn)) = (change, arn) else {
        return Err(ApiError::validation("relatedItemsUpdate is required"));
    };

    idempotent(
        store,
        "UpdateRelatedItems",
        input,
        token.as_deref(),
        |store| {
            let entry = record_mut(store, &arn)?;
            match &change {
                Change::Add(item) => {
                    if entry
                        .related_items
                        .iter()
                        .any(|i| i.identifier == item.identifier)
                    {
                        return Err(ApiError::conflict(format!(
                            "A related item with this identifier is already attached to {arn}"
                        ))
                        .with_member("resourceIdentifier", arn.as_str())
                        .with_member("resourceType", "INCIDENT_RECORD"));
                    }
                    entry.related_items.push(RelatedItem {
                        generated_id: Some(shapes::new_related_item_id(&item.identifier.item_type)),
                        ..item.clone()
                    });
                }
                Change::Remove(identifier) => {
                    let before = entry.related_items.len();
                    entry.related_items.retain(|i| i.identifier != *identifier);
                    if entry.related_items.len() == before {
                        return Err(ApiError::new(
                            StatusCode::NOT_FOUND,
                            "ResourceNotFoundException",
                            format!("No related item with this identifier is attached to {arn}"),
                        )
                        .with_member("resourceIdentifier", arn.as_str()));
                    }
                }
            }
            Ok(Value::Null)
        },
    )?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
