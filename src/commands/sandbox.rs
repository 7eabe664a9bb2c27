//! `imdeck sandbox`: the local AWS sandbox, standalone, until Ctrl-C or SIGTERM.

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::SandboxArgs;
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
    };
    let sandbox = match sandbox::start(options).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("imdeck sandbox: {e}");
            return ExitCode::from(2);
        }
    };
    println!("imdeck sandbox listening on {}", sandbox.endpoint_url());
    wait_for_stop_signal().await;
    sandbox.shutdown().await;
    eprintln!("imdeck sandbox stopped");
    ExitCode::SUCCESS
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
