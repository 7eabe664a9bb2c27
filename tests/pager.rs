//! The command output's pager, driven through `update` with keys and drawn: scrolling stays in bounds, search
//! wraps and marks its matches, ctrl-y copies everything, esc clears, and it keeps to half the screen unless zoomed.

#[path = "support/demo.rs"]
mod demo;
#[path = "support/screen.rs"]
mod screen;

use demo::*;
use imdeck::app::keymap::Section;
use imdeck::app::state::{CommandOutput, Focus};
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::domain::chat_command::{ChatLine, OutputFormat};
use imdeck::domain::command::{IncidentCommand, Paging};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use screen::draw;

fn text_of(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn list_incidents() -> ChatLine {
    ChatLine {
        command: IncidentCommand::ListIncidentRecords {
            filters: Vec::new(),
            paging: Paging::default(),
        },
        region: None,
        query: None,
        output: OutputFormat::Json,
    }
}

/// A list-incident-records answer of twelve incidents: about 90 rows of JSON.
fn long_response() -> serde_json::Value {
    let summaries: Vec<serde_json::Value> = (1..=12)
        .map(|i| {
            serde_json::json!({
                "arn": format!("arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/{i:04}c397e6-7c10-aa10-9b86-f199aEXAMPLE"),
                "title": if i % 5 == 0 { format!("Checkout errors wave {i}") } else { format!("Payment API latency {i}") },
                "status": "OPEN",
                "impact": 1 + i % 5,
            })
        })
        .collect();
    serde_json::json!({ "incidentRecordSummaries": summaries })
}

/// A loaded screen with the long output under the command box, the keys back on the incidents pane.
fn with_long_output(width: u16, height: u16) -> AppState {
    let mut state = loaded(false);
    update(&mut state, Msg::Resized { width, height });
    update(
        &mut state,
        Msg::CommandFinished {
            line: list_incidents(),
            result: Ok(long_response()),
        },
    );
    assert!(matches!(state.command.output, CommandOutput::Text { .. }));
    state
}

fn rows(state: &AppState) -> Vec<String> {
    imdeck::ui::command_box::output_rows(state, state.viewport.0)
}

#[test]
fn the_preview_is_a_quarter_of_the_screen_and_says_how_to_page() {
    let state = with_long_output(80, 24);
    assert!(rows(&state).len() > 60, "{}", rows(&state).len());
    let terminal = draw(&state, 80, 24);
    let text = text_of(terminal.backend().buffer());
    let rule = text
        .iter()
        .position(|l| l.contains(": command"))
        .expect("the command rule");
    // Rule, input line, 5 rows, the status line, then the footer.
    assert_eq!(rule, 24 - 1 - 8, "{text:#?}");
    assert!(
        text[22].contains("── 1–5 of")
            && text[22].contains("p pager: scroll, search, copy · esc clears"),
        "{}",
        text[22]
    );
    insta::assert_snapshot!("pager_preview_80x24", terminal.backend());
}

#[test]
fn p_gives_the_pager_the_keys_and_scrolling_stays_in_bounds() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    assert_eq!(state.key_section(), Section::Pager);
    let total = rows(&state).len();
    // Focused: half the screen (12 rows) less the rule and the input line, less the status line.
    let page = 9;
    update(&mut state, key(KeyCode::Char('G')));
    assert_eq!(state.command.pager.top, total - page);
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(
        state.command.pager.top,
        total - page,
        "j at the bottom stays"
    );
    update(&mut state, key(KeyCode::Char('k')));
    assert_eq!(state.command.pager.top, total - page - 1);
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(state.command.pager.top, 0);
    update(&mut state, key(KeyCode::PageDown));
    update(&mut state, key(KeyCode::Char(' ')));
    assert_eq!(state.command.pager.top, 2 * page);
    update(&mut state, key(KeyCode::PageUp));
    assert_eq!(state.command.pager.top, page);
    // q leaves the pager, never imdeck, and keeps the output and where it was.
    let effects = update(&mut state, key(KeyCode::Char('q')));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(state.key_section(), Section::Incidents);
    assert_eq!(state.command.pager.top, page);
    assert!(matches!(state.command.output, CommandOutput::Text { .. }));
}

#[test]
fn the_pager_takes_at_most_half_the_screen_unless_zoomed() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    let rule = text
        .iter()
        .position(|l| l.contains("command output · pager"))
        .expect("the pager's rule");
    assert_eq!(
        rule,
        24 - 1 - 12,
        "the command area is half of 24 rows:\n{text:#?}"
    );
    update(&mut state, key(KeyCode::Char('z')));
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(
        text[1].contains("command output · pager"),
        "zoomed, the pager starts under the header:\n{text:#?}"
    );
    insta::assert_snapshot!("pager_zoomed_80x24", draw(&state, 80, 24).backend());
    update(&mut state, key(KeyCode::Char('z')));
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(text[11].contains("command output · pager"), "{text:#?}");
}

fn search(state: &mut AppState, query: &str) {
    update(state, key(KeyCode::Char('/')));
    assert_eq!(state.key_section(), Section::PagerSearch);
    typed(state, query);
    update(state, key(KeyCode::Enter));
    assert_eq!(state.key_section(), Section::Pager);
}

#[test]
fn search_moves_to_matches_wraps_and_marks_them() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    // Typed in the search, n and q are text, not keys.
    search(&mut state, "checkout");
    let all = rows(&state);
    let hits: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].to_lowercase().contains("checkout"))
        .collect();
    assert_eq!(hits.len(), 2, "{all:#?}");
    assert_eq!(state.command.pager.current, Some(hits[0]));
    let page = 9;
    assert!(state.command.pager.top <= hits[0] && hits[0] < state.command.pager.top + page);
    update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(state.command.pager.current, Some(hits[1]));
    update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(
        state.command.pager.current,
        Some(hits[0]),
        "n went round the end"
    );
    assert!(state.command.pager.note.is_some());
    update(&mut state, key(KeyCode::Char('N')));
    assert_eq!(
        state.command.pager.current,
        Some(hits[1]),
        "N went round the top"
    );

    let terminal = draw(&state, 80, 24);
    let buffer = terminal.backend().buffer();
    let text = text_of(buffer);
    let y = text
        .iter()
        .position(|l| l.contains("Checkout errors wave 10"))
        .expect("the current match is in view") as u16;
    let x = text[y as usize].find("Checkout").expect("match") as u16;
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "matches show in reverse video"
    );
    assert!(
        text.iter().any(|l| l.contains("/checkout match 2/2")),
        "{text:#?}"
    );
    insta::assert_snapshot!("pager_search_80x24", terminal.backend());

    // Esc while typing a search drops the typing, keeps the applied query; ctrl-c too, and never quits.
    update(&mut state, key(KeyCode::Char('/')));
    typed(&mut state, "zzz");
    let effects = update(
        &mut state,
        Msg::KeyPressed(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(state.command.pager.query, "checkout");
    assert_eq!(state.key_section(), Section::Pager);
}

#[test]
fn search_at_160x48() {
    let mut state = with_long_output(160, 48);
    update(&mut state, key(KeyCode::Char('p')));
    search(&mut state, "checkout");
    update(&mut state, key(KeyCode::Char('n')));
    let terminal = draw(&state, 160, 48);
    let text = text_of(terminal.backend().buffer()).join("\n");
    assert!(text.contains("/checkout match 2/2"), "{text}");
    insta::assert_snapshot!("pager_search_160x48", terminal.backend());
}

#[test]
fn a_search_with_no_match_says_so() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    search(&mut state, "no-such-text");
    assert_eq!(state.command.pager.current, None);
    let text = text_of(draw(&state, 80, 24).backend().buffer()).join("\n");
    assert!(text.contains("no match for “no-such-text”"), "{text}");
}

#[test]
fn ctrl_y_copies_the_whole_output_and_esc_clears_it() {
    let mut state = with_long_output(80, 24);
    let body = match &state.command.output {
        CommandOutput::Text { body, .. } => body.clone(),
        other => panic!("{other:?}"),
    };
    update(&mut state, key(KeyCode::Char('p')));
    let effects = update(&mut state, ctrl('y'));
    assert_eq!(effects, vec![Effect::CopyToClipboard(body.clone())]);
    serde_json::from_str::<serde_json::Value>(&body).expect("the copy is the JSON as it came");
    assert!(
        matches!(state.command.output, CommandOutput::Text { .. }),
        "copying keeps the output"
    );
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.command.output, CommandOutput::None);
    assert_eq!(state.key_section(), Section::Incidents);
    let text = text_of(draw(&state, 80, 24).backend().buffer());
    assert!(
        text[21].contains(": command"),
        "the command area is back to two rows:\n{text:#?}"
    );
}

#[test]
fn esc_in_a_pane_clears_the_output_and_p_without_output_does_nothing() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.command.output, CommandOutput::None);
    update(&mut state, key(KeyCode::Char('p')));
    assert_eq!(state.key_section(), Section::Incidents);
}

#[test]
fn pgdn_in_the_command_box_scrolls_the_output_under_it() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char(':')));
    typed(&mut state, "@aws");
    update(&mut state, key(KeyCode::PageDown));
    assert_eq!(state.focus, Focus::Command);
    assert_eq!(state.command.text(), "@aws", "the line is kept");
    // The preview shows 5 rows and a status line.
    assert_eq!(state.command.pager.top, 5);
    let text = text_of(draw(&state, 80, 24).backend().buffer()).join("\n");
    assert!(text.contains("── 6–10 of"), "{text}");
    assert!(text.contains("pgup/pgdn scroll"), "{text}");
}

#[test]
fn a_resize_keeps_the_view_inside_the_rows() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    update(&mut state, key(KeyCode::Char('G')));
    let bottom_small = state.command.pager.top;
    update(
        &mut state,
        Msg::Resized {
            width: 160,
            height: 48,
        },
    );
    let total = rows(&state).len();
    // 48 rows: 24 for the command area, 21 of output in view.
    assert_eq!(state.command.pager.top, total - 21);
    assert!(state.command.pager.top < bottom_small);
}

#[test]
fn a_new_output_starts_at_its_top() {
    let mut state = with_long_output(80, 24);
    update(&mut state, key(KeyCode::Char('p')));
    update(&mut state, key(KeyCode::Char('G')));
    search(&mut state, "latency");
    update(&mut state, key(KeyCode::Char('q')));
    update(
        &mut state,
        Msg::CommandFinished {
            line: list_incidents(),
            result: Ok(serde_json::json!({ "incidentRecordSummaries": [] })),
        },
    );
    let text = text_of(draw(&state, 80, 24).backend().buffer()).join("\n");
    assert!(text.contains("\"incidentRecordSummaries\": []"), "{text}");
    assert!(!text.contains("/latency"), "{text}");
}
