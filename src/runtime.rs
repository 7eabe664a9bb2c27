//! The loop: terminal events, effect results and clock ticks become `Msg`s; `update` changes the state; the frame is drawn.

pub mod accounts;
pub mod effects;
pub mod event_loop;
pub mod history;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use ratatui::crossterm::event::EventStream;
use tokio::signal::unix::{SignalKind, signal};

use crate::app::{AppState, HeaderInfo, IncidentManagerRegion, Msg};
use crate::backend::Backend;
use crate::cli::GlobalOptions;
use crate::cloud::{CloudError, IncidentRegion};
use crate::config::Settings;
use crate::domain::model::Timestamp;
use crate::terminal;

use event_loop::{Account, Host, Start, Unobserved, run_loop};

/// Often enough for spinners and ages to move smoothly; polling intervals are counted in these ticks' time.
const TICK: Duration = Duration::from_millis(250);

pub async fn run(
    global: &GlobalOptions,
    incident: Option<String>,
    settings: &Settings,
) -> ExitCode {
    // Connecting resolves credentials (a helper may wait for a person) and finds Incident Manager's Region, all
    // before the terminal is taken, so a credentials problem is printed once, whole, on a normal terminal.
    let (backends, unavailable) = match accounts::connect(global).await {
        Ok(connected) => connected,
        Err(status) => return status,
    };
    let mut accounts = Vec::with_capacity(backends.len());
    for (one, backend) in &backends {
        match account_of(one, backend, settings).await {
            Ok(account) => accounts.push(account),
            Err(message) => {
                eprintln!("imdeck: {message}");
                shutdown(backends).await;
                return ExitCode::from(2);
            }
        }
    }
    accounts::place(accounts.iter_mut().map(|a| &mut a.state), &unavailable);
    if let Some(arn) = &incident
        && let Err(code) = check_incident(&backends[0].1, arn).await
    {
        shutdown(backends).await;
        return code;
    }
    let result = on_the_terminal(accounts, incident, settings.mouse.value).await;
    let restored = terminal::restore();
    shutdown(backends).await;
    match result.and(restored) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("imdeck: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn shutdown(backends: Vec<(GlobalOptions, Backend)>) {
    for (_, backend) in backends {
        backend.shutdown().await;
    }
}

/// One connected profile's account: its header, the config's settings, the profile's timestamp format.
async fn account_of(
    global: &GlobalOptions,
    backend: &Backend,
    settings: &Settings,
) -> Result<Account, String> {
    let header = HeaderInfo {
        account: String::new(),
        region: backend.cloud.region(),
        profile_or_sandbox: backend.origin_label(),
        read_only: backend.cloud.is_read_only(),
        endpoint: backend.custom_endpoint(global),
        incident_manager: match &backend.incident_region {
            IncidentRegion::Found {
                region,
                set_regions,
            } if *region != backend.cloud.region() => Some(IncidentManagerRegion {
                region: region.clone(),
                set_regions: set_regions.clone(),
            }),
            _ => None,
        },
    };
    let mut state = with_settings(AppState::new(header), settings);
    state.timestamps = crate::backend::timestamp_format(global).await?;
    Ok(Account {
        state,
        cloud: backend.cloud.clone(),
    })
}

/// The config file's keys, colours, time zone, export directory and poll intervals, already validated whole.
fn with_settings(mut state: AppState, settings: &Settings) -> AppState {
    state.keymap = settings.keymap.clone();
    state.palette = settings.palette;
    state.utc = settings.utc.value;
    state.export_dir = settings.export_dir.value.clone();
    let ms = |s: u32| i64::from(s) * 1000;
    state.config.timeline_poll_ms = ms(settings.timeline_poll_seconds.value);
    state.config.incidents_poll_ms = ms(settings.incidents_poll_seconds.value);
    state.config.snapshot_refresh_ms = ms(settings.snapshot_poll_seconds.value);
    state
}

/// `--incident ARN` must name an incident that exists: a link from a chat message with a typo would otherwise
/// open on some other incident. Read before the terminal is taken, so the message is printed plainly.
async fn check_incident(backend: &Backend, arn: &str) -> Result<(), ExitCode> {
    match backend.cloud.get_incident(arn).await {
        Ok(_) => Ok(()),
        Err(CloudError::NotFound { .. } | CloudError::Validation { .. }) => {
            eprintln!(
                "imdeck: --incident {arn}: no such incident record in this account (check the ARN; \
                 `imdeck exec -- @aws ssm-incidents list-incident-records` lists them)"
            );
            Err(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("imdeck: --incident {arn}: could not read it: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn now() -> Timestamp {
    Timestamp(chrono::Utc::now().timestamp_millis())
}

/// The production entry of the loop: the real terminal, crossterm's events, the wall clock, and the signals that
/// must restore the terminal before imdeck dies. Everything else is `event_loop::run_loop`, which tests drive.
async fn on_the_terminal(
    accounts: Vec<Account>,
    incident: Option<String>,
    mouse: bool,
) -> std::io::Result<()> {
    let mut term = terminal::init()?;
    if mouse {
        terminal::enable_mouse()?;
    }
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let ticks = futures::stream::unfold(tokio::time::interval(TICK), |mut interval| async move {
        interval.tick().await;
        Some((now(), interval))
    });
    let start = Start {
        now: now(),
        first: incident
            .map(|arn| Msg::IncidentViewRequested { arn })
            .into_iter()
            .collect(),
        mouse,
    };
    let mut host = TerminalHost;
    let mut observer = Unobserved;
    let running = run_loop(
        &mut term,
        EventStream::new(),
        Box::pin(ticks),
        accounts,
        start,
        &mut host,
        &mut observer,
    );
    tokio::select! {
        result = running => result.map(|_| ()),
        _ = sigterm.recv() => terminal::restore_and_exit(15),
        _ = sighup.recv() => terminal::restore_and_exit(1),
        _ = sigint.recv() => terminal::restore_and_exit(2),
    }
}

/// The real terminal's clipboard (OSC 52) and bell, and the system's URL opener.
struct TerminalHost;

impl Host for TerminalHost {
    fn copy_to_clipboard(&mut self, text: &str) -> std::io::Result<()> {
        copy_with_osc52(text)
    }
    fn ring_bell(&mut self) -> std::io::Result<()> {
        ring_bell()
    }
    fn open_url(&mut self, url: &str) -> std::io::Result<Option<String>> {
        open_url(url)
    }
}

/// Hands a URL to the system's opener without waiting for it; where there is none (a server over ssh), the URL
/// goes to the clipboard instead, and the answer says which happened.
fn open_url(url: &str) -> std::io::Result<Option<String>> {
    let opener = ["xdg-open", "open"].into_iter().find_map(|name| {
        std::process::Command::new(name)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()
            .map(|_| name.to_string())
    });
    if opener.is_none() {
        copy_with_osc52(url)?;
    }
    Ok(opener)
}

/// BEL between frames, from the loop itself, so it never lands inside a frame's escape sequences.
fn ring_bell() -> std::io::Result<()> {
    let mut out = std::io::stdout();
    out.write_all(b"\x07")?;
    out.flush()
}

/// OSC 52 puts text on the clipboard of the terminal (and through ssh and tmux) without a clipboard daemon.
fn copy_with_osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
