//! The selected step in full: the checks about it now, the diff (policy JSON or lists, before → after, each line marked `+`/`-`), the AWS CLI commands, or a manual step's instructions and settings.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::state::AppState;
use crate::app::state::wizard::{StepRef, step_checks};
use crate::domain::arn::Arn;
use crate::domain::audit::Check;
use crate::domain::setup_plan::diff::DiffLine;
use crate::domain::setup_plan::{Change, ManualStep, PlannedChange, SetupStep, StepAction};
use crate::domain::snapshot::query::{incident_manager_topics_in, region_of_arn};

use super::super::inert::inert;
use super::super::theme::Theme;
use super::super::wrap::wrap;

/// Appends `text` wrapped to `width`, the first line after `first`, the others after `rest`. Leading spaces
/// (JSON indentation) are kept on every piece, since wrapping at spaces would drop them.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    (first, rest): (&str, &str),
    style: Style,
) {
    let body = text.trim_start_matches(' ');
    let indent = " ".repeat(text.len() - body.len());
    let room = width
        .saturating_sub(first.chars().count() + indent.len())
        .max(8);
    for (i, piece) in wrap(&inert(body), room, usize::MAX).into_iter().enumerate() {
        let prefix = if i == 0 { first } else { rest };
        lines.push(Line::from(vec![
            Span::styled(format!("{prefix}{indent}"), style),
            Span::styled(piece, style),
        ]));
    }
}

fn check_line(lines: &mut Vec<Line<'static>>, theme: Theme, check: &Check, width: usize) {
    let region = check
        .region
        .as_deref()
        .map(|r| format!(" · {r}"))
        .unwrap_or_default();
    let text = format!(
        "{} {}{region}: {}",
        check.status.word(),
        check.id,
        check.detail
    );
    let mark = format!("  {} ", check.status.mark());
    push_wrapped(
        lines,
        &text,
        width,
        (&mark, "    "),
        theme.status(check.status),
    );
}

fn heading(lines: &mut Vec<Line<'static>>, theme: Theme, text: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::styled(text.to_string(), theme.heading()));
}

pub fn lines(state: &AppState, at: StepRef, step: &SetupStep, width: usize) -> Vec<Line<'static>> {
    let theme = super::super::theme(state);
    let mut lines = Vec::new();
    push_wrapped(&mut lines, &step.title, width, ("", ""), theme.heading());
    let region = step
        .region
        .as_deref()
        .map(|r| format!(" · {r}"))
        .unwrap_or_default();
    lines.push(Line::styled(
        format!(
            "Task {} of 3 · {}{region}",
            step.task.number(),
            step.task.title()
        ),
        theme.dim(),
    ));
    if let StepRef::Applied(i) = at {
        let failing_after = state
            .wizard
            .applied
            .get(i)
            .map_or(0, |a| a.failing_after.len());
        lines.push(Line::raw(""));
        lines.push(if failing_after == 0 {
            Line::styled(
                "✓ applied and re-checked",
                theme.status(crate::domain::audit::Status::Pass),
            )
        } else {
            Line::styled(
                format!(
                    "! applied; {failing_after} re-check(s) still failed right after the write"
                ),
                theme.status(crate::domain::audit::Status::Warn),
            )
        });
    }
    lines.push(Line::styled("Checks now", theme.heading()));
    let checks = step_checks(step, &state.setup.checks);
    if checks.is_empty() {
        lines.push(Line::styled(
            "  · no current check speaks about this step",
            theme.dim(),
        ));
    }
    for check in checks {
        check_line(&mut lines, theme, check, width);
    }
    if let StepAction::Change(planned) = &step.action {
        why_another_topic(&mut lines, state, theme, &planned.change, width);
    }
    match &step.action {
        StepAction::Change(planned) => {
            // Computed when the step was selected (`Wizard::select`), never per frame.
            let diff = state.wizard.diff_of(at).unwrap_or_default();
            change_lines(&mut lines, theme, (planned, diff), at, width)
        }
        StepAction::Manual(manual) => manual_lines(&mut lines, theme, manual, width),
    }
    lines
}

/// A topic created in a Region that has an Incident Manager topic already: say why the one there is not reused.
fn why_another_topic(
    lines: &mut Vec<Line<'static>>,
    state: &AppState,
    theme: Theme,
    change: &Change,
    width: usize,
) {
    let (Change::CreateTopic { topic_arn, .. }, Some(snapshot)) = (change, &state.setup.snapshot)
    else {
        return;
    };
    let region = region_of_arn(topic_arn);
    let existing: Vec<String> = incident_manager_topics_in(snapshot, region)
        .into_iter()
        .filter(|arn| arn != topic_arn)
        .map(|arn| Arn::short_name(&arn).to_string())
        .collect();
    if existing.is_empty() {
        return;
    }
    heading(lines, theme, "Why another topic in this Region");
    let text = format!(
        "{region} has {} already, but a chat channel carries it (or it is taken for one). AWS Chatbot posts a \
         topic's messages in every channel that carries it, so sharing one topic would put one response plan's \
         incidents in another plan's chat channel: each channel gets a topic of its own.",
        existing.join(", ")
    );
    push_wrapped(lines, &text, width, ("  ", "  "), Style::default());
}

fn change_heading(change: &Change) -> &'static str {
    match change {
        Change::CreateTopic { .. } => "New topic's access policy (+ added)",
        Change::MergeTopicPolicy { .. } => "Access policy, before → after (- removed, + added)",
        Change::UpdateChannel { .. } => {
            "Channel configuration lists, before → after (- removed, + added)"
        }
        Change::UpdatePlanChatChannel { .. } => {
            "Response plan's chat channel, before → after (- removed, + added)"
        }
    }
}

/// Unchanged lines kept around each change; longer unchanged runs fold into one line, as unified diffs do,
/// so a one-line change in a long policy is on screen without scrolling.
const CONTEXT: usize = 3;

/// The diff with unchanged runs longer than twice `context` folded into a `⋯ N unchanged lines` marker.
fn collapse(diff: &[DiffLine], context: usize) -> Vec<DiffLine> {
    let changed: Vec<usize> = diff
        .iter()
        .enumerate()
        .filter(|(_, l)| !matches!(l, DiffLine::Same(_)))
        .map(|(i, _)| i)
        .collect();
    let near_change = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= context);
    let mut out = Vec::new();
    let mut folded = 0;
    for (i, line) in diff.iter().enumerate() {
        if matches!(line, DiffLine::Same(_)) && !near_change(i) {
            folded += 1;
            continue;
        }
        if folded > 0 {
            out.push(DiffLine::Same(format!("⋯ {folded} unchanged line(s)")));
            folded = 0;
        }
        out.push(line.clone());
    }
    if folded > 0 {
        out.push(DiffLine::Same(format!("⋯ {folded} unchanged line(s)")));
    }
    out
}

fn change_lines(
    lines: &mut Vec<Line<'static>>,
    theme: Theme,
    (planned, diff): (&PlannedChange, &[DiffLine]),
    at: StepRef,
    width: usize,
) {
    let title = match at {
        StepRef::Applied(_) => "What was written: ",
        StepRef::Planned(_) => "",
    };
    heading(
        lines,
        theme,
        &format!("{title}{}", change_heading(&planned.change)),
    );
    for line in collapse(diff, CONTEXT) {
        let (mark, text, style) = match &line {
            DiffLine::Same(text) => ("  ", text, Style::default()),
            DiffLine::Removed(text) => ("- ", text, theme.removed()),
            DiffLine::Added(text) => ("+ ", text, theme.added()),
        };
        // Continuation rows repeat the mark, so a wrapped line never reads as unchanged.
        push_wrapped(lines, text, width, (mark, mark), style);
    }
    heading(lines, theme, "AWS CLI, the same change by hand");
    for command in &planned.commands {
        push_wrapped(lines, command, width, ("$ ", "  "), theme.key());
    }
}

fn manual_lines(lines: &mut Vec<Line<'static>>, theme: Theme, manual: &ManualStep, width: usize) {
    heading(
        lines,
        theme,
        "Manual step: imdeck does not make this change",
    );
    push_wrapped(lines, &manual.why, width, ("", ""), Style::default());
    for instruction in &manual.instructions {
        push_wrapped(lines, instruction, width, ("• ", "  "), Style::default());
    }
    if let Some(settings) = &manual.settings {
        heading(lines, theme, "Settings");
        let pretty = serde_json::to_string_pretty(settings).unwrap_or_default();
        for line in pretty.lines() {
            push_wrapped(lines, line, width, ("  ", "  "), theme.key());
        }
    }
}
