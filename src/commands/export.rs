//! `imdeck export`: read one incident in full (read calls only) and write its post-incident record.

use std::process::ExitCode;

use crate::cli::{ExportFormat, GlobalOptions};

use crate::backend::Backend;

pub async fn run(global: &GlobalOptions, arn: &str, format: ExportFormat) -> ExitCode {
    let backend = match Backend::connect(global, true).await {
        Ok(backend) => backend,
        Err(e) => {
            eprintln!("imdeck export: {e}");
            return ExitCode::from(1);
        }
    };
    let result = backend.cloud.read_export(arn).await;
    backend.shutdown().await;
    let export = match result {
        Ok(export) => export,
        Err(e) => {
            eprintln!("imdeck export: {e}");
            return ExitCode::from(1);
        }
    };
    // The record is written either way; what is missing is named, and the exit status says it is incomplete.
    for unread in &export.unread_events {
        eprintln!("imdeck export: could not read {}", unread.describe());
    }
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
    if export.unread_events.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "imdeck export: the record is incomplete: {} of {} timeline events could not be read",
            export.unread_events.len(),
            export.unread_events.len() + export.timeline.len()
        );
        ExitCode::from(1)
    }
}
