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
