//! Drives the real binary in a real terminal (tmux): it draws, takes keys, and leaves the terminal as it found it.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

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
    tmux.send(&["?"]);
    tmux.wait_for("the help overlay", |s| s.contains("quit"));
    tmux.send(&["Escape"]);
    tmux.send(&[":"]);
    tmux.send(&["-l", "@aws ssm-incidents list-response-plans"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the command output", |s| {
        s.contains("responsePlanSummaries")
    });
    tmux.send(&["Escape"]);
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
    fn start() -> StandaloneSandbox {
        Self::start_with(&[])
    }

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

/// Another client adds an event: the pinned AWS CLI when the peer suite installed it, else `imdeck exec`
/// (both are separate processes speaking the wire protocol to the same sandbox).
fn add_event_from_outside(url: &str, text: &str) {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/awscli/bin/aws");
    let data = format!("\"{text}\"");
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut command = if cli.exists() {
        let mut c = Command::new(cli);
        c.args([
            "--endpoint-url",
            url,
            "ssm-incidents",
            "create-timeline-event",
        ]);
        c.args([
            "--incident-record-arn",
            DEMO_INCIDENT,
            "--event-type",
            "Custom Event",
        ]);
        c.args(["--event-time", &now, "--event-data", &data]);
        c
    } else {
        let mut c = Command::new(env!("CARGO_BIN_EXE_imdeck"));
        c.args(["--endpoint-url", url, "exec", "--"]);
        c.arg(format!(
            "@aws ssm-incidents create-timeline-event --incident-record-arn {DEMO_INCIDENT} \
             --event-type 'Custom Event' --event-time {now} --event-data '{data}'"
        ));
        c
    };
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
    let sandbox = StandaloneSandbox::start();
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
    tmux.send(&["n"]);
    tmux.send(&["-l", "Paged the DBA team"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the confirmation showing the chat line", |s| {
        s.contains("create-timeline-event")
    });
    tmux.send(&["y"]);
    tmux.wait_for("the note in the timeline", |s| {
        s.contains("Paged the DBA team")
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

    /// The operations of the mutating requests the sandbox has answered so far, in order.
    fn writes(&self) -> Vec<String> {
        std::fs::read_to_string(self.log.path())
            .expect("the request log")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|l| l["mutating"] == serde_json::Value::Bool(true))
            .map(|l| l["operation"].as_str().unwrap_or_default().to_string())
            .collect()
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
    for action in ["n", "i", "a", "x"] {
        tmux.send(&[action]);
        tmux.wait_for("a prompt naming the checkout incident", |s| {
            s.contains("incident “Checkout API elevated 5xx rate”")
        });
        tmux.send(&["Escape"]);
    }
    tmux.send(&["r"]);
    tmux.wait_for("the resolution summary prompt", |s| {
        s.contains("resolution summary")
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("the confirmation in words", |s| {
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
    for action in ["r", "n", "i", "a", "x"] {
        tmux.send(&[action]);
        tmux.wait_for("the refusal", |s| s.contains("nothing was done"));
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
    tmux.send(&["C-o"]);
    tmux.wait_for("the corrected line in the box, not run", |s| {
        s.contains("corrected line in the box")
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("the confirmation", |s| s.contains("This changes AWS"));
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
    tmux.send(&["Escape"]);
    tmux.wait_for("the box closed", |s| s.contains("q quit"));
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
    tmux.send(&["C-c"]);
    tmux.wait_for("the box closed and the pane keys back", |s| {
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
