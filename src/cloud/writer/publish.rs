//! sns:Publish, the write a probe makes: one message to one topic in the topic's own Region.

use super::CloudWriter;
use crate::cloud::CloudError;
use crate::cloud::errors_map::from_sdk;

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
}
