//! Loading the whole `CloudSnapshot` concurrently: every Region at once, bounded fan-out within each listing.
//!
//! The critical path is four dependent round trips (ListReplicationSets → GetReplicationSet → ListTopics →
//! GetTopicAttributes); the Chatbot listings and the response plans run beside it. Every failure is kept as
//! a `ReadFailure` where the data would have been, so the audit shows `unknown`, never a false `pass`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::stream::{self, StreamExt};
use tokio::sync::mpsc::UnboundedSender;

use super::convert::{chatbot as from_chatbot, from_incidents as from};
use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::model::{ChannelConfig, ChatPlatform, ReplicationSet, ResponsePlan, Topic};
use crate::domain::snapshot::{CloudSnapshot, Fetched, ReadFailure, RegionSnapshot};

/// GetTopicAttributes calls in flight at once, per Region (SNS quotas are per Region, and all Regions run
/// at once): 16 covers a typical account's topics in one or two round trips while an account with
/// hundreds of topics still cannot burst past SNS's per-Region request rate.
pub const TOPIC_FAN_OUT: usize = 16;
/// GetResponsePlan calls in flight at once (plans are per account, so this bounds the whole account).
pub const PLAN_FAN_OUT: usize = 8;

/// Sent as Regions finish so the UI can show "Regions 2/3".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotProgress {
    pub regions_done: usize,
    pub regions_total: usize,
    /// The Region that just finished; `None` for the first message (the total is known).
    pub region: Option<String>,
}

fn failure(resource: impl Into<String>, err: &CloudError) -> ReadFailure {
    ReadFailure {
        resource: resource.into(),
        reason: err.to_string(),
    }
}

/// The 12-digit account field of an ARN, if it has one.
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':')
        .nth(4)
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
}

impl Cloud {
    /// Reads everything the audit needs; never fails as a whole, never panics.
    pub async fn load_snapshot(
        &self,
        progress: Option<UnboundedSender<SnapshotProgress>>,
    ) -> CloudSnapshot {
        let report = |p: SnapshotProgress| {
            if let Some(tx) = &progress {
                // A UI that stopped listening is no reason to stop loading.
                let _ = tx.send(p);
            }
        };
        let topics_side = async {
            let set = self.read_replication_set().await;
            let regions: Vec<String> = match &set {
                Ok(Some(s)) => s.region_map.keys().cloned().collect(),
                _ => Vec::new(),
            };
            let total = regions.len();
            report(SnapshotProgress {
                regions_done: 0,
                regions_total: total,
                region: None,
            });
            let done = AtomicUsize::new(0);
            let snapshots = futures::future::join_all(regions.iter().map(|region| async {
                let snapshot = self.read_region(region).await;
                let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                report(SnapshotProgress {
                    regions_done: finished,
                    regions_total: total,
                    region: Some(region.clone()),
                });
                snapshot
            }))
            .await;
            (set, snapshots)
        };
        let ((replication_set, regions), channels, plans) =
            tokio::join!(topics_side, self.read_channels(), self.read_plans());
        let account = snapshot_account(&replication_set, &plans, &regions, &channels);
        CloudSnapshot {
            account,
            replication_set,
            regions,
            channels,
            plans,
        }
    }

    /// The account's replication set (an account has at most one), or `None` when there is none.
    async fn read_replication_set(&self) -> Fetched<Option<ReplicationSet>> {
        let arns: Vec<String> = self
            .incidents()
            .list_replication_sets()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| failure("ssm-incidents:ListReplicationSets", &from_sdk(e)))?;
        let Some(arn) = arns.first() else {
            return Ok(None);
        };
        let out = self
            .incidents()
            .get_replication_set()
            .arn(arn)
            .send()
            .await
            .map_err(|e| failure(arn.clone(), &from_sdk(e)))?;
        Ok(out.replication_set.as_ref().map(from::replication_set))
    }

    /// One Region's topics with their attributes.
    async fn read_region(&self, region: &str) -> RegionSnapshot {
        let topics = match self.list_topics(region).await {
            Err(err) => {
                tracing::warn!(region, error = %err, "sns:ListTopics failed");
                Err(failure(format!("sns:ListTopics {region}"), &err))
            }
            Ok(arns) => Ok(stream::iter(arns)
                .map(|arn| async move {
                    match self.topic_attributes(region, &arn).await {
                        Ok(attributes) => Ok(Topic { arn, attributes }),
                        Err(err) => Err(failure(arn, &err)),
                    }
                })
                .buffered(TOPIC_FAN_OUT)
                .collect::<Vec<Fetched<Topic>>>()
                .await),
        };
        RegionSnapshot {
            region: region.to_string(),
            topics,
        }
    }

    /// The three Chatbot listings, concurrently; the Teams listing already returns full configurations.
    async fn read_channels(&self) -> BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>> {
        let chatbot = self.chatbot();
        let slack = async {
            chatbot
                .describe_slack_channel_configurations()
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map(|items| items.iter().map(from_chatbot::slack).collect())
                .map_err(|e| failure("chatbot:DescribeSlackChannelConfigurations", &from_sdk(e)))
        };
        let teams = async {
            chatbot
                .list_microsoft_teams_channel_configurations()
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map(|items| items.iter().map(from_chatbot::teams).collect())
                .map_err(|e| {
                    failure(
                        "chatbot:ListMicrosoftTeamsChannelConfigurations",
                        &from_sdk(e),
                    )
                })
        };
        let chime = async {
            chatbot
                .describe_chime_webhook_configurations()
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map(|items| items.iter().map(from_chatbot::chime).collect())
                .map_err(|e| failure("chatbot:DescribeChimeWebhookConfigurations", &from_sdk(e)))
        };
        let (slack, teams, chime) = tokio::join!(slack, teams, chime);
        BTreeMap::from([
            (ChatPlatform::Slack, slack),
            (ChatPlatform::MicrosoftTeams, teams),
            (ChatPlatform::Chime, chime),
        ])
    }

    /// Every response plan in full: the listing, then GetResponsePlan for each, in listing order.
    async fn read_plans(&self) -> Fetched<Vec<Fetched<ResponsePlan>>> {
        let summaries = self
            .list_response_plans()
            .await
            .map_err(|e| failure("ssm-incidents:ListResponsePlans", &e))?;
        Ok(stream::iter(summaries)
            .map(|summary| async move {
                self.get_response_plan(&summary.arn)
                    .await
                    .map_err(|e| failure(summary.arn.clone(), &e))
            })
            .buffered(PLAN_FAN_OUT)
            .collect()
            .await)
    }
}

/// The account, from the first ARN read that carries one: the replication set, then plans, topics, channels.
fn snapshot_account(
    set: &Fetched<Option<ReplicationSet>>,
    plans: &Fetched<Vec<Fetched<ResponsePlan>>>,
    regions: &[RegionSnapshot],
    channels: &BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
) -> String {
    let set_arn = set.iter().flatten().map(|s| s.arn.as_str());
    let plan_arns = plans.iter().flatten().flatten().map(|p| p.arn.as_str());
    let topic_arns = regions
        .iter()
        .filter_map(|r| r.topics.as_ref().ok())
        .flatten()
        .flatten()
        .map(|t| t.arn.as_str());
    let channel_arns = channels
        .values()
        .flatten()
        .flatten()
        .map(|c| c.arn.as_str());
    set_arn
        .chain(plan_arns)
        .chain(topic_arns)
        .chain(channel_arns)
        .find_map(account_of)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_comes_from_the_fifth_arn_field() {
        assert_eq!(
            account_of("arn:aws:ssm-incidents::111122223333:replication-set/abc"),
            Some("111122223333")
        );
        assert_eq!(account_of("arn:aws:iam::aws:policy/X"), None);
        assert_eq!(account_of("not-an-arn"), None);
    }
}
