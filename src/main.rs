//! The `imdeck` binary: parse the command line, set up logging, run the chosen command.

use std::process::ExitCode;

use imdeck::cli::Command;
use imdeck::commands;

fn main() -> ExitCode {
    let cli = imdeck::cli::parse();
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
                only,
                quiet,
            }) => commands::audit::run(&cli.global, *format, only, *quiet).await,
            Some(Command::Exec { output, line }) => {
                commands::exec::run(&cli.global, *output, line).await
            }
            Some(Command::Export {
                incident,
                format,
                out,
                force,
            }) => {
                let target = commands::export::Target {
                    out: out.clone(),
                    force: *force,
                };
                commands::export::run(&cli.global, incident, *format, target).await
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
        }
    })
}
