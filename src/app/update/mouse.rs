//! The mouse: a click focuses the pane under it and selects the row clicked or presses a confirmation's button, the wheel scrolls what is under it or what has the keys. Hit-tested against `ui::layout`, the layout render draws.

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::super::effect::Effect;
use super::super::keymap::{Action, KeyCombo, Section};
use super::super::state::{AppState, Focus, Overlay};
use super::{incidents, keys, timeline};
use crate::ui::{self, layout};

/// The screen as `update` knows it: the last size the terminal reported.
fn screen(state: &AppState) -> Rect {
    Rect::new(0, 0, state.viewport.0, state.viewport.1)
}

pub fn used(state: &mut AppState, event: MouseEvent) -> Vec<Effect> {
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => clicked(state, event.column, event.row),
        MouseEventKind::ScrollDown => wheel(state, event.column, event.row, Action::Down),
        MouseEventKind::ScrollUp => wheel(state, event.column, event.row, Action::Up),
        _ => Vec::new(),
    }
}

/// The dashboard's panes take the mouse only while a pane has the keys: a text field, a popup or a
/// confirmation keeps them, so a stray click can neither lose typed text nor dismiss a question.
fn on_a_pane(state: &AppState) -> bool {
    matches!(
        state.key_section(),
        Section::Checklist | Section::Channels | Section::Incidents | Section::Timeline
    )
}

fn clicked(state: &mut AppState, column: u16, row: u16) -> Vec<Effect> {
    if state.key_section() == Section::Confirm {
        return match button_at(state, column, row) {
            Some(action) => press(state, Section::Confirm, action),
            None => Vec::new(),
        };
    }
    if !on_a_pane(state) {
        return Vec::new();
    }
    let Some((pane, area)) = layout::pane_at(state, screen(state), column, row) else {
        return Vec::new();
    };
    // The row is found on the screen as it was drawn, before the focus moves (on a small screen, focusing
    // the timeline gives it the incident list's rows too).
    let target = match pane {
        Focus::Incidents => ui::incidents::row_at(state, area, row),
        Focus::Timeline => ui::timeline::event_at(state, area, row),
        Focus::Checklist => ui::checklist::row_at(state, area, row),
        Focus::Channels => ui::channels::plan_at(state, area, row),
        Focus::Command => None,
    };
    state.focus = pane;
    state.last_pane = pane;
    let Some(at) = target else {
        return Vec::new();
    };
    match pane {
        Focus::Incidents => incidents::move_cursor(state, at),
        Focus::Timeline => timeline::move_cursor(state, at),
        Focus::Checklist => {
            state.setup.checklist_cursor = at;
            Vec::new()
        }
        Focus::Channels => {
            state.setup.channels_cursor = at;
            Vec::new()
        }
        Focus::Command => Vec::new(),
    }
}

/// One line per notch, through the same key path as the effective keymap's up/down (so a rebound key and
/// the wheel cannot disagree): over a pane, that pane is focused first; elsewhere what has the keys scrolls.
fn wheel(state: &mut AppState, column: u16, row: u16, action: Action) -> Vec<Effect> {
    if on_a_pane(state)
        && let Some((pane, _)) = layout::pane_at(state, screen(state), column, row)
    {
        state.focus = pane;
        state.last_pane = pane;
    }
    let section = state.key_section();
    let scrolls = matches!(
        section,
        Section::Checklist
            | Section::Channels
            | Section::Incidents
            | Section::Timeline
            | Section::Incident
            | Section::Popup
            | Section::Pager
            | Section::Wizard
            | Section::Picker
    );
    if !scrolls {
        return Vec::new();
    }
    press(state, section, action)
}

/// The confirmation button under a click: the wizard's y/n, or a command's.
fn button_at(state: &AppState, column: u16, row: u16) -> Option<Action> {
    let area = screen(state);
    let rects = match (&state.overlay, &state.wizard.pending) {
        (Overlay::Confirm(pending), _) => ui::popups::confirm_button_rects(state, area, pending),
        (Overlay::None, Some(pending)) if state.wizard.open => {
            ui::wizard::confirm::button_rects(state, area, pending)
        }
        _ => Vec::new(),
    };
    rects
        .into_iter()
        .find(|(_, r)| r.contains(Position { x: column, y: row }))
        .map(|(action, _)| action)
}

/// Presses the effective keymap's first key for an action: the mouse takes exactly the path a key would, so a
/// button and its key cannot do different things. Nothing when the action has no key.
fn press(state: &mut AppState, section: Section, action: Action) -> Vec<Effect> {
    let Some(combo) = state
        .keymap
        .key_for(section, action)
        .and_then(|k| KeyCombo::parse(k).ok())
    else {
        return Vec::new();
    };
    keys::key_pressed(state, KeyEvent::new(combo.code, combo.modifiers))
}
