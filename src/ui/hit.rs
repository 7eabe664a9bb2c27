//! Hit-testing: which pane, row or button the frame drew at a point, from the same layout and row geometry render uses.

use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::{Position, Rect};

use crate::app::Msg;
use crate::app::hit::Hit;
use crate::app::state::{AppState, Focus, Overlay};

use super::{channels, checklist, incidents, layout, popups, timeline, wizard};

/// The mouse event as `update` takes it: with what was drawn under it. Found before `update` moves the focus
/// (on a small screen, focusing the timeline gives it the incident list's rows too).
pub fn mouse_msg(state: &AppState, event: MouseEvent) -> Msg {
    Msg::MouseUsed {
        event,
        hit: hit(state, event.column, event.row),
    }
}

pub fn hit(state: &AppState, column: u16, row: u16) -> Hit {
    let screen = Rect::new(0, 0, state.viewport.0, state.viewport.1);
    let pane = layout::pane_at(state, screen, column, row).map(|(pane, area)| {
        let at = match pane {
            Focus::Incidents => incidents::row_at(state, area, row),
            Focus::Timeline => timeline::event_at(state, area, row),
            Focus::Checklist => checklist::row_at(state, area, row),
            Focus::Channels => channels::plan_at(state, area, row),
            Focus::Command => None,
        };
        (pane, at)
    });
    let buttons = match (&state.overlay, &state.wizard.pending) {
        (Overlay::Confirm(pending), _) => popups::confirm_button_rects(state, screen, pending),
        (Overlay::None, Some(pending)) if state.wizard.open => {
            wizard::confirm::button_rects(state, screen, pending)
        }
        _ => Vec::new(),
    };
    let button = buttons
        .into_iter()
        .find(|(_, r)| r.contains(Position { x: column, y: row }))
        .map(|(action, _)| action);
    Hit { pane, button }
}
