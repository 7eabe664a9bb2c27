//! The dashboard drawn on a test terminal, and the drawn cells read back as text (rows joined by newlines).
#![allow(dead_code)]

use imdeck::app::AppState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// One frame of `state` on a `width`×`height` test terminal, as `ui::render` draws it.
pub fn draw(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    terminal
}

/// Every cell's symbol, a row a line.
pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The frame of `state` at that size, as text.
pub fn screen_text(state: &AppState, width: u16, height: u16) -> String {
    text_of(draw(state, width, height).backend().buffer())
}
