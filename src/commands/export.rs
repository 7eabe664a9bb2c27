//! `imdeck export`: read one incident in full (read calls only) and write its post-incident record.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{ExportFormat, GlobalOptions};
use crate::cloud::Cloud;
use crate::domain::export::lookup::find_incident;

use crate::backend::{Backend, refusal};

/// Where the record goes: standard output, or a file that is replaced only when asked.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub out: Option<PathBuf>,
    pub force: bool,
}

pub async fn run(
    global: &GlobalOptions,
    incident: &str,
    format: ExportFormat,
    target: Target,
) -> ExitCode {
    // Checked before any request: a refusal to overwrite should not cost the reads.
    if let Some(path) = &target.out
        && !target.force
        && path.exists()
    {
        eprintln!(
            "imdeck export: {} exists; nothing was written (add --force to replace it, or choose another --out)",
            path.display()
        );
        return ExitCode::from(2);
    }
    let read =
        Backend::run_with(
            global,
            true,
            refusal("imdeck export"),
            async |backend| match resolve(&backend.cloud, incident).await {
                Ok(arn) => backend
                    .cloud
                    .read_export(&arn)
                    .await
                    .map_err(|e| e.to_string()),
                Err(message) => Err(message),
            },
        )
        .await;
    let result = match read {
        Ok(result) => result,
        Err(status) => return status,
    };
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
    let text = match format {
        ExportFormat::Markdown => export.render_markdown(),
        ExportFormat::Json => match serde_json::to_string_pretty(&export) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("imdeck export: {e}");
                return ExitCode::from(1);
            }
        },
    };
    match &target.out {
        None => print!("{text}"),
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                eprintln!(
                    "imdeck export: cannot write {}: {e} (check the directory exists and is writable)",
                    path.display()
                );
                return ExitCode::from(1);
            }
            eprintln!("imdeck export: wrote {}", path.display());
        }
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

/// The incident's ARN: given as one, or looked up among the listed incidents by id or unique title.
async fn resolve(cloud: &Cloud, given: &str) -> Result<String, String> {
    if given.trim().starts_with("arn:") {
        return Ok(given.trim().to_string());
    }
    let incidents = cloud.list_incidents().await.map_err(|e| {
        format!(
            "cannot list the incidents to find “{given}”: {e} (give the incident's ARN instead)"
        )
    })?;
    find_incident(given, &incidents).map_err(|e| e.to_string())
}
