//! The seam to AWS: the only module that names `aws_sdk_*` types; everything it returns is a domain type.
//!
//! `Cloud` holds one `SdkConfig` and the clients derived from it (per-Region SNS clients are made on demand
//! from the same config). Reads live on `Cloud`; every write lives on `CloudWriter`, which `Cloud::writer`
//! refuses to create in read-only mode — so read-only is a property of the types, not a check someone
//! might forget. The retry/timeout policy is documented in `config.rs`; credentials in `credentials.rs`.
//! Incident Manager calls go to the Region discovery found (`region_discovery.rs`), which may differ from the
//! configured Region that SNS and the header start from.

pub mod config;
pub mod convert;
pub mod credentials;
pub mod errors_map;
pub mod execute;
mod export_read;
pub mod incidents;
pub mod latest_events;
pub mod profile;
pub mod region_discovery;
pub mod snapshot_load;
pub mod topics;
pub mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_config::{Region, SdkConfig};

pub use crate::domain::cloud_error::CloudError;
pub use region_discovery::IncidentRegion;
pub use snapshot_load::SnapshotProgress;
pub use writer::CloudWriter;

/// How to reach AWS (or the sandbox), resolved from the command line.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// static test credentials, for the sandbox
    pub sandbox_credentials: bool,
    pub read_only: bool,
}

/// A connection to one account: cheap to clone (shared clients), safe to move into effect tasks.
#[derive(Clone)]
pub struct Cloud {
    inner: Arc<Connection>,
}

struct Connection {
    sdk: SdkConfig,
    /// The configured Region (SNS starts here; the header names it).
    region: String,
    /// Where Incident Manager calls go: the configured Region until discovery chooses one of the set's.
    incident_region: String,
    profile: Option<String>,
    read_only: bool,
    incidents: aws_sdk_ssmincidents::Client,
    chatbot: aws_sdk_chatbot::Client,
    /// Per-Region SNS clients, made once each so that they share connections across calls.
    sns: Mutex<HashMap<String, aws_sdk_sns::Client>>,
}

impl std::fmt::Debug for Cloud {
    // Hand-written so that no credential provider (and nothing it holds) is ever formatted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cloud")
            .field("region", &self.inner.region)
            .field("incident_region", &self.inner.incident_region)
            .field("profile", &self.inner.profile)
            .field("read_only", &self.inner.read_only)
            .finish()
    }
}

impl Cloud {
    /// Builds the clients; makes no request (credentials are resolved on the first call).
    pub async fn connect(opts: ConnectOptions) -> Result<Cloud, CloudError> {
        let sdk = config::load(&config::ConfigRequest {
            profile: opts.profile.as_deref(),
            region: opts.region.as_deref(),
            endpoint_url: opts.endpoint_url.as_deref(),
            sandbox_credentials: opts.sandbox_credentials,
        })
        .await?;
        let region = sdk.region().map(|r| r.to_string()).unwrap_or_default();
        let profile = if opts.sandbox_credentials {
            None
        } else {
            opts.profile
                .clone()
                .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
        };
        let incidents = aws_sdk_ssmincidents::Client::new(&sdk);
        let chatbot = aws_sdk_chatbot::Client::from_conf(
            aws_sdk_chatbot::config::Builder::from(&sdk)
                .region(Region::new(config::chatbot_region(&region).to_string()))
                .build(),
        );
        Ok(Cloud {
            inner: Arc::new(Connection {
                sdk,
                incident_region: region.clone(),
                region,
                profile,
                read_only: opts.read_only,
                incidents,
                chatbot,
                sns: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn region(&self) -> String {
        self.inner.region.clone()
    }

    /// The Region Incident Manager calls go to.
    pub fn incident_region(&self) -> String {
        self.inner.incident_region.clone()
    }

    /// The same connection with every Incident Manager call (snapshot, live view, commands without
    /// `--region`, writes) sent to `region`.
    pub fn with_incident_region(&self, region: &str) -> Cloud {
        let inner = &self.inner;
        let sns = inner
            .sns
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        Cloud {
            inner: Arc::new(Connection {
                sdk: inner.sdk.clone(),
                region: inner.region.clone(),
                incident_region: region.to_string(),
                profile: inner.profile.clone(),
                read_only: inner.read_only,
                incidents: self.incidents_client_in(region),
                chatbot: inner.chatbot.clone(),
                sns: Mutex::new(sns),
            }),
        }
    }

    pub fn profile(&self) -> Option<String> {
        self.inner.profile.clone()
    }

    pub fn is_read_only(&self) -> bool {
        self.inner.read_only
    }

    /// The only way to obtain something that can write: none exists in read-only mode.
    pub fn writer(&self) -> Result<CloudWriter, CloudError> {
        if self.inner.read_only {
            return Err(CloudError::ReadOnly(
                "writing (read-only mode has no writer)".into(),
            ));
        }
        Ok(CloudWriter::new(self.clone()))
    }

    /// The Incident Manager client, or one for another Region (a command's `--region`).
    pub(crate) fn incidents_in(&self, region: Option<&str>) -> aws_sdk_ssmincidents::Client {
        match region {
            Some(r) if r != self.inner.incident_region => self.incidents_client_in(r),
            _ => self.inner.incidents.clone(),
        }
    }

    /// A new Incident Manager client for one Region, from the shared config.
    pub(crate) fn incidents_client_in(&self, region: &str) -> aws_sdk_ssmincidents::Client {
        aws_sdk_ssmincidents::Client::from_conf(
            aws_sdk_ssmincidents::config::Builder::from(&self.inner.sdk)
                .region(Region::new(region.to_string()))
                .build(),
        )
    }

    pub(crate) fn incidents(&self) -> &aws_sdk_ssmincidents::Client {
        &self.inner.incidents
    }

    pub(crate) fn chatbot(&self) -> &aws_sdk_chatbot::Client {
        &self.inner.chatbot
    }

    /// The SNS client of one Region, from the shared config (topics are Regional).
    pub(crate) fn sns_in(&self, region: &str) -> aws_sdk_sns::Client {
        // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
        let mut clients = self
            .inner
            .sns
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        clients
            .entry(region.to_string())
            .or_insert_with(|| {
                aws_sdk_sns::Client::from_conf(
                    aws_sdk_sns::config::Builder::from(&self.inner.sdk)
                        .region(Region::new(region.to_string()))
                        .build(),
                )
            })
            .clone()
    }
}
