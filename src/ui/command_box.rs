//! The command box: the line being typed (or the history search), completions, and under it the last output (a pager: scrolled, searched) or the parse errors with the offending words marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::keymap::{Action, Section};
use crate::app::output_rows::{self, Mark, output_texts};
use crate::app::state::pager::{
    Pager, has_status, matches, max_top, output_room, page_rows, view_for,
};
use crate::app::state::{AppState, Focus};

mod menu;

use super::inert::inert;
use super::theme::Theme;

/// Rows the command area takes: its rule, the input line, completions, and the output: a quarter of the
/// screen as a preview, at most half while the pager has the keys, all of it zoomed.
pub fn height(state: &AppState, area: Rect) -> u16 {
    let completions = state.command.menu_rows();
    let total = output_rows(state, area.width).len();
    if total == 0 {
        return 2 + completions;
    }
    let focused = state.command.pager_has_keys();
    let zoomed = view_for(&state.command.pager, &state.command.output).zoomed;
    let room = output_room(area.height, completions, focused, zoomed);
    let wanted = total + usize::from(has_status(total, usize::from(room), focused));
    2 + completions + (wanted.min(usize::from(room)) as u16)
}

/// Whether the output takes the whole screen between the header and the footer.
pub fn zoomed(state: &AppState) -> bool {
    state.command.pager_has_keys() && state.command.pager.zoomed
}

/// The output's rows as plain text, wrapped to `width` exactly as they are drawn (built in `app`, where the
/// pager scrolls and searches the same rows).
pub fn output_rows(state: &AppState, width: u16) -> Vec<String> {
    output_texts(state, width)
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let focused = state.focus == Focus::Command;
    let paging = state.command.pager_has_keys();
    let mut title = vec![Span::raw(" : command ")];
    if paging {
        title = vec![Span::raw(" command output · pager ")];
    }
    if let Some((running, _)) = &state.command.running {
        title.push(Span::raw(format!(
            "· {} running {} ",
            super::footer::spinner(state),
            inert(running)
        )));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(focused || paging))
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_row, menu_area, output_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(state.command.menu_rows()),
        Constraint::Min(0),
    ])
    .areas(inner);
    input_line(state, theme, focused, frame, input_row);
    if let Some(menu) = &state.command.menu {
        frame.render_widget(
            Paragraph::new(menu::menu_lines(state, theme, menu, menu_area.width)),
            menu_area,
        );
    }
    pager_view(state, theme, frame, output_area);
}

/// The rows in view, the search's matches marked, and under them where the view is and how to move it.
fn pager_view(state: &AppState, theme: Theme, frame: &mut Frame, area: Rect) {
    let lines = output_lines(state, theme, area.width);
    if lines.is_empty() || area.height == 0 {
        return;
    }
    let view = view_for(&state.command.pager, &state.command.output);
    let paging = state.command.pager_has_keys();
    let total = lines.len();
    let room = usize::from(area.height);
    let status = has_status(total, room, paging);
    let page = page_rows(total, room, paging).min(room);
    let top = view.top.min(max_top(total, page));
    let mut shown: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .skip(top)
        .take(page)
        .map(|(row, line)| {
            if view.query.is_empty() {
                line
            } else {
                highlight(line, &view.query, view.current == Some(row))
            }
        })
        .collect();
    if status {
        shown.push(status_line(
            state,
            theme,
            &view,
            area.width,
            (top, page, total),
        ));
    }
    frame.render_widget(Paragraph::new(shown), area);
}

/// Search matches in reverse video (so they show without colour); the current match also bold and underlined.
fn highlight(line: Line<'static>, query: &str, current: bool) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let found = matches(&text, query);
    if found.is_empty() {
        return line;
    }
    let mut mark = Style::default().add_modifier(Modifier::REVERSED);
    if current {
        mark = mark.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    }
    let line_style = line.style;
    let mut spans = Vec::new();
    let mut at = 0;
    for span in line.spans {
        let styled = |hit: bool| {
            if hit {
                span.style.patch(mark)
            } else {
                span.style
            }
        };
        let mut piece = String::new();
        let mut piece_hit = false;
        for c in span.content.chars() {
            let hit = found.iter().any(|r| r.contains(&at));
            if hit != piece_hit && !piece.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut piece), styled(piece_hit)));
            }
            piece_hit = hit;
            piece.push(c);
            at += 1;
        }
        if !piece.is_empty() {
            spans.push(Span::styled(piece, styled(piece_hit)));
        }
    }
    Line::from(spans).style(line_style)
}

/// `── 10–18 of 65 rows · /latency 2/5 · how to move`, or the search being typed.
fn status_line(
    state: &AppState,
    theme: Theme,
    view: &Pager,
    width: u16,
    (top, page, total): (usize, usize, usize),
) -> Line<'static> {
    let last = (top + page).min(total);
    let mut spans = vec![Span::styled(
        format!("── {}–{last} of {total} rows ", top + 1),
        theme.dim(),
    )];
    if let Some(input) = &view.search_input {
        spans.push(Span::styled("/", theme.key()));
        spans.push(Span::raw(inert(&input.lines().join(" ")).into_owned()));
        spans.push(Span::styled("▏", theme.key()));
        return Line::from(spans);
    }
    if !view.query.is_empty() {
        let rows = output_rows(state, width);
        let (hits, at) = view.match_position(&rows);
        let position = match at {
            Some(at) => format!("match {at}/{hits}"),
            None => format!("{hits} rows match"),
        };
        spans.push(Span::styled(
            format!("· /{} {position} ", inert(&view.query)),
            theme.key(),
        ));
    }
    if let Some(note) = &view.note {
        spans.push(Span::styled(format!("· {} ", inert(note)), theme.dim()));
    }
    if !state.command.pager_has_keys() {
        let key = |section, action, fallback: &'static str| {
            state
                .keymap
                .key_for(section, action)
                .unwrap_or(fallback)
                .to_string()
        };
        let hint = if state.focus == Focus::Command {
            format!(
                "· {}/{} scroll",
                key(Section::Command, Action::PageUp, "pgup"),
                key(Section::Command, Action::PageDown, "pgdn")
            )
        } else {
            format!(
                "· {} pager: scroll, search, copy · {} clears",
                key(Section::Global, Action::OpenPager, "p"),
                key(Section::Global, Action::ClearOutput, "esc")
            )
        };
        spans.push(Span::styled(hint, theme.dim()));
    }
    Line::from(spans)
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

/// Everything under the box, styled by what each part means.
fn output_lines(state: &AppState, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let style = |mark: Option<Mark>| match mark {
        None => Style::default(),
        Some(Mark::Pass) => theme.status(crate::domain::audit::Status::Pass),
        Some(Mark::Error) => theme.error(),
        Some(Mark::Offending) => theme.offending(),
        Some(Mark::Key) => theme.key(),
    };
    output_rows::output_rows(state, width)
        .into_iter()
        .map(|row| {
            let spans: Vec<Span<'static>> = row
                .spans
                .into_iter()
                .map(|(text, mark)| Span::styled(text, style(mark)))
                .collect();
            Line::from(spans).style(style(row.mark))
        })
        .collect()
}
