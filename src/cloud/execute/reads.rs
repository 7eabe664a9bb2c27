//! The seven read-only chat commands: requests as the AWS CLI sends them, outputs as it prints them.

use aws_sdk_ssmincidents::Client;
use aws_sdk_ssmincidents::types::TimelineEventSort;
use serde_json::Value;

use super::output::{self, object, paged, top};
use super::paging::{self, Page};
use crate::cloud::CloudError;
use crate::cloud::convert::to_requests;
use crate::cloud::errors_map::from_sdk;
use crate::domain::command::{IncidentCommand, Paging};

/// Runs a read command; `None` when the command is not a read (the caller routes it to the writer).
pub async fn run(client: &Client, cmd: &IncidentCommand) -> Option<Result<Value, CloudError>> {
    Some(match cmd {
        IncidentCommand::ListResponsePlans { paging } => list_response_plans(client, paging).await,
        IncidentCommand::GetResponsePlan { arn } => client
            .get_response_plan()
            .arn(arn)
            .send()
            .await
            .map(|out| top(output::response_plan(&out)))
            .map_err(from_sdk),
        IncidentCommand::ListIncidentRecords { filters, paging } => {
            list_incident_records(client, filters, paging).await
        }
        IncidentCommand::GetIncidentRecord { arn } => client
            .get_incident_record()
            .arn(arn)
            .send()
            .await
            .map(|out| {
                let record = out.incident_record.as_ref().map(output::incident_record);
                top(object(vec![("incidentRecord", record)]))
            })
            .map_err(from_sdk),
        IncidentCommand::ListTimelineEvents {
            incident_record_arn,
            filters,
            sort_by,
            sort_order,
            paging,
        } => {
            list_timeline_events(
                client,
                incident_record_arn,
                filters,
                sort_by.as_deref(),
                *sort_order,
                paging,
            )
            .await
        }
        IncidentCommand::GetTimelineEvent {
            incident_record_arn,
            event_id,
        } => client
            .get_timeline_event()
            .incident_record_arn(incident_record_arn)
            .event_id(event_id)
            .send()
            .await
            .map(|out| {
                let event = out.event.as_ref().map(output::timeline_event);
                top(object(vec![("event", event)]))
            })
            .map_err(from_sdk),
        IncidentCommand::ListRelatedItems {
            incident_record_arn,
            paging,
        } => list_related_items(client, incident_record_arn, paging).await,
        _ => return None,
    })
}

async fn list_response_plans(client: &Client, paging: &Paging) -> Result<Value, CloudError> {
    let page_size = paging.page_size;
    let collected = paging::collect(paging, |token| async move {
        let out = client
            .list_response_plans()
            .set_next_token(token)
            .set_max_results(page_size)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(Page {
            items: out
                .response_plan_summaries
                .iter()
                .map(output::plan_summary)
                .collect(),
            next_token: out.next_token,
        })
    })
    .await?;
    Ok(paged(
        "responsePlanSummaries",
        collected.items,
        collected.resume_token,
    ))
}

async fn list_incident_records(
    client: &Client,
    filters: &[crate::domain::model::Filter],
    paging: &Paging,
) -> Result<Value, CloudError> {
    let page_size = paging.page_size;
    let filters = to_requests::filters(filters)?;
    let collected = paging::collect(paging, |token| {
        let filters = filters.clone();
        async move {
            let out = client
                .list_incident_records()
                .set_filters(filters)
                .set_next_token(token)
                .set_max_results(page_size)
                .send()
                .await
                .map_err(from_sdk)?;
            Ok(Page {
                items: out
                    .incident_record_summaries
                    .iter()
                    .map(output::incident_summary)
                    .collect(),
                next_token: out.next_token,
            })
        }
    })
    .await?;
    Ok(paged(
        "incidentRecordSummaries",
        collected.items,
        collected.resume_token,
    ))
}

async fn list_timeline_events(
    client: &Client,
    incident_record_arn: &str,
    filters: &[crate::domain::model::Filter],
    sort_by: Option<&str>,
    sort_order: Option<crate::domain::model::SortOrder>,
    paging: &Paging,
) -> Result<Value, CloudError> {
    let page_size = paging.page_size;
    let filters = to_requests::filters(filters)?;
    let sort_by = sort_by.map(TimelineEventSort::from);
    let sort_order = sort_order.map(to_requests::sort_order);
    let collected = paging::collect(paging, |token| {
        let filters = filters.clone();
        let sort_by = sort_by.clone();
        let sort_order = sort_order.clone();
        async move {
            let out = client
                .list_timeline_events()
                .incident_record_arn(incident_record_arn)
                .set_filters(filters)
                .set_sort_by(sort_by)
                .set_sort_order(sort_order)
                .set_next_token(token)
                .set_max_results(page_size)
                .send()
                .await
                .map_err(from_sdk)?;
            Ok(Page {
                items: out
                    .event_summaries
                    .iter()
                    .map(output::event_summary)
                    .collect(),
                next_token: out.next_token,
            })
        }
    })
    .await?;
    Ok(paged(
        "eventSummaries",
        collected.items,
        collected.resume_token,
    ))
}

async fn list_related_items(
    client: &Client,
    incident_record_arn: &str,
    paging: &Paging,
) -> Result<Value, CloudError> {
    let page_size = paging.page_size;
    let collected = paging::collect(paging, |token| async move {
        let out = client
            .list_related_items()
            .incident_record_arn(incident_record_arn)
            .set_next_token(token)
            .set_max_results(page_size)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(Page {
            items: out.related_items.iter().map(output::related_item).collect(),
            next_token: out.next_token,
        })
    })
    .await?;
    Ok(paged(
        "relatedItems",
        collected.items,
        collected.resume_token,
    ))
}
