//! Each of the 13 chat commands run through `Cloud::execute` against a real sandbox, with the AWS CLI's output shape.

use std::path::Path;

use imdeck::cloud::{Cloud, CloudError, ConnectOptions};
use imdeck::domain::command::{IncidentCommand, Paging};
use imdeck::domain::model::{
    AttributeValueList, Condition, EventReference, Filter, IncidentStatus, ItemIdentifier,
    ItemValue, RelatedItem, RelatedItemsUpdate, SortOrder, Timestamp,
};
use imdeck::sandbox::{self, Sandbox, SandboxOptions, Scenario};
use serde_json::{Value, json};

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";

async fn connect(read_only: bool, log: Option<&Path>) -> (Sandbox, Cloud) {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = log.map(Path::to_path_buf);
    let sandbox = sandbox::start(opts).await.expect("sandbox starts");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects");
    (sandbox, cloud)
}

async fn run(cloud: &Cloud, cmd: IncidentCommand) -> Value {
    match cloud.execute(&cmd, None).await {
        Ok(v) => v,
        Err(e) => panic!("{} failed: {e}", cmd.operation()),
    }
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn operations_logged(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|l| l["operation"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn the_seven_reads_print_what_the_cli_prints() {
    let (_sandbox, cloud) = connect(true, None).await;

    let plans = run(
        &cloud,
        IncidentCommand::ListResponsePlans {
            paging: Paging::default(),
        },
    )
    .await;
    assert_eq!(keys(&plans), vec!["responsePlanSummaries"]);
    let summaries = plans["responsePlanSummaries"].as_array().expect("list");
    assert_eq!(summaries.len(), 6);
    assert_eq!(keys(&summaries[0]), vec!["arn", "displayName", "name"]);

    let plan = run(
        &cloud,
        IncidentCommand::GetResponsePlan { arn: PLAN.into() },
    )
    .await;
    assert_eq!(
        keys(&plan),
        vec![
            "arn",
            "chatChannel",
            "displayName",
            "engagements",
            "incidentTemplate",
            "name"
        ]
    );
    assert_eq!(
        plan["chatChannel"]["chatbotSns"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        plan["incidentTemplate"]["incidentTags"],
        json!({"team": "platform"})
    );

    let open = run(
        &cloud,
        IncidentCommand::ListIncidentRecords {
            filters: vec![Filter {
                key: "status".into(),
                condition: Condition::Equals(AttributeValueList::StringValues(vec!["OPEN".into()])),
            }],
            paging: Paging::default(),
        },
    )
    .await;
    let open = open["incidentRecordSummaries"].as_array().expect("list");
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|r| r["status"] == "OPEN"));

    let record = run(
        &cloud,
        IncidentCommand::GetIncidentRecord {
            arn: INCIDENT.into(),
        },
    )
    .await;
    let record = &record["incidentRecord"];
    assert_eq!(record["creationTime"], json!(1_710_407_520));
    assert_eq!(
        keys(record),
        vec![
            "arn",
            "chatChannel",
            "creationTime",
            "dedupeString",
            "impact",
            "incidentRecordSource",
            "lastModifiedBy",
            "lastModifiedTime",
            "notificationTargets",
            "status",
            "summary",
            "title"
        ]
    );
    assert_eq!(
        keys(&record["incidentRecordSource"]),
        vec!["createdBy", "invokedBy", "resourceArn", "source"]
    );

    let timeline = run(
        &cloud,
        IncidentCommand::ListTimelineEvents {
            incident_record_arn: INCIDENT.into(),
            filters: vec![],
            sort_by: Some("EVENT_TIME".into()),
            sort_order: Some(SortOrder::Descending),
            paging: Paging::default(),
        },
    )
    .await;
    let events = timeline["eventSummaries"].as_array().expect("list");
    assert_eq!(events.len(), 7);
    let times: Vec<i64> = events
        .iter()
        .filter_map(|e| e["eventTime"].as_i64())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(
        keys(&events[0]),
        vec![
            "eventId",
            "eventReferences",
            "eventTime",
            "eventType",
            "eventUpdatedTime",
            "incidentRecordArn"
        ]
    );

    let event = run(
        &cloud,
        IncidentCommand::GetTimelineEvent {
            incident_record_arn: INCIDENT.into(),
            event_id: "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b".into(),
        },
    )
    .await;
    assert_eq!(event["event"]["eventType"], "Custom Event");
    assert!(event["event"]["eventData"].is_string());
    assert_eq!(
        event["event"]["eventReferences"],
        json!([{"relatedItemId": "related-item/OTHER/5E0F2A7C9B1D4E6F8A3B2C1D0E9F8A7B"}])
    );

    let related = run(
        &cloud,
        IncidentCommand::ListRelatedItems {
            incident_record_arn: INCIDENT.into(),
            paging: Paging::default(),
        },
    )
    .await;
    let items = related["relatedItems"].as_array().expect("list");
    assert_eq!(items.len(), 3);
    assert_eq!(keys(&items[0]), vec!["generatedId", "identifier", "title"]);
    assert_eq!(keys(&items[0]["identifier"]), vec!["type", "value"]);
}

#[tokio::test]
async fn max_items_prints_a_cli_token_that_resumes_exactly() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let (_sandbox, cloud) = connect(true, Some(log.path())).await;
    let all = run(
        &cloud,
        IncidentCommand::ListResponsePlans {
            paging: Paging::default(),
        },
    )
    .await;
    let all = all["responsePlanSummaries"]
        .as_array()
        .expect("list")
        .clone();

    let first = run(
        &cloud,
        IncidentCommand::ListResponsePlans {
            paging: Paging {
                max_items: Some(2),
                page_size: Some(3),
                starting_token: None,
            },
        },
    )
    .await;
    assert_eq!(keys(&first), vec!["responsePlanSummaries", "NextToken"]);
    let token = first["NextToken"].as_str().expect("token").to_string();
    let rest = run(
        &cloud,
        IncidentCommand::ListResponsePlans {
            paging: Paging {
                max_items: None,
                page_size: Some(3),
                starting_token: Some(token),
            },
        },
    )
    .await;
    assert_eq!(keys(&rest), vec!["responsePlanSummaries"]);
    let mut joined = first["responsePlanSummaries"]
        .as_array()
        .expect("list")
        .clone();
    joined.extend(
        rest["responsePlanSummaries"]
            .as_array()
            .expect("list")
            .iter()
            .cloned(),
    );
    assert_eq!(joined, all);

    // page_size is maxResults: six plans in pages of two take three requests.
    let before = operations_logged(log.path()).len();
    let paged = run(
        &cloud,
        IncidentCommand::ListResponsePlans {
            paging: Paging {
                max_items: None,
                page_size: Some(2),
                starting_token: None,
            },
        },
    )
    .await;
    assert_eq!(
        paged["responsePlanSummaries"].as_array().map(Vec::len),
        Some(6)
    );
    assert_eq!(operations_logged(log.path()).len() - before, 3);
}

#[tokio::test]
async fn the_six_writes_change_the_incident_and_print_what_the_cli_prints() {
    let (_sandbox, cloud) = connect(false, None).await;

    let started = run(
        &cloud,
        IncidentCommand::StartIncident {
            response_plan_arn: PLAN.into(),
            title: None,
            impact: None,
            related_items: vec![],
            trigger_details: None,
            client_token: None,
        },
    )
    .await;
    assert_eq!(keys(&started), vec!["incidentRecordArn"]);
    let arn = started["incidentRecordArn"]
        .as_str()
        .expect("arn")
        .to_string();
    assert!(arn.starts_with(
        "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/"
    ));

    let created = run(
        &cloud,
        IncidentCommand::CreateTimelineEvent {
            incident_record_arn: arn.clone(),
            event_time: Timestamp::from_secs(1_680_294_600),
            event_type: "Custom Event".into(),
            event_data: "\"example timeline event\"".into(),
            event_references: vec![EventReference::Resource(arn.clone())],
            client_token: None,
        },
    )
    .await;
    assert_eq!(keys(&created), vec!["eventId", "incidentRecordArn"]);
    let event_id = created["eventId"].as_str().expect("id").to_string();

    let updated = run(
        &cloud,
        IncidentCommand::UpdateTimelineEvent {
            incident_record_arn: arn.clone(),
            event_id: event_id.clone(),
            event_time: None,
            event_type: None,
            event_data: Some("\"edited\"".into()),
            event_references: None,
            client_token: None,
        },
    )
    .await;
    assert_eq!(updated, Value::Null);
    let event = cloud
        .get_timeline_event(&arn, &event_id)
        .await
        .expect("event");
    assert_eq!(event.event_data, "\"edited\"");
    assert_eq!(event.event_time, Timestamp::from_secs(1_680_294_600));

    let deleted = run(
        &cloud,
        IncidentCommand::DeleteTimelineEvent {
            incident_record_arn: arn.clone(),
            event_id: event_id.clone(),
        },
    )
    .await;
    assert_eq!(deleted, Value::Null);
    assert!(matches!(
        cloud.get_timeline_event(&arn, &event_id).await,
        Err(CloudError::NotFound { .. })
    ));

    let added = run(
        &cloud,
        IncidentCommand::UpdateRelatedItems {
            incident_record_arn: arn.clone(),
            related_items_update: RelatedItemsUpdate::ItemToAdd(RelatedItem {
                identifier: ItemIdentifier {
                    item_type: "OTHER".into(),
                    value: ItemValue::Url("https://example.com/runbook".into()),
                },
                title: Some("Runbook".into()),
                generated_id: None,
            }),
            client_token: None,
        },
    )
    .await;
    assert_eq!(added, Value::Null);
    let related = cloud.list_related_items(&arn).await.expect("related");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].title.as_deref(), Some("Runbook"));

    let resolved = run(
        &cloud,
        IncidentCommand::UpdateIncidentRecord {
            arn: arn.clone(),
            title: None,
            summary: None,
            impact: Some(4),
            status: Some(IncidentStatus::Resolved),
            chat_channel: None,
            notification_targets: None,
            client_token: None,
        },
    )
    .await;
    assert_eq!(resolved, Value::Null);
    let record = cloud.get_incident(&arn).await.expect("record");
    assert_eq!(record.status, IncidentStatus::Resolved);
    assert_eq!(record.impact, 4);
    assert!(record.resolved_time.is_some());
}

#[tokio::test]
async fn service_errors_map_to_their_kinds() {
    let (_sandbox, cloud) = connect(false, None).await;
    let impact_seven = IncidentCommand::UpdateIncidentRecord {
        arn: INCIDENT.into(),
        title: None,
        summary: None,
        impact: Some(7),
        status: None,
        chat_channel: None,
        notification_targets: None,
        client_token: None,
    };
    let err = cloud
        .execute(&impact_seven, None)
        .await
        .expect_err("impact 7");
    assert!(matches!(err, CloudError::Validation { .. }), "{err:?}");
    assert_eq!(err.code(), "ValidationException");
    assert!(err.cli_message("UpdateIncidentRecord").starts_with(
        "An error occurred (ValidationException) when calling the UpdateIncidentRecord operation: "
    ));

    let unknown = IncidentCommand::GetIncidentRecord {
        arn: "arn:aws:ssm-incidents::111122223333:incident-record/nope/00000000-0000-0000-0000-000000000000".into(),
    };
    let err = cloud
        .execute(&unknown, None)
        .await
        .expect_err("unknown arn");
    assert!(matches!(err, CloudError::NotFound { .. }), "{err:?}");
    assert_eq!(err.code(), "ResourceNotFoundException");
    assert!(!err.message().contains("sandbox-secret"));
    assert!(!err.message().contains("AKIDSANDBOXTEST"));
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_network_error() {
    // Bind and drop a listener to get a loopback port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(format!("http://127.0.0.1:{port}")),
        sandbox_credentials: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects without a request");
    let err = cloud.list_incidents().await.expect_err("nothing listens");
    assert!(matches!(err, CloudError::Network(_)), "{err:?}");
    assert!(!err.to_string().contains("sandbox-secret"));
}

#[tokio::test]
async fn read_only_refuses_writes_before_any_request() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let (_sandbox, cloud) = connect(true, Some(log.path())).await;
    assert!(matches!(cloud.writer(), Err(CloudError::ReadOnly(_))));

    let writes = [
        IncidentCommand::StartIncident {
            response_plan_arn: PLAN.into(),
            title: None,
            impact: None,
            related_items: vec![],
            trigger_details: None,
            client_token: None,
        },
        IncidentCommand::DeleteTimelineEvent {
            incident_record_arn: INCIDENT.into(),
            event_id: "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b".into(),
        },
        IncidentCommand::UpdateIncidentRecord {
            arn: INCIDENT.into(),
            title: None,
            summary: None,
            impact: Some(1),
            status: None,
            chat_channel: None,
            notification_targets: None,
            client_token: None,
        },
    ];
    for cmd in &writes {
        let err = cloud.execute(cmd, None).await.expect_err("refused");
        assert!(matches!(err, CloudError::ReadOnly(_)), "{err:?}");
    }
    // Reads still work, and only they reached the sandbox.
    run(
        &cloud,
        IncidentCommand::GetIncidentRecord {
            arn: INCIDENT.into(),
        },
    )
    .await;
    let logged = operations_logged(log.path());
    assert_eq!(logged, vec!["GetIncidentRecord"]);
    let record = cloud.get_incident(INCIDENT).await.expect("record");
    assert_eq!(record.impact, 2);
}

#[tokio::test]
async fn a_command_region_signs_for_that_region() {
    let log = tempfile::NamedTempFile::new().expect("temp file");
    let (_sandbox, cloud) = connect(true, Some(log.path())).await;
    let cmd = IncidentCommand::GetIncidentRecord {
        arn: INCIDENT.into(),
    };
    cloud.execute(&cmd, Some("eu-west-1")).await.expect("read");
    cloud.execute(&cmd, None).await.expect("read");
    let regions: Vec<String> = std::fs::read_to_string(log.path())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|l| l["region"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(regions, vec!["eu-west-1", "us-east-2"]);
}
