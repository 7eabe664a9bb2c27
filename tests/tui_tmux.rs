//! Drives the real binary in a real terminal (tmux): it draws, takes keys, and leaves the terminal as it found it.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

#[path = "support/e2e.rs"]
mod e2e;

/// One private tmux server per test, so tests neither see nor disturb each other or the user's tmux.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("imdeck-test-{name}-{}", std::process::id()),
        };
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "160",
            "-y",
            "48",
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "TERM=xterm-256color",
            "HOME=/tmp",
            "PS1=$ ",
            "sh",
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs (apt-get install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", f])
            .trim()
            .to_string()
    }

    /// Waits until the screen satisfies `ok`, or fails the test showing the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Sends `keys` and waits for `ok`, having first checked that the screen before the keys does not satisfy
    /// it already: a check that passes on the old frame proves nothing about what the keys did.
    fn expect_after(&self, keys: &[&str], what: &str, ok: impl Fn(&str) -> bool) -> String {
        let before = self.screen();
        assert!(
            !ok(&before),
            "the check for {what} already passes before the keys; screen:\n{before}"
        );
        self.send(keys);
        self.wait_for(what, ok)
    }

    /// Raw mode off, cursor shown, alternate screen left.
    fn assert_restored(&self) {
        self.wait_for("the alternate screen to close", |_| {
            self.format("#{alternate_on}") == "0"
        });
        assert_eq!(
            self.format("#{cursor_flag}"),
            "1",
            "cursor hidden after exit"
        );
        self.send(&[
            "clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ,",
            "Enter",
        ]);
        self.wait_for("stty to report cooked mode", |s| s.contains("echo,icanon,"));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn launch(tmux: &Tmux, extra: &str) {
    let bin = env!("CARGO_BIN_EXE_imdeck");
    tmux.send(&[&format!("{bin} --sandbox {extra}"), "Enter"]);
    tmux.wait_for("the dashboard with the demo data", |s| {
        s.contains("us-west-2") && s.contains("Orders database p99")
    });
}

#[test]
fn dashboard_runs_a_command_and_quits_cleanly() {
    let tmux = Tmux::start("quit");
    launch(&tmux, "");
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    tmux.expect_after(&["?"], "the help overlay", |s| {
        s.contains("show or hide this help")
    });
    // Escape then a key at once would read as Alt-key: wait for each to take effect.
    tmux.expect_after(&["Escape"], "the help closed", |s| {
        !s.contains("show or hide this help")
    });
    tmux.send(&[":"]);
    tmux.send(&["-l", "@aws ssm-incidents list-response-plans"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the command output", |s| {
        s.contains("responsePlanSummaries")
    });
    tmux.expect_after(&["Escape"], "the box closed", |s| s.contains("q quit"));
    tmux.send(&["q"]);
    tmux.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let tmux = Tmux::start("term");
    launch(&tmux, "--read-only");
    let shell = tmux.format("#{pane_pid}");
    let out = Command::new("pkill")
        .args(["-TERM", "-P", &shell])
        .status()
        .expect("pkill");
    assert!(out.success());
    tmux.assert_restored();
}

#[test]
fn a_small_terminal_stays_usable_and_the_layout_comes_back() {
    let tmux = Tmux::start("resize");
    launch(&tmux, "--read-only");
    tmux.run(&["resize-window", "-t", "t", "-x", "40", "-y", "12"]);
    tmux.wait_for("a 40x12 layout", |s| {
        s.lines().count() <= 12 && s.contains("imdeck")
    });
    tmux.run(&["resize-window", "-t", "t", "-x", "160", "-y", "48"]);
    tmux.wait_for("the wide layout again", |s| {
        s.contains("us-west-2") && s.contains("Orders database p99")
    });
    tmux.send(&["q"]);
    tmux.assert_restored();
}

/// A standalone sandbox in its own process, as an operator's AWS would be: other clients write to it too.
struct StandaloneSandbox {
    child: std::process::Child,
    url: String,
}

impl StandaloneSandbox {
    fn start_with(extra: &[&str]) -> StandaloneSandbox {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_imdeck"))
            .args(["sandbox", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the sandbox");
        let mut first = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut first)
            .expect("address line");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("the sandbox prints its address")
            .to_string();
        StandaloneSandbox { child, url }
    }
}

impl Drop for StandaloneSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const DEMO_INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";

/// Another client adds an event: the pinned AWS CLI that `.ci/run` installs (`bash tests/peers/install.sh`),
/// a separate process speaking the wire protocol to the same sandbox. A missing CLI fails the test.
fn add_event_from_outside(url: &str, text: &str) {
    add_event_from_outside_to(url, DEMO_INCIDENT, text);
}

/// The same, on the incident `arn`.
fn add_event_from_outside_to(url: &str, arn: &str, text: &str) {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/awscli/bin/aws");
    assert!(
        cli.exists(),
        "the AWS CLI peer is missing at {}: run `bash tests/peers/install.sh`",
        cli.display()
    );
    let data = format!("\"{text}\"");
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut command = Command::new(cli);
    command.args([
        "--endpoint-url",
        url,
        "ssm-incidents",
        "create-timeline-event",
    ]);
    command.args(["--incident-record-arn", arn, "--event-type", "Custom Event"]);
    command.args(["--event-time", &now, "--event-data", &data]);
    let status = command
        .env("AWS_ACCESS_KEY_ID", "AKIDTMUXTEST")
        .env("AWS_SECRET_ACCESS_KEY", "tmux-secret")
        .env("AWS_REGION", "us-east-2")
        .env("AWS_DEFAULT_REGION", "us-east-2")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .output()
        .expect("the outside client runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn an_event_added_elsewhere_appears_and_one_key_actions_write_after_confirmation() {
    let log = tempfile::NamedTempFile::new().expect("a request log file");
    let path = log.path().to_str().expect("utf-8 path").to_string();
    let sandbox = StandaloneSandbox::start_with(&["--request-log", &path]);
    let tmux = Tmux::start("live");
    let bin = env!("CARGO_BIN_EXE_imdeck");
    tmux.send(&[
        &format!(
            "AWS_ACCESS_KEY_ID=AKIDTMUXTEST AWS_SECRET_ACCESS_KEY=tmux-secret AWS_REGION=us-east-2 \
             {bin} --endpoint-url {} --incident {DEMO_INCIDENT}",
            sandbox.url
        ),
        "Enter",
    ]);
    tmux.wait_for("the demo incident's timeline", |s| {
        s.contains("Analytics query killed")
    });
    add_event_from_outside(&sandbox.url, "Rolled back the orders deploy");
    // One polling interval is 5 s; the event text is then fetched: allow for both.
    tmux.wait_for("the outside event in the timeline", |s| {
        s.contains("Rolled back the orders deploy")
    });
    let writes = || e2e::mutating_ops(&e2e::log_lines(log.path()));
    assert_eq!(writes(), vec!["CreateTimelineEvent"], "the outside event");
    tmux.expect_after(&["n"], "the note prompt", |s| {
        s.contains("Add a note (custom event)")
    });
    tmux.send(&["-l", "Paged the DBA team"]);
    tmux.expect_after(&["Enter"], "the confirmation showing the chat line", |s| {
        s.contains("create-timeline-event")
    });
    assert_eq!(writes().len(), 1, "nothing is written before y");
    tmux.send(&["y"]);
    let start = Instant::now();
    while writes().len() < 2 && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(
        writes(),
        vec!["CreateTimelineEvent", "CreateTimelineEvent"],
        "y wrote the note"
    );
    // The popup that showed the text is gone; the timeline now lists the note it read back.
    tmux.wait_for("the note in the timeline", |s| {
        !s.contains("This changes AWS") && s.contains("Paged the DBA team")
    });
    tmux.send(&["q"]);
    tmux.assert_restored();
}

const CHECKOUT_INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/c3a1f0e2-5b7d-4c8e-9f10-2a3b4c5d6e7f";

/// A standalone sandbox that logs every request, and imdeck in tmux pointed at it.
struct Drill {
    sandbox: StandaloneSandbox,
    log: tempfile::NamedTempFile,
    tmux: Tmux,
}

impl Drill {
    fn start(name: &str) -> Drill {
        let log = tempfile::NamedTempFile::new().expect("a request log file");
        let path = log.path().to_str().expect("utf-8 path").to_string();
        let sandbox = StandaloneSandbox::start_with(&["--request-log", &path]);
        let tmux = Tmux::start(name);
        let bin = env!("CARGO_BIN_EXE_imdeck");
        tmux.send(&[
            &format!(
                "AWS_ACCESS_KEY_ID=AKIDTMUXTEST AWS_SECRET_ACCESS_KEY=tmux-secret AWS_REGION=us-east-2 \
                 {bin} --endpoint-url {}",
                sandbox.url
            ),
            "Enter",
        ]);
        tmux.wait_for("the dashboard with the demo data", |s| {
            s.contains("us-west-2") && s.contains("Checkout API elevated")
        });
        Drill { sandbox, log, tmux }
    }

    /// The operations the sandbox has answered so far that are not on the proofs' own list of reads, in order.
    fn writes(&self) -> Vec<String> {
        e2e::mutating_ops(&e2e::log_lines(self.log.path()))
    }

    /// Lets any request a key might have started reach the sandbox before the log is read.
    fn settle(&self) {
        sleep(Duration::from_millis(1_500));
    }

    fn status_of(&self, arn: &str) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_imdeck"))
            .args([
                "--endpoint-url",
                &self.sandbox.url,
                "exec",
                "--output",
                "text",
                "--",
            ])
            .arg(format!(
                "@aws ssm-incidents get-incident-record --arn {arn} --query incidentRecord.status"
            ))
            .env("AWS_ACCESS_KEY_ID", "AKIDTMUXTEST")
            .env("AWS_SECRET_ACCESS_KEY", "tmux-secret")
            .env("AWS_REGION", "us-east-2")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .output()
            .expect("imdeck exec runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// The demo's other open incident (not the one highlighted at start).
const OTHER_OPEN_INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/c3a1f0e2-5b7d-4c8e-9f10-2a3b4c5d6e7f";

#[test]
fn an_event_added_elsewhere_to_another_incident_marks_its_row() {
    let log = tempfile::NamedTempFile::new().expect("a request log file");
    let path = log.path().to_str().expect("utf-8 path").to_string();
    let sandbox = StandaloneSandbox::start_with(&["--request-log", &path]);
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[poll]\nincidents-seconds = 1\n").expect("write the config");
    let tmux = Tmux::start("activity");
    let bin = env!("CARGO_BIN_EXE_imdeck");
    tmux.send(&[
        &format!(
            "AWS_ACCESS_KEY_ID=AKIDTMUXTEST AWS_SECRET_ACCESS_KEY=tmux-secret AWS_REGION=us-east-2 \
             {bin} --endpoint-url {} --config {}",
            sandbox.url,
            config.display()
        ),
        "Enter",
    ]);
    tmux.wait_for("the dashboard with both open incidents", |s| {
        s.contains("Orders database p99") && s.contains("Checkout API elevated")
    });
    // Three polls (two ListIncidentRecords each) have run, so the other incident's newest event has been read once.
    let lists = || {
        e2e::log_lines(log.path())
            .iter()
            .filter(|l| l["operation"] == "ListIncidentRecords")
            .count()
    };
    let start = Instant::now();
    while lists() < 6 && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert!(lists() >= 6, "the incidents poll runs every second");
    let marked = |s: &str| {
        s.contains("1 with a new event +")
            && s.lines()
                .any(|l| l.contains(" + ") && l.contains("Checkout API elevated"))
    };
    assert!(!marked(&tmux.screen()), "no mark before anything happened");
    add_event_from_outside_to(
        &sandbox.url,
        OTHER_OPEN_INCIDENT,
        "Failed over checkout to us-west-2",
    );
    let screen = tmux.wait_for("the + mark on the other incident's row", marked);
    assert!(
        !screen.contains("Failed over checkout"),
        "the event belongs to the incident not shown:\n{screen}"
    );
    tmux.send(&["q"]);
    tmux.assert_restored();
}

#[test]
fn after_a_filter_every_action_targets_the_highlighted_incident_and_none_when_nothing_is() {
    let drill = Drill::start("filter");
    let tmux = &drill.tmux;
    tmux.send(&["/"]);
    tmux.send(&["-l", "checkout"]);
    tmux.send(&["Enter"]);
    // The list and the timeline both leave the Orders incident: nothing on screen names it any more.
    tmux.wait_for("the checkout incident alone, and its timeline", |s| {
        s.contains("Checkout API elevated") && !s.contains("Orders database p99")
    });
    // Every one-key action names the highlighted incident; Esc leaves each without a request.
    for (action, title) in [
        ("n", "Add a note (custom event)"),
        ("i", "Set impact"),
        ("a", "Related item"),
        ("x", "Export the incident record"),
    ] {
        let screen = tmux.expect_after(&[action], title, |s| s.contains(title));
        assert!(
            screen.contains("incident “Checkout API elevated 5xx rate”"),
            "the {title} prompt names the checkout incident:\n{screen}"
        );
        tmux.send(&["Escape"]);
        tmux.wait_for("the prompt closed", |s| !s.contains(title));
    }
    tmux.expect_after(&["r"], "the resolution summary prompt", |s| {
        s.contains("resolution summary")
    });
    tmux.expect_after(&["Enter"], "the confirmation in words", |s| {
        s.contains("Resolve the incident")
            && s.contains("Incident: “Checkout API elevated 5xx rate”")
    });
    tmux.send(&["Enter"]);
    drill.settle();
    assert_eq!(
        drill.writes(),
        Vec::<String>::new(),
        "enter must not confirm a write"
    );
    tmux.send(&["y"]);
    let start = Instant::now();
    while drill.writes().is_empty() && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(drill.writes(), vec!["UpdateIncidentRecord"]);
    assert_eq!(drill.status_of(CHECKOUT_INCIDENT), "RESOLVED");
    assert_eq!(
        drill.status_of(DEMO_INCIDENT),
        "OPEN",
        "the incident shown before the filter is untouched"
    );

    // A filter that matches nothing highlights nothing: every action is refused and nothing is sent.
    tmux.send(&["/"]);
    tmux.send(&["C-u"]);
    tmux.send(&["-l", "no incident has this title"]);
    tmux.send(&["Enter"]);
    // Each refusal names its action, so one left on screen cannot stand in for the next.
    for (action, what) in [
        ("r", "resolve (asks an optional summary note)"),
        ("n", "add a custom event"),
        ("i", "set the incident's impact"),
        ("a", "add a related item"),
        ("x", "export the incident record"),
    ] {
        tmux.expect_after(&[action], what, |s| {
            s.contains(what) && s.contains("nothing was done")
        });
    }
    drill.settle();
    assert_eq!(
        drill.writes(),
        vec!["UpdateIncidentRecord"],
        "no write without a highlighted incident"
    );
    tmux.send(&["q"]);
    tmux.assert_restored();
}

#[test]
fn the_docs_example_needs_ctrl_o_enter_and_y_and_enter_alone_writes_nothing() {
    let drill = Drill::start("docs");
    let tmux = &drill.tmux;
    tmux.send(&[":"]);
    tmux.send(&[
        "-l",
        "@aws ssm-incidents create-timeline-event --event-data \"\\\"example timeline event\"\\\" \
         --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn \
         arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE",
    ]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the problems and the corrected line", |s| {
        s.contains("--event-time 2023-03-31T20:30:00.000") && s.contains("ctrl-o")
    });
    tmux.expect_after(&["C-o"], "the corrected line in the box, not run", |s| {
        s.contains("corrected line in the box")
    });
    tmux.expect_after(&["Enter"], "the confirmation", |s| {
        s.contains("This changes AWS")
    });
    tmux.send(&["Enter"]);
    drill.settle();
    assert_eq!(
        drill.writes(),
        Vec::<String>::new(),
        "ctrl-o, enter, enter wrote something"
    );
    tmux.send(&["y"]);
    let start = Instant::now();
    while drill.writes().is_empty() && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(drill.writes(), vec!["CreateTimelineEvent"]);
    // Escape then q at once would read as Alt-q: wait for the box to close first.
    tmux.expect_after(&["Escape"], "the box closed", |s| s.contains("q quit"));
    tmux.send(&["q"]);
    tmux.assert_restored();
}

#[test]
fn ctrl_c_in_the_command_box_closes_it_and_imdeck_keeps_running() {
    let tmux = Tmux::start("ctrlc");
    launch(&tmux, "--read-only");
    tmux.send(&[":"]);
    tmux.send(&["-l", "@aws ssm-incidents list-response-pl"]);
    tmux.wait_for("the typed line", |s| s.contains("list-response-pl"));
    tmux.expect_after(&["C-c"], "the box closed and the pane keys back", |s| {
        s.contains("filter") && s.contains("q quit")
    });
    sleep(Duration::from_millis(500));
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "imdeck is still running"
    );
    tmux.send(&["q"]);
    tmux.assert_restored();
}

/// A config file that moves help from `?` to `H`: `H` opens it, `?` no longer does, and help and footer show `H`.
#[test]
fn a_config_file_key_override_changes_what_the_keys_do_and_the_help_shows_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.global]\nhelp = [\"H\", \"f1\"]\n").expect("write the config");
    let tmux = Tmux::start("keys");
    launch(&tmux, &format!("--read-only --config {}", config.display()));
    let footer = tmux.screen();
    assert!(
        footer.contains("H help") && !footer.contains("? help"),
        "the footer offers the new key:\n{footer}"
    );
    // `?` is not help any more: the `t` after it reaches the dashboard (an open help would swallow it).
    tmux.send(&["?"]);
    tmux.send(&["t"]);
    let screen = tmux.wait_for("t to switch to local time", |s| s.contains("local UTC"));
    assert!(!screen.contains(" Help · "), "`?` opened help:\n{screen}");
    tmux.send(&["H"]);
    let help = tmux.wait_for("the help overlay opened by H", |s| s.contains(" Help · "));
    let line = help
        .lines()
        .find(|l| l.contains("show or hide this help"))
        .unwrap_or_else(|| panic!("no help line for help:\n{help}"));
    assert!(line.contains("H, f1"), "help shows the new keys: {line}");
    assert!(!line.contains('?'), "help still shows `?`: {line}");
    tmux.send(&["Escape"]);
    tmux.wait_for("help to close", |s| !s.contains(" Help · "));
    tmux.send(&["q"]);
    tmux.assert_restored();
}

/// An SGR mouse report (what a terminal sends with modes 1000 + 1006 on), as raw bytes into the pane.
/// `button`: 0 left press, 64 wheel up, 65 wheel down; `column`/`row` are 0-based screen cells.
fn mouse(tmux: &Tmux, button: u8, column: usize, row: usize) {
    let report = format!("\x1b[<{button};{};{}M", column + 1, row + 1);
    let hex: Vec<String> = report.bytes().map(|b| format!("{b:02x}")).collect();
    let mut args = vec!["-H"];
    args.extend(hex.iter().map(String::as_str));
    tmux.send(&args);
}

/// Where `text` is on the screen: (column in characters, row).
fn position(screen: &str, text: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| {
            line.find(text)
                .map(|byte| (line[..byte].chars().count(), row))
        })
        .unwrap_or_else(|| panic!("`{text}` is not on the screen:\n{screen}"))
}

/// The rows the `›` highlight is on within a pane: from `from_row` down, within `columns`.
fn highlighted_rows(screen: &str, from_row: usize, columns: std::ops::Range<usize>) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .skip(from_row)
        .filter(|(_, line)| {
            line.chars()
                .skip(columns.start)
                .take(columns.len())
                .collect::<String>()
                .contains('›')
        })
        .map(|(row, _)| row)
        .collect()
}

#[test]
fn a_click_selects_an_incident_and_focuses_a_pane_and_the_wheel_scrolls_the_timeline() {
    let tmux = Tmux::start("mouse");
    launch(&tmux, "--read-only");
    assert_eq!(
        tmux.format("#{mouse_standard_flag}"),
        "1",
        "imdeck asked for clicks"
    );
    assert_eq!(tmux.format("#{mouse_sgr_flag}"), "1", "in SGR encoding");
    let screen = tmux.screen();
    let (title_col, title_row) = position(&screen, "Checkout API elevated 5xx rate");
    let (_, first_row) = position(&screen, "Orders database p99 latency above 2 s");
    assert!(
        screen
            .lines()
            .nth(first_row)
            .is_some_and(|l| l.contains("›  2 high")),
        "the first incident starts highlighted:\n{screen}"
    );

    // A click on the second incident's row highlights it, and its timeline is loaded.
    mouse(&tmux, 0, title_col + 3, title_row);
    let screen = tmux.wait_for("the clicked incident to be highlighted", |s| {
        s.lines()
            .nth(title_row)
            .is_some_and(|l| l.contains("›  3 medium"))
            && s.contains("[3] Checkout API elevated 5xx rate")
            // Its events are listed, not still loading: the wheel below needs them.
            && !s.contains("loading…")
            && !s.contains("Loading events")
    });
    assert!(
        !screen
            .lines()
            .nth(first_row)
            .is_some_and(|l| l.contains('›')),
        "the old row lost the highlight:\n{screen}"
    );

    // The wheel over the timeline moves its highlight up from the newest event, one event per notch.
    let (timeline_col, timeline_row) = position(&screen, "Timeline ·");
    let timeline_columns = timeline_col - 3..timeline_col + 60;
    let before = highlighted_rows(&screen, timeline_row, timeline_columns.clone());
    assert_eq!(before.len(), 1, "one highlighted event:\n{screen}");
    mouse(&tmux, 64, timeline_col + 5, timeline_row + 6);
    mouse(&tmux, 64, timeline_col + 5, timeline_row + 6);
    let screen = tmux.wait_for("the timeline highlight to move up", |s| {
        highlighted_rows(s, timeline_row, timeline_columns.clone())
            .first()
            .is_some_and(|row| *row < before[0])
    });
    let newest = screen
        .lines()
        .find(|l| l.contains('●'))
        .unwrap_or_else(|| panic!("no newest mark:\n{screen}"));
    assert!(
        !newest.contains('›'),
        "the newest event is no longer highlighted:\n{screen}"
    );
    assert!(
        screen.contains(" enter event · "),
        "the wheel focused the timeline (its footer):\n{screen}"
    );

    // A click on the checklist focuses it: the footer offers the checklist's keys.
    mouse(&tmux, 0, 5, 10);
    tmux.wait_for("the checklist's footer", |s| s.contains(" enter detail · "));
    tmux.send(&["q"]);
    tmux.assert_restored();
    assert_eq!(
        tmux.format("#{mouse_standard_flag}"),
        "0",
        "mouse reports off after exit"
    );
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let tmux = Tmux::start("nomouse");
    launch(&tmux, "--read-only --no-mouse");
    assert_eq!(
        tmux.format("#{mouse_standard_flag}"),
        "0",
        "no mouse reports asked for"
    );
    let screen = tmux.screen();
    let (col, row) = position(&screen, "Checkout API elevated 5xx rate");
    mouse(&tmux, 0, col + 3, row);
    // A key after the click proves the click was read (and ignored) before it.
    tmux.send(&["t"]);
    let screen = tmux.wait_for("t to switch to local time", |s| s.contains("local UTC"));
    assert!(
        !screen.lines().nth(row).is_some_and(|l| l.contains('›')),
        "a click selected a row with --no-mouse:\n{screen}"
    );
    tmux.send(&["q"]);
    tmux.assert_restored();
}

const OTHER_ACCOUNT: &str = "555566667777";

/// Two `--profile`s on two sandboxes playing two accounts, and one that cannot connect: the header names account a
/// and the unavailable profile, `]` shows account b, and a note written there reaches b's sandbox and not a's
/// (read from each sandbox's request log, not the screen).
#[test]
fn two_profiles_are_two_accounts_and_a_write_goes_to_the_one_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_a = dir.path().join("a.jsonl");
    let log_b = dir.path().join("b.jsonl");
    let path = |p: &Path| p.to_str().expect("utf-8 path").to_string();
    let first = StandaloneSandbox::start_with(&["--request-log", &path(&log_a)]);
    let second = StandaloneSandbox::start_with(&[
        "--account",
        OTHER_ACCOUNT,
        "--request-log",
        &path(&log_b),
    ]);
    let config = dir.path().join("aws-config");
    std::fs::write(
        &config,
        format!(
            "[profile a]\nregion = us-east-2\nendpoint_url = {}\naws_access_key_id = AKIDPROFILEA\naws_secret_access_key = secret-a\n\n\
             [profile b]\nregion = us-east-2\nendpoint_url = {}\naws_access_key_id = AKIDPROFILEB\naws_secret_access_key = secret-b\n\n\
             [profile broken]\nregion = us-east-2\n",
            first.url, second.url
        ),
    )
    .expect("config");
    let tmux = Tmux::start("accounts");
    let bin = env!("CARGO_BIN_EXE_imdeck");
    tmux.send(&[
        &format!(
            "AWS_CONFIG_FILE={} AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
             {bin} --profile a --profile broken --profile b",
            config.display()
        ),
        "Enter",
    ]);
    tmux.wait_for("account a with its incidents", |s| {
        s.contains("account 111122223333")
            && s.contains("profile a (1/2)")
            && s.contains("[UNAVAILABLE broken]")
            && s.contains("Orders database p99")
    });
    let writes = |log: &Path| e2e::mutating_ops(&e2e::log_lines(log));
    tmux.expect_after(&["]"], "account b shown", |s| {
        s.contains(&format!("account {OTHER_ACCOUNT}"))
            && s.contains("profile b (2/2)")
            && s.contains("Orders database p99")
    });
    tmux.expect_after(&["n"], "the note prompt", |s| {
        s.contains("Add a note (custom event)")
    });
    tmux.send(&["-l", "Paged from account b"]);
    tmux.expect_after(&["Enter"], "the confirmation", |s| {
        s.contains("create-timeline-event")
    });
    assert!(writes(&log_b).is_empty(), "nothing is written before y");
    tmux.send(&["y"]);
    let start = Instant::now();
    while writes(&log_b).is_empty() && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(
        writes(&log_b),
        vec!["CreateTimelineEvent"],
        "y wrote in account b"
    );
    sleep(Duration::from_millis(1_000));
    assert_eq!(
        writes(&log_a),
        Vec::<String>::new(),
        "account a's sandbox got no write"
    );
    assert!(
        e2e::log_lines(&log_a).len() > 3,
        "account a was read (its log is live)"
    );
    // Back to a: its screen is as it was left.
    tmux.expect_after(&["]"], "account a again", |s| {
        s.contains("account 111122223333") && s.contains("profile a (1/2)")
    });
    tmux.send(&["q"]);
    tmux.assert_restored();
}
