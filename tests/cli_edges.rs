//! The command line where an auditor meets it: read-only refusals that reach no sandbox, the audit's order,
//! `--only` and `--quiet`, help text on every option, and `imdeck export --out` with an incident named by id or title.

#[path = "support/e2e.rs"]
mod e2e;

use e2e::*;
use imdeck::sandbox::{SandboxOptions, Scenario};

#[tokio::test(flavor = "multi_thread")]
async fn a_write_under_read_only_is_refused_in_words_and_reaches_no_sandbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let line = format!(
        "@aws ssm-incidents create-timeline-event --incident-record-arn {DEMO_INCIDENT} \
         --event-type 'Custom Event' --event-time 2024-03-14T10:00:00Z --event-data '\"x\"'"
    );
    let run = Invocation::against(
        &sandbox.endpoint_url(),
        &["--read-only", "exec", "--", &line],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr.trim(),
        "refused: --read-only makes writes impossible (no request was made)"
    );
    assert!(!run.stderr.contains("An error occurred"), "{}", run.stderr);
    let requests = log_lines(&log);
    assert!(
        requests
            .iter()
            .all(|r| r["operation"] != "CreateTimelineEvent"),
        "{requests:?}"
    );
    assert!(mutating_ops(&requests).is_empty(), "{requests:?}");
    sandbox.shutdown().await;
}

/// The text report's check lines (those opening with a status mark), as (mark, word) pairs.
fn check_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            ["✓ ", "✗ ", "! ", "i ", "? "]
                .iter()
                .any(|m| l.starts_with(m))
        })
        .collect()
}

#[test]
fn the_audit_lists_failures_first_with_the_summary_on_top() {
    let run = Invocation::new(&["--sandbox", "audit"]).run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert!(
        lines
            .next()
            .unwrap_or("")
            .starts_with("imdeck audit · account 111122223333")
    );
    let summary = lines.next().unwrap_or("");
    assert!(
        summary.contains(" pass · ") && summary.contains(" fail · "),
        "{}",
        run.stdout
    );
    let marks: Vec<&str> = check_lines(&run.stdout)
        .iter()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert!(marks.len() > 5, "{}", run.stdout);
    let rank = |m: &str| ["✗", "?", "!", "i", "✓"].iter().position(|x| *x == m);
    let ranks: Vec<_> = marks.iter().map(|m| rank(m)).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(
        ranks, sorted,
        "failures first, passes last:\n{}",
        run.stdout
    );
    assert_eq!(marks[0], "✗");
}

#[test]
fn audit_only_filters_the_list_and_quiet_prints_nothing_but_keeps_the_status() {
    let all = Invocation::new(&["--sandbox", "audit"]).run();
    let only = Invocation::new(&["--sandbox", "audit", "--only", "failed,warn,unknown"]).run();
    assert_eq!(only.code, all.code, "the verdict is the whole audit's");
    let shown = check_lines(&only.stdout);
    assert!(!shown.is_empty());
    assert!(
        shown
            .iter()
            .all(|l| l.starts_with("✗ ") || l.starts_with("! ") || l.starts_with("? ")),
        "{}",
        only.stdout
    );
    let expected = check_lines(&all.stdout)
        .iter()
        .filter(|l| l.starts_with("✗ ") || l.starts_with("! ") || l.starts_with("? "))
        .count();
    assert_eq!(shown.len(), expected);
    assert!(
        only.stdout.contains("listing fail, warn, unknown only ("),
        "{}",
        only.stdout
    );

    let json = Invocation::new(&["--sandbox", "audit", "--only", "pass", "--format", "json"]).run();
    let report = json.json();
    assert!(checks(&report).iter().all(|c| status(c) == "pass"));
    assert!(
        report["summary"]["fail"].as_u64().unwrap_or(0) > 0,
        "the summary counts all"
    );

    let quiet = Invocation::new(&["--sandbox", "audit", "--quiet"]).run();
    assert_eq!(quiet.code, 1);
    assert_eq!(quiet.stdout, "");
    assert_eq!(quiet.stderr, "");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_no_replication_set_the_audit_header_says_what_is_known() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, _log) = logged_sandbox(
        SandboxOptions::loopback_ephemeral(Scenario::Empty),
        dir.path(),
    )
    .await;
    let run = Invocation::against(&sandbox.endpoint_url(), &["audit"])
        .run_async()
        .await;
    let first = run.stdout.lines().next().unwrap_or("");
    assert_eq!(
        first,
        "imdeck audit · account not known (no replication set, topic or channel was found to name it) · \
         no Regions (there is no replication set)",
        "{}",
        run.stdout
    );
    sandbox.shutdown().await;
}

#[test]
fn every_option_of_every_subcommand_has_help() {
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in command.get_subcommands() {
            if sub.get_about().is_none() && sub.get_name() != "help" {
                missing.push(format!("{path} {} (no about)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&imdeck::cli::command(), "imdeck", &mut missing);
    assert!(missing.is_empty(), "options without help: {missing:?}");
}

#[test]
fn the_sandbox_help_lists_no_client_option() {
    let mut command = imdeck::cli::command();
    let sandbox = command
        .find_subcommand_mut("sandbox")
        .expect("sandbox subcommand");
    let help = sandbox.render_long_help().to_string();
    assert!(help.contains("--listen"), "{help}");
    for client in [
        "--profile",
        "--region",
        "--endpoint-url",
        "--read-only",
        "--sandbox",
    ] {
        assert!(!help.contains(client), "{client} in:\n{help}");
    }
    // The client subcommands still list them.
    let audit = Invocation::new(&["audit", "--help"]).run();
    assert!(
        audit.stdout.contains("--profile") && audit.stdout.contains("--read-only"),
        "{}",
        audit.stdout
    );
    // And through the binary, as a person types it.
    let run = Invocation::new(&["sandbox", "--help"]).run();
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("--listen") && !run.stdout.contains("--profile"),
        "{}",
        run.stdout
    );
}

#[test]
fn exec_help_lists_the_commands_as_the_chat_channel_does() {
    let run = Invocation::new(&["--sandbox", "exec", "--", "@aws ssm-incidents help"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("list-incident-records")
            && run.stdout.contains("update-timeline-event"),
        "{}",
        run.stdout
    );
}

#[test]
fn exec_prints_timestamps_as_the_profile_cli_timestamp_format_says() {
    let line = "@aws ssm-incidents list-incident-records";
    let dir = tempfile::tempdir().expect("tempdir");
    let config = |setting: Option<&str>| {
        let path = dir
            .path()
            .join(format!("config-{}", setting.unwrap_or("unset")));
        let text = setting.map_or(String::from("[default]\n"), |s| {
            format!("[default]\ncli_timestamp_format = {s}\n")
        });
        std::fs::write(&path, text).expect("write config");
        path.display().to_string()
    };
    let created = |setting: Option<&str>| {
        let run = Invocation::new(&["--sandbox", "exec", "--", line])
            .env("AWS_CONFIG_FILE", &config(setting))
            .env("TZ", "UTC")
            .run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json()["incidentRecordSummaries"][0]["creationTime"].clone()
    };
    // Unset: ISO 8601, as AWS CLI v2 prints it.
    let iso = created(None);
    let text = iso.as_str().expect("a string");
    assert!(text.starts_with("20") && text.ends_with("+00:00"), "{iso}");
    assert_eq!(created(Some("iso8601")), iso);
    assert!(created(Some("wire")).is_number());
    assert!(created(Some("none")).is_number());
    let bad = Invocation::new(&["--sandbox", "exec", "--", line])
        .env("AWS_CONFIG_FILE", &config(Some("epoch")))
        .run();
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("cli_timestamp_format"),
        "{}",
        bad.stderr
    );
}

#[test]
fn export_writes_to_out_names_the_incident_by_id_or_title_and_never_replaces_silently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("postmortem.md");
    let out_arg = out.display().to_string();
    let id = DEMO_INCIDENT.rsplit('/').next().expect("id");
    let by_id =
        Invocation::new(&["--sandbox", "export", "--incident", id, "--out", &out_arg]).run();
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert_eq!(by_id.stdout, "", "the record went to the file");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.contains(DEMO_INCIDENT), "{written}");
    assert!(
        written.contains("| SSM Contacts Page for Incident | paged db-oncall |"),
        "sentences: {written}"
    );
    assert!(written.contains("<details>"), "raw data folded away");

    // The file exists: refused before any read, and the file is untouched.
    std::fs::write(&out, "keep me").expect("overwrite for the check");
    let again =
        Invocation::new(&["--sandbox", "export", "--incident", id, "--out", &out_arg]).run();
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
    let forced = Invocation::new(&[
        "--sandbox",
        "export",
        "--incident",
        id,
        "--out",
        &out_arg,
        "--force",
    ])
    .run();
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains(DEMO_INCIDENT)
    );

    // By title, as the list shows it.
    let title = written
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# Incident: "))
        .expect("title line")
        .to_string();
    let by_title = Invocation::new(&["--sandbox", "export", "--incident", &title]).run();
    assert_eq!(by_title.code, 0, "{}", by_title.stderr);
    assert!(by_title.stdout.contains(DEMO_INCIDENT));
    let unknown = Invocation::new(&["--sandbox", "export", "--incident", "no such title"]).run();
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("no incident has"),
        "{}",
        unknown.stderr
    );
}
