//! The subcommands, each a thin run over the cloud adapter and the pure domain.

pub mod audit;
pub mod backend;
pub mod exec;
pub mod export;
pub mod sandbox;

/// `imdeck setup` until the change set lands: says so plainly and exits with the usage status.
pub fn setup_unavailable() -> std::process::ExitCode {
    eprintln!("imdeck setup: not available in this build yet");
    std::process::ExitCode::from(2)
}
