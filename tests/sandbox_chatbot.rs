//! Chatbot (restJson1, PascalCase) against the sandbox with the real Rust SDK.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_chatbot::error::ProvideErrorMetadata;
use aws_sdk_chatbot::operation::describe_slack_channel_configurations::DescribeSlackChannelConfigurationsError;
use aws_sdk_chatbot::operation::update_chime_webhook_configuration::UpdateChimeWebhookConfigurationError;
use aws_sdk_chatbot::operation::update_microsoft_teams_channel_configuration::UpdateMicrosoftTeamsChannelConfigurationError;
use aws_sdk_chatbot::operation::update_slack_channel_configuration::UpdateSlackChannelConfigurationError;

const SLACK: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/incident-war-room";
const TEAMS: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/microsoft-teams-channel/partner-bridge";
const CHIME: &str = "arn:aws:chatbot::111122223333:chat-configuration/chime-webhook/exec-notify";

#[tokio::test]
async fn slack_configurations_describe_and_update() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let described = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect("describe");
    let configs = described.slack_channel_configurations();
    assert_eq!(configs.len(), 1);
    let slack = &configs[0];
    assert_eq!(slack.chat_configuration_arn(), SLACK);
    assert_eq!(
        slack.iam_role_arn(),
        "arn:aws:iam::111122223333:role/IncidentManagerChatRole"
    );
    assert_eq!(
        slack.guardrail_policy_arns(),
        ["arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"]
    );
    assert_eq!(slack.sns_topic_arns().len(), 2);
    assert_eq!(slack.state(), Some("ENABLED"));

    let filtered = bot
        .describe_slack_channel_configurations()
        .chat_configuration_arn(
            "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/nope",
        )
        .send()
        .await
        .expect("unknown filter is not an error");
    assert!(filtered.slack_channel_configurations().is_empty());
    let err = bot
        .describe_slack_channel_configurations()
        .max_results(0)
        .send()
        .await
        .expect_err("MaxResults 0");
    assert!(matches!(
        err.into_service_error(),
        DescribeSlackChannelConfigurationsError::InvalidParameterException(_)
    ));

    let mut topics = slack.sns_topic_arns().to_vec();
    topics.push("arn:aws:sns:eu-west-1:111122223333:im-chat-euw1".into());
    let updated = bot
        .update_slack_channel_configuration()
        .chat_configuration_arn(SLACK)
        .slack_channel_id(slack.slack_channel_id())
        .set_sns_topic_arns(Some(topics.clone()))
        .logging_level("INFO")
        .send()
        .await
        .expect("update");
    let config = updated.channel_configuration().expect("config");
    assert_eq!(config.sns_topic_arns(), topics.as_slice());
    assert_eq!(config.logging_level(), Some("INFO"));
    let again = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect("describe");
    assert_eq!(
        again.slack_channel_configurations()[0]
            .sns_topic_arns()
            .len(),
        3
    );

    let err = bot
        .update_slack_channel_configuration()
        .chat_configuration_arn(
            "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/ghost",
        )
        .slack_channel_id("C000")
        .send()
        .await
        .expect_err("unknown");
    match err.into_service_error() {
        UpdateSlackChannelConfigurationError::ResourceNotFoundException(e) => {
            assert!(e.message().is_some_and(|m| m.contains("ghost")))
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    let err = bot
        .update_slack_channel_configuration()
        .chat_configuration_arn(SLACK)
        .slack_channel_id("C04INCIDENTS")
        .logging_level("LOUD")
        .send()
        .await
        .expect_err("bad logging level");
    assert!(matches!(
        err.into_service_error(),
        UpdateSlackChannelConfigurationError::InvalidParameterException(_)
    ));
}

#[tokio::test]
async fn teams_configurations_list_get_update() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let listed = bot
        .list_microsoft_teams_channel_configurations()
        .send()
        .await
        .expect("list");
    let teams = listed.team_channel_configurations();
    assert_eq!(teams.len(), 1);
    assert!(
        teams[0].guardrail_policy_arns.is_none(),
        "no guardrail member: AWS applies AdministratorAccess"
    );
    let by_team = bot
        .list_microsoft_teams_channel_configurations()
        .team_id("00000000-0000-4000-8000-000000000000")
        .send()
        .await
        .expect("filtered");
    assert!(by_team.team_channel_configurations().is_empty());

    let got = bot
        .get_microsoft_teams_channel_configuration()
        .chat_configuration_arn(TEAMS)
        .send()
        .await
        .expect("get");
    let channel = got.channel_configuration().expect("config");
    assert_eq!(
        channel.sns_topic_arns(),
        ["arn:aws:sns:us-east-2:111122223333:im-chat-partner"]
    );
    let err = bot
        .get_microsoft_teams_channel_configuration()
        .chat_configuration_arn(
            "arn:aws:chatbot::111122223333:chat-configuration/microsoft-teams-channel/ghost",
        )
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));

    let updated = bot
        .update_microsoft_teams_channel_configuration()
        .chat_configuration_arn(TEAMS)
        .channel_id(channel.channel_id())
        .guardrail_policy_arns("arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess")
        .send()
        .await
        .expect("update");
    assert_eq!(
        updated
            .channel_configuration()
            .map(|c| c.guardrail_policy_arns().to_vec()),
        Some(vec![
            "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess".to_string()
        ])
    );
    let err = bot
        .update_microsoft_teams_channel_configuration()
        .chat_configuration_arn(TEAMS)
        .channel_id("not-a-teams-channel")
        .send()
        .await
        .expect_err("bad channel id");
    assert!(matches!(
        err.into_service_error(),
        UpdateMicrosoftTeamsChannelConfigurationError::InvalidParameterException(_)
    ));
}

#[tokio::test]
async fn chime_webhooks_describe_and_update() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let described = bot
        .describe_chime_webhook_configurations()
        .send()
        .await
        .expect("describe");
    let hooks = described.webhook_configurations();
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].chat_configuration_arn(), CHIME);
    assert_eq!(
        hooks[0].sns_topic_arns(),
        ["arn:aws:sns:us-east-2:111122223333:im-chime-exec"]
    );
    let updated = bot
        .update_chime_webhook_configuration()
        .chat_configuration_arn(CHIME)
        .webhook_description("Exec notifications (24x7)")
        .webhook_url("https://hooks.chime.aws/incomingwebhooks/abc?token=xyz")
        .send()
        .await
        .expect("update");
    assert_eq!(
        updated
            .webhook_configuration()
            .map(|w| w.webhook_description()),
        Some("Exec notifications (24x7)")
    );
    let err = bot
        .update_chime_webhook_configuration()
        .chat_configuration_arn(CHIME)
        .webhook_url("http://insecure.example.com")
        .send()
        .await
        .expect_err("http url");
    assert!(matches!(
        err.into_service_error(),
        UpdateChimeWebhookConfigurationError::InvalidParameterException(_)
    ));
    let err = bot
        .update_chime_webhook_configuration()
        .chat_configuration_arn(
            "arn:aws:chatbot::111122223333:chat-configuration/chime-webhook/ghost",
        )
        .send()
        .await
        .expect_err("unknown");
    assert!(matches!(
        err.into_service_error(),
        UpdateChimeWebhookConfigurationError::ResourceNotFoundException(_)
    ));
}
