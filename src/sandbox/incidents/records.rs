//! StartIncident, ListIncidentRecords, GetIncidentRecord and UpdateIncidentRecord.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::filters::{self, FilterKind};
use super::shapes;
use super::timeline::system_event;
use super::{caller_arn, idempotent, invalid, now, ok_json, record, record_mut};
use crate::domain::arn::Arn;
use crate::domain::model::{
    AttributeValueList, ChatChannel, Condition, Filter, IncidentRecord, IncidentRecordSource,
    IncidentRecordSummary, IncidentStatus, RelatedItem,
};
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::reply;
use crate::sandbox::store::{RecordEntry, Store};

const STATUSES: [&str; 2] = ["OPEN", "RESOLVED"];

fn client_token(c: &mut Checks, input: &Map<String, Value>) -> Option<String> {
    c.string("clientToken", input.get("clientToken"))
}

pub fn start_incident(store: &mut Store, input: &Map<String, Value>) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let plan_arn = c.required_string("responsePlanArn", input.get("responsePlanArn"));
    let title = c.string("title", input.get("title"));
    let impact = c.integer("impact", input.get("impact"));
    let related_items = shapes::related_items(&mut c, "relatedItems", input.get("relatedItems"));
    let trigger = shapes::trigger_details(&mut c, "triggerDetails", input.get("triggerDetails"));
    if let Some(source) = trigger.as_ref().map(|t| t.source.as_str())
        && source.starts_with("aws.")
    {
        c.fail(format!(
            "Value '{source}' at 'triggerDetails.source' failed to satisfy constraint: custom sources must not start with 'aws.'"
        ));
    }
    let token = client_token(&mut c, input);
    c.finish().map_err(invalid)?;
    let plan_arn = plan_arn.unwrap_or_default();

    let answer = idempotent(store, "StartIncident", input, token.as_deref(), |store| {
        let plan = store
            .incidents
            .plans
            .get(&plan_arn)
            .ok_or_else(|| ApiError::not_found("RESPONSE_PLAN", &plan_arn))?
            .plan
            .clone();
        let template = &plan.incident_template;
        let dedupe = template.dedupe_string.clone().unwrap_or_default();
        if !dedupe.is_empty()
            && let Some(open) = store.incidents.records.values().find(|e| {
                e.record.status == IncidentStatus::Open && e.record.dedupe_string == dedupe
            })
        {
            // AWS folds a new start into the open incident with the same dedupe string.
            return Ok(json!({ "incidentRecordArn": open.record.arn }));
        }
        let account = store.account.clone();
        let caller = caller_arn(&account);
        let started = now();
        let arn = Arn::incident_record(&account, &plan.name, &uuid::Uuid::new_v4().to_string())
            .to_string();
        let record = IncidentRecord {
            arn: arn.clone(),
            title: title.clone().unwrap_or_else(|| template.title.clone()),
            summary: template.summary.clone(),
            status: IncidentStatus::Open,
            impact: impact.map_or(template.impact, |i| i as i32),
            creation_time: started,
            resolved_time: None,
            last_modified_time: started,
            last_modified_by: caller.clone(),
            dedupe_string: dedupe,
            incident_record_source: IncidentRecordSource {
                created_by: caller.clone(),
                source: trigger.as_ref().map_or_else(
                    || "aws.ssm-incidents.custom".to_string(),
                    |t| t.source.clone(),
                ),
                invoked_by: None,
                resource_arn: trigger.as_ref().and_then(|t| t.trigger_arn.clone()),
            },
            chat_channel: plan.chat_channel.clone(),
            notification_targets: template.notification_targets.clone(),
        };
        let mut trigger_data = json!({
            "incidentTitle": record.title,
            "impact": record.impact,
            "responsePlanArn": plan.arn,
            "source": record.incident_record_source.source,
            "createdBy": caller,
        });
        if let Some(t) = &trigger {
            trigger_data["triggerArn"] = json!(t.trigger_arn);
            trigger_data["rawData"] = json!(t.raw_data);
            trigger_data["triggerTime"] = t.timestamp.to_json();
        }
        let mut timeline = vec![system_event(
            &arn,
            "SSM Incident Trigger",
            &trigger_data,
            started,
        )];
        for contact in &plan.engagements {
            let engagement = format!(
                "{}/{}",
                contact.replacen(":contact/", ":engagement/", 1),
                uuid::Uuid::new_v4()
            );
            let data = json!({ "contactArn": contact, "engagementArn": engagement });
            timeline.push(system_event(
                &arn,
                "SSM Contacts Page for Incident",
                &data,
                started,
            ));
        }
        let related_items = related_items
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|item| RelatedItem {
                generated_id: Some(shapes::new_related_item_id(&item.identifier.item_type)),
                ..item
            })
            .collect();
        store.incidents.records.insert(
            arn.clone(),
            RecordEntry {
                record,
                timeline,
                related_items,
            },
        );
        Ok(json!({ "incidentRecordArn": arn }))
    })?;
    ok_json(&answer)
}

fn matches(record: &IncidentRecord, filter: &Filter) -> bool {
    match (filter.key.as_str(), &filter.condition) {
        ("creationTime", Condition::Before(t)) => record.creation_time < *t,
        ("creationTime", Condition::After(t)) => record.creation_time > *t,
        ("impact", Condition::Equals(AttributeValueList::IntegerValues(values))) => {
            values.contains(&record.impact)
        }
        ("status", Condition::Equals(AttributeValueList::StringValues(values))) => {
            values.iter().any(|v| v == record.status.as_str())
        }
        ("createdBy", Condition::Equals(AttributeValueList::StringValues(values))) => {
            values.contains(&record.incident_record_source.created_by)
        }
        _ => false,
    }
}

pub fn list_incident_records(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let filters = filters::filters(
        &mut c,
        "filters",
        input.get("filters"),
        &[
            ("creationTime", FilterKind::Time),
            ("impact", FilterKind::Integers),
            ("status", FilterKind::Strings(Some(&STATUSES))),
            ("createdBy", FilterKind::Strings(None)),
        ],
    );
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let mut found: Vec<&IncidentRecord> = store
        .incidents
        .records
        .values()
        .map(|e| &e.record)
        .filter(|r| filters.iter().all(|f| matches(r, f)))
        .collect();
    // Newest first, as the console and the API list them.
    found.sort_by(|a, b| {
        b.creation_time
            .cmp(&a.creation_time)
            .then_with(|| a.arn.cmp(&b.arn))
    });
    let summaries: Vec<IncidentRecordSummary> =
        found.into_iter().map(IncidentRecordSummary::from).collect();
    let (page, next) = paging::page(&summaries, start, size);
    let mut answer = json!({ "incidentRecordSummaries": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

pub fn get_incident_record(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("arn", input.get("arn"));
    c.finish().map_err(invalid)?;
    let entry = record(store, &arn.unwrap_or_default())?;
    ok_json(&json!({ "incidentRecord": entry.record }))
}

pub fn update_incident_record(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("arn", input.get("arn"));
    let title = c.string("title", input.get("title"));
    let summary = c.string("summary", input.get("summary"));
    let impact = c.integer("impact", input.get("impact"));
    let status = c.string("status", input.get("status"));
    let chat_channel = shapes::chat_channel(&mut c, "chatChannel", input.get("chatChannel"));
    let targets = shapes::notification_targets(
        &mut c,
        "notificationTargets",
        input.get("notificationTargets"),
    );
    let token = client_token(&mut c, input);
    c.finish().map_err(invalid)?;
    let arn = arn.unwrap_or_default();

    idempotent(
        store,
        "UpdateIncidentRecord",
        input,
        token.as_deref(),
        |store| {
            let caller = caller_arn(&store.account);
            let changed_at = now();
            let entry = record_mut(store, &arn)?;
            let record = &mut entry.record;
            let mut modified: Vec<Value> = Vec::new();
            let mut note = |name: &str, value: String| {
                modified.push(json!({ "attributeName": name, "newValue": value }))
            };
            if let Some(title) = &title {
                record.title = title.clone();
                note("title", title.clone());
            }
            if let Some(summary) = &summary {
                record.summary = Some(summary.clone());
                note("summary", summary.clone());
            }
            if let Some(impact) = impact {
                record.impact = impact as i32;
                note("impact", impact.to_string());
            }
            if let Some(status) = status.as_deref() {
                let new_status = if status == "RESOLVED" {
                    IncidentStatus::Resolved
                } else {
                    IncidentStatus::Open
                };
                if new_status == IncidentStatus::Resolved
                    && record.status != IncidentStatus::Resolved
                {
                    record.resolved_time = Some(changed_at);
                }
                if new_status == IncidentStatus::Open {
                    record.resolved_time = None;
                }
                record.status = new_status;
                note("status", status.to_string());
            }
            if let Some(channel) = &chat_channel {
                // `{"empty":{}}` removes the channel.
                record.chat_channel = match channel {
                    ChatChannel::Empty(_) => None,
                    topics => Some(topics.clone()),
                };
                note(
                    "chatChannel",
                    serde_json::to_string(channel).unwrap_or_default(),
                );
            }
            if let Some(targets) = &targets {
                record.notification_targets = targets.clone();
                note(
                    "notificationTargets",
                    serde_json::to_string(targets).unwrap_or_default(),
                );
            }
            if modified.is_empty() {
                return Ok(Value::Null);
            }
            record.last_modified_time = changed_at;
            record.last_modified_by = caller.clone();
            let data = json!({
                "modifiedBy": caller,
                "modifiedAttributes": modified,
                "incidentTitle": record.title,
            });
            let event = system_event(&arn, "SSM Incident Record Update", &data, changed_at);
            entry.timeline.push(event);
            Ok(Value::Null)
        },
    )?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
