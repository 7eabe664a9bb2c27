//! The setup checklist: a Region × topic/policy/channel matrix of marks (✓ ✗ ! ? i), then the checks that belong
//! to no Region, each named by what it is about, failures first, passing ones folded until asked for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Action, Section};
use crate::app::state::setup::CheckColumn;
use crate::app::state::{AppState, Focus};
use crate::domain::audit::Status;
use crate::domain::audit::subject::SHORT_NAME_WIDTH;

use super::inert::inert;
use super::{pane_block, shown_focus};

const CELL: usize = 7;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    let theme = super::theme(state);
    let setup = &state.setup;
    let mut title = vec![Span::raw(" Setup checklist ")];
    if let Some(progress) = setup.loading {
        title.push(Span::raw(format!(
            "· loading Regions {}/{} ",
            progress.done, progress.total
        )));
    }
    let block = pane_block(state, Line::from(title), Focus::Checklist);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::new();
    if setup.snapshot.is_none() {
        match (&setup.loading, &setup.refresh.failure) {
            (_, Some(reason)) => {
                lines.push(Line::styled(
                    "✗ the setup could not be read:",
                    theme.error(),
                ));
                lines.push(Line::raw(inert(reason).into_owned()));
            }
            (Some(p), None) => lines.push(Line::raw(format!(
                "Loading the setup… Regions {}/{}",
                p.done, p.total
            ))),
            (None, None) => lines.push(Line::raw("Not loaded yet.")),
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let focused = shown_focus(state) == Focus::Checklist;
    // Marker, mark and a space come before a general row's words.
    let label_width = usize::from(inner.width).saturating_sub(4);
    // The column heads are never cut: when the names do not fit, Regions are written short (`ap-ne-1`).
    let room = usize::from(inner.width).saturating_sub(2 + CELL * CheckColumn::ALL.len());
    let width_of = |short: bool| {
        setup
            .shown_regions
            .iter()
            .filter_map(|&i| setup.regions.get(i))
            .map(|r| region_name(&r.region, short).chars().count())
            .max()
            .unwrap_or(6)
            .clamp(6, 16)
    };
    let short = width_of(false) > room;
    let region_width = width_of(short).min(room).max(6);
    let mut head = vec![Span::styled(
        format!("  {:<region_width$}", "Region"),
        theme.heading(),
    )];
    for column in CheckColumn::ALL {
        head.push(Span::styled(
            format!("{:^CELL$}", column.label()),
            theme.heading(),
        ));
    }
    lines.push(Line::from(head));
    let mut row_index = 0;
    let mut cursor_line = 0;
    for row in setup
        .shown_regions
        .iter()
        .filter_map(|&i| setup.regions.get(i))
    {
        let selected = row_index == setup.checklist_cursor;
        if selected {
            cursor_line = lines.len();
        }
        let marker = if selected { "› " } else { "  " };
        let mut spans = vec![Span::raw(format!(
            "{marker}{:<region_width$}",
            fit(&inert(&region_name(&row.region, short)), region_width)
        ))];
        for column in CheckColumn::ALL {
            let (mark, style) = match row.cell(column) {
                Some(status) => (status.mark(), theme.status(status)),
                None => ("·", theme.dim()),
            };
            spans.push(Span::styled(format!("{mark:^CELL$}"), style));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
        row_index += 1;
    }
    if setup.hidden_regions > 0 {
        let key = state
            .keymap
            .key_for(Section::Checklist, Action::FoldPassing)
            .unwrap_or("?");
        lines.push(Line::from(vec![
            Span::raw(format!("  {} more Regions ", setup.hidden_regions)),
            Span::styled(Status::Pass.mark(), theme.status(Status::Pass)),
            Span::styled(format!(" · {key} shows them"), theme.dim()),
        ]));
    }
    if !setup.general.is_empty() || setup.hidden_passing > 0 {
        lines.push(Line::styled(
            format!("    {:<SHORT_NAME_WIDTH$} about", "check"),
            theme.heading(),
        ));
    }
    for &index in &setup.general {
        let Some(check) = setup.checks.get(index) else {
            continue;
        };
        let selected = row_index == setup.checklist_cursor;
        if selected {
            cursor_line = lines.len();
        }
        let marker = if selected { "› " } else { "  " };
        let mut line = Line::from(vec![
            Span::raw(marker),
            Span::styled(check.status.mark(), theme.status(check.status)),
            Span::raw(" "),
            Span::raw(fit(&inert(setup.label(index)), label_width)),
        ]);
        if selected {
            line = line.patch_style(theme.selected(focused));
        }
        lines.push(line);
        row_index += 1;
    }
    if setup.hidden_passing > 0 {
        let key = state
            .keymap
            .key_for(Section::Checklist, Action::FoldPassing)
            .unwrap_or("?");
        lines.push(Line::styled(
            format!(
                "  {} passing hidden · {key} shows them",
                setup.hidden_passing
            ),
            theme.dim(),
        ));
    }
    let legend = legend(state);
    let body_height = usize::from(inner.height.saturating_sub(1)).max(1);
    let scroll = rows_scroll(cursor_line, body_height);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(body_height).collect();
    let [body, foot] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(0),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(visible), body);
    frame.render_widget(Paragraph::new(legend), foot);
}

/// The key to the marks, in words, so no mark depends on colour.
fn legend(state: &AppState) -> Line<'static> {
    let theme = super::theme(state);
    let mut spans = Vec::new();
    for status in [
        Status::Pass,
        Status::Fail,
        Status::Warn,
        Status::Unknown,
        Status::Info,
    ] {
        spans.push(Span::styled(status.mark(), theme.status(status)));
        spans.push(Span::styled(format!(" {} ", status.word()), theme.dim()));
    }
    Line::from(spans)
}

/// A Region's name, or when `short` its compass words written as initials (`ap-northeast-1` → `ap-ne-1`), which
/// keeps every Region distinct.
fn region_name(region: &str, short: bool) -> String {
    if !short {
        return region.to_string();
    }
    region
        .split('-')
        .map(|part| match part {
            "northeast" => "ne",
            "northwest" => "nw",
            "southeast" => "se",
            "southwest" => "sw",
            "north" => "n",
            "south" => "s",
            "east" => "e",
            "west" => "w",
            "central" => "c",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The words cut to `width` columns with an ellipsis, so a cut name is seen to be cut.
fn fit(text: &str, width: usize) -> String {
    if Span::raw(text).width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if Span::raw(format!("{out}{c}…")).width() > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// How far the lines scroll so the cursor's line is in view: shared by render and `row_at`.
fn rows_scroll(cursor_line: usize, body_height: usize) -> usize {
    cursor_line.saturating_sub(body_height.saturating_sub(1))
}

/// The checklist row drawn at screen row `y` of the pane drawn in `area` (a mouse click): the lines in render's
/// order are the column heading, the Regions, the general checks' heading, the general checks.
pub fn row_at(state: &AppState, area: Rect, y: u16) -> Option<usize> {
    let setup = &state.setup;
    setup.snapshot.as_ref()?;
    let inner = pane_block(state, "", Focus::Checklist).inner(area);
    let mut lines: Vec<Option<usize>> = vec![None];
    lines.extend((0..setup.shown_regions.len()).map(Some));
    if setup.hidden_regions > 0 {
        lines.push(None);
    }
    if !setup.general.is_empty() || setup.hidden_passing > 0 {
        lines.push(None);
    }
    let mut row = setup.shown_regions.len();
    for &index in &setup.general {
        if setup.checks.get(index).is_some() {
            lines.push(Some(row));
            row += 1;
        }
    }
    let body_height = usize::from(inner.height.saturating_sub(1)).max(1);
    let cursor_line = lines
        .iter()
        .position(|l| *l == Some(setup.checklist_cursor))
        .unwrap_or(0);
    let offset = usize::from(y.checked_sub(inner.y)?);
    if offset >= body_height {
        return None;
    }
    lines
        .get(rows_scroll(cursor_line, body_height) + offset)
        .copied()
        .flatten()
}
