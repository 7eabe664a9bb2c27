//! GetAccountPreferences and UpdateAccountPreferences: the account's two Chatbot switches.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::{ChatbotPreferences, Store};

fn answer(preferences: &ChatbotPreferences) -> Response {
    reply::json(
        StatusCode::OK,
        &json!({
            "AccountPreferences": {
                "UserAuthorizationRequired": preferences.user_authorization_required,
                "TrainingDataCollectionEnabled": preferences.training_data_collection_enabled,
            }
        }),
    )
}

pub fn get(store: &Store) -> Result<Response, ApiError> {
    Ok(answer(&store.chatbot_preferences))
}

/// Sets the switches the request names and leaves the others as they were.
pub fn update(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    // The model check has already refused a member that is not a boolean.
    let preferences = &mut store.chatbot_preferences;
    if let Some(on) = input
        .get("UserAuthorizationRequired")
        .and_then(Value::as_bool)
    {
        preferences.user_authorization_required = on;
    }
    if let Some(on) = input
        .get("TrainingDataCollectionEnabled")
        .and_then(Value::as_bool)
    {
        preferences.training_data_collection_enabled = on;
    }
    Ok(answer(preferences))
}
