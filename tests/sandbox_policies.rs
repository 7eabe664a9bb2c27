//! Resource policies, incident findings and Chatbot account preferences through the real SDKs.

#[path = "support/sdk.rs"]
mod sdk;

const MISSING_PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/missing";

fn share_policy(plan: &str) -> String {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "444455556666"},
            "Action": ["ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident"],
            "Resource": plan,
        }],
    })
    .to_string()
}

#[tokio::test]
async fn resource_policies_are_put_listed_page_by_page_and_deleted() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let document = share_policy(sdk::TEST_PLAN);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let put = im
            .put_resource_policy()
            .resource_arn(sdk::TEST_PLAN)
            .policy(&document)
            .send()
            .await
            .expect("PutResourcePolicy");
        ids.push(put.policy_id().to_string());
    }
    let mut listed = Vec::new();
    let mut pages = im
        .get_resource_policies()
        .resource_arn(sdk::TEST_PLAN)
        .max_results(1)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.expect("GetResourcePolicies page");
        assert!(page.resource_policies().len() <= 1);
        for p in page.resource_policies() {
            assert_eq!(p.policy_document(), document);
            assert_eq!(p.ram_resource_share_region(), "us-east-2");
            listed.push(p.policy_id().to_string());
        }
    }
    assert_eq!(listed, ids);

    im.delete_resource_policy()
        .resource_arn(sdk::TEST_PLAN)
        .policy_id(&ids[1])
        .send()
        .await
        .expect("DeleteResourcePolicy");
    let left = im
        .get_resource_policies()
        .resource_arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect("GetResourcePolicies");
    let left: Vec<&str> = left
        .resource_policies()
        .iter()
        .map(|p| p.policy_id())
        .collect();
    assert_eq!(left, vec![ids[0].as_str(), ids[2].as_str()]);

    let again = im
        .delete_resource_policy()
        .resource_arn(sdk::TEST_PLAN)
        .policy_id(&ids[1])
        .send()
        .await
        .expect_err("already deleted");
    assert!(
        again
            .as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{again:?}"
    );
}

#[tokio::test]
async fn resource_policies_need_an_existing_plan_and_a_json_document() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let err = im
        .put_resource_policy()
        .resource_arn(MISSING_PLAN)
        .policy(share_policy(MISSING_PLAN))
        .send()
        .await
        .expect_err("no such plan");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
    let err = im
        .get_resource_policies()
        .resource_arn(MISSING_PLAN)
        .send()
        .await
        .expect_err("no such plan");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
    let err = im
        .put_resource_policy()
        .resource_arn(sdk::TEST_PLAN)
        .policy("allow everyone")
        .send()
        .await
        .expect_err("not JSON");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_validation_exception()),
        "{err:?}"
    );
    let stored = im
        .get_resource_policies()
        .resource_arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect("GetResourcePolicies");
    assert!(stored.resource_policies().is_empty());
}

#[tokio::test]
async fn findings_of_the_demo_incident_are_listed_and_read_by_id() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let mut ids = Vec::new();
    let mut pages = im
        .list_incident_findings()
        .incident_record_arn(sdk::MAIN_INCIDENT)
        .max_results(1)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.expect("ListIncidentFindings page");
        assert!(page.findings().len() <= 1);
        ids.extend(page.findings().iter().map(|f| f.id().to_string()));
    }
    assert_eq!(ids.len(), 2, "{ids:?}");

    let got = im
        .batch_get_incident_findings()
        .incident_record_arn(sdk::MAIN_INCIDENT)
        .finding_ids(&ids[0])
        .finding_ids("no-such-finding")
        .send()
        .await
        .expect("BatchGetIncidentFindings");
    assert_eq!(got.findings().len(), 1);
    assert_eq!(got.findings()[0].id(), ids[0]);
    let details = got.findings()[0].details().expect("details");
    assert!(details.is_code_deploy_deployment(), "{details:?}");
    assert_eq!(got.errors().len(), 1);
    assert_eq!(got.errors()[0].finding_id(), "no-such-finding");

    let err = im
        .list_incident_findings()
        .incident_record_arn(
            "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/missing",
        )
        .send()
        .await
        .expect_err("no such incident");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
}

#[tokio::test]
async fn chatbot_account_preferences_start_off_and_keep_what_is_not_named() {
    let sandbox = sdk::demo().await;
    let bot = sdk::chatbot(&sandbox).await;
    let start = bot
        .get_account_preferences()
        .send()
        .await
        .expect("GetAccountPreferences");
    let start = start.account_preferences().expect("AccountPreferences");
    assert_eq!(start.user_authorization_required(), Some(false));
    assert_eq!(start.training_data_collection_enabled(), Some(false));

    let updated = bot
        .update_account_preferences()
        .user_authorization_required(true)
        .send()
        .await
        .expect("UpdateAccountPreferences");
    let updated = updated.account_preferences().expect("AccountPreferences");
    assert_eq!(updated.user_authorization_required(), Some(true));
    assert_eq!(updated.training_data_collection_enabled(), Some(false));

    bot.update_account_preferences()
        .training_data_collection_enabled(true)
        .send()
        .await
        .expect("UpdateAccountPreferences");
    let read = bot
        .get_account_preferences()
        .send()
        .await
        .expect("GetAccountPreferences");
    let read = read.account_preferences().expect("AccountPreferences");
    assert_eq!(read.user_authorization_required(), Some(true));
    assert_eq!(read.training_data_collection_enabled(), Some(true));
}
