//! The delete operations through the real SDKs: what they remove, and what a second delete answers.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_chatbot::operation::delete_slack_channel_configuration::DeleteSlackChannelConfigurationError;

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
