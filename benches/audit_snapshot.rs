//! Benchmark: a full audit (`Cloud::load_snapshot` + `run_audit`) against the in-process sandbox's scale world.
//!
//! A plain timing loop rather than criterion: each run waits on tens of 50 ms round trips, and what matters
//! is the wall time set against the critical path of dependent calls, next to the request count (the fan-out).
//! `cargo bench --bench audit_snapshot` measures; without `--bench` (as `cargo test --all-targets` runs it)
//! it makes one quick pass per world so the code path stays exercised.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use imdeck::cloud::snapshot_load::{PLAN_FAN_OUT, TOPIC_FAN_OUT};
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::audit::{Status, run_audit};
use imdeck::sandbox::{self, SandboxOptions, ScaleParams, Scenario};

/// SNS ListTopics page size in the sandbox, as in AWS.
const LIST_TOPICS_PAGE: usize = 100;

struct World {
    label: &'static str,
    params: ScaleParams,
    latency: Duration,
}

struct Measured {
    cold: Duration,
    /// User + system CPU of the whole process (client and sandbox) per warm audit.
    cpu_per_audit: Duration,
    warm: Vec<Duration>,
    requests_per_audit: usize,
    total_requests: usize,
    audits: usize,
    operations: BTreeMap<String, usize>,
    checks: usize,
    failing: usize,
    /// The most requests the sandbox answered at once, over every audit.
    peak_in_flight: usize,
}

fn scale(regions: usize, topics_per_region: usize) -> ScaleParams {
    ScaleParams {
        regions,
        topics_per_region,
        ..ScaleParams::default()
    }
}

/// Dependent round trips on the longest chain: ListReplicationSets → GetReplicationSet → ListTopics page(s) →
/// GetTopicAttributes for the topics a plan or channel names (`named_per_region`, never every topic), which run
/// `TOPIC_FAN_OUT` at a time, so ceil(named / TOPIC_FAN_OUT) waves. The plans (ListResponsePlans →
/// GetResponsePlan), the Chatbot listings and the channel topics' ListSubscriptionsByTopic run beside it.
fn critical_path_round_trips(params: &ScaleParams, named_per_region: usize) -> usize {
    let list_pages = params.topics_per_region.div_ceil(LIST_TOPICS_PAGE).max(1);
    let attribute_waves = named_per_region.div_ceil(TOPIC_FAN_OUT);
    2 + list_pages + attribute_waves
}

/// User + system CPU time of this process so far, from /proc/self/stat (clock ticks of 10 ms).
fn process_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the command name (which is in parentheses and may hold spaces).
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

fn log_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

fn operation_of(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v["operation"].as_str().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

async fn measure(world: &World, runs: usize) -> Result<Measured, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let log = dir.path().join("requests.jsonl");
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Scale(world.params));
    opts.latency = world.latency;
    opts.request_log = Some(log.clone());
    let sandbox = sandbox::start(opts).await.map_err(|e| e.to_string())?;
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .map_err(|e| e.to_string())?;

    // The first audit also opens every connection, as `imdeck audit` (a fresh process) does.
    let start = Instant::now();
    let snapshot = cloud.load_snapshot(None).await;
    let checks = run_audit(&snapshot);
    let cold = start.elapsed();
    let first_log = log_lines(&log);
    let mut operations = BTreeMap::new();
    for line in &first_log {
        *operations.entry(operation_of(line)).or_insert(0) += 1;
    }
    let failing = checks.iter().filter(|c| c.status == Status::Fail).count();
    if checks.iter().any(|c| c.status == Status::Unknown) {
        return Err("an audit check is unknown: the snapshot did not load in full".into());
    }

    let mut warm = Vec::with_capacity(runs);
    let cpu_before = process_cpu();
    for _ in 0..runs {
        let start = Instant::now();
        let snapshot = cloud.load_snapshot(None).await;
        let again = run_audit(&snapshot);
        warm.push(start.elapsed());
        if again.len() != checks.len() {
            return Err("audits of the same world disagree".into());
        }
    }
    let cpu_per_audit = (process_cpu() - cpu_before) / runs as u32;
    let total = log_lines(&log).len();
    let peak_in_flight = sandbox.take_peak_in_flight();
    sandbox.shutdown().await;
    Ok(Measured {
        cold,
        cpu_per_audit,
        warm,
        requests_per_audit: total / (runs + 1),
        total_requests: total,
        audits: runs + 1,
        operations,
        checks: checks.len(),
        failing,
        peak_in_flight,
    })
}

/// What the quick pass (`cargo test --benches`) proves, whatever the speed: an audit's requests follow the
/// request budget's formula — one replication-set read, ListTopics pages per Region, and GetTopicAttributes
/// only for the topics a plan or channel names (never every topic) — and every audit makes the same requests.
fn check_requests(params: &ScaleParams, m: &Measured) -> Result<(), String> {
    let count = |op: &str| m.operations.get(op).copied().unwrap_or(0);
    let regions = params.regions;
    let pages = params.topics_per_region.div_ceil(LIST_TOPICS_PAGE).max(1);
    let expected = [
        ("ListReplicationSets", 1),
        ("GetReplicationSet", 1),
        ("ListTopics", regions * pages),
    ];
    for (op, want) in expected {
        if count(op) != want {
            return Err(format!(
                "{op}: {} requests, the formula says {want}",
                count(op)
            ));
        }
    }
    let attributes = count("GetTopicAttributes");
    if attributes == 0 || attributes >= regions * params.topics_per_region {
        return Err(format!(
            "GetTopicAttributes: {attributes} requests for {} topics: not only the named ones",
            regions * params.topics_per_region
        ));
    }
    if !m.total_requests.is_multiple_of(m.audits) {
        return Err(format!(
            "{} requests over {} audits: the audits did not make the same requests",
            m.total_requests, m.audits
        ));
    }
    Ok(())
}

/// The bounded fan-out, seen from the server: never more requests at once than the widest phase allows, and —
/// when each answer takes a while — at least one per Region, because Regions are read at once, not in turn.
/// First phase: the Regions' ListTopics, the three Chatbot listings and the plans' reads; second: each Region's
/// attribute reads plus the other accounts' topics and the channel topics' subscriptions, each stream
/// `TOPIC_FAN_OUT` wide.
fn check_in_flight(world: &World, m: &Measured) -> Result<(), String> {
    let regions = world.params.regions;
    let listings = regions + 3 + PLAN_FAN_OUT;
    let reads = (regions + 2) * TOPIC_FAN_OUT;
    let most = listings.max(reads);
    if m.peak_in_flight > most {
        return Err(format!(
            "{} requests in flight at once; the fan-out allows at most {most}",
            m.peak_in_flight
        ));
    }
    if !world.latency.is_zero() && m.peak_in_flight < regions {
        return Err(format!(
            "at most {} requests in flight for {regions} Regions: the Regions were not read at once",
            m.peak_in_flight
        ));
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() -> Result<(), String> {
    let benching = std::env::args().any(|a| a == "--bench");
    let runs = if benching { 15 } else { 1 };
    let latency = Duration::from_millis(50);
    let mut worlds = vec![
        World {
            label: "3 Regions × 20 topics",
            params: scale(3, 20),
            latency,
        },
        World {
            label: "17 Regions × 20 topics",
            params: scale(17, 20),
            latency,
        },
    ];
    if benching {
        worlds.extend([
            World {
                label: "17 Regions × 8 topics",
                params: scale(17, 8),
                latency,
            },
            World {
                label: "17 Regions × 100 topics",
                params: scale(17, 100),
                latency,
            },
            World {
                label: "17 Regions × 20 topics, no latency",
                params: scale(17, 20),
                latency: Duration::ZERO,
            },
        ]);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    println!(
        "full audit (load_snapshot + run_audit), in-process sandbox, scale scenario, {runs} warm runs after one cold run, TOPIC_FAN_OUT = {TOPIC_FAN_OUT}"
    );
    println!(
        "| world | latency | critical path | warm median | warm min | warm max | cold | CPU/audit | requests/audit | checks (fail) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for world in &worlds {
        let mut m = runtime.block_on(measure(world, runs))?;
        let named_per_region = m.operations.get("GetTopicAttributes").copied().unwrap_or(0)
            / world.params.regions.max(1);
        let trips = critical_path_round_trips(&world.params, named_per_region);
        let path = world.latency * trips as u32;
        let warm_min = m.warm.iter().min().copied().unwrap_or_default();
        let warm_max = m.warm.iter().max().copied().unwrap_or_default();
        let warm_median = median(&mut m.warm);
        println!(
            "| {} | {} ms | {} round trips = {:.0} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} ms | {} | {} ({}) |",
            world.label,
            world.latency.as_millis(),
            trips,
            ms(path),
            ms(warm_median),
            ms(warm_min),
            ms(warm_max),
            ms(m.cold),
            ms(m.cpu_per_audit),
            m.requests_per_audit,
            m.checks,
            m.failing,
        );
        check_requests(&world.params, &m)?;
        check_in_flight(world, &m)?;
        if benching {
            let ops: Vec<String> = m
                .operations
                .iter()
                .map(|(op, n)| format!("{op} {n}"))
                .collect();
            println!(
                "|   ↳ requests of one audit: {}; at most {} in flight |",
                ops.join(", "),
                m.peak_in_flight
            );
        }
    }
    Ok(())
}
