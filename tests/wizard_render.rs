//! Snapshots of the setup wizard at 80×24 and 160×48 (a policy diff, a channel's list diff, a manual step, a step applied and green, the y/n, read-only), plus colour asserts on the diff's marks.

#[path = "support/demo.rs"]
mod demo;
#[path = "wizard_support/fixture.rs"]
mod fixture;
#[path = "support/screen.rs"]
mod screen;
#[path = "audit_support/snapshots.rs"]
mod snapshots;

use fixture::*;
use imdeck::app::{AppState, Effect, update};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use screen::draw;

fn both_sizes(name: &str, state: &AppState) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(state, 80, 24).backend());
    insta::assert_snapshot!(format!("{name}_160x48"), draw(state, 160, 48).backend());
}

fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The foreground colour of the first cell of the first row that starts, after the border, with `prefix`.
fn colour_of_row(buffer: &Buffer, prefix: &str) -> Option<Color> {
    let area = buffer.area;
    rows(buffer).iter().enumerate().find_map(|(y, row)| {
        let at = row.find(prefix)?;
        let x = row[..at].chars().count() as u16;
        (x < area.width).then(|| buffer[(x, y as u16)].fg)
    })
}

/// The one line the first step changes, as the diff marks it.
const REMOVED: &str = "-           \"AWS:SourceAccount\": \"444455556666\"";
const ADDED: &str = "+           \"AWS:SourceAccount\": \"111122223333\"";

#[test]
fn a_policy_diff_step() {
    let mut state = opened(false);
    both_sizes("wizard_policy_diff", &state);
    // The changed line is marked `-`/`+` and coloured red/green.
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let text = rows(buffer).join("\n");
    assert!(text.contains(REMOVED) && text.contains(ADDED), "{text}");
    assert_eq!(colour_of_row(buffer, REMOVED), Some(Color::Red));
    assert_eq!(colour_of_row(buffer, ADDED), Some(Color::Green));
    // On 80×24 the diff is one page down.
    press_key(&mut state, KeyCode::PageDown);
    let terminal = draw(&state, 80, 24);
    insta::assert_snapshot!("wizard_policy_diff_scrolled_80x24", terminal.backend());
    let text = rows(terminal.backend().buffer()).join("\n");
    assert!(text.contains(REMOVED) && text.contains(ADDED), "{text}");
}

#[test]
fn without_colour_the_marks_still_say_what_changes() {
    let mut state = opened(false);
    state.color = false;
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let text = rows(buffer).join("\n");
    assert!(text.contains(REMOVED) && text.contains(ADDED), "{text}");
    assert!(
        text.contains("✗ Replace the wrong"),
        "the step's check mark: {text}"
    );
    assert_eq!(colour_of_row(buffer, ADDED), Some(Color::Reset));
}

#[test]
fn a_channel_list_diff_step() {
    let mut state = opened(false);
    select(&mut state, "Microsoft Teams configuration partner-bridge");
    both_sizes("wizard_channel_diff", &state);
}

#[test]
fn a_manual_step_with_its_settings() {
    let mut state = opened(false);
    select(
        &mut state,
        "Give response plan batch-jobs-plan a chat channel",
    );
    both_sizes("wizard_manual", &state);
}

#[test]
fn the_confirmation_shows_what_will_be_written() {
    let mut state = opened(false);
    press_key(&mut state, KeyCode::Enter);
    both_sizes("wizard_confirm", &state);
}

#[test]
fn apply_all_lists_every_step_once() {
    let mut state = opened(false);
    press(&mut state, 'A');
    insta::assert_snapshot!("wizard_confirm_all_160x48", draw(&state, 160, 48).backend());
}

#[test]
fn after_apply_the_step_is_green() {
    let mut state = opened(false);
    let step = selected_step(&state);
    press_key(&mut state, KeyCode::Enter);
    let effects = press(&mut state, 'y');
    let Some(Effect::ApplySetupStep { generation, .. }) = effects.first() else {
        panic!("no write asked: {effects:?}");
    };
    update(&mut state, applied_ok(*generation, step, partner_fixed()));
    both_sizes("wizard_applied", &state);
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    assert_eq!(colour_of_row(buffer, "✓ [applied]"), Some(Color::Green));
}

#[test]
fn read_only_shows_the_plan_and_the_refusal() {
    let mut state = opened(true);
    press_key(&mut state, KeyCode::Enter);
    both_sizes("wizard_read_only", &state);
}

/// The wizard's `[y] write it` / `[n] cancel` are buttons: a click where each is drawn presses its key.
#[test]
fn the_wizard_confirmations_buttons_are_clicked_where_they_are_drawn() {
    use imdeck::app::Msg;
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut state = opened(false);
    press_key(&mut state, KeyCode::Enter);
    update(
        &mut state,
        Msg::Resized {
            width: 160,
            height: 48,
        },
    );
    assert!(state.wizard.pending.is_some());
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let at = |text: &str| {
        rows(buffer)
            .iter()
            .enumerate()
            .find_map(|(y, row)| {
                row.find(text)
                    .map(|byte| (row[..byte].chars().count() as u16, y as u16))
            })
            .unwrap_or_else(|| panic!("no `{text}` drawn"))
    };
    let click = |state: &mut AppState, (column, row): (u16, u16)| {
        let msg = imdeck::ui::hit::mouse_msg(
            state,
            MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: KeyModifiers::NONE,
            },
        );
        update(state, msg)
    };
    let (x, y) = at("[n] cancel");
    let mut cancelled = state.clone();
    assert_eq!(click(&mut cancelled, (x + 5, y)), vec![]);
    assert!(cancelled.wizard.pending.is_none(), "cancelled");

    let (x, y) = at("[y] write it");
    let mut by_key = state.clone();
    let keyed = press(&mut by_key, 'y');
    let clicked = click(&mut state, (x + 1, y));
    assert!(
        matches!(clicked.as_slice(), [Effect::ApplySetupStep { .. }, ..]),
        "{clicked:?}"
    );
    assert_eq!(clicked, keyed);
}

#[test]
fn the_list_explains_the_dot_and_a_second_topic_in_a_region_says_why() {
    let mut state = opened(false);
    let text = rows(draw(&state, 160, 48).backend().buffer()).join("\n");
    assert!(
        text.contains("· no check fails for this step now"),
        "the · mark is explained:\n{text}"
    );
    let plan = state.wizard.plan.clone().expect("a plan");
    let snapshot = state.setup.snapshot.clone().expect("a snapshot");
    // A topic created in a Region that already has an Incident Manager topic.
    let step = plan
        .steps
        .iter()
        .find(|s| match &s.action {
            imdeck::domain::setup_plan::StepAction::Change(p) => match &p.change {
                imdeck::domain::setup_plan::Change::CreateTopic { topic_arn, .. } => {
                    let region = imdeck::domain::snapshot::query::region_of_arn(topic_arn);
                    imdeck::domain::snapshot::query::incident_manager_topics_in(&snapshot, region)
                        .iter()
                        .any(|t| t != topic_arn)
                }
                _ => false,
            },
            _ => false,
        })
        .expect("the demo plans a second topic in a Region")
        .clone();
    select(&mut state, &step.title);
    let terminal = draw(&state, 160, 48);
    let text = rows(terminal.backend().buffer()).join("\n");
    assert!(text.contains("Why another topic in this Region"), "{text}");
    assert!(text.contains("AWS Chatbot posts a"), "{text}");
    insta::assert_snapshot!("wizard_second_topic_160x48", terminal.backend());
}
