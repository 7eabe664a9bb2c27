//! Keys → messages → effects, without a terminal: the pure `update` driven the way the runtime drives it.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::msg::ExportFailure;
use imdeck::app::state::timeline::{MAX_FETCHES_IN_FLIGHT, POLL_MARGIN_MS};
use imdeck::app::state::{CommandOutput, Focus, HistoryScope, Overlay};
use imdeck::app::{Effect, Msg, update};
use imdeck::cloud::CloudError;
use imdeck::domain::chat_command::{ChatLine, OutputFormat, canonical_line};
use imdeck::domain::command::{IncidentCommand, Paging};
use imdeck::domain::model::{EventSummary, IncidentStatus, Timestamp};
use ratatui::crossterm::event::KeyCode;

fn line(command: IncidentCommand) -> ChatLine {
    ChatLine {
        command,
        region: None,
        query: None,
        output: OutputFormat::Json,
    }
}

fn list_incidents() -> ChatLine {
    line(IncidentCommand::ListIncidentRecords {
        filters: Vec::new(),
        paging: Paging::default(),
    })
}

fn note(arn: &str) -> ChatLine {
    line(IncidentCommand::CreateTimelineEvent {
        incident_record_arn: arn.into(),
        event_time: now(),
        event_type: "Custom Event".into(),
        event_data: "hello".into(),
        event_references: Vec::new(),
        client_token: None,
    })
}

#[test]
fn start_asks_for_history_snapshot_and_incidents() {
    let mut state = imdeck::app::AppState::new(header(false));
    let effects = update(&mut state, Msg::Started { now: now() });
    assert_eq!(
        effects,
        vec![
            Effect::LoadHistory {
                scope: HistoryScope::Sandbox
            },
            Effect::LoadSnapshot { generation: 1 },
            Effect::LoadIncidents { generation: 1 },
        ]
    );
}

#[test]
fn tab_cycles_focus_through_the_four_panes() {
    let mut state = started(false);
    assert_eq!(state.focus, Focus::Incidents);
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut state, key(KeyCode::Tab));
        seen.push(state.focus);
    }
    assert_eq!(
        seen,
        vec![
            Focus::Timeline,
            Focus::Checklist,
            Focus::Channels,
            Focus::Incidents
        ]
    );
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.focus, Focus::Channels);
}

#[test]
fn q_quits_but_types_a_q_in_the_command_box() {
    let mut state = started(false);
    assert_eq!(
        update(&mut state, key(KeyCode::Char('q'))),
        vec![Effect::Quit]
    );
    update(&mut state, key(KeyCode::Char(':')));
    assert_eq!(state.focus, Focus::Command);
    assert_eq!(update(&mut state, key(KeyCode::Char('q'))), vec![]);
    assert_eq!(state.command.text(), "q");
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.focus, Focus::Incidents);
}

#[test]
fn typing_a_read_command_and_enter_runs_it() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-incident-records");
    let effects = update(&mut state, key(KeyCode::Enter));
    let text = "@aws ssm-incidents list-incident-records".to_string();
    assert_eq!(
        effects,
        vec![
            Effect::SaveHistory {
                scope: HistoryScope::Sandbox,
                line: text
            },
            Effect::RunCommand {
                line: list_incidents()
            }
        ]
    );
    assert!(state.command.running.is_some());
    assert_eq!(
        state.command.text(),
        "",
        "the box is cleared once the line parsed"
    );
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: list_incidents(),
            result: Ok(serde_json::json!({"incidentRecordSummaries": []})),
        },
    );
    assert!(
        effects.is_empty(),
        "a read changes nothing to reload: {effects:?}"
    );
    assert!(
        matches!(&state.command.output, CommandOutput::Text { body, .. } if body.contains("incidentRecordSummaries"))
    );
    assert!(state.command.running.is_none());
}

/// Types a line into the command box and presses Enter.
fn submit(state: &mut imdeck::app::AppState, line: &str) -> Vec<Effect> {
    update(state, key(KeyCode::Char(':')));
    typed(state, line);
    update(state, key(KeyCode::Enter))
}

const NOTE_LINE: &str = "@aws ssm-incidents create-timeline-event --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE --event-time 2023-03-31T21:00:00Z --event-type \"Custom Event\" --event-data hello";

#[test]
fn a_mutating_command_asks_first_and_runs_on_y() {
    let mut state = loaded(false);
    let effects = submit(&mut state, NOTE_LINE);
    assert_eq!(
        effects,
        vec![Effect::SaveHistory {
            scope: HistoryScope::Sandbox,
            line: NOTE_LINE.into()
        }],
        "nothing runs before the answer"
    );
    let Overlay::Confirm(pending) = &state.overlay else {
        panic!("a write asks first")
    };
    assert_eq!(pending.line, note(INCIDENT));
    assert_eq!(pending.shown, canonical_line(&note(INCIDENT)));
    assert!(pending.shown.contains("create-timeline-event"));
    assert_eq!(
        update(&mut state, key(KeyCode::Char('y'))),
        vec![Effect::RunCommand {
            line: note(INCIDENT)
        }]
    );
    assert!(matches!(state.overlay, Overlay::None));
}

#[test]
fn n_cancels_a_confirmation_without_any_effect() {
    let mut state = loaded(false);
    submit(&mut state, NOTE_LINE);
    assert!(matches!(state.overlay, Overlay::Confirm(_)));
    assert_eq!(update(&mut state, key(KeyCode::Char('n'))), vec![]);
    assert!(matches!(state.overlay, Overlay::None));
}

#[test]
fn read_only_refuses_a_mutating_command_before_any_effect() {
    let mut state = loaded(true);
    let effects = submit(&mut state, NOTE_LINE);
    // Only the local history file is written; no request of any kind is asked for.
    assert_eq!(
        effects,
        vec![Effect::SaveHistory {
            scope: HistoryScope::Sandbox,
            line: NOTE_LINE.into()
        }]
    );
    assert!(
        matches!(state.overlay, Overlay::None),
        "no confirmation is even offered"
    );
    match &state.command.output {
        CommandOutput::Failed { message, .. } => {
            assert!(message.contains("read-only"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // The one-key actions are refused the same way, before any prompt.
    update(&mut state, key(KeyCode::Esc));
    for k in ['n', 'i', 'r', 'a', 's'] {
        assert_eq!(update(&mut state, key(KeyCode::Char(k))), vec![], "{k}");
        assert!(matches!(state.overlay, Overlay::None), "{k}");
    }
    // Reads still run.
    let effects = submit(&mut state, "@aws ssm-incidents list-incident-records");
    assert!(effects.contains(&Effect::RunCommand {
        line: list_incidents()
    }));
}

#[test]
fn a_parse_error_is_shown_and_its_correction_is_one_key_away() {
    let mut state = loaded(false);
    let bad = "@aws ssm-incidents list-response-plan";
    let effects = submit(&mut state, bad);
    assert_eq!(
        effects,
        vec![Effect::SaveHistory {
            scope: HistoryScope::Sandbox,
            line: bad.into()
        }]
    );
    match &state.command.output {
        CommandOutput::Invalid { line, error } => {
            assert_eq!(line, bad);
            assert!(
                error
                    .problems
                    .iter()
                    .any(|p| p.word == "list-response-plan"),
                "{error:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(state.command.text(), bad, "the line stays for editing");
    // Ctrl-O puts the corrected line in the box to be read; it runs only on Enter.
    assert_eq!(update(&mut state, ctrl('o')), vec![]);
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-response-plans"
    );
    let effects = update(&mut state, key(KeyCode::Enter));
    let plans = line(IncidentCommand::ListResponsePlans {
        paging: Paging::default(),
    });
    assert_eq!(effects.last(), Some(&Effect::RunCommand { line: plans }));
}

#[test]
fn stale_generations_are_dropped() {
    let mut state = started(false);
    let old = state.setup.generation;
    update(&mut state, key(KeyCode::Char('R')));
    assert_eq!(state.setup.generation, old + 1);
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation: old,
            snapshot: Box::new(snapshot()),
            checks: checks(),
        },
    );
    assert!(
        state.setup.snapshot.is_none(),
        "an answer to an older request is ignored"
    );
    assert!(state.setup.loading.is_some());
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation: old + 1,
            snapshot: Box::new(snapshot()),
            checks: checks(),
        },
    );
    assert!(state.setup.snapshot.is_some());
    assert!(state.setup.loading.is_none());

    // Timeline pages for an incident the user has left are dropped too.
    let mut state = loaded(false);
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT_2.into(),
        },
    );
    let before = state.timeline.len();
    let page = timeline(INCIDENT).iter().map(EventSummary::from).collect();
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(page),
            last_page: true,
        },
    );
    assert_eq!(state.timeline.len(), before);
}

#[test]
fn selecting_an_incident_loads_its_record_and_first_page() {
    let mut state = loaded(false);
    let effects = update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT_2.into(),
        },
    );
    assert_eq!(
        effects,
        vec![
            Effect::LoadIncidentRecord {
                arn: INCIDENT_2.into()
            },
            Effect::PollTimeline {
                arn: INCIDENT_2.into(),
                generation: state.timeline.generation,
                after: None
            },
        ]
    );
}

#[test]
fn poll_tick_asks_for_events_after_the_newest_seen_less_a_margin() {
    let mut state = loaded(false);
    let newest = state.timeline.newest_time().expect("events loaded");
    // Not yet due.
    assert_eq!(
        update(
            &mut state,
            Msg::Tick {
                now: Timestamp(now().millis() + 1_000)
            }
        ),
        vec![]
    );
    let effects = update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + 5_000),
        },
    );
    assert_eq!(
        effects,
        vec![Effect::PollTimeline {
            arn: INCIDENT.into(),
            generation: state.timeline.generation,
            after: Some(Timestamp(newest.millis() - POLL_MARGIN_MS))
        }]
    );
    // While it runs, no second poll starts.
    assert_eq!(
        update(
            &mut state,
            Msg::Tick {
                now: Timestamp(now().millis() + 10_000)
            }
        ),
        vec![]
    );
}

#[test]
fn a_new_event_from_a_poll_is_highlighted_and_its_text_fetched() {
    let mut state = loaded(false);
    update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + 5_000),
        },
    );
    let fresh = event(INCIDENT, "e6", NOW + 4, "Custom Event", "new");
    let generation = state.timeline.generation;
    let effects = update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(vec![EventSummary::from(&fresh)]),
            last_page: true,
        },
    );
    assert_eq!(
        effects,
        vec![Effect::FetchEvent {
            arn: INCIDENT.into(),
            id: "e6".into()
        }]
    );
    let row = state.timeline.events.last().expect("merged");
    assert_eq!(row.summary.event_id, "e6");
    assert!(row.highlight_until.is_some_and(|t| t > state.now));
    assert_eq!(
        state.timeline.cursor,
        state.timeline.len() - 1,
        "the cursor follows the newest event"
    );
}

#[test]
fn a_throttled_poll_backs_off_doubling_up_to_the_ceiling() {
    let mut state = loaded(false);
    let mut at = now().millis() + 5_000;
    let mut waits = Vec::new();
    for _ in 0..6 {
        let effects = update(&mut state, Msg::Tick { now: Timestamp(at) });
        let polls = effects
            .iter()
            .filter(|e| matches!(e, Effect::PollTimeline { .. }))
            .count();
        assert_eq!(polls, 1, "{effects:?}");
        let generation = state.timeline.generation;
        update(
            &mut state,
            Msg::TimelinePage {
                arn: INCIDENT.into(),
                generation,
                result: Err(CloudError::Throttled {
                    code: "ThrottlingException".into(),
                    message: "Rate exceeded".into(),
                }),
                last_page: true,
            },
        );
        let next = state.timeline.next_poll_at.expect("scheduled").millis();
        waits.push(next - at);
        // A tick before the wait is over polls nothing.
        let early = update(
            &mut state,
            Msg::Tick {
                now: Timestamp(next - 1),
            },
        );
        assert!(
            !early
                .iter()
                .any(|e| matches!(e, Effect::PollTimeline { .. })),
            "{early:?}"
        );
        at = next;
    }
    assert_eq!(waits, vec![10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    assert!(
        state
            .timeline
            .refresh
            .failure
            .as_deref()
            .is_some_and(|f| f.contains("throttled"))
    );
    // One success resets the wait and clears STALE.
    update(&mut state, Msg::Tick { now: Timestamp(at) });
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(vec![]),
            last_page: true,
        },
    );
    assert_eq!(state.timeline.backoff_ms, 0);
    assert!(state.timeline.refresh.failure.is_none());
    assert_eq!(state.timeline.next_poll_at, Some(Timestamp(at + 5_000)));
}

#[test]
fn texts_are_fetched_only_for_visible_rows_of_a_long_timeline() {
    let mut state = started(false);
    update(
        &mut state,
        Msg::Resized {
            width: 80,
            height: 24,
        },
    );
    let generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(incidents()),
        },
    );
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT.into(),
        },
    );
    let page = many_summaries(10_000);
    let generation = state.timeline.generation;
    let effects = update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(page),
            last_page: true,
        },
    );
    assert_eq!(state.timeline.len(), 10_000);
    let fetched = fetches(&effects);
    assert_eq!(
        fetched.len(),
        MAX_FETCHES_IN_FLIGHT,
        "eight GetTimelineEvent at once, no more: {fetched:?}"
    );
    assert_eq!(
        fetched.first().map(String::as_str),
        Some("ev009999"),
        "the newest (under the cursor while following) is fetched first"
    );
    // Asking again fetches nothing more: requests waiting and in flight are remembered.
    assert_eq!(
        update(
            &mut state,
            Msg::Resized {
                width: 80,
                height: 24
            }
        ),
        vec![]
    );
    // Each answer lets exactly one more go, until every visible row has its text; never more than eight out.
    let mut in_flight = fetched;
    let mut answered = 0;
    let mut max_in_flight = in_flight.len();
    while let Some(id) = in_flight.pop() {
        let n: usize = id[2..].parse().expect("index");
        let effects = update(
            &mut state,
            Msg::EventLoaded {
                arn: INCIDENT.into(),
                id: id.clone(),
                result: Ok(event_number(10_000, n)),
            },
        );
        answered += 1;
        in_flight.extend(fetches(&effects));
        max_in_flight = max_in_flight.max(in_flight.len());
        assert!(answered < 100, "fetching stops once the screen is read");
    }
    assert_eq!(max_in_flight, MAX_FETCHES_IN_FLIGHT);
    assert!(
        answered >= 20,
        "the whole visible page was read ({answered})"
    );
    assert_eq!(state.timeline.fetches.in_flight(), 0);
}

fn fetches(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchEvent { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn one_key_note_builds_the_command_and_confirms() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('n')));
    assert!(matches!(state.overlay, Overlay::Prompt(_)));
    typed(&mut state, "hello");
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    let expected = note(INCIDENT);
    match &state.overlay {
        Overlay::Confirm(p) => {
            assert_eq!(p.line, expected);
            assert_eq!(
                p.shown,
                canonical_line(&expected),
                "the same line the command box would take"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        update(&mut state, key(KeyCode::Char('y'))),
        vec![Effect::RunCommand {
            line: expected.clone()
        }]
    );
    // Success reloads the incidents and polls the timeline at once.
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: expected,
            result: Ok(serde_json::Value::Null),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadIncidents { .. })),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::PollTimeline { after: Some(_), .. })),
        "{effects:?}"
    );
}

/// The command a confirmation waits on.
fn pending(state: &imdeck::app::AppState) -> IncidentCommand {
    match &state.overlay {
        Overlay::Confirm(p) => p.line.command.clone(),
        other => panic!("no confirmation: {other:?}"),
    }
}

#[test]
fn one_key_impact_and_resolve_build_update_incident_record() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('i')));
    update(&mut state, key(KeyCode::Backspace));
    typed(&mut state, "7");
    assert!(update(&mut state, key(KeyCode::Enter)).is_empty());
    assert!(
        matches!(&state.overlay, Overlay::Prompt(p) if p.error.is_some()),
        "impact 7 is refused in the prompt"
    );
    update(&mut state, key(KeyCode::Backspace));
    typed(&mut state, "1");
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    assert!(matches!(
        pending(&state),
        IncidentCommand::UpdateIncidentRecord { impact: Some(1), status: None, arn, .. } if arn == INCIDENT
    ));
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char('r')));
    update(&mut state, key(KeyCode::Enter)); // no resolution summary
    assert!(matches!(
        pending(&state),
        IncidentCommand::UpdateIncidentRecord {
            status: Some(IncidentStatus::Resolved),
            impact: None,
            ..
        }
    ));
}

#[test]
fn system_events_cannot_be_edited_and_custom_ones_can_be_deleted() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(state.focus, Focus::Timeline);
    update(&mut state, key(KeyCode::Char('k'))); // e4: a system update
    update(&mut state, key(KeyCode::Char('e')));
    assert!(matches!(state.overlay, Overlay::None));
    assert!(
        matches!(&state.command.output, CommandOutput::Failed { message, .. } if message.contains("written by AWS"))
    );
    update(&mut state, key(KeyCode::Char('k'))); // e3: custom
    assert_eq!(update(&mut state, key(KeyCode::Char('d'))), vec![]);
    assert!(
        matches!(pending(&state), IncidentCommand::DeleteTimelineEvent { event_id, .. } if event_id == "e3")
    );
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char('e')));
    assert!(
        matches!(&state.overlay, Overlay::Prompt(p) if p.input.lines()[0] == "Rolled back payments-api to v41" || p.input.lines()[0].contains("Rolled back"))
    );
}

#[test]
fn history_walks_with_arrows_and_searches_with_ctrl_r() {
    let mut state = started(false);
    update(
        &mut state,
        Msg::HistoryLoaded {
            scope: HistoryScope::Sandbox,
            lines: vec![
                "@aws ssm-incidents list-response-plans".into(),
                "@aws ssm-incidents list-incident-records".into(),
            ],
        },
    );
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "draft");
    update(&mut state, key(KeyCode::Up));
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-incident-records"
    );
    update(&mut state, key(KeyCode::Up));
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-response-plans"
    );
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Down));
    assert_eq!(state.command.text(), "draft");
    update(&mut state, ctrl('r'));
    typed(&mut state, "plans");
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-response-plans"
    );
    assert!(state.command.search.is_none());
}

#[test]
fn tab_completes_commands_and_fills_in_the_selected_incident() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-");
    update(&mut state, key(KeyCode::Tab));
    let menu = state
        .command
        .menu
        .as_ref()
        .expect("a menu of the list commands");
    assert!(menu.candidates.len() >= 4, "{:?}", menu.candidates);
    assert!(menu.candidates.iter().all(|c| c.text.starts_with("list-")));
    // Typing closes the menu and goes on editing the line as it shows.
    typed(&mut state, "ti");
    assert!(state.command.menu.is_none());
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(
        state.command.text().trim_end(),
        format!("@aws ssm-incidents list-timeline-events --incident-record-arn {INCIDENT}")
    );
    typed(&mut state, "--sort-o");
    update(&mut state, key(KeyCode::Tab));
    typed(&mut state, "D");
    update(&mut state, key(KeyCode::Tab));
    assert!(
        state
            .command
            .text()
            .trim_end()
            .ends_with("--sort-order DESCENDING"),
        "{}",
        state.command.text()
    );
}

fn menu_selected(state: &imdeck::app::state::AppState) -> Option<String> {
    let menu = state.command.menu.as_ref()?;
    menu.selected.map(|at| menu.candidates[at].text.clone())
}

#[test]
fn tab_cycles_the_completion_menu_enter_accepts_and_esc_puts_the_word_back() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents get-");
    update(&mut state, key(KeyCode::Tab));
    let menu = state.command.menu.clone().expect("several get- commands");
    let names: Vec<&str> = menu.candidates.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "get-response-plan",
            "get-incident-record",
            "get-timeline-event"
        ]
    );
    assert!(menu.candidates.iter().all(|c| !c.description.is_empty()));
    assert_eq!(menu.selected, None, "the first Tab only opens the menu");
    // Tab walks forward and wraps; each candidate takes the word's place in the line.
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut state, key(KeyCode::Tab));
        seen.push(menu_selected(&state).expect("one selected"));
        assert_eq!(
            state.command.text(),
            format!("@aws ssm-incidents {}", seen.last().expect("seen"))
        );
    }
    assert_eq!(
        seen,
        vec![
            "get-response-plan",
            "get-incident-record",
            "get-timeline-event",
            "get-response-plan"
        ]
    );
    // Shift-Tab walks back, wrapping the other way.
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(menu_selected(&state).as_deref(), Some("get-timeline-event"));
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(
        menu_selected(&state).as_deref(),
        Some("get-incident-record")
    );
    // Esc closes the menu, puts back what was typed and leaves the box open.
    update(&mut state, key(KeyCode::Esc));
    assert!(state.command.menu.is_none());
    assert_eq!(state.focus, Focus::Command);
    assert_eq!(state.command.text(), "@aws ssm-incidents get-");
    // Enter accepts the chosen one with one space after it, and runs nothing.
    update(&mut state, key(KeyCode::Tab));
    update(&mut state, key(KeyCode::Tab));
    let effects = update(&mut state, key(KeyCode::Enter));
    assert_eq!(effects, vec![]);
    assert!(state.command.menu.is_none());
    assert_eq!(state.focus, Focus::Command);
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents get-response-plan "
    );
    assert_eq!(
        state.command.input.cursor().1,
        state.command.text().chars().count()
    );
    // An accepted command that needs an incident gets the selected one, as a single fit does.
    state.command.set_text("@aws ssm-incidents get-");
    update(&mut state, key(KeyCode::Tab));
    update(&mut state, key(KeyCode::BackTab));
    update(&mut state, key(KeyCode::BackTab));
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(
        state.command.text(),
        format!("@aws ssm-incidents get-incident-record --arn {INCIDENT} ")
    );
}

#[test]
fn completing_a_started_word_mid_line_leaves_one_space() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(
        &mut state,
        "@aws ssm-incidents list-incident-records --max-items 5",
    );
    // Back to the end of `--max`, then Tab.
    for _ in 0.." -items 5".len() - 1 {
        update(&mut state, key(KeyCode::Left));
    }
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-incident-records --max-items 5"
    );
    // A started word at the end gets exactly one space, and a value that goes on gets none.
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-incident-records --sta");
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-incident-records --starting-token "
    );
    typed(&mut state, "x");
    assert!(
        !state.command.text().contains("  "),
        "{}",
        state.command.text()
    );
}

#[test]
fn incident_arns_in_the_menu_carry_their_titles() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents get-incident-record --arn ");
    update(&mut state, key(KeyCode::Tab));
    let menu = state.command.menu.as_ref().expect("several incidents");
    let first = &menu.candidates[0];
    assert_eq!(first.text, INCIDENT, "the selected incident comes first");
    let title = state
        .incidents
        .items
        .iter()
        .find(|i| i.arn == INCIDENT)
        .map(|i| i.title.clone())
        .expect("the demo incident");
    assert_eq!(first.description, title);
    assert!(menu.candidates.iter().all(|c| !c.description.is_empty()));
}

#[test]
fn enter_on_a_checklist_row_opens_its_detail() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::BackTab));
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.focus, Focus::Checklist);
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(&state.overlay, Overlay::Detail { .. }));
    update(&mut state, key(KeyCode::Esc));
    assert!(matches!(state.overlay, Overlay::None));
}

#[test]
fn the_filter_narrows_the_list_and_esc_clears_it() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('/')));
    typed(&mut state, "login");
    assert_eq!(state.incidents.visible.len(), 1);
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.incidents.filter, "login");
    assert_eq!(state.incidents.visible.len(), 1);
    update(&mut state, key(KeyCode::Char('/')));
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.incidents.visible.len(), 4);
}

#[test]
fn a_started_incident_is_selected_when_the_command_finishes() {
    let mut state = loaded(false);
    let start = line(IncidentCommand::StartIncident {
        response_plan_arn: PLAN.into(),
        title: None,
        impact: None,
        related_items: vec![],
        trigger_details: None,
        client_token: None,
    });
    let new_arn = "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/new";
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: start,
            result: Ok(serde_json::json!({ "incidentRecordArn": new_arn })),
        },
    );
    // The new incident is highlighted (and its timeline read) once the reload lists it, never before: the
    // timeline always belongs to the highlighted row.
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadIncidents { .. })),
        "{effects:?}"
    );
    let effects = list_with_started_incident(&mut state, new_arn);
    assert!(
        effects.contains(&Effect::LoadIncidentRecord {
            arn: new_arn.into()
        }),
        "{effects:?}"
    );
    assert_eq!(state.incidents.selected_arn(), Some(new_arn));
}

/// The incidents reload answered with the demo list plus a just-started incident.
fn list_with_started_incident(state: &mut imdeck::app::AppState, arn: &str) -> Vec<Effect> {
    let mut items = incidents();
    let mut started = items[1].clone();
    started.arn = arn.into();
    started.title = "Started from the plan".into();
    items.push(started);
    let generation = state.incidents.generation;
    update(
        state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(items),
        },
    )
}

/// The response is rendered in `update`: `--output text` or a `--query` that hides the ARN still lets the
/// started incident be found, and a write whose query fails to render still reloads what it changed.
#[test]
fn rendering_is_done_in_update_and_does_not_hide_what_a_write_did() {
    let mut state = loaded(false);
    let new_arn = "arn:aws:ssm-incidents::111122223333:incident-record/test-response-plan-chat/new";
    let start = ChatLine {
        output: OutputFormat::Text,
        query: Some("length(incidentRecordArn)".into()),
        ..line(IncidentCommand::StartIncident {
            response_plan_arn: PLAN.into(),
            title: None,
            impact: None,
            related_items: vec![],
            trigger_details: None,
            client_token: None,
        })
    };
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: start,
            result: Ok(serde_json::json!({ "incidentRecordArn": new_arn })),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadIncidents { .. }))
    );
    let effects = list_with_started_incident(&mut state, new_arn);
    assert_eq!(state.incidents.selected_arn(), Some(new_arn));
    assert!(effects.contains(&Effect::LoadIncidentRecord {
        arn: new_arn.into()
    }));
    match &state.command.output {
        CommandOutput::Text { body, .. } => assert_eq!(body.trim(), "79"),
        other => panic!("{other:?}"),
    }
    // A query that cannot be applied is reported, and the write's reload still happens.
    let bad = ChatLine {
        query: Some("[".into()),
        ..note(INCIDENT)
    };
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: bad,
            result: Ok(serde_json::json!({ "eventId": "e9" })),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadIncidents { .. })),
        "{effects:?}"
    );
    assert!(
        matches!(&state.command.output, CommandOutput::Failed { message, .. } if message.contains("InvalidQuery")),
        "{:?}",
        state.command.output
    );
}

#[test]
fn a_failed_command_shows_the_cli_error() {
    let mut state = loaded(false);
    update(
        &mut state,
        Msg::CommandFinished {
            line: note(INCIDENT),
            result: Err(CloudError::Validation {
                code: "ValidationException".into(),
                message: "impact".into(),
            }),
        },
    );
    match &state.command.output {
        CommandOutput::Failed { message, .. } => assert_eq!(
            message,
            "An error occurred (ValidationException) when calling the CreateTimelineEvent operation: impact"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_first_load_arriving_newest_page_first_ends_in_time_order() {
    let mut state = started(false);
    let generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(incidents()),
        },
    );
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT.into(),
        },
    );
    let generation = state.timeline.generation;
    for page in (0..100).rev() {
        let events: Vec<EventSummary> = (0..100)
            .rev()
            .map(|i| EventSummary::from(&event_number(10_000, page * 100 + i)))
            .collect();
        update(
            &mut state,
            Msg::TimelinePage {
                arn: INCIDENT.into(),
                generation,
                result: Ok(events),
                last_page: page == 0,
            },
        );
    }
    assert_eq!(state.timeline.len(), 10_000);
    assert!(
        state
            .timeline
            .events
            .windows(2)
            .all(|w| w[0].summary.event_time < w[1].summary.event_time)
    );
    assert_eq!(
        state
            .timeline
            .at_cursor()
            .map(|r| r.summary.event_id.as_str()),
        Some("ev009999")
    );
    assert!(state.timeline.first_load_done);
}

#[test]
fn start_incident_picks_a_plan_then_confirms() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('s')));
    assert!(matches!(state.overlay, Overlay::PlanPicker { selected: 0 }));
    update(&mut state, key(KeyCode::Down));
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    // The title and the impact are asked next; enter keeps the plan's own.
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(
        pending(&state),
        IncidentCommand::StartIncident { response_plan_arn, .. } if response_plan_arn.ends_with("/MyResponsePlanChat")
    ));
    // q in a confirmation does not quit: the confirmation owns the keys.
    assert_eq!(update(&mut state, key(KeyCode::Char('q'))), vec![]);
    assert!(matches!(state.overlay, Overlay::Confirm(_)));
}

#[test]
fn export_and_paste() {
    let mut state = loaded(false);
    // x asks where to write, offering a name made from the incident's id.
    assert_eq!(update(&mut state, key(KeyCode::Char('x'))), vec![]);
    let default = "imdeck-export-98c397e6-7c10-aa10-9b86-f199aEXAMPLE.md";
    assert!(matches!(&state.overlay, Overlay::Prompt(p) if p.input.lines().join("") == default));
    assert_eq!(
        update(&mut state, key(KeyCode::Enter)),
        vec![Effect::ExportIncident {
            arn: INCIDENT.into(),
            path: default.into(),
            replace: false,
        }]
    );
    // The file exists: the prompt comes back naming it, and only a second enter on that name replaces it.
    update(
        &mut state,
        Msg::ExportFinished {
            arn: INCIDENT.into(),
            path: default.into(),
            result: Err(ExportFailure::AlreadyExists),
        },
    );
    assert!(
        matches!(&state.overlay, Overlay::Prompt(p) if p.error.as_deref().is_some_and(|e| e.contains("exists")))
    );
    assert_eq!(
        update(&mut state, key(KeyCode::Enter)),
        vec![Effect::ExportIncident {
            arn: INCIDENT.into(),
            path: default.into(),
            replace: true,
        }]
    );
    update(
        &mut state,
        Msg::ExportFinished {
            arn: INCIDENT.into(),
            path: "/tmp/incident.md".into(),
            result: Ok(()),
        },
    );
    assert!(
        matches!(&state.command.output, CommandOutput::Text { body, .. } if body.contains("/tmp/incident.md"))
    );
    update(&mut state, key(KeyCode::Char(':')));
    update(
        &mut state,
        Msg::Pasted("@aws ssm-incidents\nlist-response-plans".into()),
    );
    assert_eq!(
        state.command.text(),
        "@aws ssm-incidents list-response-plans",
        "a pasted newline is a space"
    );
}

#[test]
fn copy_line_puts_the_canonical_line_on_the_clipboard() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "ssm-incidents   list-response-plans");
    let effects = update(&mut state, ctrl('y'));
    match effects.as_slice() {
        [Effect::CopyToClipboard(text)] => {
            assert!(
                text.contains("list-response-plans") && !text.contains("   "),
                "{text}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_backdated_event_this_app_created_shows_although_the_poll_would_miss_it() {
    let mut state = loaded(false);
    let newest = state.timeline.newest_time().expect("a loaded timeline");
    let mut backdated = note(INCIDENT);
    if let IncidentCommand::CreateTimelineEvent { event_time, .. } = &mut backdated.command {
        *event_time = Timestamp(newest.millis() - 3_600_000);
    }
    let effects = update(
        &mut state,
        Msg::CommandFinished {
            line: backdated,
            result: Ok(
                serde_json::json!({"eventId": "e-backdated", "incidentRecordArn": INCIDENT}),
            ),
        },
    );
    assert!(
        state
            .timeline
            .events
            .iter()
            .any(|row| row.summary.event_id == "e-backdated"),
        "the created event is in the timeline"
    );
    assert_eq!(
        state.timeline.newest_time(),
        Some(newest),
        "polling still starts at the newest"
    );
    assert!(
        effects.contains(&Effect::FetchEvent {
            arn: INCIDENT.into(),
            id: "e-backdated".into()
        }),
        "{effects:?}"
    );
}

/// Answers the poll a tick started with `events` in one page.
fn answer_poll(state: &mut imdeck::app::AppState, events: Vec<EventSummary>) -> Vec<Effect> {
    let generation = state.timeline.generation;
    update(
        state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(events),
            last_page: true,
        },
    )
}

#[test]
fn every_second_poll_reads_the_whole_list_and_a_cut_short_read_is_retried() {
    let mut state = loaded(false);
    let mut at = now().millis();
    fn next_poll(state: &mut imdeck::app::AppState, at: &mut i64) -> Option<Timestamp> {
        *at += 5_000;
        update(
            state,
            Msg::Tick {
                now: Timestamp(*at),
            },
        )
        .into_iter()
        .find_map(|e| match e {
            Effect::PollTimeline { after, .. } => Some(after),
            _ => None,
        })
        .expect("a poll is due")
    }
    assert!(
        next_poll(&mut state, &mut at).is_some(),
        "first an incremental poll"
    );
    answer_poll(&mut state, Vec::new());
    assert_eq!(next_poll(&mut state, &mut at), None, "then the whole list");
    // The whole list comes back without e2 (deleted elsewhere) and with e3 edited.
    let mut events: Vec<EventSummary> = timeline(INCIDENT).iter().map(EventSummary::from).collect();
    events.retain(|e| e.event_id != "e2");
    events[1].event_updated_time = Timestamp(at);
    let effects = answer_poll(&mut state, events);
    assert!(state.timeline.find("e2").is_none(), "the deletion shows");
    assert!(state.timeline.find("e3").is_some_and(|r| r.changed));
    assert!(
        effects.contains(&Effect::FetchEvent {
            arn: INCIDENT.into(),
            id: "e3".into()
        }),
        "the edited text is read again: {effects:?}"
    );
    assert!(
        effects.contains(&Effect::LoadRelatedItems {
            arn: INCIDENT.into()
        }),
        "item titles are read with the whole list"
    );
    assert!(next_poll(&mut state, &mut at).is_some());
    answer_poll(&mut state, Vec::new());
    // A whole-list read that fails deletes nothing and is asked for again at the next poll.
    assert_eq!(next_poll(&mut state, &mut at), None);
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(Vec::new()),
            last_page: false,
        },
    );
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Err(CloudError::Network("connection reset".into())),
            last_page: true,
        },
    );
    assert_eq!(state.timeline.len(), 4, "nothing removed on a failed read");
    at = state.timeline.next_poll_at.expect("scheduled").millis() - 5_000;
    assert_eq!(next_poll(&mut state, &mut at), None, "the whole list again");
}
