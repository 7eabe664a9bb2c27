//! Where everything is on the screen, computed from `&AppState` and the terminal's size alone, so render and the mouse (in `update`) share one answer.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::state::{AppState, Focus};

use super::{WIDE, command_box, incidents, shown_focus};

/// The four rows of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    pub body: Rect,
    pub command: Rect,
    pub footer: Rect,
}

pub fn screen(state: &AppState, area: Rect) -> Screen {
    let command_height = command_box::height(state, area);
    // Zoomed, the pager takes the body's rows too.
    let least_body = if command_box::zoomed(state) { 0 } else { 3 };
    let [header, body, command, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(least_body),
        Constraint::Length(command_height),
        Constraint::Length(1),
    ])
    .areas(area);
    Screen {
        header,
        body,
        command,
        footer,
    }
}

/// The dashboard's panes in the body (the incident view and the wizard lay out their own), and on small
/// terminals the row of pane names above the one pane shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panes {
    pub tabs: Option<Rect>,
    pub panes: Vec<(Focus, Rect)>,
}

pub fn panes(state: &AppState, body: Rect, screen_width: u16) -> Panes {
    let shown = match shown_focus(state) {
        Focus::Command => Focus::Timeline,
        other => other,
    };
    if state.zoom {
        return Panes {
            tabs: None,
            panes: vec![(shown, body)],
        };
    }
    if screen_width >= WIDE {
        let [setup, channels, live] = Layout::horizontal([
            Constraint::Percentage(27),
            Constraint::Percentage(31),
            Constraint::Percentage(42),
        ])
        .areas(body);
        let mut panes = vec![(Focus::Checklist, setup), (Focus::Channels, channels)];
        panes.extend(incidents_and_timeline(state, live));
        return Panes { tabs: None, panes };
    }
    let [tabs, pane] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
    let panes = match shown {
        Focus::Incidents => incidents_and_timeline(state, pane).to_vec(),
        other => vec![(other, pane)],
    };
    Panes {
        tabs: Some(tabs),
        panes,
    }
}

/// The incident list over the timeline: the list as tall as its rows, at most two fifths.
fn incidents_and_timeline(state: &AppState, area: Rect) -> [(Focus, Rect); 2] {
    let rows = incidents::wanted_height(state);
    let list_height = rows.min(area.height * 2 / 5).max(4.min(area.height));
    let [list, events] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(area);
    [(Focus::Incidents, list), (Focus::Timeline, events)]
}

/// The labels of the pane-name row and the columns each takes, left to right.
pub fn tab_labels(tabs: Rect) -> Vec<(Focus, &'static str, Rect)> {
    let mut x = tabs.x;
    let mut out = Vec::new();
    for pane in Focus::PANES {
        let label = match pane {
            Focus::Checklist => "Setup",
            other => other.title(),
        };
        // "[Name]" when focused, " Name " otherwise: the same width, then one space.
        let width = label.chars().count() as u16 + 2;
        out.push((
            pane,
            label,
            Rect {
                x,
                y: tabs.y,
                width: width.min(tabs.right().saturating_sub(x)),
                height: 1,
            },
        ));
        x = x.saturating_add(width + 1);
    }
    out
}

/// The pane at a point of the screen, when the dashboard's panes are what is shown there.
pub fn pane_at(state: &AppState, area: Rect, column: u16, row: u16) -> Option<(Focus, Rect)> {
    if state.incident_view.open || state.wizard.open {
        return None;
    }
    let screen = screen(state, area);
    let layout = panes(state, screen.body, area.width);
    let inside = |r: &Rect| r.contains(ratatui::layout::Position { x: column, y: row });
    if let Some(tabs) = layout.tabs
        && inside(&tabs)
    {
        return tab_labels(tabs)
            .into_iter()
            .find(|(_, _, r)| inside(r))
            .map(|(pane, _, r)| (pane, r));
    }
    layout.panes.into_iter().find(|(_, r)| inside(r))
}
