//! `@aws ssm-incidents help` (and `… COMMAND help`), as chat users type it: the commands, or one command's options.

use super::spec::{COMMANDS, CommandSpec};

/// What each command does, in the AWS CLI reference's words, shortened.
pub(super) fn purpose(name: &str) -> &'static str {
    match name {
        "start-incident" => "start an incident from a response plan",
        "list-response-plans" => "list the response plans",
        "get-response-plan" => "show one response plan",
        "create-timeline-event" => "add an event (a note) to an incident's timeline",
        "delete-timeline-event" => "delete a custom event from a timeline",
        "get-incident-record" => "show one incident",
        "get-timeline-event" => "show one timeline event",
        "list-incident-records" => "list the incidents",
        "list-timeline-events" => "list an incident's timeline events",
        "list-related-items" => "list an incident's related items",
        "update-related-items" => "add or remove a related item",
        "update-incident-record" => "change an incident's title, summary, impact or status",
        "update-timeline-event" => "change a custom event's text or time",
        _ => "",
    }
}

/// The help text when the line asks for help, `None` otherwise. `help` alone (after the optional `@aws` and
/// `ssm-incidents`) lists the commands; `COMMAND help` lists its options, the required ones first.
pub fn help_for(line: &str) -> Option<String> {
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    let mut rest: &[String] = &words;
    if let Some(first) = rest.first()
        && matches!(first.as_str(), "@aws" | "aws" | "@amazonq")
    {
        rest = &rest[1..];
    } else if rest.len() >= 2 && rest[0] == "@amazon" && rest[1] == "q" {
        rest = &rest[2..];
    }
    if rest.first().map(String::as_str) == Some("ssm-incidents") {
        rest = &rest[1..];
    }
    match rest {
        [help] if help == "help" => Some(commands_help()),
        [command, help] if help == "help" => COMMANDS
            .iter()
            .find(|c| c.name == command.as_str())
            .map(command_help),
        _ => None,
    }
}

fn commands_help() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::from("@aws ssm-incidents COMMAND [options]; the commands:\n\n");
    for command in &COMMANDS {
        out.push_str(&format!(
            "  {:<width$}  {}\n",
            command.name,
            purpose(command.name)
        ));
    }
    out.push_str("\n@aws ssm-incidents COMMAND help lists a command's options.\n");
    out
}

fn command_help(command: &CommandSpec) -> String {
    let mut out = format!(
        "@aws ssm-incidents {}: {}\n\n",
        command.name,
        purpose(command.name)
    );
    let mut options: Vec<_> = command.options.iter().collect();
    options.sort_by_key(|o| !o.required);
    for option in options {
        let need = if option.required {
            "required"
        } else {
            "optional"
        };
        out.push_str(&format!("  --{}  {need}: {}\n", option.name, option.hint));
    }
    if command.paginated {
        out.push_str("  --max-items, --starting-token, --page-size  optional: pagination\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_and_a_command_help_its_options() {
        for line in [
            "@aws ssm-incidents help",
            "ssm-incidents help",
            "@Amazon Q ssm-incidents HELP",
        ] {
            let text = help_for(line).expect(line);
            for command in &COMMANDS {
                assert!(text.contains(command.name), "{line}: {}", command.name);
            }
        }
        let one = help_for("@aws ssm-incidents start-incident help").expect("command help");
        assert!(one.contains("--response-plan-arn  required"), "{one}");
        assert!(help_for("@aws ssm-incidents list-incident-records").is_none());
        assert!(help_for("@aws ssm-incidents nonsense help").is_none());
    }
}
