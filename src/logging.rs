//! Logs go to a file (never the screen the TUI draws on); `IMDECK_LOG` sets the filter.

use std::path::PathBuf;

use tracing::{Level, Metadata};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::prelude::*;

/// SDK internals whose debug and trace events print the resolved identity or the signed request, and with them
/// the access key id. They are held at info whatever `IMDECK_LOG` asks, so no log file ever carries a credential.
const CREDENTIAL_BEARING_TARGETS: [&str; 2] =
    ["aws_smithy_runtime::client::orchestrator", "aws_sigv4"];

/// Where the log file lives: the XDG state directory (`~/.local/state/imdeck`), else the temp dir.
pub fn log_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "imdeck")
        .and_then(|d| d.state_dir().map(|p| p.to_path_buf()))
        .unwrap_or_else(|| std::env::temp_dir().join("imdeck"))
}

/// False for an event or span too verbose to be safe: see [`CREDENTIAL_BEARING_TARGETS`].
pub fn credential_safe(meta: &Metadata<'_>) -> bool {
    *meta.level() <= Level::INFO
        || !CREDENTIAL_BEARING_TARGETS
            .iter()
            .any(|target| meta.target().starts_with(target))
}

/// Starts file logging; keep the guard alive for the whole run so buffered lines are flushed.
pub fn init() -> Option<WorkerGuard> {
    let dir = log_dir();
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, "imdeck.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("IMDECK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_filter(filter)
        .with_filter(filter_fn(credential_safe));
    tracing_subscriber::registry().with(layer).try_init().ok()?;
    Some(guard)
}
