//! Chatbot subscribes its HTTPS endpoint to every topic of a chat configuration when the configuration is saved.

use serde_json::{Map, Value};

use crate::domain::arn::Arn;
use crate::sandbox::sns::subscriptions::chatbot_subscribe;
use crate::sandbox::store::Store;

/// After a successful create or update: the configuration named by `ChatConfigurationArn` (update) or by
/// `ConfigurationName` (create) gets Chatbot's confirmed subscription on each of its topics.
pub fn after_save(store: &mut Store, input: &Map<String, Value>) {
    let arn = input.get("ChatConfigurationArn").and_then(Value::as_str);
    let name = input.get("ConfigurationName").and_then(Value::as_str);
    let matches = |config_arn: &str| {
        arn.is_some_and(|a| a == config_arn)
            || name.is_some_and(|n| Arn::parse(config_arn).is_ok_and(|a| a.resource_id() == n))
    };
    let c = &store.chatbot;
    let topics: Vec<String> = c
        .slack_channel_configurations
        .iter()
        .filter(|cfg| matches(&cfg.chat_configuration_arn))
        .flat_map(|cfg| cfg.sns_topic_arns.clone())
        .chain(
            c.microsoft_teams_channel_configurations
                .iter()
                .filter(|cfg| matches(&cfg.chat_configuration_arn))
                .flat_map(|cfg| cfg.sns_topic_arns.clone()),
        )
        .chain(
            c.chime_webhook_configurations
                .iter()
                .filter(|cfg| matches(&cfg.chat_configuration_arn))
                .flat_map(|cfg| cfg.sns_topic_arns.clone()),
        )
        .collect();
    chatbot_subscribe(store, &topics);
}
