//! Create and delete operations through the real SDKs: what they add or remove, and what a repeat answers.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_chatbot::operation::create_slack_channel_configuration::CreateSlackChannelConfigurationError;
use aws_sdk_chatbot::operation::delete_slack_channel_configuration::DeleteSlackChannelConfigurationError;

const ROLE: &str = "arn:aws:iam::111122223333:role/chatbot-channel";
const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";

#[tokio::test]
async fn creating_chat_configurations_of_each_kind() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let created = bot
        .create_slack_channel_configuration()
        .slack_team_id("T0123ABCD")
        .slack_channel_id("C0NEW")
        .iam_role_arn(ROLE)
        .configuration_name("new-slack")
        .sns_topic_arns(TOPIC)
        .send()
        .await
        .expect("CreateSlackChannelConfiguration");
    let arn = created
        .channel_configuration()
        .expect("configuration")
        .chat_configuration_arn()
        .to_string();
    assert_eq!(
        arn,
        "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/new-slack"
    );
    let found = bot
        .describe_slack_channel_configurations()
        .chat_configuration_arn(&arn)
        .send()
        .await
        .expect("describe");
    assert_eq!(found.slack_channel_configurations().len(), 1);
    assert_eq!(
        found.slack_channel_configurations()[0].sns_topic_arns(),
        [TOPIC.to_string()]
    );
    let again = bot
        .create_slack_channel_configuration()
        .slack_team_id("T0123ABCD")
        .slack_channel_id("C0NEW")
        .iam_role_arn(ROLE)
        .configuration_name("new-slack")
        .send()
        .await
        .expect_err("the name is taken");
    assert!(
        matches!(
            again.as_service_error(),
            Some(CreateSlackChannelConfigurationError::ConflictException(_))
        ),
        "{again:?}"
    );
    let teams = bot
        .create_microsoft_teams_channel_configuration()
        .channel_id("19%3anew%40thread.tacv2")
        .team_id("01234567-89ab-cdef-0123-456789abcdef")
        .tenant_id("01234567-89ab-cdef-0123-456789abcdef")
        .iam_role_arn(ROLE)
        .configuration_name("new-teams")
        .send()
        .await
        .expect("CreateMicrosoftTeamsChannelConfiguration");
    let teams_arn = teams
        .channel_configuration()
        .expect("teams configuration")
        .chat_configuration_arn()
        .to_string();
    bot.get_microsoft_teams_channel_configuration()
        .chat_configuration_arn(&teams_arn)
        .send()
        .await
        .expect("the new Teams configuration is there");
    let chime = bot
        .create_chime_webhook_configuration()
        .webhook_description("new hook")
        .webhook_url("https://hooks.chime.aws/incomingwebhooks/abc?token=def")
        .sns_topic_arns(TOPIC)
        .iam_role_arn(ROLE)
        .configuration_name("new-chime")
        .send()
        .await
        .expect("CreateChimeWebhookConfiguration");
    assert!(chime.webhook_configuration().is_some());
}

#[tokio::test]
async fn deleting_a_response_plan_removes_it_and_a_second_delete_still_succeeds() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    im.delete_response_plan()
        .arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect("DeleteResponsePlan");
    let plans = im.list_response_plans().send().await.expect("list");
    assert!(
        plans
            .response_plan_summaries()
            .iter()
            .all(|p| p.arn() != sdk::TEST_PLAN)
    );
    // DeleteResponsePlan models no ResourceNotFoundException: deleting what is gone succeeds.
    im.delete_response_plan()
        .arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect("second DeleteResponsePlan");
}

#[tokio::test]
async fn deleting_an_incident_record_removes_it() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    im.delete_incident_record()
        .arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect("DeleteIncidentRecord");
    let err = im
        .get_incident_record()
        .arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect_err("gone");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
}

#[tokio::test]
async fn deleting_chat_configurations_of_each_kind() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let slack = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect("describe")
        .slack_channel_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    bot.delete_slack_channel_configuration()
        .chat_configuration_arn(&slack)
        .send()
        .await
        .expect("DeleteSlackChannelConfiguration");
    let err = bot
        .delete_slack_channel_configuration()
        .chat_configuration_arn(&slack)
        .send()
        .await
        .expect_err("already gone");
    assert!(
        matches!(
            err.as_service_error(),
            Some(DeleteSlackChannelConfigurationError::ResourceNotFoundException(_))
        ),
        "{err:?}"
    );
    let teams = bot
        .list_microsoft_teams_channel_configurations()
        .send()
        .await
        .expect("list teams")
        .team_channel_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    bot.delete_microsoft_teams_channel_configuration()
        .chat_configuration_arn(&teams)
        .send()
        .await
        .expect("DeleteMicrosoftTeamsChannelConfiguration");
    let chime = bot
        .describe_chime_webhook_configurations()
        .send()
        .await
        .expect("describe chime")
        .webhook_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    bot.delete_chime_webhook_configuration()
        .chat_configuration_arn(&chime)
        .send()
        .await
        .expect("DeleteChimeWebhookConfiguration");
    let left = bot
        .list_microsoft_teams_channel_configurations()
        .send()
        .await
        .expect("list teams again");
    assert!(
        left.team_channel_configurations()
            .iter()
            .all(|c| c.chat_configuration_arn() != teams)
    );
    let left = bot
        .describe_chime_webhook_configurations()
        .send()
        .await
        .expect("describe chime again");
    assert!(
        left.webhook_configurations()
            .iter()
            .all(|c| c.chat_configuration_arn() != chime)
    );
}

#[tokio::test]
async fn creating_a_response_plan_then_reading_it_back() {
    use aws_sdk_ssmincidents::types::{ChatChannel, IncidentTemplate};
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let template = IncidentTemplate::builder()
        .title("Checkout down")
        .impact(2)
        .build()
        .expect("template");
    let created = im
        .create_response_plan()
        .name("checkout")
        .display_name("Checkout")
        .incident_template(template.clone())
        .chat_channel(ChatChannel::ChatbotSns(vec![TOPIC.to_string()]))
        .tags("team", "payments")
        .send()
        .await
        .expect("CreateResponsePlan");
    assert_eq!(
        created.arn(),
        "arn:aws:ssm-incidents::111122223333:response-plan/checkout"
    );
    let plan = im
        .get_response_plan()
        .arn(created.arn())
        .send()
        .await
        .expect("GetResponsePlan");
    assert_eq!(plan.display_name(), Some("Checkout"));
    assert_eq!(plan.incident_template().map(|t| t.impact()), Some(2));
    let tags = im
        .list_tags_for_resource()
        .resource_arn(created.arn())
        .send()
        .await
        .expect("tags");
    assert_eq!(
        tags.tags().get("team").map(String::as_str),
        Some("payments")
    );
    let again = im
        .create_response_plan()
        .name("checkout")
        .incident_template(template)
        .send()
        .await
        .expect_err("the name is taken");
    assert!(
        again
            .as_service_error()
            .is_some_and(|e| e.is_conflict_exception()),
        "{again:?}"
    );
}

#[tokio::test]
async fn a_replication_set_is_created_becomes_active_and_is_deleted() {
    use aws_sdk_ssmincidents::types::{
        AddRegionAction, RegionMapInputValue, ReplicationSetStatus, UpdateReplicationSetAction,
    };
    let sandbox = sdk::sandbox(imdeck::sandbox::Scenario::Empty).await;
    let im = sdk::incidents(&sandbox).await;
    let arn = im
        .create_replication_set()
        .regions("us-east-2", RegionMapInputValue::builder().build())
        .send()
        .await
        .expect("CreateReplicationSet")
        .arn()
        .to_string();
    let status = |im: aws_sdk_ssmincidents::Client, arn: String| async move {
        im.get_replication_set()
            .arn(arn)
            .send()
            .await
            .expect("GetReplicationSet")
            .replication_set()
            .map(|s| s.status().clone())
    };
    assert_eq!(
        status(im.clone(), arn.clone()).await,
        Some(ReplicationSetStatus::Creating)
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        status(im.clone(), arn.clone()).await,
        Some(ReplicationSetStatus::Active)
    );
    let again = im
        .create_replication_set()
        .regions("us-west-2", RegionMapInputValue::builder().build())
        .send()
        .await
        .expect_err("one replication set per account");
    assert!(
        again
            .as_service_error()
            .is_some_and(|e| e.is_conflict_exception()),
        "{again:?}"
    );
    im.update_replication_set()
        .arn(&arn)
        .actions(UpdateReplicationSetAction::AddRegionAction(
            AddRegionAction::builder()
                .region_name("us-west-2")
                .build()
                .expect("add"),
        ))
        .send()
        .await
        .expect("UpdateReplicationSet");
    assert_eq!(
        status(im.clone(), arn.clone()).await,
        Some(ReplicationSetStatus::Updating)
    );
    im.update_deletion_protection()
        .arn(&arn)
        .deletion_protected(true)
        .send()
        .await
        .expect("protect");
    im.delete_replication_set()
        .arn(&arn)
        .send()
        .await
        .expect_err("protected");
    im.update_deletion_protection()
        .arn(&arn)
        .deletion_protected(false)
        .send()
        .await
        .expect("unprotect");
    im.delete_replication_set()
        .arn(&arn)
        .send()
        .await
        .expect("DeleteReplicationSet");
    let listed = im.list_replication_sets().send().await.expect("list");
    assert!(listed.replication_set_arns().is_empty());
}
