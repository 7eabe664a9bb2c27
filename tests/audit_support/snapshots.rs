//! Snapshots built in code for the audit and setup-plan tests: a fully correct setup, and one like the demo scenario.
#![allow(dead_code)]

use std::collections::BTreeMap;

use imdeck::domain::model::{
    ChannelConfig, ChatChannel, ChatPlatform, IncidentTemplate, RegionInfo, ReplicationSet,
    ResponsePlan, Timestamp, Topic,
};
use imdeck::domain::policy::{default_topic_policy, incident_manager_statement};
use imdeck::domain::snapshot::{CloudSnapshot, ReadFailure, RegionSnapshot};
use serde_json::{Value, json};

pub const ACCOUNT: &str = "111122223333";
pub const OTHER_ACCOUNT: &str = "444455556666";
pub const REGIONS: [&str; 3] = ["us-east-2", "us-west-2", "eu-west-1"];
pub const RESOLVER: &str = "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess";
pub const CHANNEL_ROLE: &str = "arn:aws:iam::111122223333:role/ChatbotIncidentManagerRole";

pub fn topic_arn(region: &str, name: &str) -> String {
    format!("arn:aws:sns:{region}:{ACCOUNT}:{name}")
}

/// SNS's default policy plus `extra` statements.
pub fn policy_with(arn: &str, extra: Vec<Value>) -> String {
    let mut policy = default_topic_policy(arn, ACCOUNT);
    if let Some(statements) = policy["Statement"].as_array_mut() {
        statements.extend(extra);
    }
    policy.to_string()
}

pub fn topic(arn: &str, policy: &str, kms: Option<&str>) -> Topic {
    let mut attributes = BTreeMap::new();
    attributes.insert("TopicArn".to_string(), arn.to_string());
    attributes.insert("Owner".to_string(), ACCOUNT.to_string());
    attributes.insert("Policy".to_string(), policy.to_string());
    if let Some(key) = kms {
        attributes.insert("KmsMasterKeyId".to_string(), key.to_string());
    }
    Topic {
        arn: arn.to_string(),
        attributes,
    }
}

/// A topic whose policy holds the docs' statement beside the default one.
pub fn good_topic(region: &str, name: &str) -> Topic {
    let arn = topic_arn(region, name);
    let policy = policy_with(&arn, vec![incident_manager_statement(&arn, ACCOUNT)]);
    topic(&arn, &policy, None)
}

/// A topic with only SNS's default policy.
pub fn default_topic(region: &str, name: &str) -> Topic {
    let arn = topic_arn(region, name);
    topic(&arn, &policy_with(&arn, vec![]), None)
}

pub fn replication_set(regions: &[&str]) -> ReplicationSet {
    ReplicationSet {
        arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:replication-set/abcd1234"),
        created_by: format!("arn:aws:iam::{ACCOUNT}:user/admin"),
        created_time: Timestamp::from_secs(1_680_000_000),
        last_modified_by: format!("arn:aws:iam::{ACCOUNT}:user/admin"),
        last_modified_time: Timestamp::from_secs(1_680_000_000),
        deletion_protected: false,
        status: "ACTIVE".to_string(),
        region_map: regions
            .iter()
            .map(|r| {
                (
                    r.to_string(),
                    RegionInfo {
                        status: "ACTIVE".to_string(),
                        status_update_date_time: Timestamp::from_secs(1_680_000_000),
                        sse_kms_key_id: None,
                        status_message: None,
                    },
                )
            })
            .collect(),
    }
}

pub fn channel(
    platform: ChatPlatform,
    name: &str,
    topics: &[String],
    guardrails: Option<&[&str]>,
) -> ChannelConfig {
    let kind = match platform {
        ChatPlatform::Slack => "slack-channel",
        ChatPlatform::MicrosoftTeams => "microsoft-teams-channel",
        ChatPlatform::Chime => "chime-webhook",
    };
    ChannelConfig {
        platform,
        arn: format!("arn:aws:chatbot::{ACCOUNT}:chat-configuration/{kind}/{name}"),
        name: name.to_string(),
        channel_label: format!("#{name}"),
        iam_role_arn: CHANNEL_ROLE.to_string(),
        sns_topic_arns: topics.to_vec(),
        guardrail_policy_arns: guardrails.map(|g| g.iter().map(|s| s.to_string()).collect()),
        user_authorization_required: false,
        state: (platform != ChatPlatform::Chime).then(|| "ENABLED".to_string()),
        logging_level: Some("ERROR".to_string()),
    }
}

pub fn plan(name: &str, topics: &[String], engagements: &[&str]) -> ResponsePlan {
    ResponsePlan {
        arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:response-plan/{name}"),
        name: name.to_string(),
        display_name: None,
        incident_template: IncidentTemplate {
            title: format!("{name} incident"),
            impact: 3,
            summary: None,
            dedupe_string: None,
            notification_targets: Vec::new(),
            incident_tags: BTreeMap::new(),
        },
        chat_channel: if topics.is_empty() {
            None
        } else {
            Some(ChatChannel::ChatbotSns(topics.to_vec()))
        },
        engagements: engagements
            .iter()
            .map(|e| format!("arn:aws:ssm-contacts:us-east-2:{ACCOUNT}:contact/{e}"))
            .collect(),
    }
}

pub fn region(region: &str, topics: Vec<Topic>) -> RegionSnapshot {
    RegionSnapshot {
        region: region.to_string(),
        topics: Ok(topics.into_iter().map(Ok).collect()),
    }
}

pub fn failure(resource: &str) -> ReadFailure {
    ReadFailure {
        resource: resource.to_string(),
        reason: "AccessDenied: not authorized".to_string(),
    }
}

pub fn channels_map(
    configs: Vec<ChannelConfig>,
) -> BTreeMap<ChatPlatform, Result<Vec<ChannelConfig>, ReadFailure>> {
    let mut map: BTreeMap<ChatPlatform, Result<Vec<ChannelConfig>, ReadFailure>> = [
        ChatPlatform::Slack,
        ChatPlatform::MicrosoftTeams,
        ChatPlatform::Chime,
    ]
    .into_iter()
    .map(|p| (p, Ok(Vec::new())))
    .collect();
    for config in configs {
        if let Some(Ok(list)) = map.get_mut(&config.platform) {
            list.push(config);
        }
    }
    map
}

/// Everything the docs ask for, in all three Regions: the audit must pass it (with info rows only).
pub fn good() -> CloudSnapshot {
    let topics: Vec<Topic> = REGIONS
        .iter()
        .map(|r| good_topic(r, &format!("im-chat-{r}")))
        .collect();
    let arns: Vec<String> = topics.iter().map(|t| t.arn.clone()).collect();
    CloudSnapshot {
        account: ACCOUNT.to_string(),
        replication_set: Ok(Some(replication_set(&REGIONS))),
        regions: REGIONS
            .iter()
            .zip(topics)
            .map(|(r, t)| region(r, vec![t, default_topic(r, "unrelated")]))
            .collect(),
        channels: channels_map(vec![channel(
            ChatPlatform::Slack,
            "im-slack",
            &arns,
            Some(&[RESOLVER]),
        )]),
        plans: Ok(vec![Ok(plan(
            "main-plan",
            &arns,
            &["oncall-a", "oncall-b"],
        ))]),
        unlisted_topics: Vec::new(),
        subscriptions: Default::default(),
    }
    .with_chatbot_subscriptions()
}

pub fn my_sns_topic() -> String {
    topic_arn("us-east-2", "My_SNS_topic")
}
pub fn usw2_topic() -> String {
    topic_arn("us-west-2", "im-chat-usw2")
}
pub fn partner_topic() -> String {
    topic_arn("us-east-2", "im-chat-partner")
}
/// The KMS-encrypted topic, which the Chime channel carries.
pub fn exec_topic() -> String {
    topic_arn("us-east-2", "im-chime-exec")
}
pub fn slack_arn() -> String {
    format!("arn:aws:chatbot::{ACCOUNT}:chat-configuration/slack-channel/incident-war-room")
}
pub fn teams_arn() -> String {
    format!("arn:aws:chatbot::{ACCOUNT}:chat-configuration/microsoft-teams-channel/partner-bridge")
}
pub fn chime_arn() -> String {
    format!("arn:aws:chatbot::{ACCOUNT}:chat-configuration/chime-webhook/exec-notify")
}
pub fn plan_arn(name: &str) -> String {
    format!("arn:aws:ssm-incidents::{ACCOUNT}:response-plan/{name}")
}

/// The demo scenario of product.md, built in code with the names of the sandbox's `assets/scenarios/demo.json`.
pub fn demo() -> CloudSnapshot {
    let partner = partner_topic();
    let scoped_statement = json!({
        "Sid": "IncidentManagerSNSPublishingPermissions", "Effect": "Allow",
        "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "SNS:Publish", "Resource": partner,
        "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": OTHER_ACCOUNT}}
    });
    let exec = exec_topic();
    let us_east_2 = vec![
        good_topic("us-east-2", "My_SNS_topic"),
        topic(
            &partner,
            &policy_with(&partner, vec![scoped_statement]),
            None,
        ),
        topic(
            &exec,
            &policy_with(&exec, vec![incident_manager_statement(&exec, ACCOUNT)]),
            Some("alias/im-chat"),
        ),
        default_topic("us-east-2", "billing-alarms"),
        default_topic("us-east-2", "deploy-notifications"),
    ];
    let us_west_2 = vec![
        default_topic("us-west-2", "im-chat-usw2"),
        default_topic("us-west-2", "asg-lifecycle-events"),
        default_topic("us-west-2", "cost-anomaly-alerts"),
    ];
    let eu_west_1 = vec![
        default_topic("eu-west-1", "eu-ops-alerts"),
        default_topic("eu-west-1", "gdpr-requests"),
    ];
    let slack_topics = vec![my_sns_topic(), usw2_topic()];
    let mut snapshot = CloudSnapshot {
        account: ACCOUNT.to_string(),
        replication_set: Ok(Some(replication_set(&REGIONS))),
        regions: vec![
            region("us-east-2", us_east_2),
            region("us-west-2", us_west_2),
            region("eu-west-1", eu_west_1),
        ],
        channels: channels_map(vec![
            channel(
                ChatPlatform::Slack,
                "incident-war-room",
                &slack_topics,
                Some(&[RESOLVER]),
            ),
            channel(
                ChatPlatform::MicrosoftTeams,
                "partner-bridge",
                std::slice::from_ref(&partner),
                None,
            ),
            channel(
                ChatPlatform::Chime,
                "exec-notify",
                std::slice::from_ref(&exec),
                None,
            ),
        ]),
        plans: Ok(vec![
            Ok(plan(
                "test-response-plan-chat",
                &slack_topics,
                &["oncall-primary", "oncall-secondary"],
            )),
            Ok(plan(
                "MyResponsePlanChat",
                &slack_topics,
                &["db-oncall", "incident-commander"],
            )),
            Ok(plan("batch-jobs-plan", &[], &["data-eng"])),
            Ok(plan("exec-notify-plan", &[exec], &["incident-commander"])),
            Ok(plan("partner-api-plan", &[partner], &["partner-oncall"])),
        ]),
        unlisted_topics: Vec::new(),
        subscriptions: Default::default(),
    }
    .with_chatbot_subscriptions();
    // As in the scenario: the Chime channel's topic has lost Chatbot's subscription.
    snapshot
        .subscriptions
        .insert(exec_topic(), Ok(Some(Vec::new())));
    snapshot
}
