//! Chatbot (restJson1, PascalCase members, kebab-case paths): channel configurations of the three kinds.

mod creates;
mod deletes;
mod members;
mod preferences;
pub mod shapes;
mod subscription_hook;
mod tags;

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Map, Value, json};

use members::{apply, common_update, configuration_arn, paging_input};

use super::errors::ApiError;
use super::input::Checks;
use super::paging;
use super::reply;
use super::store::Store;

/// (path, operation, mutating, the operation's own 500 error code) of every Chatbot operation served.
const OPERATIONS: &[(&str, &str, bool, &str)] = &[
    (
        "/describe-slack-channel-configurations",
        "DescribeSlackChannelConfigurations",
        false,
        "DescribeSlackChannelConfigurationsException",
    ),
    (
        "/list-ms-teams-channel-configurations",
        "ListMicrosoftTeamsChannelConfigurations",
        false,
        "ListTeamsChannelConfigurationsException",
    ),
    (
        "/get-ms-teams-channel-configuration",
        "GetMicrosoftTeamsChannelConfiguration",
        false,
        "GetTeamsChannelConfigurationException",
    ),
    (
        "/describe-chime-webhook-configurations",
        "DescribeChimeWebhookConfigurations",
        false,
        "DescribeChimeWebhookConfigurationsException",
    ),
    (
        "/update-slack-channel-configuration",
        "UpdateSlackChannelConfiguration",
        true,
        "UpdateSlackChannelConfigurationException",
    ),
    (
        "/update-ms-teams-channel-configuration",
        "UpdateMicrosoftTeamsChannelConfiguration",
        true,
        "UpdateTeamsChannelConfigurationException",
    ),
    (
        "/update-chime-webhook-configuration",
        "UpdateChimeWebhookConfiguration",
        true,
        "UpdateChimeWebhookConfigurationException",
    ),
    (
        "/delete-slack-channel-configuration",
        "DeleteSlackChannelConfiguration",
        true,
        "DeleteSlackChannelConfigurationException",
    ),
    (
        "/delete-ms-teams-channel-configuration",
        "DeleteMicrosoftTeamsChannelConfiguration",
        true,
        "DeleteTeamsChannelConfigurationException",
    ),
    (
        "/delete-chime-webhook-configuration",
        "DeleteChimeWebhookConfiguration",
        true,
        "DeleteChimeWebhookConfigurationException",
    ),
    (
        "/create-slack-channel-configuration",
        "CreateSlackChannelConfiguration",
        true,
        "CreateSlackChannelConfigurationException",
    ),
    (
        "/create-ms-teams-channel-configuration",
        "CreateMicrosoftTeamsChannelConfiguration",
        true,
        "CreateTeamsChannelConfigurationException",
    ),
    (
        "/create-chime-webhook-configuration",
        "CreateChimeWebhookConfiguration",
        true,
        "CreateChimeWebhookConfigurationException",
    ),
    ("/tag-resource", "TagResource", true, "InternalServiceError"),
    (
        "/untag-resource",
        "UntagResource",
        true,
        "InternalServiceError",
    ),
    (
        "/list-tags-for-resource",
        "ListTagsForResource",
        false,
        "InternalServiceError",
    ),
    (
        "/get-account-preferences",
        "GetAccountPreferences",
        false,
        "GetAccountPreferencesException",
    ),
    (
        "/update-account-preferences",
        "UpdateAccountPreferences",
        true,
        "UpdateAccountPreferencesException",
    ),
];

/// Every operation name this service serves.
pub fn served() -> impl Iterator<Item = &'static str> {
    OPERATIONS.iter().map(|(_, op, _, _)| *op)
}

/// The operation name and whether it mutates, for a Chatbot path (every Chatbot operation is a POST).
pub fn operation_for(path: &str) -> Option<(&'static str, bool)> {
    OPERATIONS
        .iter()
        .find(|(p, _, _, _)| *p == path)
        .map(|(_, op, mutating, _)| (*op, *mutating))
}

/// The operation-specific 500 error Chatbot models for `operation`.
pub fn internal_error_code(operation: &str) -> &'static str {
    OPERATIONS
        .iter()
        .find(|(_, op, _, _)| *op == operation)
        .map_or("InternalServiceError", |(_, _, _, code)| *code)
}

fn invalid_parameter(message: String) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "InvalidParameterException",
        message,
    )
}

fn not_found(arn: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFoundException",
        format!("Chat configuration {arn} was not found"),
    )
}

fn page_answer<T: Serialize + Clone>(
    member: &str,
    items: &[T],
    start: usize,
    size: usize,
) -> Response {
    let (page, next) = paging::page(items, start, size);
    let mut answer = Map::new();
    answer.insert(member.to_string(), json!(page));
    if let Some(next) = next {
        answer.insert("NextToken".to_string(), json!(next));
    }
    reply::json(StatusCode::OK, &Value::Object(answer))
}

/// Runs one Chatbot operation; Chatbot configurations belong to the account, so the Region is not used.
pub fn handle(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let response = handle_operation(store, operation, input)?;
    let saves_channel = operation.ends_with("Configuration");
    if saves_channel && (operation.starts_with("Create") || operation.starts_with("Update")) {
        subscription_hook::after_save(store, input);
    }
    Ok(response)
}

fn handle_operation(
    store: &mut Store,
    operation: &str,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let configs = &mut store.chatbot;
    let mut c = Checks::new();
    match operation {
        "DescribeSlackChannelConfigurations" => {
            let arn = configuration_arn(&mut c, input, false);
            let (start, size) = paging_input(&mut c, input);
            c.finish().map_err(invalid_parameter)?;
            // An unknown ARN filter yields an empty list rather than an error, as the live service does.
            let found: Vec<_> = configs
                .slack_channel_configurations
                .iter()
                .filter(|cfg| {
                    arn.as_ref()
                        .is_none_or(|a| *a == cfg.chat_configuration_arn)
                })
                .cloned()
                .collect();
            Ok(page_answer(
                "SlackChannelConfigurations",
                &found,
                start,
                size,
            ))
        }
        "ListMicrosoftTeamsChannelConfigurations" => {
            let team = c.string("TeamId", input.get("TeamId"));
            let (start, size) = paging_input(&mut c, input);
            c.finish().map_err(invalid_parameter)?;
            let found: Vec<_> = configs
                .microsoft_teams_channel_configurations
                .iter()
                .filter(|cfg| team.as_ref().is_none_or(|t| *t == cfg.team_id))
                .cloned()
                .collect();
            Ok(page_answer(
                "TeamChannelConfigurations",
                &found,
                start,
                size,
            ))
        }
        "GetMicrosoftTeamsChannelConfiguration" => {
            let arn = configuration_arn(&mut c, input, true).unwrap_or_default();
            c.finish().map_err(invalid_parameter)?;
            let cfg = configs
                .microsoft_teams_channel_configurations
                .iter()
                .find(|cfg| cfg.chat_configuration_arn == arn)
                .ok_or_else(|| not_found(&arn))?;
            Ok(reply::json(
                StatusCode::OK,
                &json!({ "ChannelConfiguration": cfg }),
            ))
        }
        "DescribeChimeWebhookConfigurations" => {
            let arn = configuration_arn(&mut c, input, false);
            let (start, size) = paging_input(&mut c, input);
            c.finish().map_err(invalid_parameter)?;
            let found: Vec<_> = configs
                .chime_webhook_configurations
                .iter()
                .filter(|cfg| {
                    arn.as_ref()
                        .is_none_or(|a| *a == cfg.chat_configuration_arn)
                })
                .cloned()
                .collect();
            Ok(page_answer("WebhookConfigurations", &found, start, size))
        }
        "UpdateSlackChannelConfiguration" => {
            let common = common_update(&mut c, input);
            let channel_id = c.required_string("SlackChannelId", input.get("SlackChannelId"));
            let channel_name = c.string("SlackChannelName", input.get("SlackChannelName"));
            c.finish().map_err(invalid_parameter)?;
            let cfg = configs
                .slack_channel_configurations
                .iter_mut()
                .find(|cfg| cfg.chat_configuration_arn == common.arn)
                .ok_or_else(|| not_found(&common.arn))?;
            cfg.slack_channel_id = channel_id.unwrap_or_default();
            if let Some(name) = channel_name {
                cfg.slack_channel_name = name;
            }
            apply(
                &common,
                &mut cfg.iam_role_arn,
                &mut cfg.sns_topic_arns,
                &mut cfg.logging_level,
            );
            if common.guardrail_policy_arns.is_some() {
                cfg.guardrail_policy_arns = common.guardrail_policy_arns.clone();
            }
            if common.user_authorization_required.is_some() {
                cfg.user_authorization_required = common.user_authorization_required;
            }
            Ok(reply::json(
                StatusCode::OK,
                &json!({ "ChannelConfiguration": cfg }),
            ))
        }
        "UpdateMicrosoftTeamsChannelConfiguration" => {
            let common = common_update(&mut c, input);
            let channel_id = c.required_string("ChannelId", input.get("ChannelId"));
            let channel_name = c.string("ChannelName", input.get("ChannelName"));
            c.finish().map_err(invalid_parameter)?;
            let cfg = configs
                .microsoft_teams_channel_configurations
                .iter_mut()
                .find(|cfg| cfg.chat_configuration_arn == common.arn)
                .ok_or_else(|| not_found(&common.arn))?;
            cfg.channel_id = channel_id.unwrap_or_default();
            if channel_name.is_some() {
                cfg.channel_name = channel_name;
            }
            apply(
                &common,
                &mut cfg.iam_role_arn,
                &mut cfg.sns_topic_arns,
                &mut cfg.logging_level,
            );
            if common.guardrail_policy_arns.is_some() {
                cfg.guardrail_policy_arns = common.guardrail_policy_arns.clone();
            }
            if common.user_authorization_required.is_some() {
                cfg.user_authorization_required = common.user_authorization_required;
            }
            Ok(reply::json(
                StatusCode::OK,
                &json!({ "ChannelConfiguration": cfg }),
            ))
        }
        "UpdateChimeWebhookConfiguration" => {
            let common = common_update(&mut c, input);
            let description = c.string("WebhookDescription", input.get("WebhookDescription"));
            let url = c.string("WebhookUrl", input.get("WebhookUrl"));
            c.finish().map_err(invalid_parameter)?;
            let cfg = configs
                .chime_webhook_configurations
                .iter_mut()
                .find(|cfg| cfg.chat_configuration_arn == common.arn)
                .ok_or_else(|| not_found(&common.arn))?;
            if let Some(description) = description {
                cfg.webhook_description = description;
            }
            if url.is_some() {
                cfg.webhook_url = url;
            }
            apply(
                &common,
                &mut cfg.iam_role_arn,
                &mut cfg.sns_topic_arns,
                &mut cfg.logging_level,
            );
            Ok(reply::json(
                StatusCode::OK,
                &json!({ "WebhookConfiguration": cfg }),
            ))
        }
        "GetAccountPreferences" => preferences::get(store),
        "UpdateAccountPreferences" => preferences::update(store, input),
        "TagResource" | "UntagResource" | "ListTagsForResource" => {
            tags::handle(store, operation, input)
        }
        "CreateSlackChannelConfiguration"
        | "CreateMicrosoftTeamsChannelConfiguration"
        | "CreateChimeWebhookConfiguration" => creates::create(store, operation, input),
        "DeleteSlackChannelConfiguration"
        | "DeleteMicrosoftTeamsChannelConfiguration"
        | "DeleteChimeWebhookConfiguration" => deletes::delete(store, operation, input),
        other => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "UnknownOperationException",
            format!("The sandbox does not implement {other}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_its_own_internal_error() {
        assert_eq!(
            internal_error_code("GetMicrosoftTeamsChannelConfiguration"),
            "GetTeamsChannelConfigurationException"
        );
        assert_eq!(
            operation_for("/list-ms-teams-channel-configurations").map(|o| o.0),
            Some("ListMicrosoftTeamsChannelConfigurations")
        );
        assert!(operation_for("/create-custom-action").is_none());
    }
}
