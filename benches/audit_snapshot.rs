//! Benchmark: the full audit snapshot load on the sandbox's scale scenario, set against its critical path.
//!
//! The sandbox answers every request after `LATENCY`, so one round trip costs about `LATENCY`. The snapshot's
//! dependent chain is ListReplicationSets → GetReplicationSet → ListTopics → GetTopicAttributes, with the
//! attribute reads of a Region going out `TOPIC_FAN_OUT` at a time; everything else runs beside that chain.
//! A load that took time proportional to Regions or topics would show up here as many times the critical path.
//! The same load at zero latency is measured too: it is the CPU floor (SDK signing and parsing plus the
//! in-process sandbox, ~370 requests), which on a small machine adds to the latency-bound part.
//!
//! Run: `cargo bench --bench audit_snapshot` (the critical path is printed as a `critical path …` line).

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use imdeck::cloud::snapshot_load::TOPIC_FAN_OUT;
use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::sandbox::{self, Sandbox, SandboxOptions, ScaleParams, Scenario};
use tokio::runtime::Runtime;

const LATENCY: Duration = Duration::from_millis(50);

fn scale() -> ScaleParams {
    ScaleParams {
        regions: 17,
        topics_per_region: 20,
        ..ScaleParams::default()
    }
}

/// Dependent round trips: two for the replication set, ListTopics pages, then the attribute batches.
fn critical_path_round_trips(params: &ScaleParams) -> usize {
    let listing_pages = params.topics_per_region.div_ceil(100).max(1);
    let attribute_batches = params.topics_per_region.div_ceil(TOPIC_FAN_OUT);
    2 + listing_pages + attribute_batches
}

fn connect(runtime: &Runtime, params: ScaleParams, latency: Duration) -> (Sandbox, Cloud) {
    runtime.block_on(async {
        let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Scale(params));
        opts.latency = latency;
        let sandbox = match sandbox::start(opts).await {
            Ok(s) => s,
            Err(e) => panic!("sandbox: {e}"),
        };
        let cloud = Cloud::connect(ConnectOptions {
            endpoint_url: Some(sandbox.endpoint_url()),
            sandbox_credentials: true,
            read_only: true,
            ..ConnectOptions::default()
        })
        .await;
        match cloud {
            Ok(cloud) => (sandbox, cloud),
            Err(e) => panic!("connect: {e}"),
        }
    })
}

fn bench(c: &mut Criterion) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => panic!("tokio runtime: {e}"),
    };
    let params = scale();
    let (sandbox, cloud) = connect(&runtime, params, LATENCY);
    let (instant_sandbox, instant_cloud) = connect(&runtime, params, Duration::ZERO);

    // A sanity run outside criterion: the snapshot must be complete, or the figure means nothing.
    let started = Instant::now();
    let snapshot = runtime.block_on(cloud.load_snapshot(None));
    let took = started.elapsed();
    let topics = snapshot.topics().count();
    assert_eq!(snapshot.regions.len(), params.regions, "every Region read");
    assert_eq!(
        topics,
        params.regions * params.topics_per_region,
        "every topic read"
    );
    let trips = critical_path_round_trips(&params);
    println!(
        "critical path: {trips} dependent round trips x {} ms = {} ms; one cold load took {} ms \
         ({} Regions, {topics} topics)",
        LATENCY.as_millis(),
        trips as u128 * LATENCY.as_millis(),
        took.as_millis(),
        params.regions,
    );

    let mut group = c.benchmark_group("audit_snapshot");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("one_round_trip_50ms", |b| {
        b.iter(|| runtime.block_on(cloud.list_response_plans()))
    });
    group.bench_function("load_snapshot_scale_17x20_50ms", |b| {
        b.iter(|| runtime.block_on(cloud.load_snapshot(None)))
    });
    group.bench_function("load_snapshot_scale_17x20_0ms_cpu_floor", |b| {
        b.iter(|| runtime.block_on(instant_cloud.load_snapshot(None)))
    });
    group.finish();
    runtime.block_on(sandbox.shutdown());
    runtime.block_on(instant_sandbox.shutdown());
}

criterion_group!(benches, bench);
criterion_main!(benches);
