//! The light theme and `[theme]` overrides: a snapshot with its colours (the buffer's styles), and colour asserts on the cells that carry meaning.

#[path = "support/demo.rs"]
mod demo;

use demo::*;
use imdeck::app::state::Focus;
use imdeck::app::{AppState, update};
use imdeck::config::{Inputs, resolve};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

fn draw(state: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The demo dashboard with the checklist focused, in the palette a config file gives.
fn themed(config: &str) -> AppState {
    let settings =
        resolve("config.toml", Some(config), &Inputs::default()).expect("a valid config");
    let mut state = loaded(false);
    state.color = true;
    state.palette = settings.palette;
    for _ in 0..4 {
        if state.focus == Focus::Checklist {
            break;
        }
        update(&mut state, key(KeyCode::Tab));
    }
    state
}

fn find_cell(buffer: &Buffer, symbol: &str, from_row: u16) -> (u16, u16) {
    let area = buffer.area;
    (from_row..area.height)
        .find_map(|y| {
            (0..area.width)
                .find(|&x| buffer[(x, y)].symbol() == symbol)
                .map(|x| (x, y))
        })
        .unwrap_or_else(|| panic!("no `{symbol}` on screen"))
}

/// The first cell of the first occurrence of `text` on a row.
fn find_text(buffer: &Buffer, text: &str) -> (u16, u16) {
    let area = buffer.area;
    (0..area.height)
        .find_map(|y| {
            let row: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            let line: String = row.concat();
            line.find(text).map(|byte| {
                // Map the byte offset back to a column (the rows hold multi-byte marks).
                let mut col = 0;
                let mut seen = 0;
                while seen < byte {
                    seen += row[col].len();
                    col += 1;
                }
                (col as u16, y)
            })
        })
        .unwrap_or_else(|| panic!("no `{text}` on screen"))
}

#[test]
fn the_light_theme_snapshot_with_its_colours() {
    let state = themed("[theme]\nbase = \"light\"\n");
    let buffer = draw(&state, 80, 24);
    // The buffer's Debug form lists every style run, so a colour change shows in the snapshot too.
    insta::assert_debug_snapshot!("light_theme_80x24", buffer);

    let (x, y) = find_cell(&buffer, "✗", 2);
    assert_eq!(buffer[(x, y)].fg, Color::Red, "fail stays red");
    let (x, y) = find_cell(&buffer, "✓", 2);
    assert_eq!(buffer[(x, y)].fg, Color::Green, "pass stays green");
    let (x, y) = find_text(&buffer, "Setup checklist");
    assert_eq!(
        buffer[(x.saturating_sub(2), y)].fg,
        Color::Blue,
        "the focused border is blue, not the dark theme's cyan (unreadable on white)"
    );
    let (x, y) = find_text(&buffer, "help");
    assert_eq!(
        buffer[(x - 2, y)].fg,
        Color::Blue,
        "the footer's key is blue in the light theme"
    );
    let dark = draw(&themed(""), 80, 24);
    assert_eq!(dark[(x - 2, y)].fg, Color::Cyan, "and cyan in the dark one");
}

#[test]
fn theme_roles_from_the_config_file_recolour_every_cell_of_that_role() {
    let state = themed("[theme]\nbase = \"light\"\nfail = \"#ff00ff\"\nkey = \"green\"\n");
    let buffer = draw(&state, 160, 48);
    let (x, y) = find_cell(&buffer, "✗", 2);
    assert_eq!(
        buffer[(x, y)].fg,
        Color::Rgb(255, 0, 255),
        "fail as the file says"
    );
    let (x, y) = find_text(&buffer, "help");
    assert_eq!(buffer[(x - 2, y)].fg, Color::Green, "key as the file says");
    let (x, y) = find_cell(&buffer, "✓", 2);
    assert_eq!(buffer[(x, y)].fg, Color::Green, "pass untouched");
}
