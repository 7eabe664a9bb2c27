//! sns:Publish, the write a probe makes: one message to one topic in the topic's own Region.

use super::CloudWriter;
use crate::cloud::CloudError;
use crate::cloud::errors_map::from_sdk;
use crate::domain::chatbot_notification::{ProbeOrigin, probe_message};
use crate::domain::probe::{ProbeTarget, Publish};
use crate::domain::snapshot::query::region_of_arn;

impl CloudWriter {
    /// Publishes `message` to the topic and answers SNS's MessageId. Nothing to re-read or verify: a message
    /// is not state, and SNS's MessageId is its receipt.
    pub async fn publish(
        &self,
        region: &str,
        topic_arn: &str,
        message: &str,
    ) -> Result<String, CloudError> {
        let out = self
            .cloud
            .sns_in(region)
            .publish()
            .topic_arn(topic_arn)
            .message(message)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(out.message_id.unwrap_or_default())
    }

    /// Publishes the probe to every topic of `target` at once, each in its own Region, the message saying who
    /// sent it and when: the one probe the TUI and `imdeck probe` both send.
    pub async fn publish_probe(&self, target: &ProbeTarget, sender: &str) -> Vec<Publish> {
        let sent_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        futures::future::join_all(target.topics.iter().map(|topic| {
            let origin = ProbeOrigin {
                sender: sender.to_string(),
                sent_at: sent_at.clone(),
                channel: target.channel_name.clone(),
                topic_arn: topic.clone(),
                region: region_of_arn(topic).to_string(),
            };
            async move {
                let outcome = self
                    .publish(&origin.region, topic, &probe_message(&origin))
                    .await;
                Publish {
                    topic_arn: topic.clone(),
                    outcome,
                }
            }
        }))
        .await
    }
}
