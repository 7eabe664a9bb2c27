//! `imdeck audit`: load the snapshot with read calls only, run every rule, print the report, exit with its status.

use std::process::ExitCode;

use crate::cli::{AuditOutcome, GlobalOptions, ReportFormat};
use crate::domain::audit::Status;
use crate::domain::audit::report::AuditReport;

use super::backend::Backend;

pub async fn run(
    global: &GlobalOptions,
    format: ReportFormat,
    only: &[AuditOutcome],
    quiet: bool,
) -> ExitCode {
    // The audit is read-only by construction: its cloud has no writer.
    let backend = match Backend::connect(global, true).await {
        Ok(backend) => backend,
        Err(e) => {
            if !quiet {
                eprintln!("imdeck audit: {e}");
            }
            return ExitCode::from(3);
        }
    };
    let snapshot = backend.cloud.load_snapshot(None).await;
    backend.shutdown().await;
    let statuses: Vec<Status> = only.iter().map(|o| status_of(*o)).collect();
    let report = AuditReport::from_snapshot(&snapshot).only(&statuses);
    let code = ExitCode::from(u8::try_from(report.exit_code()).unwrap_or(3));
    if quiet {
        return code;
    }
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
    code
}

fn status_of(outcome: AuditOutcome) -> Status {
    match outcome {
        AuditOutcome::Failed => Status::Fail,
        AuditOutcome::Warn => Status::Warn,
        AuditOutcome::Unknown => Status::Unknown,
        AuditOutcome::Info => Status::Info,
        AuditOutcome::Pass => Status::Pass,
    }
}
