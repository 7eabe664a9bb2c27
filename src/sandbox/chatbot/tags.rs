//! TagResource, UntagResource and ListTagsForResource on chat configurations of any kind.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::not_found;
use super::shapes::{ChatbotConfigurations, Tag};
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

/// The tag list of the configuration `arn` names, of whichever kind.
fn tags_of<'c>(
    configs: &'c mut ChatbotConfigurations,
    arn: &str,
) -> Option<&'c mut Option<Vec<Tag>>> {
    if let Some(c) = configs
        .slack_channel_configurations
        .iter_mut()
        .find(|c| c.chat_configuration_arn == arn)
    {
        return Some(&mut c.tags);
    }
    if let Some(c) = configs
        .microsoft_teams_channel_configurations
        .iter_mut()
        .find(|c| c.chat_configuration_arn == arn)
    {
        return Some(&mut c.tags);
    }
    configs
        .chime_webhook_configurations
        .iter_mut()
        .find(|c| c.chat_configuration_arn == arn)
        .map(|c| &mut c.tags)
}

pub fn handle(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    // The model check has already refused a request without a string ResourceARN.
    let arn = input
        .get("ResourceARN")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let tags = tags_of(&mut store.chatbot, &arn).ok_or_else(|| not_found(&arn))?;
    match operation {
        "TagResource" => {
            let new: Vec<Tag> = input
                .get("Tags")
                .cloned()
                .and_then(|t| serde_json::from_value(t).ok())
                .unwrap_or_default();
            let list = tags.get_or_insert_with(Vec::new);
            for tag in new {
                // A key already present takes the new value.
                list.retain(|t| t.tag_key != tag.tag_key);
                list.push(tag);
            }
            Ok(reply::json(StatusCode::OK, &json!({})))
        }
        "UntagResource" => {
            let keys: Vec<&str> = input
                .get("TagKeys")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if let Some(list) = tags {
                list.retain(|t| !keys.contains(&t.tag_key.as_str()));
            }
            Ok(reply::json(StatusCode::OK, &json!({})))
        }
        _ => {
            let list = tags.clone().unwrap_or_default();
            Ok(reply::json(StatusCode::OK, &json!({ "Tags": list })))
        }
    }
}
