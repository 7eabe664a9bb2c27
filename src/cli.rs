//! The command line, as clap definitions only.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// The clap command tree as `--help` shows it. The client options (`GlobalOptions`) are `global` so they
/// can follow any subcommand; the standalone sandbox is no client (it serves every profile, Region and
/// mode), so its help does not list them. It gets hidden copies under the same ids, which clap's
/// propagation then leaves alone; a value given there still lands in `GlobalOptions` as before.
pub fn command() -> clap::Command {
    let command = Cli::command();
    let client_options: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .map(|arg| arg.clone().global(false).hide(true))
        .collect();
    command.mut_subcommand("sandbox", |sandbox| sandbox.args(client_options))
}

/// Parses the process's arguments against [`command`], exiting with clap's message and status on error.
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Parser)]
#[command(
    name = "imdeck",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("IMDECK_GIT_COMMIT"), ")"),
    about = "Terminal dashboard for AWS Incident Manager chat channels"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    /// Open the dashboard on this incident, its timeline shown (a link a chat message can carry).
    #[arg(long, value_name = "ARN")]
    pub incident: Option<String>,
    #[command(flatten)]
    pub config: ConfigOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the config file is, and what the command line says over it.
#[derive(Debug, Clone, Args)]
pub struct ConfigOptions {
    /// Read this config file instead of $IMDECK_CONFIG or $XDG_CONFIG_HOME/imdeck/config.toml
    /// (~/.config/imdeck/config.toml); `imdeck config` shows what it sets.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Leave the mouse to the terminal (text selection works), whatever the config file says.
    #[arg(long)]
    pub no_mouse: bool,
}

/// Options every subcommand takes; the standard AWS environment applies through aws-config.
#[derive(Debug, Clone, Args)]
pub struct GlobalOptions {
    /// Named profile from the AWS config files; `audit` takes it several times (one account each).
    #[arg(
        id = "profile",
        long = "profile",
        value_name = "PROFILE",
        global = true,
        env = "AWS_PROFILE"
    )]
    pub profiles: Vec<String>,
    /// Region for Incident Manager and Chatbot calls (SNS is read in every replication-set Region).
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// Send every request to this endpoint (e.g. a standalone `imdeck sandbox`).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Make every mutation impossible: no AWS write can be issued.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Start the embedded sandbox with the demo scenario and point every client at it.
    #[arg(long, global = true)]
    pub sandbox: bool,
}

impl GlobalOptions {
    /// The one profile a single-account command uses: the last `--profile` given.
    pub fn profile(&self) -> Option<String> {
        self.profiles.last().cloned()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every setup check headless; exit 0 clean, 1 a check failed, 3 a check could not run.
    Audit {
        /// How to print the report: text for a terminal, json for scripts, markdown for a ticket.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Audit every profile named in this file (one a line; `#` starts a comment), each account concurrently.
        #[arg(long, value_name = "FILE")]
        profiles_from: Option<PathBuf>,
        /// List only checks with these outcomes, e.g. `--only failed,warn,unknown` (the summary and the exit
        /// status still count every check).
        #[arg(long, value_enum, value_delimiter = ',', value_name = "OUTCOMES")]
        only: Vec<AuditOutcome>,
        /// Print nothing; only the exit status tells (0 clean, 1 a check failed, 3 a check could not run).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Run one chat-style command, e.g. `imdeck exec -- @aws ssm-incidents list-incident-records`.
    Exec {
        /// Output format, as the AWS CLI's `--output` (an `--output` inside the line wins).
        #[arg(long, value_enum)]
        output: Option<ExecOutput>,
        /// The chat line; the words are joined with spaces.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        line: Vec<String>,
    },
    /// The setup wizard's change set, headless.
    Setup {
        /// Print the change set (diffs and the equivalent AWS CLI commands).
        #[arg(long, conflicts_with = "apply")]
        plan: bool,
        /// Save the plan to this file.
        #[arg(long, value_name = "FILE", requires = "plan")]
        out: Option<PathBuf>,
        /// Apply the change set (optionally a saved plan), after a prompt.
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        apply: Option<Option<PathBuf>>,
        /// Apply without prompting.
        #[arg(long, requires = "apply")]
        yes: bool,
        /// Also set the guardrail AWSIncidentManagerResolverAccess on channels that lack it.
        #[arg(long)]
        set_guardrail: bool,
    },
    /// Write the post-incident record of one incident.
    Export {
        /// The incident: its ARN, the id at the end of its ARN, or its title when no other incident has it.
        #[arg(long, value_name = "INCIDENT")]
        incident: String,
        /// Markdown for a postmortem document, or JSON with every field as AWS returned it.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to this file instead of standard output (an existing file is not replaced without --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Run the local AWS sandbox standalone, until stopped.
    Sandbox(SandboxArgs),
    /// Publish a test notification through every topic of a chat channel (sns:Publish, a write), per Region.
    Probe(ProbeCliArgs),
    /// Print the effective configuration and where each value came from; exit 2 if the config file is bad.
    Config(ConfigArgs),
    /// Print a shell completion script, e.g. `imdeck completions bash > ~/.local/share/bash-completion/completions/imdeck`.
    Completions {
        /// The shell to print the completion script for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `imdeck man > ~/.local/share/man/man1/imdeck.1`.
    Man,
}

/// `imdeck probe`: which channel to probe and whether to skip the confirmation.
#[derive(Debug, Clone, Args)]
pub struct ProbeCliArgs {
    /// The chat channel configuration, by name or ARN.
    #[arg(long, value_name = "NAME|ARN")]
    pub channel: Option<String>,
    /// The response plan whose chat channel topics to probe, by name or ARN.
    #[arg(long, value_name = "NAME|ARN", conflicts_with = "channel")]
    pub plan: Option<String>,
    /// Publish without asking (required when there is no terminal to ask on).
    #[arg(long)]
    pub yes: bool,
    /// How to print the report: text for a person, json for a script.
    #[arg(long, value_enum, default_value = "text")]
    pub output: ExecOutput,
}

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Print a commented config file with every setting at its built-in value instead.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SandboxArgs {
    /// Loopback address to listen on; other addresses are refused.
    #[arg(long, default_value = "127.0.0.1:4566")]
    pub listen: SocketAddr,
    /// `demo`, `empty`, `scale[:regions=17,topics=20,plans=5,incidents=10,events=100]` or a JSON file.
    #[arg(long, default_value = "demo")]
    pub scenario: String,
    /// Delay every response by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Fraction of requests that fail (throttling, 500s, dropped connections, latency spikes).
    #[arg(long, default_value_t = 0.0)]
    pub fault_rate: f64,
    /// Seed that makes the faults repeatable.
    #[arg(long, default_value_t = 0)]
    pub fault_seed: u64,
    /// Append one JSON line per request to this file.
    #[arg(long, value_name = "FILE")]
    pub request_log: Option<PathBuf>,
    /// Play a drill: new timeline events on open incidents every few seconds.
    #[arg(long)]
    pub activity: bool,
    /// Answer this operation with AccessDenied (repeatable), to rehearse missing permissions.
    #[arg(long = "deny", value_name = "OPERATION")]
    pub deny_operations: Vec<String>,
    /// Always throttle this operation (repeatable).
    #[arg(long = "throttle", value_name = "OPERATION")]
    pub throttle_operations: Vec<String>,
    /// Enforce AWS's request rates: each operation a token bucket per Region, answering with the service's
    /// own throttling error when it runs dry (SNS 30/s; Incident Manager 5/s, burst 10; Chatbot 5/s).
    #[arg(long)]
    pub quotas: bool,
    /// Run as this account: the scenario's resources and ARNs belong to it (two sandboxes, two accounts).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

/// A check's outcome, as `imdeck audit --only` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditOutcome {
    #[value(alias = "fail")]
    Failed,
    Warn,
    Unknown,
    Info,
    #[value(alias = "passed")]
    Pass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExecOutput {
    Json,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}
