//! Completion's unit tests: candidates for commands, options and values, and where they replace the line.

use super::*;

fn ctx() -> CompletionContext {
    CompletionContext {
        plan_arns: vec![
            "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat".into(),
        ],
        incident_arns: vec![
            "arn:aws:ssm-incidents::111122223333:incident-record/P/one".into(),
            "arn:aws:ssm-incidents::111122223333:incident-record/P/two".into(),
        ],
        event_ids: vec!["e-1".into(), "e-2".into()],
        selected_incident: Some("arn:aws:ssm-incidents::111122223333:incident-record/P/two".into()),
        titles: [
            (
                "arn:aws:ssm-incidents::111122223333:incident-record/P/one",
                "Checkout latency",
            ),
            (
                "arn:aws:ssm-incidents::111122223333:incident-record/P/two",
                "Database failover",
            ),
            (
                "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat",
                "Chat test plan",
            ),
        ]
        .into_iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect(),
    }
}

fn texts(c: &Completion) -> Vec<&str> {
    c.candidates.iter().map(|c| c.text.as_str()).collect()
}

fn at_end(line: &str) -> Completion {
    complete(line, line.chars().count(), &ctx())
}

#[test]
fn commands_by_prefix() {
    let c = at_end("@aws ssm-incidents list-t");
    assert_eq!(texts(&c), vec!["list-timeline-events"]);
    assert_eq!(c.replace, 19..25);
}

#[test]
fn options_not_yet_given() {
    let c = at_end("@aws ssm-incidents get-timeline-event --event-id e-1 --");
    assert!(texts(&c).contains(&"--incident-record-arn"));
    assert!(!texts(&c).contains(&"--event-id"));
    assert!(!texts(&c).contains(&"--max-items"));
}

#[test]
fn enum_values_and_quoted_event_type() {
    assert_eq!(
        texts(&at_end("ssm-incidents update-incident-record --status ")),
        vec!["OPEN", "RESOLVED"]
    );
    assert_eq!(
        texts(&at_end(
            "ssm-incidents create-timeline-event --event-type C"
        )),
        vec!["\"Custom Event\""]
    );
}

#[test]
fn incident_arns_selected_first_and_found_by_id() {
    let c = at_end("@aws ssm-incidents get-incident-record --arn ");
    assert!(c.candidates[0].text.ends_with("/two"));
    assert_eq!(c.candidates.len(), 2);
    let c = at_end("@aws ssm-incidents get-incident-record --arn one");
    assert_eq!(c.candidates.len(), 1);
    assert!(c.candidates[0].text.ends_with("/one"));
}

#[test]
fn item_types_inside_shorthand() {
    let c =
        at_end("ssm-incidents update-related-items --related-items-update itemToRemove={type=MET");
    assert_eq!(texts(&c), vec!["itemToRemove={type=METRIC"]);
}

#[test]
fn cursor_in_the_middle_replaces_the_whole_word() {
    let line = "@aws ssm-incidents list-incident-records --region us-east-2";
    let c = complete(line, 22, &ctx());
    assert_eq!(c.replace, 19..40);
    assert!(texts(&c).contains(&"list-incident-records"));
}

#[test]
fn commands_and_options_carry_the_spec_descriptions() {
    let c = at_end("@aws ssm-incidents list-t");
    assert_eq!(
        c.candidates[0].description,
        "list an incident's timeline events"
    );
    let c = at_end("@aws ssm-incidents get-timeline-event --event-id e-1 --inc");
    assert_eq!(
        c.candidates,
        vec![Candidate::new(
            "--incident-record-arn",
            "required: the incident record ARN"
        )]
    );
    let c = at_end("@aws ssm-incidents list-incident-records --max");
    assert_eq!(
        c.candidates[0].description,
        "at most this many items in all"
    );
    let c = at_end("@aws ssm-incidents update-incident-record --impact ");
    assert_eq!(c.candidates[0].description, "critical");
}

#[test]
fn arns_carry_the_incident_title_and_the_plan_name() {
    let c = at_end("@aws ssm-incidents get-incident-record --arn ");
    assert_eq!(c.candidates[0].description, "Database failover");
    assert_eq!(c.candidates[1].description, "Checkout latency");
    let c = at_end("@aws ssm-incidents start-incident --response-plan-arn ");
    assert_eq!(c.candidates[0].description, "Chat test plan");
    let c = at_end("ssm-incidents create-timeline-event --event-references ");
    assert_eq!(c.candidates[0].description, "Database failover");
    // A word of the title finds the ARN when no ARN starts with it.
    let c = at_end("@aws ssm-incidents get-incident-record --arn checkout");
    assert_eq!(texts(&c).len(), 1);
    assert!(texts(&c)[0].ends_with("/one"));
}

#[test]
fn values_that_go_on_want_no_space_after_them() {
    assert!(Candidate::new("--status", "").ends_a_word());
    assert!(!Candidate::new("snsTopicArn=", "").ends_a_word());
    assert!(!Candidate::new("itemToAdd={identifier={type=", "").ends_a_word());
}

#[test]
fn fills_the_selected_incident() {
    let arn = "arn:aws:ssm-incidents::111122223333:incident-record/P/two";
    assert_eq!(
        fill_selected_incident("@aws ssm-incidents get-incident-record", &ctx()),
        Some(format!(
            "@aws ssm-incidents get-incident-record --arn {arn}"
        ))
    );
    assert_eq!(
        fill_selected_incident(
            "ssm-incidents list-timeline-events --incident-record-arn --sort-order ASCENDING",
            &ctx()
        ),
        Some(format!(
            "ssm-incidents list-timeline-events --incident-record-arn {arn} --sort-order ASCENDING"
        ))
    );
    assert_eq!(
        fill_selected_incident("ssm-incidents list-incident-records", &ctx()),
        None
    );
    assert_eq!(
        fill_selected_incident(
            &format!("ssm-incidents get-incident-record --arn {arn}"),
            &ctx()
        ),
        None
    );
}
