//! The error table: invalid chat lines, the word and message of each problem, and the corrected line.

use imdeck::domain::chat_command::{ParseError, parse_chat_line};

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";

const DOCS_EXAMPLE: &str = r#"@aws ssm-incidents create-timeline-event --event-data "\"example timeline event"\" --event-time 2023-03-31 T20:30:00.000 --event-type Custom Event --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"#;
const DOCS_CORRECTED: &str = r#"@aws ssm-incidents create-timeline-event --event-data "\"example timeline event"\" --event-time 2023-03-31T20:30:00.000 --event-type "Custom Event" --incident-record-arn arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"#;

/// A line, its problems as (word as typed, message fragment), and the corrected line if certain.
type InvalidCase = (String, Vec<(&'static str, &'static str)>, Option<String>);

/// Invalid lines: the docs' examples, misspellings, bad values, bad quoting, stray words.
fn invalid_lines() -> Vec<InvalidCase> {
    let long = |n: usize| "x".repeat(n);
    vec![
        (
            DOCS_EXAMPLE.into(),
            vec![
                ("2023-03-31 T20:30:00.000", "date and the time as two words"),
                ("Custom Event", "quote it: --event-type \"Custom Event\""),
            ],
            Some(DOCS_CORRECTED.into()),
        ),
        (
            "@aws ssm-incidents list-response-plan".into(),
            vec![("list-response-plan", "unknown command list-response-plan; did you mean list-response-plans?")],
            Some("@aws ssm-incidents list-response-plans".into()),
        ),
        (
            format!("@aws ssm-incidents get-incident-record --incident-arn {INCIDENT}"),
            vec![("--incident-arn", "unknown option --incident-arn for get-incident-record; did you mean --arn?")],
            Some(format!("@aws ssm-incidents get-incident-record --arn {INCIDENT}")),
        ),
        (
            format!("@aws ssm-incidents create-timeline-event --incident-arn {INCIDENT} --event-time 1680294600 --event-type Note --event-data x"),
            vec![("--incident-arn", "did you mean --incident-record-arn?")],
            Some(format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type Note --event-data x")),
        ),
        (
            format!("@aws ssm-incidents get-incident-record {INCIDENT}"),
            vec![(INCIDENT, "has no option name; did you mean --arn")],
            Some(format!("@aws ssm-incidents get-incident-record --arn {INCIDENT}")),
        ),
        (
            "@aws list-incident-records".into(),
            vec![("list-incident-records", "write ssm-incidents before list-incident-records")],
            Some("@aws ssm-incidents list-incident-records".into()),
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --impact 7"),
            vec![("7", "out of range; it must be from 1 to 5")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --impact high"),
            vec![("high", "did you mean 2 (high)?")],
            Some(format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --impact 2")),
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --status open"),
            vec![("open", "did you mean OPEN?")],
            Some(format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --status OPEN")),
        ),
        (
            format!("@aws ssm-incidents list-timeline-events --incident-record-arn {INCIDENT} --sort-order UP --sort-by TIME"),
            vec![("UP", "one of ASCENDING, DESCENDING"), ("TIME", "EVENT_TIME")],
            None,
        ),
        (
            format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-type Note --event-data x"),
            vec![("create-timeline-event", "needs --event-time")],
            None,
        ),
        (
            format!("@aws ssm-incidents get-incident-record --arn {INCIDENT} --arn {INCIDENT}"),
            vec![("--arn", "--arn is given twice")],
            None,
        ),
        (
            format!("@aws ssm-incidents get-incident-record --arn {INCIDENT} --frobnicate 1"),
            vec![("--frobnicate", "unknown option --frobnicate for get-incident-record; it takes --arn")],
            None,
        ),
        (
            format!("@aws ssm-incidents get-incident-record --arn {INCIDENT} extra words"),
            vec![("extra words", "unexpected words extra words after --arn")],
            None,
        ),
        (
            format!("@aws ssm-incidents get-incident-record --arn {PLAN}"),
            vec![(PLAN, "it names response-plan/…, not incident-record/…")],
            None,
        ),
        (
            "@aws ssm-incidents get-response-plan --arn arn:aws:ssm-incidents:us-east-2:111122223333:response-plan/x".into(),
            vec![("arn:aws:ssm-incidents:us-east-2:111122223333:response-plan/x", "carry no Region")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --title {}", long(201)),
            vec![("x", "at most 200")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --summary {}", long(8001)),
            vec![("x", "at most 8000")],
            None,
        ),
        (
            format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type {} --event-data {}", long(101), long(12001)),
            vec![("x", "at most 100"), ("x", "at most 12000")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --title \"unterminated"),
            vec![("\"unterminated", "unterminated double quote")],
            None,
        ),
        (
            "@aws ssm-incidents list-incident-records --query 'items['".into(),
            vec![("'items['", "not valid JMESPath")],
            None,
        ),
        (
            "@aws ssm-incidents list-incident-records --output table".into(),
            vec![("table", "not available in a chat channel")],
            None,
        ),
        (
            "@aws ssm-incidents list-incident-records --region US-EAST-2".into(),
            vec![("US-EAST-2", "did you mean us-east-2?")],
            Some("@aws ssm-incidents list-incident-records --region us-east-2".into()),
        ),
        (
            format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel {{"empty":{{}}}}"#),
            vec![(r#"{"empty":{}}"#, "quote JSON in single quotes")],
            Some(format!(r#"@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel '{{"empty":{{}}}}'"#)),
        ),
        (
            format!(r#"@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id e1 --event-time "2023-03-31 20:30:00""#),
            vec![(r#""2023-03-31 20:30:00""#, "separates the date and the time with a space")],
            Some(format!("@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id e1 --event-time 2023-03-31T20:30:00")),
        ),
        (
            "@aws ssm-contacts list-contacts".into(),
            vec![("ssm-contacts", "expected ssm-incidents")],
            None,
        ),
        (
            format!("@aws ssm-incidents get-incident-record --arn {INCIDENT} --max-items 5"),
            vec![("--max-items", "applies only to the list commands")],
            None,
        ),
        (
            "@aws ssm-incidents list-incident-records --filters 'key=status,condition={equals={stringValues=[OPEN]}'".into(),
            vec![("'key=status,condition={equals={stringValues=[OPEN]}'", "invalid shorthand")],
            None,
        ),
        (
            "@aws ssm-incidents list-incident-records --filters key=state,condition={equals={stringValues=[OPEN]}}".into(),
            vec![("key=state,condition={equals={stringValues=[OPEN]}}", "no filter key state; did you mean status?")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-related-items --incident-record-arn {INCIDENT} --related-items-update 'itemToAdd={{identifier={{type=BOGUS,value={{url=x}}}}}}'"),
            vec![("'itemToAdd={identifier={type=BOGUS,value={url=x}}}'", "itemToAdd.identifier.type: it must be one of ANALYSIS")],
            None,
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --chat-channel 'chatbotSns={TOPIC},empty={{}}'"),
            vec![(leak(format!("'chatbotSns={TOPIC},empty={{}}'")), "takes exactly one of chatbotSns, empty")],
            None,
        ),
        (
            format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type Note --event-data x --event-references resource={INCIDENT} relatedItemId=bad"),
            vec![("relatedItemId=bad", "expected related-item/TYPE/")],
            None,
        ),
        (
            "@aws ssm-incidents list-response-plans --page-size 500".into(),
            vec![("500", "1 to 100 items per page")],
            None,
        ),
        (
            r#"@aws ssm-incidents list-response-plans --cli-input-json '{"bogus": 1}'"#.into(),
            vec![(r#"'{"bogus": 1}'"#, "unknown parameter bogus")],
            None,
        ),
        (
            "@aws ssm-incidents list-response-plans --profile prod".into(),
            vec![("--profile", "not available in a chat line")],
            None,
        ),
        (
            "@aws ssm-incidents get-incident-record --arn".into(),
            vec![("--arn", "--arn needs a value")],
            None,
        ),
        ("@aws".into(), vec![("", "expected ssm-incidents and a command")], None),
        (
            format!("@aws ssm-incidents start-incident --response-plan-arn {PLAN} --title Disk full --impact 2"),
            vec![("Disk full", "quote it: --title \"Disk full\"")],
            Some(format!("@aws ssm-incidents start-incident --response-plan-arn {PLAN} --title \"Disk full\" --impact 2")),
        ),
        (
            format!("@aws ssm-incidents update-timeline-event --incident-record-arn {INCIDENT} --event-id e1 --event-time yesterday"),
            vec![("yesterday", "is not a timestamp")],
            None,
        ),
        (
            format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type “Custom Event” --event-data ‘It’s back’"),
            vec![
                ("“Custom Event”", "curly quotes (from autocorrect)"),
                ("‘It’s back’", "use straight quotes"),
            ],
            Some(format!("@aws ssm-incidents create-timeline-event --incident-record-arn {INCIDENT} --event-time 1680294600 --event-type \"Custom Event\" --event-data 'It’s back'")),
        ),
        (
            format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --status “open”"),
            vec![("“open”", "did you mean OPEN?"), ("“open”", "curly quotes")],
            Some(format!("@aws ssm-incidents update-incident-record --arn {INCIDENT} --status OPEN")),
        ),
        (
            "@aws ssm-incidents list-incidents".into(),
            vec![("list-incidents", "did you mean list-incident-records?")],
            None,
        ),
    ]
}

/// A table word built at run time; the table lives for the whole test.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn describe(error: &ParseError) -> String {
    error
        .problems
        .iter()
        .map(|p| format!("[{}] {:?} {}", p.word, p.span, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn invalid_lines_name_the_word_and_the_fix() {
    let cases = invalid_lines();
    assert!(cases.len() >= 30);
    for (text, expected, corrected) in cases {
        let Err(error) = parse_chat_line(&text) else {
            panic!("{text} parsed");
        };
        assert_eq!(
            error.problems.len(),
            expected.len(),
            "{text}\n{}",
            describe(&error)
        );
        for (problem, (word, fragment)) in error.problems.iter().zip(&expected) {
            let typed: String = text
                .chars()
                .skip(problem.span.start)
                .take(problem.span.len())
                .collect();
            assert_eq!(problem.word, typed, "the word is the text at its span");
            assert!(
                problem.word == *word
                    || (word.len() == 1 && problem.word.chars().all(|c| c.to_string() == *word)),
                "{text}\nword {:?}, expected {word:?}",
                problem.word
            );
            assert!(
                problem.message.contains(fragment),
                "{text}\n{}\nexpected: {fragment}",
                problem.message
            );
        }
        assert_eq!(error.corrected_line, corrected, "{text}");
        if let Some(fixed) = &error.corrected_line {
            assert!(
                parse_chat_line(fixed).is_ok(),
                "the corrected line parses: {fixed}"
            );
        }
    }
}
