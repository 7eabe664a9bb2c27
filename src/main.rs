//! The `imdeck` binary: parse the command line, set up logging, run the chosen command.

use std::process::ExitCode;

use clap::Parser;
use imdeck::cli::{Cli, Command};
use imdeck::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = imdeck::logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("imdeck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        match &cli.command {
            None => imdeck::runtime::run(&cli.global, cli.incident.clone()).await,
            Some(Command::Audit {
                format,
                profiles_from,
            }) => commands::audit::run(&cli.global, *format, profiles_from.as_deref()).await,
            Some(Command::Exec { output, line }) => {
                commands::exec::run(&cli.global, *output, line).await
            }
            Some(Command::Export { incident, format }) => {
                commands::export::run(&cli.global, incident, *format).await
            }
            Some(Command::Setup {
                plan,
                out,
                apply,
                yes,
                set_guardrail,
            }) => {
                let args = commands::setup::SetupArgs {
                    plan: *plan,
                    out: out.clone(),
                    apply: apply.clone(),
                    yes: *yes,
                    set_guardrail: *set_guardrail,
                };
                commands::setup::run(&cli.global, args).await
            }
            Some(Command::Sandbox(args)) => commands::sandbox::run(args).await,
            Some(Command::Probe(args)) => {
                let args = commands::probe::ProbeArgs {
                    channel: args.channel.clone(),
                    plan: args.plan.clone(),
                    yes: args.yes,
                };
                commands::probe::run(&cli.global, args).await
            }
        }
    })
}
