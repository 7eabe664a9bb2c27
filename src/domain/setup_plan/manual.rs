//! The steps no API can do, with the exact settings the docs give, so a person can do them in the console.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::domain::audit::channel_guardrail::RESOLVER_GUARDRAIL;
use crate::domain::model::ChannelConfig;
use crate::domain::policy::kms_key_statement;
use crate::domain::snapshot::query::describe_channel;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualStep {
    /// Why imdeck cannot do it.
    pub why: String,
    pub instructions: Vec<String>,
    /// The exact settings to enter, where there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
}

/// The settings the docs give for an Incident Manager chat channel.
pub fn recommended_channel_settings(topics: &[String]) -> Value {
    let mut settings = json!({
        "role": "channel role",
        "policyTemplates": ["Incident Manager permissions"],
        "guardrailPolicyArns": [RESOLVER_GUARDRAIL],
    });
    if !topics.is_empty() {
        settings["snsTopicArns"] = json!(topics);
    }
    settings
}

/// A plan with no chat channel: creating one needs the one-time Slack or Teams authorisation, which has no API.
pub fn chat_channel_for_plan(plan_name: &str, topics: &[String]) -> ManualStep {
    ManualStep {
        why: format!(
            "response plan {plan_name} has no chat channel, and authorising a Slack workspace or Microsoft Teams \
             tenant is a console step with no API"
        ),
        instructions: vec![
            "In the Amazon Q Developer in chat applications (AWS Chatbot) console, authorise your Slack workspace \
             or Microsoft Teams tenant (once per workspace or tenant)."
                .to_string(),
            "Create a channel configuration with a channel role (not user roles) built from the policy template \
             \"Incident Manager permissions\", the channel guardrail policy AWSIncidentManagerResolverAccess, and \
             the SNS topic of every replication-set Region."
                .to_string(),
            format!(
                "Then run the wizard again with that channel for {plan_name}, or set the plan's chat channel to the \
                 channel's topics."
            ),
        ],
        settings: Some(recommended_channel_settings(topics)),
    }
}

pub fn guardrail(channel: &ChannelConfig) -> ManualStep {
    ManualStep {
        why: format!(
            "{} has no AWSIncidentManagerResolverAccess guardrail, and the wizard was not asked to set guardrails",
            describe_channel(channel)
        ),
        instructions: vec![
            "imdeck sets it when asked: re-run with --set-guardrail (ctrl-g in the wizard)."
                .to_string(),
            format!(
                "Or add the channel guardrail policy {RESOLVER_GUARDRAIL} to {} yourself.",
                channel.name
            ),
        ],
        settings: Some(json!({ "guardrailPolicyArns": [RESOLVER_GUARDRAIL] })),
    }
}

pub fn channel_role(channel: &ChannelConfig, problem: &str) -> ManualStep {
    ManualStep {
        why: format!("{problem}; creating an IAM role is not something imdeck does"),
        instructions: vec![
            "Create an IAM role for the channel from the Chatbot console's policy template \"Incident Manager \
             permissions\"."
                .to_string(),
            format!("Set it as the channel role of {} (not user roles).", channel.name),
        ],
        settings: Some(recommended_channel_settings(&channel.sns_topic_arns)),
    }
}

pub fn kms_key(topic_arn: &str, key: &str) -> ManualStep {
    ManualStep {
        why: format!(
            "{topic_arn} is encrypted with KMS key {key}; imdeck does not change key policies"
        ),
        instructions: vec![
            format!(
                "Make sure the key policy of {key} holds a statement like the one below, so Incident Manager can \
                 publish to the topic (the AWS managed key alias/aws/sns cannot allow it: use a customer managed key)."
            ),
            format!(
                "Run `aws kms get-key-policy --key-id {key} --policy-name default --output text > policy.json`, \
                 add the statement, then `aws kms put-key-policy --key-id {key} --policy-name default --policy \
                 file://policy.json`."
            ),
        ],
        settings: Some(kms_key_statement()),
    }
}

pub fn deny_statement(topic_arn: &str, detail: &str) -> ManualStep {
    ManualStep {
        why: format!("{detail}; imdeck never removes a Deny"),
        instructions: vec![format!(
            "Remove or narrow the Deny in the access policy of {topic_arn}, then run the wizard again."
        )],
        settings: None,
    }
}

pub fn unusable_policy(topic_arn: &str, problem: &str) -> ManualStep {
    ManualStep {
        why: format!("the policy of {topic_arn} cannot be merged: {problem}"),
        instructions: vec![format!(
            "Fix the access policy of {topic_arn} by hand (keep its statements), then run the wizard again."
        )],
        settings: None,
    }
}

pub fn unreadable(what: &str, reason: &str) -> ManualStep {
    ManualStep {
        why: format!("could not read {what}: {reason}"),
        instructions: vec![
            "Grant the read permission or wait out the throttling, then plan again; nothing is changed for this part."
                .to_string(),
        ],
        settings: None,
    }
}

pub fn too_many_topics(plan_name: &str, topics: &[String], max: usize) -> ManualStep {
    ManualStep {
        why: format!(
            "response plan {plan_name} would need {} topics, more than the {max} a chat channel takes",
            topics.len()
        ),
        instructions: vec![format!(
            "Choose at most {max} topics for {plan_name} (one per replication-set Region) and set them as its chat \
             channel."
        )],
        settings: Some(json!({ "chatbotSns": topics })),
    }
}
