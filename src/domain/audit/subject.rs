//! What a check is about, in a few words ("plan batch-jobs-plan", "Slack incident-war-room", "topic im-chat-usw2"),
//! and each rule's short name, so no two checklist rows read the same.

use super::{
    Check, channel_chime, channel_enabled, channel_guardrail, channel_region_coverage,
    channel_role, chatbot_subscription, plan_chat_channel, plan_engagements_review, plan_topics,
    region_has_topic, replication_set_region_active, sns_kms, sns_policy,
};
use crate::domain::arn::Arn;
use crate::domain::model::ChatPlatform;
use crate::domain::snapshot::CloudSnapshot;

/// The widest short name, for lining the checklist's rows up.
pub const SHORT_NAME_WIDTH: usize = 9;

/// A rule's name in one short word or two, for a checklist row; the detail shows the whole title.
pub fn short_name(id: &str) -> &str {
    match id {
        replication_set_region_active::ID => "active",
        region_has_topic::ID => "topic",
        sns_policy::ID => "policy",
        sns_kms::ID => "kms key",
        channel_region_coverage::ID => "coverage",
        channel_guardrail::ID => "guardrail",
        channel_role::ID => "role",
        channel_enabled::ID => "enabled",
        channel_chime::ID => "chime",
        chatbot_subscription::ID => "delivery",
        plan_chat_channel::ID => "channel",
        plan_topics::ID => "topics",
        plan_engagements_review::ID => "members",
        other => other,
    }
}

/// The platform in one word, as people say it.
fn platform_word(platform: ChatPlatform) -> &'static str {
    match platform {
        ChatPlatform::Slack => "Slack",
        ChatPlatform::MicrosoftTeams => "Teams",
        ChatPlatform::Chime => "Chime",
    }
}

/// The resource the check is about, named as a person would: its kind and name, never a bare ARN.
pub fn subject(check: &Check, snapshot: &CloudSnapshot) -> String {
    let Some(resource) = check.resource.as_deref() else {
        return match &check.region {
            Some(region) => format!("Region {region}"),
            None => without_resource(check.id).to_string(),
        };
    };
    let Ok(arn) = Arn::parse(resource) else {
        return resource.to_string();
    };
    let last = arn.resource_id();
    match arn.resource_type() {
        Some("chat-configuration") => {
            return match snapshot.channel_configs().find(|c| c.arn == resource) {
                Some(channel) => format!("{} {}", platform_word(channel.platform), channel.name),
                None => format!("channel {last}"),
            };
        }
        Some("response-plan") => return format!("plan {last}"),
        Some("replication-set") => {
            return match &check.region {
                Some(region) => format!("Region {region}"),
                None => "replication set".to_string(),
            };
        }
        _ => {}
    }
    if arn.service() == "sns" {
        let region = arn.region();
        // A topic in a regional row is already in its Region; elsewhere the Region tells same-named topics apart.
        return if check.region.as_deref() == Some(region) {
            format!("topic {last}")
        } else {
            format!("topic {last} ({region})")
        };
    }
    resource.to_string()
}

/// A check with neither resource nor Region stands for everything its rule could not see.
fn without_resource(id: &str) -> &'static str {
    if id.starts_with("replication-set") || id.starts_with("region-") {
        "replication set"
    } else if id.starts_with("plan-") {
        "response plans"
    } else if id.starts_with("channel-") {
        "chat channels"
    } else if id.starts_with("sns-") {
        "topics of unread plans and channels"
    } else {
        "this account"
    }
}

/// The checklist row's words: the rule's short name, then what it is about.
pub fn row_label(check: &Check, snapshot: &CloudSnapshot) -> String {
    format!(
        "{:<SHORT_NAME_WIDTH$} {}",
        short_name(check.id),
        subject(check, snapshot)
    )
}
