//! The safety rules of the incidents side, on the pure `update`: actions hit the highlighted incident, writes need `y`, Ctrl-C cancels.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{CommandOutput, Focus, Overlay};
use imdeck::app::{AppState, Effect, update};
use imdeck::domain::command::IncidentCommand;
use imdeck::domain::model::IncidentStatus;
use ratatui::crossterm::event::KeyCode;

fn filter(state: &mut AppState, text: &str) -> Vec<Effect> {
    let mut effects = update(state, key(KeyCode::Char('/')));
    effects.extend(update(state, ctrl('u')));
    effects.extend(typed(state, text));
    effects.extend(update(state, key(KeyCode::Enter)));
    effects
}

fn pending_target(state: &AppState) -> Option<String> {
    match &state.overlay {
        Overlay::Confirm(p) => p.line.command.incident_arn().map(str::to_string),
        Overlay::Prompt(p) => Some(p.arn.clone()),
        _ => None,
    }
}

#[test]
fn a_filter_moves_the_selection_and_the_timeline_with_the_highlight() {
    let mut state = loaded(false);
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT));
    let effects = filter(&mut state, "checkout");
    assert_eq!(state.incidents.selected_arn(), Some(INCIDENT_2));
    assert_eq!(state.timeline.arn.as_deref(), Some(INCIDENT_2));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::PollTimeline { arn, .. } if arn == INCIDENT_2)),
        "the highlighted incident's timeline is read: {effects:?}"
    );
    // Every one-key action now names the highlighted incident, never the one shown before the filter.
    for action in ['r', 'n', 'i', 'a', 'x'] {
        update(&mut state, key(KeyCode::Char(action)));
        assert_eq!(
            pending_target(&state).as_deref(),
            Some(INCIDENT_2),
            "action {action}"
        );
        update(&mut state, key(KeyCode::Esc));
        assert!(matches!(state.overlay, Overlay::None));
    }
}

#[test]
fn with_nothing_highlighted_every_action_is_refused_and_nothing_is_asked() {
    let mut state = loaded(false);
    filter(&mut state, "no incident has this title");
    assert_eq!(state.incidents.selected_arn(), None);
    assert_eq!(state.timeline.arn, None, "no timeline of a hidden incident");
    for action in ['r', 'n', 'i', 'a', 'x', 'e', 'd'] {
        let effects = update(&mut state, key(KeyCode::Char(action)));
        assert_eq!(effects, vec![], "action {action}");
        assert!(matches!(state.overlay, Overlay::None), "action {action}");
        assert!(
            matches!(&state.command.output, CommandOutput::Failed { message, .. } if message.contains("nothing was done")),
            "action {action}: {:?}",
            state.command.output
        );
    }
}

#[test]
fn enter_never_confirms_a_write_and_y_does() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('r')));
    update(&mut state, key(KeyCode::Enter)); // no resolution summary
    let Overlay::Confirm(pending) = &state.overlay else {
        panic!("a confirmation");
    };
    // The confirmation names the incident in words, from the command itself.
    assert_eq!(pending.what, "Resolve the incident");
    assert_eq!(
        pending.incident.as_ref().map(|i| i.title.as_str()),
        Some("Payment API latency")
    );
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    assert!(matches!(state.overlay, Overlay::Confirm(_)), "still asking");
    let effects = update(&mut state, key(KeyCode::Char('y')));
    assert!(matches!(
        effects.as_slice(),
        [Effect::RunCommand { line }] if matches!(&line.command,
            IncidentCommand::UpdateIncidentRecord { arn, status: Some(IncidentStatus::Resolved), .. } if arn == INCIDENT)
    ));
}

#[test]
fn ctrl_c_cancels_inputs_and_quits_only_when_none_is_open() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-response-plans");
    assert_eq!(update(&mut state, ctrl('c')), vec![]);
    assert_ne!(state.focus, Focus::Command, "the box is closed");
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-response-plans",
        "the line is kept for the next :"
    );
    update(&mut state, key(KeyCode::Char('n')));
    assert!(matches!(state.overlay, Overlay::Prompt(_)));
    assert_eq!(update(&mut state, ctrl('c')), vec![]);
    assert!(matches!(state.overlay, Overlay::None));
    update(&mut state, key(KeyCode::Char('r')));
    assert_eq!(update(&mut state, ctrl('c')), vec![]);
    assert!(matches!(state.overlay, Overlay::None));
    update(&mut state, key(KeyCode::Char('/')));
    assert_eq!(update(&mut state, ctrl('c')), vec![]);
    assert!(state.incidents.filter_input.is_none());
    assert_eq!(update(&mut state, ctrl('c')), vec![Effect::Quit]);
}

#[test]
fn a_reload_without_the_highlighted_incident_moves_the_timeline_to_the_new_highlight() {
    let mut state = loaded(false);
    let remaining: Vec<_> = incidents()
        .into_iter()
        .filter(|i| i.arn != INCIDENT)
        .collect();
    let generation = state.incidents.generation + 1;
    state.incidents.generation = generation;
    let effects = update(
        &mut state,
        imdeck::app::Msg::IncidentsLoaded {
            generation,
            result: Ok(remaining),
        },
    );
    let highlighted = state.incidents.selected_arn().map(str::to_string);
    assert!(highlighted.is_some());
    assert_ne!(highlighted.as_deref(), Some(INCIDENT));
    assert_eq!(state.timeline.arn, highlighted);
    assert!(effects.iter().any(
        |e| matches!(e, Effect::LoadIncidentRecord { arn } if Some(arn) == highlighted.as_ref())
    ));
}

#[test]
fn the_impact_prompt_steps_with_the_arrows_and_the_picker_with_j_and_k() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('i')));
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Down));
    let Overlay::Prompt(prompt) = &state.overlay else {
        panic!("the impact prompt");
    };
    assert_eq!(prompt.input.lines().join(""), "4", "2 → 3 → 4");
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char('s')));
    update(&mut state, key(KeyCode::Char('j')));
    assert!(matches!(state.overlay, Overlay::PlanPicker { selected: 1 }));
    update(&mut state, key(KeyCode::Char('k')));
    assert!(matches!(state.overlay, Overlay::PlanPicker { selected: 0 }));
}

#[test]
fn enter_opens_the_incident_view_of_the_highlighted_incident_and_esc_leaves_it() {
    let mut state = loaded(false);
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(state.incident_view.open);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadRelatedItems { arn } if arn == INCIDENT))
    );
    update(&mut state, key(KeyCode::Char('z')));
    assert!(state.zoom);
    update(&mut state, key(KeyCode::Esc));
    assert!(!state.incident_view.open);
    assert!(!state.zoom);
}
