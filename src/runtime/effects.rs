//! Performs one `Effect` in its own task and answers with a `Msg`; the only place the TUI touches the network or disk.

use tokio::sync::mpsc::UnboundedSender;

use crate::app::msg::ExportFailure;
use crate::app::{Effect, Msg};
use crate::cloud::{Cloud, CloudError};
use crate::domain::audit::run_audit;
use crate::domain::setup_plan::{SetupStep, failing_rechecks};

use super::history;

/// Spawns the effect; its answer arrives on `tx`. A closed channel means the app is quitting, so sends may fail.
pub fn spawn(effect: Effect, cloud: Cloud, tx: UnboundedSender<Msg>) {
    tokio::spawn(run(effect, cloud, tx));
}

/// Performs the effect and sends its answers; the loop spawns this in its own task set, to know when none runs.
pub async fn run(effect: Effect, cloud: Cloud, tx: UnboundedSender<Msg>) {
    for msg in perform(effect, &cloud, &tx).await {
        let _ = tx.send(msg);
    }
}

async fn perform(effect: Effect, cloud: &Cloud, tx: &UnboundedSender<Msg>) -> Vec<Msg> {
    match effect {
        Effect::LoadSnapshot { generation } => {
            let (progress_tx, mut progress_rx) =
                tokio::sync::mpsc::unbounded_channel::<crate::cloud::SnapshotProgress>();
            let forward = {
                let tx = tx.clone();
                tokio::spawn(async move {
                    while let Some(p) = progress_rx.recv().await {
                        let _ = tx.send(Msg::SnapshotProgress {
                            generation,
                            regions_done: p.regions_done,
                            regions_total: p.regions_total,
                        });
                    }
                })
            };
            let snapshot = cloud.load_snapshot(Some(progress_tx)).await;
            let _ = forward.await;
            let checks = run_audit(&snapshot);
            vec![Msg::SnapshotLoaded {
                generation,
                snapshot: Box::new(snapshot),
                checks,
            }]
        }
        Effect::LoadIncidents { generation } => vec![Msg::IncidentsLoaded {
            generation,
            result: cloud.list_incidents().await,
        }],
        Effect::CheckLatestEvents { generation, arns } => vec![Msg::LatestEventsChecked {
            generation,
            answers: cloud.latest_events(arns).await,
        }],
        Effect::LoadIncidentRecord { arn } => {
            let result = cloud.get_incident(&arn).await;
            vec![Msg::IncidentRecordLoaded { arn, result }]
        }
        Effect::PollTimeline {
            arn,
            generation,
            after,
        } => {
            // Each page is shown as it arrives; the closing message (with no events) ends the poll.
            let result = cloud
                .stream_timeline(&arn, after, |page| {
                    let _ = tx.send(Msg::TimelinePage {
                        arn: arn.clone(),
                        generation,
                        result: Ok(page),
                        last_page: false,
                    });
                })
                .await;
            vec![Msg::TimelinePage {
                arn,
                generation,
                result: result.map(|()| Vec::new()),
                last_page: true,
            }]
        }
        Effect::LoadRelatedItems { arn } => {
            let result = cloud.list_related_items(&arn).await;
            vec![Msg::RelatedItemsLoaded { arn, result }]
        }
        Effect::FetchEvent { arn, id } => {
            let result = cloud.get_timeline_event(&arn, &id).await;
            vec![Msg::EventLoaded { arn, id, result }]
        }
        Effect::RunCommand { line } => {
            let result = cloud.execute(&line.command, line.region.as_deref()).await;
            vec![Msg::CommandFinished { line, result }]
        }
        Effect::SaveHistory { scope, line } => {
            if let Err(e) = history::append(&scope, &line) {
                tracing::warn!("could not save the command history: {e}");
            }
            Vec::new()
        }
        Effect::LoadHistory { scope } => vec![Msg::HistoryLoaded {
            lines: history::load(&scope),
            scope,
        }],
        Effect::ExportIncident { arn, path, replace } => {
            let result = export_to_file(cloud, &arn, &path, replace).await;
            vec![Msg::ExportFinished { arn, path, result }]
        }
        Effect::Probe { target, sender } => vec![probe(cloud, target, sender).await],
        Effect::ApplySetupStep { generation, step } => {
            vec![apply_setup_step(cloud, generation, *step).await]
        }
        // Handled by the loop itself: they touch the terminal, not the network.
        Effect::CopyToClipboard(_)
        | Effect::OpenUrl(_)
        | Effect::Bell
        | Effect::SwitchAccount
        | Effect::Quit => Vec::new(),
    }
}

/// Reads the incident and writes its record; an existing file is replaced only when `replace` says so, and the
/// check and the write are one `create_new` open, so nothing appears between them.
async fn export_to_file(
    cloud: &Cloud,
    arn: &str,
    path: &str,
    replace: bool,
) -> Result<(), ExportFailure> {
    use std::io::Write;
    let exists = std::path::Path::new(path).exists();
    if exists && !replace {
        return Err(ExportFailure::AlreadyExists);
    }
    let export = cloud
        .read_export(arn)
        .await
        .map_err(|e| ExportFailure::Failed(e.to_string()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => ExportFailure::AlreadyExists,
        _ => ExportFailure::Failed(e.to_string()),
    })?;
    file.write_all(export.render_markdown().as_bytes())
        .map_err(|e| ExportFailure::Failed(e.to_string()))
}

/// Writes one step as `imdeck setup --apply` does, then reads everything again so the wizard shows the state
/// after the write and the step's re-checks. Read-only mode has no writer: nothing is sent, nothing re-read.
async fn apply_setup_step(cloud: &Cloud, generation: u64, step: SetupStep) -> Msg {
    let not_sent = |step: SetupStep, error: CloudError| Msg::SetupStepApplied {
        generation,
        step: Box::new(step),
        result: Err(error),
        snapshot: None,
        checks: Vec::new(),
    };
    let writer = match cloud.writer() {
        Ok(writer) => writer,
        Err(error) => return not_sent(step, error),
    };
    let Some(change) = step.change() else {
        let error = CloudError::Validation {
            code: "ManualStep".into(),
            message: "a manual step has no API to apply it".into(),
        };
        return not_sent(step, error);
    };
    let written = writer.apply_change(change).await;
    // Re-read even after a refused write: the preview was stale, and the plan must be made again from what is there.
    let snapshot = cloud.load_snapshot(None).await;
    let checks = run_audit(&snapshot);
    let result = written.map(|()| {
        failing_rechecks(&step, &checks)
            .into_iter()
            .cloned()
            .collect()
    });
    Msg::SetupStepApplied {
        generation,
        step: Box::new(step),
        result,
        snapshot: Some(Box::new(snapshot)),
        checks,
    }
}

/// Publishes the probe to every topic of the target concurrently, each in its own Region.
async fn probe(cloud: &Cloud, target: crate::domain::probe::ProbeTarget, sender: String) -> Msg {
    let published = match cloud.writer() {
        Ok(writer) => writer.publish_probe(&target, &sender).await,
        // No writer (read-only): every topic is refused, and no request is made.
        Err(e) => target
            .topics
            .iter()
            .map(|topic| crate::domain::probe::Publish {
                topic_arn: topic.clone(),
                outcome: Err(e.clone()),
            })
            .collect(),
    };
    Msg::ProbeFinished { target, published }
}
