//! The `imdeck` binary: parse the command line, set up logging, run the chosen command.

use std::process::ExitCode;

use clap::FromArgMatches;
use imdeck::cli::{Cli, Command};
use imdeck::commands;

fn main() -> ExitCode {
    let matches = imdeck::cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match &cli.command {
        Some(Command::Completions { shell }) => return commands::completions::completions(*shell),
        Some(Command::Man) => return commands::completions::man(),
        _ => {}
    }
    // The whole config is read before anything starts: a bad file stops imdeck here, never half applied.
    let loaded = match commands::config::load(&cli, &matches) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("imdeck: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(Command::Config(args)) = &cli.command {
        return commands::config::run(args, &loaded);
    }
    commands::config::apply(&loaded.settings, &mut cli.global);
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
            None => imdeck::runtime::run(&cli.global, cli.incident.clone(), &loaded.settings).await,
            Some(Command::Audit {
                format,
                profiles_from,
                only,
                quiet,
            }) => {
                commands::audit::run(&cli.global, *format, profiles_from.as_deref(), only, *quiet)
                    .await
            }
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
            Some(Command::Probe(args)) => {
                let args = commands::probe::ProbeArgs {
                    channel: args.channel.clone(),
                    plan: args.plan.clone(),
                    yes: args.yes,
                    output: args.output,
                };
                commands::probe::run(&cli.global, args).await
            }
            Some(Command::Config(_) | Command::Completions { .. } | Command::Man) => {
                ExitCode::SUCCESS
            }
        }
    })
}
