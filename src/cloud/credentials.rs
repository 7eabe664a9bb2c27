//! Credentials resolved once before any request, with time for a person (MFA, a browser), and their failures told plainly.
//!
//! The SDK resolves credentials inside each request attempt, so its 5 s attempt timeout (and the identity
//! cache's own 5 s load timeout) would cut off a `credential_process` helper waiting for a person, which then
//! runs three times and fails. Here the chain runs once, before the TUI takes the terminal, for up to
//! `RESOLVE_TIMEOUT`; the clients then get a provider that hands out those credentials and refreshes them in
//! the background, outside any request, before they expire.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};

use super::CloudError;
use super::errors_map::display_chain;
use super::profile::ProfileFacts;

/// How long the first resolution may take: a helper may be waiting for a person to touch a key or a browser.
pub const RESOLVE_TIMEOUT: Duration = Duration::from_secs(300);
/// Credentials this close to expiry are refreshed in the background while the current ones are still handed out.
const REFRESH_AHEAD: Duration = Duration::from_secs(15 * 60);
/// Credentials this close to expiry are not handed out any more: the caller waits for new ones.
const STALE_AT: Duration = Duration::from_secs(60);

/// A provider that hands out credentials resolved earlier and renews them ahead of expiry.
#[derive(Debug, Clone)]
pub struct ResolvedCredentials {
    chain: SharedCredentialsProvider,
    state: Arc<Mutex<Held>>,
}

#[derive(Debug)]
struct Held {
    current: Credentials,
    refreshing: bool,
}

/// Runs the credential chain once, for up to `RESOLVE_TIMEOUT`; a failure comes back classified, with the fix.
pub async fn resolve(
    chain: SharedCredentialsProvider,
    profile: &ProfileFacts,
) -> Result<ResolvedCredentials, CloudError> {
    match tokio::time::timeout(RESOLVE_TIMEOUT, chain.provide_credentials()).await {
        Err(_) => Err(CloudError::Credentials {
            code: "CredentialsTimedOut".into(),
            message: format!(
                "no AWS credentials after {} minutes{}: the credential helper did not answer",
                RESOLVE_TIMEOUT.as_secs() / 60,
                profile.for_profile()
            ),
        }),
        Ok(Err(err)) => Err(describe(&err, profile)),
        Ok(Ok(current)) => Ok(ResolvedCredentials {
            chain,
            state: Arc::new(Mutex::new(Held {
                current,
                refreshing: false,
            })),
        }),
    }
}

impl ResolvedCredentials {
    async fn current_or_renewed(&self) -> Result<Credentials, CredentialsError> {
        let now = SystemTime::now();
        let (current, start_refresh) = {
            let mut held = self.state.lock().unwrap_or_else(|p| p.into_inner());
            let expiring = held
                .current
                .expiry()
                .is_some_and(|at| at <= now + REFRESH_AHEAD);
            let start = expiring && !held.refreshing;
            if start {
                held.refreshing = true;
            }
            (held.current.clone(), start)
        };
        if start_refresh {
            self.refresh_in_background();
        }
        if current.expiry().is_none_or(|at| at > now + STALE_AT) {
            return Ok(current);
        }
        // Expired (the background refresh failed or has not finished): resolve here, within the request.
        let fresh = self.chain.provide_credentials().await?;
        self.state.lock().unwrap_or_else(|p| p.into_inner()).current = fresh.clone();
        Ok(fresh)
    }

    /// A task of its own, so no request's timeout can cut it short.
    fn refresh_in_background(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let chain = self.chain.clone();
        let state = Arc::clone(&self.state);
        runtime.spawn(async move {
            let result = tokio::time::timeout(RESOLVE_TIMEOUT, chain.provide_credentials()).await;
            let mut held = state.lock().unwrap_or_else(|p| p.into_inner());
            held.refreshing = false;
            match result {
                Ok(Ok(fresh)) => held.current = fresh,
                Ok(Err(err)) => {
                    tracing::warn!(error = %display_chain(&err), "refreshing credentials failed")
                }
                Err(_) => tracing::warn!("refreshing credentials timed out"),
            }
        });
    }
}

impl ProvideCredentials for ResolvedCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.current_or_renewed())
    }
}

/// One or two lines: what is wrong, then the command that fixes it.
pub fn describe(err: &CredentialsError, profile: &ProfileFacts) -> CloudError {
    let chain = display_chain(err);
    let lower = chain.to_ascii_lowercase();
    let name = profile.name.as_str();
    let (code, message) = if profile.mfa_serial {
        (
            "MfaNotSupported",
            format!(
                "profile {name} sets mfa_serial, and imdeck does not prompt for an MFA code ({chain}).\n\
                 Use a credential_process helper that asks for it (aws-vault, granted, …) in that profile, \
                 or run imdeck under `aws-vault exec {name} --`."
            ),
        )
    } else if lower.contains("was not defined") && lower.contains("profile") {
        (
            "UnknownProfile",
            format!(
                "profile {name} is not in your AWS config ({chain}).\n\
                 Check the name with `aws configure list-profiles`."
            ),
        )
    } else if profile.sso && (lower.contains("sso") || lower.contains("token")) {
        (
            "SsoLoginRequired",
            format!(
                "the SSO session of profile {name} has expired or was never started ({chain}).\n\
                 Run `aws sso login --profile {name}`, then start imdeck again."
            ),
        )
    } else if profile.login_session {
        (
            "LoginRequired",
            format!(
                "the `aws login` session of profile {name} has expired or was never started ({chain}).\n\
                 Run `aws login --profile {name}`, then start imdeck again."
            ),
        )
    } else if matches!(err, CredentialsError::CredentialsNotLoaded(_)) {
        (
            "NoCredentials",
            "no AWS credentials found (no environment keys, no profile with credentials, no instance role).\n\
             Run `aws configure` (access keys) or `aws configure sso`, or set AWS_PROFILE, then try again."
                .to_string(),
        )
    } else {
        (
            "CredentialsError",
            format!(
                "could not get AWS credentials{}: {chain}",
                profile.for_profile()
            ),
        )
    };
    CloudError::Credentials {
        code: code.into(),
        message,
    }
}

/// The error for a profile the command line or AWS_PROFILE names but no config file defines.
pub fn unknown_profile(profile: &ProfileFacts) -> CloudError {
    let known = if profile.known.is_empty() {
        "your AWS config defines no profiles".to_string()
    } else {
        format!("profiles there: {}", profile.known.join(", "))
    };
    CloudError::Credentials {
        code: "UnknownProfile".into(),
        message: format!(
            "profile {} is not in your AWS config ({known}).\n\
             Check the name with `aws configure list-profiles`, or pass --profile with one of them.",
            profile.name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ProfileFacts {
        ProfileFacts {
            name: "dev".into(),
            ..ProfileFacts::default()
        }
    }

    /// A chain that counts its runs and hands out credentials expiring `valid_for` from now.
    #[derive(Debug)]
    struct Counting {
        runs: Arc<std::sync::atomic::AtomicUsize>,
        valid_for: Duration,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            let n = self.runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            future::ProvideCredentials::ready(Ok(Credentials::new(
                format!("AKID{n}"),
                "secret",
                None,
                Some(SystemTime::now() + self.valid_for),
                "counting",
            )))
        }
    }

    async fn resolved(
        valid_for: Duration,
    ) -> (ResolvedCredentials, Arc<std::sync::atomic::AtomicUsize>) {
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let chain = SharedCredentialsProvider::new(Counting {
            runs: Arc::clone(&runs),
            valid_for,
        });
        let resolved = resolve(chain, &facts()).await.expect("resolves");
        (resolved, runs)
    }

    #[tokio::test]
    async fn fresh_credentials_are_handed_out_without_running_the_chain_again() {
        let (creds, runs) = resolved(Duration::from_secs(3600)).await;
        for _ in 0..5 {
            let got = creds.provide_credentials().await.expect("creds");
            assert_eq!(got.access_key_id(), "AKID1");
        }
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn credentials_near_expiry_are_renewed_in_the_background_meanwhile_the_current_ones_serve()
     {
        let (creds, runs) = resolved(Duration::from_secs(600)).await;
        let got = creds.provide_credentials().await.expect("creds");
        assert_eq!(
            got.access_key_id(),
            "AKID1",
            "still valid: handed out at once"
        );
        // The renewal runs on its own task; wait (bounded) until its result is what is handed out.
        let mut renewed = false;
        for _ in 0..100 {
            let got = creds.provide_credentials().await.expect("creds");
            if got.access_key_id() != "AKID1" {
                renewed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(renewed, "never renewed");
        assert!(runs.load(std::sync::atomic::Ordering::SeqCst) >= 2);
    }

    #[tokio::test]
    async fn expired_credentials_are_renewed_before_they_are_handed_out() {
        let (creds, _runs) = resolved(Duration::from_secs(0)).await;
        let got = creds.provide_credentials().await.expect("creds");
        assert_ne!(got.access_key_id(), "AKID1");
    }

    #[test]
    fn an_empty_chain_says_how_to_configure() {
        let err = CredentialsError::not_loaded("no providers in chain provided credentials");
        let CloudError::Credentials { code, message } = describe(&err, &facts()) else {
            panic!("not a credentials error");
        };
        assert_eq!(code, "NoCredentials");
        assert!(message.contains("aws configure"), "{message}");
        assert!(message.lines().count() <= 2, "{message}");
    }

    #[test]
    fn an_expired_sso_token_names_the_login_command() {
        let err =
            CredentialsError::provider_error("the SSO token has expired and cannot be refreshed");
        let profile = ProfileFacts {
            sso: true,
            ..facts()
        };
        let text = describe(&err, &profile).to_string();
        assert!(text.contains("aws sso login --profile dev"), "{text}");
    }

    #[test]
    fn mfa_serial_is_called_out_with_a_helper_to_use() {
        let err = CredentialsError::provider_error("AccessDenied");
        let profile = ProfileFacts {
            mfa_serial: true,
            ..facts()
        };
        let text = describe(&err, &profile).to_string();
        assert!(text.contains("mfa_serial"), "{text}");
        assert!(text.contains("credential_process"), "{text}");
    }

    #[test]
    fn messages_carry_no_debug_rendering() {
        let err = CredentialsError::provider_error(std::io::Error::other("boom"));
        let text = describe(&err, &facts()).to_string();
        for debug in ["Some(", "ProviderError(", "Custom {"] {
            assert!(!text.contains(debug), "{text}");
        }
    }
}
