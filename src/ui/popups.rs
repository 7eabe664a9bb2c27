//! The small popups that ask: confirm a write (showing the exact chat line), type a prompt's value, pick a response plan.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::{AppState, PendingCommand, Prompt};

use super::inert::inert;
use super::wrap::wrap;
use super::{popup_area, popup_block};

pub fn confirm(state: &AppState, frame: &mut Frame, area: Rect, pending: &PendingCommand) {
    let theme = super::theme(state);
    let width = area.width.saturating_sub(4).min(100);
    let text_width = usize::from(width.saturating_sub(2));
    let mut lines = vec![Line::styled(
        format!(
            "This runs {} and changes the incident in AWS:",
            pending.line.command.operation()
        ),
        theme.heading(),
    )];
    for piece in wrap(&inert(&pending.shown), text_width, 12) {
        lines.push(Line::styled(piece, theme.key()));
    }
    lines.push(Line::raw(""));
    let yes = state
        .keymap
        .key_for(Section::Confirm, Action::Confirm)
        .unwrap_or("y");
    let no = state
        .keymap
        .key_for(Section::Confirm, Action::Leave)
        .unwrap_or("n");
    lines.push(Line::from(vec![
        Span::styled(format!("[{yes}]"), theme.key()),
        Span::raw(" run it   "),
        Span::styled(format!("[{no}]"), theme.key()),
        Span::raw(" cancel"),
    ]));
    let popup = popup_area(area, width, lines.len() as u16 + 2);
    let inner = popup_block(frame, popup, " Run this command? ", theme.badge());
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn prompt(state: &AppState, frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let theme = super::theme(state);
    let popup = popup_area(area, area.width.saturating_sub(4).min(80), 6);
    let inner = popup_block(
        frame,
        popup,
        format!(" {} ", prompt.kind.title()),
        theme.border(true),
    );
    let [field, error, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(inner.height > 2)),
        Constraint::Min(0),
    ])
    .areas(inner);
    let mut input = prompt.input.clone();
    input.set_style(Style::default());
    frame.render_widget(&input, field);
    if let Some(message) = &prompt.error {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("✗ {}", inert(message)), theme.error())),
            error,
        );
    }
    let ok = state
        .keymap
        .key_for(Section::Prompt, Action::Submit)
        .unwrap_or("enter");
    let cancel = state
        .keymap
        .key_for(Section::Prompt, Action::Leave)
        .unwrap_or("esc");
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("{ok} shows the command before it runs · {cancel} cancels"),
            theme.dim(),
        )),
        hint,
    );
}

pub fn plan_picker(state: &AppState, frame: &mut Frame, area: Rect, selected: usize) {
    let theme = super::theme(state);
    let plans: Vec<_> = state
        .setup
        .plans
        .iter()
        .filter(|p| p.read_error.is_none())
        .collect();
    let popup = popup_area(
        area,
        area.width.saturating_sub(4).min(70),
        plans.len() as u16 + 3,
    );
    let inner = popup_block(
        frame,
        popup,
        " Start an incident from which response plan? ",
        theme.border(true),
    );
    let mut lines: Vec<Line> = plans
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            let line = Line::raw(format!(
                "{} {}",
                if i == selected { "›" } else { " " },
                inert(&plan.name)
            ));
            if i == selected {
                line.patch_style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::styled(
        "enter shows the command before it runs · esc cancels",
        theme.dim(),
    ));
    let scroll = selected.saturating_sub(usize::from(inner.height.saturating_sub(2)));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
