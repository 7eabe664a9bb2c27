//! SNS subscriptions and Publish against the sandbox with the real Rust SDK: Chatbot's subscription, paging,
//! Region and account scoping, and what Chatbot does with each published message.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_sns::operation::list_subscriptions_by_topic::ListSubscriptionsByTopicError;
use aws_sdk_sns::operation::publish::PublishError;
use aws_sdk_sns::operation::subscribe::SubscribeError;
use aws_sdk_sns::types::Subscription;
use imdeck::domain::chatbot_notification::{CHATBOT_ENDPOINT, ProbeOrigin, probe_message};
use imdeck::sandbox::{DeliveryOutcome, Scenario};

const SLACK_TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
const CHIME_TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:im-chime-exec";
const SLACK_CHANNEL: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/incident-war-room";
const CHIME_CHANNEL: &str =
    "arn:aws:chatbot::111122223333:chat-configuration/chime-webhook/exec-notify";

async fn subscriptions(client: &aws_sdk_sns::Client, topic: &str) -> Vec<Subscription> {
    let mut all = Vec::new();
    let mut pages = client
        .list_subscriptions_by_topic()
        .topic_arn(topic)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        all.extend(page.expect("page").subscriptions().iter().cloned());
    }
    all
}

fn chatbot_confirmed(subs: &[Subscription]) -> bool {
    subs.iter().any(|s| {
        s.protocol() == Some("https")
            && s.endpoint() == Some(CHATBOT_ENDPOINT)
            && s.subscription_arn()
                .is_some_and(|a| a.starts_with("arn:aws:sns:"))
    })
}

#[tokio::test]
async fn the_demo_has_chatbot_subscriptions_on_every_channel_topic_but_one() {
    let sandbox = sdk::demo().await;
    let use2 = sdk::sns(&sandbox, "us-east-2").await;
    let usw2 = sdk::sns(&sandbox, "us-west-2").await;
    assert!(chatbot_confirmed(&subscriptions(&use2, SLACK_TOPIC).await));
    assert!(chatbot_confirmed(
        &subscriptions(&usw2, "arn:aws:sns:us-west-2:111122223333:im-chat-usw2").await
    ));
    assert!(chatbot_confirmed(
        &subscriptions(&use2, "arn:aws:sns:us-east-2:111122223333:im-chat-partner").await
    ));
    assert!(subscriptions(&use2, CHIME_TOPIC).await.is_empty());
    // A topic with two seeded subscriptions lists both, and GetTopicAttributes agrees.
    let billing = "arn:aws:sns:us-east-2:111122223333:billing-alarms";
    assert_eq!(subscriptions(&use2, billing).await.len(), 2);
    let attrs = use2
        .get_topic_attributes()
        .topic_arn(billing)
        .send()
        .await
        .expect("attributes");
    assert_eq!(
        attrs
            .attributes()
            .and_then(|a| a.get("SubscriptionsConfirmed"))
            .map(String::as_str),
        Some("2")
    );
}

#[tokio::test]
async fn listing_is_region_scoped_and_another_accounts_topic_is_refused() {
    let sandbox = sdk::demo().await;
    let usw2 = sdk::sns(&sandbox, "us-west-2").await;
    let err = usw2
        .list_subscriptions_by_topic()
        .topic_arn(SLACK_TOPIC)
        .send()
        .await
        .expect_err("another Region's topic");
    assert!(matches!(
        err.into_service_error(),
        ListSubscriptionsByTopicError::NotFoundException(_)
    ));
    let err = usw2
        .list_subscriptions_by_topic()
        .topic_arn("arn:aws:sns:us-west-2:444455556666:org-locked-im")
        .send()
        .await
        .expect_err("locked topic of another account");
    assert!(matches!(
        err.into_service_error(),
        ListSubscriptionsByTopicError::AuthorizationErrorException(_)
    ));
}

#[tokio::test]
async fn list_subscriptions_pages_with_next_token_at_100() {
    let sandbox = sdk::sandbox(Scenario::Empty).await;
    let sns = sdk::sns(&sandbox, "eu-west-1").await;
    let topic = sns
        .create_topic()
        .name("fan-out")
        .send()
        .await
        .expect("topic")
        .topic_arn()
        .unwrap_or_default()
        .to_string();
    for n in 0..130 {
        let arn = sns
            .subscribe()
            .topic_arn(&topic)
            .protocol("sqs")
            .endpoint(format!("arn:aws:sqs:eu-west-1:111122223333:queue-{n}"))
            .send()
            .await
            .expect("subscribe");
        assert!(
            arn.subscription_arn()
                .is_some_and(|a| a.starts_with(&topic))
        );
    }
    let first = sns
        .list_subscriptions_by_topic()
        .topic_arn(&topic)
        .send()
        .await
        .expect("first page");
    assert_eq!(first.subscriptions().len(), 100);
    assert!(first.next_token().is_some());
    assert_eq!(subscriptions(&sns, &topic).await.len(), 130);
}

#[tokio::test]
async fn https_subscriptions_wait_for_confirmation_and_bad_input_is_refused() {
    let sandbox = sdk::sandbox(Scenario::Empty).await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let topic = sns
        .create_topic()
        .name("hooks")
        .send()
        .await
        .expect("topic")
        .topic_arn()
        .unwrap_or_default()
        .to_string();
    let pending = sns
        .subscribe()
        .topic_arn(&topic)
        .protocol("https")
        .endpoint("https://hooks.example.com/sns")
        .send()
        .await
        .expect("subscribe");
    assert_eq!(pending.subscription_arn(), Some("pending confirmation"));
    let listed = subscriptions(&sns, &topic).await;
    assert_eq!(listed[0].subscription_arn(), Some("PendingConfirmation"));
    let attrs = sns
        .get_topic_attributes()
        .topic_arn(&topic)
        .send()
        .await
        .expect("attributes");
    let attrs = attrs.attributes().cloned().unwrap_or_default();
    assert_eq!(attrs["SubscriptionsPending"], "1");
    assert_eq!(attrs["SubscriptionsConfirmed"], "0");
    // Chatbot confirms only for a topic one of its configurations carries: this one has none.
    let chatbot = sns
        .subscribe()
        .topic_arn(&topic)
        .protocol("https")
        .endpoint(CHATBOT_ENDPOINT)
        .send()
        .await
        .expect("subscribe chatbot");
    assert_eq!(chatbot.subscription_arn(), Some("pending confirmation"));

    for (protocol, endpoint) in [
        ("carrier-pigeon", "x"),
        ("https", "http://plain.example.com"),
    ] {
        let err = sns
            .subscribe()
            .topic_arn(&topic)
            .protocol(protocol)
            .endpoint(endpoint)
            .send()
            .await
            .expect_err("refused");
        assert!(matches!(
            err.into_service_error(),
            SubscribeError::InvalidParameterException(_)
        ));
    }

    let queue = sns
        .subscribe()
        .topic_arn(&topic)
        .protocol("sqs")
        .endpoint("arn:aws:sqs:us-east-2:111122223333:q")
        .send()
        .await
        .expect("sqs");
    let arn = queue.subscription_arn().unwrap_or_default().to_string();
    sns.unsubscribe()
        .subscription_arn(&arn)
        .send()
        .await
        .expect("unsubscribe");
    assert_eq!(subscriptions(&sns, &topic).await.len(), 2);
    assert!(
        sns.unsubscribe()
            .subscription_arn(&arn)
            .send()
            .await
            .is_err()
    );
}

fn origin(topic: &str, region: &str) -> ProbeOrigin {
    ProbeOrigin {
        sender: "arn:aws:iam::111122223333:user/imdeck-sandbox".into(),
        sent_at: "2026-11-30T15:00:00Z".into(),
        channel: "incident-war-room".into(),
        topic_arn: topic.into(),
        region: region.into(),
    }
}

#[tokio::test]
async fn publish_posts_to_the_channel_or_records_why_chatbot_dropped_it() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let posted = sns
        .publish()
        .topic_arn(SLACK_TOPIC)
        .message(probe_message(&origin(SLACK_TOPIC, "us-east-2")))
        .send()
        .await
        .expect("publish");
    let id = posted.message_id().unwrap_or_default().to_string();
    assert!(!id.is_empty());
    let dropped = sns
        .publish()
        .topic_arn(SLACK_TOPIC)
        .message(r#"{"version":"1.0","source":"custom","content":{"title":"no description"}}"#)
        .send()
        .await
        .expect("publish accepted by SNS");
    // No Chatbot subscription: SNS accepts the message and nothing reaches a room.
    sns.publish()
        .topic_arn(CHIME_TOPIC)
        .message(probe_message(&origin(CHIME_TOPIC, "us-east-2")))
        .send()
        .await
        .expect("publish to unsubscribed topic");

    let deliveries = sandbox.deliveries_from(0);
    assert_eq!(deliveries.len(), 2, "{deliveries:?}");
    assert_eq!(deliveries[0].message_id, id);
    assert_eq!(deliveries[0].channel, SLACK_CHANNEL);
    assert!(matches!(
        &deliveries[0].outcome,
        DeliveryOutcome::Posted { headline } if headline.contains("imdeck probe")
    ));
    assert_eq!(
        Some(deliveries[1].message_id.as_str()),
        dropped.message_id()
    );
    assert!(matches!(
        &deliveries[1].outcome,
        DeliveryOutcome::Dropped { reason } if reason.contains("content.description")
    ));
    assert!(deliveries.iter().all(|d| d.channel != CHIME_CHANNEL));
}

#[tokio::test]
async fn publish_checks_input_region_and_account_as_sns_does() {
    let sandbox = sdk::demo().await;
    let usw2 = sdk::sns(&sandbox, "us-west-2").await;
    let wrong_region = usw2
        .publish()
        .topic_arn(SLACK_TOPIC)
        .message("hello")
        .send()
        .await
        .expect_err("another Region");
    assert!(matches!(
        wrong_region.into_service_error(),
        PublishError::NotFoundException(_)
    ));
    let locked = usw2
        .publish()
        .topic_arn("arn:aws:sns:us-west-2:444455556666:org-locked-im")
        .message("hello")
        .send()
        .await
        .expect_err("locked");
    assert!(matches!(
        locked.into_service_error(),
        PublishError::AuthorizationErrorException(_)
    ));
    let use2 = sdk::sns(&sandbox, "us-east-2").await;
    let long_subject = use2
        .publish()
        .topic_arn(SLACK_TOPIC)
        .message("hello")
        .subject("x".repeat(101))
        .send()
        .await
        .expect_err("subject too long");
    assert!(matches!(
        long_subject.into_service_error(),
        PublishError::InvalidParameterException(_)
    ));
    assert!(sandbox.deliveries_from(0).is_empty());
}

#[tokio::test]
async fn saving_a_chat_configuration_subscribes_chatbot_to_its_topics() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    assert!(subscriptions(&sns, CHIME_TOPIC).await.is_empty());
    sdk::chatbot(&sandbox)
        .await
        .update_chime_webhook_configuration()
        .chat_configuration_arn(CHIME_CHANNEL)
        .send()
        .await
        .expect("re-save the configuration");
    assert!(chatbot_confirmed(&subscriptions(&sns, CHIME_TOPIC).await));
    sns.publish()
        .topic_arn(CHIME_TOPIC)
        .message(probe_message(&origin(CHIME_TOPIC, "us-east-2")))
        .send()
        .await
        .expect("publish");
    let deliveries = sandbox.deliveries_from(0);
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].channel, CHIME_CHANNEL);
}
