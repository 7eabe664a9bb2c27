//! The chat-line table: valid lines with the exact command each must produce, and the docs' broken example.

use imdeck::domain::chat_command::{
    ChatLine, OutputFormat, ParseError, canonical_line, parse_chat_line,
};
use imdeck::domain::command::{IncidentCommand, Paging};
use imdeck::domain::model::{
    AttributeValueList, ChatChannel, Condition, EmptyObject, EventReference, Filter,
    IncidentStatus, ItemIdentifier, ItemValue, NotificationTargetItem, RelatedItem,
    RelatedItemsUpdate, SortOrder, Timestamp, TriggerDetails,
};

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";
const TOPIC_WEST: &str = "arn:aws:sns:us-west-2:111122223333:im-chat-usw2";

const DOCS_EXAMPLE: &str = r#"@aws ssm-incidents create-timeline-event --event-data "\"example timeline event"\" --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"#;
const DOCS_CORRECTED: &str = r#"@aws ssm-incidents create-timeline-event --event-data "\"example timeline event"\" --event-time 2023-03-31T20:30:00.000 --event-type "Custom Event" --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"#;

fn line(command: IncidentCommand) -> ChatLine {
    ChatLine {
        command,
        region: None,
        query: None,
        output: OutputFormat::Json,
    }
}

fn in_region(command: IncidentCommand, region: &str) -> ChatLine {
    ChatLine {
        region: Some(region.to_string()),
        ..line(command)
    }
}

fn get_incident() -> IncidentCommand {
    IncidentCommand::GetIncidentRecord {
        arn: INCIDENT.into(),
    }
}

/// The optional members of update-incident-record; `command()` adds the incident ARN.
#[derive(Default)]
struct IncidentUpdate {
    title: Option<String>,
    summary: Option<String>,
    impact: Option<i32>,
    status: Option<IncidentStatus>,
    chat_channel: Option<ChatChannel>,
    notification_targets: Option<Vec<NotificationTargetItem>>,
}

impl IncidentUpdate {
    fn command(self) -> IncidentCommand {
        IncidentCommand::UpdateIncidentRecord {
            arn: INCIDENT.into(),
            title: self.title,
            summary: self.summary,
            impact: self.impact,
            status: self.status,
            chat_channel: self.chat_channel,
            notification_targets: self.notification_targets,
            client_token: None,
        }
    }
}

/// The optional members of update-timeline-event for event `e1` of the incident.
#[derive(Default)]
struct EventUpdate {
    event_time: Option<Timestamp>,
    event_data: Option<String>,
    event_references: Option<Vec<EventReference>>,
}

impl EventUpdate {
    fn command(self) -> IncidentCommand {
        IncidentCommand::UpdateTimelineEvent {
            incident_record_arn: INCIDENT.into(),
            event_id: "e1".into(),
            event_time: self.event_time,
            event_type: None,
            event_data: self.event_data,
            event_references: self.event_references,
            client_token: None,
        }
    }
}

fn create_event(time: i64, event_type: &str, data: &str) -> IncidentCommand {
    IncidentCommand::CreateTimelineEvent {
        incident_record_arn: INCIDENT.into(),
        event_time: Timestamp::from_secs(time),
        event_type: event_type.into(),
        event_data: data.into(),
        event_references: vec![],
        client_token: None,
    }
}

fn string_filter(key: &str, values: &[&str]) -> Filter {
    Filter {
        key: key.into(),
        condition: Condition::Equals(AttributeValueList::StringValues(
            values.iter().map(|v| v.to_string()).collect(),
        )),
    }
}

fn url_item(url: &str, title: Option<&str>) -> RelatedItem {
    RelatedItem {
        identifier: ItemIdentifier {
            item_type: "OTHER".into(),
            value: ItemValue::Url(url.into()),
        },
        title: title.map(str::to_string),
        generated_id: None,
    }
}

/// Valid lines and the exact command each must produce.
fn valid_lines() -> Vec<(String, ChatLine)> {
    let list_plans = || IncidentCommand::ListResponsePlans {
        paging: Paging::default(),
    };
    vec![
        // The product brief's first and third examples.
        (
            format!("@aws ssm-incidents start-incident --response-plan-arn {PLAN} --region us-east-2"),
            in_region(
                IncidentCommand::StartIncident {
                    response_plan_arn: PLAN.into(),
                    title: None,
                    impact: None,
                    related_items: vec![],
                    trigger_details: None,
                    client_token: None,
                },
                "us-east-2",
            ),
        ),
        (
            "@aws ssm-incidents list-incident-records".into(),
            line(IncidentCommand::ListIncidentRecords {
                filters: vec![],
                paging: Paging::default(),
            }),
        ),
        // Prefixes: @Amazon Q in any case, @AWS, none, a pasted `aws`, extra whitespace.
        ("@Amazon Q ssm-incidents list-response-plans".into(), line(list_plans())),
        ("@amazon q ssm-incidents list-response-plans".into(), line(list_plans())),
        (format!("@AWS ssm-incidents get-response-plan --arn {PLAN}"), line(IncidentCommand::GetResponsePlan { arn: PLAN.into() })),
        (format!("ssm-incidents get-incident-record --arn {INCIDENT}"), line(get_incident())),
        (
            "aws ssm-incidents list-response-plans --max-items 10".into(),
            line(IncidentCommand::ListResponsePlans {
                paging: Paging {
                    max_items: Some(10),
                    ..Paging::default()
                },
            }),
        ),
        ("  @aws   ssm-incidents\tlist-response-plans  ".into(), line(list_plans())),
        // One hyphen, and the em dash and en dash of mobile autocorrect.
        (format!("@aws ssm-incidents get-incident-record —arn {INCIDENT}"), line(get_incident())),
        (format!("@aws ssm-incidents get-incident-record –arn {INCIDENT}"), line(get_incident())),
        (
            format!("@aws ssm-incidents get-incident-record -arn {INCIDENT} -region eu-west-1"),
            in_region(get_incident(), "eu-west-1"),
        ),
        (format!("@aws ssm-incidents get-incident-record --arn={INCIDENT}"), line(get_incident())),
        // Quoting: single, double, escaped quotes, backslash-space, quote concatenation.
        (
            format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --title 'Database down' --summary "It's slow" --impact 2 --status RESOLVED"#),
            line(IncidentUpdate {
                title: Some("Database down".into()),
                summary: Some("It's slow".into()),
                impact: Some(2),
                status: Some(IncidentStatus::Resolved),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!(r"@aws ssm-incidents update-incident-record --arn {INCIDENT} --title Disk\ full"),
            line(IncidentUpdate {
                title: Some("Disk full".into()),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --title 'it'"'"'s down'"#),
            line(IncidentUpdate {
                title: Some("it's down".into()),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --title="Disk full" --summary ''"#),
            line(IncidentUpdate {
                title: Some("Disk full".into()),
                summary: Some(String::new()),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!(r#"@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id e1 --event-data "He said \"roll back\"""#),
            line(EventUpdate {
                event_data: Some("He said \"roll back\"".into()),
                ..EventUpdate::default()
            }
            .command()),
        ),
        // The docs' line once corrected: the event data keeps its quote characters.
        (
            DOCS_CORRECTED.into(),
            line(create_event(1_680_294_600, "Custom Event", "\"example timeline event\"")),
        ),
        (
            format!(r#"@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type Note --event-data '{{"json": "with spaces"}}' --event-references resource={INCIDENT} --client-token t-1"#),
            line(IncidentCommand::CreateTimelineEvent {
                incident_record_arn: INCIDENT.into(),
                event_time: Timestamp::from_secs(1_680_294_600),
                event_type: "Note".into(),
                event_data: r#"{"json": "with spaces"}"#.into(),
                event_references: vec![EventReference::Resource(INCIDENT.into())],
                client_token: Some("t-1".into()),
            }),
        ),
        // Timestamps with an offset; event references replaced by an empty list.
        (
            format!("@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id e1 --event-time 2023-03-31T22:30:00+02:00 --event-references '[]'"),
            line(EventUpdate {
                event_time: Some(Timestamp::from_secs(1_680_294_600)),
                event_references: Some(vec![]),
                ..EventUpdate::default()
            }
            .command()),
        ),
        // Chat channel: shorthand list, shorthand empty, JSON empty.
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel chatbotSns={TOPIC},{TOPIC_WEST}"),
            line(IncidentUpdate {
                chat_channel: Some(ChatChannel::ChatbotSns(vec![TOPIC.into(), TOPIC_WEST.into()])),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel 'empty={{}}'"),
            line(IncidentUpdate {
                chat_channel: Some(ChatChannel::Empty(EmptyObject {})),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel '{{"empty":{{}}}}'"#),
            line(IncidentUpdate {
                chat_channel: Some(ChatChannel::Empty(EmptyObject {})),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --notification-targets snsTopicArn={TOPIC} snsTopicArn={TOPIC_WEST}"),
            line(IncidentUpdate {
                notification_targets: Some(vec![
                    NotificationTargetItem::SnsTopicArn(TOPIC.into()),
                    NotificationTargetItem::SnsTopicArn(TOPIC_WEST.into()),
                ]),
                ..IncidentUpdate::default()
            }
            .command()),
        ),
        // Filters: shorthand, two space-separated items, JSON with spaces.
        (
            "@aws ssm-incidents list-incident-records --filters key=status,condition={equals={stringValues=[OPEN]}} --query 'incidentRecordSummaries[].title' --output text".into(),
            ChatLine {
                query: Some("incidentRecordSummaries[].title".into()),
                output: OutputFormat::Text,
                ..line(IncidentCommand::ListIncidentRecords {
                    filters: vec![string_filter("status", &["OPEN"])],
                    paging: Paging::default(),
                })
            },
        ),
        (
            "@aws ssm-incidents list-incident-records --filters 'key=impact,condition={equals={integerValues=[1,2]}}' 'key=creationTime,condition={after=2024-01-01T00:00:00Z}' --page-size 50".into(),
            line(IncidentCommand::ListIncidentRecords {
                filters: vec![
                    Filter {
                        key: "impact".into(),
                        condition: Condition::Equals(AttributeValueList::IntegerValues(vec![1, 2])),
                    },
                    Filter {
                        key: "creationTime".into(),
                        condition: Condition::After(Timestamp::from_secs(1_704_067_200)),
                    },
                ],
                paging: Paging {
                    page_size: Some(50),
                    ..Paging::default()
                },
            }),
        ),
        (
            r#"@aws ssm-incidents list-incident-records --filters '[{"key": "status", "condition": {"equals": {"stringValues": ["OPEN", "RESOLVED"]}}}]'"#.into(),
            line(IncidentCommand::ListIncidentRecords {
                filters: vec![string_filter("status", &["OPEN", "RESOLVED"])],
                paging: Paging::default(),
            }),
        ),
        (
            format!("@aws ssm-incidents list-timeline-events --incident-record-arn {INCIDENT} --filters 'key=eventType,condition={{equals={{stringValues=[Note]}}}}' --sort-by EVENT_TIME --sort-order DESCENDING --max-items 5 --page-size 2 --starting-token abc"),
            line(IncidentCommand::ListTimelineEvents {
                incident_record_arn: INCIDENT.into(),
                filters: vec![string_filter("eventType", &["Note"])],
                sort_by: Some("EVENT_TIME".into()),
                sort_order: Some(SortOrder::Descending),
                paging: Paging {
                    max_items: Some(5),
                    page_size: Some(2),
                    starting_token: Some("abc".into()),
                },
            }),
        ),
        (
            format!("@aws ssm-incidents get-timeline-event --incident-record-arn {INCIDENT} --event-id 20bcc812-8a94-4cd7-520c-0ff742111424"),
            line(IncidentCommand::GetTimelineEvent {
                incident_record_arn: INCIDENT.into(),
                event_id: "20bcc812-8a94-4cd7-520c-0ff742111424".into(),
            }),
        ),
        (
            format!("@aws ssm-incidents delete-timeline-event --event-id e1 --incident-record-arn {INCIDENT}"),
            line(IncidentCommand::DeleteTimelineEvent {
                incident_record_arn: INCIDENT.into(),
                event_id: "e1".into(),
            }),
        ),
        (
            format!("@aws ssm-incidents list-related-items --incident-record-arn {INCIDENT} --region us-west-2"),
            in_region(
                IncidentCommand::ListRelatedItems {
                    incident_record_arn: INCIDENT.into(),
                    paging: Paging::default(),
                },
                "us-west-2",
            ),
        ),
        // Related items: shorthand with nesting and a URL, JSON with an escaped JSON string inside.
        (
            format!("@aws ssm-incidents update-related-items --incident-record-arn {INCIDENT} --related-items-update 'itemToAdd={{identifier={{type=OTHER,value={{url=https://example.com/runbook?a=b}}}},title=Runbook}}'"),
            line(IncidentCommand::UpdateRelatedItems {
                incident_record_arn: INCIDENT.into(),
                related_items_update: RelatedItemsUpdate::ItemToAdd(url_item(
                    "https://example.com/runbook?a=b",
                    Some("Runbook"),
                )),
                client_token: None,
            }),
        ),
        (
            format!(r#"@aws ssm-incidents update-related-items --incident-record-arn {INCIDENT} --related-items-update '{{"itemToRemove": {{"type": "METRIC", "value": {{"metricDefinition": "{{\"a\": 1}}"}}}}}}'"#),
            line(IncidentCommand::UpdateRelatedItems {
                incident_record_arn: INCIDENT.into(),
                related_items_update: RelatedItemsUpdate::ItemToRemove(ItemIdentifier {
                    item_type: "METRIC".into(),
                    value: ItemValue::MetricDefinition(r#"{"a": 1}"#.into()),
                }),
                client_token: None,
            }),
        ),
        // start-incident with everything.
        (
            format!("@aws ssm-incidents start-incident --response-plan-arn {PLAN} --title 'Checkout errors' --impact 1 --related-items 'identifier={{type=OTHER,value={{url=https://a.example}}}}' 'identifier={{type=OTHER,value={{url=https://b.example}}}},title=B' --trigger-details 'source=custom.monitor,timestamp=2024-01-01T00:00:00Z,rawData=x' --client-token tok"),
            line(IncidentCommand::StartIncident {
                response_plan_arn: PLAN.into(),
                title: Some("Checkout errors".into()),
                impact: Some(1),
                related_items: vec![url_item("https://a.example", None), url_item("https://b.example", Some("B"))],
                trigger_details: Some(TriggerDetails {
                    source: "custom.monitor".into(),
                    timestamp: Timestamp::from_secs(1_704_067_200),
                    trigger_arn: None,
                    raw_data: Some("x".into()),
                }),
                client_token: Some("tok".into()),
            }),
        ),
        // --cli-input-json alone, and merged with an explicit option that wins.
        (
            format!(r#"@aws ssm-incidents get-incident-record --cli-input-json '{{"arn": "{INCIDENT}"}}'"#),
            line(get_incident()),
        ),
        (
            format!(r#"@aws ssm-incidents create-timeline-event --cli-input-json '{{"incidentRecordArn": "{INCIDENT}", "eventTime": "2023-03-31T20:30:00Z", "eventType": "Note", "eventData": "from json"}}' --event-data "explicit wins""#),
            line(create_event(1_680_294_600, "Note", "explicit wins")),
        ),
        (
            format!(r#"@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time "2023-03-31T20:30:00.999Z" --event-type "Custom Event" --event-data x"#),
            line(create_event(1_680_294_600, "Custom Event", "x")),
        ),
    ]
}

fn describe(error: &ParseError) -> String {
    error
        .problems
        .iter()
        .map(|p| format!("[{}] {:?} {}", p.word, p.span, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn valid_lines_produce_the_exact_command() {
    let cases = valid_lines();
    assert!(cases.len() >= 30);
    for (text, expected) in cases {
        match parse_chat_line(&text) {
            Ok(parsed) => assert_eq!(parsed, expected, "{text}"),
            Err(error) => panic!("{text}\n{}", describe(&error)),
        }
    }
}

#[test]
fn valid_lines_round_trip_through_the_canonical_line() {
    for (text, expected) in valid_lines() {
        let canonical = canonical_line(&expected);
        assert_eq!(
            parse_chat_line(&canonical).as_ref().ok(),
            Some(&expected),
            "{text}\n→ {canonical}"
        );
    }
}

#[test]
fn every_command_has_a_valid_line() {
    let covered: Vec<&str> = valid_lines()
        .iter()
        .map(|(_, l)| l.command.cli_name())
        .collect();
    for name in imdeck::domain::command::COMMAND_NAMES {
        assert!(covered.contains(&name), "{name}");
    }
}

#[test]
fn the_docs_example_names_both_problems_and_its_correction_succeeds() {
    let error = parse_chat_line(DOCS_EXAMPLE).expect_err("the docs' line is rejected");
    let words: Vec<&str> = error.problems.iter().map(|p| p.word.as_str()).collect();
    assert_eq!(words, vec!["2023-03-31 T20:30:00.000", "Custom Event"]);
    assert_eq!(error.problems[0].span, 96..120);
    let corrected = error
        .corrected_line
        .clone()
        .expect("a corrected line is offered");
    assert!(
        corrected.contains(r#"--event-time 2023-03-31T20:30:00.000 --event-type "Custom Event""#)
    );
    assert_eq!(
        parse_chat_line(&corrected).map(|l| l.command),
        Ok(create_event(
            1_680_294_600,
            "Custom Event",
            "\"example timeline event\""
        ))
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{}; {}",
            error.problems[0].message, error.problems[1].message
        )
    );
}

#[test]
fn the_canonical_line_quotes_and_uses_shorthand() {
    let canonical = canonical_line(&line(create_event(
        1_680_294_600,
        "Custom Event",
        "\"example timeline event\"",
    )));
    assert_eq!(
        canonical,
        format!(
            r#"@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 2023-03-31T20:30:00Z --event-type "Custom Event" --event-data '"example timeline event"'"#
        )
    );
    let channel = canonical_line(&line(
        IncidentUpdate {
            chat_channel: Some(ChatChannel::ChatbotSns(vec![
                TOPIC.into(),
                TOPIC_WEST.into(),
            ])),
            title: Some("-starts with a dash".into()),
            ..IncidentUpdate::default()
        }
        .command(),
    ));
    assert_eq!(
        channel,
        format!(
            r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --title="-starts with a dash" --chat-channel chatbotSns={TOPIC},{TOPIC_WEST}"#
        )
    );
}
