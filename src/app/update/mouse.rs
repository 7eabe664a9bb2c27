//! The mouse: a click focuses the pane under it and selects the row clicked or presses a confirmation's button, the wheel scrolls what is under it or what has the keys. What is under the pointer comes with the event (`Hit`, found by `ui` on the frame drawn).

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::super::effect::Effect;
use super::super::hit::Hit;
use super::super::keymap::{Action, KeyCombo, Section};
use super::super::state::{AppState, Focus};
use super::{incidents, keys, timeline};

pub fn used(state: &mut AppState, event: MouseEvent, hit: Hit) -> Vec<Effect> {
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => clicked(state, hit),
        MouseEventKind::ScrollDown => wheel(state, hit, Action::Down),
        MouseEventKind::ScrollUp => wheel(state, hit, Action::Up),
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

fn clicked(state: &mut AppState, hit: Hit) -> Vec<Effect> {
    if state.key_section() == Section::Confirm {
        return match hit.button {
            Some(action) => press(state, Section::Confirm, action),
            None => Vec::new(),
        };
    }
    if !on_a_pane(state) {
        return Vec::new();
    }
    let Some((pane, target)) = hit.pane else {
        return Vec::new();
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
fn wheel(state: &mut AppState, hit: Hit, action: Action) -> Vec<Effect> {
    if on_a_pane(state)
        && let Some((pane, _)) = hit.pane
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
