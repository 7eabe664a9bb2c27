//! Tag operations through the real SDK: what TagResource stores, UntagResource removes, ListTagsForResource shows.

#[path = "support/sdk.rs"]
mod sdk;

#[tokio::test]
async fn response_plan_tags_round_trip() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    im.tag_resource()
        .resource_arn(sdk::TEST_PLAN)
        .tags("team", "sre")
        .tags("tier", "1")
        .tags("env", "prod")
        .send()
        .await
        .expect("TagResource");
    im.untag_resource()
        .resource_arn(sdk::TEST_PLAN)
        .tag_keys("tier")
        .tag_keys("env")
        .send()
        .await
        .expect("UntagResource");
    let listed = im
        .list_tags_for_resource()
        .resource_arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect("ListTagsForResource");
    let tags: Vec<(&String, &String)> = listed.tags().iter().collect();
    assert_eq!(tags, vec![(&"team".to_string(), &"sre".to_string())]);
}

#[tokio::test]
async fn tagging_an_unknown_plan_is_resource_not_found_and_aws_keys_are_refused() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let err = im
        .tag_resource()
        .resource_arn("arn:aws:ssm-incidents::111122223333:response-plan/missing")
        .tags("team", "sre")
        .send()
        .await
        .expect_err("no such plan");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
    let err = im
        .tag_resource()
        .resource_arn(sdk::TEST_PLAN)
        .tags("aws:reserved", "x")
        .send()
        .await
        .expect_err("aws: prefix");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_validation_exception()),
        "{err:?}"
    );
}

#[tokio::test]
async fn chat_configuration_tags_round_trip() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let arn = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect("describe")
        .slack_channel_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    let tag = |k: &str, v: &str| {
        aws_sdk_chatbot::types::Tag::builder()
            .tag_key(k)
            .tag_value(v)
            .build()
            .expect("tag")
    };
    bot.tag_resource()
        .resource_arn(&arn)
        .tags(tag("team", "sre"))
        .tags(tag("tier", "1"))
        .send()
        .await
        .expect("TagResource");
    bot.untag_resource()
        .resource_arn(&arn)
        .tag_keys("tier")
        .send()
        .await
        .expect("UntagResource");
    let listed = bot
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .expect("ListTagsForResource");
    let keys: Vec<&str> = listed.tags().iter().map(|t| t.tag_key()).collect();
    assert!(
        keys.contains(&"team") && !keys.contains(&"tier"),
        "{keys:?}"
    );
    let err = bot
        .list_tags_for_resource()
        .resource_arn("arn:aws:chatbot::111122223333:chat-configuration/slack-channel/missing")
        .send()
        .await
        .expect_err("no such configuration");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
}

#[tokio::test]
async fn topic_tags_round_trip_and_an_unknown_topic_is_not_found() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    let arn = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
    let tag = |k: &str, v: &str| {
        aws_sdk_sns::types::Tag::builder()
            .key(k)
            .value(v)
            .build()
            .expect("tag")
    };
    sns.tag_resource()
        .resource_arn(arn)
        .tags(tag("team", "sre"))
        .tags(tag("tier", "1"))
        .send()
        .await
        .expect("TagResource");
    sns.untag_resource()
        .resource_arn(arn)
        .tag_keys("tier")
        .send()
        .await
        .expect("UntagResource");
    let listed = sns
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .expect("ListTagsForResource");
    let pairs: Vec<(&str, &str)> = listed.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert_eq!(pairs, vec![("team", "sre")]);
    let err = sns
        .list_tags_for_resource()
        .resource_arn("arn:aws:sns:us-east-2:111122223333:missing")
        .send()
        .await
        .expect_err("no such topic");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
}
