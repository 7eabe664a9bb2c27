//! The loop itself over any event source and any ratatui backend: the dashboard runs it on the terminal, tests on theirs.

use std::future::poll_fn;
use std::io;
use std::task::Poll;
use std::time::{Duration, Instant};

use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseEvent, MouseEventKind};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinSet;

use crate::app::{AppState, Effect, Msg, update};
use crate::cloud::Cloud;
use crate::domain::model::Timestamp;
use crate::ui;

use super::effects;

/// The shortest time between two frames (about 60 a second).
const FRAME: Duration = Duration::from_millis(16);

/// One account of the dashboard (one `--profile`): its own state, and the cloud its effects run against.
pub struct Account {
    pub state: AppState,
    pub cloud: Cloud,
}

/// What the loop does outside the frame: the terminal's clipboard and bell, the system's URL opener.
pub trait Host {
    fn copy_to_clipboard(&mut self, text: &str) -> io::Result<()>;
    fn ring_bell(&mut self) -> io::Result<()>;
    /// Hands the URL to the system's opener and names it; `None` when there was none and the URL was copied.
    fn open_url(&mut self, url: &str) -> io::Result<Option<String>>;
}

/// Sees what the loop does: tests count messages and effects through it. The dashboard's sees nothing.
pub trait Observer {
    /// A message about to be applied to the account at `account`.
    fn message(&mut self, _account: usize, _msg: &Msg) {}
    /// The effects `update` asked for in that account.
    fn effects(&mut self, _account: usize, _effects: &[Effect]) {}
    /// Nothing is pending and no effect is running: the loop waits for input. `inputs` counts the events and
    /// ticks read so far; `state` is the shown account's.
    fn idle(&mut self, _inputs: u64, _state: &AppState) {}
    /// An account asked to quit; `false` keeps the loop running (a walk that presses `q` goes on).
    fn quit(&mut self) -> bool {
        true
    }
}

/// The dashboard's observer: nothing to see.
pub struct Unobserved;

impl Observer for Unobserved {}

/// How the loop starts.
pub struct Start {
    /// The time `Msg::Started` carries to every account.
    pub now: Timestamp,
    /// Messages for the first account after `Started` (`--incident ARN` opens that incident).
    pub first: Vec<Msg>,
    /// Clicks and the wheel become messages; without it mouse events are dropped.
    pub mouse: bool,
}

/// Runs until an account quits (and the observer agrees) or the event source ends. Keys, pastes and clicks go
/// to the shown account; ticks and resizes go to every account, so background accounts keep polling (their
/// new-incident marks and bell keep working) and are drawn at the right size when shown. Each account's effects
/// run against its own cloud, and their answers come back on that account's channel, so they reach the state
/// that asked. `update` stays pure and per account.
pub async fn run_loop<B, E, T, H, O>(
    terminal: &mut Terminal<B>,
    mut events: E,
    mut ticks: T,
    mut accounts: Vec<Account>,
    start: Start,
    host: &mut H,
    observer: &mut O,
) -> io::Result<Vec<Account>>
where
    B: ratatui::backend::Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    T: Stream<Item = Timestamp> + Unpin,
    H: Host,
    O: Observer,
{
    if accounts.is_empty() {
        return Ok(accounts);
    }
    let mut active = 0;
    let count = accounts.len();
    let (senders, mut receivers): (Vec<UnboundedSender<Msg>>, Vec<UnboundedReceiver<Msg>>) =
        accounts.iter().map(|_| mpsc::unbounded_channel()).unzip();
    // Every effect's task, so the loop knows when nothing is in flight (tests wait for that between steps).
    let mut running = JoinSet::new();
    let mut inputs: u64 = 0;

    let mut pending: Vec<(usize, Msg)> = (0..accounts.len())
        .map(|i| (i, Msg::Started { now: start.now }))
        .collect();
    pending.extend(start.first.into_iter().map(|msg| (0, msg)));
    if let Ok(size) = terminal.size() {
        pending.extend((0..accounts.len()).map(|i| {
            (
                i,
                Msg::Resized {
                    width: size.width,
                    height: size.height,
                },
            )
        }));
    }
    let mut dirty = true;
    let mut last_frame: Option<Instant> = None;
    loop {
        dirty |= !pending.is_empty();
        while !pending.is_empty() {
            for (account, msg) in std::mem::take(&mut pending) {
                let Some(current) = accounts.get_mut(account) else {
                    continue;
                };
                observer.message(account, &msg);
                let effects = update(&mut current.state, msg);
                observer.effects(account, &effects);
                for effect in effects {
                    match effect {
                        Effect::Quit => {
                            if observer.quit() {
                                return Ok(accounts);
                            }
                        }
                        Effect::SwitchAccount => active = (active + 1) % count,
                        Effect::CopyToClipboard(text) => host.copy_to_clipboard(&text)?,
                        Effect::Bell => host.ring_bell()?,
                        Effect::OpenUrl(url) => {
                            let opener = host.open_url(&url)?;
                            pending.push((account, Msg::UrlOpened { url, opener }));
                        }
                        other => {
                            running.spawn(effects::run(
                                other,
                                current.cloud.clone(),
                                senders[account].clone(),
                            ));
                        }
                    }
                }
            }
        }
        // At most one frame per FRAME: a burst of answers (a timeline's pages, a pasted line's keys) costs one
        // frame, and the frame after the burst is drawn by the timer below.
        let frame_due = last_frame.is_none_or(|at| at.elapsed() >= FRAME);
        if dirty && frame_due {
            draw(terminal, &accounts[active].state)?;
            last_frame = Some(Instant::now());
            dirty = false;
        }
        if running.is_empty() {
            observer.idle(inputs, &accounts[active].state);
        }
        let next_frame = last_frame.map_or_else(Instant::now, |at| at + FRAME);
        tokio::select! {
            event = events.next() => {
                inputs += 1;
                match event {
                    Some(Ok(event)) => {
                        if let Some((to_all, msg)) = message_of(event, start.mouse, &accounts[active].state) {
                            if to_all {
                                pending.extend((0..accounts.len()).map(|i| (i, msg.clone())));
                            } else {
                                pending.push((active, msg));
                            }
                        }
                    }
                    Some(Err(e)) => return Err(e),
                    None => {
                        if dirty {
                            draw(terminal, &accounts[active].state)?;
                        }
                        return Ok(accounts);
                    }
                }
            }
            Some(now) = ticks.next() => {
                inputs += 1;
                pending.extend((0..accounts.len()).map(|i| (i, Msg::Tick { now })));
            }
            (account, msg) = next_answer(&mut receivers) => pending.push((account, msg)),
            // An effect ended: its answers were sent before, and are drained below.
            Some(_) = running.join_next(), if !running.is_empty() => {}
            () = tokio::time::sleep_until(next_frame.into()), if dirty => {}
        }
        // Coalesce: everything already waiting is applied before the next frame is drawn.
        for (account, receiver) in receivers.iter_mut().enumerate() {
            while let Ok(msg) = receiver.try_recv() {
                pending.push((account, msg));
            }
        }
    }
}

fn draw<B>(terminal: &mut Terminal<B>, state: &AppState) -> io::Result<()>
where
    B: ratatui::backend::Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    terminal
        .draw(|frame| ui::render(state, frame))
        .map_err(io::Error::other)?;
    Ok(())
}

/// A terminal event as a message, and whether every account gets it (a resize) or only the shown one (`shown`,
/// whose screen a click is hit-tested against).
fn message_of(event: Event, mouse: bool, shown: &AppState) -> Option<(bool, Msg)> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some((false, Msg::KeyPressed(key))),
        Event::Paste(text) => Some((false, Msg::Pasted(text))),
        Event::Mouse(event) if mouse && wanted_mouse(&event) => {
            Some((false, ui::hit::mouse_msg(shown, event)))
        }
        Event::Resize(width, height) => Some((true, Msg::Resized { width, height })),
        _ => None,
    }
}

/// The next answer of any account's effects, tagged with the account (the channels never close: the loop
/// holds a sender of each).
async fn next_answer(receivers: &mut [UnboundedReceiver<Msg>]) -> (usize, Msg) {
    poll_fn(|cx| {
        for (account, receiver) in receivers.iter_mut().enumerate() {
            if let Poll::Ready(Some(msg)) = receiver.poll_recv(cx) {
                return Poll::Ready((account, msg));
            }
        }
        Poll::Pending
    })
    .await
}

/// Presses and wheel turns; releases and drags would only cost frames.
fn wanted_mouse(event: &MouseEvent) -> bool {
    matches!(
        event.kind,
        MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
    )
}
