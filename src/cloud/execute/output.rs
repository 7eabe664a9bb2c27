//! SDK outputs as the AWS CLI v1 prints them with `--output json`: wire member names, botocore's member order
//! (the model lists members alphabetically; botocore builds each dict in that order), absent members left
//! out, timestamps as the epoch numbers the wire carried.
//!
//! Maps (incidentTags, SSM parameters) come out sorted by key: the SDK holds them in a `HashMap`, so the
//! wire order is not recoverable.

use std::collections::BTreeMap;

use aws_sdk_ssmincidents::operation::get_response_plan::GetResponsePlanOutput;
use aws_sdk_ssmincidents::types as sdk;
use aws_smithy_types::DateTime;
use serde_json::{Map, Value};

use crate::cloud::convert::timestamp;

/// An object from members in order, leaving out the absent ones (as botocore's parser does).
pub fn object(members: Vec<(&str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (name, value) in members {
        if let Some(value) = value {
            map.insert(name.to_string(), value);
        }
    }
    Value::Object(map)
}

/// The CLI prints nothing for an empty response: `Null` stands for that.
pub fn top(value: Value) -> Value {
    match &value {
        Value::Object(m) if m.is_empty() => Value::Null,
        _ => value,
    }
}

/// A paginated result as `build_full_result` makes it: the result key, then `NextToken` if cut short.
pub fn paged(result_key: &str, items: Vec<Value>, resume_token: Option<String>) -> Value {
    object(vec![
        (result_key, Some(Value::Array(items))),
        ("NextToken", resume_token.map(Value::String)),
    ])
}

fn s(v: &str) -> Option<Value> {
    Some(Value::String(v.to_string()))
}

fn opt_s(v: Option<&String>) -> Option<Value> {
    v.map(|v| Value::String(v.clone()))
}

fn ts(t: &DateTime) -> Option<Value> {
    Some(timestamp(t).to_json())
}

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

fn list<T>(v: Option<&Vec<T>>, each: impl Fn(&T) -> Option<Value>) -> Option<Value> {
    v.map(|items| Value::Array(items.iter().filter_map(each).collect()))
}

pub fn chat_channel(c: &sdk::ChatChannel) -> Option<Value> {
    match c {
        sdk::ChatChannel::ChatbotSns(topics) => {
            Some(object(vec![("chatbotSns", Some(strings(topics)))]))
        }
        sdk::ChatChannel::Empty(_) => Some(object(vec![("empty", Some(object(vec![])))])),
        _ => None,
    }
}

fn notification_target(t: &sdk::NotificationTargetItem) -> Option<Value> {
    match t {
        sdk::NotificationTargetItem::SnsTopicArn(arn) => {
            Some(object(vec![("snsTopicArn", s(arn))]))
        }
        _ => None,
    }
}

fn event_reference(r: &sdk::EventReference) -> Option<Value> {
    match r {
        sdk::EventReference::RelatedItemId(id) => Some(object(vec![("relatedItemId", s(id))])),
        sdk::EventReference::Resource(arn) => Some(object(vec![("resource", s(arn))])),
        _ => None,
    }
}

fn record_source(src: &sdk::IncidentRecordSource) -> Value {
    object(vec![
        ("createdBy", s(&src.created_by)),
        ("invokedBy", opt_s(src.invoked_by.as_ref())),
        ("resourceArn", opt_s(src.resource_arn.as_ref())),
        ("source", s(&src.source)),
    ])
}

fn automation_execution(a: &sdk::AutomationExecution) -> Option<Value> {
    match a {
        sdk::AutomationExecution::SsmExecutionArn(arn) => {
            Some(object(vec![("ssmExecutionArn", s(arn))]))
        }
        _ => None,
    }
}

pub fn incident_record(r: &sdk::IncidentRecord) -> Value {
    object(vec![
        ("arn", s(&r.arn)),
        (
            "automationExecutions",
            list(r.automation_executions.as_ref(), automation_execution),
        ),
        (
            "chatChannel",
            r.chat_channel.as_ref().and_then(chat_channel),
        ),
        ("creationTime", ts(&r.creation_time)),
        ("dedupeString", s(&r.dedupe_string)),
        ("impact", Some(Value::from(r.impact))),
        (
            "incidentRecordSource",
            r.incident_record_source.as_ref().map(record_source),
        ),
        ("lastModifiedBy", s(&r.last_modified_by)),
        ("lastModifiedTime", ts(&r.last_modified_time)),
        (
            "notificationTargets",
            list(r.notification_targets.as_ref(), notification_target),
        ),
        ("resolvedTime", r.resolved_time.as_ref().and_then(ts)),
        ("status", s(r.status.as_str())),
        ("summary", opt_s(r.summary.as_ref())),
        ("title", s(&r.title)),
    ])
}

pub fn incident_summary(r: &sdk::IncidentRecordSummary) -> Value {
    object(vec![
        ("arn", s(&r.arn)),
        ("creationTime", ts(&r.creation_time)),
        ("impact", Some(Value::from(r.impact))),
        (
            "incidentRecordSource",
            r.incident_record_source.as_ref().map(record_source),
        ),
        ("resolvedTime", r.resolved_time.as_ref().and_then(ts)),
        ("status", s(r.status.as_str())),
        ("title", s(&r.title)),
    ])
}

pub fn plan_summary(p: &sdk::ResponsePlanSummary) -> Value {
    object(vec![
        ("arn", s(&p.arn)),
        ("displayName", opt_s(p.display_name.as_ref())),
        ("name", s(&p.name)),
    ])
}

fn sorted<V>(map: &std::collections::HashMap<String, V>) -> BTreeMap<&String, &V> {
    map.iter().collect()
}

fn incident_template(t: &sdk::IncidentTemplate) -> Value {
    let tags = t.incident_tags.as_ref().map(|tags| {
        let mut m = Map::new();
        for (k, v) in sorted(tags) {
            m.insert(k.clone(), Value::String(v.clone()));
        }
        Value::Object(m)
    });
    object(vec![
        ("dedupeString", opt_s(t.dedupe_string.as_ref())),
        ("impact", Some(Value::from(t.impact))),
        ("incidentTags", tags),
        (
            "notificationTargets",
            list(t.notification_targets.as_ref(), notification_target),
        ),
        ("summary", opt_s(t.summary.as_ref())),
        ("title", s(&t.title)),
    ])
}

fn ssm_automation(a: &sdk::SsmAutomation) -> Value {
    let dynamic = a.dynamic_parameters.as_ref().map(|params| {
        let mut m = Map::new();
        for (k, v) in sorted(params) {
            if let sdk::DynamicSsmParameterValue::Variable(var) = v {
                m.insert(k.clone(), object(vec![("variable", s(var.as_str()))]));
            }
        }
        Value::Object(m)
    });
    let parameters = a.parameters.as_ref().map(|params| {
        let mut m = Map::new();
        for (k, v) in sorted(params) {
            m.insert(k.clone(), strings(v));
        }
        Value::Object(m)
    });
    object(vec![
        ("documentName", s(&a.document_name)),
        ("documentVersion", opt_s(a.document_version.as_ref())),
        ("dynamicParameters", dynamic),
        ("parameters", parameters),
        ("roleArn", s(&a.role_arn)),
        (
            "targetAccount",
            a.target_account.as_ref().and_then(|t| s(t.as_str())),
        ),
    ])
}

fn action(a: &sdk::Action) -> Option<Value> {
    match a {
        sdk::Action::SsmAutomation(auto) => {
            Some(object(vec![("ssmAutomation", Some(ssm_automation(auto)))]))
        }
        _ => None,
    }
}

fn integration(i: &sdk::Integration) -> Option<Value> {
    match i {
        sdk::Integration::PagerDutyConfiguration(p) => {
            let incident = p
                .pager_duty_incident_configuration
                .as_ref()
                .map(|c| object(vec![("serviceId", s(&c.service_id))]));
            let config = object(vec![
                ("name", s(&p.name)),
                ("pagerDutyIncidentConfiguration", incident),
                ("secretId", s(&p.secret_id)),
            ]);
            Some(object(vec![("pagerDutyConfiguration", Some(config))]))
        }
        _ => None,
    }
}

pub fn response_plan(p: &GetResponsePlanOutput) -> Value {
    object(vec![
        ("actions", list(p.actions.as_ref(), action)),
        ("arn", s(&p.arn)),
        (
            "chatChannel",
            p.chat_channel.as_ref().and_then(chat_channel),
        ),
        ("displayName", opt_s(p.display_name.as_ref())),
        ("engagements", p.engagements.as_deref().map(strings)),
        (
            "incidentTemplate",
            p.incident_template.as_ref().map(incident_template),
        ),
        ("integrations", list(p.integrations.as_ref(), integration)),
        ("name", s(&p.name)),
    ])
}

pub fn timeline_event(e: &sdk::TimelineEvent) -> Value {
    object(vec![
        ("eventData", s(&e.event_data)),
        ("eventId", s(&e.event_id)),
        (
            "eventReferences",
            list(e.event_references.as_ref(), event_reference),
        ),
        ("eventTime", ts(&e.event_time)),
        ("eventType", s(&e.event_type)),
        ("eventUpdatedTime", ts(&e.event_updated_time)),
        ("incidentRecordArn", s(&e.incident_record_arn)),
    ])
}

pub fn event_summary(e: &sdk::EventSummary) -> Value {
    object(vec![
        ("eventId", s(&e.event_id)),
        (
            "eventReferences",
            list(e.event_references.as_ref(), event_reference),
        ),
        ("eventTime", ts(&e.event_time)),
        ("eventType", s(&e.event_type)),
        ("eventUpdatedTime", ts(&e.event_updated_time)),
        ("incidentRecordArn", s(&e.incident_record_arn)),
    ])
}

fn item_value(v: &sdk::ItemValue) -> Option<Value> {
    Some(match v {
        sdk::ItemValue::Arn(a) => object(vec![("arn", s(a))]),
        sdk::ItemValue::MetricDefinition(m) => object(vec![("metricDefinition", s(m))]),
        sdk::ItemValue::PagerDutyIncidentDetail(d) => {
            let detail = object(vec![
                ("autoResolve", d.auto_resolve.map(Value::Bool)),
                ("id", s(&d.id)),
                ("secretId", opt_s(d.secret_id.as_ref())),
            ]);
            object(vec![("pagerDutyIncidentDetail", Some(detail))])
        }
        sdk::ItemValue::Url(u) => object(vec![("url", s(u))]),
        _ => return None,
    })
}

fn item_identifier(i: &sdk::ItemIdentifier) -> Value {
    object(vec![
        ("type", s(i.r#type.as_str())),
        ("value", i.value.as_ref().and_then(item_value)),
    ])
}

pub fn related_item(r: &sdk::RelatedItem) -> Value {
    object(vec![
        ("generatedId", opt_s(r.generated_id.as_ref())),
        ("identifier", r.identifier.as_ref().map(item_identifier)),
        ("title", opt_s(r.title.as_ref())),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_members_are_left_out_and_order_is_the_models() {
        let v = object(vec![("b", s("1")), ("a", None), ("c", Some(json!(2)))]);
        assert_eq!(
            serde_json::to_string(&v).unwrap_or_default(),
            r#"{"b":"1","c":2}"#
        );
    }

    #[test]
    fn empty_outputs_print_nothing_and_pages_carry_next_token() {
        assert_eq!(top(object(vec![])), Value::Null);
        assert_eq!(
            paged("relatedItems", vec![], Some("tok".into())),
            json!({"relatedItems": [], "NextToken": "tok"})
        );
    }

    #[test]
    fn timestamps_are_integers_when_whole() {
        let e = sdk::EventSummary::builder()
            .incident_record_arn("arn")
            .event_id("e1")
            .event_time(DateTime::from_secs(1_680_294_600))
            .event_updated_time(DateTime::from_millis(1_680_294_600_500))
            .event_type("Custom Event")
            .build();
        let v = match e {
            Ok(e) => event_summary(&e),
            Err(err) => panic!("{err}"),
        };
        assert_eq!(v["eventTime"], json!(1_680_294_600));
        assert_eq!(v["eventUpdatedTime"], json!(1_680_294_600.5));
        assert!(v.get("eventReferences").is_none());
    }
}
