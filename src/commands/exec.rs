//! `imdeck exec`: one chat line, parsed, validated, run through the SDK, printed as the AWS CLI prints it.

use std::process::ExitCode;

use crate::cli::{ExecOutput, GlobalOptions};
use crate::domain::chat_command::{OutputFormat, ParseError, parse_chat_line};
use crate::domain::cli_output::render_output;

use super::backend::Backend;

pub async fn run(global: &GlobalOptions, output: Option<ExecOutput>, words: &[String]) -> ExitCode {
    let line = words.join(" ");
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
    let backend = match Backend::connect(global, false).await {
        Ok(backend) => backend,
        Err(e) => {
            eprintln!("\n{}", e.cli_message(parsed.command.operation()));
            return ExitCode::from(1);
        }
    };
    let result = backend
        .cloud
        .execute(&parsed.command, parsed.region.as_deref())
        .await;
    backend.shutdown().await;
    match result {
        Ok(value) => match render_output(&value, parsed.query.as_deref(), format) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            // The AWS CLI opens its error with a blank line; peers compare the two outputs verbatim.
            eprintln!("\n{}", e.cli_message(parsed.command.operation()));
            ExitCode::from(1)
        }
    }
}

fn line_has_output(line: &str) -> bool {
    line.split_whitespace()
        .any(|w| w.trim_start_matches(['-', '—']) == "output")
}

/// Each problem with the line, the offending word marked under it, then the corrected line when certain.
pub fn describe_parse_error(line: &str, error: &ParseError) -> String {
    let mut out = String::new();
    for problem in &error.problems {
        out.push_str(&format!("error: {}\n", problem.message));
        out.push_str(&format!("  {line}\n"));
        let start = problem.span.start.min(line.chars().count());
        let width = problem.span.len().max(1);
        out.push_str(&format!("  {}{}\n", " ".repeat(start), "^".repeat(width)));
    }
    if let Some(corrected) = &error.corrected_line {
        out.push_str(&format!("corrected line:\n  {corrected}\n"));
    }
    out
}
