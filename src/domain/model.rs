//! The AWS resources imdeck reasons about, as plain serde types that serialise to the services' own JSON shapes.

use std::collections::BTreeMap;

use crate::domain::arn::Arn;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant, kept as epoch milliseconds; on the wire it is epoch seconds (an integer when whole, as the
/// AWS CLI sends it, a float otherwise, as the Rust SDK sends it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_secs(secs: i64) -> Self {
        Self(secs * 1000)
    }
    pub fn from_secs_f64(secs: f64) -> Self {
        Self((secs * 1000.0).round() as i64)
    }
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
    /// ISO 8601 in UTC with millisecond precision, e.g. `2023-03-31T20:30:00.000Z`.
    pub fn to_rfc3339(self) -> String {
        chrono::DateTime::from_timestamp_millis(self.0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_else(|| self.0.to_string())
    }
    /// The wire form: whole seconds as an integer, otherwise fractional seconds.
    pub fn to_json(self) -> serde_json::Value {
        if self.0 % 1000 == 0 {
            serde_json::Value::from(self.0 / 1000)
        } else {
            serde_json::Value::from(self.secs_f64())
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(d)?;
        Ok(Timestamp::from_secs_f64(secs))
    }
}

/// `{}` on the wire: the member of a union that carries no data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EmptyObject {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChatChannel {
    ChatbotSns(Vec<String>),
    Empty(EmptyObject),
}

impl ChatChannel {
    pub fn topics(&self) -> &[String] {
        match self {
            ChatChannel::ChatbotSns(t) => t,
            ChatChannel::Empty(_) => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NotificationTargetItem {
    SnsTopicArn(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "UPPERCASE")]
pub enum IncidentStatus {
    Open,
    Resolved,
}

/// Incident Manager's impact scale in the console's words: 1 critical … 5 no impact.
pub fn impact_label(impact: i32) -> &'static str {
    match impact {
        1 => "critical",
        2 => "high",
        3 => "medium",
        4 => "low",
        5 => "no impact",
        _ => "unknown impact",
    }
}

impl IncidentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentStatus::Open => "OPEN",
            IncidentStatus::Resolved => "RESOLVED",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentRecordSource {
    pub created_by: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoked_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentRecord {
    pub arn: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub status: IncidentStatus,
    pub impact: i32,
    pub creation_time: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_time: Option<Timestamp>,
    pub last_modified_time: Timestamp,
    pub last_modified_by: String,
    pub dedupe_string: String,
    pub incident_record_source: IncidentRecordSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_channel: Option<ChatChannel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notification_targets: Vec<NotificationTargetItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentRecordSummary {
    pub arn: String,
    pub title: String,
    pub status: IncidentStatus,
    pub impact: i32,
    pub creation_time: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_time: Option<Timestamp>,
    pub incident_record_source: IncidentRecordSource,
}

impl From<&IncidentRecord> for IncidentRecordSummary {
    fn from(r: &IncidentRecord) -> Self {
        Self {
            arn: r.arn.clone(),
            title: r.title.clone(),
            status: r.status,
            impact: r.impact,
            creation_time: r.creation_time,
            resolved_time: r.resolved_time,
            incident_record_source: r.incident_record_source.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentTemplate {
    pub title: String,
    pub impact: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dedupe_string: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notification_targets: Vec<NotificationTargetItem>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub incident_tags: BTreeMap<String, String>,
}

/// GetResponsePlan's output, which is flat (no wrapper member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponsePlan {
    pub arn: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub incident_template: IncidentTemplate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_channel: Option<ChatChannel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponsePlanSummary {
    pub arn: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EventReference {
    Resource(String),
    RelatedItemId(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    pub incident_record_arn: String,
    pub event_id: String,
    pub event_time: Timestamp,
    pub event_updated_time: Timestamp,
    pub event_type: String,
    pub event_data: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_references: Vec<EventReference>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSummary {
    pub incident_record_arn: String,
    pub event_id: String,
    pub event_time: Timestamp,
    pub event_updated_time: Timestamp,
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_references: Vec<EventReference>,
}

impl From<&TimelineEvent> for EventSummary {
    fn from(e: &TimelineEvent) -> Self {
        Self {
            incident_record_arn: e.incident_record_arn.clone(),
            event_id: e.event_id.clone(),
            event_time: e.event_time,
            event_updated_time: e.event_updated_time,
            event_type: e.event_type.clone(),
            event_references: e.event_references.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagerDutyIncidentDetail {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_resolve: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemValue {
    Arn(String),
    Url(String),
    MetricDefinition(String),
    PagerDutyIncidentDetail(PagerDutyIncidentDetail),
}

/// ANALYSIS, INCIDENT, METRIC, PARENT, ATTACHMENT, OTHER, AUTOMATION, INVOLVED_RESOURCE or TASK.
pub const ITEM_TYPES: [&str; 9] = [
    "ANALYSIS",
    "INCIDENT",
    "METRIC",
    "PARENT",
    "ATTACHMENT",
    "OTHER",
    "AUTOMATION",
    "INVOLVED_RESOURCE",
    "TASK",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemIdentifier {
    /// One of [`ITEM_TYPES`].
    #[serde(rename = "type")]
    pub item_type: String,
    pub value: ItemValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedItem {
    pub identifier: ItemIdentifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RelatedItemsUpdate {
    ItemToAdd(RelatedItem),
    ItemToRemove(ItemIdentifier),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerDetails {
    pub source: String,
    pub timestamp: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AttributeValueList {
    StringValues(Vec<String>),
    IntegerValues(Vec<i32>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Condition {
    Before(Timestamp),
    After(Timestamp),
    Equals(AttributeValueList),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    pub key: String,
    pub condition: Condition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SortOrder {
    Ascending,
    Descending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionInfo {
    /// ACTIVE, CREATING, DELETING or FAILED.
    pub status: String,
    pub status_update_date_time: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse_kms_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationSet {
    pub arn: String,
    pub created_by: String,
    pub created_time: Timestamp,
    pub last_modified_by: String,
    pub last_modified_time: Timestamp,
    pub deletion_protected: bool,
    /// ACTIVE, CREATING, UPDATING, DELETING or FAILED.
    pub status: String,
    pub region_map: BTreeMap<String, RegionInfo>,
}

/// An SNS topic and the attributes GetTopicAttributes returned for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub arn: String,
    pub attributes: BTreeMap<String, String>,
}

impl Topic {
    /// The Region, the fourth field of `arn:aws:sns:REGION:ACCOUNT:NAME`.
    pub fn region(&self) -> &str {
        Arn::parse(&self.arn).map_or("", |arn| arn.region())
    }
    pub fn name(&self) -> &str {
        Arn::parse(&self.arn).map_or("", |arn| arn.resource())
    }
    pub fn policy(&self) -> Option<&str> {
        self.attributes.get("Policy").map(String::as_str)
    }
    pub fn kms_master_key_id(&self) -> Option<&str> {
        self.attributes
            .get("KmsMasterKeyId")
            .map(String::as_str)
            .filter(|k| !k.is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
pub enum ChatPlatform {
    Slack,
    MicrosoftTeams,
    Chime,
}

impl ChatPlatform {
    pub fn label(self) -> &'static str {
        match self {
            ChatPlatform::Slack => "Slack",
            ChatPlatform::MicrosoftTeams => "Microsoft Teams",
            ChatPlatform::Chime => "Amazon Chime",
        }
    }
}

/// A Chatbot channel configuration of any of the three kinds, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelConfig {
    pub platform: ChatPlatform,
    pub arn: String,
    pub name: String,
    /// Slack channel name, Teams channel name, or the Chime webhook description.
    pub channel_label: String,
    pub iam_role_arn: String,
    pub sns_topic_arns: Vec<String>,
    /// `None` when the member is absent: AWS then applies AdministratorAccess.
    pub guardrail_policy_arns: Option<Vec<String>>,
    pub user_authorization_required: bool,
    /// ENABLED or DISABLED; Chime webhooks carry none.
    pub state: Option<String>,
    pub logging_level: Option<String>,
}
