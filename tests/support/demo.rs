//! Hand-made domain values shaped like the demo scenario (the checks are the real audit's), and helpers that
//! drive `update` with them.
#![allow(dead_code)]

use std::collections::BTreeMap;

use imdeck::app::state::HeaderInfo;
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::audit::Check;
use imdeck::domain::model::*;
use imdeck::domain::snapshot::{CloudSnapshot, ReadFailure, RegionSnapshot};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const ACCOUNT: &str = "111122223333";
pub const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
pub const INCIDENT_2: &str = "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/11c397e6-7c10-aa10-9b86-f199aEXAMPLE";
pub const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
/// 2023-03-31T21:00:00Z: every age on screen is measured from here.
pub const NOW: i64 = 1_680_296_400;

pub fn now() -> Timestamp {
    Timestamp::from_secs(NOW)
}

pub fn header(read_only: bool) -> HeaderInfo {
    HeaderInfo {
        account: ACCOUNT.into(),
        region: "us-east-2".into(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only,
        incident_manager: None,
        endpoint: None,
    }
}

pub fn topic_arn(region: &str, name: &str) -> String {
    format!("arn:aws:sns:{region}:{ACCOUNT}:{name}")
}

fn topic(region: &str, name: &str) -> Fetched {
    Ok(Topic {
        arn: topic_arn(region, name),
        attributes: BTreeMap::new(),
    })
}

type Fetched = Result<Topic, ReadFailure>;

fn plan(name: &str, topics: &[String], engagements: &[&str]) -> ResponsePlan {
    ResponsePlan {
        arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:response-plan/{name}"),
        name: name.into(),
        display_name: None,
        incident_template: IncidentTemplate {
            title: format!("{name} incident"),
            impact: 3,
            summary: None,
            dedupe_string: None,
            notification_targets: Vec::new(),
            incident_tags: BTreeMap::new(),
        },
        chat_channel: (!topics.is_empty()).then(|| ChatChannel::ChatbotSns(topics.to_vec())),
        engagements: engagements
            .iter()
            .map(|e| format!("arn:aws:ssm-contacts:us-east-2:{ACCOUNT}:contact/{e}"))
            .collect(),
    }
}

pub fn snapshot() -> CloudSnapshot {
    let regions = ["us-east-2", "us-west-2", "eu-west-1"];
    let region_map = regions
        .iter()
        .map(|r| {
            (
                r.to_string(),
                RegionInfo {
                    status: "ACTIVE".into(),
                    status_update_date_time: Timestamp::from_secs(NOW - 86_400),
                    sse_kms_key_id: None,
                    status_message: None,
                },
            )
        })
        .collect();
    let slack_topics = vec![
        topic_arn("us-east-2", "My_SNS_topic"),
        topic_arn("us-west-2", "im-chat-usw2"),
    ];
    let channel = |platform,
                   name: &str,
                   label: &str,
                   topics: Vec<String>,
                   guardrails: Option<Vec<String>>| ChannelConfig {
        platform,
        arn: format!("arn:aws:chatbot::{ACCOUNT}:chat-configuration/{name}"),
        name: name.into(),
        channel_label: label.into(),
        iam_role_arn: format!("arn:aws:iam::{ACCOUNT}:role/chatbot-channel"),
        sns_topic_arns: topics,
        guardrail_policy_arns: guardrails,
        user_authorization_required: false,
        state: Some("ENABLED".into()),
        logging_level: None,
    };
    let mut channels = BTreeMap::new();
    channels.insert(
        ChatPlatform::Slack,
        Ok(vec![channel(
            ChatPlatform::Slack,
            "slack-incidents",
            "#incidents",
            slack_topics.clone(),
            Some(vec![
                "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess".into(),
            ]),
        )]),
    );
    channels.insert(
        ChatPlatform::MicrosoftTeams,
        Ok(vec![channel(
            ChatPlatform::MicrosoftTeams,
            "teams-ops",
            "Ops",
            vec![topic_arn("us-east-2", "teams-topic")],
            None,
        )]),
    );
    channels.insert(
        ChatPlatform::Chime,
        Ok(vec![channel(
            ChatPlatform::Chime,
            "chime-hook",
            "chime webhook",
            vec![topic_arn("us-east-2", "chime-topic")],
            None,
        )]),
    );
    CloudSnapshot {
        account: ACCOUNT.into(),
        replication_set: Ok(Some(ReplicationSet {
            arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:replication-set/abc"),
            created_by: "admin".into(),
            created_time: Timestamp::from_secs(NOW - 86_400 * 30),
            last_modified_by: "admin".into(),
            last_modified_time: Timestamp::from_secs(NOW - 86_400 * 30),
            deletion_protected: false,
            status: "ACTIVE".into(),
            region_map,
        })),
        regions: vec![
            RegionSnapshot {
                region: "us-east-2".into(),
                topics: Ok(vec![topic("us-east-2", "My_SNS_topic")]),
            },
            RegionSnapshot {
                region: "us-west-2".into(),
                topics: Ok(vec![topic("us-west-2", "im-chat-usw2")]),
            },
            RegionSnapshot {
                region: "eu-west-1".into(),
                topics: Ok(vec![]),
            },
        ],
        channels,
        plans: Ok(vec![
            Ok(plan(
                "test-response-plan-chat",
                &slack_topics,
                &["alice", "bob"],
            )),
            Ok(plan(
                "MyResponsePlanChat",
                &slack_topics,
                &["carol", "dave"],
            )),
            Ok(plan("plan-without-channel", &[], &[])),
            Ok(plan(
                "chime-plan",
                &[topic_arn("us-east-2", "chime-topic")],
                &["erin"],
            )),
        ]),
        unlisted_topics: Vec::new(),
        subscriptions: Default::default(),
    }
    .with_chatbot_subscriptions()
}

/// The checks the real audit finds in [`snapshot`]: pane snapshots cannot drift from what the audit says.
pub fn checks() -> Vec<Check> {
    imdeck::domain::audit::run_audit(&snapshot())
}

pub fn incidents() -> Vec<IncidentRecordSummary> {
    let source = IncidentRecordSource {
        created_by: format!("arn:aws:iam::{ACCOUNT}:user/admin"),
        source: "aws.ssm-incidents.custom".into(),
        invoked_by: None,
        resource_arn: None,
    };
    let summary = |arn: &str, title: &str, status, impact, created: i64, resolved: Option<i64>| {
        IncidentRecordSummary {
            arn: arn.into(),
            title: title.into(),
            status,
            impact,
            creation_time: Timestamp::from_secs(created),
            resolved_time: resolved.map(Timestamp::from_secs),
            incident_record_source: source.clone(),
        }
    };
    vec![
        summary(
            &format!(
                "arn:aws:ssm-incidents::{ACCOUNT}:incident-record/test-response-plan-chat/old1"
            ),
            "Disk full on build host",
            IncidentStatus::Resolved,
            4,
            NOW - 86_400 * 3,
            Some(NOW - 86_400 * 2),
        ),
        summary(
            INCIDENT,
            "Payment API latency",
            IncidentStatus::Open,
            2,
            NOW - 3_000,
            None,
        ),
        summary(
            INCIDENT_2,
            "Checkout errors in eu-west-1",
            IncidentStatus::Open,
            1,
            NOW - 600,
            None,
        ),
        summary(
            &format!("arn:aws:ssm-incidents::{ACCOUNT}:incident-record/MyResponsePlanChat/old2"),
            "Login page slow",
            IncidentStatus::Resolved,
            3,
            NOW - 86_400 * 5,
            Some(NOW - 86_400 * 4),
        ),
    ]
}

pub fn record(arn: &str) -> IncidentRecord {
    let summary = incidents()
        .into_iter()
        .find(|i| i.arn == arn)
        .unwrap_or_else(|| incidents().remove(1));
    IncidentRecord {
        arn: summary.arn,
        title: summary.title,
        summary: None,
        status: summary.status,
        impact: summary.impact,
        creation_time: summary.creation_time,
        resolved_time: summary.resolved_time,
        last_modified_time: summary.creation_time,
        last_modified_by: format!("arn:aws:iam::{ACCOUNT}:user/admin"),
        dedupe_string: "x".into(),
        incident_record_source: summary.incident_record_source,
        chat_channel: Some(ChatChannel::ChatbotSns(vec![topic_arn(
            "us-east-2",
            "My_SNS_topic",
        )])),
        notification_targets: vec![NotificationTargetItem::SnsTopicArn(topic_arn(
            "us-east-2",
            "oncall",
        ))],
    }
}

pub fn event(arn: &str, id: &str, secs: i64, event_type: &str, data: &str) -> TimelineEvent {
    TimelineEvent {
        incident_record_arn: arn.into(),
        event_id: id.into(),
        event_time: Timestamp::from_secs(secs),
        event_updated_time: Timestamp::from_secs(secs),
        event_type: event_type.into(),
        event_data: data.into(),
        event_references: Vec::new(),
    }
}

/// The demo incident's timeline: the start, a page, notes, an impact change.
pub fn timeline(arn: &str) -> Vec<TimelineEvent> {
    let mut with_ref = event(
        arn,
        "e3",
        NOW - 2_400,
        "Custom Event",
        "\"Rolled back payments-api to v41\"",
    );
    with_ref.event_references = vec![EventReference::Resource(format!(
        "arn:aws:lambda:us-east-2:{ACCOUNT}:function:payments-api"
    ))];
    vec![
        event(
            arn,
            "e1",
            NOW - 3_000,
            "SSM Incident Start",
            r#"{"incidentTitle":"Payment API latency"}"#,
        ),
        event(
            arn,
            "e2",
            NOW - 2_900,
            "SSM Contacts Page for Incident",
            r#"{"contactArn":"alice"}"#,
        ),
        with_ref,
        event(
            arn,
            "e4",
            NOW - 1_800,
            "SSM Incident Record Update",
            r#"{"modifiedBy":"arn:aws:iam::111122223333:user/admin","modifiedAttributes":[{"attributeName":"impact","previousValue":"3","newValue":"2"}]}"#,
        ),
        event(
            arn,
            "e5",
            NOW - 600,
            "Custom Event",
            "p99 latency back under 300 ms in us-east-2; still elevated in us-west-2 where the cache warm-up is slower than expected, keeping the incident open until it settles",
        ),
    ]
}

pub fn key(code: KeyCode) -> Msg {
    Msg::KeyPressed(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Msg {
    Msg::KeyPressed(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typed(state: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(state, key(KeyCode::Char(c))))
        .collect()
}

/// A started state with nothing answered yet: everything loading.
pub fn started(read_only: bool) -> AppState {
    let mut state = AppState::new(header(read_only));
    state.color = true;
    update(&mut state, Msg::Started { now: now() });
    state
}

/// A state with the snapshot, the incidents, the demo incident's record and timeline (texts included) loaded.
pub fn loaded(read_only: bool) -> AppState {
    let mut state = started(read_only);
    let setup_generation = state.setup.generation;
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation: setup_generation,
            snapshot: Box::new(snapshot()),
            checks: checks(),
        },
    );
    let incidents_generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation: incidents_generation,
            result: Ok(incidents()),
        },
    );
    // The list opens on the most severe open incident; the demo one is asked for, as `--incident` would.
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT.into(),
        },
    );
    update(
        &mut state,
        Msg::IncidentRecordLoaded {
            arn: INCIDENT.into(),
            result: Ok(record(INCIDENT)),
        },
    );
    let events = timeline(INCIDENT);
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(events.iter().map(EventSummary::from).collect()),
            last_page: true,
        },
    );
    for e in events {
        update(
            &mut state,
            Msg::EventLoaded {
                arn: INCIDENT.into(),
                id: e.event_id.clone(),
                result: Ok(e),
            },
        );
    }
    state
}

/// The event texts a responder writes: a few words to a few lines, and the service's JSON system events.
fn text_of(n: usize) -> (&'static str, String) {
    match n % 5 {
        0 => (
            "SSM Incident Record Update",
            format!(
                r#"{{"modifiedBy":"arn:aws:iam::111122223333:user/responder-{}","modifiedAttributes":[{{"attributeName":"impact","previousValue":"3","newValue":"2"}}]}}"#,
                n % 7
            ),
        ),
        1 => (
            "Custom Event",
            format!("\"Restarted payments-api pod {n}; error rate back under 0.1%\""),
        ),
        2 => (
            "Note",
            format!(
                "\"Step {n}: p99 latency back under 300 ms in us-east-2; still elevated in us-west-2 where the cache warm-up is slower than expected, keeping the incident open until it settles\""
            ),
        ),
        3 => (
            "SSM Contacts Page for Incident",
            format!(
                r#"{{"contactArn":"arn:aws:ssm-contacts:us-east-2:111122223333:contact/oncall-{}"}}"#,
                n % 3
            ),
        ),
        _ => ("Custom Event", format!("\"Checked dashboard {n}\"")),
    }
}

/// Event `n` of `count` in the demo incident (the one fixture of a long timeline, shared by tests and benches), one every 3 s up to `NOW`; made again on demand, so that
/// no second copy of the timeline is ever held (it would blur the memory figures).
pub fn event_number(count: usize, n: usize) -> TimelineEvent {
    let (kind, data) = text_of(n);
    let secs = NOW - 3 * (count - n) as i64;
    event(INCIDENT, &format!("ev{n:06}"), secs, kind, &data)
}

/// The summaries of a timeline of `count` events as one poll delivers them, oldest first.
pub fn many_summaries(count: usize) -> Vec<EventSummary> {
    (0..count)
        .map(|n| EventSummary::from(&event_number(count, n)))
        .collect()
}
