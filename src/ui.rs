//! Rendering: a pure function of `&AppState` into a frame. The layout lives here; each pane and popup has its own file.

pub mod buttons;
pub mod channels;
pub mod checklist;
pub mod clock;
pub mod command_box;
pub mod detail;
pub mod footer;
pub mod header;
pub mod help;
pub mod hit;
pub mod incident_view;
pub mod incidents;
pub mod layout;
pub mod popups;
pub mod theme;
pub mod timeline;
pub mod wizard;
// Text handling lives below app and ui; ui's panes keep naming it as their own.
pub use crate::text::{inert, wrap};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::state::{AppState, Focus, Overlay, ViewPane};
use theme::Theme;

/// From this width the three panes sit side by side; below it the focused pane gets the screen.
pub const WIDE: u16 = 120;

pub fn theme(state: &AppState) -> Theme {
    Theme::with_palette(state.color, state.palette)
}

pub fn render(state: &AppState, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(Paragraph::new("imdeck: terminal too small"), area);
        return;
    }
    let layout::Screen {
        header: header_area,
        body,
        command: command_area,
        footer: footer_area,
    } = layout::screen(state, area);
    header::render(state, frame, header_area);
    if body.height == 0 {
        // Zoomed, the pager has the body's rows.
    } else if state.incident_view.open {
        incident_view::render(state, frame, body);
    } else {
        // The same layout the mouse is hit-tested against.
        let panes = layout::panes(state, body, area.width);
        if let Some(tabs) = panes.tabs {
            pane_tabs(state, frame, tabs);
        }
        for (pane, pane_area) in panes.panes {
            match pane {
                Focus::Checklist => checklist::render(state, frame, pane_area),
                Focus::Channels => channels::render(state, frame, pane_area),
                Focus::Incidents => incidents::render(state, frame, pane_area),
                Focus::Timeline | Focus::Command => timeline::render(state, frame, pane_area),
            }
        }
    }
    incidents::render_alert(state, frame, body);
    command_box::render(state, frame, command_area);
    footer::render(state, frame, footer_area);
    if state.wizard.open {
        // The wizard takes everything between the header (READ-ONLY stays in view) and the footer.
        let wizard_area = Rect {
            height: body.height + command_area.height,
            ..body
        };
        wizard::render(state, frame, wizard_area);
        if let Some(pending) = &state.wizard.pending {
            wizard::confirm::render(state, frame, area, pending);
        }
    }
    match &state.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::render(state, frame, area, *scroll),
        Overlay::Detail { target, scroll } => detail::render(state, frame, area, target, *scroll),
        Overlay::Confirm(pending) => popups::confirm(state, frame, area, pending),
        Overlay::ConfirmProbe(target) => popups::confirm_probe(state, frame, area, target),
        Overlay::Prompt(prompt) => popups::prompt(state, frame, area, prompt),
        Overlay::PlanPicker { selected } => popups::plan_picker(state, frame, area, *selected),
    }
}

/// The pane drawn as focused: the command box lends its highlight to the pane it came from; in the incident
/// view, the timeline is drawn focused while it has the keys.
pub fn shown_focus(state: &AppState) -> Focus {
    if state.incident_view.open {
        return match state.incident_view.pane {
            ViewPane::Timeline => Focus::Timeline,
            ViewPane::Related => Focus::Incidents,
        };
    }
    if state.focus == Focus::Command {
        state.last_pane
    } else {
        state.focus
    }
}

/// The row of pane names on small terminals, so the hidden panes are one Tab away and known to exist.
fn pane_tabs(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = theme(state);
    let focus = shown_focus(state);
    let mut spans = Vec::new();
    for (pane, label, _) in layout::tab_labels(area) {
        if pane == focus {
            spans.push(Span::styled(format!("[{label}]"), theme.selected(true)));
        } else {
            spans.push(Span::raw(format!(" {label} ")));
        }
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered pane with its title; bold (and coloured) when it has the keys.
pub fn pane_block<'a>(state: &AppState, title: impl Into<Line<'a>>, pane: Focus) -> Block<'a> {
    let focused = shown_focus(state) == pane;
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme(state).border(focused))
        .title(title)
}

/// A centred popup of at most `width`×`height`, cleared, with a border and title.
pub fn popup_area(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn popup_block<'a>(
    frame: &mut Frame,
    area: Rect,
    title: impl Into<Line<'a>>,
    style: Style,
) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}
