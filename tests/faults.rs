//! Faults: 100 seeded audits against a sandbox that throttles, fails, drops and stalls 30 % of requests, each
//! compared with the fault-free audit — a check is the same or unknown, never a pass the clean run does not give.

#[path = "support/e2e.rs"]
mod e2e;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::audit::Status;
use imdeck::domain::audit::report::AuditReport;
use imdeck::sandbox::{SandboxOptions, Scenario, start};

const RUNS: u64 = 100;
const FAULT_RATE: f64 = 0.3;
/// Audits in flight at once: enough to finish in well under a minute on two cores.
const CONCURRENCY: usize = 25;

type Row = (String, String, String, Status);

fn rows(report: &AuditReport) -> Vec<Row> {
    report
        .checks
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                c.region.clone().unwrap_or_default(),
                c.resource.clone().unwrap_or_default(),
                c.status,
            )
        })
        .collect()
}

async fn audit(fault_rate: f64, seed: u64) -> (AuditReport, Duration) {
    let sandbox = start(SandboxOptions {
        fault_rate,
        fault_seed: seed,
        ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
    })
    .await
    .expect("sandbox starts");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects");
    let started = Instant::now();
    let snapshot = cloud.load_snapshot(None).await;
    let took = started.elapsed();
    sandbox.shutdown().await;
    (AuditReport::from_snapshot(&snapshot), took)
}

/// What one seeded run got wrong, if anything.
fn judge(clean: &AuditReport, faulted: &AuditReport) -> Vec<String> {
    let clean_rows: BTreeSet<Row> = rows(clean).into_iter().collect();
    let faulted_rows = rows(faulted);
    let mut wrong = Vec::new();
    for row in &faulted_rows {
        if row.3 != Status::Unknown && !clean_rows.contains(row) {
            wrong.push(format!(
                "{row:?} is neither unknown nor the fault-free result"
            ));
        }
    }
    // A finding may become unknown, but it may not vanish without an unknown standing in for it.
    let unknown_ids: BTreeSet<&str> = faulted_rows
        .iter()
        .filter(|r| r.3 == Status::Unknown)
        .map(|r| r.0.as_str())
        .collect();
    for row in &clean_rows {
        if !faulted_rows.contains(row) && !unknown_ids.contains(row.0.as_str()) {
            wrong.push(format!(
                "{row:?} disappeared with no unknown {} check",
                row.0
            ));
        }
    }
    let exit = faulted.exit_code();
    if exit == 0 && clean.exit_code() != 0 {
        wrong.push("exit 0 where the fault-free audit fails".into());
    }
    if faulted.summary.unknown == 0 && exit != clean.exit_code() {
        wrong.push(format!("exit {exit} without an unknown check"));
    }
    wrong
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_faulty_audits_give_the_clean_result_or_unknown_never_a_new_pass() {
    let panics = Arc::new(AtomicUsize::new(0));
    let default_hook = std::panic::take_hook();
    {
        let panics = Arc::clone(&panics);
        std::panic::set_hook(Box::new(move |info| {
            panics.fetch_add(1, Ordering::SeqCst);
            default_hook(info);
        }));
    }

    let (clean, _) = audit(0.0, 0).await;
    // The fault-free audit reads everything but the one topic of another account that may not be read.
    assert_eq!(
        clean.summary.unknown, 2,
        "the fault-free audit reads everything but the locked topic"
    );
    assert!(
        clean
            .checks
            .iter()
            .filter(|c| c.status == Status::Unknown)
            .all(|c| c.resource.as_deref()
                == Some("arn:aws:sns:us-west-2:444455556666:org-locked-im"))
    );
    assert_eq!(clean.exit_code(), 1);

    let started = Instant::now();
    let results: Vec<(u64, AuditReport, Duration)> = futures::stream::iter(0..RUNS)
        .map(|seed| async move {
            let (report, took) = audit(FAULT_RATE, seed).await;
            (seed, report, took)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let wall = started.elapsed();

    let mut failures = Vec::new();
    let mut identical = 0;
    let mut with_unknown = 0;
    let mut slowest = Duration::ZERO;
    for (seed, report, took) in &results {
        slowest = slowest.max(*took);
        let wrong = judge(&clean, report);
        if !wrong.is_empty() {
            let unknown: Vec<String> = report
                .checks
                .iter()
                .filter(|c| c.status == Status::Unknown)
                .map(|c| {
                    format!(
                        "unknown {} {:?} {:?}: {}",
                        c.id, c.region, c.resource, c.detail
                    )
                })
                .collect();
            failures.push(format!(
                "seed {seed}:\n  {}\n  with\n  {}",
                wrong.join("\n  "),
                unknown.join("\n  ")
            ));
        }
        if rows(report) == rows(&clean) {
            identical += 1;
        }
        if report.summary.unknown > 0 {
            with_unknown += 1;
        }
    }
    eprintln!(
        "{RUNS} audits at fault rate {FAULT_RATE}: {identical} identical to the fault-free run, \
         {with_unknown} with unknown checks; wall {wall:.1?} ({CONCURRENCY} at a time), slowest audit {slowest:.1?}"
    );
    assert_eq!(results.len() as u64, RUNS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(panics.load(Ordering::SeqCst), 0, "nothing panicked");
    // Retries hide most faults: with three attempts most audits come out whole.
    assert!(identical > 0, "retries recover some runs completely");
}

async fn binary_audit(fault_rate: f64, seed: u64) -> (e2e::Run, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::logged_sandbox(
        SandboxOptions {
            fault_rate,
            fault_seed: seed,
            ..SandboxOptions::loopback_ephemeral(Scenario::Demo)
        },
        dir.path(),
    )
    .await;
    let run = e2e::Invocation::against(&sandbox.endpoint_url(), &["audit", "--format", "json"])
        .run_async()
        .await;
    sandbox.shutdown().await;
    (run, e2e::log_lines(&log))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_under_faults_exits_1_or_3_and_never_panics() {
    let (clean_run, _) = binary_audit(0.0, 0).await;
    let clean = clean_run.json();
    let clean_rows: BTreeSet<_> = e2e::checks(&clean)
        .iter()
        .map(|c| (e2e::key_of(c), e2e::status(c).to_string()))
        .collect();
    for seed in 0..8 {
        let (run, lines) = binary_audit(FAULT_RATE, seed).await;
        assert!(
            matches!(run.code, 1 | 3),
            "seed {seed}: exit {}\n{}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "seed {seed}: {}",
            run.stderr
        );
        let report = run.json();
        for check in e2e::checks(&report) {
            let row = (e2e::key_of(check), e2e::status(check).to_string());
            assert!(
                row.1 == "unknown" || clean_rows.contains(&row),
                "seed {seed}: {check}"
            );
        }
        assert!(
            lines.iter().any(|l| l.get("fault").is_some()),
            "seed {seed}: faults were injected"
        );
        assert!(e2e::mutating_ops(&lines).is_empty());
    }
}
