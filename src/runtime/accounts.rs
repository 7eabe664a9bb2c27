//! Several `--profile` flags make several accounts: each connected concurrently before the screen opens.

use std::process::ExitCode;

use crate::app::AppState;
use crate::app::state::{AccountPosition, CommandOutput, UnavailableAccount};
use crate::backend::{Backend, refusal};
use crate::cli::GlobalOptions;

/// The connected accounts in the order the profiles were given (each with the options naming its one profile),
/// and the profiles that could not connect. One account (one or no `--profile`, or `--sandbox`, which serves
/// every profile alike) connects exactly as before. When no profile connects, each reason is printed and the
/// exit status is the one a failed connect always had.
///
/// A profile that fails while others connect does not stop the dashboard, and it is never cycled to: k9s keeps
/// a context it cannot reach in its list and says why when asked, but never shows it as if it were connected. So
/// the header of every account names it (`[UNAVAILABLE name]`), its reason is the command output at start, and
/// the reason is printed before the screen opens so it is still on the terminal after imdeck quits.
pub async fn connect(
    global: &GlobalOptions,
) -> Result<(Vec<(GlobalOptions, Backend)>, Vec<UnavailableAccount>), ExitCode> {
    let mut profiles: Vec<String> = Vec::new();
    for profile in &global.profiles {
        if !profiles.contains(profile) {
            profiles.push(profile.clone());
        }
    }
    if global.sandbox || profiles.len() <= 1 {
        let backend = Backend::connect(global, false)
            .await
            .map_err(refusal("imdeck"))?;
        return Ok((vec![(global.clone(), backend)], Vec::new()));
    }
    let attempts = futures::future::join_all(profiles.into_iter().map(|profile| async move {
        let mut one = global.clone();
        one.profiles = vec![profile.clone()];
        let result = Backend::connect(&one, false).await;
        (profile, one, result)
    }))
    .await;
    let mut connected = Vec::new();
    let mut unavailable = Vec::new();
    for (profile, one, result) in attempts {
        match result {
            Ok(backend) => connected.push((one, backend)),
            Err(e) => unavailable.push(UnavailableAccount {
                profile,
                reason: e.to_string(),
            }),
        }
    }
    if connected.is_empty() {
        for failed in &unavailable {
            eprintln!("imdeck: profile {}: {}", failed.profile, failed.reason);
        }
        return Err(ExitCode::from(1));
    }
    for failed in &unavailable {
        eprintln!(
            "imdeck: note: profile {} is unavailable, the dashboard shows the other accounts: {}",
            failed.profile, failed.reason
        );
    }
    Ok((connected, unavailable))
}

/// Tells each account where it stands (the header's `profile a (1/2)`) and which profiles failed. With one
/// account and no failure nothing is set, so the screen is exactly the single-account one.
pub fn place<'a>(
    states: impl ExactSizeIterator<Item = &'a mut AppState>,
    unavailable: &[UnavailableAccount],
) {
    let total = states.len();
    if total <= 1 && unavailable.is_empty() {
        return;
    }
    for (i, state) in states.enumerate() {
        state.account = Some(AccountPosition {
            index: i + 1,
            total,
            unavailable: unavailable.to_vec(),
        });
        if !unavailable.is_empty() {
            state.command.output = unavailable_output(unavailable);
        }
    }
}

/// The reasons in words, where command output goes, until the first command replaces them.
pub fn unavailable_output(unavailable: &[UnavailableAccount]) -> CommandOutput {
    let names: Vec<&str> = unavailable.iter().map(|u| u.profile.as_str()).collect();
    let reasons: Vec<String> = unavailable
        .iter()
        .map(|u| format!("profile {}: {}", u.profile, u.reason))
        .collect();
    CommandOutput::Failed {
        title: format!(
            "could not connect {} (fix the profile and start imdeck again)",
            names.join(", ")
        ),
        message: reasons.join("; "),
    }
}
