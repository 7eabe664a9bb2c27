//! Connects a run to its backend: the embedded sandbox (`--sandbox`) or AWS through aws-config's default chain.

use std::process::ExitCode;

use crate::cli::GlobalOptions;
use crate::cloud::{Cloud, CloudError, ConnectOptions, IncidentRegion};
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
    /// Incident Manager calls already go to the Region discovery found.
    pub cloud: Cloud,
    pub sandbox: Option<Sandbox>,
    /// Where Incident Manager answers, found once at connect.
    pub incident_region: IncidentRegion,
}

impl Backend {
    /// Connects as the global options say; `force_read_only` is for commands that must never write (audit, export).
    /// Credentials are resolved and the Incident Manager Region found here, before any command runs.
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
            profile: global.profile(),
            region: global.region.clone(),
            endpoint_url,
            sandbox_credentials: sandbox.is_some(),
            read_only,
        })
        .await;
        let cloud = match cloud {
            Ok(cloud) => cloud,
            Err(err) => {
                if let Some(sandbox) = sandbox {
                    sandbox.shutdown().await;
                }
                return Err(err);
            }
        };
        let incident_region = cloud.discover_incident_region().await;
        if let IncidentRegion::Failed(err) = &incident_region {
            tracing::warn!(error = %err, "finding the Incident Manager Region failed");
        }
        // A credentials problem stops here, once, instead of once per request.
        if let IncidentRegion::Failed(err @ CloudError::Credentials { .. }) = &incident_region {
            let err = err.clone();
            if let Some(sandbox) = sandbox {
                sandbox.shutdown().await;
            }
            return Err(err);
        }
        let cloud = match &incident_region {
            IncidentRegion::Found { region, .. } if *region != cloud.incident_region() => {
                cloud.with_incident_region(region)
            }
            _ => cloud,
        };
        Ok(Backend {
            cloud,
            sandbox,
            incident_region,
        })
    }

    /// The one connect-run-shut-down every subcommand shares: connects once, answers a failure to connect with
    /// `refuse` (for a command: print why and pick the exit status), runs `work`, and shuts the backend (and an embedded
    /// sandbox) down whatever `work` answers.
    pub async fn run_with<T, E>(
        global: &GlobalOptions,
        force_read_only: bool,
        refuse: impl FnOnce(CloudError) -> E,
        work: impl AsyncFnOnce(&Backend) -> T,
    ) -> Result<T, E> {
        let backend = Backend::connect(global, force_read_only)
            .await
            .map_err(refuse)?;
        let answer = work(&backend).await;
        backend.shutdown().await;
        Ok(answer)
    }

    /// One line for stderr when Incident Manager answers in another Region than the configured one.
    pub fn region_note(&self) -> Option<String> {
        match &self.incident_region {
            IncidentRegion::Found {
                region,
                set_regions,
            } if *region != self.cloud.region() => Some(format!(
                "note: Incident Manager runs in {region}, not {} (replication set: {})",
                self.cloud.region(),
                set_regions.join(", ")
            )),
            _ => None,
        }
    }

    /// The endpoint the calls go to instead of AWS, as the header shows it: `--endpoint-url`, or the standard
    /// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` variables aws-config obeys. `None` for the embedded
    /// sandbox, which the header already names.
    pub fn custom_endpoint(&self, global: &GlobalOptions) -> Option<String> {
        if self.sandbox.is_some() {
            return None;
        }
        if let Some(url) = &global.endpoint_url {
            return Some(url.clone());
        }
        [
            "AWS_ENDPOINT_URL_SSM_INCIDENTS",
            "AWS_ENDPOINT_URL_SNS",
            "AWS_ENDPOINT_URL_CHATBOT",
            "AWS_ENDPOINT_URL",
        ]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
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

/// The usual answer to a failure to connect: `who: cause and next step` on stderr, exit status 1 (the dashboard,
/// which keeps its backend for the whole run, and every `run_with`).
pub fn refusal(who: &str) -> impl FnOnce(CloudError) -> ExitCode + '_ {
    move |e| {
        eprintln!("{who}: {e}");
        ExitCode::FAILURE
    }
}

/// `cli_timestamp_format` from the selected profile, in the local zone as the AWS CLI prints it (the zone's
/// offset now; a time on the other side of a daylight-saving change is shown with today's offset).
pub async fn timestamp_format(
    global: &GlobalOptions,
) -> Result<crate::domain::cli_output::timestamps::TimestampFormat, String> {
    let facts = crate::cloud::profile::inspect(global.profile().as_deref()).await;
    let offset = chrono::Local::now().offset().local_minus_utc();
    crate::domain::cli_output::timestamps::TimestampFormat::from_setting(
        facts.cli_timestamp_format.as_deref(),
        offset,
    )
}
