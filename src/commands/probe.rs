//! `imdeck probe`: a Chatbot custom notification through every topic of a channel, per Region, with the
//! subscription and Incident Manager policy verdicts beside each MessageId.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{ExecOutput, GlobalOptions};
use crate::domain::chatbot_notification::{ProbeOrigin, probe_message};
use crate::domain::probe::{
    ProbeRow, confirmation_words, render_json, render_text, resolve_target, row,
};

use crate::backend::Backend;

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
    let backend = match Backend::connect_or_report(global, false, "imdeck probe", 1).await {
        Ok(backend) => backend,
        Err(status) => return status,
    };
    let code = probe(&backend, &args, can_ask).await;
    backend.shutdown().await;
    code
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
    let sent_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let rows: Vec<ProbeRow> = futures::future::join_all(target.topics.iter().map(|topic| {
        let origin = ProbeOrigin {
            sender: sender.clone(),
            sent_at: sent_at.clone(),
            channel: target.channel_name.clone(),
            topic_arn: topic.clone(),
            region: crate::domain::snapshot::query::region_of_arn(topic).to_string(),
        };
        let (writer, snapshot) = (&writer, &snapshot);
        async move {
            let published = writer
                .publish(&origin.region, topic, &probe_message(&origin))
                .await
                .map_err(|e| e.to_string());
            row(snapshot, topic, published)
        }
    }))
    .await;
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
