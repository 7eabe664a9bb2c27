//! The three Delete*Configuration operations: the configuration named by ARN goes, or ResourceNotFound.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use super::not_found;
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

pub fn delete(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    // The model check has already refused a request without a string ChatConfigurationArn.
    let arn = input
        .get("ChatConfigurationArn")
        .and_then(Value::as_str)
        .unwrap_or("");
    let configs = &mut store.chatbot;
    let removed = match operation {
        "DeleteSlackChannelConfiguration" => {
            let before = configs.slack_channel_configurations.len();
            configs
                .slack_channel_configurations
                .retain(|c| c.chat_configuration_arn != arn);
            before != configs.slack_channel_configurations.len()
        }
        "DeleteMicrosoftTeamsChannelConfiguration" => {
            let before = configs.microsoft_teams_channel_configurations.len();
            configs
                .microsoft_teams_channel_configurations
                .retain(|c| c.chat_configuration_arn != arn);
            before != configs.microsoft_teams_channel_configurations.len()
        }
        _ => {
            let before = configs.chime_webhook_configurations.len();
            configs
                .chime_webhook_configurations
                .retain(|c| c.chat_configuration_arn != arn);
            before != configs.chime_webhook_configurations.len()
        }
    };
    if removed {
        Ok(reply::empty(StatusCode::NO_CONTENT))
    } else {
        Err(not_found(arn))
    }
}
