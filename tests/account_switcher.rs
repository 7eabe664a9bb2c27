//! Several `--profile`s: the switch key asks the runtime, the header says which account, and the real loop routes
//! each account's answers and writes to that account's cloud (two sandboxes as two accounts, no terminal).

#[path = "support/demo.rs"]
mod demo;
#[path = "support/e2e.rs"]
mod e2e;

use std::path::Path;

use futures::channel::mpsc;
use imdeck::app::state::{AccountPosition, UnavailableAccount};
use imdeck::app::{AppState, Effect, HeaderInfo, Msg, update};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::model::Timestamp;
use imdeck::runtime::accounts;
use imdeck::runtime::event_loop::{Account, Host, Observer, Start, run_loop};
use imdeck::sandbox::{SandboxOptions, Scenario};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tokio::sync::watch;

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
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    // The help overlay scrolls: look for the line in every page.
    let mut seen = String::new();
    for _ in 0..12 {
        terminal
            .draw(|frame| imdeck::ui::render(&state, frame))
            .expect("draw");
        seen.push_str(&screen(&terminal));
        update(&mut state, demo::key(KeyCode::PageDown));
    }
    assert!(
        seen.contains("next account (several --profile flags)"),
        "help:\n{seen}"
    );
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn header_line(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    screen(&terminal)
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

/// Nothing leaves the test: no clipboard, no bell, no URL opener.
struct Quiet;

impl Host for Quiet {
    fn copy_to_clipboard(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }
    fn ring_bell(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn open_url(&mut self, _url: &str) -> std::io::Result<Option<String>> {
        Ok(None)
    }
}

/// Records which account each snapshot and command answer reached, and reports each quiet moment.
struct Routing {
    /// (inputs read, the shown account's id and position) at each quiet moment.
    quiet: watch::Sender<(u64, String)>,
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
    fn idle(&mut self, inputs: u64, state: &AppState) {
        let position = state
            .account
            .as_ref()
            .map(|p| format!("{}/{}", p.index, p.total))
            .unwrap_or_default();
        self.quiet
            .send_replace((inputs, format!("{} {position}", state.header.account)));
    }
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

/// Sends the events and waits for the quiet moment after them (every answer applied); returns what was shown.
async fn step(
    events: &mpsc::UnboundedSender<std::io::Result<Event>>,
    quiet: &mut watch::Receiver<(u64, String)>,
    sent: &mut u64,
    keys: Vec<std::io::Result<Event>>,
) -> String {
    for key in keys {
        events.unbounded_send(key).expect("the loop listens");
        *sent += 1;
    }
    let want = *sent;
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        quiet.wait_for(|(inputs, _)| *inputs == want),
    )
    .await
    .expect("the loop went quiet")
    .expect("the loop is alive")
    .1
    .clone()
}

fn press(c: char) -> std::io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
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

    let (events, event_stream) = mpsc::unbounded();
    let (quiet, mut quiet_rx) = watch::channel((u64::MAX, String::new()));
    let mut routing = Routing {
        quiet,
        snapshots: Vec::new(),
        commands: Vec::new(),
    };
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let start = Start {
        now: Timestamp(chrono::Utc::now().timestamp_millis()),
        first: Vec::new(),
        mouse: false,
    };
    let mut host = Quiet;
    let running = run_loop(
        &mut terminal,
        event_stream,
        futures::stream::pending(),
        accounts,
        start,
        &mut host,
        &mut routing,
    );
    let drive = async {
        let mut sent = 0;
        let mut note = vec![press('n')];
        note.extend("paged from account b".chars().map(press));
        note.push(Ok(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        ))));
        let at_start = step(&events, &mut quiet_rx, &mut sent, vec![]).await;
        let after_switch = step(&events, &mut quiet_rx, &mut sent, vec![press(']')]).await;
        step(&events, &mut quiet_rx, &mut sent, note).await;
        let confirmed = step(&events, &mut quiet_rx, &mut sent, vec![press('y')]).await;
        let back = step(&events, &mut quiet_rx, &mut sent, vec![press(']')]).await;
        drop(events);
        (at_start, after_switch, confirmed, back)
    };
    let (ended, (at_start, after_switch, confirmed, back)) = tokio::join!(running, drive);
    ended.expect("the loop ends when its events do");

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
    let frame = screen(&terminal);
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
