//! Picks the backend for a run: the embedded sandbox (`--sandbox`) or AWS through aws-config's default chain.

use crate::cli::GlobalOptions;
use crate::cloud::{Cloud, CloudError, ConnectOptions};
use crate::domain::model::Timestamp;
use crate::sandbox::{self, Sandbox, SandboxOptions, Scenario};

/// When the sandbox starts, so the demo's incidents began minutes ago: now, or `IMDECK_SANDBOX_NOW` (RFC 3339
/// or epoch seconds) to replay the demo as of a fixed instant — tests pin it so times they compare stay put.
pub fn sandbox_start_time() -> Result<Timestamp, String> {
    match std::env::var("IMDECK_SANDBOX_NOW") {
        Ok(text) => parse_instant(&text).ok_or_else(|| {
            format!(
                "IMDECK_SANDBOX_NOW={text} is neither an RFC 3339 time (2024-03-14T10:08:30Z) nor epoch seconds"
            )
        }),
        Err(_) => Ok(Timestamp(chrono::Utc::now().timestamp_millis())),
    }
}

fn parse_instant(text: &str) -> Option<Timestamp> {
    if let Ok(secs) = text.trim().parse::<i64>() {
        return Some(Timestamp::from_secs(secs));
    }
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| Timestamp(t.timestamp_millis()))
}

/// A connected cloud, plus the in-process sandbox that serves it when `--sandbox` was given
/// (kept here so it lives exactly as long as the run).
pub struct Backend {
    pub cloud: Cloud,
    pub sandbox: Option<Sandbox>,
}

impl Backend {
    /// Connects as the global options say; `force_read_only` is for commands that must never write (audit, export).
    pub async fn connect(
        global: &GlobalOptions,
        force_read_only: bool,
    ) -> Result<Backend, CloudError> {
        let read_only = global.read_only || force_read_only;
        let (endpoint_url, sandbox) = if global.sandbox {
            let options = SandboxOptions {
                starts_at: Some(sandbox_start_time().map_err(CloudError::Network)?),
                ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
            };
            let sandbox = sandbox::start(options)
                .await
                .map_err(|e| CloudError::Network(format!("could not start the sandbox: {e}")))?;
            (Some(sandbox.endpoint_url()), Some(sandbox))
        } else {
            (global.endpoint_url.clone(), None)
        };
        let cloud = Cloud::connect(ConnectOptions {
            profile: global.profile.clone(),
            region: global.region.clone(),
            endpoint_url,
            sandbox_credentials: sandbox.is_some(),
            read_only,
        })
        .await?;
        Ok(Backend { cloud, sandbox })
    }

    /// How the header names where the data comes from: `SANDBOX`, the profile, or `default`.
    pub fn origin_label(&self) -> String {
        if self.sandbox.is_some() {
            "SANDBOX".to_string()
        } else {
            self.cloud
                .profile()
                .unwrap_or_else(|| "default".to_string())
        }
    }

    pub async fn shutdown(self) {
        if let Some(sandbox) = self.sandbox {
            sandbox.shutdown().await;
        }
    }
}
