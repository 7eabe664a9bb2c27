//! `imdeck audit`: load the snapshot with read calls only, run every rule, print the report, exit with its status.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{AuditOutcome, GlobalOptions, ReportFormat};
use crate::domain::audit::Status;
use crate::domain::audit::accounts::{AccountAudit, MultiAccountReport};
use crate::domain::audit::report::{AuditReport, Report};

use crate::backend::Backend;

pub async fn run(
    global: &GlobalOptions,
    format: ReportFormat,
    profiles_from: Option<&Path>,
    only: &[AuditOutcome],
    quiet: bool,
) -> ExitCode {
    let statuses: Vec<Status> = only.iter().map(|o| status_of(*o)).collect();
    let mut profiles = global.profiles.clone();
    if let Some(path) = profiles_from {
        match std::fs::read_to_string(path) {
            Ok(text) => profiles.extend(
                text.lines()
                    .map(|l| l.split('#').next().unwrap_or("").trim())
                    .filter(|l| !l.is_empty())
                    .map(str::to_string),
            ),
            Err(e) => {
                eprintln!(
                    "imdeck audit: cannot read --profiles-from {}: {e}",
                    path.display()
                );
                return ExitCode::from(2);
            }
        }
        if profiles.is_empty() {
            eprintln!("imdeck audit: {} names no profile", path.display());
            return ExitCode::from(2);
        }
    }
    if profiles.len() > 1 || profiles_from.is_some() {
        return run_accounts(global, format, profiles, &statuses, quiet).await;
    }
    run_one(global, format, &statuses, quiet).await
}

/// Every profile audited concurrently, one report; a profile that cannot connect is one unknown entry.
async fn run_accounts(
    global: &GlobalOptions,
    format: ReportFormat,
    profiles: Vec<String>,
    statuses: &[Status],
    quiet: bool,
) -> ExitCode {
    let accounts = futures::future::join_all(profiles.into_iter().map(|profile| async move {
        let mut one = global.clone();
        one.profiles = vec![profile.clone()];
        let outcome = Backend::run_with(
            &one,
            true,
            |e| e.to_string(),
            async |backend| backend.cloud.load_snapshot(None).await,
        )
        .await
        .map(|snapshot| AuditReport::from_snapshot(&snapshot).only(statuses));
        AccountAudit { profile, outcome }
    }))
    .await;
    let report = MultiAccountReport { accounts };
    print(&report, format, quiet)
}

async fn run_one(
    global: &GlobalOptions,
    format: ReportFormat,
    statuses: &[Status],
    quiet: bool,
) -> ExitCode {
    // The audit is read-only by construction: its cloud has no writer.
    let refuse = |e| {
        if !quiet {
            eprintln!("imdeck audit: {e}");
        }
        ExitCode::from(3)
    };
    let read = Backend::run_with(global, true, refuse, async |backend| {
        backend.cloud.load_snapshot(None).await
    })
    .await;
    let snapshot = match read {
        Ok(snapshot) => snapshot,
        Err(status) => return status,
    };
    let report = AuditReport::from_snapshot(&snapshot).only(statuses);
    print(&report, format, quiet)
}

/// Prints the report in the format asked for (nothing when quiet) and returns its exit status.
fn print(report: &impl Report, format: ReportFormat, quiet: bool) -> ExitCode {
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
