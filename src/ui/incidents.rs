//! The incidents list: open first (impact, title, age, plan), then resolved, with the `/` filter line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::incidents::plan_of;
use crate::app::state::{AppState, Focus};
use crate::domain::model::IncidentStatus;

use super::clock::age;
use super::inert::inert;
use super::{pane_block, shown_focus};

/// The rows the list would like: both headings, every incident, the filter line and the border.
pub fn wanted_height(state: &AppState) -> u16 {
    let list = &state.incidents;
    let filter = u16::from(list.filter_input.is_some() || !list.filter.is_empty());
    (list.visible.len() as u16).saturating_add(2 + 2 + filter)
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let list = &state.incidents;
    let mut title = format!(" Incidents · {} open ", list.open_count());
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
    let width = usize::from(inner.width);
    let plan_width = list
        .visible
        .iter()
        .filter_map(|&i| list.items.get(i))
        .map(|i| plan_of(&i.arn).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
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
            let heading = if open { "Open" } else { "Resolved" };
            lines.push(Line::styled(
                format!("{heading} ({count})"),
                theme.heading(),
            ));
        }
        let selected = row == list.cursor();
        if selected {
            cursor_line = lines.len();
        }
        let marker = if selected { "›" } else { " " };
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
        let plan = inert(plan_of(&incident.arn)).into_owned();
        let fixed = 1 + 4 + 1 + 6 + 1 + plan_width;
        let title_width = width.saturating_sub(fixed).max(8);
        let title: String = inert(&incident.title).chars().take(title_width).collect();
        let mut line = Line::from(vec![
            Span::raw(marker),
            Span::styled(
                format!("[{}] ", incident.impact),
                theme.impact(incident.impact),
            ),
            Span::raw(format!("{title:<title_width$} ")),
            Span::styled(format!("{when:>6} "), theme.dim()),
            Span::styled(
                plan.chars().take(plan_width).collect::<String>(),
                theme.dim(),
            ),
        ]);
        if selected {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
    }
    let height = usize::from(inner.height).max(1);
    let scroll = cursor_line.saturating_sub(height.saturating_sub(1));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
