//! Keys to intents: the keymap picks an `Action` for the section that has the keys, and each section acts on it.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::app::effect::Effect;
use crate::app::keymap::{Action, Section};
use crate::app::state::command_box::new_input;
use crate::app::state::{AppState, DetailTarget, Focus, Overlay};

use super::movement::step;
use super::{
    actions, command, incident_view, incidents, lifecycle, line_edit, pager, probe, setup,
    timeline, wizard,
};

pub fn key_pressed(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let section = state.key_section();
    let action = state.keymap.action(section, &key);
    match section {
        Section::Popup => popup_key(state, action),
        Section::Confirm if state.wizard.open && matches!(state.overlay, Overlay::None) => {
            wizard::confirm_key(state, action)
        }
        Section::Confirm if matches!(state.overlay, Overlay::ConfirmProbe(_)) => {
            probe::confirm_key(state, action)
        }
        Section::Confirm => command::confirm_key(state, action),
        Section::Wizard => wizard::key(state, action),
        Section::Prompt => actions::prompt_key(state, action, key),
        Section::Picker => actions::picker_key(state, action),
        Section::Incident => action
            .map(|a| incident_view::key(state, a).unwrap_or_else(|| pane_action(state, a)))
            .unwrap_or_default(),
        Section::Filter => filter_key(state, action, key),
        Section::Command => command::key(state, action, key),
        Section::Pager => pager::key(state, action),
        Section::PagerSearch => pager::search_key(state, action, key),
        Section::Global
        | Section::Checklist
        | Section::Channels
        | Section::Incidents
        | Section::Timeline => action.map(|a| pane_action(state, a)).unwrap_or_default(),
    }
}

/// A paste goes to the text field that has focus, as one line.
pub fn pasted(state: &mut AppState, text: &str) -> Vec<Effect> {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if state.wizard.open {
        return Vec::new();
    }
    match &mut state.overlay {
        Overlay::Prompt(prompt) => {
            prompt.input.insert_str(&flat);
        }
        Overlay::None if state.focus == Focus::Command => {
            // The menu's idea of the line is stale once text is pasted into it.
            state.command.menu = None;
            state.command.input.insert_str(&flat);
        }
        Overlay::None if state.incidents.filter_input.is_some() => {
            if let Some(input) = &mut state.incidents.filter_input {
                input.insert_str(&flat);
            }
            state.incidents.apply_filter();
            return incidents::follow_highlight(state);
        }
        _ => {}
    }
    Vec::new()
}

fn cycle_focus(state: &mut AppState, step: isize) {
    let panes = Focus::PANES;
    let current = panes.iter().position(|f| *f == state.focus).unwrap_or(0) as isize;
    let next = (current + step).rem_euclid(panes.len() as isize) as usize;
    state.focus = panes[next];
    state.last_pane = state.focus;
}

pub fn pane_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => vec![Effect::Quit],
        Action::FocusNext => {
            cycle_focus(state, 1);
            Vec::new()
        }
        Action::FocusPrev => {
            cycle_focus(state, -1);
            Vec::new()
        }
        Action::Help => {
            state.overlay = Overlay::Help { scroll: 0 };
            Vec::new()
        }
        Action::Command => {
            state.last_pane = state.focus;
            state.focus = Focus::Command;
            Vec::new()
        }
        Action::Refresh => lifecycle::refresh_all(state),
        Action::SetupWizard => wizard::open(state),
        Action::ToggleUtc => {
            state.utc = !state.utc;
            Vec::new()
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => navigate(state, action),
        Action::OpenDetail => {
            open_detail(state);
            Vec::new()
        }
        Action::OpenIncident => incident_view::open(state),
        Action::Zoom => incident_view::toggle_zoom(state),
        Action::OpenUrl => Vec::new(),
        Action::FoldPassing => {
            state.setup.toggle_passing();
            Vec::new()
        }
        Action::Filter => {
            let mut input = new_input("title, plan or ARN");
            input.insert_str(&state.incidents.filter);
            state.incidents.filter_input = Some(input);
            Vec::new()
        }
        Action::AddNote
        | Action::SetImpact
        | Action::ToggleResolved
        | Action::AddRelatedItem
        | Action::StartIncident
        | Action::Export
        | Action::EditEvent
        | Action::DeleteEvent => actions::start(state, action),
        Action::OpenPager | Action::ClearOutput => pager::pane_action(state, action),
        Action::Probe => probe::start(state),
        Action::NextAccount => next_account(state),
        Action::Submit
        | Action::Leave
        | Action::HistoryPrev
        | Action::HistoryNext
        | Action::HistorySearch
        | Action::Complete
        | Action::CompleteBack
        | Action::AcceptCorrection
        | Action::CopyLine
        | Action::Confirm
        | Action::ApplyStep
        | Action::ApplyAll
        | Action::ToggleGuardrail
        | Action::Search
        | Action::NextMatch
        | Action::PrevMatch
        | Action::CopyOutput
        | Action::ScrollLeft
        | Action::ScrollRight
        | Action::CopyFix => Vec::new(),
    }
}

/// The runtime owns the accounts, so the switch is an effect; with one account the key does nothing.
fn next_account(state: &AppState) -> Vec<Effect> {
    match &state.account {
        Some(position) if position.total > 1 => vec![Effect::SwitchAccount],
        _ => Vec::new(),
    }
}

fn navigate(state: &mut AppState, action: Action) -> Vec<Effect> {
    let page = timeline::page_rows(state);
    match state.focus {
        Focus::Checklist => {
            let len = state.setup.checklist_len();
            state.setup.checklist_cursor = step(action, state.setup.checklist_cursor, len, page);
            Vec::new()
        }
        Focus::Channels => {
            let len = state.setup.plans.len();
            state.setup.channels_cursor = step(action, state.setup.channels_cursor, len, page);
            Vec::new()
        }
        Focus::Incidents => {
            let to = step(
                action,
                state.incidents.cursor(),
                state.incidents.visible.len(),
                page,
            );
            incidents::move_cursor(state, to)
        }
        Focus::Timeline => {
            let to = step(action, state.timeline.cursor, state.timeline.len(), page);
            timeline::move_cursor(state, to)
        }
        Focus::Command => Vec::new(),
    }
}

fn open_detail(state: &mut AppState) {
    let target = match state.focus {
        Focus::Checklist => {
            let cursor = state.setup.checklist_cursor;
            let regions = state.setup.shown_regions.len();
            if cursor < regions {
                state
                    .setup
                    .region_at(cursor)
                    .map(|row| DetailTarget::Region(row.region.clone()))
            } else {
                state
                    .setup
                    .general
                    .get(cursor - regions)
                    .map(|&i| DetailTarget::Check(i))
            }
        }
        Focus::Channels => (state.setup.channels_cursor < state.setup.plans.len())
            .then_some(DetailTarget::Plan(state.setup.channels_cursor)),
        Focus::Timeline => state
            .timeline
            .at_cursor()
            .map(|row| DetailTarget::Event(row.summary.event_id.clone())),
        _ => None,
    };
    if let Some(target) = target {
        setup::detail_opened(state);
        state.overlay = Overlay::Detail { target, scroll: 0 };
    }
}

fn popup_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    if let Overlay::PlanPicker { .. } = state.overlay {
        return Vec::new();
    }
    let scroll = match &mut state.overlay {
        Overlay::Help { scroll } | Overlay::Detail { scroll, .. } => scroll,
        _ => return Vec::new(),
    };
    match action {
        Some(Action::Quit) => return vec![Effect::Quit],
        Some(Action::Leave) => state.overlay = Overlay::None,
        Some(Action::Help) => {
            state.overlay = match state.overlay {
                Overlay::Help { .. } => Overlay::None,
                _ => Overlay::Help { scroll: 0 },
            }
        }
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
        Some(action @ (Action::ScrollLeft | Action::ScrollRight | Action::CopyFix)) => {
            return setup::detail_key(state, action);
        }
        _ => {}
    }
    Vec::new()
}

fn filter_key(state: &mut AppState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    match action {
        Some(Action::Submit) => {
            state.incidents.filter = state.incidents.current_filter();
            state.incidents.filter_input = None;
        }
        Some(Action::Leave) => {
            state.incidents.filter.clear();
            state.incidents.filter_input = None;
        }
        _ => {
            if let Some(input) = &mut state.incidents.filter_input {
                line_edit::edit(input, key);
            }
        }
    }
    state.incidents.apply_filter();
    incidents::follow_highlight(state)
}
