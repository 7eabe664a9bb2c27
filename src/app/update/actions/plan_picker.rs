//! The response plan picker of "start incident": choosing a plan, whose template gives the title and impact asked for next.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_box::new_input;
use crate::app::state::{AppState, Overlay, Prompt, PromptKind};
use crate::app::update::movement;

/// The response plan picker: j/k or ↑/↓ move, Enter shows the start command for confirmation.
pub fn picker_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    let Overlay::PlanPicker { selected } = &mut state.overlay else {
        return Vec::new();
    };
    let plans: Vec<String> = state
        .setup
        .plans
        .iter()
        .filter(|p| p.read_error.is_none())
        .map(|p| p.arn.clone())
        .collect();
    match action {
        Some(Action::Leave) => state.overlay = Overlay::None,
        Some(Action::Submit) => {
            let plan = plans.get(*selected).cloned();
            state.overlay = Overlay::None;
            if let Some(plan_arn) = plan {
                // The plan's own title is the default, as StartIncident without --title would use it.
                let (name, template) = plan_template(state, &plan_arn);
                let mut input = new_input("");
                input.insert_str(template.map(|(title, _)| title).unwrap_or_default());
                state.overlay = Overlay::Prompt(Box::new(Prompt {
                    kind: PromptKind::StartTitle,
                    arn: plan_arn,
                    title: name,
                    input,
                    error: None,
                }));
            }
        }
        Some(step @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
            *selected = movement::step(step, *selected, plans.len(), 1);
        }
        _ => {}
    }
    Vec::new()
}

/// The plan's name as listed, and its template's title and impact when the snapshot has read the plan.
pub(super) fn plan_template(state: &AppState, plan_arn: &str) -> (String, Option<(String, i32)>) {
    let name = state
        .setup
        .plans
        .iter()
        .find(|p| p.arn == plan_arn)
        .map_or_else(|| plan_arn.to_string(), |p| p.name.clone());
    let template = state
        .setup
        .snapshot
        .as_ref()
        .and_then(|s| s.plans.as_ref().ok())
        .and_then(|plans| {
            plans
                .iter()
                .filter_map(|p| p.as_ref().ok())
                .find(|p| p.arn == plan_arn)
        })
        .map(|p| {
            (
                p.incident_template.title.clone(),
                p.incident_template.impact,
            )
        });
    (name, template)
}
