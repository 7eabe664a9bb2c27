//! Command history per account: the sandbox and each account keep their own lines, and the history the box walks
//! follows the account once the snapshot names it. Driven through `update`, with the history files played by a map
//! that obeys the effects exactly as the runtime does.

#[path = "support/demo.rs"]
mod demo;

use std::collections::HashMap;

use demo::*;
use imdeck::app::state::{HeaderInfo, HistoryScope};
use imdeck::app::{AppState, Effect, Msg, update};
use ratatui::crossterm::event::KeyCode;

/// The history files, one per scope, as `runtime::history` keeps them.
#[derive(Default)]
struct Files(HashMap<HistoryScope, Vec<String>>);

impl Files {
    /// Runs the history effects against the files, answering a load at once; returns the others.
    fn run(&mut self, state: &mut AppState, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for effect in effects {
            match effect {
                Effect::SaveHistory { scope, line } => self.0.entry(scope).or_default().push(line),
                Effect::LoadHistory { scope } => {
                    let lines = self.0.get(&scope).cloned().unwrap_or_default();
                    let more = update(state, Msg::HistoryLoaded { scope, lines });
                    rest.extend(self.run(state, more));
                }
                other => rest.push(other),
            }
        }
        rest
    }
}

fn real_header(profile: &str) -> HeaderInfo {
    HeaderInfo {
        account: String::new(),
        profile_or_sandbox: profile.into(),
        ..header(false)
    }
}

fn load_snapshot(state: &mut AppState, account: &str) -> Vec<Effect> {
    let mut snapshot = snapshot();
    snapshot.account = account.into();
    update(
        state,
        Msg::SnapshotLoaded {
            generation: state.setup.generation,
            snapshot: Box::new(snapshot),
            checks: checks(),
        },
    )
}

fn submit(files: &mut Files, state: &mut AppState, line: &str) {
    update(state, key(KeyCode::Char(':')));
    typed(state, line);
    let effects = update(state, key(KeyCode::Enter));
    files.run(state, effects);
    update(state, key(KeyCode::Esc));
    update(state, key(KeyCode::Esc));
}

/// Every line ↑ offers in the command box, newest first.
fn offered(state: &mut AppState) -> Vec<String> {
    update(state, key(KeyCode::Char(':')));
    let mut seen = Vec::new();
    for _ in 0..state.command.history.len() {
        update(state, key(KeyCode::Up));
        seen.push(state.command.text());
    }
    update(state, key(KeyCode::Esc));
    seen
}

const SANDBOX_LINE: &str = "@aws ssm-incidents get-incident-record --arn arn:aws:ssm-incidents::111122223333:incident-record/sandbox/1";
const PROD_LINE: &str = "@aws ssm-incidents get-incident-record --arn arn:aws:ssm-incidents::444455556666:incident-record/prod/2";
const STAGING_LINE: &str = "@aws ssm-incidents list-incident-records";

#[test]
fn sandbox_lines_are_never_offered_against_an_account_nor_one_account_s_against_another() {
    let mut files = Files::default();

    // A sandbox session.
    let mut sandbox = AppState::new(header(false));
    let effects = update(&mut sandbox, Msg::Started { now: now() });
    assert!(effects.contains(&Effect::LoadHistory {
        scope: HistoryScope::Sandbox
    }));
    files.run(&mut sandbox, effects);
    submit(&mut files, &mut sandbox, SANDBOX_LINE);
    assert_eq!(offered(&mut sandbox), vec![SANDBOX_LINE.to_string()]);

    // A session against production: before the account is known, the profile's history; then the account's.
    let mut prod = AppState::new(real_header("prod"));
    let effects = update(&mut prod, Msg::Started { now: now() });
    assert!(effects.contains(&Effect::LoadHistory {
        scope: HistoryScope::Profile("prod".into())
    }));
    files.run(&mut prod, effects);
    assert!(offered(&mut prod).is_empty(), "the sandbox's line leaked");
    let effects = load_snapshot(&mut prod, "444455556666");
    assert!(effects.contains(&Effect::LoadHistory {
        scope: HistoryScope::Account("444455556666".into())
    }));
    files.run(&mut prod, effects);
    submit(&mut files, &mut prod, PROD_LINE);
    assert_eq!(offered(&mut prod), vec![PROD_LINE.to_string()]);

    // Another account under another profile sees neither.
    let mut staging = AppState::new(real_header("staging"));
    let effects = update(&mut staging, Msg::Started { now: now() });
    files.run(&mut staging, effects);
    let effects = load_snapshot(&mut staging, "777788889999");
    files.run(&mut staging, effects);
    assert!(offered(&mut staging).is_empty());
    submit(&mut files, &mut staging, STAGING_LINE);

    // The files hold what was typed where, and nothing else.
    assert_eq!(files.0[&HistoryScope::Sandbox], vec![SANDBOX_LINE]);
    assert_eq!(
        files.0[&HistoryScope::Account("444455556666".into())],
        vec![PROD_LINE]
    );
    assert_eq!(
        files.0[&HistoryScope::Account("777788889999".into())],
        vec![STAGING_LINE]
    );
    assert_eq!(files.0.len(), 3, "{:?}", files.0.keys());

    // The sandbox, started again, offers its own line back.
    let mut again = AppState::new(header(false));
    let effects = update(&mut again, Msg::Started { now: now() });
    files.run(&mut again, effects);
    assert_eq!(offered(&mut again), vec![SANDBOX_LINE.to_string()]);
}

#[test]
fn a_profile_history_arriving_after_the_account_became_known_is_dropped() {
    let mut state = AppState::new(real_header("prod"));
    let started = update(&mut state, Msg::Started { now: now() });
    assert!(started.contains(&Effect::LoadHistory {
        scope: HistoryScope::Profile("prod".into())
    }));
    // The snapshot answers first: the account's history is asked for.
    let effects = load_snapshot(&mut state, "444455556666");
    assert!(effects.contains(&Effect::LoadHistory {
        scope: HistoryScope::Account("444455556666".into())
    }));
    // The profile's file, read before, arrives late: it is not the account's.
    update(
        &mut state,
        Msg::HistoryLoaded {
            scope: HistoryScope::Profile("prod".into()),
            lines: vec![SANDBOX_LINE.into()],
        },
    );
    assert!(state.command.history.is_empty());
    update(
        &mut state,
        Msg::HistoryLoaded {
            scope: HistoryScope::Account("444455556666".into()),
            lines: vec![PROD_LINE.into()],
        },
    );
    assert_eq!(state.command.history, vec![PROD_LINE]);
    // A later snapshot of the same account asks for nothing more.
    let effects = load_snapshot(&mut state, "444455556666");
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadHistory { .. })),
        "{effects:?}"
    );
}

#[test]
fn the_sandbox_keeps_its_own_history_whatever_account_it_plays() {
    let mut state = AppState::new(header(false));
    update(&mut state, Msg::Started { now: now() });
    // The sandbox's snapshot names its account; the history stays the sandbox's.
    let effects = load_snapshot(&mut state, ACCOUNT);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadHistory { .. })),
        "{effects:?}"
    );
    assert_eq!(state.command.history_scope, Some(HistoryScope::Sandbox));
}
