//! Shared by the end-to-end tests: run the real `imdeck` binary against an in-process sandbox, read the request log.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use imdeck::sandbox::{Sandbox, SandboxOptions, Scenario, start};
use serde_json::Value;

pub const ACCOUNT: &str = "111122223333";
pub const DEMO_INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
/// The instant the demo scenario describes (its `asOf`): `--sandbox` runs are pinned to it through
/// `IMDECK_SANDBOX_NOW`, so the demo's times are the ones written in it and golden files stay put.
pub const DEMO_AS_OF: &str = "2024-03-14T10:08:30Z";
/// The credentials the binary is given through the standard AWS environment.
pub const ACCESS_KEY_ID: &str = "AKIDE2ETESTKEY";
pub const SECRET_ACCESS_KEY: &str = "e2e-test-secret";

/// What a finished run of the binary left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// The longest one run of the binary may take: a hang fails its test, not the whole CI run.
pub const RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Waits for `child` at most `limit`, reading its output meanwhile; kills it and fails the test past that.
pub fn wait_bounded(
    mut child: std::process::Child,
    limit: std::time::Duration,
    what: &[String],
) -> (i32, String, String) {
    use std::io::Read;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for imdeck") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "imdeck {what:?} ran past {limit:?} and was killed; stderr:\n{}",
                stderr.join().unwrap_or_default()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (
        status.code().unwrap_or(-1),
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    )
}

/// How to run the binary: arguments plus the environment on top of a scrubbed AWS environment.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// The XDG state dir (log file, history); a fresh temp dir when `None`.
    pub state_dir: Option<PathBuf>,
    pub stdin: Option<String>,
}

impl Invocation {
    pub fn new<S: AsRef<str>>(args: &[S]) -> Self {
        Self {
            args: args.iter().map(|a| a.as_ref().to_string()).collect(),
            env: Vec::new(),
            state_dir: None,
            stdin: None,
        }
    }

    /// `--endpoint-url URL ARGS…` with static credentials and a Region in the environment.
    pub fn against<S: AsRef<str>>(endpoint: &str, args: &[S]) -> Self {
        let mut all = vec!["--endpoint-url".to_string(), endpoint.to_string()];
        all.extend(args.iter().map(|a| a.as_ref().to_string()));
        let mut inv = Self::new(&all);
        inv.env = vec![
            ("AWS_ACCESS_KEY_ID".into(), ACCESS_KEY_ID.into()),
            ("AWS_SECRET_ACCESS_KEY".into(), SECRET_ACCESS_KEY.into()),
            ("AWS_REGION".into(), "us-east-2".into()),
        ];
        inv
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn state_dir(mut self, dir: &Path) -> Self {
        self.state_dir = Some(dir.to_path_buf());
        self
    }

    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.into());
        self
    }

    /// Runs to completion (blocking).
    pub fn run(&self) -> Run {
        let temp_state = tempfile::tempdir().expect("temp state dir");
        let state = self
            .state_dir
            .clone()
            .unwrap_or_else(|| temp_state.path().to_path_buf());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_imdeck"));
        cmd.args(&self.args);
        for (key, _) in std::env::vars() {
            if key.starts_with("AWS_") || key == "IMDECK_LOG" || key == "NO_COLOR" {
                cmd.env_remove(key);
            }
        }
        cmd.env("XDG_STATE_HOME", &state)
            .env("AWS_CONFIG_FILE", state.join("no-aws-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                state.join("no-aws-credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("IMDECK_SANDBOX_NOW", DEMO_AS_OF);
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("imdeck starts");
        if let Some(text) = &self.stdin {
            use std::io::Write;
            let mut input = child.stdin.take().expect("stdin");
            input.write_all(text.as_bytes()).expect("write stdin");
        }
        let (code, stdout, stderr) = wait_bounded(child, RUN_LIMIT, &self.args);
        Run {
            code,
            stdout,
            stderr,
        }
    }

    /// Runs on a blocking thread so the in-process sandbox keeps serving meanwhile.
    pub async fn run_async(&self) -> Run {
        let inv = self.clone();
        tokio::task::spawn_blocking(move || inv.run())
            .await
            .expect("run task")
    }
}

/// A sandbox with a request log in `dir`; returns it with the log's path.
pub async fn logged_sandbox(mut opts: SandboxOptions, dir: &Path) -> (Sandbox, PathBuf) {
    let log = dir.join("requests.jsonl");
    opts.request_log = Some(log.clone());
    (start(opts).await.expect("sandbox starts"), log)
}

pub async fn demo_sandbox(dir: &Path) -> (Sandbox, PathBuf) {
    logged_sandbox(SandboxOptions::loopback_ephemeral(Scenario::Demo), dir).await
}

/// Every line of the request log, parsed.
pub fn log_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("log line {l:?}: {e}")))
        .collect()
}

/// Every read operation imdeck may call. The proofs keep their own list rather than trusting the sandbox's
/// `mutating` flag: a request the sandbox could not route, or an operation added without its flag, counts as
/// a write here.
pub const READ_OPERATIONS: &[&str] = &[
    // ssm-incidents
    "ListReplicationSets",
    "GetReplicationSet",
    "ListResponsePlans",
    "GetResponsePlan",
    "ListIncidentRecords",
    "GetIncidentRecord",
    "ListTimelineEvents",
    "GetTimelineEvent",
    "ListRelatedItems",
    // sns
    "ListTopics",
    "GetTopicAttributes",
    "ListSubscriptionsByTopic",
    // chatbot
    "DescribeSlackChannelConfigurations",
    "ListMicrosoftTeamsChannelConfigurations",
    "GetMicrosoftTeamsChannelConfiguration",
    "DescribeChimeWebhookConfigurations",
];

/// The operations among `lines` that are not on imdeck's list of reads (unknown ones included, as `?`).
pub fn mutating_ops(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["operation"].as_str().unwrap_or("?"))
        .filter(|op| !READ_OPERATIONS.contains(op))
        .map(str::to_string)
        .collect()
}

/// The checks of an audit report with this id, Region and resource (`None` matches an absent member).
pub fn find<'a>(
    report: &'a Value,
    id: &str,
    region: Option<&str>,
    resource: Option<&str>,
) -> Vec<&'a Value> {
    checks(report)
        .iter()
        .filter(|c| {
            c["id"] == id
                && c.get("region").and_then(Value::as_str) == region
                && c.get("resource").and_then(Value::as_str) == resource
        })
        .collect()
}

/// The one check with this id, Region and resource; panics with the report when there is not exactly one.
pub fn one<'a>(
    report: &'a Value,
    id: &str,
    region: Option<&str>,
    resource: Option<&str>,
) -> &'a Value {
    let found = find(report, id, region, resource);
    assert_eq!(
        found.len(),
        1,
        "expected one {id} check in {region:?} on {resource:?}, found {}:\n{}",
        found.len(),
        serde_json::to_string_pretty(report["checks"].as_array().unwrap_or(&Vec::new()))
            .unwrap_or_default()
    );
    found[0]
}

pub fn checks(report: &Value) -> &[Value] {
    report["checks"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

pub fn status(check: &Value) -> &str {
    check["status"].as_str().unwrap_or("?")
}

/// A check's identity: rule, Region and resource.
pub fn key_of(check: &Value) -> (String, String, String) {
    let s = |k: &str| {
        check
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    (s("id"), s("region"), s("resource"))
}

pub fn topic_arn(region: &str, name: &str) -> String {
    format!("arn:aws:sns:{region}:{ACCOUNT}:{name}")
}
