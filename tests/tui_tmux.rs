//! Drives the real binary in a real terminal (tmux): it draws, takes keys, and leaves the terminal as it found it.

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
        s.contains("us-west-2") && s.contains("test-response-plan-chat")
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
        s.contains("us-west-2") && s.contains("test-response-plan-chat")
    });
    tmux.send(&["q"]);
    tmux.assert_restored();
}
