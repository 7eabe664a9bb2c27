//! ListIncidentFindings and BatchGetIncidentFindings: deployments that may have caused an incident.

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{invalid, ok_json, record, shapes};
use crate::sandbox::errors::ApiError;
use crate::sandbox::input::Checks;
use crate::sandbox::paging;
use crate::sandbox::store::{FindingEntry, Store};

/// The incident's ARN once the record is known to exist, and its findings (none unless the scenario seeds them).
fn findings_of<'s>(
    store: &'s Store,
    input: &Map<String, Value>,
) -> Result<&'s [FindingEntry], ApiError> {
    // The model check has already refused a request without a string `incidentRecordArn`.
    let arn = input
        .get("incidentRecordArn")
        .and_then(Value::as_str)
        .unwrap_or("");
    record(store, arn)?;
    Ok(store
        .incidents
        .findings
        .get(arn)
        .map_or(&[][..], Vec::as_slice))
}

pub fn list_incident_findings(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let findings = findings_of(store, input)?;
    let mut c = Checks::new();
    let (start, size) = shapes::paging(&mut c, input, 100);
    c.finish().map_err(invalid)?;
    let summaries: Vec<Value> = findings
        .iter()
        .map(|f| json!({ "id": f.id, "lastModifiedTime": f.last_modified_time }))
        .collect();
    let (page, next) = paging::page(&summaries, start, size);
    let mut answer = json!({ "findings": page });
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    ok_json(&answer)
}

pub fn batch_get_incident_findings(
    store: &mut Store,
    input: &Map<String, Value>,
) -> Result<Response, ApiError> {
    let findings = findings_of(store, input)?;
    let wanted = input
        .get("findingIds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    let (mut found, mut errors) = (Vec::new(), Vec::new());
    for id in wanted {
        match findings.iter().find(|f| f.id == id) {
            Some(f) => {
                let mut finding = json!({
                    "id": f.id,
                    "creationTime": f.creation_time,
                    "lastModifiedTime": f.last_modified_time,
                });
                if let Some(details) = &f.details {
                    finding["details"] = details.clone();
                }
                found.push(finding);
            }
            // A batch read reports each missing id in `errors` and still answers the rest. The code and
            // message AWS uses here are not documented (reference/aws-api.md, "Incident Manager resource
            // policies and findings").
            None => errors.push(json!({
                "findingId": id,
                "code": "ResourceNotFoundException",
                "message": format!("Finding {id} does not exist"),
            })),
        }
    }
    ok_json(&json!({ "findings": found, "errors": errors }))
}
