//! Snapshots of every pane and popup at 80×24 and 160×48 (and 40×12), states built through `update`, plus colour asserts.

#[path = "support/demo.rs"]
mod demo;
#[path = "support/screen.rs"]
mod screen;

use demo::*;
use imdeck::app::state::Focus;
use imdeck::app::{AppState, Msg, update};
use imdeck::cloud::CloudError;
use imdeck::domain::model::{ChatPlatform, EventSummary, Timestamp};
use imdeck::domain::snapshot::{CloudSnapshot, ReadFailure};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use screen::{draw, text_of};

fn both_sizes(name: &str, state: &AppState) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(state, 80, 24).backend());
    insta::assert_snapshot!(format!("{name}_160x48"), draw(state, 160, 48).backend());
}

/// The first cell, scanning rows top-down, whose symbol is `symbol`, starting at row `from_row`.
fn find_cell(buffer: &Buffer, symbol: &str, from_row: u16) -> Option<(u16, u16)> {
    let area = buffer.area;
    (from_row..area.height).find_map(|y| {
        (0..area.width)
            .find(|&x| buffer[(x, y)].symbol() == symbol)
            .map(|x| (x, y))
    })
}

fn focus(state: &mut AppState, pane: Focus) {
    for _ in 0..4 {
        if state.focus == pane {
            return;
        }
        update(state, key(KeyCode::Tab));
    }
}

#[test]
fn empty_before_anything_is_asked() {
    let mut state = AppState::new(header(false));
    state.header.account.clear();
    both_sizes("empty", &state);
}

#[test]
fn loading_shows_the_region_counter() {
    let mut state = started(false);
    let generation = state.setup.generation;
    update(
        &mut state,
        Msg::SnapshotProgress {
            generation,
            regions_done: 1,
            regions_total: 3,
        },
    );
    both_sizes("loading", &state);
}

#[test]
fn loaded_incidents_and_timeline() {
    let state = loaded(false);
    both_sizes("loaded", &state);
}

#[test]
fn loaded_checklist_focused() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Checklist);
    update(&mut state, key(KeyCode::Down));
    both_sizes("checklist", &state);
}

#[test]
fn loaded_channels_focused() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Channels);
    both_sizes("channels", &state);
}

#[test]
fn loaded_timeline_focused_with_a_selected_event() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Timeline);
    update(&mut state, key(KeyCode::Up));
    update(&mut state, key(KeyCode::Up));
    both_sizes("timeline", &state);
}

#[test]
fn errors_and_stale_data() {
    let mut state = started(false);
    let generation = state.setup.generation;
    let denied = CloudError::AccessDenied {
        code: "AccessDeniedException".into(),
        message: "not authorized".into(),
    };
    // What `load_snapshot` returns when every read is denied: the failures live inside the snapshot.
    let failure = |resource: &str| ReadFailure {
        resource: resource.into(),
        reason: denied.to_string(),
    };
    let snapshot = CloudSnapshot {
        account: String::new(),
        replication_set: Err(failure("ssm-incidents:ListReplicationSets")),
        regions: Vec::new(),
        channels: [
            ChatPlatform::Slack,
            ChatPlatform::MicrosoftTeams,
            ChatPlatform::Chime,
        ]
        .into_iter()
        .map(|p| (p, Err(failure("chatbot"))))
        .collect(),
        plans: Err(failure("ssm-incidents:ListResponsePlans")),
        unlisted_topics: Vec::new(),
        subscriptions: Default::default(),
    };
    let checks = imdeck::domain::audit::run_audit(&snapshot);
    update(
        &mut state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot),
            checks,
        },
    );
    let generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Err(denied),
        },
    );
    both_sizes("errors", &state);
}

#[test]
fn a_throttled_poll_marks_the_timeline_stale() {
    let mut state = loaded(false);
    update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + 5_000),
        },
    );
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
    both_sizes("stale", &state);
}

#[test]
fn a_new_event_is_highlighted() {
    let mut state = loaded(false);
    update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + 5_000),
        },
    );
    let fresh = event(
        INCIDENT,
        "e6",
        NOW + 3,
        "Custom Event",
        "\"Cache warm-up finished in us-west-2\"",
    );
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(vec![EventSummary::from(&fresh)]),
            last_page: true,
        },
    );
    update(
        &mut state,
        Msg::EventLoaded {
            arn: INCIDENT.into(),
            id: "e6".into(),
            result: Ok(fresh),
        },
    );
    both_sizes("new_event", &state);
    // The highlight is drawn as a mark (not only a colour) and in colour when colour is on.
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let text = text_of(buffer);
    assert!(
        text.contains("›+03-31 21:00:03"),
        "the new event carries the + mark:\n{text}"
    );
    let (x, y) = find_cell(buffer, "+", 2).expect("marked row");
    assert_eq!(buffer[(x, y)].fg, Color::Yellow);
}

#[test]
fn command_box_with_completions() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-");
    update(&mut state, key(KeyCode::Tab));
    // The second Tab puts the first candidate in the line and marks it in the menu.
    update(&mut state, key(KeyCode::Tab));
    both_sizes("command_completions", &state);
}

#[test]
fn command_box_completion_menu_shows_incident_titles_beside_arns() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents get-incident-record --arn ");
    update(&mut state, key(KeyCode::Tab));
    both_sizes("command_completion_arns", &state);
    // However narrow, the title stays in view: the ARN gives up its head, not the incident's title.
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text.contains("Payment API latency"), "{text}");
    assert!(text.contains("…"), "{text}");
}

#[test]
fn command_box_completion_menu_scrolls_to_the_selected_candidate() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-incident-records --");
    update(&mut state, key(KeyCode::Tab));
    let count = state
        .command
        .menu
        .as_ref()
        .map_or(0, |m| m.candidates.len());
    assert!(
        count > 6,
        "more options than the menu shows at once: {count}"
    );
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text.contains("--filters"), "{text}");
    // Shift-Tab from the start selects the last candidate, which scrolls the first out of view.
    update(&mut state, key(KeyCode::BackTab));
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text.contains("› --page-size"), "{text}");
    assert!(text.contains(&format!("{count}/{count}")), "{text}");
    assert!(!text.contains("--filters"), "{text}");
}

#[test]
fn command_box_with_an_error_marks_the_offending_words() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    // The AWS docs' own example, which the real AWS CLI rejects: two problems and a corrected line.
    let line = "@aws ssm-incidents create-timeline-event --event-data \"\\\"example timeline event\"\\\" --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
    typed(&mut state, line);
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(
        state.command.output,
        imdeck::app::state::CommandOutput::Invalid { .. }
    ));
    both_sizes("command_error", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(
        text.contains("^^^^"),
        "carets mark the words without colour:\n{text}"
    );
    assert!(text.contains("corrected line (ctrl-o accepts)"), "{text}");
}

#[test]
fn command_output_and_running_spinner() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws ssm-incidents list-response-plans");
    update(&mut state, key(KeyCode::Enter));
    update(
        &mut state,
        Msg::Tick {
            now: Timestamp(now().millis() + 300),
        },
    );
    both_sizes("command_running", &state);
}

#[test]
fn help_overlay() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('?')));
    both_sizes("help", &state);
    // The timeline's gutter marks are explained after the keys.
    let help: Vec<String> = imdeck::ui::help::help_lines(&state)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let marks = help
        .iter()
        .position(|l| l == "Timeline marks")
        .expect("a legend for the timeline's marks");
    for mark in ["›", "+", "~", "●"] {
        assert!(
            help[marks..]
                .iter()
                .any(|l| l.trim_start().starts_with(mark)),
            "{mark} is explained: {help:?}"
        );
    }
}

#[test]
fn detail_popup_shows_missing_statement_and_fix() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Checklist);
    // Row 0 is eu-west-1 (Regions sort by name), row 1 us-east-2, row 2 us-west-2.
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Down));
    update(&mut state, key(KeyCode::Enter));
    both_sizes("detail", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("IncidentManagerSNSPublishingPermissions"));
    assert!(text.contains("aws sns set-topic-attributes --region us-west-2"));
    assert!(text.contains("✗ FAIL"), "status in words, not only a mark");
}

#[test]
fn confirm_popup_shows_the_line_it_will_run() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('r')));
    update(&mut state, key(KeyCode::Enter)); // no resolution summary
    assert!(
        matches!(state.overlay, imdeck::app::state::Overlay::Confirm(_)),
        "r asks first"
    );
    both_sizes("confirm", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("update-incident-record"), "{text}");
    assert!(text.contains("RESOLVED"), "{text}");
}

#[test]
fn read_only_badge_and_refusal() {
    let mut state = loaded(true);
    update(&mut state, key(KeyCode::Char('n')));
    both_sizes("read_only", &state);
}

#[test]
fn tiny_terminal_stays_usable() {
    let state = loaded(false);
    insta::assert_snapshot!("loaded_40x12", draw(&state, 40, 12).backend());
    let mut state = state;
    update(&mut state, key(KeyCode::Char('?')));
    insta::assert_snapshot!("help_40x12", draw(&state, 40, 12).backend());
}

#[test]
fn hostile_text_is_shown_inert() {
    let mut state = started(false);
    let mut items = incidents();
    items[1].title = "Evil \u{1b}[2J\u{1b}]52;c;AAAA\u{7} title".into();
    let generation = state.incidents.generation;
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: Ok(items),
        },
    );
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: INCIDENT.into(),
        },
    );
    let bad = event(
        INCIDENT,
        "x1",
        NOW - 10,
        "Custom Event",
        &format!("\u{1b}[31mred\u{1b}[0m {}", "long ".repeat(2_400)),
    );
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(vec![EventSummary::from(&bad)]),
            last_page: true,
        },
    );
    update(
        &mut state,
        Msg::EventLoaded {
            arn: INCIDENT.into(),
            id: "x1".into(),
            result: Ok(bad),
        },
    );
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let text = text_of(buffer);
    assert!(
        text.contains("␛[2J␛]52;c;AAAA␇"),
        "escapes are visible symbols:\n{text}"
    );
    assert!(text.contains("␛[31mred␛[0m"));
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "a control character reached the buffer"
        );
    }
    insta::assert_snapshot!("hostile_160x48", terminal.backend());
}

#[test]
fn colour_carries_pass_and_fail_and_no_color_turns_it_off() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Checklist);
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_cell(buffer, "✗", 2).expect("a fail mark");
    assert_eq!(buffer[(x, y)].fg, Color::Red, "fail is red");
    let (x, y) = find_cell(buffer, "✓", 2).expect("a pass mark");
    assert_eq!(buffer[(x, y)].fg, Color::Green, "pass is green");

    state.color = false;
    let terminal = draw(&state, 160, 48);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "NO_COLOR: cell {:?} has colour {:?}/{:?}",
            cell.symbol(),
            cell.fg,
            cell.bg
        );
    }
    // The meaning survives: the same marks are drawn.
    assert!(find_cell(buffer, "✗", 2).is_some() && find_cell(buffer, "✓", 2).is_some());
}

#[test]
fn no_color_env_value_rules() {
    use imdeck::app::state::color_wanted;
    use std::ffi::OsStr;
    assert!(color_wanted(None));
    assert!(color_wanted(Some(OsStr::new(""))));
    assert!(!color_wanted(Some(OsStr::new("1"))));
}

#[test]
fn a_frame_at_10000_events_draws_only_what_fits() {
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
    let page = many_summaries(10_000);
    let generation = state.timeline.generation;
    update(
        &mut state,
        Msg::TimelinePage {
            arn: INCIDENT.into(),
            generation,
            result: Ok(page),
            last_page: true,
        },
    );
    focus(&mut state, Focus::Timeline);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("Timeline · 10000/10000 · UTC"), "{text}");
    assert!(
        text.contains("›●03-31 20:59:57"),
        "the newest event is selected and shown:\n{text}"
    );
    update(&mut state, key(KeyCode::Home));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(
        text.contains("› 03-31 12:40:00"),
        "Home shows the oldest:\n{text}"
    );
    assert!(text.contains("Timeline · 1/10000 · UTC"), "{text}");
    // The scrollbar's thumb is at the top when the first event is selected, at the bottom for the newest.
    let thumb_row = |state: &AppState| {
        let terminal = draw(state, 160, 48);
        let buffer = terminal.backend().buffer();
        // The scrollbar is the timeline pane's last inner column, below the header and sparkline.
        (13..46).find(|&y| buffer[(158, y)].symbol() == "█")
    };
    let top = thumb_row(&state).expect("a scrollbar thumb");
    update(&mut state, key(KeyCode::End));
    let bottom = thumb_row(&state).expect("a scrollbar thumb");
    assert!(top < 16 && bottom > 40, "thumb at {top}, then {bottom}");
}

#[test]
fn prompt_and_event_detail_popups() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('n')));
    typed(&mut state, "Paged the database team");
    insta::assert_snapshot!("prompt_80x24", draw(&state, 80, 24).backend());
    update(&mut state, key(KeyCode::Esc));
    focus(&mut state, Focus::Timeline);
    update(&mut state, key(KeyCode::Enter));
    insta::assert_snapshot!("event_detail_80x24", draw(&state, 80, 24).backend());
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(
        text.contains("until it settles"),
        "the whole text is shown:\n{text}"
    );
    // A system event: the sentence first, then the raw data one key away, exactly as sent.
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Up));
    update(&mut state, key(KeyCode::Enter));
    insta::assert_snapshot!("event_detail_update_80x24", draw(&state, 80, 24).backend());
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text.contains("impact 3 → 2 (admin)"), "{text}");
    assert!(
        text.contains("\"modifiedBy\""),
        "the raw JSON is kept:\n{text}"
    );
}

#[test]
fn every_size_and_overlay_renders_the_header_or_says_too_small() {
    let mut states = vec![
        AppState::new(header(false)),
        started(false),
        loaded(false),
        loaded(true),
    ];
    let mut with = |keys: &[KeyCode]| {
        let mut state = loaded(false);
        for k in keys {
            update(&mut state, key(*k));
        }
        states.push(state);
    };
    with(&[KeyCode::Char('?')]);
    with(&[KeyCode::Char('n')]);
    with(&[KeyCode::Char('r')]);
    with(&[KeyCode::Char('s')]);
    with(&[KeyCode::Char('/'), KeyCode::Char('z')]);
    with(&[KeyCode::Tab, KeyCode::Tab, KeyCode::Enter]);
    with(&[KeyCode::Tab, KeyCode::Enter]);
    with(&[KeyCode::Char(':'), KeyCode::Char('x'), KeyCode::Enter]);
    // Below 20×6 the whole screen says it is too small; from there on the header names imdeck, unless a
    // popup is open over it.
    for state in &states {
        for width in [1, 5, 10, 19, 20, 25, 40, 79, 80, 119, 120, 200] {
            for height in [1, 3, 5, 6, 8, 12, 24, 60] {
                let text = text_of(draw(state, width, height).backend().buffer());
                let first = text.lines().next().unwrap_or_default().to_string();
                if width < 20 || height < 6 {
                    let whole: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        "imdeck: terminal too small".starts_with(&whole) && !whole.is_empty(),
                        "{width}×{height}: {text}"
                    );
                } else if matches!(state.overlay, imdeck::app::state::Overlay::None) {
                    assert!(first.contains("imdeck"), "{width}×{height}: {text}");
                } else {
                    // A popup may cover the header on a small screen; its frame is drawn whole.
                    assert!(
                        text.contains('┌') && text.contains('┘'),
                        "{width}×{height}: {text}"
                    );
                }
            }
        }
    }
}

/// The incident view: header, timeline, related items and who was engaged; both halves on screen at 160×48.
#[test]
fn incident_view() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Enter));
    update(
        &mut state,
        Msg::RelatedItemsLoaded {
            arn: INCIDENT.into(),
            result: Ok(record_related_items()),
        },
    );
    both_sizes("incident_view", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("Runbook: orders-db failover"), "{text}");
    assert!(text.contains("Timeline"), "{text}");
    update(&mut state, key(KeyCode::Tab));
    update(&mut state, key(KeyCode::Char('z')));
    insta::assert_snapshot!(
        "incident_view_related_zoomed_80x24",
        draw(&state, 80, 24).backend()
    );
}

/// A write's confirmation names its target in words and wraps the chat line only between words.
#[test]
fn confirm_popup_names_the_incident_in_words() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Char('r')));
    update(&mut state, key(KeyCode::Enter)); // no resolution summary
    both_sizes("confirm_in_words", &state);
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text.contains("Resolve the incident"), "{text}");
    assert!(text.contains("Payment API latency"), "{text}");
    assert!(
        text.contains("98c397e6-7c10-aa10-9b86-f199aEXAMPLE"),
        "the id is never cut: {text}"
    );
}

fn record_related_items() -> Vec<imdeck::domain::model::RelatedItem> {
    use imdeck::domain::model::{ItemIdentifier, ItemValue, RelatedItem};
    vec![
        RelatedItem {
            identifier: ItemIdentifier {
                item_type: "OTHER".into(),
                value: ItemValue::Url("https://wiki.example.com/runbooks/orders-db".into()),
            },
            title: Some("Runbook: orders-db failover".into()),
            generated_id: Some("related-item/OTHER/5E0F".into()),
        },
        RelatedItem {
            identifier: ItemIdentifier {
                item_type: "INVOLVED_RESOURCE".into(),
                value: ItemValue::Arn("arn:aws:rds:us-east-2:111122223333:db:orders-db".into()),
            },
            title: None,
            generated_id: None,
        },
    ]
}

/// The demo state with the checks the real audit finds in it, the checklist focused.
fn audited(state: &mut AppState) {
    let snapshot = snapshot();
    let checks = imdeck::domain::audit::run_audit(&snapshot);
    let generation = state.setup.generation;
    update(
        state,
        Msg::SnapshotLoaded {
            generation,
            snapshot: Box::new(snapshot),
            checks,
        },
    );
    focus(state, Focus::Checklist);
}

#[test]
fn checklist_rows_name_their_resource_failures_first_passing_folded() {
    let mut state = loaded(false);
    audited(&mut state);
    both_sizes("checklist_named", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    let rows: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim_end)
        .filter(|r| r.contains(" plan ") || r.contains(" Teams ") || r.contains(" Slack "))
        .collect();
    assert!(rows.len() >= 4, "{text}");
    let unique: std::collections::BTreeSet<&&str> = rows.iter().collect();
    assert_eq!(
        unique.len(),
        rows.len(),
        "two rows read the same: {rows:#?}"
    );
    // Failures come first, passing rows are folded and counted.
    let first_fail = rows.iter().position(|r| r.contains('✗'));
    let first_info = rows.iter().position(|r| r.contains(" i "));
    assert!(first_fail < first_info, "{rows:#?}");
    assert!(!rows.iter().any(|r| r.contains('✓')), "{rows:#?}");
    assert!(text.contains("passing hidden · f shows them"), "{text}");
    // Unfolding keeps the cursor on the check it was on.
    let regions = state.setup.regions.len();
    for _ in 0..regions + 1 {
        update(&mut state, key(KeyCode::Down));
    }
    let on = state.setup.general[state.setup.checklist_cursor - regions];
    update(&mut state, key(KeyCode::Char('f')));
    assert_eq!(
        state.setup.general[state.setup.checklist_cursor - regions],
        on
    );
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("✓ guardrail Slack slack-incidents"), "{text}");
    assert!(!text.contains("passing hidden"), "{text}");
}

#[test]
fn a_failing_check_detail_shows_its_fix_unwrapped_scrolls_sideways_and_copies_it() {
    let mut state = loaded(false);
    audited(&mut state);
    // The first row under the Regions is the first failure.
    let regions = state.setup.regions.len();
    for _ in 0..regions {
        update(&mut state, key(KeyCode::Down));
    }
    update(&mut state, key(KeyCode::Enter));
    let check = match &state.overlay {
        imdeck::app::state::Overlay::Detail {
            target: imdeck::app::state::DetailTarget::Check(index),
            ..
        } => state.setup.checks[*index].clone(),
        other => panic!("no check detail: {other:?}"),
    };
    assert_eq!(check.status, imdeck::domain::audit::Status::Fail);
    let fix = check.fix.clone().expect("the guardrail failure has a fix");
    assert!(fix.starts_with(
        "aws chatbot update-microsoft-teams-channel-configuration --region us-east-2 "
    ));
    both_sizes("check_detail", &state);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    // One screen line holds the start of the command, cut (never wrapped) with an arrow saying there is more.
    let line = text
        .lines()
        .find(|l| l.contains("aws chatbot update-microsoft-teams"))
        .expect("the fix is shown");
    assert!(line.contains('→'), "{line}");
    assert!(
        !text.contains("\n│    --chat-configuration-arn"),
        "wrapped: {text}"
    );
    update(&mut state, key(KeyCode::Right));
    update(&mut state, key(KeyCode::Right));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains('←'), "scrolled: {text}");
    assert!(
        !text.contains("aws chatbot update-microsoft-teams"),
        "{text}"
    );
    // Ctrl-Y copies the exact command, and the title says so.
    let effects = update(&mut state, ctrl('y'));
    assert_eq!(effects, vec![imdeck::app::Effect::CopyToClipboard(fix)]);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("copied the fix command"), "{text}");
}

#[test]
fn dates_carry_the_year_only_when_it_is_not_this_year_and_local_time_names_its_zone() {
    let mut state = loaded(false);
    focus(&mut state, Focus::Timeline);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("  03-31 20:20:00 custom"), "{text}");
    assert!(
        !text.contains("2023-03-31"),
        "this year's dates need no year:\n{text}"
    );
    // A year later the same events carry their year (rows and sparkline alike).
    state.now = Timestamp(now().millis() + 366 * 86_400_000);
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("  2023-03-31 20:20:00 custom"), "{text}");
    assert!(text.contains("2023-03-31 20:10:00 █"), "{text}");
    // `t` shows local time, and the title says which zone that is.
    update(&mut state, key(KeyCode::Char('t')));
    let text = text_of(draw(&state, 160, 48).backend().buffer());
    assert!(text.contains("Timeline · 5/5 · local UTC"), "{text}");
}

/// The incident view draws at every size, down to the smallest the app draws at all.
#[test]
fn the_incident_view_draws_on_tiny_terminals() {
    let mut state = loaded(false);
    update(&mut state, key(KeyCode::Enter));
    for (width, height) in [(20, 6), (30, 8), (40, 12), (60, 10), (200, 60)] {
        let text = text_of(draw(&state, width, height).backend().buffer());
        assert!(!text.trim().is_empty(), "{width}×{height}");
    }
}
