//! SNS (awsQuery/XML) against the sandbox with the real Rust SDK: topics per Region, attributes, errors.

#[path = "support/sdk.rs"]
mod sdk;

use std::collections::HashMap;

use aws_sdk_sns::operation::create_topic::CreateTopicError;
use aws_sdk_sns::operation::get_topic_attributes::GetTopicAttributesError;
use aws_sdk_sns::operation::set_topic_attributes::SetTopicAttributesError;
use imdeck::sandbox::Scenario;
use serde_json::Value;

async fn attributes(client: &aws_sdk_sns::Client, arn: &str) -> HashMap<String, String> {
    client
        .get_topic_attributes()
        .topic_arn(arn)
        .send()
        .await
        .expect("attributes")
        .attributes()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn create_topic_is_idempotent_and_gets_the_default_policy() {
    let sandbox = sdk::sandbox(Scenario::Empty).await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let arn = sns
        .create_topic()
        .name("im-chat")
        .send()
        .await
        .expect("create")
        .topic_arn()
        .map(str::to_string);
    assert_eq!(
        arn.as_deref(),
        Some("arn:aws:sns:us-east-2:111122223333:im-chat")
    );
    let again = sns
        .create_topic()
        .name("im-chat")
        .send()
        .await
        .expect("again");
    assert_eq!(again.topic_arn(), arn.as_deref());
    let arn = arn.unwrap_or_default();

    let attrs = attributes(&sns, &arn).await;
    assert_eq!(attrs["Owner"], "111122223333");
    assert_eq!(attrs["TopicArn"], arn);
    assert_eq!(attrs["DisplayName"], "");
    assert_eq!(attrs["SubscriptionsConfirmed"], "0");
    assert_eq!(attrs["SubscriptionsPending"], "0");
    assert_eq!(attrs["SubscriptionsDeleted"], "0");
    assert!(attrs.contains_key("EffectiveDeliveryPolicy"));
    assert!(!attrs.contains_key("KmsMasterKeyId"));
    let policy: Value = serde_json::from_str(&attrs["Policy"]).expect("policy json");
    assert_eq!(policy["Version"], "2008-10-17");
    assert_eq!(policy["Id"], "__default_policy_ID");
    let statement = &policy["Statement"][0];
    assert_eq!(statement["Sid"], "__default_statement_ID");
    assert_eq!(statement["Principal"]["AWS"], "*");
    assert_eq!(statement["Resource"], arn.as_str());
    assert_eq!(
        statement["Condition"]["StringEquals"]["AWS:SourceOwner"],
        "111122223333"
    );
    let actions: Vec<&str> = statement["Action"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        actions,
        [
            "SNS:GetTopicAttributes",
            "SNS:SetTopicAttributes",
            "SNS:AddPermission",
            "SNS:RemovePermission",
            "SNS:DeleteTopic",
            "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic",
            "SNS:Publish"
        ]
    );

    let err = sns
        .create_topic()
        .name("bad name!")
        .send()
        .await
        .expect_err("bad name");
    assert!(matches!(
        err.into_service_error(),
        CreateTopicError::InvalidParameterException(_)
    ));
    let kms = sns
        .create_topic()
        .name("encrypted")
        .attributes("KmsMasterKeyId", "alias/im-chat")
        .send()
        .await
        .expect("with attributes");
    let attrs = attributes(&sns, kms.topic_arn().unwrap_or_default()).await;
    assert_eq!(
        attrs.get("KmsMasterKeyId").map(String::as_str),
        Some("alias/im-chat")
    );
    let err = sns
        .create_topic()
        .name("encrypted")
        .attributes("KmsMasterKeyId", "alias/other")
        .send()
        .await
        .expect_err("same name, other attributes");
    assert!(matches!(
        err.into_service_error(),
        CreateTopicError::InvalidParameterException(_)
    ));
}

#[tokio::test]
async fn topics_live_per_region_and_list_in_pages_of_100() {
    let sandbox = sdk::sandbox(Scenario::Empty).await;
    let east = sdk::sns(&sandbox, "us-east-2").await;
    let west = sdk::sns(&sandbox, "us-west-2").await;
    for i in 0..105 {
        east.create_topic()
            .name(format!("topic-{i:03}"))
            .send()
            .await
            .expect("create");
    }
    west.create_topic()
        .name("only-west")
        .send()
        .await
        .expect("create west");

    let pages: Vec<_> = east
        .list_topics()
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].topics().len(), 100);
    assert!(pages[0].next_token().is_some());
    assert!(pages[1].next_token().is_none());
    let arns: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.topics())
        .filter_map(|t| t.topic_arn())
        .collect();
    assert_eq!(arns.len(), 105);
    assert!(arns.iter().all(|a| a.starts_with("arn:aws:sns:us-east-2:")));

    let west_topics = west.list_topics().send().await.expect("west");
    let west_arns: Vec<&str> = west_topics
        .topics()
        .iter()
        .filter_map(|t| t.topic_arn())
        .collect();
    assert_eq!(west_arns, ["arn:aws:sns:us-west-2:111122223333:only-west"]);
    let err = east
        .get_topic_attributes()
        .topic_arn("arn:aws:sns:us-west-2:111122223333:only-west")
        .send()
        .await
        .expect_err("another Region's topic");
    assert!(matches!(
        err.into_service_error(),
        GetTopicAttributesError::NotFoundException(_)
    ));
}

#[tokio::test]
async fn set_topic_attributes_validates_the_policy() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-west-2").await;
    let arn = "arn:aws:sns:us-west-2:111122223333:im-chat-usw2";
    let before = attributes(&sns, arn).await;
    assert!(
        !before["Policy"].contains("ssm-incidents.amazonaws.com"),
        "demo: default policy only"
    );
    let mut policy: Value = serde_json::from_str(&before["Policy"]).expect("json");
    policy["Statement"]
        .as_array_mut()
        .expect("list")
        .push(serde_json::json!({
            "Sid": "IncidentManagerSNSPublishingPermissions",
            "Effect": "Allow",
            "Principal": {"Service": "ssm-incidents.amazonaws.com"},
            "Action": "SNS:Publish",
            "Resource": arn,
            "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": "111122223333"}}
        }));
    sns.set_topic_attributes()
        .topic_arn(arn)
        .attribute_name("Policy")
        .attribute_value(policy.to_string())
        .send()
        .await
        .expect("set policy");
    let after = attributes(&sns, arn).await;
    let stored: Value = serde_json::from_str(&after["Policy"]).expect("json");
    assert_eq!(stored, policy);

    sns.set_topic_attributes()
        .topic_arn(arn)
        .attribute_name("DisplayName")
        .attribute_value("IM chat west")
        .send()
        .await
        .expect("display name");
    assert_eq!(attributes(&sns, arn).await["DisplayName"], "IM chat west");

    let err = sns
        .set_topic_attributes()
        .topic_arn(arn)
        .attribute_name("Policy")
        .attribute_value("{not json")
        .send()
        .await
        .expect_err("bad json");
    assert!(matches!(
        err.into_service_error(),
        SetTopicAttributesError::InvalidParameterException(_)
    ));
    let err = sns
        .set_topic_attributes()
        .topic_arn("arn:aws:sns:us-west-2:111122223333:ghost")
        .attribute_name("DisplayName")
        .attribute_value("x")
        .send()
        .await
        .expect_err("unknown topic");
    assert!(matches!(
        err.into_service_error(),
        SetTopicAttributesError::NotFoundException(_)
    ));
    let err = sns
        .set_topic_attributes()
        .topic_arn(arn)
        .attribute_name("Colour")
        .attribute_value("blue")
        .send()
        .await
        .expect_err("unknown attribute");
    assert!(matches!(
        err.into_service_error(),
        SetTopicAttributesError::InvalidParameterException(_)
    ));
}

#[tokio::test]
async fn demo_topics_match_the_scenario() {
    let sandbox = sdk::demo().await;
    let east = sdk::sns(&sandbox, "us-east-2").await;
    let main = attributes(&east, "arn:aws:sns:us-east-2:111122223333:My_SNS_topic").await;
    let policy: Value = serde_json::from_str(&main["Policy"]).expect("json");
    let im = policy["Statement"]
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["Sid"] == "IncidentManagerSNSPublishingPermissions")
        .expect("IM statement");
    assert_eq!(im["Principal"]["Service"], "ssm-incidents.amazonaws.com");
    assert_eq!(
        im["Condition"]["StringEqualsIfExists"]["AWS:SourceAccount"],
        "111122223333"
    );
    let partner = attributes(&east, "arn:aws:sns:us-east-2:111122223333:im-chat-partner").await;
    assert!(partner["Policy"].contains("444455556666"));
    let chime = attributes(&east, "arn:aws:sns:us-east-2:111122223333:im-chime-exec").await;
    assert_eq!(
        chime.get("KmsMasterKeyId").map(String::as_str),
        Some("alias/im-chat")
    );

    let eu = sdk::sns(&sandbox, "eu-west-1").await;
    let eu_topics = eu.list_topics().send().await.expect("eu");
    assert!(eu_topics.topics().len() >= 2);
    for topic in eu_topics.topics() {
        let attrs = attributes(&eu, topic.topic_arn().unwrap_or_default()).await;
        assert!(
            !attrs["Policy"].contains("ssm-incidents"),
            "eu-west-1 has no IM topic"
        );
    }
}

#[tokio::test]
async fn delete_topic_removes_it_and_repeats_quietly() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let arn = "arn:aws:sns:us-east-2:111122223333:billing-alarms";
    sns.delete_topic()
        .topic_arn(arn)
        .send()
        .await
        .expect("delete");
    sns.delete_topic()
        .topic_arn(arn)
        .send()
        .await
        .expect("delete again is not an error");
    let err = sns
        .get_topic_attributes()
        .topic_arn(arn)
        .send()
        .await
        .expect_err("gone");
    assert!(matches!(
        err.into_service_error(),
        GetTopicAttributesError::NotFoundException(_)
    ));
    let err = sns
        .get_topic_attributes()
        .topic_arn("not-an-arn")
        .send()
        .await
        .expect_err("bad arn");
    assert!(matches!(
        err.into_service_error(),
        GetTopicAttributesError::InvalidParameterException(_)
    ));
    let listed = sns.list_topics().send().await.expect("list");
    assert!(listed.topics().iter().all(|t| t.topic_arn() != Some(arn)));
}
