//! `imdeck exec`: one chat line, parsed, validated, run through the SDK, printed as the AWS CLI prints it.

use std::process::ExitCode;

use crate::cli::{ExecOutput, GlobalOptions};
use crate::cloud::region_discovery::{INCIDENT_MANAGER_REGIONS, has_incident_manager};
use crate::cloud::{CloudError, IncidentRegion};
use crate::domain::chat_command::{OutputFormat, ParseError, help_for, parse_chat_line};
use crate::domain::cli_output::render_output;
use crate::domain::cli_output::timestamps;

use crate::backend::Backend;

pub async fn run(global: &GlobalOptions, output: Option<ExecOutput>, words: &[String]) -> ExitCode {
    let line = words.join(" ");
    if let Some(help) = help_for(&line) {
        print!("{help}");
        return ExitCode::SUCCESS;
    }
    let parsed = match parse_chat_line(&line) {
        Ok(parsed) => parsed,
        Err(error) => {
            eprint!("{}", describe_parse_error(&line, &error));
            return ExitCode::from(2);
        }
    };
    // An `--output` inside the chat line wins over the flag, as it would in the chat channel.
    let format = match (line_has_output(&line), output) {
        (false, Some(ExecOutput::Text)) => OutputFormat::Text,
        (false, Some(ExecOutput::Json)) => OutputFormat::Json,
        _ => parsed.output,
    };
    // The profile's cli_timestamp_format, so the output is what the user's own CLI prints.
    let timestamps = match crate::backend::timestamp_format(global).await {
        Ok(format) => format,
        Err(message) => {
            eprintln!("imdeck exec: {message}");
            return ExitCode::from(2);
        }
    };
    let operation = parsed.command.operation();
    let refuse = |e: CloudError| {
        eprintln!("\n{}", e.cli_message(operation));
        ExitCode::FAILURE
    };
    let run = Backend::run_with(global, false, refuse, async |backend| {
        // A `--region` in the line is obeyed as given; without one the command runs where Incident Manager
        // answers.
        if parsed.region.is_none()
            && let Some(note) = backend.region_note()
        {
            eprintln!("{note}");
        }
        let not_set_up = backend.incident_region == IncidentRegion::NotSetUp;
        let region_used = parsed
            .region
            .clone()
            .unwrap_or_else(|| backend.cloud.incident_region());
        let result = backend
            .cloud
            .execute(&parsed.command, parsed.region.as_deref())
            .await;
        (result, region_used, not_set_up)
    })
    .await;
    let (result, region_used, not_set_up) = match run {
        Ok(ran) => ran,
        Err(status) => return status,
    };
    match result {
        Ok(value) => match render_output(
            &timestamps::apply(&value, timestamps),
            parsed.query.as_deref(),
            format,
        ) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
        Err(e @ CloudError::ReadOnly(_)) => {
            // Not an AWS error (nothing was sent), so not dressed as one.
            eprintln!("{}", e.cli_message(parsed.command.operation()));
            ExitCode::from(1)
        }
        Err(e) => {
            // The AWS CLI opens its error with a blank line; peers compare the two outputs verbatim.
            eprintln!("\n{}", e.cli_message(parsed.command.operation()));
            if let Some(why) = explain_failure(&e, &region_used, not_set_up) {
                eprintln!("{why}");
            }
            ExitCode::from(1)
        }
    }
}

/// A line after the error when the Region explains it: no Incident Manager endpoint there, or no replication set.
fn explain_failure(error: &CloudError, region: &str, not_set_up: bool) -> Option<String> {
    if matches!(error, CloudError::Network(_)) && !has_incident_manager(region) {
        return Some(format!(
            "Incident Manager has no endpoint in {region}; it runs in {}",
            INCIDENT_MANAGER_REGIONS.join(", ")
        ));
    }
    not_set_up.then(|| {
        "Incident Manager is not set up in this account (it has no replication set)".to_string()
    })
}

fn line_has_output(line: &str) -> bool {
    line.split_whitespace()
        .any(|w| w.trim_start_matches(['-', '—']) == "output")
}

/// At most this many problems are spelled out: a line with thousands of mistakes needs the first few, not
/// thousands of copies of itself.
const SHOWN_PROBLEMS: usize = 20;
/// A line up to this long is shown whole under each problem; a longer one only around the problem.
const WHOLE_LINE_CHARS: usize = 200;
const CONTEXT_CHARS: usize = 60;
/// A message that quotes a huge word is cut here.
const MESSAGE_CHARS: usize = 1_000;

/// Each problem with the line, the offending word marked under it, then the corrected line when certain.
/// The output stays a few kilobytes however long the line and however many its problems.
pub fn describe_parse_error(line: &str, error: &ParseError) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    for problem in error.problems.iter().take(SHOWN_PROBLEMS) {
        out.push_str(&format!(
            "error: {}\n",
            cut(&problem.message, MESSAGE_CHARS)
        ));
        let (shown, start, width) = excerpt(&chars, &problem.span);
        out.push_str(&format!("  {shown}\n"));
        out.push_str(&format!("  {}{}\n", " ".repeat(start), "^".repeat(width)));
    }
    let hidden = error.problems.len().saturating_sub(SHOWN_PROBLEMS);
    if hidden > 0 {
        out.push_str(&format!("… and {hidden} more problems\n"));
    }
    if let Some(corrected) = &error.corrected_line {
        out.push_str(&format!("corrected line:\n  {corrected}\n"));
    }
    out
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The part of the line to show for a problem, where its marker starts in that part, and the marker's width.
fn excerpt(chars: &[char], span: &std::ops::Range<usize>) -> (String, usize, usize) {
    let start = span.start.min(chars.len());
    let end = span.end.clamp(start, chars.len());
    if chars.len() <= WHOLE_LINE_CHARS {
        return (chars.iter().collect(), start, span.len().max(1));
    }
    let from = start.saturating_sub(CONTEXT_CHARS);
    let to = (end.min(start + CONTEXT_CHARS) + CONTEXT_CHARS).min(chars.len());
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let lead = usize::from(from > 0);
    (shown, start - from + lead, (end.min(to) - start).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole_with_its_marker() {
        let line = "@aws ssm-incidents list-incident-record";
        let error = parse_chat_line(line).expect_err("misspelt");
        let text = describe_parse_error(line, &error);
        assert!(text.contains(&format!("  {line}\n")), "{text}");
        assert!(text.contains(&format!("  {}^", " ".repeat(19))), "{text}");
    }

    #[test]
    fn a_huge_line_with_thousands_of_problems_gives_a_bounded_report() {
        let line = format!(
            "@aws ssm-incidents list-incident-records {}",
            "--bogus ".repeat(20_000)
        );
        let error = parse_chat_line(&line).expect_err("unknown options");
        assert!(error.problems.len() > SHOWN_PROBLEMS);
        let text = describe_parse_error(&line, &error);
        assert!(text.len() < 40_000, "{} bytes", text.len());
        assert!(text.contains("more problems"), "{text}");
        // Each marker still sits under its word in the excerpt.
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[1];
        let marker = lines[2];
        let at = marker.find('^').expect("marker");
        let under: String = shown.chars().skip(at).take(7).collect();
        assert_eq!(under, "--bogus", "{shown}\n{marker}");
    }
}
