//! Sentences from real event data: the demo scenario's events, what the sandbox writes, and AWS's documented shapes.

use super::*;

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";

fn say(event_type: &str, data: &str) -> String {
    sentence(event_type, data, &Before::default())
}

#[test]
fn pages_and_acknowledgements_name_the_contact() {
    let page = r#"{"contactArn":"arn:aws:ssm-contacts:us-east-2:111122223333:contact/db-oncall","engagementArn":"arn:aws:ssm-contacts:us-east-2:111122223333:engagement/db-oncall/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}"#;
    assert_eq!(say(PAGE, page), "paged db-oncall");
    let ack = r#"{"contactArn":"arn:aws:ssm-contacts:us-east-2:111122223333:contact/db-oncall","acknowledgedBy":"jdoe"}"#;
    assert_eq!(say(ACKNOWLEDGEMENT, ack), "db-oncall acknowledged (jdoe)");
    let ack_without_who =
        r#"{"contactArn":"arn:aws:ssm-contacts:us-east-2:111122223333:contact/oncall-primary"}"#;
    assert_eq!(
        say(ACKNOWLEDGEMENT, ack_without_who),
        "oncall-primary acknowledged"
    );
    // The hand-made render fixture pages a bare name.
    assert_eq!(say(PAGE, r#"{"contactArn":"alice"}"#), "paged alice");
}

#[test]
fn triggers_name_the_alarm_and_its_state() {
    let cloudwatch = r#"{"source":"aws.cloudwatch","triggerArn":"arn:aws:cloudwatch:us-east-2:111122223333:alarm:orders-db-p99-latency","incidentTitle":"Orders database p99 latency above 2 s","impact":3,"rawData":"{\"AlarmName\":\"orders-db-p99-latency\",\"NewStateValue\":\"ALARM\"}"}"#;
    assert_eq!(
        say(TRIGGER, cloudwatch),
        "alarm orders-db-p99-latency → ALARM · impact 3"
    );
    let no_raw = r#"{"source":"aws.cloudwatch","triggerArn":"arn:aws:cloudwatch:us-east-2:111122223333:alarm:api-5xx","impact":2}"#;
    assert_eq!(say(TRIGGER, no_raw), "alarm api-5xx · impact 2");
    let rule = r#"{"source":"aws.events","triggerArn":"arn:aws:events:us-east-2:111122223333:rule/guardduty-high","impact":1}"#;
    assert_eq!(
        say(TRIGGER, rule),
        "EventBridge rule guardduty-high · impact 1"
    );
    // What the sandbox's StartIncident writes (and the demo's manual starts).
    let manual = r#"{"source":"aws.ssm-incidents.custom","incidentTitle":"Checkout API elevated 5xx rate","impact":3,"createdBy":"arn:aws:sts::111122223333:assumed-role/IncidentResponder/jdoe"}"#;
    assert_eq!(say(TRIGGER, manual), "started by jdoe · impact 3");
    let with_trigger = r#"{"incidentTitle":"x","impact":4,"responsePlanArn":"arn:aws:ssm-incidents::111122223333:response-plan/p","source":"custom.monitor","createdBy":"arn:aws:iam::111122223333:user/admin","triggerArn":"arn:aws:lambda:us-east-2:111122223333:function:monitor","rawData":"not json","triggerTime":1710407520}"#;
    assert_eq!(
        say(TRIGGER, with_trigger),
        "triggered by function:monitor · impact 4"
    );
    assert_eq!(
        say(START, r#"{"incidentTitle":"Payment API latency"}"#),
        "started: Payment API latency"
    );
}

#[test]
fn record_updates_read_as_changes_by_whom() {
    let jdoe = "arn:aws:sts::111122223333:assumed-role/IncidentResponder/jdoe";
    let with_previous = format!(
        r#"{{"modifiedBy":"{jdoe}","modifiedAttributes":[{{"attributeName":"impact","previousValue":"3","newValue":"2"}}]}}"#
    );
    assert_eq!(say(RECORD_UPDATE, &with_previous), "impact 3 → 2 (jdoe)");
    // The demo and the sandbox write no previousValue: earlier events supply it.
    let demo = format!(
        r#"{{"modifiedBy":"{jdoe}","modifiedAttributes":[{{"attributeName":"impact","newValue":"2"}}],"incidentTitle":"Orders database p99 latency above 2 s"}}"#
    );
    assert_eq!(say(RECORD_UPDATE, &demo), "impact → 2 (jdoe)");
    let before = Before {
        impact: Some("3".into()),
        status: Some("OPEN".into()),
    };
    assert_eq!(
        sentence(RECORD_UPDATE, &demo, &before),
        "impact 3 → 2 (jdoe)"
    );
    let resolved = format!(
        r#"{{"modifiedBy":"{jdoe}","modifiedAttributes":[{{"attributeName":"status","newValue":"RESOLVED"}}],"incidentTitle":"Chat channel drill"}}"#
    );
    assert_eq!(
        sentence(RECORD_UPDATE, &resolved, &before),
        "status OPEN → RESOLVED (jdoe)"
    );
    let both = r#"{"modifiedBy":"arn:aws:iam::111122223333:role/x","modifiedAttributes":[{"attributeName":"status","newValue":"RESOLVED"},{"attributeName":"impact","previousValue":"3","newValue":"2"}]}"#;
    assert_eq!(
        say(RECORD_UPDATE, both),
        "status → RESOLVED; impact 3 → 2 (x)"
    );
    // What the sandbox writes for a chat channel change: the JSON value reduced to topic names.
    let channel = r#"{"modifiedBy":"arn:aws:iam::111122223333:root","modifiedAttributes":[{"attributeName":"chatChannel","newValue":"{\"chatbotSns\":[\"arn:aws:sns:us-east-2:111122223333:My_SNS_topic\"]}"}]}"#;
    assert_eq!(
        say(RECORD_UPDATE, channel),
        "chatChannel → My_SNS_topic (root)"
    );
    let title = r#"{"modifiedAttributes":[{"attributeName":"title","previousValue":"old","newValue":"Orders DB slow"}]}"#;
    assert_eq!(say(RECORD_UPDATE, title), "title old → Orders DB slow");
}

#[test]
fn earlier_events_give_the_values_before_an_update() {
    let trigger = r#"{"source":"aws.cloudwatch","impact":3}"#;
    let update = r#"{"modifiedAttributes":[{"attributeName":"impact","newValue":"2"}]}"#;
    // Newest first: the update set 2 after the trigger's 3.
    let before = Before::from_earlier(
        [
            ("Custom Event", Some("\"x\"")),
            (RECORD_UPDATE, Some(update)),
            (TRIGGER, Some(trigger)),
        ]
        .into_iter(),
    );
    assert_eq!(before.impact.as_deref(), Some("2"));
    assert_eq!(before.status.as_deref(), Some("OPEN"));
    assert_eq!(
        Before::from_earlier([(TRIGGER, None)].into_iter()),
        Before::default(),
        "a text not read yet says nothing"
    );
    assert!(sets_impact_or_status(TRIGGER) && !sets_impact_or_status(PAGE));
}

#[test]
fn custom_events_and_notes_unquote_and_anything_else_stays_readable() {
    assert_eq!(
        say("Custom Event", r#""Failover of orders-db replica started""#),
        "Failover of orders-db replica started"
    );
    assert_eq!(say("Note", "plain words"), "plain words");
    assert_eq!(say("Custom Event", r#"{"a":1,"b":"x"}"#), "a: 1, b: x");
    assert_eq!(
        say(
            AUTOMATION_FAILURE,
            r#"{"documentName":"AWSIncidents-CriticalIncidentRunbookTemplate","failureReason":"AccessDenied","roleArn":"arn:aws:iam::111122223333:role/im-automation"}"#
        ),
        "documentName: AWSIncidents-CriticalIncidentRunbookTemplate, failureReason: AccessDenied, roleArn: role/im-automation"
    );
    assert_eq!(say("Custom Event", "[1,2]"), "[1,2]");
    let deep = "[".repeat(1000) + &"]".repeat(1000);
    assert_eq!(say("Custom Event", &deep), deep);
    // A page with a shape nobody documented falls back to its fields, never to nothing.
    assert_eq!(say(PAGE, r#"{"contact":"x"}"#), "contact: x");
}

#[test]
fn no_demo_event_reads_as_arn_keys() {
    let demo: Value = serde_json::from_str(include_str!("../../../assets/scenarios/demo.json"))
        .expect("demo parses");
    let mut seen = 0;
    for incident in demo["incidents"].as_array().into_iter().flatten() {
        for event in incident["timelineEvents"].as_array().into_iter().flatten() {
            let data = match &event["eventData"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let event_type = event["eventType"].as_str().unwrap_or_default();
            let text = say(event_type, &data);
            for key in [
                "contactArn",
                "engagementArn",
                "triggerArn",
                "modifiedBy",
                "{",
            ] {
                assert!(!text.contains(key), "{event_type}: {text}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 10, "the demo has events ({seen})");
}

#[test]
fn references_read_as_titles_and_names() {
    let titles: HashMap<String, String> = [(
        "related-item/OTHER/5E0F2A7C9B1D4E6F8A3B2C1D0E9F8A7B".to_string(),
        "Runbook: orders-db failover".to_string(),
    )]
    .into();
    let item =
        EventReference::RelatedItemId("related-item/OTHER/5E0F2A7C9B1D4E6F8A3B2C1D0E9F8A7B".into());
    assert_eq!(
        reference_label(&item, &titles, INCIDENT).as_deref(),
        Some("Runbook: orders-db failover")
    );
    let unknown = EventReference::RelatedItemId(
        "related-item/METRIC/0A1B2C3D4E5F60718293A4B5C6D7E8F9".into(),
    );
    assert_eq!(
        reference_label(&unknown, &titles, INCIDENT).as_deref(),
        Some("related metric item 0A1B2C3D…")
    );
    assert_eq!(
        reference_label(
            &EventReference::Resource(INCIDENT.into()),
            &titles,
            INCIDENT
        ),
        None,
        "a note's reference to its own incident says nothing"
    );
    assert_eq!(
        reference_label(
            &EventReference::Resource(
                "arn:aws:lambda:us-east-2:111122223333:function:payments-api".into()
            ),
            &titles,
            INCIDENT
        )
        .as_deref(),
        Some("lambda function:payments-api")
    );
    assert_eq!(
        reference_raw(&item),
        "related-item/OTHER/5E0F2A7C9B1D4E6F8A3B2C1D0E9F8A7B"
    );
}

#[test]
fn names_from_arns() {
    assert_eq!(
        principal_name("arn:aws:sts::111122223333:assumed-role/IncidentResponder/jdoe"),
        "jdoe"
    );
    assert_eq!(
        principal_name("arn:aws:iam::111122223333:user/admin"),
        "admin"
    );
    assert_eq!(principal_name("arn:aws:iam::111122223333:root"), "root");
    assert_eq!(principal_name("jdoe"), "jdoe");
    assert_eq!(
        short_arn("arn:aws:sns:us-east-2:111122223333:My_SNS_topic"),
        "My_SNS_topic"
    );
    assert_eq!(short_arn("not an arn"), "not an arn");
}
