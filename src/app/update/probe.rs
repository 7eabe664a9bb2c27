//! `P` on the channels pane: probe the highlighted plan's chat channel, after a confirmation that names the
//! channel and every topic in words; the per-Region verdicts land in the output area.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::{AppState, Focus, Overlay};
use crate::domain::probe::{ProbeTarget, Publish, render_text, resolve_target, row};

const TITLE: &str = "probe";

fn fail(state: &mut AppState, message: impl Into<String>) -> Vec<Effect> {
    state.command.output = CommandOutput::Failed {
        title: TITLE.into(),
        message: message.into(),
    };
    Vec::new()
}

/// The key: read-only refuses here, before any effect exists; otherwise the target comes from the highlighted
/// row, the one selection the pane shows, and the confirmation is rendered from that same target.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    if state.focus != Focus::Channels {
        return Vec::new();
    }
    if state.header.read_only {
        return fail(
            state,
            "read-only mode: a probe publishes (sns:Publish) and is refused (no request was made)",
        );
    }
    let Some(plan) = state.setup.plans.get(state.setup.channels_cursor) else {
        return fail(state, "no response plan is highlighted: nothing was sent");
    };
    let plan_arn = plan.arn.clone();
    let Some(snapshot) = &state.setup.snapshot else {
        return fail(
            state,
            "the setup snapshot has not loaded yet: nothing was sent",
        );
    };
    match resolve_target(snapshot, None, Some(&plan_arn)) {
        Ok(target) => {
            state.overlay = Overlay::ConfirmProbe(Box::new(target));
            Vec::new()
        }
        Err(e) => fail(state, format!("{e}: nothing was sent")),
    }
}

pub fn confirm_key(state: &mut AppState, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Confirm) => match std::mem::take(&mut state.overlay) {
            Overlay::ConfirmProbe(target) => {
                state.command.running = Some((TITLE.to_string(), state.now));
                let sender = format!(
                    "imdeck ({}, account {})",
                    state.header.profile_or_sandbox, state.header.account
                );
                vec![Effect::Probe {
                    target: *target,
                    sender,
                }]
            }
            other => {
                state.overlay = other;
                Vec::new()
            }
        },
        Some(Action::Leave) => {
            state.overlay = Overlay::None;
            state.command.output = CommandOutput::Text {
                title: "cancelled".into(),
                body: "no probe was sent".into(),
            };
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Publishes done: each topic's MessageId (or error) beside the subscription and policy verdicts of the
/// snapshot on screen.
pub fn finished(state: &mut AppState, target: ProbeTarget, published: Vec<Publish>) -> Vec<Effect> {
    state.command.running = None;
    let Some(snapshot) = &state.setup.snapshot else {
        return fail(
            state,
            "the setup snapshot is gone; the probe's results cannot be judged",
        );
    };
    let rows: Vec<_> = published
        .into_iter()
        .map(|publish| row(snapshot, publish))
        .collect();
    state.command.output = CommandOutput::Text {
        title: TITLE.into(),
        body: render_text(&target, &rows),
    };
    Vec::new()
}
