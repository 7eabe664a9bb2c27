//! The mouse through `update`, against frames drawn by render: a click lands on what is drawn where it clicks (rows, panes, buttons), the wheel scrolls.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::{Focus, Overlay};
use imdeck::app::{AppState, Effect, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn sized(mut state: AppState, width: u16, height: u16) -> AppState {
    update(&mut state, Msg::Resized { width, height });
    state
}

fn draw(state: &AppState) -> Buffer {
    let (width, height) = state.viewport;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The event as the runtime hands it over: with what the frame drew under the pointer.
fn mouse(state: &AppState, kind: MouseEventKind, column: u16, row: u16) -> Msg {
    imdeck::ui::hit::mouse_msg(
        state,
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        },
    )
}

fn click(state: &mut AppState, (column, row): (u16, u16)) -> Vec<Effect> {
    let msg = mouse(state, MouseEventKind::Down(MouseButton::Left), column, row);
    update(state, msg)
}

fn turn(state: &mut AppState, kind: MouseEventKind, column: u16, row: u16) -> Vec<Effect> {
    let msg = mouse(state, kind, column, row);
    update(state, msg)
}

/// Where `text` starts on the drawn screen (in cells).
fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    find_right_of(buffer, text, 0)
}

/// The first place `text` is drawn at column `from` or right of it (a pane's own columns).
fn find_right_of(buffer: &Buffer, text: &str, from: u16) -> Option<(u16, u16)> {
    let area = buffer.area;
    (0..area.height).find_map(|y| {
        let cells: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        (usize::from(from)..cells.len())
            .find(|&x| cells[x..].concat().starts_with(text))
            .map(|x| (x as u16, y))
    })
}

#[test]
fn a_click_on_any_incident_row_highlights_exactly_that_incident_wide_and_narrow() {
    for (width, height) in [(160, 48), (100, 30), (80, 24)] {
        let state = sized(loaded(false), width, height);
        let mut clicked = 0;
        for (row, &index) in state.incidents.visible.clone().iter().enumerate() {
            let mut state = state.clone();
            let title = state.incidents.items[index].title.clone();
            let buffer = draw(&state);
            let Some(at) = find(&buffer, &title[..12]) else {
                continue; // not on screen at this size: nothing to click
            };
            click(&mut state, at);
            clicked += 1;
            assert_eq!(state.focus, Focus::Incidents, "{width}x{height}");
            assert_eq!(
                state.incidents.cursor(),
                row,
                "{width}x{height}: clicked `{title}`"
            );
        }
        assert!(
            clicked >= 2,
            "{width}x{height}: only {clicked} rows on screen"
        );
    }
}

#[test]
fn a_click_on_a_heading_or_a_border_selects_nothing_new() {
    let mut state = sized(loaded(false), 160, 48);
    let before = state.incidents.cursor();
    let buffer = draw(&state);
    let heading = find(&buffer, "Open (").expect("the open heading");
    click(&mut state, heading);
    assert_eq!(state.incidents.cursor(), before);
    let border = find(&buffer, "┌ Incidents").expect("the incidents border");
    click(&mut state, border);
    assert_eq!(state.incidents.cursor(), before);
    assert_eq!(state.focus, Focus::Incidents, "the border is the pane's");
}

#[test]
fn a_click_focuses_the_pane_under_it_and_a_pane_tab_on_a_small_screen() {
    let mut state = sized(loaded(false), 160, 48);
    let buffer = draw(&state);
    let channels = find(&buffer, "Channels per response plan").expect("channels pane");
    click(&mut state, (channels.0, channels.1 + 5));
    assert_eq!(state.focus, Focus::Channels);

    let mut small = sized(loaded(false), 80, 24);
    let buffer = draw(&small);
    let tab = find(&buffer, "Setup").expect("the Setup tab");
    click(&mut small, tab);
    assert_eq!(small.focus, Focus::Checklist);
    let buffer = draw(&small);
    assert!(find(&buffer, "[Setup]").is_some(), "the tab row shows it");
}

#[test]
fn the_wheel_scrolls_the_pane_under_it_one_row_a_notch() {
    let mut state = sized(loaded(false), 160, 48);
    let buffer = draw(&state);
    let checklist = find(&buffer, "Setup checklist").expect("checklist pane");
    let before = state.setup.checklist_cursor;
    turn(
        &mut state,
        MouseEventKind::ScrollDown,
        checklist.0,
        checklist.1 + 4,
    );
    assert_eq!(state.focus, Focus::Checklist);
    assert_eq!(state.setup.checklist_cursor, before + 1);
    turn(
        &mut state,
        MouseEventKind::ScrollUp,
        checklist.0,
        checklist.1 + 4,
    );
    assert_eq!(state.setup.checklist_cursor, before);
}

#[test]
fn the_wheel_scrolls_help_and_a_click_cannot_reach_the_panes_under_a_popup() {
    let mut state = sized(loaded(false), 80, 24);
    update(&mut state, key(KeyCode::Char('?')));
    turn(&mut state, MouseEventKind::ScrollDown, 40, 12);
    turn(&mut state, MouseEventKind::ScrollDown, 40, 12);
    assert!(
        matches!(state.overlay, Overlay::Help { scroll: 2 }),
        "{:?}",
        state.overlay
    );
    let focus = state.focus;
    click(&mut state, (1, 3));
    assert!(matches!(state.overlay, Overlay::Help { .. }), "still open");
    assert_eq!(state.focus, focus);
}

#[test]
fn the_confirmations_buttons_are_where_they_are_drawn() {
    let mut state = sized(loaded(false), 160, 48);
    update(&mut state, key(KeyCode::Char('r')));
    // The optional resolution summary, left empty.
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(state.overlay, Overlay::Confirm(_)));
    let buffer = draw(&state);

    // A click beside the buttons does nothing; on [n] it cancels, writing nothing.
    let no = find(&buffer, "[n/").expect("the cancel button");
    assert_eq!(
        click(&mut state.clone(), (no.0 - 3, no.1)),
        vec![],
        "the gap"
    );
    let mut cancelled = state.clone();
    assert_eq!(click(&mut cancelled, (no.0 + 2, no.1)), vec![]);
    assert!(matches!(cancelled.overlay, Overlay::None));

    // On [y], the confirmed command runs: the same effect the y key gives.
    let yes = find(&buffer, "[y]").expect("the run button");
    let mut by_key = state.clone();
    let keyed = update(&mut by_key, key(KeyCode::Char('y')));
    let clicked = click(&mut state, (yes.0 + 5, yes.1));
    assert!(
        matches!(clicked.as_slice(), [Effect::RunCommand { .. }, ..]),
        "{clicked:?}"
    );
    assert_eq!(clicked, keyed);
}

/// The text of screen row `y` between columns `x0..x1`.
fn row_text(buffer: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    (x0..x1).map(|x| buffer[(x, y)].symbol()).collect()
}

#[test]
fn a_click_on_a_checklist_row_or_a_channels_plan_selects_it() {
    let state = sized(loaded(false), 160, 48);
    let buffer = draw(&state);
    let (left, top) = find(&buffer, "┌ Setup checklist").expect("checklist pane");
    let (right, _) = find(&buffer, "┌ Channels").expect("channels pane");
    // Every Region row and general check, as drawn: a click on its line selects exactly it.
    let mut rows = 0;
    for y in top + 1..buffer.area.height {
        let line = row_text(&buffer, y, left, right);
        let Some(expected) = state
            .setup
            .regions
            .iter()
            .position(|r| line.contains(&format!(" {} ", r.region)))
        else {
            continue;
        };
        let mut clicked = state.clone();
        click(&mut clicked, (left + 3, y));
        assert_eq!(
            (clicked.focus, clicked.setup.checklist_cursor),
            (Focus::Checklist, expected),
            "{line}"
        );
        rows += 1;
    }
    assert_eq!(
        rows,
        state.setup.regions.len(),
        "every Region row was found"
    );

    let mut plans = 0;
    for (index, plan) in state.setup.plans.iter().enumerate() {
        // The checklist may name the plan too; the channels pane's row is the one to click.
        let Some((x, y)) = find_right_of(&buffer, &plan.name, right) else {
            continue;
        };
        plans += 1;
        let mut clicked = state.clone();
        // The plan's first line, and the line under it (its channel or its error) are both the plan's.
        click(&mut clicked, (x, y));
        assert_eq!(
            (clicked.focus, clicked.setup.channels_cursor),
            (Focus::Channels, index)
        );
        let mut below = state.clone();
        click(&mut below, (x, y + 1));
        assert_eq!(below.setup.channels_cursor, index, "{}", plan.name);
    }
    assert!(plans >= 3, "only {plans} plans were found on screen");
}

#[test]
fn a_click_on_any_line_of_a_timeline_event_selects_that_event() {
    let state = sized(loaded(false), 160, 48);
    let buffer = draw(&state);
    let (left, top) = find(&buffer, "┌ Timeline").expect("timeline pane");
    let right = buffer.area.width - 1;
    // An event's first line starts with its time ("MM-DD HH:MM:SS") after the two mark columns.
    let starts_event = |y: u16| {
        let line = row_text(&buffer, y, left + 1, right);
        let time: Vec<char> = line.chars().skip(2).take(14).collect();
        time.len() == 14 && time[2] == '-' && time[5] == ' ' && time[8] == ':' && time[11] == ':'
    };
    let starts: Vec<u16> = (top + 1..buffer.area.height)
        .filter(|&y| starts_event(y))
        .collect();
    assert_eq!(
        starts.len(),
        state.timeline.len(),
        "every event fits at 160x48"
    );
    for (index, &y) in starts.iter().enumerate() {
        let mut clicked = state.clone();
        click(&mut clicked, (left + 20, y));
        assert_eq!(
            (clicked.focus, clicked.timeline.cursor),
            (Focus::Timeline, index)
        );
    }
    // A wrapped event's second line belongs to it too.
    if let Some(pair) = starts.windows(2).find(|w| w[1] > w[0] + 1) {
        let index = starts.iter().position(|&y| y == pair[0]).expect("a start");
        let mut clicked = state.clone();
        click(&mut clicked, (left + 30, pair[0] + 1));
        assert_eq!(clicked.timeline.cursor, index);
    }
}

#[test]
fn timeline_clicks_follow_the_window_when_not_every_event_fits() {
    // A small screen with the timeline focused: it starts at the newest event, older ones scrolled off.
    let mut state = sized(loaded(false), 100, 16);
    let buffer = draw(&state);
    let tab = find(&buffer, "Timeline").expect("the Timeline tab");
    click(&mut state, tab);
    assert_eq!(state.focus, Focus::Timeline);
    let buffer = draw(&state);
    let (left, top) = find(&buffer, "┌ Timeline").expect("timeline pane");
    let starts: Vec<(u16, bool)> = (top + 1..buffer.area.height)
        .filter_map(|y| {
            let line = row_text(&buffer, y, left + 1, buffer.area.width - 1);
            let time: Vec<char> = line.chars().skip(2).take(14).collect();
            (time.len() == 14 && time[2] == '-' && time[8] == ':')
                .then(|| (y, line.starts_with('›')))
        })
        .collect();
    assert!(
        starts.len() >= 2 && starts.len() < state.timeline.len(),
        "some events, not all, are shown: {starts:?}"
    );
    // Consecutive rows are consecutive events, and the highlighted one is the cursor's.
    let cursor = state.timeline.cursor;
    let highlighted = starts
        .iter()
        .position(|(_, h)| *h)
        .expect("the cursor's row");
    for (k, (y, _)) in starts.iter().enumerate() {
        let mut clicked = state.clone();
        click(&mut clicked, (left + 20, *y));
        assert_eq!(clicked.timeline.cursor + highlighted, cursor + k, "row {y}");
    }
}
