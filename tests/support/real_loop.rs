//! The dashboard's own loop (`run_loop`, with the real effect runner) driven by a test: keys and clock ticks go in, each step waits until the loop is quiet, and the test reads a copy of the state taken then.

// Each test file uses what it needs of this module.
#![allow(dead_code)]

use std::time::Duration;

use futures::channel::mpsc as futures_mpsc;
use imdeck::app::{AppState, Effect, Msg};
use imdeck::cloud::Cloud;
use imdeck::domain::model::Timestamp;
use imdeck::runtime::event_loop::{Account, Host, Observer, Start, Unobserved, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent};
use tokio::sync::watch;

/// What the loop had done when it last went quiet: every effect answered and every answer applied.
#[derive(Clone)]
pub struct Settled {
    /// Inputs (events and ticks) the loop had read.
    pub inputs: u64,
    pub state: AppState,
    /// PollTimeline effects run so far.
    pub polls: usize,
    /// The most GetTimelineEvent reads that were out at once.
    pub most_fetches_out: usize,
    /// The effects `update` asked for since the loop read its last input (since the start, before any), in order.
    pub asked: Vec<Effect>,
}

/// Feeds the loop and waits for it.
pub struct Driver {
    events: futures_mpsc::UnboundedSender<std::io::Result<Event>>,
    ticks: futures_mpsc::UnboundedSender<Timestamp>,
    settled: watch::Receiver<Option<Settled>>,
    sent: u64,
}

impl Driver {
    /// Hands the loop a terminal event without waiting for it.
    pub fn send(&mut self, event: Event) {
        self.events
            .unbounded_send(Ok(event))
            .expect("the loop runs");
        self.sent += 1;
    }

    pub async fn key(&mut self, key: KeyEvent) -> Settled {
        self.send(Event::Key(key));
        self.settled().await
    }

    pub async fn tick(&mut self, now: Timestamp) -> Settled {
        self.ticks.unbounded_send(now).expect("the loop runs");
        self.sent += 1;
        self.settled().await
    }

    /// The loop quiet after every input sent so far.
    pub async fn settled(&mut self) -> Settled {
        let want = self.sent;
        let seen = tokio::time::timeout(
            Duration::from_secs(60),
            self.settled
                .wait_for(|s| s.as_ref().is_some_and(|s| s.inputs == want)),
        )
        .await
        .expect("the loop went quiet within a minute")
        .expect("the loop runs");
        seen.clone().expect("settled")
    }
}

/// Nothing leaves the test: no clipboard, no bell, no URL opener.
pub struct NoHost;

impl Host for NoHost {
    fn copy_to_clipboard(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }
    fn ring_bell(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn open_url(&mut self, _url: &str) -> std::io::Result<Option<String>> {
        Ok(None)
    }
}

/// Keeps what `Settled` reports, and passes everything on to the test's own observer.
struct Watching<'a, O> {
    inner: &'a mut O,
    /// Effects asked for since the loop was last quiet.
    asked: Vec<Effect>,
    /// The inputs read at the last quiet moment, and the effects asked for since the input before it.
    last_inputs: u64,
    since_input: Vec<Effect>,
    polls: usize,
    fetches_out: usize,
    most_fetches_out: usize,
    settled: watch::Sender<Option<Settled>>,
}

impl<O: Observer> Observer for Watching<'_, O> {
    fn message(&mut self, account: usize, msg: &Msg) {
        self.inner.message(account, msg);
        if matches!(msg, Msg::EventLoaded { .. }) {
            self.fetches_out = self.fetches_out.saturating_sub(1);
        }
    }
    fn effects(&mut self, account: usize, effects: &[Effect]) {
        self.inner.effects(account, effects);
        self.asked.extend(effects.iter().cloned());
        for effect in effects {
            match effect {
                Effect::PollTimeline { .. } => self.polls += 1,
                Effect::FetchEvent { .. } => {
                    self.fetches_out += 1;
                    self.most_fetches_out = self.most_fetches_out.max(self.fetches_out);
                }
                _ => {}
            }
        }
    }
    fn idle(&mut self, inputs: u64, state: &AppState) {
        self.inner.idle(inputs, state);
        // Quiet again with no new input (a frame timer woke the loop): what it asked for still counts.
        if inputs != self.last_inputs {
            self.last_inputs = inputs;
            self.since_input.clear();
        }
        self.since_input.append(&mut self.asked);
        self.settled.send_replace(Some(Settled {
            inputs,
            state: state.clone(),
            polls: self.polls,
            most_fetches_out: self.most_fetches_out,
            asked: self.since_input.clone(),
        }));
    }
    fn quit(&mut self) -> bool {
        self.inner.quit()
    }
}

/// Runs `script` against the real loop on a `width`×`height` test terminal, one account on `cloud`; `first`
/// are the messages the loop applies after `Started` (as `--incident` does). The loop ends with the script.
pub async fn with_real_loop<T>(
    state: AppState,
    cloud: Cloud,
    first: Vec<Msg>,
    size: (u16, u16),
    now: Timestamp,
    script: impl AsyncFnOnce(&mut Driver) -> T,
) -> T {
    let accounts = vec![Account { state, cloud }];
    run_real_loop(accounts, first, size, now, &mut Unobserved, script)
        .await
        .0
}

/// The same with several accounts and the test's own observer beside the one `Settled` comes from; answers
/// the script's result and the last frame drawn.
pub async fn run_real_loop<T>(
    accounts: Vec<Account>,
    first: Vec<Msg>,
    (width, height): (u16, u16),
    now: Timestamp,
    observer: &mut impl Observer,
    script: impl AsyncFnOnce(&mut Driver) -> T,
) -> (T, Buffer) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let (events, event_stream) = futures_mpsc::unbounded();
    let (ticks, tick_stream) = futures_mpsc::unbounded();
    let (settled_tx, settled) = watch::channel(None);
    let mut watching = Watching {
        inner: observer,
        asked: Vec::new(),
        last_inputs: u64::MAX,
        since_input: Vec::new(),
        polls: 0,
        fetches_out: 0,
        most_fetches_out: 0,
        settled: settled_tx,
    };
    let mut host = NoHost;
    let running = run_loop(
        &mut terminal,
        event_stream,
        tick_stream,
        accounts,
        Start {
            now,
            first,
            mouse: false,
        },
        &mut host,
        &mut watching,
    );
    let mut driver = Driver {
        events,
        ticks,
        settled,
        sent: 0,
    };
    let scripted = async move {
        let out = script(&mut driver).await;
        // Closing the event stream ends the loop.
        drop(driver);
        out
    };
    let (ended, out) = tokio::join!(running, scripted);
    ended.expect("the loop ends when its events do");
    (out, terminal.backend().buffer().clone())
}
