//! `P` on the channels pane: a confirmation naming the channel and its topics in words, one Probe effect on `y`,
//! nothing in read-only mode or on cancel, the verdicts in the output area; `p` still opens the pager there.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{CommandOutput, Focus, Overlay};
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::cloud_error::CloudError;
use imdeck::domain::probe::Publish;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn on_plan(read_only: bool, plan: &str) -> AppState {
    let mut state = loaded(read_only);
    for _ in 0..4 {
        if state.focus == Focus::Channels {
            break;
        }
        update(&mut state, key(KeyCode::Tab));
    }
    assert_eq!(state.focus, Focus::Channels);
    let index = state
        .setup
        .plans
        .iter()
        .position(|p| p.name == plan)
        .expect("the plan is listed");
    state.setup.channels_cursor = index;
    state
}

#[test]
fn p_shift_asks_in_words_then_probes_the_highlighted_plans_channel() {
    let mut state = on_plan(false, "test-response-plan-chat");
    assert!(update(&mut state, key(KeyCode::Char('P'))).is_empty());
    let Overlay::ConfirmProbe(target) = &state.overlay else {
        panic!("a confirmation opens: {:?}", state.overlay);
    };
    let target = (**target).clone();
    assert_eq!(
        target.topics,
        vec![
            topic_arn("us-east-2", "My_SNS_topic"),
            topic_arn("us-west-2", "im-chat-usw2")
        ]
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|frame| imdeck::ui::render(&state, frame))
        .expect("draw");
    // The popup's rows joined with spaces (its text wraps at word boundaries).
    let buffer = terminal.backend().buffer();
    let screen: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .replace('│', " ")
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "slack-incidents (#incidents)",
        "My_SNS_topic in us-east-2",
        "im-chat-usw2 in us-west-2",
        "send the probe",
    ] {
        assert!(screen.contains(words), "the popup says {words:?}: {screen}");
    }

    let effects = update(&mut state, key(KeyCode::Char('y')));
    assert_eq!(effects.len(), 1);
    let Effect::Probe {
        target: sent,
        sender,
    } = &effects[0]
    else {
        panic!("one probe effect: {effects:?}");
    };
    assert_eq!(*sent, target);
    assert!(sender.contains(ACCOUNT), "{sender}");
    assert!(matches!(state.overlay, Overlay::None));

    update(
        &mut state,
        Msg::ProbeFinished {
            target,
            published: vec![
                Publish {
                    topic_arn: topic_arn("us-east-2", "My_SNS_topic"),
                    outcome: Ok("msg-1".into()),
                },
                Publish {
                    topic_arn: topic_arn("us-west-2", "im-chat-usw2"),
                    outcome: Err(throttled()),
                },
            ],
        },
    );
    let CommandOutput::Text { body, .. } = &state.command.output else {
        panic!(
            "the verdicts are in the output area: {:?}",
            state.command.output
        );
    };
    assert!(body.contains("MessageId msg-1"), "{body}");
    assert!(body.contains("NOT published: Throttling"), "{body}");
    assert!(state.command.running.is_none());
}

#[test]
fn read_only_cancel_and_lowercase_p_send_nothing() {
    let mut state = on_plan(true, "test-response-plan-chat");
    assert!(update(&mut state, key(KeyCode::Char('P'))).is_empty());
    assert!(matches!(state.overlay, Overlay::None));
    assert!(
        matches!(&state.command.output, CommandOutput::Failed { message, .. } if message.contains("read-only")),
        "{:?}",
        state.command.output
    );

    let mut state = on_plan(false, "test-response-plan-chat");
    update(&mut state, key(KeyCode::Char('P')));
    assert!(update(&mut state, key(KeyCode::Esc)).is_empty());
    assert!(matches!(state.overlay, Overlay::None));

    // `p` keeps its global meaning (the pager) on this pane: the probe is `P`.
    let mut state = on_plan(false, "test-response-plan-chat");
    let effects = update(&mut state, key(KeyCode::Char('p')));
    assert!(effects.iter().all(|e| !matches!(e, Effect::Probe { .. })));
    assert!(!matches!(state.overlay, Overlay::ConfirmProbe(_)));
}

#[test]
fn a_plan_without_a_channel_says_so_and_asks_nothing() {
    let mut state = on_plan(false, "plan-without-channel");
    assert!(update(&mut state, key(KeyCode::Char('P'))).is_empty());
    assert!(matches!(state.overlay, Overlay::None));
    assert!(matches!(state.command.output, CommandOutput::Failed { .. }));
}

fn throttled() -> CloudError {
    CloudError::Throttled {
        code: "Throttling".into(),
        message: "Rate exceeded".into(),
    }
}
