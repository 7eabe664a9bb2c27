//! Several `--profile`s: the switch key asks the runtime, the header says which account, and the real loop routes
//! each account's answers and writes to that account's cloud (two sandboxes as two accounts, no terminal).

#[path = "support/demo.rs"]
mod demo;
#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/real_loop.rs"]
mod real_loop;
#[path = "support/screen.rs"]
mod screen;

use std::path::Path;

use imdeck::app::state::{AccountPosition, UnavailableAccount};
use imdeck::app::{AppState, Effect, HeaderInfo, Msg, update};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::model::Timestamp;
use imdeck::runtime::accounts;
use imdeck::runtime::event_loop::{Account, Observer};
use imdeck::sandbox::{SandboxOptions, Scenario};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use real_loop::{Driver, Settled, run_real_loop};
use screen::{screen_text, text_of};

const OTHER: &str = "555566667777";

fn two_of_two(index: usize) -> Option<AccountPosition> {
    Some(AccountPosition {
        index,
        total: 2,
        unavailable: Vec::new(),
    })
}

#[test]
fn the_switch_key_asks_the_runtime_only_when_there_are_several_accounts() {
    let mut one = demo::loaded(false);
    assert_eq!(update(&mut one, demo::key(KeyCode::Char(']'))), vec![]);

    let mut several = demo::loaded(false);
    several.account = two_of_two(1);
    let before = several.incidents.cursor();
    assert_eq!(
        update(&mut several, demo::key(KeyCode::Char(']'))),
        vec![Effect::SwitchAccount]
    );
    assert_eq!(
        several.incidents.cursor(),
        before,
        "the switch changes nothing here"
    );
    // Typing into the command box types the character: the switch is a pane key, not a text key.
    update(&mut several, demo::key(KeyCode::Char(':')));
    assert_eq!(update(&mut several, demo::key(KeyCode::Char(']'))), vec![]);
    assert!(several.command.input.lines().concat().contains(']'));
}

#[test]
fn help_lists_the_switch_key() {
    let mut state = demo::loaded(false);
    update(&mut state, demo::key(KeyCode::Char('?')));
    // The help overlay scrolls: look for the line in every page.
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&screen_text(&state, 160, 48));
        update(&mut state, demo::key(KeyCode::PageDown));
    }
    assert!(
        seen.contains("next account (several --profile flags)"),
        "help:\n{seen}"
    );
}

fn header_line(state: &AppState) -> String {
    screen_text(state, 160, 48)
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

fn profile_header(profile: &str) -> HeaderInfo {
    HeaderInfo {
        profile_or_sandbox: profile.into(),
        ..demo::header(false)
    }
}

#[test]
fn the_header_names_the_profile_and_its_place_among_the_accounts() {
    let mut first = demo::loaded(false);
    first.header = profile_header("a");
    let single = header_line(&first);
    first.account = two_of_two(1);
    insta::assert_snapshot!("header_two_accounts", header_line(&first));
    assert_ne!(single, header_line(&first));
    assert!(
        !single.contains("(1/"),
        "one account shows no position: {single}"
    );

    let mut state = AppState::new(profile_header("b"));
    accounts::place(
        std::iter::once(&mut state),
        &[UnavailableAccount {
            profile: "broken".into(),
            reason: "no credentials (run `aws configure --profile broken`)".into(),
        }],
    );
    insta::assert_snapshot!(
        "header_one_account_and_one_unavailable",
        header_line(&state)
    );
    let output = state.command.output.plain_text();
    assert!(
        output.contains("profile broken: no credentials"),
        "the reason in words: {output}"
    );
}

/// Records which account each snapshot and command answer reached.
struct Routing {
    snapshots: Vec<(usize, String)>,
    commands: Vec<(usize, String)>,
}

impl Observer for Routing {
    fn message(&mut self, account: usize, msg: &Msg) {
        match msg {
            Msg::SnapshotLoaded { snapshot, .. } => {
                self.snapshots.push((account, snapshot.account.clone()));
            }
            Msg::CommandFinished { line, .. } => {
                self.commands
                    .push((account, line.command.operation().to_string()));
            }
            _ => {}
        }
    }
}

/// The shown account's id and position, as the header says them.
fn shown(settled: &Settled) -> String {
    let state = &settled.state;
    let position = state
        .account
        .as_ref()
        .map(|p| format!("{}/{}", p.index, p.total))
        .unwrap_or_default();
    format!("{} {position}", state.header.account)
}

async fn account_on(url: String, profile: &str) -> Account {
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(url),
        sandbox_credentials: true,
        read_only: false,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    let state = AppState::new(HeaderInfo {
        account: String::new(),
        region: cloud.region(),
        profile_or_sandbox: profile.into(),
        read_only: false,
        incident_manager: None,
        endpoint: None,
    });
    Account { state, cloud }
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_loop_routes_each_accounts_answers_and_writes_to_its_own_cloud() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a", "b"] {
        std::fs::create_dir(dir.path().join(name)).expect("log dir");
    }
    let (first, first_log) = e2e::logged_sandbox(
        SandboxOptions::loopback_ephemeral(Scenario::Demo),
        &dir.path().join("a"),
    )
    .await;
    let (second, second_log) = e2e::logged_sandbox(
        SandboxOptions {
            account: Some(OTHER.into()),
            ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
        },
        &dir.path().join("b"),
    )
    .await;
    let mut accounts = vec![
        account_on(first.endpoint_url(), "a").await,
        account_on(second.endpoint_url(), "b").await,
    ];
    accounts::place(accounts.iter_mut().map(|a| &mut a.state), &[]);

    let mut routing = Routing {
        snapshots: Vec::new(),
        commands: Vec::new(),
    };
    let now = Timestamp(chrono::Utc::now().timestamp_millis());
    let script = async |app: &mut Driver| {
        let at_start = shown(&app.settled().await);
        let after_switch = shown(&app.key(press(']')).await);
        app.key(press('n')).await;
        for c in "paged from account b".chars() {
            app.key(press(c)).await;
        }
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            .await;
        let confirmed = shown(&app.key(press('y')).await);
        let back = shown(&app.key(press(']')).await);
        (at_start, after_switch, confirmed, back)
    };
    let ((at_start, after_switch, confirmed, back), last_frame) =
        run_real_loop(accounts, Vec::new(), (160, 48), now, &mut routing, script).await;

    assert_eq!(
        at_start,
        format!("{} 1/2", demo::ACCOUNT),
        "account a is shown first"
    );
    assert_eq!(
        after_switch,
        format!("{OTHER} 2/2"),
        "the key shows account b"
    );
    assert_eq!(confirmed, format!("{OTHER} 2/2"));
    assert_eq!(
        back,
        format!("{} 1/2", demo::ACCOUNT),
        "and cycles back to a"
    );
    let frame = text_of(&last_frame);
    assert!(
        frame
            .lines()
            .next()
            .is_some_and(|l| l.contains("profile a (1/2)")),
        "{frame}"
    );
    // Each account's snapshot came from its own sandbox and reached its own state.
    assert!(routing.snapshots.contains(&(0, demo::ACCOUNT.to_string())));
    assert!(routing.snapshots.contains(&(1, OTHER.to_string())));
    assert!(
        routing
            .snapshots
            .iter()
            .all(|(i, id)| (*i == 0) == (id == demo::ACCOUNT))
    );
    assert_eq!(
        routing.commands,
        vec![(1, "CreateTimelineEvent".to_string())]
    );
    // The write went to account b's sandbox only.
    let writes = |log: &Path| e2e::mutating_ops(&e2e::log_lines(log));
    assert_eq!(writes(&second_log), vec!["CreateTimelineEvent"]);
    assert_eq!(writes(&first_log), Vec::<String>::new());
    first.shutdown().await;
    second.shutdown().await;
}
