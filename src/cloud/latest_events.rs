//! The newest timeline event of each of a few incidents (one ListTimelineEvents each, maxResults 1), a bounded number in flight: the incidents pane's activity marks.

use aws_sdk_ssmincidents::types::{SortOrder, TimelineEventSort};
use futures::stream::{self, StreamExt};

use super::convert::from_incidents as from;
use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::model::EventSummary;

/// At most this many ListTimelineEvents requests of one check run at once: the check runs beside the
/// highlighted incident's own timeline poll and must not crowd it (nor meet ssm-incidents' throttling, whose
/// rate AWS does not publish).
pub const LATEST_EVENT_FAN_OUT: usize = 4;

/// One incident's answer: its newest event (`None`: the timeline is empty) or why it could not be read.
pub type LatestEvent = (String, Result<Option<EventSummary>, CloudError>);

impl Cloud {
    /// The newest event (by eventTime) of every incident in `arns`, `LATEST_EVENT_FAN_OUT` requests at a time;
    /// one answer per ARN, in no particular order. A failed read stays a failure (logged here): the caller keeps
    /// that incident unknown rather than concluding "nothing new".
    pub async fn latest_events(&self, arns: Vec<String>) -> Vec<LatestEvent> {
        stream::iter(arns)
            .map(|arn| async move {
                let result = self.latest_event(&arn).await;
                if let Err(error) = &result {
                    tracing::warn!(incident = %arn, %error, "ssm-incidents:ListTimelineEvents (newest event) failed; its activity mark stays unknown");
                }
                (arn, result)
            })
            .buffer_unordered(LATEST_EVENT_FAN_OUT)
            .collect()
            .await
    }

    /// ListTimelineEvents sorted by event time, newest first, one result: the incident's newest event.
    pub async fn latest_event(&self, arn: &str) -> Result<Option<EventSummary>, CloudError> {
        let page = self
            .incidents()
            .list_timeline_events()
            .incident_record_arn(arn)
            .sort_by(TimelineEventSort::EventTime)
            .sort_order(SortOrder::Descending)
            .max_results(1)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(page.event_summaries.first().map(from::event_summary))
    }
}
