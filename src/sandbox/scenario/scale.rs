//! The generated `scale` scenario: many Regions, topics, plans, incidents and events, for benchmarks.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde_json::json;

use super::super::SandboxError;
use super::super::sns::default_policy;
use super::super::store::{PlanEntry, RecordEntry, Store, TopicEntry};
use super::SANDBOX_ACCOUNT;
use crate::domain::arn::Arn;
use crate::domain::model::{
    ChatChannel, IncidentRecord, IncidentRecordSource, IncidentStatus, IncidentTemplate,
    RegionInfo, ReplicationSet, ResponsePlan, TimelineEvent, Timestamp,
};
use crate::sandbox::chatbot::shapes::SlackChannelConfiguration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleParams {
    pub regions: usize,
    pub topics_per_region: usize,
    pub plans: usize,
    pub incidents: usize,
    pub events_per_incident: usize,
}

impl Default for ScaleParams {
    fn default() -> Self {
        Self {
            regions: 17,
            topics_per_region: 20,
            plans: 5,
            incidents: 10,
            events_per_incident: 100,
        }
    }
}

impl FromStr for ScaleParams {
    type Err = SandboxError;

    /// `regions=17,topics=20,plans=5,incidents=10,events=100`; omitted keys keep their defaults.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let mut params = ScaleParams::default();
        for pair in spec.split(',').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                SandboxError::Scenario(format!("scale parameter '{pair}' is not key=value"))
            })?;
            let n: usize = value.trim().parse().map_err(|_| {
                SandboxError::Scenario(format!("scale parameter {key}: '{value}' is not a count"))
            })?;
            match key.trim() {
                "regions" => params.regions = n,
                "topics" => params.topics_per_region = n,
                "plans" => params.plans = n,
                "incidents" => params.incidents = n,
                "events" => params.events_per_incident = n,
                other => {
                    return Err(SandboxError::Scenario(format!(
                        "unknown scale parameter '{other}' (regions, topics, plans, incidents, events)"
                    )));
                }
            }
        }
        Ok(params)
    }
}

const REAL_REGIONS: [&str; 17] = [
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "us-east-1",
    "us-west-1",
    "eu-central-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "ca-central-1",
    "sa-east-1",
    "af-south-1",
];

fn region_name(index: usize) -> String {
    REAL_REGIONS
        .get(index)
        .map_or_else(|| format!("xx-scale-{}", index + 1), |r| r.to_string())
}

/// Fixed origin so generated worlds are identical run to run: 2024-01-01T00:00:00Z.
const ORIGIN_SECS: i64 = 1_704_067_200;

pub fn generate(params: &ScaleParams) -> Store {
    let account = SANDBOX_ACCOUNT;
    let mut store = Store {
        account: account.to_string(),
        ..Store::default()
    };
    let regions: Vec<String> = (0..params.regions.max(1)).map(region_name).collect();
    let origin = Timestamp::from_secs(ORIGIN_SECS);
    store.incidents.replication_set = Some(ReplicationSet {
        arn: Arn::replication_set(account, "5ca1e000-0000-4000-8000-000000000001").to_string(),
        created_by: Arn::iam(account, "role/Admin").to_string(),
        created_time: origin,
        last_modified_by: Arn::iam(account, "role/Admin").to_string(),
        last_modified_time: origin,
        deletion_protected: true,
        status: "ACTIVE".into(),
        region_map: regions
            .iter()
            .map(|r| {
                let info = RegionInfo {
                    status: "ACTIVE".into(),
                    status_update_date_time: origin,
                    sse_kms_key_id: Some("DefaultKey".into()),
                    status_message: None,
                };
                (r.clone(), info)
            })
            .collect(),
    });

    // Each Region gets an `im-chat-REGION` topic; every other one carries the Incident Manager statement, so
    // audits over a scale world have both passes and failures to report.
    let mut chat_topics = Vec::new();
    for (index, region) in regions.iter().enumerate() {
        let topics = store.sns.regions.entry(region.clone()).or_default();
        for t in 0..params.topics_per_region {
            let name = if t == 0 {
                format!("im-chat-{region}")
            } else {
                format!("scale-topic-{t:04}")
            };
            let arn = Arn::sns_topic(region, account, &name).to_string();
            let mut policy = default_policy(&arn, account);
            if t == 0
                && index % 2 == 0
                && let Some(statements) = policy["Statement"].as_array_mut()
            {
                statements.push(json!({
                    "Sid": "IncidentManagerSNSPublishingPermissions",
                    "Effect": "Allow",
                    "Principal": {"Service": "ssm-incidents.amazonaws.com"},
                    "Action": "SNS:Publish",
                    "Resource": arn,
                    "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": account}}
                }));
            }
            if t == 0 {
                chat_topics.push(arn.clone());
            }
            let mut attributes = BTreeMap::new();
            attributes.insert("Policy".to_string(), policy.to_string());
            attributes.insert("DisplayName".to_string(), String::new());
            topics.insert(
                name.clone(),
                TopicEntry {
                    name,
                    arn,
                    attributes,
                    subscriptions_confirmed: u32::from(t == 0),
                    tags: Vec::new(),
                },
            );
        }
    }
    store
        .chatbot
        .slack_channel_configurations
        .push(SlackChannelConfiguration {
            slack_team_name: "scale-corp".into(),
            slack_team_id: "T0SCALE0001".into(),
            slack_channel_id: "C0SCALE0001".into(),
            slack_channel_name: "scale-incidents".into(),
            chat_configuration_arn: Arn::chat_configuration(
                account,
                "slack-channel",
                "scale-incidents",
            )
            .to_string(),
            iam_role_arn: Arn::iam(account, "role/IncidentManagerChatRole").to_string(),
            sns_topic_arns: chat_topics.clone(),
            configuration_name: Some("scale-incidents".into()),
            logging_level: Some("ERROR".into()),
            guardrail_policy_arns: Some(vec![
                "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess".into(),
            ]),
            user_authorization_required: Some(false),
            tags: None,
            state: Some("ENABLED".into()),
            state_reason: None,
        });
    // Chatbot is subscribed to every topic of the channel, as after saving it.
    super::super::sns::subscriptions::seed(&mut store, &std::collections::BTreeSet::new());

    let plan_topics: Vec<String> = chat_topics.iter().take(5).cloned().collect();
    let mut plan_names = Vec::new();
    for p in 0..params.plans.max(1) {
        let name = format!("scale-plan-{p:03}");
        let arn = Arn::response_plan(account, &name).to_string();
        let plan = ResponsePlan {
            arn: arn.clone(),
            name: name.clone(),
            display_name: Some(format!("Scale plan {p}")),
            incident_template: IncidentTemplate {
                title: format!("Scale incident from plan {p}"),
                impact: (p % 5 + 1) as i32,
                summary: None,
                dedupe_string: None,
                notification_targets: Vec::new(),
                incident_tags: BTreeMap::new(),
            },
            chat_channel: (!plan_topics.is_empty())
                .then(|| ChatChannel::ChatbotSns(plan_topics.clone())),
            engagements: vec![
                Arn::new("ssm-contacts", "us-east-2", account, "contact/scale-oncall").to_string(),
            ],
        };
        plan_names.push(name);
        store.incidents.plans.insert(
            arn,
            PlanEntry {
                plan,
                actions: None,
                integrations: None,
            },
        );
    }

    for i in 0..params.incidents {
        let plan = &plan_names[i % plan_names.len()];
        let arn = Arn::incident_record(account, plan, &format!("5ca1e000-0000-4000-8000-{i:012}"))
            .to_string();
        let created = Timestamp::from_secs(ORIGIN_SECS + (i as i64) * 3600);
        let open = i % 2 == 0;
        let last_event =
            Timestamp::from_secs(created.millis() / 1000 + params.events_per_incident as i64 * 30);
        let record = IncidentRecord {
            arn: arn.clone(),
            title: format!("Scale incident {i}"),
            summary: Some("Generated for load tests".into()),
            status: if open {
                IncidentStatus::Open
            } else {
                IncidentStatus::Resolved
            },
            impact: (i % 5 + 1) as i32,
            creation_time: created,
            resolved_time: (!open).then_some(last_event),
            last_modified_time: last_event,
            last_modified_by: Arn::iam(account, "role/Responder").to_string(),
            dedupe_string: String::new(),
            incident_record_source: IncidentRecordSource {
                created_by: Arn::iam(account, "role/Responder").to_string(),
                source: "aws.ssm-incidents.custom".into(),
                invoked_by: None,
                resource_arn: None,
            },
            chat_channel: (!plan_topics.is_empty())
                .then(|| ChatChannel::ChatbotSns(plan_topics.clone())),
            notification_targets: Vec::new(),
        };
        let timeline = (0..params.events_per_incident)
            .map(|e| {
                let at = Timestamp::from_secs(created.millis() / 1000 + e as i64 * 30);
                TimelineEvent {
                    incident_record_arn: arn.clone(),
                    event_id: format!("5ca1e000-{i:04}-4000-8000-{e:012}"),
                    event_time: at,
                    event_updated_time: at,
                    event_type: if e % 4 == 3 {
                        "Note".into()
                    } else {
                        "Custom Event".into()
                    },
                    event_data: json!(format!("Scale event {e} of incident {i}")).to_string(),
                    event_references: Vec::new(),
                }
            })
            .collect();
        store.incidents.records.insert(
            arn,
            RecordEntry {
                record,
                timeline,
                related_items: Vec::new(),
            },
        );
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_overrides_defaults() {
        let p: ScaleParams = "regions=3,events=7".parse().expect("parses");
        assert_eq!(p.regions, 3);
        assert_eq!(p.events_per_incident, 7);
        assert_eq!(p.plans, ScaleParams::default().plans);
        assert!("colour=3".parse::<ScaleParams>().is_err());
    }

    #[test]
    fn generated_world_has_the_requested_sizes() {
        let params = ScaleParams {
            regions: 20,
            topics_per_region: 4,
            plans: 3,
            incidents: 6,
            events_per_incident: 9,
        };
        let store = generate(&params);
        assert_eq!(store.sns.regions.len(), 20);
        assert!(store.sns.regions.values().all(|t| t.len() == 4));
        assert_eq!(store.incidents.plans.len(), 3);
        assert_eq!(store.incidents.records.len(), 6);
        assert!(
            store
                .incidents
                .records
                .values()
                .all(|r| r.timeline.len() == 9)
        );
        assert!(store.sns.regions.contains_key("xx-scale-18"));
    }
}
