//! The command box: the line being typed (or the history search), completions, and under it the last output or the parse errors with the offending words marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::keymap::{Action, Section};
use crate::app::state::{AppState, CommandOutput, Focus};
use crate::domain::chat_command::ParseError;

use super::inert::{inert, inert_text};
use super::theme::Theme;
use super::wrap::wrap;

/// Rows the command area takes: its rule, the input line, completions, and as much output as fits a
/// quarter of the screen.
pub fn height(state: &AppState, area: Rect) -> u16 {
    let theme = super::theme(state);
    let width = area.width.saturating_sub(2);
    let completions = u16::from(!state.command.completions.is_empty());
    let output = output_lines(state, theme, width).len() as u16;
    let most = (area.height / 4).max(1);
    2 + completions + output.min(most)
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let focused = state.focus == Focus::Command;
    let mut title = vec![Span::raw(" : command ")];
    if let Some((running, _)) = &state.command.running {
        title.push(Span::raw(format!(
            "· {} running {} ",
            super::footer::spinner(state),
            inert(running)
        )));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(focused))
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let completions = u16::from(!state.command.completions.is_empty());
    let [input_row, completion_row, output_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(completions),
        Constraint::Min(0),
    ])
    .areas(inner);
    input_line(state, theme, focused, frame, input_row);
    if completions > 0 {
        let listed: Vec<String> = state
            .command
            .completions
            .iter()
            .map(|c| inert(c).into_owned())
            .collect();
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("  {}", listed.join("  ")),
                theme.key(),
            )),
            completion_row,
        );
    }
    let mut lines = output_lines(state, theme, inner.width);
    let room = usize::from(output_area.height);
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - room + 1;
        lines.truncate(room - 1);
        lines.push(Line::styled(format!("… {hidden} more lines"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), output_area);
}

fn input_line(state: &AppState, theme: Theme, focused: bool, frame: &mut Frame, area: Rect) {
    let [prompt, field] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled("› ", theme.key())), prompt);
    if let Some(search) = &state.command.search {
        let found = state.command.search_match().map(|m| inert(m).into_owned());
        let line = Line::from(vec![
            Span::styled(
                format!("(history search) `{}`: ", inert(&search.query)),
                theme.key(),
            ),
            match found {
                Some(m) => Span::raw(m),
                None => Span::styled("no match", theme.dim()),
            },
        ]);
        frame.render_widget(Paragraph::new(line), field);
        return;
    }
    if !focused && state.command.input.is_empty() {
        let key = state
            .keymap
            .key_for(Section::Global, Action::Command)
            .unwrap_or(":");
        let hint = format!("{key} to type a chat command: @aws ssm-incidents …");
        frame.render_widget(Paragraph::new(Span::styled(hint, theme.dim())), field);
        return;
    }
    // The text area draws its own cursor; a copy without it is drawn when the box does not have the keys.
    let mut input = state.command.input.clone();
    input.set_placeholder_style(theme.dim());
    if !focused {
        input.set_cursor_style(Style::default());
    }
    frame.render_widget(&input, field);
}

/// Everything under the box: the last output, or the parse problems with the line marked.
fn output_lines(state: &AppState, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(10));
    match &state.command.output {
        CommandOutput::None => Vec::new(),
        CommandOutput::Text { title, body } => {
            let mut lines = vec![Line::styled(
                format!("✓ {}", inert(title)),
                theme.status(crate::domain::audit::Status::Pass),
            )];
            for piece in wrap(&inert_text(body, true), width, 500) {
                lines.push(Line::raw(piece));
            }
            lines
        }
        CommandOutput::Failed { title, message } => wrap(
            &inert_text(&format!("✗ {title}: {message}"), true),
            width,
            50,
        )
        .into_iter()
        .map(|l| Line::styled(l, theme.error()))
        .collect(),
        CommandOutput::Invalid { line, error } => invalid_lines(state, theme, line, error, width),
    }
}

/// More problems than the box can ever show are summed up in one line, so a frame stays cheap.
const SHOWN_PROBLEMS: usize = 20;

/// The typed line with each problem's characters underlined, a caret row under them (so the mark does
/// not rely on colour), then the messages and the corrected line if there is one.
fn invalid_lines(
    state: &AppState,
    theme: Theme,
    line: &str,
    error: &ParseError,
    width: usize,
) -> Vec<Line<'static>> {
    let chars: Vec<char> = inert(line).chars().collect();
    let first = error
        .problems
        .iter()
        .map(|p| p.span.start)
        .min()
        .unwrap_or(0);
    // Keep the first offending word in view on a narrow box.
    let start = first
        .saturating_sub(width / 3)
        .min(chars.len().saturating_sub(width.saturating_sub(2)));
    let end = (start + width.saturating_sub(2)).min(chars.len());
    // Only the problems in view are asked about each character: a pasted line can carry thousands.
    let in_view: Vec<&std::ops::Range<usize>> = error
        .problems
        .iter()
        .map(|p| &p.span)
        .filter(|span| span.start < end && span.end > start)
        .collect();
    let marked = |i: usize| in_view.iter().any(|span| span.contains(&i));
    let mut spans = vec![Span::raw("  ")];
    let mut carets = String::from("  ");
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        let style = if marked(i) {
            theme.offending()
        } else {
            Style::default()
        };
        spans.push(Span::styled(c.to_string(), style));
        carets.push(if marked(i) { '^' } else { ' ' });
    }
    let mut lines = vec![
        Line::from(spans),
        Line::styled(carets.trim_end().to_string(), theme.error()),
    ];
    for problem in error.problems.iter().take(SHOWN_PROBLEMS) {
        for piece in wrap(&inert(&format!("✗ {}", problem.message)), width, 6) {
            lines.push(Line::styled(piece, theme.error()));
        }
    }
    let hidden = error.problems.len().saturating_sub(SHOWN_PROBLEMS);
    if hidden > 0 {
        lines.push(Line::styled(
            format!("✗ … and {hidden} more problems"),
            theme.error(),
        ));
    }
    if let Some(corrected) = &error.corrected_line {
        let key = state
            .keymap
            .key_for(Section::Command, Action::AcceptCorrection)
            .unwrap_or("ctrl-o");
        lines.push(Line::styled(
            format!("corrected line ({key} accepts):"),
            theme.key(),
        ));
        for piece in wrap(&inert(corrected), width.saturating_sub(2), 6) {
            lines.push(Line::raw(format!("  {piece}")));
        }
    }
    lines
}
