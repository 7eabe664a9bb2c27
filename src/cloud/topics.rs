//! SNS topic reads per Region: the listing (all pages) and one topic's attributes.

use std::collections::BTreeMap;

use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::snapshot::TopicSubscription;

impl Cloud {
    /// Every topic ARN in one Region, all pages.
    pub async fn list_topics(&self, region: &str) -> Result<Vec<String>, CloudError> {
        let topics = self
            .sns_in(region)
            .list_topics()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(from_sdk)?;
        Ok(topics.into_iter().filter_map(|t| t.topic_arn).collect())
    }

    /// One topic's attributes (Policy, KmsMasterKeyId, Owner, …).
    pub async fn topic_attributes(
        &self,
        region: &str,
        arn: &str,
    ) -> Result<BTreeMap<String, String>, CloudError> {
        let out = self
            .sns_in(region)
            .get_topic_attributes()
            .topic_arn(arn)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(out.attributes.unwrap_or_default().into_iter().collect())
    }

    /// Every subscription of one topic, all pages, in the topic's Region.
    pub async fn list_subscriptions(
        &self,
        region: &str,
        topic_arn: &str,
    ) -> Result<Vec<TopicSubscription>, CloudError> {
        let subscriptions = self
            .sns_in(region)
            .list_subscriptions_by_topic()
            .topic_arn(topic_arn)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(from_sdk)?;
        Ok(subscriptions
            .into_iter()
            .map(|s| TopicSubscription {
                protocol: s.protocol.unwrap_or_default(),
                endpoint: s.endpoint.unwrap_or_default(),
                // SNS lists an unconfirmed subscription with this word in place of its ARN.
                confirmed: s
                    .subscription_arn
                    .is_some_and(|arn| arn.starts_with("arn:")),
            })
            .collect())
    }
}
