//! Rendering: a pure function of `&AppState` into a frame; the layout lives here, each pane in its own file.
pub mod theme;
use crate::app::AppState;
use ratatui::Frame;
pub fn render(_state: &AppState, _frame: &mut Frame) {}
