//! `imdeck setup` end to end through the real binary: apply then audit, nothing lost, drift stops the apply, read-only refuses.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/sdk.rs"]
mod sdk;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use e2e::*;
use imdeck::sandbox::Sandbox;
use serde_json::{Value, json};

const IM_SID: &str = "IncidentManagerSNSPublishingPermissions";
const REGIONS: [&str; 4] = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];
const USW2_TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:im-chat-usw2";

/// Every topic's policy, read with the SDK, by ARN.
async fn policies(sandbox: &Sandbox) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    for region in REGIONS {
        let sns = sdk::sns(sandbox, region).await;
        let listed = sns.list_topics().send().await.expect("list topics");
        for topic in listed.topics() {
            let arn = topic.topic_arn().expect("arn").to_string();
            let attrs = sns
                .get_topic_attributes()
                .topic_arn(&arn)
                .send()
                .await
                .expect("attributes");
            let policy = attrs
                .attributes()
                .and_then(|a| a.get("Policy"))
                .map(|p| serde_json::from_str(p).expect("policy JSON"))
                .unwrap_or(Value::Null);
            all.insert(arn, policy);
        }
    }
    all
}

fn statements(policy: &Value) -> Vec<Value> {
    match &policy["Statement"] {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    }
}

/// The docs' statement for a topic.
fn docs_statement(arn: &str) -> Value {
    json!({
        "Sid": IM_SID,
        "Effect": "Allow",
        "Principal": {"Service": "ssm-incidents.amazonaws.com"},
        "Action": "SNS:Publish",
        "Resource": arn,
        "Condition": {"StringEqualsIfExists": {"AWS:SourceAccount": ACCOUNT}}
    })
}

async fn run(endpoint: &str, args: &[&str]) -> Run {
    Invocation::against(endpoint, args).run_async().await
}

async fn audit(endpoint: &str) -> (Run, Value) {
    let r = run(endpoint, &["audit", "--format", "json"]).await;
    let report = r.json();
    (r, report)
}

async fn saved_plan(endpoint: &str, dir: &Path, extra: &[&str]) -> (std::path::PathBuf, Value) {
    let path = dir.join("plan.json");
    let path_text = path.to_string_lossy().to_string();
    let mut args = vec!["setup", "--plan", "--out", path_text.as_str()];
    args.extend_from_slice(extra);
    let r = run(endpoint, &args).await;
    assert_eq!(r.code, 0, "setup --plan: {}", r.stderr);
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("plan saved")).expect("JSON");
    (path, plan)
}

fn steps(plan: &Value) -> &[Value] {
    plan["steps"].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn is_change(step: &Value) -> bool {
    step["action"]["action"] == "change"
}

/// The rule ids the manual steps of a plan would turn green.
fn manual_rechecks(plan: &Value) -> BTreeSet<String> {
    steps(plan)
        .iter()
        .filter(|s| !is_change(s))
        .flat_map(|s| s["rechecks"].as_array().cloned().unwrap_or_default())
        .filter_map(|id| id.as_str().map(str::to_string))
        .collect()
}

/// The checks that neither pass nor merely inform.
/// The demo's plan whose chat channel is another account's topics: its channel lives in that account, so
/// `setup` has nothing it can apply for it, and its plan-topics finding stays open.
const SHARED_PLAN: &str = "arn:aws:ssm-incidents::111122223333:response-plan/shared-topics-plan";
/// Another account's topic this account may not read: its checks stay unknown until its owner allows it.
const LOCKED_TOPIC: &str = "arn:aws:sns:us-west-2:444455556666:org-locked-im";

fn open_findings(report: &Value) -> Vec<&Value> {
    checks(report)
        .iter()
        .filter(|c| !matches!(status(c), "pass" | "info"))
        .filter(|c| !(c["id"] == "plan-topics" && c["resource"] == SHARED_PLAN))
        .collect()
}

/// Every original statement survives unchanged, except a wrong one under the docs' Sid on a failing topic,
/// which is replaced; each Incident Manager topic ends with exactly the docs' statement; others are untouched.
fn assert_nothing_lost(
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
    audit_before: &Value,
) {
    let im_topics: BTreeMap<String, String> = checks(audit_before)
        .iter()
        .filter(|c| c["id"] == "sns-policy")
        .filter_map(|c| Some((c["resource"].as_str()?.to_string(), status(c).to_string())))
        .collect();
    assert!(im_topics.len() >= 4, "{im_topics:?}");
    for (arn, old) in before {
        let new = after
            .get(arn)
            .unwrap_or_else(|| panic!("{arn} still exists"));
        assert_eq!(old["Version"], new["Version"], "{arn} keeps its Version");
        assert_eq!(old["Id"], new["Id"], "{arn} keeps its Id");
        let old_statements = statements(old);
        let new_statements = statements(new);
        for statement in &old_statements {
            let replaced =
                statement["Sid"] == IM_SID && im_topics.get(arn).is_some_and(|s| s != "pass");
            if !replaced {
                assert!(
                    new_statements.contains(statement),
                    "{arn} lost or changed {statement}\nnow: {new:#}"
                );
            }
        }
        match im_topics.get(arn) {
            Some(_) => {
                let im: Vec<&Value> = new_statements
                    .iter()
                    .filter(|s| s["Sid"] == IM_SID)
                    .collect();
                assert_eq!(
                    im,
                    vec![&docs_statement(arn)],
                    "{arn}: the docs' statement, once"
                );
                let had_sid = old_statements.iter().any(|s| s["Sid"] == IM_SID);
                let expected = old_statements.len() + usize::from(!had_sid);
                assert_eq!(
                    new_statements.len(),
                    expected,
                    "{arn}: only the one statement added"
                );
            }
            None => assert_eq!(
                old, new,
                "{arn} is not an Incident Manager topic: untouched"
            ),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_then_audit_passes_everything_but_the_manual_steps_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (_, audit_before) = audit(&endpoint).await;
    let before = policies(&sandbox).await;
    let (_, plan) = saved_plan(&endpoint, dir.path(), &[]).await;
    let manual = manual_rechecks(&plan);
    assert!(!manual.is_empty(), "the demo has manual steps: {plan:#}");
    let planned_changes = steps(&plan).iter().filter(|s| is_change(s)).count();
    let reads_so_far = log_lines(&log).len();

    let applied = run(&endpoint, &["setup", "--apply", "--yes"]).await;
    assert_eq!(applied.code, 0, "{}\n{}", applied.stdout, applied.stderr);
    assert_eq!(
        applied.stdout.matches("✓ applied:").count(),
        planned_changes,
        "{}",
        applied.stdout
    );
    assert!(
        applied.stdout.contains("manual steps left"),
        "{}",
        applied.stdout
    );

    let (after_run, audit_after) = audit(&endpoint).await;
    // Only the manual steps' checks are still open, so the exit is 1 only because of them.
    let open = open_findings(&audit_after);
    let open_ids: BTreeSet<String> = open
        .iter()
        .map(|c| c["id"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(open_ids, manual, "open findings: {open:#?}");
    assert_eq!(
        after_run.code,
        if open.iter().any(|c| status(c) == "fail") {
            1
        } else {
            0
        }
    );
    assert!(
        checks(&audit_after)
            .iter()
            .all(|c| status(c) != "unknown" || c["resource"] == LOCKED_TOPIC)
    );
    for region in ["eu-west-1", "us-east-2", "us-west-2"] {
        let topic = find(&audit_after, "region-has-topic", Some(region), None);
        assert!(topic.is_empty(), "{region} now names its topic");
    }

    let after = policies(&sandbox).await;
    assert_nothing_lost(&before, &after, &audit_before);
    assert!(
        after.len() > before.len(),
        "eu-west-1 got its topic: {:?}",
        after.keys()
    );

    // Only the writes a setup makes, and a second apply finds nothing to do.
    let writes: BTreeSet<String> = mutating_ops(&log_lines(&log)[reads_so_far..])
        .into_iter()
        .collect();
    let allowed: BTreeSet<String> = [
        "CreateTopic",
        "SetTopicAttributes",
        "UpdateSlackChannelConfiguration",
        "UpdateMicrosoftTeamsChannelConfiguration",
        "UpdateChimeWebhookConfiguration",
        "UpdateResponsePlan",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert!(writes.is_subset(&allowed), "{writes:?}");
    assert!(writes.contains("CreateTopic") && writes.contains("UpdateResponsePlan"));
    let settled = log_lines(&log).len();
    let again = run(&endpoint, &["setup", "--apply", "--yes"]).await;
    assert_eq!(again.code, 0, "{}\n{}", again.stdout, again.stderr);
    assert!(
        again.stdout.contains("nothing to apply"),
        "{}",
        again.stdout
    );
    assert!(mutating_ops(&log_lines(&log)[settled..]).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_set_guardrail_the_teams_guardrail_is_fixed_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, _log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (_, plan) = saved_plan(&endpoint, dir.path(), &["--set-guardrail"]).await;
    let applied = run(&endpoint, &["setup", "--apply", "--yes", "--set-guardrail"]).await;
    assert_eq!(applied.code, 0, "{}\n{}", applied.stdout, applied.stderr);
    let (_, report) = audit(&endpoint).await;
    assert!(
        find(&report, "channel-guardrail", None, None).is_empty(),
        "guardrail checks name their channel"
    );
    let guardrails: Vec<&Value> = checks(&report)
        .iter()
        .filter(|c| c["id"] == "channel-guardrail")
        .collect();
    assert!(!guardrails.is_empty());
    assert!(
        guardrails.iter().all(|c| status(c) == "pass"),
        "{guardrails:#?}"
    );
    let open_ids: BTreeSet<String> = open_findings(&report)
        .iter()
        .map(|c| c["id"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(open_ids, manual_rechecks(&plan));
    assert!(!open_ids.contains("channel-guardrail"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_between_plan_and_apply_to_the_first_step_stops_the_apply_before_any_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (path, plan) = saved_plan(&endpoint, dir.path(), &[]).await;
    let first = steps(&plan)
        .iter()
        .find(|s| is_change(s))
        .expect("a change");
    let change = &first["action"];
    assert_eq!(change["change"]["kind"], "create-topic", "{first:#}");
    let region = change["change"]["region"].as_str().expect("region");
    let name = change["change"]["name"].as_str().expect("name");

    // Someone creates that topic by hand meanwhile.
    sdk::sns(&sandbox, region)
        .await
        .create_topic()
        .name(name)
        .send()
        .await
        .expect("created by hand");
    let drift_at = log_lines(&log).len();

    let path_text = path.to_string_lossy().to_string();
    let applied = run(&endpoint, &["setup", "--apply", &path_text, "--yes"]).await;
    assert_eq!(applied.code, 1, "{}\n{}", applied.stdout, applied.stderr);
    assert!(
        applied.stderr.contains("since the plan was made")
            || applied.stderr.contains("changed since"),
        "{}",
        applied.stderr
    );
    assert!(!applied.stdout.contains("✓ applied"), "{}", applied.stdout);
    let after = log_lines(&log);
    assert!(after.len() > drift_at, "the apply re-read before writing");
    assert_eq!(
        mutating_ops(&after[drift_at..]),
        Vec::<String>::new(),
        "no write after the drift"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_a_later_step_stops_the_apply_there_and_leaves_it_as_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let (path, plan) = saved_plan(&endpoint, dir.path(), &[]).await;
    let changes: Vec<&Value> = steps(&plan).iter().filter(|s| is_change(s)).collect();
    let usw2_step = changes
        .iter()
        .position(|s| s["action"]["change"]["topic_arn"] == USW2_TOPIC)
        .unwrap_or_else(|| panic!("a step for {USW2_TOPIC}: {plan:#}"));
    assert!(usw2_step > 0, "earlier steps exist to prove the stop");

    // Someone adds an unrelated statement to the us-west-2 topic meanwhile.
    let sns = sdk::sns(&sandbox, "us-west-2").await;
    let current = policies(&sandbox).await[USW2_TOPIC].clone();
    let mut drifted = current.clone();
    drifted["Statement"]
        .as_array_mut()
        .expect("statements")
        .push(json!({
            "Sid": "AddedByHand",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "SNS:Subscribe",
            "Resource": USW2_TOPIC
        }));
    sns.set_topic_attributes()
        .topic_arn(USW2_TOPIC)
        .attribute_name("Policy")
        .attribute_value(drifted.to_string())
        .send()
        .await
        .expect("changed by hand");
    let drift_at = log_lines(&log).len();

    let path_text = path.to_string_lossy().to_string();
    let applied = run(&endpoint, &["setup", "--apply", &path_text, "--yes"]).await;
    assert_eq!(applied.code, 1, "{}\n{}", applied.stdout, applied.stderr);
    assert!(
        applied.stderr.contains("changed since"),
        "{}",
        applied.stderr
    );
    assert_eq!(applied.stdout.matches("✓ applied").count(), usw2_step);

    // The steps before it wrote one policy each; the drifted topic and everything after were not written.
    let writes = mutating_ops(&log_lines(&log)[drift_at..]);
    assert!(
        writes
            .iter()
            .all(|op| op == "CreateTopic" || op == "SetTopicAttributes"),
        "{writes:?}"
    );
    assert_eq!(
        writes
            .iter()
            .filter(|op| *op == "SetTopicAttributes")
            .count(),
        usw2_step,
        "{writes:?}"
    );
    assert_eq!(policies(&sandbox).await[USW2_TOPIC], drifted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_apply_with_exit_2_and_makes_no_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = demo_sandbox(dir.path()).await;
    let endpoint = sandbox.endpoint_url();
    let refused = run(&endpoint, &["--read-only", "setup", "--apply", "--yes"]).await;
    assert_eq!(refused.code, 2, "{}\n{}", refused.stdout, refused.stderr);
    assert!(refused.stderr.contains("read-only"), "{}", refused.stderr);
    assert!(mutating_ops(&log_lines(&log)).is_empty());
    // The plan itself is still shown in read-only mode.
    let planned = run(&endpoint, &["--read-only", "setup", "--plan"]).await;
    assert_eq!(planned.code, 0, "{}", planned.stderr);
    assert!(planned.stdout.contains("aws sns"), "{}", planned.stdout);
    // Declining the prompt writes nothing either.
    let declined = Invocation::against(&endpoint, &["setup", "--apply"])
        .stdin("n\n")
        .run_async()
        .await;
    assert_eq!(declined.code, 1, "{}\n{}", declined.stdout, declined.stderr);
    assert!(declined.stderr.contains("not applied"));
    let lines = log_lines(&log);
    assert!(!lines.is_empty(), "plan and apply read through the sandbox");
    assert!(
        mutating_ops(&lines).is_empty(),
        "{:?}",
        mutating_ops(&lines)
    );
}
