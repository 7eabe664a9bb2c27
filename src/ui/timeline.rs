//! The selected incident's header and live timeline: a density sparkline, then only the rows that fit, found
//! from the cursor, each event a sentence (who was paged, what changed, which item) with a scrollbar beside.

use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Sparkline};

use crate::app::state::{AppState, EventRow, Focus};
use crate::domain::arn::Arn;
use crate::domain::model::{IncidentStatus, NotificationTargetItem, Timestamp};

use super::clock::{age, stamp, year, zone_label};
use super::inert::{inert, inert_text};
use super::theme::Theme;
use super::wrap::wrap;
use super::{pane_block, shown_focus};
use crate::domain::event_text::{
    Before, reference_label, sentence, sets_impact_or_status, type_label,
};

/// An event's text never takes more than this many lines in the list; Enter shows the whole.
const MAX_TEXT_LINES: usize = 8;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let timeline = &state.timeline;
    let zone = zone_label(state.now, state.utc);
    let position = if timeline.is_empty() {
        "0 events".to_string()
    } else {
        format!(
            "{}/{}",
            timeline.cursor.min(timeline.len() - 1) + 1,
            timeline.len()
        )
    };
    let mut title = vec![Span::raw(format!(" Timeline · {position} · {zone} "))];
    if timeline.arn.is_some() && !timeline.first_load_done {
        title.push(Span::raw("· loading… "));
    }
    if timeline.refresh.failure.is_some() {
        title.push(Span::styled("STALE", theme.badge()));
        title.push(Span::raw(" "));
    }
    let block = pane_block(state, Line::from(title), Focus::Timeline);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if timeline.arn.is_none() {
        frame.render_widget(
            Paragraph::new("Select an incident to see its timeline."),
            inner,
        );
        return;
    }
    let header = header_lines(state, theme, inner.width);
    let [head, spark, rows] = areas(inner, header.len());
    frame.render_widget(Paragraph::new(header), head);
    sparkline(state, frame, spark);
    if let Some(reason) = &timeline.refresh.failure
        && timeline.is_empty()
    {
        let text = vec![
            Line::styled("✗ could not read the timeline:", theme.error()),
            Line::raw(inert(reason).into_owned()),
        ];
        frame.render_widget(Paragraph::new(text), rows);
        return;
    }
    if timeline.is_empty() {
        let text = if timeline.first_load_done {
            "No events yet."
        } else {
            "Loading events…"
        };
        frame.render_widget(Paragraph::new(text), rows);
        return;
    }
    event_rows(state, frame, rows);
}

fn header_lines(state: &AppState, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let list = &state.incidents;
    let Some(summary) = list.selected() else {
        return vec![Line::raw("…")];
    };
    let status = match summary.status {
        IncidentStatus::Open => format!("OPEN {}", age(summary.creation_time, state.now)),
        IncidentStatus::Resolved => "RESOLVED".to_string(),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("[{}] ", summary.impact),
            theme.impact(summary.impact),
        ),
        Span::styled(inert(&summary.title).into_owned(), theme.heading()),
        Span::raw(format!(" · {status}")),
    ])];
    if width < 50 {
        return lines;
    }
    match list.record.as_ref().filter(|r| r.arn == summary.arn) {
        Some(record) => {
            let topics = record
                .chat_channel
                .as_ref()
                .map(|c| c.topics())
                .unwrap_or_default();
            let channel = if topics.is_empty() {
                "none".to_string()
            } else {
                topics
                    .iter()
                    .map(|t| Arn::short_name(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let targets: Vec<&str> = record
                .notification_targets
                .iter()
                .map(|NotificationTargetItem::SnsTopicArn(t)| Arn::short_name(t))
                .collect();
            let targets = if targets.is_empty() {
                "none".to_string()
            } else {
                targets.join(", ")
            };
            lines.push(Line::styled(
                inert(&format!("chat {channel} · notify {targets}")).into_owned(),
                theme.dim(),
            ));
        }
        None => lines.push(Line::styled("reading the record…", theme.dim())),
    }
    lines
}

/// Event density over the span of the events, folded from the stored buckets to the width available.
fn sparkline(state: &AppState, frame: &mut Frame, area: Rect) {
    let density = &state.timeline.density;
    if area.height == 0 || density.buckets.is_empty() {
        return;
    }
    let theme = super::theme(state);
    let with_year = dates_need_year(state);
    let label = format!("{} ", stamp(density.start, state.utc, with_year));
    let end_label = format!(" {}", stamp(density.end, state.utc, with_year));
    let label_width = (label.len() + end_label.len()) as u16;
    if area.width < label_width + 8 {
        let folded = fold(&density.buckets, usize::from(area.width));
        frame.render_widget(Sparkline::default().data(&folded).style(theme.key()), area);
        return;
    }
    let [left, bars, right] = Layout::horizontal([
        Constraint::Length(label.len() as u16),
        Constraint::Min(1),
        Constraint::Length(end_label.len() as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(label).style(theme.dim()), left);
    let folded = fold(&density.buckets, usize::from(bars.width));
    frame.render_widget(Sparkline::default().data(&folded).style(theme.key()), bars);
    frame.render_widget(Paragraph::new(end_label).style(theme.dim()), right);
}

/// Sums neighbouring buckets so `buckets` fit `width` bars (or spreads them when there are fewer).
pub fn fold(buckets: &[u64], width: usize) -> Vec<u64> {
    let width = width.max(1);
    (0..width)
        .map(|i| {
            let from = i * buckets.len() / width;
            let to = ((i + 1) * buckets.len() / width)
                .max(from + 1)
                .min(buckets.len());
            buckets[from.min(buckets.len().saturating_sub(1))..to]
                .iter()
                .sum()
        })
        .collect()
}

/// Dates carry the year unless every event (the oldest and the newest, as they are sorted) is in the year of `now`.
pub fn dates_need_year(state: &AppState) -> bool {
    let this_year = year(state.now, state.utc);
    let events = &state.timeline.events;
    [events.first(), events.last()]
        .into_iter()
        .flatten()
        .any(|row| year(row.summary.event_time, state.utc) != this_year)
}

/// The event at `index` as a sentence; a record update without `previousValue` is read against the impact and
/// status the events before it left (looking back at most this far, so a frame stays cheap).
pub fn event_sentence(state: &AppState, index: usize, data: &str) -> String {
    const LOOK_BACK: usize = 200;
    let timeline = &state.timeline;
    let Some(row) = timeline.events.get(index) else {
        return String::new();
    };
    let before = if row.summary.event_type == crate::domain::event_text::RECORD_UPDATE {
        Before::from_earlier(
            timeline.events[index.saturating_sub(LOOK_BACK)..index]
                .iter()
                .rev()
                .filter(|r| sets_impact_or_status(&r.summary.event_type))
                .map(|r| (r.summary.event_type.as_str(), timeline.text_of(r))),
        )
    } else {
        Before::default()
    };
    sentence(&row.summary.event_type, data, &before)
}

/// What the event's references point at, in words (a related item's title), leaving out the incident itself.
pub fn reference_labels(state: &AppState, row: &EventRow) -> Vec<String> {
    let incident = state.timeline.arn.as_deref().unwrap_or_default();
    row.summary
        .event_references
        .iter()
        .filter_map(|r| reference_label(r, &state.timeline.related_titles, incident))
        .collect()
}

/// When the event happened, as wide as the pane allows: only the clock when narrow.
fn when(at: Timestamp, utc: bool, with_year: bool, narrow: bool) -> String {
    let full = stamp(at, utc, with_year);
    if narrow {
        full.rsplit(' ').next().unwrap_or(&full).to_string()
    } else {
        full
    }
}

/// The lines of one event: time, type, text wrapped beside them, then what it references.
fn event_lines(
    state: &AppState,
    row: &EventRow,
    index: usize,
    width: u16,
    focused: bool,
    with_year: bool,
) -> Vec<Line<'static>> {
    let theme = super::theme(state);
    let timeline = &state.timeline;
    let when = when(row.summary.event_time, state.utc, with_year, width < 60);
    let kind: String = inert(type_label(&row.summary.event_type))
        .chars()
        .take(8)
        .collect();
    let fresh = row.highlight_until.is_some_and(|until| until > state.now);
    let newest = index + 1 == timeline.len();
    let selected = index == timeline.cursor;
    // Two marks, so a selected new event still reads as new without colour.
    let cursor_mark = if selected { "›" } else { " " };
    let news_mark = match (fresh, row.changed) {
        (true, true) => "~",
        (true, false) => "+",
        _ if newest => "●",
        _ => " ",
    };
    let gutter = format!("{cursor_mark}{news_mark}");
    let prefix = format!("{gutter}{when} {kind:<8} ");
    let prefix_width = prefix.chars().count();
    let text_width = usize::from(width).saturating_sub(prefix_width).max(10);
    let (text, loaded) = match timeline.text_of(row) {
        Some(data) => (
            inert_text(&event_sentence(state, index, data), true).into_owned(),
            true,
        ),
        None => ("…".to_string(), false),
    };
    let mut wrapped = wrap(&text, text_width, MAX_TEXT_LINES + 1);
    if wrapped.len() > MAX_TEXT_LINES {
        wrapped.truncate(MAX_TEXT_LINES);
        if let Some(last) = wrapped.last_mut() {
            last.push_str(" …");
        }
    }
    let text_style = if loaded {
        ratatui::style::Style::default()
    } else {
        theme.dim()
    };
    let mut lines = Vec::with_capacity(wrapped.len() + 1);
    for (n, piece) in wrapped.into_iter().enumerate() {
        let lead = if n == 0 {
            prefix.clone()
        } else {
            " ".repeat(prefix_width)
        };
        lines.push(Line::from(vec![
            Span::raw(lead),
            Span::styled(piece, text_style),
        ]));
    }
    let refs = reference_labels(state, row);
    if !refs.is_empty() {
        let refs = inert(&refs.join(", ")).into_owned();
        for (n, piece) in wrap(&format!("↳ {refs}"), text_width, 3)
            .into_iter()
            .enumerate()
        {
            let lead = " ".repeat(prefix_width + if n == 0 { 0 } else { 2 });
            lines.push(Line::styled(format!("{lead}{piece}"), theme.dim()));
        }
    }
    if fresh || newest {
        lines = lines
            .into_iter()
            .map(|l| l.patch_style(theme.fresh()))
            .collect();
    }
    if selected {
        lines = lines
            .into_iter()
            .map(|l| l.patch_style(theme.selected(focused)))
            .collect();
    }
    lines
}

/// The header, the sparkline's row and the events' rows of the pane's inside.
fn areas(inner: Rect, header_lines: usize) -> [Rect; 3] {
    let header_height = (header_lines as u16 + 1).min(inner.height.saturating_sub(1));
    Layout::vertical([
        Constraint::Length(header_height.saturating_sub(1)),
        Constraint::Length(u16::from(header_height > 0)),
        Constraint::Min(0),
    ])
    .areas(inner)
}

/// The event drawn at screen row `y` of the pane drawn in `area` (a mouse click), as an index into the events.
pub fn event_at(state: &AppState, area: Rect, y: u16) -> Option<usize> {
    let timeline = &state.timeline;
    if timeline.arn.is_none() || timeline.is_empty() {
        return None;
    }
    let inner = pane_block(state, "", Focus::Timeline).inner(area);
    let header = header_lines(state, super::theme(state), inner.width);
    let [_, _, rows] = areas(inner, header.len());
    if y < rows.y || y >= rows.bottom() {
        return None;
    }
    let [text_area, _] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(1)]).areas(rows);
    let mut top = rows.y;
    for (index, lines) in window(state, text_area.width, usize::from(rows.height)).2 {
        let bottom = top.saturating_add(lines.len() as u16);
        if y < bottom {
            return Some(index);
        }
        top = bottom;
    }
    None
}

/// Lays out only the rows that fit: forward from `scroll_top` when that shows the cursor, otherwise
/// backward from the cursor (the bottom-anchored view used while following new events).
/// Event rows laid out by the latest timeline render. The frame benchmark's quick pass checks it stays within
/// the visible height however many events there are: a property of the design that does not depend on speed.
static ROWS_LAID_OUT: AtomicUsize = AtomicUsize::new(0);

/// How many event rows the latest timeline render laid out.
pub fn rows_laid_out() -> usize {
    ROWS_LAID_OUT.load(Ordering::Relaxed)
}

fn event_rows(state: &AppState, frame: &mut Frame, area: Rect) {
    let timeline = &state.timeline;
    let height = usize::from(area.height);
    ROWS_LAID_OUT.store(0, Ordering::Relaxed);
    if height == 0 {
        return;
    }
    // The last column is the scrollbar's, kept even when everything fits so rows do not re-wrap as events come.
    let [text_area, bar_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let cursor = timeline.cursor.min(timeline.len().saturating_sub(1));
    let (first, shown, events) = window(state, text_area.width, height);
    let mut lines: Vec<Line> = events.into_iter().flat_map(|(_, lines)| lines).collect();
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), text_area);
    // A scrollbar only when some events are out of view; its thumb is the cursor's place among all events.
    if first > 0 || first + shown < timeline.len() {
        let mut bar = ScrollbarState::new(timeline.len()).position(cursor);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            bar_area,
            &mut bar,
        );
    }
}

/// (first event shown, events wholly shown, each event shown with its lines).
type Window = (usize, usize, Vec<(usize, Vec<Line<'static>>)>);

/// The events that fit in `height` rows of `width` columns, each with its lines (the last may be cut by the
/// caller): (first event shown, events wholly shown, the events). Shared by render and `event_at`.
fn window(state: &AppState, width: u16, height: usize) -> Window {
    let timeline = &state.timeline;
    let focused = shown_focus(state) == Focus::Timeline;
    let cursor = timeline.cursor.min(timeline.len().saturating_sub(1));
    let with_year = dates_need_year(state);
    ROWS_LAID_OUT.store(0, Ordering::Relaxed);
    let render_row = |i: usize| {
        ROWS_LAID_OUT.fetch_add(1, Ordering::Relaxed);
        event_lines(state, &timeline.events[i], i, width, focused, with_year)
    };

    // (first event shown, events shown, lines)
    let mut forward = (timeline.scroll_top, 0, Vec::new());
    let mut used = 0;
    let mut cursor_shown = false;
    if !timeline.follow && timeline.scroll_top <= cursor {
        let mut i = timeline.scroll_top;
        while i < timeline.len() && used < height {
            let lines = render_row(i);
            used += lines.len();
            if i == cursor {
                cursor_shown = used <= height;
            }
            if used <= height {
                forward.1 += 1;
            }
            forward.2.push((i, lines));
            i += 1;
        }
    }
    if cursor_shown {
        return forward;
    }
    let mut backward: Vec<(usize, Vec<Line>)> = Vec::new();
    let mut used = 0;
    let mut i = cursor + 1;
    while i > 0 && used < height {
        i -= 1;
        let lines = render_row(i);
        used += lines.len();
        backward.push((i, lines));
    }
    // The cursor row sits at the bottom; an event that fits only in part at the top is left out
    // rather than shown as a headless fragment.
    if used > height && backward.len() > 1 {
        backward.pop();
    }
    let count = backward.len();
    backward.reverse();
    (cursor + 1 - count, count, backward)
}
