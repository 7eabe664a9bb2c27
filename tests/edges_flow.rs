//! The responder's and auditor's edges in the TUI, driven through `update` and drawn: read-only wording and
//! footer, the header when little is known, starting and resolving with words, editing an event's text.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{CommandOutput, Overlay, PromptKind};
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::command::{IncidentCommand, READ_ONLY_REFUSAL};
use imdeck::domain::model::IncidentStatus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn screen(state: &AppState, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn a_read_only_refusal_names_the_flag_once_and_the_footer_offers_no_write() {
    let mut state = loaded(true);
    update(&mut state, key(KeyCode::Char('n')));
    match &state.command.output {
        CommandOutput::Failed { title, message } => {
            assert_eq!(message, READ_ONLY_REFUSAL);
            assert!(!title.contains("read-only"), "{title}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let lines = screen(&state, 160, 48);
    let all = lines.join("\n");
    assert!(all.contains(READ_ONLY_REFUSAL), "{all}");
    assert!(!all.contains("read-only: read-only"), "{all}");
    let footer = lines.last().expect("footer");
    for write in [" note", " impact", " resolve", " start", " edit", " delete"] {
        assert!(!footer.contains(write), "{write} offered in: {footer}");
    }
    assert!(
        footer.contains(" open") || footer.contains(" event"),
        "{footer}"
    );
    // Outside read-only mode the same footer offers the note.
    let writable = loaded(false);
    let footer = screen(&writable, 160, 48).pop().expect("footer");
    assert!(footer.contains(" note"), "{footer}");
}

#[test]
fn after_a_load_that_names_no_account_the_header_says_so() {
    let mut state = started(false);
    state.header.account.clear();
    let before = screen(&state, 120, 10).remove(0);
    assert!(before.contains("account …"), "{before}");
    let generation = state.setup.generation;
    let mut empty = snapshot();
    empty.account.clear();
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(empty),
            checks: Vec::new(),
        },
    );
    let after = screen(&state, 120, 10).remove(0);
    assert!(after.contains("account not known"), "{after}");
    assert!(matches!(state.overlay, Overlay::None));
}

fn confirmed(state: &AppState) -> &imdeck::app::state::PendingCommand {
    match &state.overlay {
        Overlay::Confirm(p) => p,
        other => panic!("no confirmation: {other:?}"),
    }
}

fn prompt_text(state: &AppState) -> String {
    match &state.overlay {
        Overlay::Prompt(p) => p.input.lines().join(" "),
        other => panic!("no prompt: {other:?}"),
    }
}

fn clear_prompt(state: &mut AppState) {
    for _ in 0..200 {
        update(state, key(KeyCode::Backspace));
    }
}

#[test]
fn e_edits_a_custom_event_as_n_takes_it_without_the_stored_quotes() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Tab));
    update(&mut state, key(KeyCode::Char('k')));
    update(&mut state, key(KeyCode::Char('k'))); // e3, stored as "\"Rolled back payments-api to v41\""
    update(&mut state, key(KeyCode::Char('e')));
    assert_eq!(prompt_text(&state), "Rolled back payments-api to v41");
    typed(&mut state, " (v40 next)");
    update(&mut state, key(KeyCode::Enter));
    match &confirmed(&state).line.command {
        IncidentCommand::UpdateTimelineEvent { event_data, .. } => assert_eq!(
            event_data.as_deref(),
            Some("Rolled back payments-api to v41 (v40 next)"),
            "stored as plain text, as a note is"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn s_asks_the_title_and_impact_and_sends_them_as_start_incident_overrides() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('s')));
    assert!(matches!(state.overlay, Overlay::PlanPicker { .. }));
    update(&mut state, key(KeyCode::Enter));
    let plan_arn = match &state.overlay {
        Overlay::Prompt(p) => {
            assert_eq!(p.kind, PromptKind::StartTitle);
            p.arn.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(
        prompt_text(&state).ends_with(" incident"),
        "the plan's title is the default"
    );
    clear_prompt(&mut state);
    update(&mut state, key(KeyCode::Enter));
    assert!(
        matches!(&state.overlay, Overlay::Prompt(p) if p.error.is_some()),
        "a title is needed"
    );
    typed(&mut state, "Checkout 5xx after deploy");
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(prompt_text(&state), "3", "the plan's impact is the default");
    update(&mut state, key(KeyCode::Up));
    assert_eq!(prompt_text(&state), "2");
    update(&mut state, key(KeyCode::Enter));
    let pending = confirmed(&state);
    assert_eq!(
        pending.line.command,
        IncidentCommand::StartIncident {
            response_plan_arn: plan_arn,
            title: Some("Checkout 5xx after deploy".into()),
            impact: Some(2),
            related_items: Vec::new(),
            trigger_details: None,
            client_token: None,
        }
    );
    assert!(
        pending.shown.contains("--title") && pending.shown.contains("--impact 2"),
        "{}",
        pending.shown
    );
    let effects = update(&mut state, key(KeyCode::Char('y')));
    assert!(effects.iter().any(|e| matches!(e, Effect::RunCommand { line } if matches!(line.command, IncidentCommand::StartIncident { .. }))));
}

#[test]
fn r_takes_an_optional_resolution_summary_written_as_a_note_after_the_resolve() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('r')));
    assert!(matches!(&state.overlay, Overlay::Prompt(p) if p.kind == PromptKind::Resolution));
    update(&mut state, key(KeyCode::Enter));
    let pending = confirmed(&state);
    assert!(pending.then.is_none(), "enter alone: no summary, no note");
    assert!(matches!(
        pending.line.command,
        IncidentCommand::UpdateIncidentRecord {
            status: Some(IncidentStatus::Resolved),
            ..
        }
    ));
    update(&mut state, key(KeyCode::Esc));

    update(&mut state, key(KeyCode::Char('r')));
    typed(&mut state, "Rolled back; cache warmed");
    update(&mut state, key(KeyCode::Enter));
    assert!(confirmed(&state).what.contains("Rolled back; cache warmed"));
    let effects = update(&mut state, key(KeyCode::Char('y')));
    let Some(Effect::RunCommand { line: resolve }) = effects
        .into_iter()
        .find(|e| matches!(e, Effect::RunCommand { .. }))
    else {
        panic!("the resolve runs first");
    };
    assert!(matches!(
        resolve.command,
        IncidentCommand::UpdateIncidentRecord { .. }
    ));
    let after = update(
        &mut state,
        Msg::CommandFinished {
            line: resolve,
            result: Ok(serde_json::json!({})),
        },
    );
    let note = after.iter().find_map(|e| match e {
        Effect::RunCommand { line } => Some(line.command.clone()),
        _ => None,
    });
    match note {
        Some(IncidentCommand::CreateTimelineEvent {
            event_data,
            event_type,
            ..
        }) => {
            assert_eq!(event_type, "Custom Event");
            assert_eq!(event_data, "Resolution summary: Rolled back; cache warmed");
        }
        other => panic!("the note follows the resolve: {other:?}"),
    }
}

#[test]
fn a_custom_endpoint_is_named_in_the_header_as_the_sandbox_is() {
    let mut state = loaded(false);
    state.header.profile_or_sandbox = "profile prod".into();
    state.header.endpoint = Some("http://127.0.0.1:4566".into());
    let top = screen(&state, 160, 10).remove(0);
    assert!(top.contains("[ENDPOINT http://127.0.0.1:4566]"), "{top}");
    state.header.endpoint = None;
    let top = screen(&state, 160, 10).remove(0);
    assert!(!top.contains("ENDPOINT"), "{top}");
}

#[test]
fn help_in_the_command_box_lists_the_commands_and_sends_nothing() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents help");
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::RunCommand { .. })),
        "{effects:?}"
    );
    match &state.command.output {
        CommandOutput::Text { body, .. } => {
            assert!(
                body.contains("list-incident-records") && body.contains("start-incident"),
                "{body}"
            )
        }
        other => panic!("expected the commands, got {other:?}"),
    }
}

#[test]
fn the_command_box_shows_timestamps_as_the_profile_says() {
    use imdeck::domain::chat_command::{ChatLine, OutputFormat};
    use imdeck::domain::cli_output::timestamps::TimestampFormat;
    use imdeck::domain::command::Paging;
    let line = ChatLine {
        command: IncidentCommand::ListIncidentRecords {
            filters: Vec::new(),
            paging: Paging::default(),
        },
        region: None,
        query: None,
        output: OutputFormat::Json,
    };
    let response = serde_json::json!({"incidentRecordSummaries": [{"creationTime": 1710410910}]});
    let shown = |format: TimestampFormat| {
        let mut state = loaded(false);
        state.timestamps = format;
        update(
            &mut state,
            Msg::CommandFinished {
                line: line.clone(),
                result: Ok(response.clone()),
            },
        );
        match &state.command.output {
            CommandOutput::Text { body, .. } => body.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert!(
        shown(TimestampFormat::Iso8601 { utc_offset_secs: 0 })
            .contains("\"creationTime\": \"2024-03-14T10:08:30+00:00\"")
    );
    assert!(shown(TimestampFormat::Wire).contains("\"creationTime\": 1710410910"));
}

#[test]
fn with_seventeen_regions_the_channels_pane_names_the_missing_topic_first_and_counts_the_rest() {
    let mut state = loaded(false);
    let names = [
        "af-south-1",
        "ap-east-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "eu-central-1",
        "eu-north-1",
        "eu-south-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "sa-east-1",
        "us-east-1",
    ];
    let regions: Vec<(String, bool)> = names
        .iter()
        .map(|r| (r.to_string(), *r != "sa-east-1"))
        .collect();
    assert_eq!(regions.len(), 17);
    let plan = state
        .setup
        .plans
        .iter_mut()
        .find(|p| !p.channels.is_empty())
        .expect("a plan with a channel");
    plan.channels[0].regions = regions;
    update(&mut state, key(KeyCode::Tab));
    let all = screen(&state, 160, 48).join("\n");
    let line = all
        .lines()
        .find(|l| l.contains("topics sa-east-1"))
        .unwrap_or_else(|| panic!("the missing Region is named first:\n{all}"));
    assert!(line.contains("16 more Regions ✓"), "{line}");
    assert!(!line.contains("af-south-1"), "{line}");
}
