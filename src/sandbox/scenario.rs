//! Scenarios: which world the sandbox starts with (demo, empty, a JSON file, or a generated scale test), moved
//! in time so a scenario's "as of" instant is the sandbox's start.

mod as_of;
mod scale;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::str::FromStr;

use serde::Deserialize;
use serde_json::Value;

use super::SandboxError;
use super::chatbot::shapes::ChatbotConfigurations;
use super::incidents::shapes::new_related_item_id;
use super::sns::{default_policy, subscriptions};
use super::store::{FindingEntry, PlanEntry, RecordEntry, Store, TopicEntry};
use crate::domain::arn::Arn;
use crate::domain::model::{
    EventReference, IncidentRecord, RelatedItem, ReplicationSet, ResponsePlan, TimelineEvent,
    Timestamp,
};

pub use scale::ScaleParams;

/// The demo world of product.md, compiled in so the binary needs no files.
const DEMO_JSON: &str = include_str!("../../assets/scenarios/demo.json");

/// The account of the demo scenario and the default for every other one.
pub const SANDBOX_ACCOUNT: &str = "111122223333";

#[derive(Debug, Clone, PartialEq)]
pub enum Scenario {
    Demo,
    Empty,
    /// A JSON file with the same shape as `assets/scenarios/demo.json`.
    File(PathBuf),
    Scale(ScaleParams),
}

impl FromStr for Scenario {
    type Err = SandboxError;

    /// `demo`, `empty`, `scale`, `scale:regions=17,topics=20,plans=5,incidents=10,events=100`, or a path.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "demo" => Ok(Scenario::Demo),
            "empty" => Ok(Scenario::Empty),
            "scale" => Ok(Scenario::Scale(ScaleParams::default())),
            _ => match s.strip_prefix("scale:") {
                Some(spec) => spec.parse().map(Scenario::Scale),
                None if s.is_empty() => Err(SandboxError::Scenario("empty scenario name".into())),
                None => Ok(Scenario::File(PathBuf::from(s))),
            },
        }
    }
}

/// The JSON shape of a scenario file. Members are the services' own wire shapes where one exists.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ScenarioFile {
    #[serde(default = "default_account")]
    account: String,
    /// The instant the scenario describes. When the sandbox is started with a wall-clock time, every time in
    /// the scenario moves by (start − asOf), so open incidents began minutes ago and resolved ones stay past.
    #[serde(default)]
    as_of: Option<Timestamp>,
    #[serde(default)]
    replication_set: Option<ReplicationSet>,
    #[serde(default)]
    response_plans: Vec<PlanSeed>,
    #[serde(default)]
    incidents: Vec<IncidentSeed>,
    #[serde(default)]
    topics: Vec<TopicSeed>,
    #[serde(default)]
    chatbot: ChatbotConfigurations,
}

fn default_account() -> String {
    SANDBOX_ACCOUNT.to_string()
}

/// GetResponsePlan's flat output shape.
#[derive(Debug, Deserialize)]
struct PlanSeed {
    #[serde(flatten)]
    plan: ResponsePlan,
    #[serde(default)]
    actions: Option<Value>,
    #[serde(default)]
    integrations: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct IncidentSeed {
    incident_record: IncidentRecord,
    #[serde(default)]
    timeline_events: Vec<EventSeed>,
    #[serde(default)]
    related_items: Vec<RelatedItem>,
    /// Deployments Incident Manager found that may have caused the incident.
    #[serde(default)]
    findings: Vec<FindingEntry>,
}

/// A TimelineEvent without its incident ARN; `eventData` may be written as JSON and is stored as its text.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EventSeed {
    event_id: String,
    event_time: Timestamp,
    #[serde(default)]
    event_updated_time: Option<Timestamp>,
    event_type: String,
    event_data: Value,
    #[serde(default)]
    event_references: Vec<EventReference>,
}

/// An SNS topic: the default policy plus `extraStatements`, or a whole `policy` given verbatim.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TopicSeed {
    region: String,
    name: String,
    /// The owning account when it is not the scenario's: reachable only by ARN, as its policy allows.
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    kms_master_key_id: Option<String>,
    #[serde(default)]
    policy: Option<Value>,
    #[serde(default)]
    extra_statements: Vec<Value>,
    #[serde(default)]
    subscriptions_confirmed: u32,
    /// `false` leaves out Chatbot's HTTPS subscription on a topic a chat configuration carries (a topic that was
    /// recreated, or whose subscription someone removed).
    #[serde(default)]
    chatbot_subscription: Option<bool>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

/// Builds the store a scenario describes. With `starts_at` (the sandbox's start, read from the clock by the
/// command that starts it), a scenario that names its `asOf` instant is moved to it; `None` keeps the times as
/// written, which is what tests that compare times want.
pub fn load(scenario: &Scenario, starts_at: Option<Timestamp>) -> Result<Store, SandboxError> {
    match scenario {
        Scenario::Demo => from_json(DEMO_JSON, "demo", starts_at),
        Scenario::Empty => Ok(Store {
            account: SANDBOX_ACCOUNT.to_string(),
            ..Store::default()
        }),
        Scenario::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                SandboxError::Scenario(format!("cannot read {}: {e}", path.display()))
            })?;
            from_json(&text, &path.display().to_string(), starts_at)
        }
        Scenario::Scale(params) => Ok(scale::generate(params)),
    }
}

/// `load`, with the scenario's account replaced by `account` everywhere (its resources' ARNs, owners and
/// policies), so a second sandbox can play another account. The scale scenario has no account to rewrite.
pub fn load_as(
    scenario: &Scenario,
    starts_at: Option<Timestamp>,
    account: Option<&str>,
) -> Result<Store, SandboxError> {
    let Some(account) = account else {
        return load(scenario, starts_at);
    };
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SandboxError::Scenario(format!(
            "--account {account}: an AWS account ID is 12 digits"
        )));
    }
    let (text, origin) = match scenario {
        Scenario::Empty => {
            return Ok(Store {
                account: account.to_string(),
                ..Store::default()
            });
        }
        Scenario::Scale(_) => {
            return Err(SandboxError::Scenario(
                "--account works with the demo, empty and file scenarios, not scale".into(),
            ));
        }
        Scenario::Demo => (DEMO_JSON.to_string(), "demo".to_string()),
        Scenario::File(path) => (
            std::fs::read_to_string(path).map_err(|e| {
                SandboxError::Scenario(format!("cannot read {}: {e}", path.display()))
            })?,
            path.display().to_string(),
        ),
    };
    let file: ScenarioFile = serde_json::from_str(&text)
        .map_err(|e| SandboxError::Scenario(format!("{origin}: {e}")))?;
    // The account appears only as its 12 digits (ARNs, policy conditions, the `account` member): replace them all.
    let rewritten = text.replace(&file.account, account);
    from_json(&rewritten, &origin, starts_at)
}

fn from_json(
    text: &str,
    origin: &str,
    starts_at: Option<Timestamp>,
) -> Result<Store, SandboxError> {
    let file: ScenarioFile =
        serde_json::from_str(text).map_err(|e| SandboxError::Scenario(format!("{origin}: {e}")))?;
    let as_of = file.as_of;
    let mut store = build(file).map_err(|e| SandboxError::Scenario(format!("{origin}: {e}")))?;
    if let (Some(now), Some(as_of)) = (starts_at, as_of) {
        // Whole seconds, so the scenario's round times stay round.
        let offset = (now.millis() - as_of.millis()).div_euclid(1000) * 1000;
        as_of::shift_times(&mut store, offset);
    }
    Ok(store)
}

fn build(file: ScenarioFile) -> Result<Store, String> {
    let mut store = Store {
        account: file.account,
        ..Store::default()
    };
    store.incidents.replication_set = file.replication_set;
    for seed in file.response_plans {
        let arn = seed.plan.arn.clone();
        let entry = PlanEntry {
            plan: seed.plan,
            actions: seed.actions,
            integrations: seed.integrations,
        };
        if store.incidents.plans.insert(arn.clone(), entry).is_some() {
            return Err(format!("response plan {arn} appears twice"));
        }
    }
    for seed in file.incidents {
        let arn = seed.incident_record.arn.clone();
        let mut ids = HashSet::new();
        let mut timeline = Vec::new();
        for event in seed.timeline_events {
            if !ids.insert(event.event_id.clone()) {
                return Err(format!("event {} appears twice in {arn}", event.event_id));
            }
            timeline.push(TimelineEvent {
                incident_record_arn: arn.clone(),
                event_id: event.event_id,
                event_time: event.event_time,
                event_updated_time: event.event_updated_time.unwrap_or(event.event_time),
                event_type: event.event_type,
                event_data: match event.event_data {
                    Value::String(s) => s,
                    other => other.to_string(),
                },
                event_references: event.event_references,
            });
        }
        let related_items = seed
            .related_items
            .into_iter()
            .map(|item| RelatedItem {
                generated_id: item
                    .generated_id
                    .clone()
                    .or_else(|| Some(new_related_item_id(&item.identifier.item_type))),
                ..item
            })
            .collect();
        let entry = RecordEntry {
            record: seed.incident_record,
            timeline,
            related_items,
        };
        if !seed.findings.is_empty() {
            store.incidents.findings.insert(arn.clone(), seed.findings);
        }
        if store.incidents.records.insert(arn.clone(), entry).is_some() {
            return Err(format!("incident {arn} appears twice"));
        }
    }
    let mut without_chatbot = BTreeSet::new();
    for seed in file.topics {
        let owner = seed.account.unwrap_or_else(|| store.account.clone());
        let arn = Arn::sns_topic(&seed.region, &owner, &seed.name).to_string();
        if seed.chatbot_subscription == Some(false) {
            without_chatbot.insert(arn.clone());
        }
        let policy = match seed.policy {
            Some(policy) => policy,
            None => {
                let mut policy = default_policy(&arn, &owner);
                if let Some(statements) = policy["Statement"].as_array_mut() {
                    statements.extend(seed.extra_statements);
                }
                policy
            }
        };
        let mut attributes = seed.attributes;
        attributes.insert("Policy".into(), policy.to_string());
        attributes.insert("DisplayName".into(), seed.display_name.unwrap_or_default());
        if let Some(key) = seed.kms_master_key_id {
            attributes.insert("KmsMasterKeyId".into(), key);
        }
        let topic = TopicEntry {
            name: seed.name.clone(),
            arn: arn.clone(),
            attributes,
            subscriptions_confirmed: seed.subscriptions_confirmed,
            tags: Vec::new(),
        };
        let own = store.account.clone();
        let region = store.sns.topics_of(&own, &owner, &seed.region);
        if region.insert(seed.name, topic).is_some() {
            return Err(format!("topic {arn} appears twice"));
        }
    }
    store.chatbot = file.chatbot;
    subscriptions::seed(&mut store, &without_chatbot);
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse() {
        assert_eq!("demo".parse::<Scenario>().ok(), Some(Scenario::Demo));
        assert_eq!("empty".parse::<Scenario>().ok(), Some(Scenario::Empty));
        assert_eq!(
            "scale".parse::<Scenario>().ok(),
            Some(Scenario::Scale(ScaleParams::default()))
        );
        assert_eq!(
            "./world.json".parse::<Scenario>().ok(),
            Some(Scenario::File(PathBuf::from("./world.json")))
        );
        assert!("scale:regions=x".parse::<Scenario>().is_err());
    }

    #[test]
    fn demo_loads_with_the_documented_pieces() {
        let store = load(&Scenario::Demo, None).expect("demo parses");
        assert_eq!(store.account, "111122223333");
        let regions: Vec<&String> = store
            .incidents
            .replication_set
            .iter()
            .flat_map(|s| s.region_map.keys())
            .collect();
        assert_eq!(regions.len(), 3);
        assert!(store.incidents.records.contains_key(
            "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
        ));
        assert!(store.incidents.plans.contains_key(
            "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat"
        ));
        let usw2 = &store.sns.regions["us-west-2"]["im-chat-usw2"];
        assert!(!usw2.attributes["Policy"].contains("ssm-incidents.amazonaws.com"));
        let use2 = &store.sns.regions["us-east-2"]["My_SNS_topic"];
        assert!(use2.attributes["Policy"].contains("IncidentManagerSNSPublishingPermissions"));
        assert!(
            store.sns.regions["eu-west-1"]
                .values()
                .all(|t| !t.attributes["Policy"].contains("ssm-incidents"))
        );
        let teams = &store.chatbot.microsoft_teams_channel_configurations;
        assert!(teams.iter().all(|t| t.guardrail_policy_arns.is_none()));
        assert_eq!(store.chatbot.chime_webhook_configurations.len(), 1);
    }

    #[test]
    fn the_demo_plays_another_account_without_touching_third_party_topics() {
        let store =
            load_as(&Scenario::Demo, None, Some("555566667777")).expect("demo as another account");
        assert_eq!(store.account, "555566667777");
        assert!(store.incidents.plans.contains_key(
            "arn:aws:ssm-incidents::555566667777:response-plan/test-response-plan-chat"
        ));
        let topic = &store.sns.regions["us-east-2"]["My_SNS_topic"];
        assert_eq!(topic.arn, "arn:aws:sns:us-east-2:555566667777:My_SNS_topic");
        assert!(topic.attributes["Policy"].contains("555566667777"));
        assert!(!topic.attributes["Policy"].contains("111122223333"));
        assert!(store.sns.other_accounts.contains_key("444455556666"));
        assert!(load_as(&Scenario::Demo, None, Some("12345")).is_err());
        assert!(
            load_as(
                &Scenario::Scale(ScaleParams::default()),
                None,
                Some("555566667777")
            )
            .is_err()
        );
    }

    #[test]
    fn a_file_scenario_reports_bad_json_with_its_origin() {
        let err = from_json("{\"account\": 5}", "broken.json", None).expect_err("bad type");
        assert!(err.to_string().contains("broken.json"), "{err}");
    }
}
