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
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_imdeck"))
            .args(["sandbox", "--listen", "127.0.0.1:0"])
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
