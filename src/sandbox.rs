//! The local AWS sandbox: one loopback HTTP server speaking ssm-incidents, SNS and Chatbot wire protocols.

mod activity;
pub mod chatbot;
mod errors;
mod faults;
mod in_flight;
pub mod incidents;
mod input;
mod paging;
pub mod quotas;
mod reply;
mod request_log;
mod router;
mod scenario;
mod sns;
mod store;
pub mod validate;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use scenario::{SANDBOX_ACCOUNT, ScaleParams, Scenario};
pub use sns::subscriptions::{Delivery, DeliveryOutcome};

use crate::domain::model::Timestamp;

/// Every (service, operation) the sandbox serves, the service named as in its SigV4 scope; the conformance
/// suite drives each one against its AWS model.
pub fn served_operations() -> Vec<(&'static str, &'static str)> {
    let incidents = incidents::served().map(|op| ("ssm-incidents", op));
    let sns = sns::served().map(|op| ("sns", op));
    let chatbot = chatbot::served().map(|op| ("chatbot", op));
    incidents.chain(sns).chain(chatbot).collect()
}

/// How to run a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Must be a loopback address; port 0 picks a free port.
    pub listen: SocketAddr,
    pub scenario: Scenario,
    /// Added to every response.
    pub latency: Duration,
    /// Share of requests (0.0–1.0) that get an injected fault.
    pub fault_rate: f64,
    /// Seeds the fault sequence: the same seed and requests give the same faults.
    pub fault_seed: u64,
    /// One JSON line per request is written here when set.
    pub request_log: Option<PathBuf>,
    /// Play a drill: new timeline events on open incidents every few seconds.
    pub activity: bool,
    /// The wall-clock time the sandbox starts at: a scenario that names its `asOf` instant (the demo does) has
    /// every time moved so that instant is now. `None` keeps the scenario's times as written (tests).
    pub starts_at: Option<Timestamp>,
    /// operations (API names like "GetTopicAttributes") always answered with AccessDenied / throttling, for tests of "unknown" audit results
    pub deny_operations: Vec<String>,
    pub throttle_operations: Vec<String>,
    /// Enforce AWS's request rates: each operation a token bucket (see `quotas`), answering with the
    /// service's own throttling error when it is empty.
    pub quotas: bool,
    /// Play the scenario as this account (its resources and ARNs belong to it); `None` keeps the scenario's.
    pub account: Option<String>,
}

impl SandboxOptions {
    /// 127.0.0.1 on a free port, no latency, no faults, no log, no drill.
    pub fn loopback_ephemeral(scenario: Scenario) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            scenario,
            latency: Duration::ZERO,
            fault_rate: 0.0,
            fault_seed: 0,
            request_log: None,
            activity: false,
            starts_at: None,
            deny_operations: Vec::new(),
            throttle_operations: Vec::new(),
            quotas: false,
            account: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "the sandbox listens on loopback only; {0} is not a loopback address (use 127.0.0.1:PORT)"
    )]
    NonLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("scenario: {0}")]
    Scenario(String),
    #[error("cannot open the request log {path}: {source}")]
    RequestLog {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("fault rate {0} is not between 0 and 1")]
    FaultRate(f64),
}

/// A running sandbox. Dropping it stops the server too; `shutdown` also waits for it to finish.
pub struct Sandbox {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    activity: Option<JoinHandle<()>>,
    store: Arc<Mutex<store::Store>>,
    in_flight: Arc<in_flight::InFlight>,
}

impl Sandbox {
    /// The most requests answered at once since the last call (or the start).
    pub fn take_peak_in_flight(&self) -> usize {
        self.in_flight.take_peak()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, for `endpoint_url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What Chatbot did with every message published so far, oldest first, from index `from` on.
    pub fn deliveries_from(&self, from: usize) -> Vec<Delivery> {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        store
            .subscriptions
            .deliveries
            .get(from..)
            .map(<[Delivery]>::to_vec)
            .unwrap_or_default()
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 s), and stops the drill.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(activity) = self.activity.take() {
            activity.abort();
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(activity) = self.activity.take() {
            activity.abort();
        }
    }
}

/// Binds the listener, spawns the server task and returns at once.
///
/// Every request goes through `router::handle`, which finds the service from the path (SNS `POST /`,
/// ssm-incidents camelCase paths, Chatbot kebab-case paths), the Region from the SigV4 credential scope,
/// and runs the operation against the scenario's `Store`.
pub async fn start(opts: SandboxOptions) -> Result<Sandbox, SandboxError> {
    if !opts.listen.ip().is_loopback() {
        return Err(SandboxError::NonLoopback(opts.listen));
    }
    if !(0.0..=1.0).contains(&opts.fault_rate) {
        return Err(SandboxError::FaultRate(opts.fault_rate));
    }
    // Parse the service models and compile their patterns now, not on the first request, which would
    // otherwise answer late (and skew the --quotas rate buckets).
    for service in [
        errors::Service::Incidents,
        errors::Service::Sns,
        errors::Service::Chatbot,
    ] {
        validate::model::model(service);
    }
    let store = Arc::new(Mutex::new(scenario::load_as(
        &opts.scenario,
        opts.starts_at,
        opts.account.as_deref(),
    )?));
    let log = match &opts.request_log {
        Some(path) => Some(request_log::RequestLog::create(path).map_err(|source| {
            SandboxError::RequestLog {
                path: path.clone(),
                source,
            }
        })?),
        None => None,
    };
    let in_flight = Arc::new(in_flight::InFlight::default());
    let state = Arc::new(router::SandboxState {
        store: Arc::clone(&store),
        latency: opts.latency,
        faults: (opts.fault_rate > 0.0)
            .then(|| Mutex::new(faults::FaultPlan::new(opts.fault_rate, opts.fault_seed))),
        log,
        deny: opts.deny_operations.iter().cloned().collect::<HashSet<_>>(),
        throttle: opts
            .throttle_operations
            .iter()
            .cloned()
            .collect::<HashSet<_>>(),
        quotas: opts.quotas.then(quotas::Quotas::default),
        in_flight: Arc::clone(&in_flight),
    });
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: opts.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: opts.listen,
        source,
    })?;
    let app = axum::Router::new()
        .fallback(router::handle)
        .with_state(state);
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            // A dropped sender (the Sandbox was dropped) stops the server too.
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "sandbox server stopped");
        }
    });
    let activity = opts.activity.then(|| activity::spawn(Arc::clone(&store)));
    tracing::info!(%addr, "sandbox listening");
    Ok(Sandbox {
        addr,
        stop: Some(stop),
        server: Some(server),
        activity,
        store,
        in_flight,
    })
}
