//! Timeline events: list (filters, sort, pages), get, and create/update/delete of user events.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::filters::{self, FilterKind};
use super::shapes;
use super::{idempotent, invalid, now, ok_json, record, record_mut};
use crate::domain::model::{
    AttributeValueList, Condition, EventReference, EventSummary, Filter, SortOrder, TimelineEvent,
    Timestamp,
};
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::reply;
use crate::sandbox::store::Store;

/// The event types a caller may create, update or delete; every other type is written by the service.
pub const USER_EVENT_TYPES: [&str; 2] = ["Custom Event", "Note"];

/// An event the service itself records, with its JSON data as a string, as AWS stores system events.
pub fn system_event(
    incident_arn: &str,
    event_type: &str,
    data: &Value,
    at: Timestamp,
) -> TimelineEvent {
    TimelineEvent {
        incident_record_arn: incident_arn.to_string(),
        event_id: uuid::Uuid::new_v4().to_string(),
        event_time: at,
        event_updated_time: at,
        event_type: event_type.to_string(),
        event_data: data.to_string(),
        event_references: Vec::new(),
    }
}

fn required_ids(c: &mut Checks, input: &Map<String, Value>) -> (String, String) {
    let arn = c.required_string("incidentRecordArn", input.get("incidentRecordArn"));
    let event_id = c.required_string("eventId", input.get("eventId"));
    (arn.unwrap_or_default(), event_id.unwrap_or_default())
}

fn user_event_type(c: &mut Checks, event_type: Option<&str>) {
    if let Some(kind) = event_type
        && !USER_EVENT_TYPES.contains(&kind)
    {
        c.fail(format!(
            "Value '{kind}' at 'eventType' failed to satisfy constraint: only 'Custom Event' and 'Note' events can be created or changed"
        ));
    }
}

fn reference_text(reference: &EventReference) -> &str {
    match reference {
        EventReference::Resource(s) | EventReference::RelatedItemId(s) => s,
    }
}

fn matches(event: &TimelineEvent, filter: &Filter) -> bool {
    match (filter.key.as_str(), &filter.condition) {
        ("eventTime", Condition::Before(t)) => event.event_time < *t,
        ("eventTime", Condition::After(t)) => event.event_time > *t,
        ("eventType", Condition::Equals(AttributeValueList::StringValues(values))) => {
            values.contains(&event.event_type)
        }
        ("eventReference", Condition::Equals(AttributeValueList::StringValues(values))) => event
            .event_references
            .iter()
            .any(|r| values.iter().any(|v| v == reference_text(r))),
        _ => false,
    }
}

pub fn list_timeline_events(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("incidentRecordArn", input.get("incidentRecordArn"));
    let filters = filters::filters(
        &mut c,
        "filters",
        input.get("filters"),
        &[
            ("eventTime", FilterKind::Time),
            ("eventType", FilterKind::Strings(None)),
            ("eventReference", FilterKind::Strings(None)),
        ],
    );
    let sort_order = c.string("sortOrder", input.get("sortOrder"));
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let entry = record(store, &arn.unwrap_or_default())?;
    let mut events: Vec<&TimelineEvent> = entry
        .timeline
        .iter()
        .filter(|e| filters.iter().all(|f| matches(e, f)))
        .collect();
    // Stable sort: events with the same time keep the order they were recorded in.
    events.sort_by_key(|e| e.event_time);
    let order = match sort_order.as_deref() {
        Some("DESCENDING") => SortOrder::Descending,
        _ => SortOrder::Ascending,
    };
    if order == SortOrder::Descending {
        events.reverse();
    }
    let summaries: Vec<EventSummary> = events.into_iter().map(EventSummary::from).collect();
    let (page, next) = paging::page(&summaries, start, size);
    let mut answer = json!({ "eventSummaries": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

pub fn get_timeline_event(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let (arn, event_id) = required_ids(&mut c, input);
    c.finish().map_err(invalid)?;
    let entry = record(store, &arn)?;
    let event = entry
        .timeline
        .iter()
        .find(|e| e.event_id == event_id)
        .ok_or_else(|| ApiError::not_found("TIMELINE_EVENT", &event_id))?;
    ok_json(&json!({ "event": event }))
}

pub fn create_timeline_event(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let arn = c.required_string("incidentRecordArn", input.get("incidentRecordArn"));
    let time_value = c.required("eventTime", input.get("eventTime"));
    let event_time = c.timestamp("eventTime", time_value);
    let event_type = c.required_string("eventType", input.get("eventType"));
    user_event_type(&mut c, event_type.as_deref());
    let event_data = c.required_string("eventData", input.get("eventData"));
    let references =
        shapes::event_references(&mut c, "eventReferences", input.get("eventReferences"));
    let token = c.string("clientToken", input.get("clientToken"));
    c.finish().map_err(invalid)?;
    let arn = arn.unwrap_or_default();

    let answer = idempotent(
        store,
        "CreateTimelineEvent",
        input,
        token.as_deref(),
        |store| {
            let entry = record_mut(store, &arn)?;
            let event = TimelineEvent {
                incident_record_arn: arn.clone(),
                event_id: uuid::Uuid::new_v4().to_string(),
                event_time: event_time.unwrap_or_default(),
                event_updated_time: now(),
                event_type: event_type.clone().unwrap_or_default(),
                event_data: event_data.clone().unwrap_or_default(),
                event_references: references.clone().unwrap_or_default(),
            };
            let answer = json!({ "eventId": event.event_id, "incidentRecordArn": arn });
            entry.timeline.push(event);
            Ok(answer)
        },
    )?;
    Ok(reply::json(StatusCode::CREATED, &answer))
}

fn user_event_mut<'s>(
    store: &'s mut Store,
    arn: &str,
    event_id: &str,
) -> Result<&'s mut TimelineEvent, ApiError> {
    let entry = record_mut(store, arn)?;
    let event = entry
        .timeline
        .iter_mut()
        .find(|e| e.event_id == event_id)
        .ok_or_else(|| ApiError::not_found("TIMELINE_EVENT", event_id))?;
    if !USER_EVENT_TYPES.contains(&event.event_type.as_str()) {
        return Err(ApiError::validation(format!(
            "Event {event_id} is a '{}' event recorded by Incident Manager; only 'Custom Event' and 'Note' events can be changed",
            event.event_type
        )));
    }
    Ok(event)
}

pub fn update_timeline_event(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let (arn, event_id) = required_ids(&mut c, input);
    let event_time = c.timestamp("eventTime", input.get("eventTime"));
    let event_type = c.string("eventType", input.get("eventType"));
    user_event_type(&mut c, event_type.as_deref());
    let event_data = c.string("eventData", input.get("eventData"));
    let references =
        shapes::event_references(&mut c, "eventReferences", input.get("eventReferences"));
    let token = c.string("clientToken", input.get("clientToken"));
    c.finish().map_err(invalid)?;

    idempotent(
        store,
        "UpdateTimelineEvent",
        input,
        token.as_deref(),
        |store| {
            let event = user_event_mut(store, &arn, &event_id)?;
            if let Some(t) = event_time {
                event.event_time = t;
            }
            if let Some(kind) = &event_type {
                event.event_type = kind.clone();
            }
            if let Some(data) = &event_data {
                event.event_data = data.clone();
            }
            if let Some(references) = &references {
                // The list replaces every reference the event had.
                event.event_references = references.clone();
            }
            event.event_updated_time = now();
            Ok(Value::Null)
        },
    )?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub fn delete_timeline_event(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let mut c = Checks::new();
    let (arn, event_id) = required_ids(&mut c, input);
    c.finish().map_err(invalid)?;
    user_event_mut(store, &arn, &event_id)?;
    let entry = record_mut(store, &arn)?;
    entry.timeline.retain(|e| e.event_id != event_id);
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
