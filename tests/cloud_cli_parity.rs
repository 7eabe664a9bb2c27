//! `Cloud::execute`, printed as `imdeck exec` prints it, gives the very bytes the AWS CLI v1 prints with
//! `--output json`, against one sandbox.
//!
//! Part of the peer suite (feature `peers`): tests/peers/run.sh runs it with the pinned AWS CLI v1 it installed.

use std::process::Command;

use imdeck::cloud::{Cloud, ConnectOptions};
use imdeck::domain::chat_command::OutputFormat;
use imdeck::domain::cli_output::render_output;
use imdeck::domain::command::{IncidentCommand, Paging};
use imdeck::domain::model::{AttributeValueList, Condition, Filter, SortOrder};
use imdeck::sandbox::{self, SandboxOptions, Scenario};

const INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
const PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
const EVENT: &str = "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b";

/// The pinned AWS CLI v1 that `.ci/run` installs in this checkout (`bash tests/peers/install.sh`).
fn aws(url: &str, args: &[&str]) -> std::process::Output {
    let cli = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/awscli/bin/aws");
    assert!(
        cli.exists(),
        "the AWS CLI peer is missing at {}: run `bash tests/peers/install.sh`",
        cli.display()
    );
    Command::new(cli)
        .args([
            "--endpoint-url",
            url,
            "--region",
            "us-east-2",
            "--output",
            "json",
        ])
        .arg("ssm-incidents")
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDSANDBOXTEST")
        .env("AWS_SECRET_ACCESS_KEY", "sandbox-secret")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("the AWS CLI runs")
}

fn paging(max_items: Option<usize>, page_size: Option<i32>) -> Paging {
    Paging {
        max_items,
        page_size,
        starting_token: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_print_exactly_what_the_aws_cli_prints() {
    let sandbox = sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::Demo))
        .await
        .expect("sandbox");
    let url = sandbox.endpoint_url();
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(url.clone()),
        sandbox_credentials: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects");
    let open = Filter {
        key: "status".into(),
        condition: Condition::Equals(AttributeValueList::StringValues(vec!["OPEN".into()])),
    };
    let cases: Vec<(IncidentCommand, Vec<&str>)> = vec![
        (
            IncidentCommand::ListResponsePlans {
                paging: paging(None, None),
            },
            vec!["list-response-plans"],
        ),
        (
            IncidentCommand::ListResponsePlans {
                paging: paging(Some(2), Some(3)),
            },
            vec![
                "list-response-plans",
                "--max-items",
                "2",
                "--page-size",
                "3",
            ],
        ),
        (
            IncidentCommand::GetResponsePlan { arn: PLAN.into() },
            vec!["get-response-plan", "--arn", PLAN],
        ),
        (
            IncidentCommand::ListIncidentRecords {
                filters: vec![open],
                paging: paging(None, None),
            },
            vec![
                "list-incident-records",
                "--filters",
                "key=status,condition={equals={stringValues=[OPEN]}}",
            ],
        ),
        (
            IncidentCommand::GetIncidentRecord {
                arn: INCIDENT.into(),
            },
            vec!["get-incident-record", "--arn", INCIDENT],
        ),
        (
            IncidentCommand::ListTimelineEvents {
                incident_record_arn: INCIDENT.into(),
                filters: vec![],
                sort_by: Some("EVENT_TIME".into()),
                sort_order: Some(SortOrder::Descending),
                paging: paging(Some(3), None),
            },
            vec![
                "list-timeline-events",
                "--incident-record-arn",
                INCIDENT,
                "--sort-by",
                "EVENT_TIME",
                "--sort-order",
                "DESCENDING",
                "--max-items",
                "3",
            ],
        ),
        (
            IncidentCommand::GetTimelineEvent {
                incident_record_arn: INCIDENT.into(),
                event_id: EVENT.into(),
            },
            vec![
                "get-timeline-event",
                "--incident-record-arn",
                INCIDENT,
                "--event-id",
                EVENT,
            ],
        ),
        (
            IncidentCommand::ListRelatedItems {
                incident_record_arn: INCIDENT.into(),
                paging: paging(Some(1), None),
            },
            vec![
                "list-related-items",
                "--incident-record-arn",
                INCIDENT,
                "--max-items",
                "1",
            ],
        ),
    ];
    let mut differences = Vec::new();
    for (cmd, args) in cases {
        let ours = cloud.execute(&cmd, None).await.expect("ours");
        let out = aws(&url, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The bytes themselves: member order, indentation, number and escape forms all count.
        let ours = render_output(&ours, None, OutputFormat::Json).expect("no query");
        let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
        if ours != theirs {
            differences.push(format!("{args:?}\n ours:   {ours}\n theirs: {theirs}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));

    // Errors read the same too.
    let unknown = "arn:aws:ssm-incidents::111122223333:incident-record/nope/00000000-0000-0000-0000-000000000000";
    let err = cloud
        .execute(
            &IncidentCommand::GetIncidentRecord {
                arn: unknown.into(),
            },
            None,
        )
        .await
        .expect_err("unknown ARN");
    let out = aws(&url, &["get-incident-record", "--arn", unknown]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), err.cli_message("GetIncidentRecord"));
}
