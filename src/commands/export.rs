//! `imdeck export`: read one incident in full (read calls only) and write its post-incident record.

use std::process::ExitCode;

use futures::stream::{self, StreamExt, TryStreamExt};

use crate::cli::{ExportFormat, GlobalOptions};
use crate::cloud::{Cloud, CloudError};
use crate::domain::export::IncidentExport;

use super::backend::Backend;

/// GetTimelineEvent calls in flight at once: enough to hide latency, few enough not to be throttled.
const EVENT_FETCH_CONCURRENCY: usize = 8;

pub async fn run(global: &GlobalOptions, arn: &str, format: ExportFormat) -> ExitCode {
    let backend = match Backend::connect(global, true).await {
        Ok(backend) => backend,
        Err(e) => {
            eprintln!("imdeck export: {e}");
            return ExitCode::from(1);
        }
    };
    let result = read_export(&backend.cloud, arn).await;
    backend.shutdown().await;
    let export = match result {
        Ok(export) => export,
        Err(e) => {
            eprintln!("imdeck export: {e}");
            return ExitCode::from(1);
        }
    };
    match format {
        ExportFormat::Markdown => print!("{}", export.render_markdown()),
        ExportFormat::Json => match serde_json::to_string_pretty(&export) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("imdeck export: {e}");
                return ExitCode::from(1);
            }
        },
    }
    ExitCode::SUCCESS
}

/// The record, every timeline event with its text, and the related items; the three reads run concurrently.
pub async fn read_export(cloud: &Cloud, arn: &str) -> Result<IncidentExport, CloudError> {
    let events = async {
        let summaries = cloud.list_timeline(arn, None).await?;
        stream::iter(summaries)
            .map(|s| async move { cloud.get_timeline_event(arn, &s.event_id).await })
            .buffered(EVENT_FETCH_CONCURRENCY)
            .try_collect::<Vec<_>>()
            .await
    };
    let (record, events, related) = tokio::try_join!(
        cloud.get_incident(arn),
        events,
        cloud.list_related_items(arn)
    )?;
    Ok(IncidentExport::new(record, events, related))
}
