//! Criterion benchmark: one full 160×48 frame with a timeline of 100, 10,000 (and 100,000) events, at its end and its start, and in the incident view.

#[path = "../tests/support/demo.rs"]
mod demo;
#[path = "support/timeline_state.rs"]
mod timeline_state;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use imdeck::app::state::Focus;
use imdeck::app::{AppState, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use demo::key;
use timeline_state::{answer_fetches, loaded_with_events};

/// 100,000 only under `cargo bench`: building that state in a debug test run would take too long.
fn sizes() -> Vec<usize> {
    if std::env::args().any(|a| a == "--bench") {
        vec![100, 10_000, 100_000]
    } else {
        vec![100, 10_000]
    }
}

fn focus_timeline(state: &mut AppState) {
    for _ in 0..5 {
        if state.focus == Focus::Timeline {
            return;
        }
        update(state, key(KeyCode::Tab));
    }
}

/// The same state scrolled to the oldest event, with the texts it then asks for answered.
fn at_start(count: usize) -> AppState {
    let mut state = loaded_with_events(count, false);
    focus_timeline(&mut state);
    let effects = update(&mut state, key(KeyCode::Home));
    answer_fetches(&mut state, effects, count);
    state
}

/// The newest events in the incident view (Enter on the incident): header, timeline, related items, engaged.
fn incident_view(count: usize) -> AppState {
    let mut state = loaded_with_events(count, false);
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(state.incident_view.open, "Enter opens the incident view");
    answer_fetches(&mut state, effects, count);
    state
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline_frame_160x48");
    for count in sizes() {
        let mut newest = loaded_with_events(count, false);
        focus_timeline(&mut newest);
        let oldest = at_start(count);
        let view = incident_view(count);
        for (position, state) in [
            ("newest", &newest),
            ("oldest", &oldest),
            ("incident_view", &view),
        ] {
            assert_eq!(state.timeline.len(), count);
            let mut terminal = match Terminal::new(TestBackend::new(160, 48)) {
                Ok(terminal) => terminal,
                Err(e) => panic!("test terminal: {e}"),
            };
            // What the quick pass (`cargo test --benches`) proves, whatever the speed: a frame lays out only
            // the event rows that fit the pane (48 lines at most), not the whole timeline.
            if let Err(e) = terminal.draw(|f| imdeck::ui::render(state, f)) {
                panic!("draw: {e}");
            }
            let laid_out = imdeck::ui::timeline::rows_laid_out();
            assert!(
                (1..=48).contains(&laid_out),
                "{position} at {count} events laid out {laid_out} rows"
            );
            group.bench_with_input(BenchmarkId::new(position, count), state, |b, state| {
                b.iter(|| {
                    let drawn = terminal.draw(|f| imdeck::ui::render(black_box(state), f));
                    black_box(drawn.is_ok())
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
