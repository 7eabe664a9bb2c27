//! Tab completion in the command box: command names, each command's options, and values imdeck knows (ARNs, event ids, enums).

use crate::app::state::AppState;
use crate::domain::command::COMMAND_NAMES;

/// The options each chat command takes, as the AWS CLI spells them (aws-api.md §3), plus the globals.
fn options_of(command: &str) -> &'static [&'static str] {
    match command {
        "start-incident" => &[
            "--response-plan-arn",
            "--title",
            "--impact",
            "--related-items",
            "--trigger-details",
            "--client-token",
        ],
        "list-response-plans"
        | "list-incident-records"
        | "list-related-items"
        | "list-timeline-events" => match command {
            "list-incident-records" => &[
                "--filters",
                "--max-items",
                "--starting-token",
                "--page-size",
            ],
            "list-related-items" => &[
                "--incident-record-arn",
                "--max-items",
                "--starting-token",
                "--page-size",
            ],
            "list-timeline-events" => &[
                "--incident-record-arn",
                "--filters",
                "--sort-by",
                "--sort-order",
                "--max-items",
                "--starting-token",
                "--page-size",
            ],
            _ => &["--max-items", "--starting-token", "--page-size"],
        },
        "get-response-plan" | "get-incident-record" => &["--arn"],
        "update-incident-record" => &[
            "--arn",
            "--title",
            "--summary",
            "--impact",
            "--status",
            "--chat-channel",
            "--notification-targets",
            "--client-token",
        ],
        "get-timeline-event" | "delete-timeline-event" => &["--incident-record-arn", "--event-id"],
        "create-timeline-event" => &[
            "--incident-record-arn",
            "--event-time",
            "--event-type",
            "--event-data",
            "--event-references",
            "--client-token",
        ],
        "update-timeline-event" => &[
            "--incident-record-arn",
            "--event-id",
            "--event-time",
            "--event-type",
            "--event-data",
            "--event-references",
            "--client-token",
        ],
        "update-related-items" => &[
            "--incident-record-arn",
            "--related-items-update",
            "--client-token",
        ],
        _ => &[],
    }
}

const GLOBAL_OPTIONS: [&str; 4] = ["--region", "--query", "--output", "--cli-input-json"];

/// Options that take no value (none of the chat commands' options are flags).
fn takes_value(option: &str) -> bool {
    option.starts_with('-')
}

/// The values imdeck can offer for an option of a command.
fn values_for(state: &AppState, command: &str, option: &str) -> Vec<String> {
    let incidents = || {
        let mut arns: Vec<String> = state.incidents.selected_arn.iter().cloned().collect();
        arns.extend(
            state
                .incidents
                .items
                .iter()
                .map(|i| i.arn.clone())
                .filter(|a| Some(a) != state.incidents.selected_arn.as_ref()),
        );
        arns
    };
    let plans = || {
        state
            .setup
            .plans
            .iter()
            .filter(|p| !p.arn.is_empty())
            .map(|p| p.arn.clone())
            .collect()
    };
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
    match option {
        "--arn" if command == "get-response-plan" => plans(),
        "--arn" | "--incident-record-arn" => incidents(),
        "--response-plan-arn" => plans(),
        "--event-id" => state
            .timeline
            .events
            .iter()
            .rev()
            .take(50)
            .map(|e| e.summary.event_id.clone())
            .collect(),
        "--impact" => words(&["1", "2", "3", "4", "5"]),
        "--status" => words(&["OPEN", "RESOLVED"]),
        "--sort-order" => words(&["ASCENDING", "DESCENDING"]),
        "--sort-by" => words(&["EVENT_TIME"]),
        "--event-type" => words(&["\"Custom Event\"", "Note"]),
        "--output" => words(&["json", "text"]),
        "--region" => state.setup.region_names(),
        _ => Vec::new(),
    }
}

/// The options of a command that carry the incident, so completing the command can fill in the selected one.
fn incident_option(command: &str) -> Option<&'static str> {
    match command {
        "get-incident-record" | "update-incident-record" => Some("--arn"),
        c if options_of(c).contains(&"--incident-record-arn") => Some("--incident-record-arn"),
        _ => None,
    }
}

/// The outcome of one Tab: the new line, and the candidates to list when more than one fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    pub candidates: Vec<String>,
}

pub fn complete(state: &AppState, line: &str) -> Completion {
    let ends_in_space = line.is_empty() || line.ends_with(char::is_whitespace);
    let words: Vec<&str> = line.split_whitespace().collect();
    let (done, partial) = if ends_in_space {
        (&words[..], "")
    } else {
        (
            &words[..words.len().saturating_sub(1)],
            words.last().copied().unwrap_or(""),
        )
    };
    let service = done
        .iter()
        .position(|w| w.eq_ignore_ascii_case("ssm-incidents"));
    let candidates: Vec<String> = match service {
        None if done.is_empty() || done.iter().all(|w| w.starts_with('@')) => {
            let mut c = vec!["ssm-incidents".to_string()];
            if done.is_empty() {
                c.insert(0, "@aws".to_string());
            }
            c
        }
        None => Vec::new(),
        Some(s) if done.len() == s + 1 => COMMAND_NAMES.iter().map(|c| c.to_string()).collect(),
        Some(s) => {
            let command = done[s + 1];
            let previous = done.last().copied().unwrap_or("");
            let value_wanted =
                takes_value(previous) && done.len() > s + 2 && !partial.starts_with("--");
            if value_wanted {
                values_for(state, command, previous)
            } else {
                options_of(command)
                    .iter()
                    .chain(GLOBAL_OPTIONS.iter())
                    .filter(|o| !done.contains(o))
                    .map(|o| o.to_string())
                    .collect()
            }
        }
    };
    let fitting: Vec<String> = candidates
        .into_iter()
        .filter(|c| c.starts_with(partial))
        .collect();
    let stem = &line[..line.len() - partial.len()];
    match fitting.as_slice() {
        [] => Completion {
            line: line.to_string(),
            candidates: Vec::new(),
        },
        [only] => {
            let mut line = format!("{stem}{only} ");
            let is_command = service.is_some_and(|s| done.len() == s + 1);
            if is_command
                && let (Some(option), Some(arn)) =
                    (incident_option(only), state.incidents.selected_arn.as_ref())
            {
                line.push_str(&format!("{option} {arn} "));
            }
            Completion {
                line,
                candidates: Vec::new(),
            }
        }
        many => Completion {
            line: format!("{stem}{}", common_prefix(many)),
            candidates: many.to_vec(),
        },
    }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut len = first.len();
    for w in &words[1..] {
        len = len.min(
            first
                .bytes()
                .zip(w.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    first[..len].to_string()
}
