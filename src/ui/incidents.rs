//! The incidents list: a header row, open first (impact in words, title, age, plan), then resolved, new arrivals (★), changes made elsewhere (◆) and new timeline events elsewhere (+) marked, with the `/` filter line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::incidents::plan_of;
use crate::app::state::{AppState, Focus};
use crate::domain::model::IncidentStatus;

use super::clock::age;
use super::inert::inert;
use super::{pane_block, shown_focus};

/// The impact as Incident Manager's console names it, with its number.
pub fn impact_in_words(impact: i32) -> String {
    let word = match impact {
        1 => "critical",
        2 => "high",
        3 => "medium",
        4 => "low",
        5 => "none",
        _ => return format!("{impact}"),
    };
    format!("{impact} {word}")
}

/// The width "1 critical" takes: the impact column.
const IMPACT_WIDTH: usize = 10;
/// The age column: `59m`, `✓23h`, `✓1124d`.
const AGE_WIDTH: usize = 6;
/// Below this the plan column is dropped: a title needs the room more than a stub of a plan name.
const LEAST_PLAN_WIDTH: usize = 8;

/// The rows the list would like: the header row, both headings, every incident, the filter line and the border.
pub fn wanted_height(state: &AppState) -> u16 {
    let list = &state.incidents;
    let filter = u16::from(list.filter_input.is_some() || !list.filter.is_empty());
    let header = u16::from(!list.items.is_empty());
    (list.visible.len() as u16).saturating_add(header + 2 + 2 + filter)
}

/// `text` cut to `width` columns, ending in `…` when cut, padded to the width.
fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return format!("{text:<width$}");
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        cut.push('…');
    }
    cut
}

/// The title and plan columns' widths: the title gets what it needs first, the plan the rest (or nothing).
fn column_widths(state: &AppState, width: usize) -> (usize, usize) {
    let list = &state.incidents;
    let shown = || list.visible.iter().filter_map(|&i| list.items.get(i));
    let longest_title = shown()
        .map(|i| inert(&i.title).chars().count())
        .max()
        .unwrap_or(0);
    let longest_plan = shown()
        .map(|i| plan_of(&i.arn).chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    // marker, new mark and its gap, impact, gaps, age.
    let fixed = 3 + IMPACT_WIDTH + 1 + 1 + AGE_WIDTH + 1;
    let room = width.saturating_sub(fixed);
    let plan = longest_plan.min(room.saturating_sub(longest_title));
    let plan = if plan < LEAST_PLAN_WIDTH { 0 } else { plan };
    (room.saturating_sub(plan).max(8), plan)
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let list = &state.incidents;
    let new_count = list.arrivals.count(state.now);
    let mut title = format!(" Incidents · {} open", list.open_count());
    if new_count > 0 {
        title.push_str(&format!(" · {new_count} new ★"));
    }
    let active_count = list.arrivals.active_count();
    if active_count > 0 {
        title.push_str(&format!(" · {active_count} changed ◆"));
    }
    let event_count = list.activity.marked_count();
    if event_count > 0 {
        if event_count == 1 {
            title.push_str(" · 1 with a new event +");
        } else {
            title.push_str(&format!(" · {event_count} with new events +"));
        }
    }
    title.push_str(" · open by impact, then newest ");
    if list.loading && list.items.is_empty() {
        title = " Incidents · loading… ".into();
    }
    let block = pane_block(state, title, Focus::Incidents);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::new();
    if let Some(input) = &list.filter_input {
        lines.push(Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(inert(&input.lines().join(" ")).into_owned()),
            Span::styled("▏", theme.key()),
        ]));
    } else if !list.filter.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(format!(
                "{}  ({} shown, esc on / clears)",
                inert(&list.filter),
                list.visible.len()
            )),
        ]));
    }
    if list.items.is_empty() {
        let text = match (&list.refresh.failure, list.loading, list.refresh.last_ok) {
            (Some(reason), _, _) => format!("✗ could not list incidents: {}", inert(reason)),
            (None, true, _) => "Loading incidents…".into(),
            (None, false, Some(_)) => "No incidents. (s starts one from a response plan)".into(),
            (None, false, None) => "Not loaded yet.".into(),
        };
        lines.push(Line::raw(text));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let focused = shown_focus(state) == Focus::Incidents;
    let (title_width, plan_width) = column_widths(state, usize::from(inner.width));
    let mut header = format!(
        "   {:<IMPACT_WIDTH$} {} {:>AGE_WIDTH$}",
        "IMPACT",
        fit("TITLE", title_width),
        "AGE"
    );
    if plan_width > 0 {
        header.push_str(" PLAN");
    }
    // The filter line and the header stay put; the rows under them scroll to keep the cursor in view.
    lines.push(Line::styled(header, theme.dim()));
    let fixed = lines.len() as u16;
    let fixed_lines = std::mem::take(&mut lines);
    let mut cursor_line = 0;
    let mut heading_done = [false, false];
    for (row, &index) in list.visible.iter().enumerate() {
        let Some(incident) = list.items.get(index) else {
            continue;
        };
        let open = incident.status == IncidentStatus::Open;
        let group = usize::from(!open);
        if !heading_done[group] {
            heading_done[group] = true;
            let count = list
                .visible
                .iter()
                .filter(|&&i| {
                    list.items
                        .get(i)
                        .is_some_and(|x| (x.status == IncidentStatus::Open) == open)
                })
                .count();
            let heading = if open {
                format!("Open ({count})")
            } else {
                format!("Resolved ({count}) · latest resolved first, ✓ age since resolved")
            };
            lines.push(Line::styled(heading, theme.heading()));
        }
        let selected = row == list.cursor();
        if selected {
            cursor_line = lines.len();
        }
        let marker = if selected { "›" } else { " " };
        let is_new = list.arrivals.is_new(&incident.arn, state.now);
        let when = if open {
            age(incident.creation_time, state.now)
        } else {
            format!(
                "✓{}",
                age(
                    incident.resolved_time.unwrap_or(incident.creation_time),
                    state.now
                )
            )
        };
        let mut spans = vec![
            Span::raw(marker),
            if is_new {
                Span::styled("★ ", theme.fresh())
            } else if list.arrivals.is_active(&incident.arn) {
                Span::styled("◆ ", theme.fresh())
            } else if list.activity.is_marked(&incident.arn) {
                Span::styled("+ ", theme.fresh())
            } else {
                Span::raw("  ")
            },
            Span::styled(
                format!("{:<IMPACT_WIDTH$} ", impact_in_words(incident.impact)),
                theme.impact(incident.impact),
            ),
            Span::raw(format!("{} ", fit(&inert(&incident.title), title_width))),
            Span::styled(format!("{when:>AGE_WIDTH$}"), theme.dim()),
        ];
        if plan_width > 0 {
            spans.push(Span::styled(
                format!(" {}", fit(&inert(plan_of(&incident.arn)), plan_width)),
                theme.dim(),
            ));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
    }
    let [fixed_area, rows_area] =
        Layout::vertical([Constraint::Length(fixed), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(fixed_lines), fixed_area);
    let scroll = rows_scroll(cursor_line, rows_area.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), rows_area);
}

/// How far the rows scroll so the cursor's line is in view: shared by render and `row_at`.
fn rows_scroll(cursor_line: usize, height: u16) -> usize {
    let height = usize::from(height).max(1);
    cursor_line.saturating_sub(height.saturating_sub(1))
}

/// What each scrolled line of the list shows, in render's order: a group heading (`None`) before the first
/// open and the first resolved incident, then the row (`Some(index into visible)`).
fn row_lines(state: &AppState) -> Vec<Option<usize>> {
    let list = &state.incidents;
    let mut lines = Vec::new();
    let mut heading_done = [false, false];
    for (row, &index) in list.visible.iter().enumerate() {
        let Some(incident) = list.items.get(index) else {
            continue;
        };
        let group = usize::from(incident.status != IncidentStatus::Open);
        if !heading_done[group] {
            heading_done[group] = true;
            lines.push(None);
        }
        lines.push(Some(row));
    }
    lines
}

/// The visible row drawn at screen row `y` of the pane drawn in `area` (a mouse click), if any.
pub fn row_at(state: &AppState, area: Rect, y: u16) -> Option<usize> {
    let list = &state.incidents;
    if list.items.is_empty() {
        return None;
    }
    let inner = pane_block(state, "", Focus::Incidents).inner(area);
    let filter_line = u16::from(list.filter_input.is_some() || !list.filter.is_empty());
    let fixed = filter_line + 1;
    let [_, rows_area] =
        Layout::vertical([Constraint::Length(fixed), Constraint::Min(0)]).areas(inner);
    if y < rows_area.y || y >= rows_area.bottom() {
        return None;
    }
    let lines = row_lines(state);
    let cursor_line = lines
        .iter()
        .position(|l| *l == Some(list.cursor()))
        .unwrap_or(0);
    let scroll = rows_scroll(cursor_line, rows_area.height);
    lines
        .get(scroll + usize::from(y - rows_area.y))
        .copied()
        .flatten()
}

/// The alert for a newly opened incident, above the command box in every layout, until it is selected or
/// a couple of minutes pass.
pub fn render_alert(state: &AppState, frame: &mut Frame, body: Rect) {
    let Some(alert) = state.incidents.arrivals.alert(state.now) else {
        return;
    };
    let theme = super::theme(state);
    let mut text = format!(
        "{} · {}",
        impact_in_words(alert.impact),
        inert(&alert.title)
    );
    if alert.others > 0 {
        text.push_str(&format!(" (and {} more)", alert.others));
    }
    let width = (text.chars().count() as u16 + 4).max(40).min(body.width);
    if body.height < 3 || width < 10 {
        return;
    }
    let area = Rect {
        x: body.x + body.width - width,
        y: body.y + body.height - 3,
        width,
        height: 3,
    };
    let inner = super::popup_block(
        frame,
        area,
        " ▲ NEW INCIDENT · select it to dismiss ",
        theme.error(),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&text, usize::from(inner.width)),
            theme.impact(alert.impact),
        )),
        inner,
    );
}
