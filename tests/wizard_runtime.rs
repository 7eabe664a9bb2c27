//! The wizard's effect against a real sandbox: keys → `ApplySetupStep` → the runtime writes, re-reads and answers → the step is green; read-only sends nothing; a change made between preview and write stops it.

#[path = "support/demo.rs"]
mod demo;

use std::path::Path;
use std::time::Duration;

use imdeck::app::state::wizard::{StepRef, step_status};
use imdeck::app::{AppState, Effect, Msg, update};
use imdeck::cloud::{Cloud, CloudError, ConnectOptions};
use imdeck::domain::audit::{Status, run_audit};
use imdeck::domain::setup_plan::Change;
use imdeck::runtime::effects;
use imdeck::sandbox::{self, Sandbox, SandboxOptions, Scenario};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use tokio::sync::mpsc;

async fn start(log: Option<&Path>) -> Sandbox {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.request_log = log.map(Path::to_path_buf);
    sandbox::start(opts).await.expect("sandbox starts")
}

async fn cloud(sandbox: &Sandbox, read_only: bool) -> Cloud {
    Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects")
}

/// Performs one effect as the runtime does and returns the answer that ends it.
async fn perform(effect: Effect, cloud: &Cloud) -> Msg {
    let (tx, mut rx) = mpsc::unbounded_channel();
    effects::spawn(effect, cloud.clone(), tx);
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(60), rx.recv())
            .await
            .expect("an answer in time")
            .expect("the effect answers");
        if !matches!(msg, Msg::SnapshotProgress { .. }) {
            return msg;
        }
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::KeyPressed(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The app started against `cloud`, its snapshot loaded through the real effect, and the wizard opened.
async fn wizard_over(cloud: &Cloud, read_only: bool) -> AppState {
    let mut state = AppState::new(demo::header(read_only));
    let effects = update(&mut state, Msg::Started { now: demo::now() });
    let load = effects
        .into_iter()
        .find(|e| matches!(e, Effect::LoadSnapshot { .. }))
        .expect("the start asks for the snapshot");
    let answer = perform(load, cloud).await;
    update(&mut state, answer);
    update(&mut state, key(KeyCode::Char('w')));
    assert!(
        state.wizard.plan.is_some(),
        "the plan is made from the snapshot"
    );
    state
}

/// Selects the first step that merges a topic policy, so its re-check is about that one topic.
fn select_first_policy_merge(state: &mut AppState) -> String {
    for _ in 0..state.wizard.rows().len() {
        let step = state.wizard.selected_step().expect("a step");
        if let Some(Change::MergeTopicPolicy { topic_arn, .. }) = step.change().map(|c| &c.change) {
            return topic_arn.clone();
        }
        update(state, key(KeyCode::Down));
    }
    panic!("the demo plan merges no topic policy");
}

fn operations_logged(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|l| l["operation"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn a_confirmed_step_is_written_re_read_and_turns_green() {
    let sandbox = start(None).await;
    let cloud = cloud(&sandbox, false).await;
    let mut state = wizard_over(&cloud, false).await;
    select_first_policy_merge(&mut state);
    let step = state.wizard.selected_step().cloned().expect("a step");
    assert_ne!(step_status(&step, &state.setup.checks), Some(Status::Pass));
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    let effects = update(&mut state, key(KeyCode::Char('y')));
    let [effect @ Effect::ApplySetupStep { .. }] = effects.as_slice() else {
        panic!("expected one write: {effects:?}");
    };
    let answer = perform(effect.clone(), &cloud).await;
    let Msg::SetupStepApplied { result, .. } = &answer else {
        panic!("unexpected answer {answer:?}");
    };
    assert_eq!(result.as_ref().map(Vec::len), Ok(0), "{result:?}");
    assert_eq!(update(&mut state, answer), vec![]);
    assert!(matches!(
        state.wizard.selected_ref(),
        Some(StepRef::Applied(0))
    ));
    assert_eq!(step_status(&step, &state.setup.checks), Some(Status::Pass));
    // The snapshot in the state is what AWS holds now: the audit of a fresh read agrees.
    let fresh = cloud.load_snapshot(None).await;
    assert_eq!(state.setup.checks, run_audit(&fresh));
    assert!(
        !state
            .wizard
            .plan
            .as_ref()
            .is_some_and(|p| p.steps.iter().any(|s| s.title == step.title)),
        "the recomputed plan no longer proposes it"
    );
}

#[tokio::test]
async fn read_only_answers_without_a_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("requests.jsonl");
    let sandbox = start(Some(&log)).await;
    let cloud = cloud(&sandbox, true).await;
    let mut state = wizard_over(&cloud, true).await;
    select_first_policy_merge(&mut state);
    // The keys refuse before any effect exists…
    assert_eq!(update(&mut state, key(KeyCode::Enter)), vec![]);
    assert_eq!(update(&mut state, key(KeyCode::Char('y'))), vec![]);
    // …and even an effect made by hand reaches no writer.
    let before = operations_logged(&log).len();
    let step = state.wizard.selected_step().cloned().expect("a step");
    let answer = perform(
        Effect::ApplySetupStep {
            generation: 99,
            step: Box::new(step),
        },
        &cloud,
    )
    .await;
    let Msg::SetupStepApplied {
        result, snapshot, ..
    } = answer
    else {
        panic!("unexpected answer");
    };
    assert!(matches!(result, Err(CloudError::ReadOnly(_))), "{result:?}");
    assert!(snapshot.is_none());
    assert_eq!(operations_logged(&log).len(), before, "no request was sent");
}

#[tokio::test]
async fn a_policy_changed_after_the_preview_stops_the_write() {
    let sandbox = start(None).await;
    let cloud = cloud(&sandbox, false).await;
    let mut state = wizard_over(&cloud, false).await;
    let topic = select_first_policy_merge(&mut state);
    update(&mut state, key(KeyCode::Enter));
    let effects = update(&mut state, key(KeyCode::Char('y')));
    let [effect] = effects.as_slice() else {
        panic!("expected one write: {effects:?}");
    };
    // Someone else sets the policy between the preview and the write.
    let region = topic.split(':').nth(3).expect("region").to_string();
    let theirs = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "theirs", "Effect": "Allow", "Principal": {"AWS": "*"},
                       "Action": "SNS:Subscribe", "Resource": topic}]
    })
    .to_string();
    let writer = cloud_writer(&sandbox).await;
    let current = writer
        .get_topic_attributes(&region, &topic)
        .await
        .expect("attributes")
        .get("Policy")
        .cloned();
    writer
        .set_topic_policy(&region, &topic, current.as_deref(), &theirs)
        .await
        .expect("their change");
    let answer = perform(effect.clone(), &cloud).await;
    update(&mut state, answer);
    let note = format!("{:?}", state.wizard.note);
    assert!(note.contains("changed since the preview"), "{note}");
    assert!(state.wizard.applied.is_empty());
    // Their policy is untouched.
    let now = writer
        .get_topic_attributes(&region, &topic)
        .await
        .expect("attributes");
    let now: Value = serde_json::from_str(now.get("Policy").expect("policy")).expect("json");
    assert_eq!(now, serde_json::from_str::<Value>(&theirs).expect("json"));
}

async fn cloud_writer(sandbox: &Sandbox) -> imdeck::cloud::CloudWriter {
    cloud(sandbox, false).await.writer().expect("writer")
}
