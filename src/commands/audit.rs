//! `imdeck audit`: load the snapshot with read calls only, run every rule, print the report, exit with its status.

use std::process::ExitCode;

use crate::cli::{GlobalOptions, ReportFormat};
use crate::domain::audit::report::AuditReport;
use crate::domain::audit::run_audit;

use super::backend::Backend;

pub async fn run(global: &GlobalOptions, format: ReportFormat) -> ExitCode {
    // The audit is read-only by construction: its cloud has no writer.
    let backend = match Backend::connect(global, true).await {
        Ok(backend) => backend,
        Err(e) => {
            eprintln!("imdeck audit: {e}");
            return ExitCode::from(3);
        }
    };
    let snapshot = backend.cloud.load_snapshot(None).await;
    backend.shutdown().await;
    let report = AuditReport::new(&snapshot, run_audit(&snapshot));
    let text = match format {
        ReportFormat::Text => report.render_text(),
        ReportFormat::Markdown => report.render_markdown(),
        ReportFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("imdeck audit: {e}");
                return ExitCode::from(3);
            }
        },
    };
    print!("{text}");
    ExitCode::from(report.exit_code())
}
