//! The reads the live view needs: incidents, their timeline (incremental), events, related items, plans.

use aws_sdk_ssmincidents::operation::list_timeline_events::builders::ListTimelineEventsFluentBuilder;
use aws_sdk_ssmincidents::types::{SortOrder, TimelineEventSort};

use super::convert::from_incidents as from;
use super::convert::to_requests;
use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::model::{
    AttributeValueList, Condition, EventSummary, Filter, IncidentRecord, IncidentRecordSummary,
    RelatedItem, ResponsePlan, ResponsePlanSummary, TimelineEvent, Timestamp,
};

impl Cloud {
    /// The incidents the live view shows, polled every few seconds: every open incident (all pages of 100)
    /// plus the newest page of resolved ones, newest first. Never the whole history: ListIncidentRecords has no
    /// "changed since" filter (its keys are creationTime, impact, status and createdBy), so "what changed
    /// recently" is the newest `POLL_PAGE_SIZE` resolved records, which holds every incident resolved since
    /// the last poll unless more than that many were. Two requests per poll for an account with ≤100 open.
    pub async fn list_incidents(&self) -> Result<Vec<IncidentRecordSummary>, CloudError> {
        let open = async {
            self.incidents()
                .list_incident_records()
                .filters(status_filter("OPEN")?)
                .max_results(POLL_PAGE_SIZE)
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map_err(from_sdk)
        };
        let resolved = async {
            let page = self
                .incidents()
                .list_incident_records()
                .filters(status_filter("RESOLVED")?)
                .max_results(POLL_PAGE_SIZE)
                .send()
                .await
                .map_err(from_sdk)?;
            Ok::<_, CloudError>(page.incident_record_summaries)
        };
        let (open, resolved) = tokio::try_join!(open, resolved)?;
        let mut summaries: Vec<IncidentRecordSummary> = open
            .iter()
            .chain(resolved.iter())
            .map(from::incident_summary)
            .collect();
        summaries.sort_by(|a, b| {
            b.creation_time
                .cmp(&a.creation_time)
                .then_with(|| a.arn.cmp(&b.arn))
        });
        summaries.dedup_by(|a, b| a.arn == b.arn);
        Ok(summaries)
    }

    pub async fn get_incident(&self, arn: &str) -> Result<IncidentRecord, CloudError> {
        let out = self
            .incidents()
            .get_incident_record()
            .arn(arn)
            .send()
            .await
            .map_err(from_sdk)?;
        out.incident_record
            .as_ref()
            .map(from::incident_record)
            .ok_or_else(|| missing("GetIncidentRecord", "incidentRecord"))
    }

    /// The timeline in event-time order; with `after`, only events strictly after it (incremental polling).
    pub async fn list_timeline(
        &self,
        arn: &str,
        after: Option<Timestamp>,
    ) -> Result<Vec<EventSummary>, CloudError> {
        let request = self.timeline_request(arn, after, SortOrder::Ascending)?;
        let items = request
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(from_sdk)?;
        Ok(items.iter().map(from::event_summary).collect())
    }

    /// The timeline page by page, each page handed to `on_page` as it arrives so the first screen does not wait
    /// for the last page. A first load (`after: None`) comes newest first, since the newest events are what
    /// the operator looks at; an incremental poll comes oldest first.
    pub async fn stream_timeline(
        &self,
        arn: &str,
        after: Option<Timestamp>,
        mut on_page: impl FnMut(Vec<EventSummary>),
    ) -> Result<(), CloudError> {
        let order = if after.is_some() {
            SortOrder::Ascending
        } else {
            SortOrder::Descending
        };
        let request = self.timeline_request(arn, after, order)?;
        let mut pages = request.into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(from_sdk)?;
            on_page(
                page.event_summaries
                    .iter()
                    .map(from::event_summary)
                    .collect(),
            );
        }
        Ok(())
    }

    /// ListTimelineEvents sorted by event time, and with `after` only the events after it.
    fn timeline_request(
        &self,
        arn: &str,
        after: Option<Timestamp>,
        order: SortOrder,
    ) -> Result<ListTimelineEventsFluentBuilder, CloudError> {
        let request = self
            .incidents()
            .list_timeline_events()
            .incident_record_arn(arn)
            .sort_by(TimelineEventSort::EventTime)
            .sort_order(order);
        Ok(match after {
            Some(after) => request.filters(to_requests::filter(&Filter {
                key: "eventTime".into(),
                condition: Condition::After(after),
            })?),
            None => request,
        })
    }

    pub async fn get_timeline_event(
        &self,
        arn: &str,
        event_id: &str,
    ) -> Result<TimelineEvent, CloudError> {
        let out = self
            .incidents()
            .get_timeline_event()
            .incident_record_arn(arn)
            .event_id(event_id)
            .send()
            .await
            .map_err(from_sdk)?;
        out.event
            .as_ref()
            .map(from::timeline_event)
            .ok_or_else(|| missing("GetTimelineEvent", "event"))
    }

    pub async fn list_related_items(&self, arn: &str) -> Result<Vec<RelatedItem>, CloudError> {
        let items = self
            .incidents()
            .list_related_items()
            .incident_record_arn(arn)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(from_sdk)?;
        Ok(items.iter().filter_map(from::related_item).collect())
    }

    pub async fn list_response_plans(&self) -> Result<Vec<ResponsePlanSummary>, CloudError> {
        let items = self
            .incidents()
            .list_response_plans()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(from_sdk)?;
        Ok(items.iter().map(from::plan_summary).collect())
    }

    /// One response plan in full (chat channel, template, engagements).
    pub async fn get_response_plan(&self, arn: &str) -> Result<ResponsePlan, CloudError> {
        let out = self
            .incidents()
            .get_response_plan()
            .arn(arn)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(from::response_plan(&out))
    }
}

/// ListIncidentRecords' page size for the poll (the API's maximum).
pub const POLL_PAGE_SIZE: i32 = 100;

/// `status equals [status]`.
fn status_filter(status: &str) -> Result<aws_sdk_ssmincidents::types::Filter, CloudError> {
    to_requests::filter(&Filter {
        key: "status".into(),
        condition: Condition::Equals(AttributeValueList::StringValues(vec![status.to_string()])),
    })
}

/// A 2xx answer without the member the model requires: the service (or sandbox) broke its contract.
pub(crate) fn missing(operation: &str, member: &str) -> CloudError {
    CloudError::Service {
        code: "InvalidResponse".into(),
        message: format!("{operation} returned no {member}"),
    }
}
