//! Reads one incident in full for its post-incident record (read calls only).

use futures::stream::{self, StreamExt};

use super::{Cloud, CloudError};
use crate::domain::export::{IncidentExport, UnreadEvent};
use crate::domain::model::{EventSummary, TimelineEvent};

/// GetTimelineEvent calls in flight at once: enough to hide latency, few enough not to be throttled.
const EVENT_FETCH_CONCURRENCY: usize = 8;

impl Cloud {
    /// The record, every timeline event with its text, and the related items; the three reads run concurrently.
    /// An event whose GetTimelineEvent fails does not stop the export: it is kept as an [`UnreadEvent`].
    pub async fn read_export(&self, arn: &str) -> Result<IncidentExport, CloudError> {
        let cloud = self;
        let events = async {
            let summaries = cloud.list_timeline(arn, None).await?;
            let fetched: Vec<(EventSummary, Result<TimelineEvent, CloudError>)> =
                stream::iter(summaries)
                    .map(|s| async move {
                        let result = cloud.get_timeline_event(arn, &s.event_id).await;
                        (s, result)
                    })
                    .buffered(EVENT_FETCH_CONCURRENCY)
                    .collect()
                    .await;
            let mut read = Vec::new();
            let mut unread = Vec::new();
            for (summary, result) in fetched {
                match result {
                    Ok(event) => read.push(event),
                    Err(error) => unread.push(UnreadEvent::new(&summary, error.to_string())),
                }
            }
            Ok::<_, CloudError>((read, unread))
        };
        let (record, (events, unread), related) = tokio::try_join!(
            cloud.get_incident(arn),
            events,
            cloud.list_related_items(arn)
        )?;
        Ok(IncidentExport::new(record, events, related).with_unread_events(unread))
    }
}
