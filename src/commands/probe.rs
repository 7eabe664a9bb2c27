//! `imdeck probe`: a Chatbot custom notification through every topic of a channel, per Region, with the
//! subscription and Incident Manager policy verdicts beside each MessageId.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{ExecOutput, GlobalOptions};
use crate::domain::probe::{
    ProbeRow, confirmation_words, render_json, render_text, resolve_target, row,
};

use crate::backend::{Backend, refusal};

pub struct ProbeArgs {
    pub channel: Option<String>,
    pub plan: Option<String>,
    pub yes: bool,
    /// The report as text for a person, or JSON for a script.
    pub output: ExecOutput,
}

/// Exit 0 every topic published and reaches the room · 1 some topic did not (or a publish failed, or the
/// confirmation was declined) · 2 refused before any request (read-only, no --yes without a terminal, bad target).
pub async fn run(global: &GlobalOptions, args: ProbeArgs) -> ExitCode {
    // Both refusals come before connecting: connecting already sends requests.
    if global.read_only {
        eprintln!(
            "imdeck probe: read-only mode refuses sns:Publish; no request was made. Run without --read-only to probe."
        );
        return ExitCode::from(2);
    }
    let can_ask = std::io::stdin().is_terminal();
    if !args.yes && !can_ask {
        eprintln!(
            "imdeck probe: publishing a test notification needs confirmation and there is no terminal to ask on; \
             pass --yes. No request was made."
        );
        return ExitCode::from(2);
    }
    Backend::run_with(global, false, refusal("imdeck probe"), async |backend| {
        probe(backend, &args, can_ask).await
    })
    .await
    .unwrap_or_else(|refused| refused)
}

async fn probe(backend: &Backend, args: &ProbeArgs, can_ask: bool) -> ExitCode {
    let snapshot = backend.cloud.load_snapshot(None).await;
    let target = match resolve_target(&snapshot, args.channel.as_deref(), args.plan.as_deref()) {
        Ok(target) => target,
        Err(e) => {
            eprintln!("imdeck probe: {e}");
            return ExitCode::from(2);
        }
    };
    if !args.yes && can_ask && !confirm(&confirmation_words(&target)) {
        eprintln!("imdeck probe: declined; nothing was sent");
        return ExitCode::from(1);
    }
    let writer = match backend.cloud.writer() {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!("imdeck probe: {e}");
            return ExitCode::from(2);
        }
    };
    let sender = format!(
        "imdeck ({} {}, account {})",
        if backend.sandbox.is_some() {
            "backend"
        } else {
            "profile"
        },
        backend.origin_label(),
        snapshot.account
    );
    let rows: Vec<ProbeRow> = writer
        .publish_probe(&target, &sender)
        .await
        .into_iter()
        .map(|publish| row(&snapshot, publish))
        .collect();
    match args.output {
        ExecOutput::Text => print!("{}", render_text(&target, &rows)),
        ExecOutput::Json => match serde_json::to_string_pretty(&render_json(&target, &rows)) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("imdeck probe: could not write the report as JSON: {e}");
                return ExitCode::from(1);
            }
        },
    }
    if rows.iter().all(ProbeRow::reaches_room) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && matches!(answer.trim(), "y" | "Y" | "yes")
}
