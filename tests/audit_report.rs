//! The audit report: the JSON shape of product.md, exit statuses, and the text and Markdown renderings.

#[path = "audit_support/snapshots.rs"]
mod snapshots;

use imdeck::domain::audit::{AuditReport, Check, Status};
use snapshots::*;

#[test]
fn report_json_has_the_shape_of_product_md() {
    let check = Check::new(
        "sns-policy",
        Status::Fail,
        "topic policy lets Incident Manager publish",
        "no statement allows ssm-incidents.amazonaws.com to SNS:Publish",
    )
    .in_region("us-west-2")
    .on_resource("arn:aws:sns:us-west-2:111122223333:im-chat-usw2")
    .with_fix("aws sns set-topic-attributes --region us-west-2 --topic-arn … --attribute-name Policy --attribute-value '…'");
    let report = AuditReport::new(
        ACCOUNT,
        REGIONS.iter().map(|r| r.to_string()).collect(),
        vec![check],
    );
    let expected = r#"{"account":"111122223333","regions":["us-east-2","us-west-2","eu-west-1"],"checks":[{"id":"sns-policy","status":"fail","region":"us-west-2","resource":"arn:aws:sns:us-west-2:111122223333:im-chat-usw2","title":"topic policy lets Incident Manager publish","detail":"no statement allows ssm-incidents.amazonaws.com to SNS:Publish","fix":"aws sns set-topic-attributes --region us-west-2 --topic-arn … --attribute-name Policy --attribute-value '…'"}],"summary":{"pass":0,"fail":1,"warn":0,"info":0,"unknown":0}}"#;
    assert_eq!(serde_json::to_string(&report).expect("json"), expected);
    assert_eq!(report.exit_code(), 1);
    let pretty: serde_json::Value =
        serde_json::from_str(&report.to_json().expect("json")).expect("parses");
    assert_eq!(pretty["summary"]["fail"], 1);
}

#[test]
fn exit_codes() {
    let row = |status| Check::new("x", status, "t", "d");
    let code = |statuses: &[Status]| {
        AuditReport::new(ACCOUNT, vec![], statuses.iter().map(|s| row(*s)).collect()).exit_code()
    };
    assert_eq!(code(&[Status::Pass, Status::Info, Status::Warn]), 0);
    assert_eq!(code(&[Status::Pass, Status::Unknown]), 3);
    assert_eq!(code(&[Status::Unknown, Status::Fail]), 1);
    assert_eq!(code(&[]), 0);
}

#[test]
fn text_and_markdown_renderings() {
    let report = AuditReport::from_snapshot(&demo());
    let markdown = report.render_markdown();
    assert!(markdown.contains("| | status | check | Region | resource | finding |"));
    assert!(markdown.contains(&format!(
        "| ✗ | fail | `sns-policy` | us-west-2 | `{}` |",
        usw2_topic()
    )));
    assert!(markdown.contains("| ! | warn | `sns-kms` |"));
    assert!(markdown.contains("| i | info | `channel-chime` |"));
    assert!(markdown.contains("| ✓ | pass |"));
    assert!(markdown.contains("```sh\naws sns set-topic-attributes"));
    let s = report.summary;
    assert!(markdown.contains(&format!(
        "**Summary:** {} pass · {} fail · {} warn · {} info · 0 unknown",
        s.pass, s.fail, s.warn, s.info
    )));
    let text = report.render_text();
    assert!(text.starts_with(
        "imdeck audit · account 111122223333 · Regions us-east-2, us-west-2, eu-west-1"
    ));
    assert!(text.contains("✗ fail    sns-policy"));
    assert!(text.contains("fix: aws sns create-topic --region eu-west-1 --name im-chat-eu-west-1"));
    // Every check appears once in the text.
    assert_eq!(
        text.matches("\n✓ ").count()
            + text.matches("\n✗ ").count()
            + text.matches("\n! ").count()
            + text.matches("\ni ").count(),
        report.checks.len()
    );
}
