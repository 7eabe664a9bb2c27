//! The small popups that ask: confirm a write (showing the exact chat line), type a prompt's value, pick a response plan.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::{AppState, PendingCommand, Prompt, PromptKind};
use crate::domain::model::{IncidentStatus, impact_label};
use crate::domain::probe::{ProbeTarget, confirmation_words};

use super::buttons::{self, Button};
use super::clock::{self, age};
use super::inert::inert;
use super::wrap::{wrap, wrap_command};
use super::{popup_area, popup_block};

/// The confirmation says in words what will happen to what, then the exact chat line (copyable), then the keys.
/// Every word comes from the pending command itself, never from what is highlighted now.
pub fn confirm(state: &AppState, frame: &mut Frame, area: Rect, pending: &PendingCommand) {
    let theme = super::theme(state);
    let (popup, lines) = confirm_layout(state, area, pending);
    let title = if pending.line.command.is_mutating() {
        " This changes AWS — run it? "
    } else {
        " Run this command? "
    };
    let inner = popup_block(frame, popup, title, theme.badge());
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The confirmation's buttons, from the effective keymap.
fn confirm_buttons(state: &AppState) -> Vec<Button> {
    let key = |action| {
        state
            .keymap
            .bindings(Section::Confirm)
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.join("/"))
            .unwrap_or_default()
    };
    [
        (Action::Confirm, "run it"),
        (Action::Leave, "cancel"),
        (Action::CopyLine, "copy the line"),
    ]
    .into_iter()
    .map(|(action, label)| Button {
        action,
        keys: key(action),
        label,
    })
    .collect()
}

/// Where the confirmation's buttons are on the screen, for a click (render draws them from the same layout).
pub fn confirm_button_rects(
    state: &AppState,
    area: Rect,
    pending: &PendingCommand,
) -> Vec<(Action, Rect)> {
    let (popup, lines) = confirm_layout(state, area, pending);
    let inner = popup.inner(ratatui::layout::Margin::new(1, 1));
    let row = inner.y + (lines.len() as u16).saturating_sub(1);
    if row >= inner.bottom() {
        return Vec::new();
    }
    buttons::rects(
        &confirm_buttons(state),
        Rect {
            y: row,
            height: 1,
            ..inner
        },
    )
}

/// The popup's place and its lines, the buttons last.
fn confirm_layout<'a>(
    state: &'a AppState,
    area: Rect,
    pending: &'a PendingCommand,
) -> (Rect, Vec<Line<'a>>) {
    let theme = super::theme(state);
    let width = area.width.saturating_sub(4).min(110);
    let text_width = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = wrap(&inert(&pending.what), text_width, 4)
        .into_iter()
        .map(|piece| Line::styled(piece, theme.heading()))
        .collect();
    match (&pending.incident, &pending.incident_arn) {
        (Some(incident), _) => {
            let status = match incident.status {
                IncidentStatus::Open => {
                    format!("open for {}", age(incident.creation_time, state.now))
                }
                IncidentStatus::Resolved => "resolved".to_string(),
            };
            let about = format!(
                "Incident: “{}” — {status}, impact {} ({})",
                inert(&incident.title),
                incident.impact,
                impact_label(incident.impact)
            );
            lines.extend(wrap(&about, text_width, 3).into_iter().map(Line::raw));
        }
        (None, Some(_)) => lines.push(Line::styled(
            "Incident: not in the incident list (named only by the ARN below)",
            theme.error(),
        )),
        (None, None) => {}
    }
    if let Some((at, event_type, text)) = &pending.event {
        let about = format!(
            "Event: {} at {}: {}",
            event_type,
            clock::time(*at, state.utc, false),
            text.as_deref().map_or_else(
                || "(text not read yet)".to_string(),
                |t| format!("“{}”", inert(t))
            )
        );
        lines.extend(wrap(&about, text_width, 4).into_iter().map(Line::raw));
    }
    lines.push(Line::raw(""));
    let copy = state
        .keymap
        .key_for(Section::Confirm, Action::CopyLine)
        .unwrap_or("ctrl-y");
    lines.push(Line::styled(
        format!("The chat line ({copy} copies it):"),
        theme.dim(),
    ));
    for piece in wrap_command(&inert(&pending.shown), text_width) {
        lines.push(Line::styled(piece, theme.key()));
    }
    lines.push(Line::raw(""));
    lines.push(buttons::line(theme, &confirm_buttons(state)));
    let popup = popup_area(area, width, lines.len() as u16 + 2);
    (popup, lines)
}

pub fn prompt(state: &AppState, frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let theme = super::theme(state);
    let popup = popup_area(area, area.width.saturating_sub(4).min(90), 7);
    let inner = popup_block(
        frame,
        popup,
        format!(" {} ", prompt.kind.title()),
        theme.border(true),
    );
    let [target, field, error, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(inner.height > 3)),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Line::styled(
            match prompt.kind {
                PromptKind::StartTitle | PromptKind::StartImpact { .. } => {
                    format!("response plan “{}”", inert(&prompt.title))
                }
                _ => format!("incident “{}”", inert(&prompt.title)),
            },
            theme.dim(),
        )),
        target,
    );
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
    let hint_text = match prompt.kind {
        PromptKind::ExportPath { .. } => format!("{ok} writes the file · {cancel} cancels"),
        PromptKind::StartTitle => format!("{ok} goes on to the impact · {cancel} cancels"),
        PromptKind::Impact | PromptKind::StartImpact { .. } => {
            format!(
                "↑/↓ step the impact · {ok} shows the command before it runs · {cancel} cancels"
            )
        }
        _ => format!("{ok} shows the command before it runs · {cancel} cancels"),
    };
    frame.render_widget(Paragraph::new(Line::styled(hint_text, theme.dim())), hint);
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
    let key = |action, fallback| {
        state
            .keymap
            .key_for(Section::Picker, action)
            .unwrap_or(fallback)
    };
    lines.push(Line::styled(
        format!(
            "{}/{} choose · {} shows the command before it runs · {} cancels",
            key(Action::Up, "up"),
            key(Action::Down, "down"),
            key(Action::Submit, "enter"),
            key(Action::Leave, "esc")
        ),
        theme.dim(),
    ));
    let scroll = selected.saturating_sub(usize::from(inner.height.saturating_sub(2)));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

/// The probe's question: the channel and every topic with its Region, in words, and the two keys.
pub fn confirm_probe(state: &AppState, frame: &mut Frame, area: Rect, target: &ProbeTarget) {
    let theme = super::theme(state);
    let width = area.width.saturating_sub(4).min(110);
    let text_width = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = wrap(&inert(&confirmation_words(target)), text_width, 8)
        .into_iter()
        .map(|piece| Line::styled(piece, theme.heading()))
        .collect();
    lines.push(Line::raw(""));
    let key = |action| {
        state
            .keymap
            .bindings(Section::Confirm)
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.join("/"))
            .unwrap_or_default()
    };
    lines.push(Line::from(vec![
        Span::styled(format!("[{}]", key(Action::Confirm)), theme.key()),
        Span::raw(" publish the probe   "),
        Span::styled(format!("[{}]", key(Action::Leave)), theme.key()),
        Span::raw(" cancel"),
    ]));
    let popup = popup_area(area, width, lines.len() as u16 + 2);
    let inner = popup_block(
        frame,
        popup,
        " This publishes to SNS — send the probe? ",
        theme.badge(),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
