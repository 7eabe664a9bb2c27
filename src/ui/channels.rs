//! The channels pane: per response plan, its chat channel (platform), topics per Region, role, guardrail and engagements.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::{AppState, Focus, PlanRow};
use crate::domain::arn::Arn;
use crate::domain::audit::Status;

use super::inert::inert;
use super::theme::Theme;
use super::{pane_block, shown_focus};

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let setup = &state.setup;
    let block = pane_block(state, " Channels per response plan ", Focus::Channels);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if setup.snapshot.is_none() {
        let text = if setup.loading.is_some() {
            "Loading…"
        } else {
            "Not loaded yet."
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    if setup.plans.is_empty() {
        frame.render_widget(Paragraph::new("No response plans."), inner);
        return;
    }
    let focused = shown_focus(state) == Focus::Channels;
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    for (index, plan) in setup.plans.iter().enumerate() {
        let selected = index == setup.channels_cursor;
        if selected {
            cursor_line = lines.len();
        }
        let mut plan_lines = plan_lines(plan, theme, if selected { "›" } else { " " });
        if selected && let Some(first) = plan_lines.first_mut() {
            *first = std::mem::take(first).patch_style(theme.selected(focused));
        }
        lines.extend(plan_lines);
    }
    let scroll = plans_scroll(cursor_line, lines.len(), inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

/// Keep the selected plan's first line on screen, with as much of the plan below it as fits: shared by render
/// and `plan_at`.
fn plans_scroll(cursor_line: usize, total: usize, height: u16) -> usize {
    let height = usize::from(height).max(1);
    let scroll = cursor_line
        .saturating_sub(height / 3)
        .min(total.saturating_sub(height));
    if cursor_line < scroll {
        cursor_line
    } else {
        scroll
    }
}

/// The response plan drawn at screen row `y` of the pane drawn in `area` (a mouse click), any of its lines.
pub fn plan_at(state: &AppState, area: Rect, y: u16) -> Option<usize> {
    let setup = &state.setup;
    setup.snapshot.as_ref()?;
    let inner = pane_block(state, "", Focus::Channels).inner(area);
    let theme = super::theme(state);
    let mut owner = Vec::new();
    let mut cursor_line = 0;
    for (index, plan) in setup.plans.iter().enumerate() {
        if index == setup.channels_cursor {
            cursor_line = owner.len();
        }
        owner.extend(std::iter::repeat_n(
            index,
            plan_lines(plan, theme, " ").len(),
        ));
    }
    let offset = usize::from(y.checked_sub(inner.y)?);
    if offset >= usize::from(inner.height) {
        return None;
    }
    owner
        .get(plans_scroll(cursor_line, owner.len(), inner.height) + offset)
        .copied()
}

/// Up to this many Regions are listed each by name; more are summed up past the failing ones.
const FEW_REGIONS: usize = 4;

fn mark(status: Option<Status>, theme: Theme) -> Span<'static> {
    match status {
        Some(s) => Span::styled(s.mark(), theme.status(s)),
        None => Span::styled("·", theme.dim()),
    }
}

fn yes_no(ok: bool, theme: Theme) -> Span<'static> {
    mark(Some(if ok { Status::Pass } else { Status::Fail }), theme)
}

fn plan_lines(plan: &PlanRow, theme: Theme, marker: &'static str) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::raw(marker),
        mark(plan.status, theme),
        Span::raw(" "),
        Span::styled(inert(&plan.name).into_owned(), theme.heading()),
    ])];
    if let Some(reason) = &plan.read_error {
        lines.push(Line::from(vec![
            Span::raw("   "),
            mark(Some(Status::Unknown), theme),
            Span::raw(format!(" could not be read: {}", inert(reason))),
        ]));
        return lines;
    }
    if plan.topics.is_empty() {
        lines.push(Line::from(vec![
            Span::raw("   "),
            yes_no(false, theme),
            Span::raw(" no chat channel"),
        ]));
    } else if plan.channels.is_empty() {
        lines.push(Line::from(vec![
            Span::raw("   "),
            yes_no(false, theme),
            Span::raw(format!(
                " {} topic(s), in no chat channel configuration",
                plan.topics.len()
            )),
        ]));
    }
    for channel in &plan.channels {
        let state = channel
            .state
            .as_deref()
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        lines.push(Line::raw(format!(
            "   → {} ({}){}",
            inert(&channel.channel_label),
            channel.platform.label(),
            state
        )));
        let mut regions = vec![Span::raw("     topics ")];
        // Many Regions do not fit a pane's width: the ones missing their topic first, the rest as a count.
        let many = channel.regions.len() > FEW_REGIONS;
        let (missing, carried): (Vec<_>, Vec<_>) = channel.regions.iter().partition(|(_, c)| !*c);
        let shown = if many {
            missing
        } else {
            channel.regions.iter().collect()
        };
        for (region, carried) in shown {
            regions.push(Span::raw(format!("{} ", inert(region))));
            regions.push(yes_no(*carried, theme));
            regions.push(Span::raw(" "));
        }
        if many {
            let label = if carried.len() == channel.regions.len() {
                format!("all {} Regions ", carried.len())
            } else {
                format!("{} more Regions ", carried.len())
            };
            regions.push(Span::raw(label));
            regions.push(yes_no(true, theme));
        }
        lines.push(Line::from(regions));
        let role = if channel.channel_role {
            "channel role"
        } else {
            "user roles"
        };
        lines.push(Line::from(vec![
            Span::raw("     role "),
            yes_no(channel.channel_role, theme),
            Span::raw(format!(" {role}")),
        ]));
        let guardrail = match &channel.guardrails {
            None => vec![
                yes_no(false, theme),
                Span::raw(" none (AWS applies AdministratorAccess)"),
            ],
            Some(names) => {
                let resolver = names
                    .iter()
                    .any(|n| n == "AWSIncidentManagerResolverAccess");
                vec![
                    yes_no(resolver, theme),
                    Span::raw(format!(" {}", inert(&names.join(", ")))),
                ]
            }
        };
        let mut spans = vec![Span::raw("     guardrail ")];
        spans.extend(guardrail);
        lines.push(Line::from(spans));
    }
    let engagements = if plan.engagements.is_empty() {
        "none".to_string()
    } else {
        plan.engagements
            .iter()
            .map(|e| inert(Arn::short_name(e)).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    lines.push(Line::raw(format!("   engagements: {engagements}")));
    lines
}
