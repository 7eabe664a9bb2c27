//! Chatbot channel configurations in their wire shape (PascalCase members), as stored and as answered.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub tag_key: String,
    pub tag_value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SlackChannelConfiguration {
    pub slack_team_name: String,
    pub slack_team_id: String,
    pub slack_channel_id: String,
    pub slack_channel_name: String,
    pub chat_configuration_arn: String,
    pub iam_role_arn: String,
    pub sns_topic_arns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_level: Option<String>,
    /// Absent means AWS applies AdministratorAccess; kept absent rather than empty so audits can tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardrail_policy_arns: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_authorization_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TeamsChannelConfiguration {
    pub channel_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_name: Option<String>,
    pub team_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_name: Option<String>,
    pub tenant_id: String,
    pub chat_configuration_arn: String,
    pub iam_role_arn: String,
    pub sns_topic_arns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardrail_policy_arns: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_authorization_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChimeWebhookConfiguration {
    pub webhook_description: String,
    pub chat_configuration_arn: String,
    pub iam_role_arn: String,
    pub sns_topic_arns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
    /// Write-only on the real API (UpdateChimeWebhookConfiguration takes it, nothing returns it).
    #[serde(default, skip_serializing)]
    pub webhook_url: Option<String>,
}

/// Every Chatbot configuration; they belong to the account, not to a Region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatbotConfigurations {
    #[serde(default)]
    pub slack_channel_configurations: Vec<SlackChannelConfiguration>,
    #[serde(default)]
    pub microsoft_teams_channel_configurations: Vec<TeamsChannelConfiguration>,
    #[serde(default)]
    pub chime_webhook_configurations: Vec<ChimeWebhookConfiguration>,
}
