//! `imdeck audit --profile a --profile b …` over two sandboxes playing two accounts (an AWS config file whose
//! profiles each carry an `endpoint_url`), plus one broken profile: one report, every check with its account.

#[path = "support/e2e.rs"]
mod e2e;

use std::path::Path;

use e2e::*;
use imdeck::sandbox::{SandboxOptions, Scenario, start};
use serde_json::Value;

const OTHER: &str = "555566667777";

async fn two_sandboxes(dir: &Path) -> (imdeck::sandbox::Sandbox, imdeck::sandbox::Sandbox, String) {
    let first = start(SandboxOptions::loopback_ephemeral(Scenario::Demo))
        .await
        .expect("first sandbox");
    let second = start(SandboxOptions {
        account: Some(OTHER.into()),
        ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
    })
    .await
    .expect("second sandbox");
    let config = dir.join("aws-config");
    std::fs::write(
        &config,
        format!(
            "[profile a]\nregion = us-east-2\nendpoint_url = {}\naws_access_key_id = AKIDPROFILEA\naws_secret_access_key = secret-a\n\n\
             [profile b]\nregion = us-east-2\nendpoint_url = {}\naws_access_key_id = AKIDPROFILEB\naws_secret_access_key = secret-b\n\n\
             [profile broken]\nregion = us-east-2\n",
            first.endpoint_url(),
            second.endpoint_url()
        ),
    )
    .expect("config");
    (first, second, config.display().to_string())
}

fn audit(config: &str, args: &[&str]) -> Invocation {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    Invocation::new(&all).env("AWS_CONFIG_FILE", config)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accounts_and_a_broken_profile_make_one_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, second, config) = two_sandboxes(dir.path()).await;
    let run = audit(
        &config,
        &[
            "--profile",
            "a",
            "--profile",
            "b",
            "--profile",
            "broken",
            "--format",
            "json",
        ],
    )
    .run_async()
    .await;
    // The demo fails checks in both accounts: exit 1 covers all.
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let accounts: Vec<(&str, &str)> = report["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            (
                a["profile"].as_str().unwrap_or(""),
                a["account"].as_str().unwrap_or("null"),
            )
        })
        .collect();
    assert_eq!(
        accounts,
        vec![("a", ACCOUNT), ("b", OTHER), ("broken", "null")]
    );
    let checks = report["checks"].as_array().expect("checks");
    let of = |account: &str| -> Vec<&Value> {
        checks.iter().filter(|c| c["account"] == account).collect()
    };
    let (a, b) = (of(ACCOUNT), of(OTHER));
    assert!(
        !a.is_empty() && a.len() == b.len(),
        "both accounts audited alike"
    );
    // The second sandbox's resources belong to its account.
    assert!(
        b.iter()
            .filter_map(|c| c["resource"].as_str())
            .filter(|r| r.starts_with("arn:"))
            .all(|r| !r.contains(ACCOUNT)),
        "no ARN of the first account in the second's checks"
    );
    assert!(
        b.iter()
            .any(|c| c["resource"].as_str().is_some_and(|r| r.contains(OTHER)))
    );
    let broken: Vec<&Value> = checks.iter().filter(|c| c["profile"] == "broken").collect();
    assert_eq!(broken.len(), 1, "a broken profile is one entry");
    assert_eq!(broken[0]["status"], "unknown");
    assert!(
        broken[0]["detail"]
            .as_str()
            .unwrap_or("")
            .contains("broken")
    );
    let overall = &report["summary"];
    let sum = |key: &str| {
        report["accounts"].as_array().map(|all| {
            all.iter()
                .map(|a| a["summary"][key].as_u64().unwrap_or(0))
                .sum::<u64>()
        })
    };
    for key in ["pass", "fail", "warn", "info", "unknown"] {
        assert_eq!(
            overall[key].as_u64(),
            sum(key),
            "overall {key} is the sum per account"
        );
    }

    // Text and Markdown carry the same verdicts and exit status.
    for format in ["text", "markdown"] {
        let run = audit(
            &config,
            &[
                "--profile",
                "a",
                "--profile",
                "b",
                "--profile",
                "broken",
                "--format",
                format,
            ],
        )
        .run_async()
        .await;
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(
            run.stdout.contains(OTHER) && run.stdout.contains("broken"),
            "{format}"
        );
    }
    first.shutdown().await;
    second.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_from_a_file_and_only_broken_profiles_never_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, second, config) = two_sandboxes(dir.path()).await;
    let list = dir.path().join("profiles.txt");
    std::fs::write(&list, "# the org's accounts\na\n\nb  # staging\n").expect("list");
    let run = audit(
        &config,
        &[
            "--profiles-from",
            &list.display().to_string(),
            "--format",
            "json",
        ],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["accounts"].as_array().map(Vec::len), Some(2));

    let broken = dir.path().join("broken.txt");
    std::fs::write(&broken, "broken\n").expect("list");
    let run = audit(&config, &["--profiles-from", &broken.display().to_string()])
        .run_async()
        .await;
    assert_eq!(run.code, 3, "could not run, nothing failed: {}", run.stdout);
    let missing = audit(&config, &["--profiles-from", "/nonexistent/profiles"])
        .run_async()
        .await;
    assert_eq!(missing.code, 2);
    first.shutdown().await;
    second.shutdown().await;
}

/// The dashboard with several profiles none of which connects: each reason printed, exit 1, no screen taken.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dashboard_whose_profiles_all_fail_prints_each_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("aws-config");
    std::fs::write(
        &config,
        "[profile broken]\nregion = us-east-2\n\n[profile also-broken]\nregion = us-east-2\n",
    )
    .expect("config");
    let run = Invocation::new(&["--profile", "broken", "--profile", "also-broken"])
        .env("AWS_CONFIG_FILE", &config.display().to_string())
        .run_async()
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("profile broken:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("profile also-broken:"),
        "{}",
        run.stderr
    );
}
