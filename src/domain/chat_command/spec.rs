//! The option table of each command: CLI spelling, API member, shape, and whether it is required.

use super::shape::{
    CHAT_CHANNEL, CLIENT_TOKEN, EVENT_DATA, EVENT_ID, EVENT_REFERENCES, EVENT_TYPE, FILTERS,
    IMPACT, INCIDENT_RECORD_ARN, NOTIFICATION_TARGETS, RELATED_ITEMS, RELATED_ITEMS_UPDATE,
    RESPONSE_PLAN_ARN, SORT_BY, SORT_ORDER, STATUS, SUMMARY, Shape, TIMESTAMP, TITLE,
    TRIGGER_DETAILS,
};

/// One API member as a command-line option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// The CLI spelling without dashes, e.g. `incident-record-arn`.
    pub name: &'static str,
    /// The API member, as `--cli-input-json` spells it, e.g. `incidentRecordArn`.
    pub member: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
    /// What the value is, for "needs a value" messages, e.g. `the incident record ARN`.
    pub hint: &'static str,
}

impl OptionSpec {
    /// List options take several words, one item each (`--filters 'key=…' 'key=…'`).
    pub fn takes_several_words(&self) -> bool {
        matches!(self.shape, Shape::List { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub options: &'static [OptionSpec],
    /// Whether `--max-items`, `--starting-token` and `--page-size` apply.
    pub paginated: bool,
}

impl CommandSpec {
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }

    pub fn option_by_member(&self, member: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.member == member)
    }
}

/// The global and pagination options, which every command (or every list command) takes.
pub const GLOBAL_OPTIONS: [&str; 4] = ["region", "query", "output", "cli-input-json"];
pub const PAGING_OPTIONS: [&str; 3] = ["max-items", "starting-token", "page-size"];

/// AWS CLI options that make no sense in a chat line, with why.
pub const CLI_ONLY_OPTIONS: [(&str, &str); 14] = [
    (
        "profile",
        "the chat channel's role decides the credentials; imdeck's own --profile sets them",
    ),
    (
        "endpoint-url",
        "imdeck's own --endpoint-url (or --sandbox) sets the endpoint",
    ),
    ("debug", "imdeck logs to a file; set IMDECK_LOG=debug"),
    ("no-paginate", "use --max-items to limit the output"),
    (
        "generate-cli-skeleton",
        "a chat channel runs commands, it does not generate skeletons",
    ),
    ("no-verify-ssl", "imdeck always verifies TLS"),
    (
        "no-sign-request",
        "every Incident Manager request must be signed",
    ),
    ("ca-bundle", "imdeck uses the system's certificates"),
    ("cli-read-timeout", "a chat channel has its own timeout"),
    ("cli-connect-timeout", "a chat channel has its own timeout"),
    ("color", "a chat channel prints no colour"),
    ("no-cli-pager", "a chat channel has no pager"),
    (
        "cli-binary-format",
        "no Incident Manager command takes binary input",
    ),
    ("cli-auto-prompt", "a chat channel cannot prompt"),
];

const fn opt(
    name: &'static str,
    member: &'static str,
    shape: &'static Shape,
    hint: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        member,
        shape,
        required: false,
        hint,
    }
}

const fn req(
    name: &'static str,
    member: &'static str,
    shape: &'static Shape,
    hint: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        member,
        shape,
        required: true,
        hint,
    }
}

const INCIDENT: OptionSpec = req(
    "incident-record-arn",
    "incidentRecordArn",
    &INCIDENT_RECORD_ARN,
    "the incident record ARN",
);
const INCIDENT_AS_ARN: OptionSpec = req(
    "arn",
    "arn",
    &INCIDENT_RECORD_ARN,
    "the incident record ARN",
);
const EVENT: OptionSpec = req("event-id", "eventId", &EVENT_ID, "the timeline event id");
const TOKEN: OptionSpec = opt(
    "client-token",
    "clientToken",
    &CLIENT_TOKEN,
    "an idempotency token",
);
const IMPACT_OPTION: OptionSpec = opt(
    "impact",
    "impact",
    &IMPACT,
    "an impact from 1 (critical) to 5 (no impact)",
);
const TITLE_OPTION: OptionSpec = opt("title", "title", &TITLE, "a title");
const FILTERS_OPTION: OptionSpec = opt("filters", "filters", &FILTERS, "one or more filters");

pub const COMMANDS: [CommandSpec; 13] = [
    CommandSpec {
        name: "start-incident",
        paginated: false,
        options: &[
            req(
                "response-plan-arn",
                "responsePlanArn",
                &RESPONSE_PLAN_ARN,
                "the response plan ARN",
            ),
            TITLE_OPTION,
            IMPACT_OPTION,
            opt(
                "related-items",
                "relatedItems",
                &RELATED_ITEMS,
                "one or more related items",
            ),
            opt(
                "trigger-details",
                "triggerDetails",
                &TRIGGER_DETAILS,
                "source=…,timestamp=…",
            ),
            TOKEN,
        ],
    },
    CommandSpec {
        name: "list-response-plans",
        paginated: true,
        options: &[],
    },
    CommandSpec {
        name: "get-response-plan",
        paginated: false,
        options: &[req(
            "arn",
            "arn",
            &RESPONSE_PLAN_ARN,
            "the response plan ARN",
        )],
    },
    CommandSpec {
        name: "create-timeline-event",
        paginated: false,
        options: &[
            INCIDENT,
            req(
                "event-time",
                "eventTime",
                &TIMESTAMP,
                "a time like 2023-03-31T20:30:00Z",
            ),
            req(
                "event-type",
                "eventType",
                &EVENT_TYPE,
                "\"Custom Event\" or Note",
            ),
            req("event-data", "eventData", &EVENT_DATA, "the event text"),
            opt(
                "event-references",
                "eventReferences",
                &EVENT_REFERENCES,
                "resource=ARN",
            ),
            TOKEN,
        ],
    },
    CommandSpec {
        name: "delete-timeline-event",
        paginated: false,
        options: &[INCIDENT, EVENT],
    },
    CommandSpec {
        name: "get-incident-record",
        paginated: false,
        options: &[INCIDENT_AS_ARN],
    },
    CommandSpec {
        name: "get-timeline-event",
        paginated: false,
        options: &[INCIDENT, EVENT],
    },
    CommandSpec {
        name: "list-incident-records",
        paginated: true,
        options: &[FILTERS_OPTION],
    },
    CommandSpec {
        name: "list-timeline-events",
        paginated: true,
        options: &[
            INCIDENT,
            FILTERS_OPTION,
            opt("sort-by", "sortBy", &SORT_BY, "EVENT_TIME"),
            opt(
                "sort-order",
                "sortOrder",
                &SORT_ORDER,
                "ASCENDING or DESCENDING",
            ),
        ],
    },
    CommandSpec {
        name: "list-related-items",
        paginated: true,
        options: &[INCIDENT],
    },
    CommandSpec {
        name: "update-related-items",
        paginated: false,
        options: &[
            INCIDENT,
            req(
                "related-items-update",
                "relatedItemsUpdate",
                &RELATED_ITEMS_UPDATE,
                "itemToAdd={…} or itemToRemove={…}",
            ),
            TOKEN,
        ],
    },
    CommandSpec {
        name: "update-incident-record",
        paginated: false,
        options: &[
            INCIDENT_AS_ARN,
            TITLE_OPTION,
            opt("summary", "summary", &SUMMARY, "a summary"),
            IMPACT_OPTION,
            opt("status", "status", &STATUS, "OPEN or RESOLVED"),
            opt(
                "chat-channel",
                "chatChannel",
                &CHAT_CHANNEL,
                "chatbotSns=ARN,… or empty={}",
            ),
            opt(
                "notification-targets",
                "notificationTargets",
                &NOTIFICATION_TARGETS,
                "snsTopicArn=ARN",
            ),
            TOKEN,
        ],
    },
    CommandSpec {
        name: "update-timeline-event",
        paginated: false,
        options: &[
            INCIDENT,
            EVENT,
            opt(
                "event-time",
                "eventTime",
                &TIMESTAMP,
                "a time like 2023-03-31T20:30:00Z",
            ),
            opt(
                "event-type",
                "eventType",
                &EVENT_TYPE,
                "\"Custom Event\" or Note",
            ),
            opt("event-data", "eventData", &EVENT_DATA, "the event text"),
            opt(
                "event-references",
                "eventReferences",
                &EVENT_REFERENCES,
                "resource=ARN",
            ),
            TOKEN,
        ],
    },
];

pub fn command(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Every option name the command takes, its own first, then the global and pagination ones.
pub fn all_option_names(spec: &CommandSpec) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = spec.options.iter().map(|o| o.name).collect();
    names.extend(GLOBAL_OPTIONS);
    if spec.paginated {
        names.extend(PAGING_OPTIONS);
    }
    names
}

/// Filter keys each list command accepts, for "did you mean" on `key=`.
pub fn filter_keys(command: &str) -> &'static [&'static str] {
    match command {
        "list-incident-records" => &["creationTime", "impact", "status", "createdBy"],
        "list-timeline-events" => &["eventTime", "eventType", "eventReference"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::COMMAND_NAMES;

    #[test]
    fn the_table_covers_the_13_commands_in_order() {
        let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(names, COMMAND_NAMES.to_vec());
    }

    #[test]
    fn arn_spelling_follows_the_cli() {
        for name in [
            "get-incident-record",
            "update-incident-record",
            "get-response-plan",
        ] {
            assert!(
                command(name).and_then(|c| c.option("arn")).is_some(),
                "{name}"
            );
        }
        assert!(
            command("list-timeline-events")
                .and_then(|c| c.option("arn"))
                .is_none()
        );
    }
}
