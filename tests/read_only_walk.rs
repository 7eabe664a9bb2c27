//! Read-only, proven: a seeded random walk of 10,000 keys and command lines through the dashboard's own loop, effect
//! runner and cloud adapter against a logging sandbox makes zero mutating requests; the refusal comes first.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/real_loop.rs"]
mod real_loop;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use futures::channel::mpsc as futures_mpsc;
use imdeck::app::{AppState, Effect, HeaderInfo, Msg};
use imdeck::cloud::{Cloud, CloudError, ConnectOptions};
use imdeck::domain::chat_command::parse_chat_line;
use imdeck::domain::model::Timestamp;
use imdeck::runtime::event_loop::{Account, Observer, Start, run_loop};
use imdeck::sandbox::{SandboxOptions, Scenario};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use real_loop::NoHost;
use tokio::sync::watch;

const STEPS: usize = 10_000;
const INCIDENT: &str = e2e::DEMO_INCIDENT;
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
const EVENT: &str = "8a7f3c2e-1b4d-4e5f-9a6b-0c1d2e3f4a5b";
/// The child process reads its orders from these.
const CHILD_SEED: &str = "IMDECK_WALK_SEED";
const CHILD_UI_READ_ONLY: &str = "IMDECK_WALK_UI_READ_ONLY";
const CHILD_LOG: &str = "IMDECK_WALK_REQUEST_LOG";

/// Command lines of every kind: the writes a chat channel takes, reads, the docs' broken line, garbage.
fn lines() -> Vec<String> {
    vec![
        format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --impact 1"),
        format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --status RESOLVED"),
        format!(
            "@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} \
             --event-time 2024-03-14T10:00:00Z --event-type \"Custom Event\" --event-data '\"walk\"'"
        ),
        format!(
            "@aws ssm-incidents create-timeline-event --event-data \"\\\"example timeline event\"\\\" \
             --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn {INCIDENT}"
        ),
        format!(
            "@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id {EVENT} \
             --event-data '\"edited\"'"
        ),
        format!(
            "@aws ssm-incidents delete-timeline-event --incident-record-arn {INCIDENT} --event-id {EVENT}"
        ),
        format!("@aws ssm-incidents start-incident --response-plan-arn {PLAN} --region us-east-2"),
        format!(
            "@aws ssm-incidents update-related-items --incident-record-arn {INCIDENT} --related-items-update \
             '{{\"itemToAdd\":{{\"identifier\":{{\"type\":\"OTHER\",\"value\":{{\"url\":\"https://example.com/x\"}}}}}}}}'"
        ),
        "@aws ssm-incidents list-incident-records".into(),
        format!("@aws ssm-incidents get-incident-record --arn {INCIDENT}"),
        format!(
            "@aws ssm-incidents list-timeline-events --incident-record-arn {INCIDENT} --max-items 3"
        ),
        format!(
            "@aws ssm-incidents get-timeline-event --incident-record-arn {INCIDENT} --event-id {EVENT}"
        ),
        format!("@aws ssm-incidents list-related-items --incident-record-arn {INCIDENT}"),
        "@aws ssm-incidents list-response-plans --output text".into(),
        format!("@aws ssm-incidents get-response-plan --arn {PLAN} --query chatChannel"),
        "@aws ssm-incidents frobnicate --now".into(),
        "not a chat line at all".into(),
    ]
}

fn key(code: KeyCode) -> Msg {
    Msg::KeyPressed(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::KeyPressed(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// One step of the walk: a key, a whole command line, a one-key action with its answers, or a resize.
fn next_input(rng: &mut StdRng, lines: &[String]) -> Vec<Msg> {
    const KEYS: &str = "jkgGnirsedawxyq?/:tRwAN0123456789 ";
    match rng.random_range(0..100) {
        0..=49 => {
            let keys: Vec<char> = KEYS.chars().collect();
            vec![key(KeyCode::Char(keys[rng.random_range(0..keys.len())]))]
        }
        50..=64 => {
            let codes = [
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Backspace,
                KeyCode::F(5),
            ];
            vec![key(codes[rng.random_range(0..codes.len())])]
        }
        65..=67 => vec![ctrl(['r', 'o', 'y', 'c'][rng.random_range(0..4)])],
        68..=84 => {
            // A command line typed into the box, submitted, confirmed; sometimes its correction accepted.
            let line = &lines[rng.random_range(0..lines.len())];
            // Emptied first (End, ctrl-u kills to the line's start, as in readline): a rejected line stays in the box.
            let mut msgs = vec![
                key(KeyCode::Esc),
                key(KeyCode::Char(':')),
                key(KeyCode::End),
                ctrl('u'),
            ];
            if rng.random_bool(0.3) {
                msgs.push(Msg::Pasted(line.clone()));
            } else {
                msgs.extend(typed(line));
            }
            msgs.push(key(KeyCode::Enter));
            if rng.random_bool(0.3) {
                msgs.push(ctrl('o'));
            }
            msgs.push(key(KeyCode::Char('y')));
            msgs.push(key(KeyCode::Esc));
            msgs
        }
        85..=88 => {
            // The setup wizard: open it, apply one step or all of them, confirm.
            let apply = [
                key(KeyCode::Enter),
                key(KeyCode::Char('a')),
                key(KeyCode::Char('A')),
            ];
            vec![
                key(KeyCode::Esc),
                key(KeyCode::Char('w')),
                key(KeyCode::Down),
                apply[rng.random_range(0..apply.len())].clone(),
                key(KeyCode::Char('y')),
            ]
        }
        89..=96 => {
            // A one-key action from the incidents or timeline pane, answered and confirmed.
            let mut msgs = vec![key(KeyCode::Esc)];
            let (action, answer) = [
                ('n', "note from the walk"),
                ('i', "1"),
                ('r', ""),
                ('a', "https://example.com/runbook runbook"),
                ('s', ""),
                ('e', "edited by the walk"),
                ('d', ""),
                ('w', ""),
            ][rng.random_range(0..8)];
            msgs.push(key(KeyCode::Char(action)));
            msgs.extend(typed(answer));
            msgs.push(key(KeyCode::Enter));
            msgs.push(key(KeyCode::Char('y')));
            msgs
        }
        _ => vec![Msg::Resized {
            width: rng.random_range(20..200),
            height: rng.random_range(6..60),
        }],
    }
}

#[derive(Debug, Default, Clone)]
struct WalkStats {
    inputs: usize,
    effects: usize,
    mutating_runs: usize,
    /// Wizard steps sent to the runner to apply.
    setup_applies: usize,
    refused_by_adapter: usize,
    /// Steps after which the box shows the UI's read-only refusal.
    steps_showing_refusal: usize,
    quits: usize,
    /// Times the loop was quiet: every effect answered and applied.
    quiet_moments: usize,
}

/// Counts what the real loop does: the effects `update` asks for, the answers the runner sends back, the quits
/// (which the walk declines, to go on); and tells the walk when the loop is quiet after an input.
struct Counting {
    stats: WalkStats,
    /// (inputs read, whether the command output shows the read-only refusal) at each quiet moment.
    quiet: watch::Sender<(u64, bool)>,
}

impl Observer for Counting {
    fn message(&mut self, _account: usize, msg: &Msg) {
        if let Msg::CommandFinished {
            result: Err(CloudError::ReadOnly(_)),
            ..
        }
        | Msg::SetupStepApplied {
            result: Err(CloudError::ReadOnly(_)),
            ..
        } = msg
        {
            self.stats.refused_by_adapter += 1;
        }
    }
    fn effects(&mut self, _account: usize, effects: &[Effect]) {
        self.stats.effects += effects.len();
        for effect in effects {
            match effect {
                Effect::RunCommand { line } if line.command.is_mutating() => {
                    self.stats.mutating_runs += 1;
                }
                Effect::ApplySetupStep { .. } => self.stats.setup_applies += 1,
                _ => {}
            }
        }
    }
    fn idle(&mut self, inputs: u64, state: &AppState) {
        self.stats.quiet_moments += 1;
        let refusal = matches!(
            &state.command.output,
            imdeck::app::state::CommandOutput::Failed { message, .. }
                if message.contains(imdeck::domain::command::READ_ONLY_REFUSAL)
        );
        self.quiet.send_replace((inputs, refusal));
    }
    fn quit(&mut self) -> bool {
        self.stats.quits += 1;
        false
    }
}

/// A message the walk makes, as the terminal event that produces it.
fn event_of(msg: Msg) -> Event {
    match msg {
        Msg::KeyPressed(key) => Event::Key(key),
        Msg::Pasted(text) => Event::Paste(text),
        Msg::Resized { width, height } => Event::Resize(width, height),
        other => panic!("the walk makes keys, pastes and resizes only: {other:?}"),
    }
}

/// The walk through the real loop (`imdeck::runtime::event_loop::run_loop`, the one the dashboard runs) with the
/// real effect runner: each step's events and a tick go in, and the next step waits until the loop is quiet —
/// every effect answered and applied — so a seed names one walk.
async fn walk(seed: u64, ui_read_only: bool, log: &Path) -> WalkStats {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = Some(log.to_path_buf());
    let sandbox = imdeck::sandbox::start(opts).await.expect("sandbox");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    // With `ui_read_only` false the app believes it may write: only the adapter stands in the way.
    let state = AppState::new(HeaderInfo {
        account: String::new(),
        region: cloud.region(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: ui_read_only,
        incident_manager: None,
        endpoint: None,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let (events, event_stream) = futures_mpsc::unbounded();
    let (ticks, tick_stream) = futures_mpsc::unbounded();
    let (quiet, mut quiet_rx) = watch::channel((u64::MAX, false));
    let mut counting = Counting {
        stats: WalkStats::default(),
        quiet,
    };
    let mut rng = StdRng::seed_from_u64(seed);
    let lines = lines();
    let mut now = Timestamp::from_secs(1_710_410_000);
    let start = Start {
        now,
        first: vec![Msg::IncidentRequested {
            arn: INCIDENT.into(),
        }],
        mouse: false,
    };
    let mut host = NoHost;
    let running = run_loop(
        &mut terminal,
        event_stream,
        tick_stream,
        vec![Account { state, cloud }],
        start,
        &mut host,
        &mut counting,
    );
    let drive = async {
        let mut inputs = 0;
        let mut sent: u64 = 0;
        let mut showing_refusal = 0;
        for step in 0..STEPS {
            if step > 0 {
                inputs += 1;
                for msg in next_input(&mut rng, &lines) {
                    events.unbounded_send(Ok(event_of(msg))).expect("loop runs");
                    sent += 1;
                }
                now = Timestamp(now.0 + rng.random_range(0..1500));
                ticks.unbounded_send(now).expect("loop runs");
                sent += 1;
            }
            let want = sent;
            let refusal = tokio::time::timeout(
                std::time::Duration::from_secs(60),
                quiet_rx.wait_for(|(read, _)| *read == want),
            )
            .await
            .unwrap_or_else(|_| panic!("step {step}: the loop never went quiet"))
            .expect("the loop runs")
            .1;
            if refusal {
                showing_refusal += 1;
            }
        }
        drop(events);
        (inputs, showing_refusal)
    };
    let (ended, (inputs, showing_refusal)) = tokio::join!(running, drive);
    ended.expect("the loop ends when its events do");
    sandbox.shutdown().await;
    WalkStats {
        inputs,
        steps_showing_refusal: showing_refusal,
        ..counting.stats
    }
}

/// Runs the walk in a child process whose XDG state dir and working directory are a temp dir, because the
/// effect runner writes the command history and exports to disk; returns the request log.
fn run_walk_child(seed: u64, ui_read_only: bool) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("requests.jsonl");
    let child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "walk_in_child", "--ignored", "--nocapture"])
        .current_dir(dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env(CHILD_SEED, seed.to_string())
        .env(CHILD_UI_READ_ONLY, ui_read_only.to_string())
        .env(CHILD_LOG, &log)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("child runs");
    let (code, stdout, stderr) = e2e::wait_bounded(
        child,
        std::time::Duration::from_secs(300),
        &["walk_in_child".to_string()],
    );
    assert_eq!(code, 0, "walk failed:\n{stdout}\n{stderr}");
    (dir, log, format!("{stdout}{stderr}"))
}

fn assert_no_writes(log: &Path, report: &str) {
    let lines = e2e::log_lines(log);
    assert!(
        lines.len() > 500,
        "the walk read a lot through the sandbox ({} requests)\n{report}",
        lines.len()
    );
    let writes = e2e::mutating_ops(&lines);
    assert!(writes.is_empty(), "mutating requests: {writes:?}\n{report}");
}

#[test]
fn ten_thousand_steps_in_read_only_mode_make_no_mutating_request() {
    let (_dir, log, report) = run_walk_child(7, true);
    eprintln!("{report}");
    assert_no_writes(&log, &report);
}

#[test]
fn with_the_ui_fooled_into_writing_the_read_only_adapter_still_sends_nothing() {
    let (_dir, log, report) = run_walk_child(11, false);
    eprintln!("{report}");
    assert_no_writes(&log, &report);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the walk tests in a child process with a temp state dir"]
async fn walk_in_child() {
    let (Ok(seed), Ok(ui_read_only), Some(log)) = (
        std::env::var(CHILD_SEED),
        std::env::var(CHILD_UI_READ_ONLY),
        std::env::var_os(CHILD_LOG),
    ) else {
        panic!(
            "run through the walk tests, which set {CHILD_SEED}, {CHILD_UI_READ_ONLY} and {CHILD_LOG}"
        );
    };
    let seed: u64 = seed.parse().expect("seed");
    let ui_read_only = ui_read_only == "true";
    let started = Instant::now();
    let stats = walk(seed, ui_read_only, Path::new(&log)).await;
    eprintln!(
        "walk seed {seed} (UI read-only {ui_read_only}): {stats:?} in {:.1?}",
        started.elapsed()
    );
    assert_eq!(stats.inputs, STEPS - 1);
    if ui_read_only {
        assert_eq!(
            stats.mutating_runs, 0,
            "the UI refuses writes before any effect"
        );
        assert_eq!(
            stats.setup_applies, 0,
            "the wizard refuses to apply in read-only mode"
        );
        assert!(stats.steps_showing_refusal > 0, "the walk tried to write");
    } else {
        assert!(stats.mutating_runs > 0, "writes reached the adapter");
        assert!(stats.setup_applies > 0, "wizard steps reached the runner");
        assert_eq!(
            stats.refused_by_adapter,
            stats.mutating_runs + stats.setup_applies,
            "the adapter refused every one"
        );
    }
    let writes = e2e::mutating_ops(&e2e::log_lines(Path::new(&log)));
    assert!(writes.is_empty(), "{writes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_has_no_writer_and_refuses_every_write_before_any_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    assert!(matches!(cloud.writer(), Err(CloudError::ReadOnly(_))));

    // A read goes out, so the log is live.
    let read = parse_chat_line("@aws ssm-incidents list-incident-records").expect("parses");
    cloud
        .execute(&read.command, None)
        .await
        .expect("a read works");
    let after_read = e2e::log_lines(&log).len();
    assert!(after_read > 0);

    let writes = lines()
        .into_iter()
        .filter_map(|l| parse_chat_line(&l).ok())
        .filter(|l| l.command.is_mutating())
        .collect::<Vec<_>>();
    let operations: std::collections::BTreeSet<&str> =
        writes.iter().map(|l| l.command.operation()).collect();
    assert_eq!(
        operations.len(),
        6,
        "every mutating operation: {operations:?}"
    );
    for line in &writes {
        let result = cloud.execute(&line.command, line.region.as_deref()).await;
        assert!(
            matches!(result, Err(CloudError::ReadOnly(_))),
            "{}: {result:?}",
            line.command.operation()
        );
    }
    assert_eq!(
        e2e::log_lines(&log).len(),
        after_read,
        "no request was made for any write"
    );

    // The same cloud outside read-only mode does write, so the log would have shown it.
    let writable = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: false,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect");
    writable
        .execute(&writes[0].command, None)
        .await
        .expect("a write outside read-only mode");
    assert_eq!(e2e::mutating_ops(&e2e::log_lines(&log)).len(), 1);
}

#[test]
fn the_proof_counts_unlisted_and_unroutable_operations_as_writes() {
    let lines: Vec<serde_json::Value> = [
        r#"{"operation":"ListTopics","mutating":false}"#,
        r#"{"operation":"Publish","mutating":false}"#,
        r#"{"service":"unknown","operation":"Unknown","mutating":false}"#,
        r#"{"mutating":false}"#,
    ]
    .iter()
    .map(|l| serde_json::from_str(l).expect("json"))
    .collect();
    assert_eq!(e2e::mutating_ops(&lines), vec!["Publish", "Unknown", "?"]);
}
