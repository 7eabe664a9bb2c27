//! Benchmark: resident memory of the app state holding a 10,000-event timeline, each case in a fresh process.
//!
//! Every case runs in a child process of this same binary (chosen by `IMDECK_MEMORY_CASE`), so no case
//! inherits heap that another one freed. The child reads VmRSS and VmHWM from /proc/self/status before and
//! after building the state through `update` Msgs, and the parent prints the table.

#[path = "../tests/support/demo.rs"]
mod demo;
#[path = "support/timeline_state.rs"]
mod timeline_state;

use std::hint::black_box;
use std::process::Command;

use imdeck::app::state::timeline::TEXT_CACHE_LIMIT;
use timeline_state::loaded_with_events;

const CASE_VAR: &str = "IMDECK_MEMORY_CASE";

/// (name, events, every text delivered)
const CASES: [(&str, usize, bool); 5] = [
    ("incident with no events", 0, false),
    ("100 events, visible texts", 100, false),
    ("10,000 events, visible texts", 10_000, false),
    ("10,000 events, every text delivered", 10_000, true),
    ("100,000 events, every text delivered", 100_000, true),
];

/// VmRSS and VmHWM in KiB.
fn resident_kib() -> Result<(u64, u64), String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let field = |name: &str| -> Result<u64, String> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("{name} missing from /proc/self/status"))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// The child: build one case and print `rss_before rss_after hwm_after texts_cached`.
fn run_case(index: usize) -> Result<(), String> {
    let (_, count, every_text) = CASES.get(index).ok_or("no such case")?;
    let (before, _) = resident_kib()?;
    let state = loaded_with_events(*count, *every_text);
    let (after, peak) = resident_kib()?;
    if state.timeline.len() != *count {
        return Err(format!(
            "{} events held, {count} sent",
            state.timeline.len()
        ));
    }
    println!("{before} {after} {peak} {}", state.timeline.texts.len());
    black_box(&state);
    Ok(())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() -> Result<(), String> {
    if let Ok(case) = std::env::var(CASE_VAR) {
        return run_case(case.parse().map_err(|_| "bad case index")?);
    }
    let benching = std::env::args().any(|a| a == "--bench");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    println!(
        "resident memory of the AppState (160×48, demo snapshot, incident list, one incident); text cache limit {TEXT_CACHE_LIMIT}"
    );
    println!(
        "| case | VmRSS before | VmRSS after | growth | per event (growth beyond the no-event case) | VmHWM after | texts cached |"
    );
    println!("|---|---|---|---|---|---|---|");
    // Without `--bench` (cargo test --all-targets) the largest case is skipped to keep the test run short.
    let cases = if benching { CASES.len() } else { 3 };
    let mut base_growth = 0;
    for (index, (name, count, _)) in CASES.iter().enumerate().take(cases) {
        let out = Command::new(&exe)
            .env(CASE_VAR, index.to_string())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "case {name} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<u64> = text
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        let [before, after, peak, texts] = fields[..] else {
            return Err(format!("case {name} printed {text:?}"));
        };
        // The quick pass's property, independent of speed: the text cache stays within its limit.
        if texts > TEXT_CACHE_LIMIT as u64 {
            return Err(format!(
                "case {name}: {texts} texts cached, over the limit of {TEXT_CACHE_LIMIT}"
            ));
        }
        let growth = after.saturating_sub(before);
        let per_event = if *count > 0 {
            let beyond = growth.saturating_sub(base_growth);
            format!("{:.0} B", beyond as f64 * 1024.0 / *count as f64)
        } else {
            base_growth = growth;
            "—".into()
        };
        println!(
            "| {name} | {:.1} MiB | {:.1} MiB | {:.1} MiB | {per_event} | {:.1} MiB | {texts} |",
            mib(before),
            mib(after),
            mib(growth),
            mib(peak),
        );
    }
    Ok(())
}
