//! The wizard's y/n: exactly what will be written (the changed lines of one step, or the list of every step to apply), before anything is sent.

use crate::domain::setup_plan::render::counted;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::AppState;
use crate::app::state::wizard::PendingApply;
use crate::domain::setup_plan::SetupStep;
use crate::domain::setup_plan::diff::DiffLine;

use super::super::buttons::{self as button, Button};
use super::super::inert::inert;
use super::super::theme::Theme;
use super::super::wrap::wrap;
use super::super::{popup_area, popup_block};

/// A diff this short is shown whole; a longer one (a policy) only by its changed lines.
const WHOLE_DIFF: usize = 12;

fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(&inert(text), width, usize::MAX)
        .into_iter()
        .map(|piece| Line::styled(piece, style))
        .collect()
}

/// The lines that say what one step writes.
fn step_body(
    theme: Theme,
    step: &SetupStep,
    diff: &[DiffLine],
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = wrapped(&step.title, width, theme.heading());
    if step.change().is_none() {
        return lines;
    }
    let whole = diff.len() <= WHOLE_DIFF;
    lines.push(Line::raw(if whole {
        "before → after (- removed, + added):"
    } else {
        "the changed lines (- removed, + added):"
    }));
    for line in diff {
        let (mark, text, style) = match line {
            DiffLine::Same(text) if whole => ("  ", text, Style::default()),
            DiffLine::Same(_) => continue,
            DiffLine::Removed(text) => ("- ", text, theme.removed()),
            DiffLine::Added(text) => ("+ ", text, theme.added()),
        };
        // The policy's own indentation is kept (capped, so a deep line still has room), as the detail shows it.
        let body = text.trim_start();
        let indent = " ".repeat((text.len() - body.len()).min(width / 3));
        for piece in wrap(
            &inert(body),
            width.saturating_sub(2 + indent.len()).max(1),
            usize::MAX,
        ) {
            lines.push(Line::styled(format!("{mark}{indent}{piece}"), style));
        }
    }
    lines
}

fn all_body(pending: &PendingApply, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let theme = super::super::theme(state);
    let mut lines = vec![Line::styled(
        format!(
            "Apply these {}, in order:",
            counted(pending.steps.len(), "change")
        ),
        theme.heading(),
    )];
    for (n, step) in pending.steps.iter().enumerate() {
        let number = format!("{:>2}. ", n + 1);
        for (i, piece) in wrap(&inert(&step.title), width.saturating_sub(4), usize::MAX)
            .into_iter()
            .enumerate()
        {
            let prefix = if i == 0 { number.as_str() } else { "    " };
            lines.push(Line::raw(format!("{prefix}{piece}")));
        }
    }
    let manual = state
        .wizard
        .plan
        .as_ref()
        .map_or(0, |p| p.manual_steps().count());
    if manual > 0 {
        lines.push(Line::styled(
            format!("{} not touched.", counted(manual, "manual step"))
                .replace("step not", "step is not")
                .replace("steps not", "steps are not"),
            theme.dim(),
        ));
    }
    lines
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, pending: &PendingApply) {
    let theme = super::super::theme(state);
    let (popup, lines) = layout(state, area, pending);
    let inner = popup_block(frame, popup, " Apply? ", theme.badge());
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `[y] write it   [n] cancel`, with the effective keymap's first keys.
fn buttons(state: &AppState) -> Vec<Button> {
    let key = |action, fallback| {
        state
            .keymap
            .key_for(Section::Confirm, action)
            .unwrap_or(fallback)
            .to_string()
    };
    vec![
        Button {
            action: Action::Confirm,
            keys: key(Action::Confirm, "y"),
            label: "write it",
        },
        Button {
            action: Action::Leave,
            keys: key(Action::Leave, "n"),
            label: "cancel",
        },
    ]
}

/// Where the buttons are on the screen, for a click (render draws them from the same layout).
pub fn button_rects(state: &AppState, area: Rect, pending: &PendingApply) -> Vec<(Action, Rect)> {
    let (popup, lines) = layout(state, area, pending);
    let inner = popup.inner(ratatui::layout::Margin::new(1, 1));
    let row = inner.y + (lines.len() as u16).saturating_sub(1);
    if row >= inner.bottom() {
        return Vec::new();
    }
    button::rects(
        &buttons(state),
        Rect {
            y: row,
            height: 1,
            ..inner
        },
    )
}

/// The popup's place and its lines, the buttons last.
fn layout<'a>(state: &'a AppState, area: Rect, pending: &'a PendingApply) -> (Rect, Vec<Line<'a>>) {
    let theme = super::super::theme(state);
    let width = area.width.saturating_sub(4).min(110);
    let text_width = usize::from(width.saturating_sub(2));
    let mut body = match (pending.all, pending.steps.first()) {
        (false, Some(step)) => step_body(theme, step, &pending.diff, text_width),
        _ => all_body(pending, state, text_width),
    };
    let mut caveat = String::from(
        "Each resource is read again first; if it changed since this preview nothing is written.",
    );
    if pending.all {
        caveat.push_str(" Applying stops at the first write that fails.");
    }
    let mut closing = wrapped(&caveat, text_width, theme.dim());
    closing.push(button::line(theme, &buttons(state)));
    // Room for the body inside the border, the heading and the closing lines; the rest is counted, not hidden.
    let room = usize::from(area.height.saturating_sub(3))
        .saturating_sub(closing.len())
        .max(2);
    if body.len() > room {
        let hidden = body.len() - (room - 1);
        body.truncate(room - 1);
        body.push(Line::styled(
            format!("… {hidden} more line(s): the step's detail shows them all"),
            theme.dim(),
        ));
    }
    let mut lines = vec![Line::styled("This writes to AWS:", theme.heading())];
    lines.extend(body);
    lines.extend(closing);
    let popup = popup_area(area, width, lines.len() as u16 + 2);
    (popup, lines)
}
