//! ssm-incidents against the sandbox with the real Rust SDK: every operation, its happy path and its errors.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_ssmincidents::error::ProvideErrorMetadata;
use aws_sdk_ssmincidents::operation::get_incident_record::GetIncidentRecordError;
use aws_sdk_ssmincidents::operation::get_replication_set::GetReplicationSetError;
use aws_sdk_ssmincidents::operation::get_response_plan::GetResponsePlanError;
use aws_sdk_ssmincidents::operation::list_incident_records::ListIncidentRecordsError;
use aws_sdk_ssmincidents::operation::start_incident::StartIncidentError;
use aws_sdk_ssmincidents::operation::update_incident_record::UpdateIncidentRecordError;
use aws_sdk_ssmincidents::operation::update_response_plan::UpdateResponsePlanError;
use aws_sdk_ssmincidents::primitives::DateTime;
use aws_sdk_ssmincidents::types::{
    AttributeValueList, ChatChannel, Condition, EmptyChatChannel, IncidentRecordStatus,
    ItemIdentifier, ItemType, ItemValue, RelatedItem, ResourceType, SortOrder, TimelineEventSort,
    TriggerDetails,
};
use sdk::{MAIN_INCIDENT, TEST_PLAN, filter, strings};

#[tokio::test]
async fn response_plans_list_in_fresh_pages_and_read_back() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let pages: Vec<_> = im
        .list_response_plans()
        .max_results(2)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 3, "5 plans in pages of 2");
    let tokens: Vec<_> = pages.iter().filter_map(|p| p.next_token()).collect();
    assert_eq!(tokens.len(), 2);
    assert_ne!(tokens[0], tokens[1]);
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.response_plan_summaries())
        .map(|s| s.name().to_string())
        .collect();
    assert!(names.contains(&"test-response-plan-chat".to_string()));
    assert!(names.contains(&"MyResponsePlanChat".to_string()));

    let plan = im
        .get_response_plan()
        .arn(TEST_PLAN)
        .send()
        .await
        .expect("get plan");
    assert_eq!(plan.name(), "test-response-plan-chat");
    assert_eq!(plan.engagements().len(), 2);
    let Some(ChatChannel::ChatbotSns(topics)) = plan.chat_channel() else {
        panic!("chat channel expected: {:?}", plan.chat_channel());
    };
    assert_eq!(
        topics,
        &vec![
            "arn:aws:sns:us-east-2:111122223333:My_SNS_topic".to_string(),
            "arn:aws:sns:us-west-2:111122223333:im-chat-usw2".to_string()
        ]
    );
    assert_eq!(plan.incident_template().map(|t| t.impact()), Some(3));

    let missing = im
        .get_response_plan()
        .arn("arn:aws:ssm-incidents::111122223333:response-plan/nope")
        .send()
        .await
        .expect_err("unknown plan");
    match missing.into_service_error() {
        GetResponsePlanError::ResourceNotFoundException(e) => {
            assert_eq!(e.resource_type(), Some(&ResourceType::ResponsePlan))
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

#[tokio::test]
async fn update_response_plan_sets_and_removes_the_channel() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let plan = "arn:aws:ssm-incidents::111122223333:response-plan/batch-jobs-plan";
    let topic = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
    im.update_response_plan()
        .arn(plan)
        .chat_channel(ChatChannel::ChatbotSns(vec![topic.into()]))
        .display_name("Nightly batch (chat)")
        .incident_template_impact(2)
        .send()
        .await
        .expect("update");
    let read = im.get_response_plan().arn(plan).send().await.expect("get");
    assert_eq!(
        read.chat_channel(),
        Some(&ChatChannel::ChatbotSns(vec![topic.into()]))
    );
    assert_eq!(read.display_name(), Some("Nightly batch (chat)"));
    assert_eq!(read.incident_template().map(|t| t.impact()), Some(2));

    im.update_response_plan()
        .arn(plan)
        .chat_channel(ChatChannel::Empty(EmptyChatChannel::builder().build()))
        .send()
        .await
        .expect("remove channel");
    assert!(
        im.get_response_plan()
            .arn(plan)
            .send()
            .await
            .expect("get")
            .chat_channel()
            .is_none()
    );

    let six: Vec<String> = (0..6)
        .map(|i| format!("arn:aws:sns:us-east-2:111122223333:t{i}"))
        .collect();
    let err = im
        .update_response_plan()
        .arn(plan)
        .chat_channel(ChatChannel::ChatbotSns(six))
        .send()
        .await
        .expect_err("six topics");
    assert!(matches!(
        err.into_service_error(),
        UpdateResponsePlanError::ValidationException(_)
    ));
    let err = im
        .update_response_plan()
        .arn("arn:aws:ssm-incidents::111122223333:response-plan/ghost")
        .display_name("x")
        .send()
        .await
        .expect_err("unknown");
    assert!(matches!(
        err.into_service_error(),
        UpdateResponsePlanError::ResourceNotFoundException(_)
    ));
}

#[tokio::test]
async fn start_incident_follows_the_plan_and_is_idempotent() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let started = im
        .start_incident()
        .response_plan_arn(TEST_PLAN)
        .client_token("token-1")
        .send()
        .await
        .expect("start");
    let arn = started.incident_record_arn().to_string();
    assert!(
        arn.starts_with(
            "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/"
        ),
        "{arn}"
    );
    let again = im
        .start_incident()
        .response_plan_arn(TEST_PLAN)
        .client_token("token-1")
        .send()
        .await
        .expect("repeat");
    assert_eq!(again.incident_record_arn(), arn);
    let conflict = im
        .start_incident()
        .response_plan_arn(TEST_PLAN)
        .title("something else")
        .client_token("token-1")
        .send()
        .await
        .expect_err("token reuse");
    assert!(matches!(
        conflict.into_service_error(),
        StartIncidentError::ConflictException(_)
    ));

    let record = im
        .get_incident_record()
        .arn(&arn)
        .send()
        .await
        .expect("get");
    let record = record.incident_record().expect("record");
    assert_eq!(record.title(), "Chat channel test incident");
    assert_eq!(record.impact(), 3);
    assert_eq!(record.status(), &IncidentRecordStatus::Open);
    assert!(matches!(record.chat_channel(), Some(ChatChannel::ChatbotSns(t)) if t.len() == 2));
    assert_eq!(
        record.incident_record_source().map(|s| s.source()),
        Some("aws.ssm-incidents.custom")
    );

    let events = im
        .list_timeline_events()
        .incident_record_arn(&arn)
        .send()
        .await
        .expect("timeline");
    let types: Vec<&str> = events
        .event_summaries()
        .iter()
        .map(|e| e.event_type())
        .collect();
    assert_eq!(types.first(), Some(&"SSM Incident Trigger"));
    assert_eq!(
        types
            .iter()
            .filter(|t| **t == "SSM Contacts Page for Incident")
            .count(),
        2
    );

    let with_items = im
        .start_incident()
        .response_plan_arn(TEST_PLAN)
        .title("Payments down")
        .impact(1)
        .related_items(
            RelatedItem::builder()
                .identifier(
                    ItemIdentifier::builder()
                        .r#type(ItemType::Other)
                        .value(ItemValue::Url("https://example.com/runbook".into()))
                        .build()
                        .expect("identifier"),
                )
                .title("Runbook")
                .build(),
        )
        .trigger_details(
            TriggerDetails::builder()
                .source("custom.pager")
                .timestamp(DateTime::from_secs(1_710_000_000))
                .raw_data("{\"page\":1}")
                .build()
                .expect("trigger"),
        )
        .send()
        .await
        .expect("start with items");
    let items = im
        .list_related_items()
        .incident_record_arn(with_items.incident_record_arn())
        .send()
        .await
        .expect("items");
    assert_eq!(items.related_items().len(), 1);
    let generated = items.related_items()[0].generated_id().unwrap_or_default();
    assert!(
        generated.starts_with("related-item/OTHER/")
            && generated.len() == "related-item/OTHER/".len() + 32
    );
}

#[tokio::test]
async fn start_incident_rejects_bad_input() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let err = im
        .start_incident()
        .response_plan_arn(TEST_PLAN)
        .impact(7)
        .send()
        .await
        .expect_err("impact 7");
    let message = err.message().unwrap_or_default().to_string();
    match err.into_service_error() {
        StartIncidentError::ValidationException(_) => {}
        other => panic!("expected ValidationException, got {other:?}"),
    }
    assert!(message.contains("less than or equal to 5"), "{message}");
    let err = im
        .start_incident()
        .response_plan_arn("arn:aws:ssm-incidents::111122223333:response-plan/nope")
        .send()
        .await
        .expect_err("unknown plan");
    assert!(matches!(
        err.into_service_error(),
        StartIncidentError::ResourceNotFoundException(_)
    ));
    let err = im
        .start_incident()
        .response_plan_arn("not-an-arn")
        .title("x".repeat(201))
        .send()
        .await
        .expect_err("bad arn and title");
    assert!(
        err.message()
            .unwrap_or_default()
            .starts_with("2 validation errors detected"),
        "{:?}",
        err.message()
    );
}

#[tokio::test]
async fn list_incident_records_filters_and_pages() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let all: Vec<_> = im
        .list_incident_records()
        .max_results(1)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("all");
    assert_eq!(all.len(), 5);
    assert!(
        all.windows(2)
            .all(|w| w[0].creation_time() >= w[1].creation_time()),
        "newest first"
    );

    let open = im
        .list_incident_records()
        .filters(filter("status", strings(&["OPEN"])))
        .send()
        .await
        .expect("open");
    let arns: Vec<&str> = open
        .incident_record_summaries()
        .iter()
        .map(|s| s.arn())
        .collect();
    assert_eq!(arns.len(), 2);
    assert!(arns.contains(&MAIN_INCIDENT));

    let impact = im
        .list_incident_records()
        .filters(filter(
            "impact",
            Condition::Equals(AttributeValueList::IntegerValues(vec![1, 2])),
        ))
        .send()
        .await
        .expect("impact");
    assert!(
        impact
            .incident_record_summaries()
            .iter()
            .all(|s| s.impact() <= 2)
    );
    assert_eq!(impact.incident_record_summaries().len(), 2);

    let recent = im
        .list_incident_records()
        .filters(filter(
            "creationTime",
            Condition::After(DateTime::from_secs(1_704_067_200)),
        ))
        .filters(filter("status", strings(&["RESOLVED"])))
        .send()
        .await
        .expect("recent resolved");
    assert_eq!(recent.incident_record_summaries().len(), 1);

    let by_creator = im
        .list_incident_records()
        .filters(filter(
            "createdBy",
            strings(&["arn:aws:sts::111122223333:assumed-role/IncidentResponder/jdoe"]),
        ))
        .send()
        .await
        .expect("created by");
    assert_eq!(by_creator.incident_record_summaries().len(), 4);

    let six = (0..6)
        .map(|_| filter("status", strings(&["OPEN"])))
        .collect::<Vec<_>>();
    let err = im
        .list_incident_records()
        .set_filters(Some(six))
        .send()
        .await
        .expect_err("six filters");
    assert!(matches!(
        err.into_service_error(),
        ListIncidentRecordsError::ValidationException(_)
    ));
    let err = im
        .list_incident_records()
        .filters(filter("status", strings(&["open"])))
        .send()
        .await
        .expect_err("lower-case status");
    assert!(matches!(
        err.into_service_error(),
        ListIncidentRecordsError::ValidationException(_)
    ));
    let err = im
        .list_incident_records()
        .max_results(101)
        .send()
        .await
        .expect_err("101");
    assert!(matches!(
        err.into_service_error(),
        ListIncidentRecordsError::ValidationException(_)
    ));
    let err = im
        .list_incident_records()
        .next_token("bogus")
        .send()
        .await
        .expect_err("token");
    assert!(matches!(
        err.into_service_error(),
        ListIncidentRecordsError::ValidationException(_)
    ));
}

#[tokio::test]
async fn get_and_update_incident_record() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let record = im
        .get_incident_record()
        .arn(MAIN_INCIDENT)
        .send()
        .await
        .expect("get");
    let record = record.incident_record().expect("record");
    assert_eq!(record.impact(), 2);
    assert!(record.resolved_time().is_none());

    im.update_incident_record()
        .arn(MAIN_INCIDENT)
        .status(IncidentRecordStatus::Resolved)
        .summary("Analytics query killed; latency normal")
        .send()
        .await
        .expect("resolve");
    let record = im
        .get_incident_record()
        .arn(MAIN_INCIDENT)
        .send()
        .await
        .expect("get");
    let record = record.incident_record().expect("record");
    assert_eq!(record.status(), &IncidentRecordStatus::Resolved);
    assert!(record.resolved_time().is_some());
    assert_eq!(
        record.summary(),
        Some("Analytics query killed; latency normal")
    );

    let updates = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .filters(filter(
            "eventType",
            strings(&["SSM Incident Record Update"]),
        ))
        .sort_by(TimelineEventSort::EventTime)
        .sort_order(SortOrder::Descending)
        .send()
        .await
        .expect("updates");
    let newest = updates.event_summaries().first().expect("an update event");
    let event = im
        .get_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(newest.event_id())
        .send()
        .await
        .expect("event");
    let data: serde_json::Value =
        serde_json::from_str(event.event().expect("event").event_data()).expect("json data");
    let attributes: Vec<&str> = data["modifiedAttributes"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["attributeName"].as_str())
        .collect();
    assert!(
        attributes.contains(&"status") && attributes.contains(&"summary"),
        "{data}"
    );

    let err = im
        .update_incident_record()
        .arn(MAIN_INCIDENT)
        .status(IncidentRecordStatus::from("open"))
        .send()
        .await
        .expect_err("lower-case status");
    assert!(matches!(
        err.into_service_error(),
        UpdateIncidentRecordError::ValidationException(_)
    ));
    let err = im
        .update_incident_record()
        .arn(MAIN_INCIDENT)
        .summary("x".repeat(8001))
        .send()
        .await
        .expect_err("long summary");
    assert!(matches!(
        err.into_service_error(),
        UpdateIncidentRecordError::ValidationException(_)
    ));
    let err = im
        .update_incident_record()
        .arn("arn:aws:ssm-incidents::111122223333:incident-record/x/y")
        .impact(1)
        .send()
        .await
        .expect_err("unknown");
    assert!(matches!(
        err.into_service_error(),
        UpdateIncidentRecordError::ResourceNotFoundException(_)
    ));

    let err = im
        .get_incident_record()
        .arn("arn:aws:ssm-incidents::111122223333:incident-record/x/y")
        .send()
        .await
        .expect_err("unknown");
    match err.into_service_error() {
        GetIncidentRecordError::ResourceNotFoundException(e) => {
            assert_eq!(e.resource_type(), Some(&ResourceType::IncidentRecord))
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    let err = im
        .get_incident_record()
        .arn("bad")
        .send()
        .await
        .expect_err("bad arn");
    assert!(matches!(
        err.into_service_error(),
        GetIncidentRecordError::ValidationException(_)
    ));
}

#[tokio::test]
async fn replication_set_lists_and_reads() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let listed = im.list_replication_sets().send().await.expect("list");
    assert_eq!(listed.replication_set_arns().len(), 1);
    let set = im
        .get_replication_set()
        .arn(&listed.replication_set_arns()[0])
        .send()
        .await
        .expect("get");
    let set = set.replication_set().expect("set");
    let mut regions: Vec<&String> = set.region_map().keys().collect();
    regions.sort();
    assert_eq!(regions, vec!["eu-west-1", "us-east-2", "us-west-2"]);
    assert!(
        set.region_map()
            .values()
            .all(|r| r.status().as_str() == "ACTIVE")
    );
    let err = im
        .get_replication_set()
        .arn("arn:aws:ssm-incidents::111122223333:replication-set/nope")
        .send()
        .await
        .expect_err("unknown");
    assert!(matches!(
        err.into_service_error(),
        GetReplicationSetError::ResourceNotFoundException(_)
    ));
}

#[tokio::test]
async fn incident_manager_answers_only_in_replication_set_regions() {
    let sandbox = sdk::demo().await;
    // ap-southeast-2 has Incident Manager but is not in the demo's set: a Region that holds nothing.
    let config = sdk::config(&sandbox, "ap-southeast-2").await;
    let im = aws_sdk_ssmincidents::Client::new(&config);
    let arns = im
        .list_replication_sets()
        .send()
        .await
        .expect("ListReplicationSets answers from any Incident Manager Region")
        .replication_set_arns;
    assert_eq!(arns.len(), 1);
    let err = im
        .get_replication_set()
        .arn(&arns[0])
        .send()
        .await
        .expect_err("outside the set");
    assert!(matches!(
        err.into_service_error(),
        GetReplicationSetError::ResourceNotFoundException(_)
    ));
    // Lists are empty, reads of what exists in the set are not found, no explanation AWS would not send.
    let plans = im.list_response_plans().send().await.expect("empty list");
    assert!(plans.response_plan_summaries().is_empty());
    let records = im.list_incident_records().send().await.expect("empty list");
    assert!(records.incident_record_summaries().is_empty());
    let err = im
        .get_incident_record()
        .arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect_err("not here");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert!(!err.message().unwrap_or("").contains("replication set"));
    let usw2 = aws_sdk_ssmincidents::Client::new(&sdk::config(&sandbox, "us-west-2").await);
    let count = || async {
        usw2.list_incident_records()
            .send()
            .await
            .expect("in set")
            .incident_record_summaries()
            .len()
    };
    let before = count().await;
    let err = im
        .start_incident()
        .response_plan_arn(sdk::TEST_PLAN)
        .send()
        .await
        .expect_err("the plan is not here");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(count().await, before, "nothing was started outside the set");
    assert_eq!(
        usw2.list_response_plans()
            .send()
            .await
            .expect("in set")
            .response_plan_summaries()
            .len(),
        6
    );
}

#[tokio::test]
async fn a_region_without_incident_manager_gives_no_answer_at_all() {
    let sandbox = sdk::demo().await;
    let im = aws_sdk_ssmincidents::Client::new(&sdk::config(&sandbox, "eu-south-1").await);
    let err = im
        .list_replication_sets()
        .send()
        .await
        .expect_err("no endpoint in eu-south-1");
    assert!(
        matches!(
            err,
            aws_sdk_ssmincidents::error::SdkError::DispatchFailure(_)
                | aws_sdk_ssmincidents::error::SdkError::ResponseError(_)
        ),
        "{err:?}"
    );
    // SNS does exist there.
    let sns = sdk::sns(&sandbox, "eu-south-1").await;
    assert!(sns.list_topics().send().await.is_ok());
}
