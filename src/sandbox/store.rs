//! The sandbox's state: Incident Manager data per account, SNS topics per account and Region, Chatbot configurations.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::Value;

use super::chatbot::shapes::ChatbotConfigurations;
use super::sns::subscription_data::SubscriptionData;
use crate::domain::model::{
    IncidentRecord, RelatedItem, ReplicationSet, ResponsePlan, TimelineEvent, Timestamp,
};

/// Everything the sandbox knows; the router keeps it behind one mutex and never holds that across an await.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub account: String,
    pub incidents: IncidentData,
    pub sns: SnsData,
    /// SNS subscriptions and what Chatbot did with each published message.
    pub subscriptions: SubscriptionData,
    pub chatbot: ChatbotConfigurations,
    pub chatbot_preferences: ChatbotPreferences,
    pub idempotency: Idempotency,
}

#[derive(Debug, Clone, Default)]
pub struct IncidentData {
    pub replication_set: Option<ReplicationSet>,
    /// Keyed by plan ARN.
    pub plans: BTreeMap<String, PlanEntry>,
    /// Keyed by incident record ARN.
    pub records: BTreeMap<String, RecordEntry>,
    /// Tags of response plans and the replication set, keyed by resource ARN.
    pub tags: BTreeMap<String, BTreeMap<String, String>>,
    /// Resource policies of response plans, keyed by plan ARN, in the order they were put.
    pub resource_policies: BTreeMap<String, Vec<ResourcePolicyEntry>>,
    /// Findings (deployments that may have caused an incident) as the API answers them, keyed by record ARN.
    pub findings: BTreeMap<String, Vec<FindingEntry>>,
}

/// Chatbot's account preferences. Both start off: the sandbox assumes the harsher reading of undocumented
/// defaults (reference/aws-api.md, "Chatbot account preferences").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChatbotPreferences {
    pub user_authorization_required: bool,
    pub training_data_collection_enabled: bool,
}

/// A finding as BatchGetIncidentFindings answers it; `details` is the FindingDetails union, kept verbatim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindingEntry {
    pub id: String,
    pub creation_time: Timestamp,
    pub last_modified_time: Timestamp,
    #[serde(default)]
    pub details: Option<Value>,
}

/// One PutResourcePolicy: the id it answered, the document verbatim, and the Region its share was made in.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourcePolicyEntry {
    pub policy_id: String,
    pub document: String,
    pub region: String,
}

impl IncidentData {
    /// Whether Incident Manager answers in `region`: a Region of the replication set, or any Region while
    /// there is no replication set at all (an empty account has nothing to hide).
    pub fn serves_region(&self, region: &str) -> bool {
        self.replication_set
            .as_ref()
            .is_none_or(|set| set.region_map.contains_key(region))
    }
}

/// A response plan plus the members the domain model does not carry, kept verbatim.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEntry {
    pub plan: ResponsePlan,
    pub actions: Option<Value>,
    pub integrations: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordEntry {
    pub record: IncidentRecord,
    pub timeline: Vec<TimelineEvent>,
    pub related_items: Vec<RelatedItem>,
}

/// SNS topics per account: the caller's (the store's `account`), which ListTopics lists, and other accounts',
/// which the caller reaches only by ARN and only where their policy lets it.
#[derive(Debug, Clone, Default)]
pub struct SnsData {
    /// The caller's topics: Region → topic name → topic.
    pub regions: BTreeMap<String, BTreeMap<String, TopicEntry>>,
    /// Other accounts' topics: account → Region → topic name → topic.
    pub other_accounts: BTreeMap<String, BTreeMap<String, BTreeMap<String, TopicEntry>>>,
}

impl SnsData {
    /// The topics of `account` in `region`, created empty on first use. `own` is the caller's account.
    pub fn topics_of(
        &mut self,
        own: &str,
        account: &str,
        region: &str,
    ) -> &mut BTreeMap<String, TopicEntry> {
        let regions = if account == own {
            &mut self.regions
        } else {
            self.other_accounts.entry(account.to_string()).or_default()
        };
        regions.entry(region.to_string()).or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicEntry {
    pub name: String,
    pub arn: String,
    /// Settable attributes as SNS stores them (Policy, DisplayName, KmsMasterKeyId, DeliveryPolicy, …).
    pub attributes: BTreeMap<String, String>,
    pub subscriptions_confirmed: u32,
    pub tags: Vec<(String, String)>,
}

/// What a `clientToken` was first used for, so a repeat gets the same answer.
#[derive(Debug, Clone, Default)]
pub struct Idempotency {
    seen: HashMap<(String, String), (String, Value)>,
}

/// How a write with a `clientToken` relates to earlier writes with the same token.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenUse {
    First,
    /// Same token, same request: the stored answer.
    Repeat(Value),
    /// Same token, different request.
    Mismatch,
}

impl Idempotency {
    pub fn check(&self, operation: &str, token: &str, fingerprint: &str) -> TokenUse {
        match self.seen.get(&(operation.to_string(), token.to_string())) {
            None => TokenUse::First,
            Some((seen, answer)) if seen == fingerprint => TokenUse::Repeat(answer.clone()),
            Some(_) => TokenUse::Mismatch,
        }
    }

    pub fn remember(&mut self, operation: &str, token: &str, fingerprint: String, answer: Value) {
        self.seen.insert(
            (operation.to_string(), token.to_string()),
            (fingerprint, answer),
        );
    }
}
