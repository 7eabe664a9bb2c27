//! Loading the whole `CloudSnapshot` concurrently: every Region at once, bounded fan-out within each listing.
//!
//! Two phases: the listings (replication set → ListTopics per Region, beside the Chatbot listings and the
//! response plans), then GetTopicAttributes only for the topics plans and channels name (plus `setup`'s
//! candidates) and, by ARN, for named topics of other accounts. Every failure is kept as a `ReadFailure` where
//! the data would have been, so the audit shows `unknown`, never a false `pass`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::stream::{self, StreamExt};
use tokio::sync::mpsc::UnboundedSender;

use super::convert::{chatbot as from_chatbot, from_incidents as from};
use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::arn::Arn;
use crate::domain::model::{ChannelConfig, ChatPlatform, ReplicationSet, ResponsePlan, Topic};
use crate::domain::snapshot::query::region_of_arn;
use crate::domain::snapshot::{
    CloudSnapshot, Fetched, NOT_READ_UNRELATED, ReadFailure, RegionSnapshot, TopicSubscription,
    UnlistedTopic, named_topics, needs_attributes,
};

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

/// Why another account's topic could not be read, naming its owner: an AuthorizationError there means the
/// owner's topic policy does not let this account call sns:GetTopicAttributes, which only the owner can change.
fn foreign_failure(arn: &str, account: &str, err: &CloudError) -> ReadFailure {
    let owner = account_of(arn).unwrap_or("another account");
    let reason = match err {
        CloudError::AccessDenied { .. } => format!(
            "{err} (the topic belongs to account {owner}, whose topic policy does not let account {account} \
             call sns:GetTopicAttributes; ask its owner to allow that, or check it from account {owner})"
        ),
        _ => format!("{err} (the topic belongs to account {owner})"),
    };
    ReadFailure {
        resource: arn.to_string(),
        reason,
    }
}

/// The 12-digit account field of an ARN, if it has one.
pub fn account_of(arn: &str) -> Option<&str> {
    Arn::parse(arn)
        .ok()
        .map(|arn| arn.account())
        .filter(|a| a.len() == 12)
}

impl Cloud {
    /// Reads everything the audit needs; never fails as a whole, never panics.
    ///
    /// Topic attributes are read only for topics a plan or chat channel names (and `setup`'s candidates), so
    /// the listings of plans and channels come first; the topic listings run beside them.
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
        let listings_side = async {
            let set = self.read_replication_set().await;
            let regions: Vec<String> = match &set {
                Ok(Some(s)) => s.region_map.keys().cloned().collect(),
                _ => Vec::new(),
            };
            report(SnapshotProgress {
                regions_done: 0,
                regions_total: regions.len(),
                region: None,
            });
            let listings = futures::future::join_all(regions.iter().map(|region| async move {
                let listing = self.list_topics(region).await.map_err(|err| {
                    tracing::warn!(region, error = %err, "sns:ListTopics failed");
                    failure(format!("sns:ListTopics {region}"), &err)
                });
                (region.clone(), listing)
            }))
            .await;
            (set, listings)
        };
        let ((replication_set, listings), channels, plans) =
            tokio::join!(listings_side, self.read_channels(), self.read_plans());
        let named = named_topics(&plans, &channels);
        let listed_arns = listings
            .iter()
            .filter_map(|(_, l)| l.as_ref().ok())
            .flatten()
            .map(String::as_str);
        let account = snapshot_account(&replication_set, &plans, listed_arns, &channels);

        let total = listings.len();
        let done = AtomicUsize::new(0);
        let (named_ref, done_ref, report_ref) = (&named, &done, &report);
        let regions_side = futures::future::join_all(listings.clone().into_iter().map(
            |(region, listing)| async move {
                let snapshot = self.read_region(&region, &listing, named_ref).await;
                let finished = done_ref.fetch_add(1, Ordering::SeqCst) + 1;
                report_ref(SnapshotProgress {
                    regions_done: finished,
                    regions_total: total,
                    region: Some(region.clone()),
                });
                snapshot
            },
        ));
        let unlisted_side = self.read_unlisted_topics(&named, &listings, &account);
        let subscriptions_side = self.read_channel_subscriptions(&channels);
        let (regions, unlisted_topics, subscriptions) =
            tokio::join!(regions_side, unlisted_side, subscriptions_side);
        CloudSnapshot {
            account,
            replication_set,
            regions,
            channels,
            plans,
            unlisted_topics,
            subscriptions,
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

    /// One Region's topics: attributes for those that need them, the deliberate "not read" for the rest.
    async fn read_region(
        &self,
        region: &str,
        listing: &Fetched<Vec<String>>,
        named: &BTreeSet<String>,
    ) -> RegionSnapshot {
        let topics = match listing {
            Err(failure) => Err(failure.clone()),
            Ok(arns) => Ok(stream::iter(arns.iter().cloned())
                .map(|arn| async move {
                    if !needs_attributes(&arn, named) {
                        return Err(ReadFailure {
                            resource: arn,
                            reason: NOT_READ_UNRELATED.to_string(),
                        });
                    }
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

    /// Named topics of other accounts that their Region's listing did not return, each read by ARN in its own
    /// Region (ListTopics lists only the caller's topics; GetTopicAttributes answers for any topic whose
    /// policy lets the caller read it).
    async fn read_unlisted_topics(
        &self,
        named: &BTreeSet<String>,
        listings: &[(String, Fetched<Vec<String>>)],
        account: &str,
    ) -> Vec<UnlistedTopic> {
        let listed = |arn: &str| {
            listings
                .iter()
                .filter_map(|(_, l)| l.as_ref().ok())
                .any(|arns| arns.iter().any(|a| a == arn))
        };
        let foreign: Vec<String> = named
            .iter()
            .filter(|arn| account_of(arn).is_some_and(|owner| owner != account) && !listed(arn))
            .cloned()
            .collect();
        stream::iter(foreign)
            .map(|arn| async move {
                let region = region_of_arn(&arn);
                let read = match self.topic_attributes(region, &arn).await {
                    Ok(attributes) => Ok(Some(Topic {
                        arn: arn.clone(),
                        attributes,
                    })),
                    Err(CloudError::NotFound { .. }) => Ok(None),
                    Err(err) => Err(foreign_failure(&arn, account, &err)),
                };
                UnlistedTopic { arn, read }
            })
            .buffered(TOPIC_FAN_OUT)
            .collect()
            .await
    }

    /// ListSubscriptionsByTopic for every topic a chat channel carries, each in its own Region, concurrently
    /// (bounded like the attribute reads).
    async fn read_channel_subscriptions(
        &self,
        channels: &BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
    ) -> BTreeMap<String, Fetched<Option<Vec<TopicSubscription>>>> {
        let topics: BTreeSet<String> = channels
            .values()
            .flatten()
            .flatten()
            .flat_map(|c| c.sns_topic_arns.iter().cloned())
            .collect();
        stream::iter(topics)
            .map(|arn| async move {
                let read = match self.list_subscriptions(region_of_arn(&arn), &arn).await {
                    Ok(subscriptions) => Ok(Some(subscriptions)),
                    Err(CloudError::NotFound { .. }) => Ok(None),
                    Err(err) => {
                        tracing::warn!(topic = %arn, error = %err, "sns:ListSubscriptionsByTopic failed");
                        Err(failure(format!("sns:ListSubscriptionsByTopic {arn}"), &err))
                    }
                };
                (arn, read)
            })
            .buffer_unordered(TOPIC_FAN_OUT)
            .collect()
            .await
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

/// The account, from the first ARN read that carries one: the replication set, then plans, listed topics (which
/// are always the caller's), channels.
fn snapshot_account<'a>(
    set: &'a Fetched<Option<ReplicationSet>>,
    plans: &'a Fetched<Vec<Fetched<ResponsePlan>>>,
    topic_arns: impl Iterator<Item = &'a str>,
    channels: &'a BTreeMap<ChatPlatform, Fetched<Vec<ChannelConfig>>>,
) -> String {
    let set_arn = set.iter().flatten().map(|s| s.arn.as_str());
    let plan_arns = plans.iter().flatten().flatten().map(|p| p.arn.as_str());
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
