//! Reading the configuration for a run (file, environment, command line) and `imdeck config`.

use std::process::ExitCode;

use clap::ArgMatches;
use clap::parser::ValueSource;

use crate::cli::{Cli, Command, ConfigArgs, GlobalOptions};
use crate::config::{self, ConfigError, Inputs, Location, Settings};

/// The effective settings, and the file they were read from (`found`: it existed).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub settings: Settings,
    pub location: Option<Location>,
    pub found: bool,
}

/// Whether an argument was typed on the command line (clap also fills `--profile` from `AWS_PROFILE`), in
/// the top-level matches or a subcommand's, where a global option written after the subcommand lands.
fn typed(matches: &ArgMatches, id: &str) -> bool {
    if matches!(matches.try_get_raw(id), Ok(Some(_)))
        && matches.value_source(id) == Some(ValueSource::CommandLine)
    {
        return true;
    }
    matches.subcommand().is_some_and(|(_, sub)| typed(sub, id))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Reads the file and merges it under the environment and the command line.
pub fn load(cli: &Cli, matches: &ArgMatches) -> Result<Loaded, ConfigError> {
    let location = config::locate(
        cli.config.config.clone(),
        std::env::var_os("IMDECK_CONFIG"),
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    );
    let text = match &location {
        Some(at) => config::read(at)?,
        None => None,
    };
    let global = &cli.global;
    let inputs = Inputs {
        cli_profile: global.profile().filter(|_| typed(matches, "profile")),
        env_profile: env("AWS_PROFILE"),
        cli_region: global.region.clone(),
        env_region: env("AWS_REGION")
            .map(|r| ("AWS_REGION", r))
            .or_else(|| env("AWS_DEFAULT_REGION").map(|r| ("AWS_DEFAULT_REGION", r))),
        cli_read_only: global.read_only,
        cli_no_mouse: cli.config.no_mouse,
        home: env("HOME"),
    };
    let path = location
        .as_ref()
        .map(|l| l.path.display().to_string())
        .unwrap_or_default();
    let settings = config::resolve(&path, text.as_deref(), &inputs)?;
    Ok(Loaded {
        settings,
        location,
        found: text.is_some(),
    })
}

/// Puts the file's profile, Region and read-only under the command line's. The sandbox is its own account, so
/// a profile or Region meant for AWS does not follow `--sandbox` there.
pub fn apply(settings: &Settings, global: &mut GlobalOptions) {
    global.read_only = settings.read_only.value;
    if global.sandbox {
        return;
    }
    if global.profiles.is_empty() {
        global.profiles.extend(settings.profile.value.clone());
    }
    // A Region from the environment is left to aws-config, which reads it itself.
    if global.region.is_none() && matches!(settings.region.source, config::Source::File { .. }) {
        global.region = settings.region.value.clone();
    }
}

/// `imdeck config [--default]`.
pub fn run(args: &ConfigArgs, loaded: &Loaded) -> ExitCode {
    if args.default {
        print!("{}", config::default_file::text());
    } else {
        print!(
            "{}",
            config::report::text(&loaded.settings, loaded.location.as_ref(), loaded.found)
        );
    }
    ExitCode::SUCCESS
}

/// Whether a command needs the config at all: completions and the man page are the same for everyone.
pub fn needed(command: Option<&Command>) -> bool {
    !matches!(command, Some(Command::Completions { .. } | Command::Man))
}
