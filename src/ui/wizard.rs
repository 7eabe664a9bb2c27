//! The setup wizard over the panes: the three tasks' steps with their check marks, the selected step in full, and what just happened.

pub mod confirm;
pub mod step_detail;

use crate::domain::setup_plan::render::counted;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::keymap::{Action, Section};
use crate::app::state::AppState;
use crate::app::state::wizard::{StepRef, TASKS, WizardNote, step_status};
use crate::domain::audit::Status;
use crate::domain::setup_plan::StepAction;

use super::WIDE;
use super::footer::SPINNER;
use super::inert::inert;
use super::wrap::wrap;

fn title(state: &AppState) -> String {
    let Some(plan) = &state.wizard.plan else {
        return " Setup wizard ".into();
    };
    let changes = plan.changes().count();
    let manual = plan.manual_steps().count();
    let regions = if plan.regions.is_empty() {
        "no Regions".to_string()
    } else {
        plan.regions.join(", ")
    };
    // Most telling first: a narrow terminal cuts the end of the title.
    format!(
        " Setup wizard · {} to apply, {manual} manual · account {} · {} ",
        counted(changes, "change"),
        inert(&plan.account),
        inert(&regions)
    )
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title(state));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let status_height = note_lines(state, inner.width).len() as u16 + 1;
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(status_height)]).areas(inner);
    if state.wizard.plan.is_none() {
        let waiting = match &state.setup.refresh.failure {
            Some(failure) if state.setup.loading.is_none() => {
                format!("the setup snapshot could not be read: {}", inert(failure))
            }
            _ => "waiting for the setup snapshot…".to_string(),
        };
        frame.render_widget(Paragraph::new(Line::styled(waiting, theme.dim())), main);
    } else if area.width >= WIDE {
        let list_width = (main.width * 2 / 5).min(70);
        let [list, detail] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(main);
        let divider = Block::default()
            .borders(Borders::RIGHT)
            .border_style(theme.dim());
        let list_inner = divider.inner(list);
        frame.render_widget(divider, list);
        step_list(state, frame, list_inner);
        step_detail(
            state,
            frame,
            detail.inner(ratatui::layout::Margin::new(1, 0)),
        );
    } else {
        let rows = state.wizard.rows().len() as u16 + TASKS.len() as u16;
        let list_height = rows.min(main.height / 3).max(3.min(main.height));
        let [list, divider, detail] = Layout::vertical([
            Constraint::Length(list_height),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(main);
        step_list(state, frame, list);
        frame.render_widget(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim()),
            divider,
        );
        step_detail(state, frame, detail);
    }
    status_lines(state, frame, status);
}

/// The number (as `imdeck setup --plan` numbers them) of the first step still to do that re-runs one of the
/// applied step's checks in the same Region: the step its still-failing check waits for.
fn passes_after(wizard: &crate::app::state::Wizard, applied: usize) -> Option<usize> {
    let done = &wizard.applied.get(applied)?.step;
    let plan = wizard.plan.as_ref()?;
    plan.steps
        .iter()
        .position(|s| {
            s.region == done.region && s.rechecks.iter().any(|id| done.rechecks.contains(id))
        })
        .map(|i| i + 1)
}

/// The tasks in order, each with its steps: applied ones first, then what is left.
fn step_list(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let wizard = &state.wizard;
    let rows = wizard.rows();
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for task in TASKS {
        lines.push(Line::styled(
            format!("Task {} · {}", task.number(), task.title()),
            theme.heading(),
        ));
        let mut any = false;
        for (row, (_, at)) in rows.iter().enumerate().filter(|(_, (t, _))| *t == task) {
            any = true;
            let Some(step) = wizard.step(*at) else {
                continue;
            };
            let status = match at {
                StepRef::Applied(i) => step_status(step, &state.setup.checks).or_else(|| {
                    Some(match wizard.applied.get(*i) {
                        Some(a) if a.failing_after.is_empty() => Status::Pass,
                        _ => Status::Warn,
                    })
                }),
                // A step still to do is never shown ✓: if its checks pass already, it is merely not urgent.
                StepRef::Planned(_) => step_status(step, &state.setup.checks)
                    .filter(|s| !matches!(s, Status::Pass | Status::Info)),
            };
            let (mark, mark_style) = match status {
                Some(s) => (s.mark(), theme.status(s)),
                None => ("·", theme.dim()),
            };
            let tag = match (at, &step.action) {
                // Applied but its re-check waits on a later step: say which, rather than a bare ✗.
                (StepRef::Applied(i), _) if !matches!(status, Some(Status::Pass) | None) => {
                    match passes_after(wizard, *i) {
                        Some(n) => format!("[applied — passes after step {n}] "),
                        None => "[applied] ".to_string(),
                    }
                }
                (StepRef::Applied(_), _) => "[applied] ".to_string(),
                (_, StepAction::Manual(_)) => "[manual] ".to_string(),
                (_, StepAction::Change(_)) => String::new(),
            };
            let selected = row == wizard.selected;
            if selected {
                selected_line = lines.len();
            }
            let line = Line::from(vec![
                Span::raw(if selected { " › " } else { "   " }),
                Span::styled(mark.to_string(), mark_style),
                Span::raw(" "),
                Span::styled(tag, theme.dim()),
                Span::raw(inert(&step.title).into_owned()),
            ]);
            lines.push(if selected {
                line.patch_style(theme.selected(true))
            } else {
                line
            });
        }
        if !any {
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(Status::Pass.mark(), theme.status(Status::Pass)),
                Span::styled(" nothing to do", theme.dim()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    let legend = "· no check fails for this step now (it passes already, or no check covers it)";
    for piece in wrap(legend, usize::from(area.width), 2) {
        lines.push(Line::styled(piece, theme.dim()));
    }
    // Keep the selected row in view, with its task heading when there is room.
    let height = usize::from(area.height.max(1));
    let scroll = (selected_line + 1).saturating_sub(height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), area);
}

fn step_detail(state: &AppState, frame: &mut Frame, area: Rect) {
    let wizard = &state.wizard;
    let (Some(at), Some(step)) = (wizard.selected_ref(), wizard.selected_step()) else {
        let theme = super::theme(state);
        frame.render_widget(
            Paragraph::new(Line::styled(
                "✓ nothing to set up: every task is done",
                theme.status(Status::Pass),
            )),
            area,
        );
        return;
    };
    let lines = step_detail::lines(state, at, step, usize::from(area.width));
    let most = (lines.len() as u16).saturating_sub(area.height);
    frame.render_widget(
        Paragraph::new(lines).scroll((wizard.scroll.min(most), 0)),
        area,
    );
}

/// The note under the steps: what just happened or is happening, as (text, style); wrapped by the caller.
fn note(state: &AppState) -> Option<(String, ratatui::style::Style)> {
    let theme = super::theme(state);
    let wizard = &state.wizard;
    if let Some(applying) = &wizard.applying {
        let frame_no = ((state.now.millis() - applying.since.millis()).max(0) / 100) as usize;
        let more = if applying.queue.is_empty() {
            String::new()
        } else {
            format!(" (then {} more)", applying.queue.len())
        };
        return Some((
            format!(
                "{} applying: {}{more}",
                SPINNER[frame_no % SPINNER.len()],
                applying.title
            ),
            theme.key(),
        ));
    }
    wizard.note.as_ref().map(|note| match note {
        WizardNote::Success(text) => (
            format!("{} {text}", Status::Pass.mark()),
            theme.status(Status::Pass),
        ),
        WizardNote::Warning(text) => (
            format!("{} {text}", Status::Warn.mark()),
            theme.status(Status::Warn),
        ),
        WizardNote::Failure(text) => (format!("✗ {text}"), theme.error()),
        WizardNote::Info(text) => (format!("· {text}"), ratatui::style::Style::default()),
    })
}

/// The note's rows, at most three: enough for a refused write's reason.
fn note_lines(state: &AppState, width: u16) -> Vec<Line<'static>> {
    match note(state) {
        Some((text, style)) => wrap(&inert(&text), usize::from(width), 3)
            .into_iter()
            .map(|piece| Line::styled(piece, style))
            .collect(),
        None => Vec::new(),
    }
}

/// What just happened (or is happening), and the options in force.
fn status_lines(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let wizard = &state.wizard;
    let mut lines = note_lines(state, area.width);
    let key = |action| {
        state
            .keymap
            .key_for(Section::Wizard, action)
            .unwrap_or("?")
            .to_string()
    };
    let guardrail = if wizard.options.set_guardrail {
        "the plan sets the guardrail AWSIncidentManagerResolverAccess"
    } else {
        "guardrails are left to manual steps"
    };
    let mut options = vec![
        Span::styled(format!("[{}]", key(Action::ToggleGuardrail)), theme.key()),
        Span::raw(format!(" {guardrail}")),
    ];
    if state.header.read_only {
        options.insert(0, Span::raw("  "));
        options.insert(0, Span::styled("READ-ONLY: plan only", theme.badge()));
    } else {
        options.push(Span::raw("  "));
        options.push(Span::styled(
            format!("[{}]", key(Action::ApplyStep)),
            theme.key(),
        ));
        options.push(Span::raw(" apply step  "));
        options.push(Span::styled(
            format!("[{}]", key(Action::ApplyAll)),
            theme.key(),
        ));
        options.push(Span::raw(" apply all"));
    }
    lines.push(Line::from(options));
    frame.render_widget(Paragraph::new(lines), area);
}
