//! What the selected AWS profile says, read with aws-config's own parser: does it exist, SSO, MFA, CA bundle.

use std::borrow::Cow;

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// The facts about the selected profile that decide how a credentials problem is explained.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileFacts {
    /// The selected profile: `--profile`, else `AWS_PROFILE`, else `default`.
    pub name: String,
    /// Named by `--profile` or `AWS_PROFILE` (a missing `default` is no error: other sources may serve).
    pub explicit: bool,
    /// Defined in the config or credentials file.
    pub exists: bool,
    /// Every profile the files define, for the "unknown profile" message.
    pub known: Vec<String>,
    /// The profile or a `source_profile` it assumes a role from sets `mfa_serial`.
    pub mfa_serial: bool,
    /// Credentials come from IAM Identity Center (`sso_session` or `sso_start_url`).
    pub sso: bool,
    /// Credentials come from an `aws login` session (`login_session`).
    pub login_session: bool,
    /// The profile's `ca_bundle`.
    pub ca_bundle: Option<String>,
    /// The profile's `cli_timestamp_format` (`iso8601`, `wire`, `none`), which decides how command output
    /// shows timestamps.
    pub cli_timestamp_format: Option<String>,
}

impl ProfileFacts {
    /// ` for profile NAME`, or nothing for the default profile.
    pub fn for_profile(&self) -> String {
        if self.explicit {
            format!(" for profile {}", self.name)
        } else {
            String::new()
        }
    }
}

/// Reads `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`).
/// A file that cannot be parsed is left to aws-config, which reports it when credentials are resolved.
pub async fn inspect(profile_override: Option<&str>) -> ProfileFacts {
    let env_profile = std::env::var("AWS_PROFILE")
        .ok()
        .filter(|p| !p.trim().is_empty());
    let explicit = profile_override.is_some() || env_profile.is_some();
    let selected = profile_override
        .map(str::to_string)
        .or(env_profile)
        .unwrap_or_else(|| "default".to_string());
    let loaded = aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &EnvConfigFiles::default(),
        Some(Cow::Owned(selected.clone())),
    )
    .await;
    let mut facts = ProfileFacts {
        name: selected.clone(),
        explicit,
        ..ProfileFacts::default()
    };
    let Ok(set) = loaded else {
        // Unreadable or unparsable files: do not claim the profile is missing.
        facts.exists = true;
        return facts;
    };
    facts.known = set.profiles().map(str::to_string).collect();
    facts.known.sort();
    let Some(profile) = set.get_profile(&selected) else {
        return facts;
    };
    facts.exists = true;
    facts.sso = profile.get("sso_session").is_some() || profile.get("sso_start_url").is_some();
    facts.login_session = profile.get("login_session").is_some();
    facts.ca_bundle = profile.get("ca_bundle").map(str::to_string);
    facts.cli_timestamp_format = profile.get("cli_timestamp_format").map(str::to_string);
    // mfa_serial on the profile itself or anywhere along its source_profile chain (bounded: chains can loop).
    let mut current = Some(profile);
    for _ in 0..8 {
        let Some(p) = current else { break };
        if p.get("mfa_serial").is_some() {
            facts.mfa_serial = true;
            break;
        }
        current = p.get("source_profile").and_then(|s| set.get_profile(s));
    }
    facts
}
