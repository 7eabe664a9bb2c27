//! `imdeck audit`: load the snapshot with read calls only, run every rule, print the report, exit with its status.

use std::process::ExitCode;

use crate::cli::{GlobalOptions, ReportFormat};
use crate::domain::audit::report::AuditReport;

use crate::backend::Backend;

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
    let report = AuditReport::from_snapshot(&snapshot);
    let text = match format {
        ReportFormat::Text => report.render_text(),
        ReportFormat::Markdown => report.render_markdown(),
        ReportFormat::Json => match report.to_json() {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("imdeck audit: {e}");
                return ExitCode::from(3);
            }
        },
    };
    print!("{text}");
    ExitCode::from(u8::try_from(report.exit_code()).unwrap_or(3))
}
