//! Property tests: no input makes the parser or completion panic, and canonical lines parse back.

use imdeck::domain::chat_command::{
    ChatLine, CompletionContext, OutputFormat, canonical_line, complete, fill_selected_incident,
    parse_chat_line,
};
use imdeck::domain::command::{IncidentCommand, Paging};
use imdeck::domain::model::{
    AttributeValueList, ChatChannel, Condition, EmptyObject, EventReference, Filter, ITEM_TYPES,
    IncidentStatus, ItemIdentifier, ItemValue, NotificationTargetItem, PagerDutyIncidentDetail,
    RelatedItem, RelatedItemsUpdate, SortOrder, Timestamp, TriggerDetails,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

const SAMPLE_LINES: [&str; 6] = [
    r#"@aws ssm-incidents create-timeline-event --event-data "\"example timeline event"\" --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"#,
    "@aws ssm-incidents start-incident --response-plan-arn arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat --region us-east-2",
    "@aws ssm-incidents list-incident-records --filters 'key=impact,condition={equals={integerValues=[1,2]}}' --query 'incidentRecordSummaries[].{T: title}'",
    r#"@aws ssm-incidents update-related-items --incident-record-arn arn:aws:ssm-incidents::1:incident-record/P/x --related-items-update '{"itemToAdd": {"identifier": {"type": "OTHER", "value": {"url": "u"}}}}'"#,
    "@Amazon Q ssm-incidents update-incident-record —arn x --chat-channel chatbotSns=a,b --status open",
    "ssm-incidents list-timeline-events --incident-record-arn x --sort-order ASCENDING --max-items 3 --cli-input-json '{\"sortBy\":\"EVENT_TIME\"}'",
];

/// Lines that look like chat lines: the samples with characters inserted, deleted or replaced.
fn mangled_line() -> impl Strategy<Value = String> {
    let character = prop_oneof![
        prop::char::range(' ', '~'),
        Just('—'),
        Just('"'),
        Just('\''),
        Just('“'),
        Just('”'),
        Just('’'),
    ];
    let edit = (any::<prop::sample::Index>(), 0..3u8, character);
    (prop::sample::select(SAMPLE_LINES.to_vec()), vec(edit, 0..8)).prop_map(|(line, edits)| {
        let mut chars: Vec<char> = line.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
        }
        chars.into_iter().collect()
    })
}

fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[@a-zA-Z \\-—='\"\\\\{}\\[\\],:.0-9]{0,120}",
        mangled_line(),
    ]
}

fn context() -> CompletionContext {
    CompletionContext {
        plan_arns: vec![PLANS[0].into()],
        incident_arns: INCIDENTS.iter().map(|s| s.to_string()).collect(),
        event_ids: vec!["e-1".into()],
        selected_incident: Some(INCIDENTS[0].into()),
        ..CompletionContext::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_parser_never_panics_and_points_inside_the_line(line in any_line()) {
        if let Err(error) = parse_chat_line(&line) {
            prop_assert!(!error.problems.is_empty());
            let length = line.chars().count();
            for problem in &error.problems {
                prop_assert!(problem.span.start <= problem.span.end && problem.span.end <= length);
                let typed: String = line.chars().skip(problem.span.start).take(problem.span.len()).collect();
                prop_assert_eq!(&problem.word, &typed);
            }
            if let Some(fixed) = &error.corrected_line {
                prop_assert!(parse_chat_line(fixed).is_ok(), "corrected {:?} does not parse", fixed);
            }
        }
    }

    #[test]
    fn completion_never_panics_and_replaces_inside_the_line(line in any_line(), cursor in 0usize..200) {
        let ctx = context();
        let completion = complete(&line, cursor, &ctx);
        let length = line.chars().count();
        prop_assert!(completion.replace.start <= completion.replace.end);
        prop_assert!(completion.replace.end <= length);
        // Filling in the highlighted incident only ever adds it: the line typed so far is kept.
        if let Some(filled) = fill_selected_incident(&line, &ctx) {
            let arn = ctx.selected_incident.as_deref().unwrap_or_default();
            prop_assert!(filled.contains(arn), "{:?}", filled);
            let typed: Vec<&str> = line.split_whitespace().collect();
            prop_assert!(typed.iter().all(|w| filled.contains(w)), "{:?} lost words of {:?}", filled, line);
        }
    }
}

const INCIDENTS: [&str; 2] = [
    "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE",
    "arn:aws-cn:ssm-incidents::444455556666:incident-record/plan_2/abc",
];
const PLANS: [&str; 2] = [
    "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat",
    "arn:aws:ssm-incidents::111122223333:response-plan/MyResponsePlanChat",
];
const TOPICS: [&str; 2] = [
    "arn:aws:sns:us-east-2:111122223333:My_SNS_topic",
    "arn:aws:sns:eu-west-1:111122223333:im-chat=euw1,x",
];
const ARNS: [&str; 3] = [
    "arn:aws:s3:::bucket/key with space",
    "arn:aws:cloudwatch:us-east-2:111122223333:alarm:High CPU",
    "arn:aws:lambda:us-east-2:111122223333:function:f",
];

fn incident() -> impl Strategy<Value = String> {
    prop::sample::select(INCIDENTS.to_vec()).prop_map(String::from)
}

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(items).prop_map(String::from)
}

/// Text with the characters that need quoting: spaces, quotes, backslashes, dashes, shorthand syntax.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::string::string_regex(&format!(
        "[a-zA-Z0-9 \\-—'\"\\\\=,{{}}\\[\\]$!:/é\\t]{{0,{max}}}"
    ))
    .expect("a valid regex")
}

fn nonempty_text(max: usize) -> impl Strategy<Value = String> {
    text(max).prop_filter("non-empty", |s| !s.is_empty())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4_000_000_000).prop_map(Timestamp::from_secs)
}

fn related_item_id() -> impl Strategy<Value = String> {
    (pick(&ITEM_TYPES), "[0-9A-F]{32}").prop_map(|(t, hex)| format!("related-item/{t}/{hex}"))
}

fn item_value() -> impl Strategy<Value = ItemValue> {
    prop_oneof![
        pick(&ARNS).prop_map(ItemValue::Arn),
        nonempty_text(40).prop_map(ItemValue::Url),
        nonempty_text(40).prop_map(ItemValue::MetricDefinition),
        (
            nonempty_text(20),
            option::of(any::<bool>()),
            option::of(nonempty_text(20))
        )
            .prop_map(|(id, auto_resolve, secret_id)| {
                ItemValue::PagerDutyIncidentDetail(PagerDutyIncidentDetail {
                    id,
                    auto_resolve,
                    secret_id,
                })
            }),
    ]
}

fn identifier() -> impl Strategy<Value = ItemIdentifier> {
    (pick(&ITEM_TYPES), item_value())
        .prop_map(|(item_type, value)| ItemIdentifier { item_type, value })
}

fn related_item() -> impl Strategy<Value = RelatedItem> {
    (
        identifier(),
        option::of(text(30)),
        option::of(related_item_id()),
    )
        .prop_map(|(identifier, title, generated_id)| RelatedItem {
            identifier,
            title,
            generated_id,
        })
}

fn event_reference() -> impl Strategy<Value = EventReference> {
    prop_oneof![
        prop_oneof![incident(), pick(&ARNS)].prop_map(EventReference::Resource),
        related_item_id().prop_map(EventReference::RelatedItemId),
    ]
}

fn filter(keys: &'static [&'static str]) -> impl Strategy<Value = Filter> {
    (
        pick(keys),
        timestamp(),
        vec(nonempty_text(12), 0..3),
        vec(any::<i32>(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(key, time, strings, integers, before)| {
            let condition = match key.as_str() {
                "creationTime" | "eventTime" if before => Condition::Before(time),
                "creationTime" | "eventTime" => Condition::After(time),
                "impact" => Condition::Equals(AttributeValueList::IntegerValues(integers)),
                _ => Condition::Equals(AttributeValueList::StringValues(strings)),
            };
            Filter { key, condition }
        })
}

fn paging() -> impl Strategy<Value = Paging> {
    (
        option::of(1usize..1000),
        option::of(1i32..=100),
        option::of(nonempty_text(20)),
    )
        .prop_map(|(max_items, page_size, starting_token)| Paging {
            max_items,
            page_size,
            starting_token,
        })
}

fn start_incident() -> impl Strategy<Value = IncidentCommand> {
    let trigger = (
        nonempty_text(20),
        timestamp(),
        option::of(pick(&ARNS)),
        option::of(text(30)),
    )
        .prop_map(
            |(source, timestamp, trigger_arn, raw_data)| TriggerDetails {
                source,
                timestamp,
                trigger_arn,
                raw_data,
            },
        );
    (
        pick(&PLANS),
        option::of(text(60)),
        option::of(1i32..=5),
        vec(related_item(), 0..3),
        option::of(trigger),
        option::of(nonempty_text(20)),
    )
        .prop_map(
            |(response_plan_arn, title, impact, related_items, trigger_details, client_token)| {
                IncidentCommand::StartIncident {
                    response_plan_arn,
                    title,
                    impact,
                    related_items,
                    trigger_details,
                    client_token,
                }
            },
        )
}

fn update_incident_record() -> impl Strategy<Value = IncidentCommand> {
    let channel = prop_oneof![
        vec(pick(&TOPICS), 1..=5).prop_map(ChatChannel::ChatbotSns),
        Just(ChatChannel::Empty(EmptyObject {})),
    ];
    let targets = option::of(vec(
        pick(&TOPICS).prop_map(NotificationTargetItem::SnsTopicArn),
        0..3,
    ));
    let status = option::of(prop_oneof![
        Just(IncidentStatus::Open),
        Just(IncidentStatus::Resolved)
    ]);
    (
        incident(),
        option::of(text(60)),
        option::of(text(60)),
        option::of(1i32..=5),
        status,
        option::of(channel),
        targets,
        option::of(nonempty_text(20)),
    )
        .prop_map(
            |(
                arn,
                title,
                summary,
                impact,
                status,
                chat_channel,
                notification_targets,
                client_token,
            )| {
                IncidentCommand::UpdateIncidentRecord {
                    arn,
                    title,
                    summary,
                    impact,
                    status,
                    chat_channel,
                    notification_targets,
                    client_token,
                }
            },
        )
}

fn timeline_commands() -> impl Strategy<Value = IncidentCommand> {
    let sort_order = option::of(prop_oneof![
        Just(SortOrder::Ascending),
        Just(SortOrder::Descending)
    ]);
    prop_oneof![
        (
            incident(),
            vec(filter(&["eventTime", "eventType", "eventReference"]), 0..3),
            option::of(Just("EVENT_TIME".to_string())),
            sort_order,
            paging()
        )
            .prop_map(
                |(incident_record_arn, filters, sort_by, sort_order, paging)| {
                    IncidentCommand::ListTimelineEvents {
                        incident_record_arn,
                        filters,
                        sort_by,
                        sort_order,
                        paging,
                    }
                }
            ),
        (incident(), nonempty_text(30)).prop_map(|(incident_record_arn, event_id)| {
            IncidentCommand::GetTimelineEvent {
                incident_record_arn,
                event_id,
            }
        }),
        (incident(), nonempty_text(30)).prop_map(|(incident_record_arn, event_id)| {
            IncidentCommand::DeleteTimelineEvent {
                incident_record_arn,
                event_id,
            }
        }),
        (
            incident(),
            timestamp(),
            text(40),
            text(80),
            vec(event_reference(), 0..3),
            option::of(nonempty_text(20))
        )
            .prop_map(
                |(
                    incident_record_arn,
                    event_time,
                    event_type,
                    event_data,
                    event_references,
                    client_token,
                )| {
                    IncidentCommand::CreateTimelineEvent {
                        incident_record_arn,
                        event_time,
                        event_type,
                        event_data,
                        event_references,
                        client_token,
                    }
                }
            ),
        (
            incident(),
            nonempty_text(30),
            option::of(timestamp()),
            option::of(text(40)),
            option::of(text(80)),
            option::of(vec(event_reference(), 0..3)),
            option::of(nonempty_text(20))
        )
            .prop_map(
                |(
                    incident_record_arn,
                    event_id,
                    event_time,
                    event_type,
                    event_data,
                    event_references,
                    client_token,
                )| {
                    IncidentCommand::UpdateTimelineEvent {
                        incident_record_arn,
                        event_id,
                        event_time,
                        event_type,
                        event_data,
                        event_references,
                        client_token,
                    }
                }
            ),
    ]
}

fn other_commands() -> impl Strategy<Value = IncidentCommand> {
    let update = prop_oneof![
        related_item().prop_map(RelatedItemsUpdate::ItemToAdd),
        identifier().prop_map(RelatedItemsUpdate::ItemToRemove),
    ];
    prop_oneof![
        paging().prop_map(|paging| IncidentCommand::ListResponsePlans { paging }),
        pick(&PLANS).prop_map(|arn| IncidentCommand::GetResponsePlan { arn }),
        (
            vec(
                filter(&["creationTime", "impact", "status", "createdBy"]),
                0..3
            ),
            paging()
        )
            .prop_map(|(filters, paging)| IncidentCommand::ListIncidentRecords { filters, paging }),
        incident().prop_map(|arn| IncidentCommand::GetIncidentRecord { arn }),
        (incident(), paging()).prop_map(|(incident_record_arn, paging)| {
            IncidentCommand::ListRelatedItems {
                incident_record_arn,
                paging,
            }
        }),
        (incident(), update, option::of(nonempty_text(20))).prop_map(
            |(incident_record_arn, related_items_update, client_token)| {
                IncidentCommand::UpdateRelatedItems {
                    incident_record_arn,
                    related_items_update,
                    client_token,
                }
            }
        ),
    ]
}

fn chat_line() -> impl Strategy<Value = ChatLine> {
    let command = prop_oneof![
        start_incident(),
        update_incident_record(),
        timeline_commands(),
        other_commands()
    ];
    let query = option::of(pick(&[
        "incidentRecordSummaries[].title",
        "length(@)",
        "{A: a, \"b c\": `1`}",
        "[?status=='OPEN']",
    ]));
    let output = prop_oneof![Just(OutputFormat::Json), Just(OutputFormat::Text)];
    (
        command,
        option::of(pick(&["us-east-2", "eu-west-1", "us-gov-west-1"])),
        query,
        output,
    )
        .prop_map(|(command, region, query, output)| ChatLine {
            command,
            region,
            query,
            output,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn canonical_lines_parse_back_to_the_same_command(line in chat_line()) {
        let canonical = canonical_line(&line);
        let parsed = parse_chat_line(&canonical);
        prop_assert_eq!(parsed.as_ref().map_err(|e| e.to_string()), Ok(&line), "canonical: {}", canonical);
    }
}
