//! `CloudWriter`: every write imdeck can make, each re-reading its resource first and verifying it after.
//!
//! Only `Cloud::writer` creates one, and it refuses in read-only mode: code holding just a `Cloud` has no
//! way to issue a write. The re-read before a write turns "someone changed it since the preview" into a
//! `PreconditionFailed` error without writing; the read after it turns a silently ignored write into a
//! `VerificationFailed` error.

mod apply;
mod channel_update;
mod publish;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::convert::{from_incidents, to_requests};
use super::errors_map::from_sdk;
use super::incidents::missing;
use super::{Cloud, CloudError};
use crate::domain::model::ChatChannel;

/// A handle that can write; exists only outside read-only mode.
#[derive(Clone, Debug)]
pub struct CloudWriter {
    cloud: Cloud,
}

pub(crate) fn precondition_failed(what: &str) -> CloudError {
    CloudError::Service {
        code: "PreconditionFailed".into(),
        message: format!("{what} changed since it was read; nothing was written"),
    }
}

pub(crate) fn verification_failed(what: &str) -> CloudError {
    CloudError::Service {
        code: "VerificationFailed".into(),
        message: format!("{what} does not read back as written"),
    }
}

/// Policies compare as JSON values (key order and whitespace do not matter); unparsable text compares as text.
fn same_policy(a: Option<&str>, b: Option<&str>) -> bool {
    match (non_blank(a), non_blank(b)) {
        (None, None) => true,
        (Some(a), Some(b)) => match (
            serde_json::from_str::<Value>(a),
            serde_json::from_str::<Value>(b),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        },
        _ => false,
    }
}

fn non_blank(p: Option<&str>) -> Option<&str> {
    p.map(str::trim).filter(|p| !p.is_empty())
}

/// A plan's chat channel as a set of topics; no channel and `{"empty":{}}` both mean "none".
fn channel_topics(c: Option<&ChatChannel>) -> BTreeSet<String> {
    c.map(|c| c.topics().iter().cloned().collect())
        .unwrap_or_default()
}

impl CloudWriter {
    pub(crate) fn new(cloud: Cloud) -> Self {
        Self { cloud }
    }

    pub(crate) fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    /// CreateTopic is idempotent by name (an existing topic's ARN comes back); the topic is then read back.
    pub async fn create_topic(&self, region: &str, name: &str) -> Result<String, CloudError> {
        let out = self
            .cloud
            .sns_in(region)
            .create_topic()
            .name(name)
            .send()
            .await
            .map_err(from_sdk)?;
        let arn = out
            .topic_arn
            .ok_or_else(|| missing("CreateTopic", "TopicArn"))?;
        self.get_topic_attributes(region, &arn).await?;
        Ok(arn)
    }

    pub async fn get_topic_attributes(
        &self,
        region: &str,
        arn: &str,
    ) -> Result<BTreeMap<String, String>, CloudError> {
        self.cloud.topic_attributes(region, arn).await
    }

    /// Writes the topic's access policy only if it still is `expected_current`, then verifies it reads back.
    pub async fn set_topic_policy(
        &self,
        region: &str,
        arn: &str,
        expected_current: Option<&str>,
        new_policy: &str,
    ) -> Result<(), CloudError> {
        let what = format!("the access policy of {arn}");
        let before = self.get_topic_attributes(region, arn).await?;
        if !same_policy(before.get("Policy").map(String::as_str), expected_current) {
            return Err(precondition_failed(&what));
        }
        self.cloud
            .sns_in(region)
            .set_topic_attributes()
            .topic_arn(arn)
            .attribute_name("Policy")
            .attribute_value(new_policy)
            .send()
            .await
            .map_err(from_sdk)?;
        let after = self.get_topic_attributes(region, arn).await?;
        if !same_policy(after.get("Policy").map(String::as_str), Some(new_policy)) {
            return Err(verification_failed(&what));
        }
        Ok(())
    }

    /// Sets a response plan's chat channel if it still is `expected` (compared as topic sets), then verifies.
    pub async fn update_plan_chat_channel(
        &self,
        plan_arn: &str,
        expected: Option<&ChatChannel>,
        new: &ChatChannel,
    ) -> Result<(), CloudError> {
        let what = format!("the chat channel of {plan_arn}");
        let before = self.read_plan_channel(plan_arn).await?;
        if channel_topics(before.as_ref()) != channel_topics(expected) {
            return Err(precondition_failed(&what));
        }
        self.cloud
            .incidents()
            .update_response_plan()
            .arn(plan_arn)
            .chat_channel(to_requests::chat_channel(new))
            .send()
            .await
            .map_err(from_sdk)?;
        let after = self.read_plan_channel(plan_arn).await?;
        if channel_topics(after.as_ref()) != channel_topics(Some(new)) {
            return Err(verification_failed(&what));
        }
        Ok(())
    }

    async fn read_plan_channel(&self, plan_arn: &str) -> Result<Option<ChatChannel>, CloudError> {
        let out = self
            .cloud
            .incidents()
            .get_response_plan()
            .arn(plan_arn)
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(out
            .chat_channel
            .as_ref()
            .and_then(from_incidents::chat_channel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::EmptyObject;

    #[test]
    fn policies_compare_as_json() {
        assert!(same_policy(
            Some(r#"{"a":1,"b":[2]}"#),
            Some(r#"{ "b": [2], "a": 1 }"#)
        ));
        assert!(!same_policy(Some(r#"{"a":1}"#), Some(r#"{"a":2}"#)));
        assert!(same_policy(None, Some("  ")));
        assert!(!same_policy(None, Some("{}")));
        assert!(same_policy(Some("not json"), Some("not json")));
    }

    #[test]
    fn no_channel_and_the_empty_channel_are_the_same() {
        let empty = ChatChannel::Empty(EmptyObject {});
        assert_eq!(channel_topics(None), channel_topics(Some(&empty)));
        let ab = ChatChannel::ChatbotSns(vec!["a".into(), "b".into()]);
        let ba = ChatChannel::ChatbotSns(vec!["b".into(), "a".into()]);
        assert_eq!(channel_topics(Some(&ab)), channel_topics(Some(&ba)));
    }
}
