//! The incident view: the highlighted incident full screen — header, timeline, related items, who was engaged.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::state::incidents::plan_of;
use crate::app::state::{AppState, ViewPane};
use crate::domain::arn::Arn;
use crate::domain::model::{
    IncidentStatus, ItemValue, NotificationTargetItem, RelatedItem, impact_label,
};

use super::clock::{age, time};
use super::inert::inert;
use super::timeline;

/// From this width the related items and the engaged contacts sit beside the timeline.
const SIDE_BY_SIDE: u16 = 110;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let Some(incident) = state.incidents.selected() else {
        let block = Block::default().borders(Borders::ALL).title(" Incident ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = if state.incidents.loading {
            "Reading the incident…"
        } else {
            "No incident is highlighted. esc goes back to the list."
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    if state.zoom {
        match state.incident_view.pane {
            ViewPane::Timeline => timeline::render(state, frame, area),
            ViewPane::Related => related(state, frame, area),
        }
        return;
    }
    let header = header_lines(state, area.width.saturating_sub(2));
    let [head, body] = Layout::vertical([
        Constraint::Length(header.len() as u16 + 2),
        Constraint::Min(0),
    ])
    .areas(area);
    let status = match incident.status {
        IncidentStatus::Open => " OPEN ",
        IncidentStatus::Resolved => " RESOLVED ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Line::from(vec![
            Span::raw(" Incident "),
            Span::styled(status, theme.badge()),
            Span::raw(format!(
                " {} back ",
                state
                    .keymap
                    .key_for(
                        crate::app::keymap::Section::Incident,
                        crate::app::keymap::Action::Leave
                    )
                    .unwrap_or("esc")
            )),
        ]));
    let inner = block.inner(head);
    frame.render_widget(block, head);
    frame.render_widget(Paragraph::new(header), inner);
    if area.width >= SIDE_BY_SIDE {
        let [events, side] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(body);
        timeline::render(state, frame, events);
        let engaged_rows = engaged_lines(state).len() as u16 + 2;
        let [items, people] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(engaged_rows.min(side.height / 2)),
        ])
        .areas(side);
        related(state, frame, items);
        engaged(state, frame, people);
    } else {
        // At least a border and one row, at most a third of a small screen (never a panic on a tiny one).
        let related_rows = (state.related.items.len() as u16 * 2 + 2)
            .min(body.height / 3)
            .max(3.min(body.height));
        let [events, items] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(related_rows)]).areas(body);
        timeline::render(state, frame, events);
        related(state, frame, items);
    }
}

/// Title, status, impact in words, age, response plan, chat channel and SNS topics.
fn header_lines(state: &AppState, width: u16) -> Vec<Line<'static>> {
    let theme = super::theme(state);
    let Some(incident) = state.incidents.selected() else {
        return Vec::new();
    };
    let when = match incident.status {
        IncidentStatus::Open => format!(
            "opened {} ago ({})",
            age(incident.creation_time, state.now),
            time(incident.creation_time, state.utc, false)
        ),
        IncidentStatus::Resolved => format!(
            "resolved {}",
            time(
                incident.resolved_time.unwrap_or(incident.creation_time),
                state.utc,
                false
            )
        ),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("[{}] {} ", incident.impact, impact_label(incident.impact)),
                theme.impact(incident.impact),
            ),
            Span::styled(inert(&incident.title).into_owned(), theme.heading()),
        ]),
        Line::raw(format!(
            "{when} · response plan {}",
            inert(plan_of(&incident.arn))
        )),
    ];
    let (channel, targets) = match state.incidents.selected_record() {
        Some(record) => {
            let channel = record
                .chat_channel
                .as_ref()
                .map(|c| c.topics())
                .unwrap_or_default();
            let targets: Vec<String> = record
                .notification_targets
                .iter()
                .map(|NotificationTargetItem::SnsTopicArn(t)| t.clone())
                .collect();
            (names(channel), names(&targets))
        }
        None => ("reading…".to_string(), "reading…".to_string()),
    };
    let detail = format!("chat channel topics {channel} · notifies {targets}");
    let detail: String = detail.chars().take(usize::from(width) * 2).collect();
    lines.push(Line::styled(inert(&detail).into_owned(), theme.dim()));
    lines
}

/// Topic ARNs as `name (Region)`, the way a person tells them apart.
fn names(arns: &[String]) -> String {
    if arns.is_empty() {
        return "none".into();
    }
    arns.iter()
        .map(|text| match Arn::parse(text) {
            Ok(arn) => format!("{} ({})", arn.resource(), arn.region()),
            Err(_) => text.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn related(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let focused = state.incident_view.pane == ViewPane::Related;
    let arn = state.incidents.selected_arn().unwrap_or_default();
    let items = state.related.of(arn);
    let count = items.map_or_else(|| "…".to_string(), |i| i.len().to_string());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(format!(" Related items ({count}) · tab · o opens "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = match (items, &state.related.error) {
        (_, Some(error)) if state.related.arn.as_deref() == Some(arn) => vec![
            Line::styled("✗ could not read the related items:", theme.error()),
            Line::raw(inert(error).into_owned()),
        ],
        (None, _) => vec![Line::styled("reading…", theme.dim())],
        (Some([]), _) => vec![Line::styled(
            "none yet · a adds a URL or an ARN",
            theme.dim(),
        )],
        (Some(items), _) => items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                item_lines(
                    state,
                    item,
                    i == state.incident_view.related_cursor,
                    focused,
                )
            })
            .collect(),
    };
    // Two rows an item: keep the highlighted item's both rows in view.
    let cursor_row = state.incident_view.related_cursor * 2 + 1;
    let scroll = cursor_row.saturating_sub(usize::from(inner.height.saturating_sub(1)));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

/// An item as two rows: its title and type, then its URL or ARN whole on a row of its own.
fn item_lines(
    state: &AppState,
    item: &RelatedItem,
    selected: bool,
    focused: bool,
) -> [Line<'static>; 2] {
    let theme = super::theme(state);
    let value = match &item.identifier.value {
        ItemValue::Arn(a) | ItemValue::Url(a) | ItemValue::MetricDefinition(a) => a.clone(),
        ItemValue::PagerDutyIncidentDetail(d) => format!("PagerDuty incident {}", d.id),
    };
    let title = item.title.clone().unwrap_or_else(|| "(untitled)".into());
    let head = Line::from(vec![
        Span::raw(if selected { "› " } else { "  " }),
        Span::styled(inert(&title).into_owned(), theme.heading()),
        Span::styled(
            format!(
                " · {}",
                item.identifier.item_type.to_lowercase().replace('_', " ")
            ),
            theme.dim(),
        ),
    ]);
    let head = if selected {
        head.patch_style(theme.selected(focused))
    } else {
        head
    };
    [head, Line::raw(format!("    {}", inert(&value)))]
}

fn engaged_lines(state: &AppState) -> Vec<Line<'static>> {
    let theme = super::theme(state);
    let view = &state.incident_view;
    let current = view.engaged_of.is_some() && view.engaged_of == state.timeline.arn;
    let (people, unread) = if current {
        (view.engaged.as_slice(), view.engaged_unread)
    } else {
        (&[][..], 0)
    };
    let mut lines: Vec<Line> = people
        .iter()
        .map(|e| {
            let ack = match &e.acknowledged {
                Some((at, Some(by))) => {
                    format!(
                        "✓ acknowledged by {} at {}",
                        inert(by),
                        time(*at, state.utc, true)
                    )
                }
                Some((at, None)) => format!("✓ acknowledged at {}", time(*at, state.utc, true)),
                None => "! not acknowledged".to_string(),
            };
            Line::from(vec![
                Span::styled(inert(&e.contact).into_owned(), theme.heading()),
                Span::raw(format!(
                    " paged {} · {ack}",
                    time(e.paged_at, state.utc, true)
                )),
            ])
        })
        .collect();
    if unread > 0 {
        lines.push(Line::styled(
            format!("reading {unread} page events…"),
            theme.dim(),
        ));
    }
    if lines.is_empty() {
        lines.push(Line::styled("nobody was paged", theme.dim()));
    }
    lines
}

fn engaged(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(" Engaged (pages and acknowledgements) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(engaged_lines(state)), inner);
}
