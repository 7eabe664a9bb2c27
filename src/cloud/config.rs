//! Building the one `SdkConfig` every client derives from: credentials, Region, endpoint, and the retry/timeout policy.
//!
//! The retry and timeout policy is chosen for an interactive tool used during incidents:
//! - `RetryConfig::standard()` exactly as the SDK and the AWS CLI's standard mode have it: 3 attempts in total,
//!   exponential backoff with full jitter from 1 s (capped at 20 s), and the SDK's retry-token bucket. SNS and
//!   Incident Manager quotas are shared with production, so a throttled call must back off as long as AWS asks
//!   of every client (a 150 ms retry lands inside the same throttled second and turns the check unknown).
//!   `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` still override attempts and mode, as the AWS CLI honours them.
//! - Timeouts: connect 3 s (a dead endpoint is reported fast), 5 s per attempt (no single hung response
//!   eats the whole budget), 15 s per operation including retries — Chatbot's own limit for a chat command,
//!   so a command that would time out in Slack times out here too. These apply to requests only: credentials
//!   are resolved once before the first request, with minutes to spare (`credentials.rs`).
//! - Trust: `AWS_CA_BUNDLE` (else the profile's `ca_bundle`) is added to the https client's trust store, as the
//!   AWS CLI does; aws-config's default client does not read either.

mod ca_bundle;

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};

use super::CloudError;
use super::credentials;
use super::profile::{self, ProfileFacts};

/// The Region the sandbox is reached with when none is given (the Chatbot console's Region).
pub const SANDBOX_DEFAULT_REGION: &str = "us-east-2";
/// The static credentials every sandbox client signs with; the sandbox does not verify signatures.
pub const SANDBOX_ACCESS_KEY_ID: &str = "AKIDSANDBOXTEST";
const SANDBOX_SECRET: &str = "sandbox-secret";

pub const MAX_ATTEMPTS: u32 = 3;
/// The SDK's standard backoff, named so tests and documentation can state it.
pub const INITIAL_BACKOFF: Duration = Duration::from_secs(1);
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
/// Chatbot's execution limit for a chat command.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(15);

/// What `connect` needs to know, already resolved from the command line.
pub struct ConfigRequest<'a> {
    pub profile: Option<&'a str>,
    pub region: Option<&'a str>,
    pub endpoint_url: Option<&'a str>,
    pub sandbox_credentials: bool,
}

/// The retry policy documented at the top of this file. `AWS_MAX_ATTEMPTS` and `AWS_RETRY_MODE` are read
/// here rather than by aws-config's provider because that provider panics on an invalid value; an invalid
/// value is ignored instead (the profile's retry keys are not consulted).
pub fn retry_policy() -> RetryConfig {
    let mut policy = RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS);
    if let Some(attempts) = std::env::var("AWS_MAX_ATTEMPTS")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
    {
        policy = policy.with_max_attempts(attempts);
    }
    let adaptive = std::env::var("AWS_RETRY_MODE")
        .is_ok_and(|mode| mode.trim().eq_ignore_ascii_case("adaptive"));
    if adaptive {
        policy = RetryConfig::adaptive().with_max_attempts(policy.max_attempts());
    }
    policy
        .with_initial_backoff(INITIAL_BACKOFF)
        .with_max_backoff(MAX_BACKOFF)
}

pub fn timeout_policy() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .operation_attempt_timeout(ATTEMPT_TIMEOUT)
        .operation_timeout(OPERATION_TIMEOUT)
        .build()
}

/// Loads the shared configuration: aws-config's default chain (env, profile, SSO, IMDS…) unless the sandbox's
/// static credentials are asked for; an explicit Region/endpoint wins over the environment's. With the default
/// chain, the profile is checked first (an unknown profile is said to be one, not "no Region") and the
/// credentials are resolved here, once, so that a credentials problem is reported once, before any request.
pub async fn load(request: &ConfigRequest<'_>) -> Result<SdkConfig, CloudError> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(retry_policy())
        .timeout_config(timeout_policy());
    let facts = if request.sandbox_credentials {
        ProfileFacts::default()
    } else {
        profile::inspect(request.profile).await
    };
    if facts.explicit && !facts.exists {
        return Err(credentials::unknown_profile(&facts));
    }
    if let Some(profile) = request.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(endpoint) = request.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    if !request.sandbox_credentials
        && let Some(client) = ca_bundle_client(&facts)?
    {
        loader = loader.http_client(client);
    }
    if request.sandbox_credentials {
        loader = loader.credentials_provider(Credentials::new(
            SANDBOX_ACCESS_KEY_ID,
            SANDBOX_SECRET,
            None,
            None,
            "imdeck-sandbox",
        ));
    }
    let region = match (request.region, request.sandbox_credentials) {
        (Some(region), _) => Some(region.to_string()),
        (None, true) => Some(SANDBOX_DEFAULT_REGION.to_string()),
        (None, false) => None,
    };
    if let Some(region) = region {
        loader = loader.region(Region::new(region));
    }
    let sdk = loader.load().await;
    if sdk.region().is_none() {
        return Err(CloudError::Validation {
            code: "NoRegion".into(),
            message: format!(
                "no AWS Region is configured{}: pass --region or set AWS_REGION or the profile's region",
                facts.for_profile()
            ),
        });
    }
    if request.sandbox_credentials {
        return Ok(sdk);
    }
    let Some(chain) = sdk.credentials_provider() else {
        return Err(CloudError::Credentials {
            code: "NoCredentials".into(),
            message: "no AWS credentials provider is configured".into(),
        });
    };
    let resolved = credentials::resolve(chain, &facts).await?;
    Ok(sdk
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(resolved))
        .build())
}

/// The https client with `AWS_CA_BUNDLE` (else the profile's `ca_bundle`) trusted beside the system roots, or
/// `None` when neither is set. The bundle is checked here because the TLS layer panics on an unparsable one.
fn ca_bundle_client(
    facts: &ProfileFacts,
) -> Result<Option<aws_sdk_ssmincidents::config::SharedHttpClient>, CloudError> {
    let (path, source) = match std::env::var("AWS_CA_BUNDLE")
        .ok()
        .filter(|p| !p.trim().is_empty())
    {
        Some(path) => (path, "AWS_CA_BUNDLE".to_string()),
        None => match &facts.ca_bundle {
            Some(path) => (path.clone(), format!("ca_bundle of profile {}", facts.name)),
            None => return Ok(None),
        },
    };
    let invalid = |why: String| CloudError::Validation {
        code: "InvalidCaBundle".into(),
        message: format!("{source} names {path}, which {why}"),
    };
    let pem = std::fs::read(&path).map_err(|e| invalid(format!("cannot be read: {e}")))?;
    let certificates = ca_bundle::certificates(&pem).map_err(invalid)?;
    let trust = certificates
        .into_iter()
        .fold(TrustStore::default(), TrustStore::with_pem_certificate);
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|e| invalid(format!("was refused by the TLS layer: {e}")))?;
    Ok(Some(
        aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::AwsLc,
            ))
            .tls_context(context)
            .build_https(),
    ))
}

/// Chatbot's API answers only in a few Regions (its configurations have none of their own): use the
/// configured Region when it is one of them, else us-east-2 where the console lives.
pub fn chatbot_region(region: &str) -> &str {
    const CHATBOT_REGIONS: [&str; 4] = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"];
    if CHATBOT_REGIONS.contains(&region) {
        region
    } else {
        SANDBOX_DEFAULT_REGION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chatbot_falls_back_to_us_east_2_outside_its_regions() {
        assert_eq!(chatbot_region("eu-west-1"), "eu-west-1");
        assert_eq!(chatbot_region("us-east-1"), "us-east-2");
    }

    #[test]
    fn timeouts_match_the_documented_policy() {
        let t = timeout_policy();
        assert_eq!(t.connect_timeout(), Some(CONNECT_TIMEOUT));
        assert_eq!(t.operation_attempt_timeout(), Some(ATTEMPT_TIMEOUT));
        assert_eq!(t.operation_timeout(), Some(OPERATION_TIMEOUT));
    }
}
