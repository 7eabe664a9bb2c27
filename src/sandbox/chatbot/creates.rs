//! The three Create*Configuration operations: a configuration per name, its ARN made from the name.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::shapes::{
    ChimeWebhookConfiguration, SlackChannelConfiguration, TeamsChannelConfiguration,
};
use crate::domain::arn::Arn;
use crate::sandbox::errors::ApiError;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

/// Builds the stored configuration from the request members (already vetted by the model check) plus the
/// members the service fills in.
fn configuration<T: DeserializeOwned>(
    input: &Map<String, Value>,
    extra: &[(&str, Value)],
) -> Result<T, ApiError> {
    let mut members = input.clone();
    members.entry("SnsTopicArns").or_insert_with(|| json!([]));
    members.insert("State".into(), json!("ENABLED"));
    for (name, value) in extra {
        members.entry(*name).or_insert_with(|| value.clone());
    }
    serde_json::from_value(Value::Object(members)).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidParameterException",
            format!("The request does not describe a channel configuration: {e}"),
        )
    })
}

fn conflict(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "ConflictException",
        format!("A chat configuration named {name} already exists"),
    )
}

fn created<T: Serialize>(member: &str, value: &T) -> Response {
    let mut answer = Map::new();
    answer.insert(member.into(), json!(value));
    reply::json(StatusCode::CREATED, &Value::Object(answer))
}

pub fn create(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let name = input
        .get("ConfigurationName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let account = store.account.clone();
    let arn = |kind: &str| Arn::chat_configuration(&account, kind, &name).to_string();
    let configs = &mut store.chatbot;
    match operation {
        "CreateSlackChannelConfiguration" => {
            let arn = arn("slack-channel");
            if configs
                .slack_channel_configurations
                .iter()
                .any(|c| c.chat_configuration_arn == arn)
            {
                return Err(conflict(&name));
            }
            // The workspace name comes from the authorised workspace; a workspace the account has used keeps
            // its name, another is shown by its id.
            let team_id = input.get("SlackTeamId").cloned().unwrap_or(Value::Null);
            let team_name = configs
                .slack_channel_configurations
                .iter()
                .find(|c| Some(c.slack_team_id.as_str()) == team_id.as_str())
                .map_or(team_id.clone(), |c| json!(c.slack_team_name));
            let channel_name = input.get("SlackChannelId").cloned().unwrap_or(Value::Null);
            let cfg: SlackChannelConfiguration = configuration(
                input,
                &[
                    ("ChatConfigurationArn", json!(arn)),
                    ("SlackTeamName", team_name),
                    ("SlackChannelName", channel_name),
                ],
            )?;
            configs.slack_channel_configurations.push(cfg.clone());
            Ok(created("ChannelConfiguration", &cfg))
        }
        "CreateMicrosoftTeamsChannelConfiguration" => {
            let arn = arn("microsoft-teams-channel");
            if configs
                .microsoft_teams_channel_configurations
                .iter()
                .any(|c| c.chat_configuration_arn == arn)
            {
                return Err(conflict(&name));
            }
            let cfg: TeamsChannelConfiguration =
                configuration(input, &[("ChatConfigurationArn", json!(arn))])?;
            configs
                .microsoft_teams_channel_configurations
                .push(cfg.clone());
            Ok(created("ChannelConfiguration", &cfg))
        }
        _ => {
            let arn = arn("chime-webhook");
            if configs
                .chime_webhook_configurations
                .iter()
                .any(|c| c.chat_configuration_arn == arn)
            {
                return Err(conflict(&name));
            }
            let cfg: ChimeWebhookConfiguration =
                configuration(input, &[("ChatConfigurationArn", json!(arn))])?;
            configs.chime_webhook_configurations.push(cfg.clone());
            Ok(created("WebhookConfiguration", &cfg))
        }
    }
}
