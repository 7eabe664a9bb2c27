//! The loop: terminal events, effect results and clock ticks become `Msg`s; `update` changes the state; the frame is drawn.

pub mod effects;
pub mod history;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use futures::StreamExt;
use ratatui::crossterm::event::{Event, EventStream, KeyEventKind, MouseEvent, MouseEventKind};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use crate::app::{AppState, Effect, HeaderInfo, IncidentManagerRegion, Msg, update};
use crate::backend::Backend;
use crate::cli::GlobalOptions;
use crate::cloud::{CloudError, IncidentRegion};
use crate::config::Settings;
use crate::domain::model::Timestamp;
use crate::{terminal, ui};

/// Often enough for spinners and ages to move smoothly; polling intervals are counted in these ticks' time.
const TICK: Duration = Duration::from_millis(250);

pub async fn run(
    global: &GlobalOptions,
    incident: Option<String>,
    settings: &Settings,
) -> ExitCode {
    // Connecting resolves credentials (a helper may wait for a person) and finds Incident Manager's Region, all
    // before the terminal is taken, so a credentials problem is printed once, whole, on a normal terminal.
    let backend = match Backend::connect_or_report(global, false, "imdeck", 1).await {
        Ok(backend) => backend,
        Err(status) => return status,
    };
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
    if let Some(arn) = &incident
        && let Err(code) = check_incident(&backend, arn).await
    {
        backend.shutdown().await;
        return code;
    }
    let mut state = with_settings(AppState::new(header), settings);
    state.timestamps = match crate::backend::timestamp_format(global).await {
        Ok(format) => format,
        Err(message) => {
            backend.shutdown().await;
            eprintln!("imdeck: {message}");
            return ExitCode::from(2);
        }
    };
    let result = run_loop(&backend, state, incident, settings.mouse.value).await;
    let restored = terminal::restore();
    backend.shutdown().await;
    match result.and(restored) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("imdeck: {e}");
            ExitCode::FAILURE
        }
    }
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

async fn run_loop(
    backend: &Backend,
    mut state: AppState,
    incident: Option<String>,
    mouse: bool,
) -> std::io::Result<()> {
    let mut term = terminal::init()?;
    if mouse {
        terminal::enable_mouse()?;
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut keys = EventStream::new();
    let mut ticks = tokio::time::interval(TICK);
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;

    let mut pending = vec![Msg::Started { now: now() }];
    if let Some(arn) = incident {
        pending.push(Msg::IncidentViewRequested { arn });
    }
    if let Ok(size) = term.size() {
        pending.push(Msg::Resized {
            width: size.width,
            height: size.height,
        });
    }
    loop {
        while !pending.is_empty() {
            for msg in std::mem::take(&mut pending) {
                for effect in update(&mut state, msg) {
                    match effect {
                        Effect::Quit => return Ok(()),
                        Effect::CopyToClipboard(text) => copy_with_osc52(&text)?,
                        Effect::Bell => ring_bell()?,
                        Effect::OpenUrl(url) => pending.push(open_url(&url)?),
                        other => effects::spawn(other, backend.cloud.clone(), tx.clone()),
                    }
                }
            }
        }
        term.draw(|frame| ui::render(&state, frame))?;
        tokio::select! {
            event = keys.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => pending.push(Msg::KeyPressed(key)),
                Some(Ok(Event::Paste(text))) => pending.push(Msg::Pasted(text)),
                Some(Ok(Event::Mouse(event))) if mouse && wanted_mouse(&event) => pending.push(ui::hit::mouse_msg(&state, event)),
                Some(Ok(Event::Resize(width, height))) => pending.push(Msg::Resized { width, height }),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => pending.push(msg),
            _ = ticks.tick() => pending.push(Msg::Tick { now: now() }),
            _ = sigterm.recv() => terminal::restore_and_exit(15),
            _ = sighup.recv() => terminal::restore_and_exit(1),
            _ = sigint.recv() => terminal::restore_and_exit(2),
        }
        // Coalesce: everything already waiting is applied before the next frame is drawn.
        while let Ok(msg) = rx.try_recv() {
            pending.push(msg);
        }
    }
}

/// Presses and wheel turns; releases and drags would only cost frames.
fn wanted_mouse(event: &MouseEvent) -> bool {
    matches!(
        event.kind,
        MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
    )
}

/// Hands a URL to the system's opener without waiting for it; where there is none (a server over ssh), the URL
/// goes to the clipboard instead, and the answer says which happened.
fn open_url(url: &str) -> std::io::Result<Msg> {
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
    Ok(Msg::UrlOpened {
        url: url.to_string(),
        opener,
    })
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
