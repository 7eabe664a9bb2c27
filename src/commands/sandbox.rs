//! `imdeck sandbox`: the local AWS sandbox, standalone, until Ctrl-C or SIGTERM.

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::SandboxArgs;
use crate::domain::arn::Arn;
use crate::sandbox::{self, SandboxOptions, Scenario};

use crate::backend::sandbox_start_time;

pub async fn run(args: &SandboxArgs) -> ExitCode {
    let scenario: Scenario = match args.scenario.parse() {
        Ok(scenario) => scenario,
        Err(e) => {
            eprintln!("imdeck sandbox: --scenario {}: {e}", args.scenario);
            return ExitCode::from(2);
        }
    };
    let starts_at = match sandbox_start_time() {
        Ok(at) => at,
        Err(e) => {
            eprintln!("imdeck sandbox: {e}");
            return ExitCode::from(2);
        }
    };
    let options = SandboxOptions {
        listen: args.listen,
        scenario,
        latency: Duration::from_millis(args.latency_ms),
        fault_rate: args.fault_rate,
        fault_seed: args.fault_seed,
        request_log: args.request_log.clone(),
        activity: args.activity,
        starts_at: Some(starts_at),
        deny_operations: args.deny_operations.clone(),
        throttle_operations: args.throttle_operations.clone(),
        quotas: args.quotas,
        account: args.account.clone(),
    };
    let sandbox = match sandbox::start(options).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("imdeck sandbox: {e}");
            return ExitCode::from(2);
        }
    };
    println!("imdeck sandbox listening on {}", sandbox.endpoint_url());
    if args.activity {
        tokio::select! {
            _ = wait_for_stop_signal() => {}
            _ = print_deliveries(&sandbox) => {}
        }
    } else {
        wait_for_stop_signal().await;
    }
    sandbox.shutdown().await;
    eprintln!("imdeck sandbox stopped");
    ExitCode::SUCCESS
}

/// "The room": one line per message Chatbot posted or dropped, as it happens (never returns).
async fn print_deliveries(sandbox: &sandbox::Sandbox) {
    use std::io::Write;
    let mut seen = 0;
    let mut ticker = tokio::time::interval(Duration::from_millis(250));
    loop {
        ticker.tick().await;
        let new = sandbox.deliveries_from(seen);
        seen += new.len();
        let mut out = std::io::stdout().lock();
        for delivery in new {
            let _ = writeln!(out, "{}", delivery_line(&delivery));
        }
        let _ = out.flush();
    }
}

/// `2026-11-30T15:00:00.000Z posted  us-east-2 My_SNS_topic → …/slack-channel/incident-war-room: title`.
pub fn delivery_line(delivery: &sandbox::Delivery) -> String {
    let topic = Arn::short_name(&delivery.topic_arn);
    let (verdict, text) = match &delivery.outcome {
        sandbox::DeliveryOutcome::Posted { headline } => ("posted ", headline.as_str()),
        sandbox::DeliveryOutcome::Dropped { reason } => ("DROPPED", reason.as_str()),
    };
    format!(
        "{} {verdict} {} {topic} -> {}: {text} (message {})",
        delivery.at, delivery.region, delivery.channel, delivery.message_id
    )
}

/// Ctrl-C, SIGTERM or SIGHUP.
pub async fn wait_for_stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let hup = signal(SignalKind::hangup());
    match (term, hup) {
        (Ok(mut term), Ok(mut hup)) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
        }
        _ => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
