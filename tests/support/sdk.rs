//! Shared by the sandbox wire tests: start a sandbox on 127.0.0.1:0 and build real SDK clients for it.

#![allow(dead_code)]

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_sdk_ssmincidents::types::{AttributeValueList, Condition, Filter};
use aws_smithy_types::retry::RetryConfig;
use imdeck::sandbox::{Sandbox, SandboxOptions, Scenario, start};

pub const ACCOUNT: &str = "111122223333";
pub const MAIN_INCIDENT: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
pub const TEST_PLAN: &str =
    "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";

pub async fn sandbox(scenario: Scenario) -> Sandbox {
    start(SandboxOptions::loopback_ephemeral(scenario))
        .await
        .expect("sandbox starts")
}

pub async fn demo() -> Sandbox {
    sandbox(Scenario::Demo).await
}

/// Config for `region`, with retries off so error tests see the first answer.
pub async fn config(sandbox: &Sandbox, region: &str) -> SdkConfig {
    config_with_retries(sandbox, region, RetryConfig::disabled()).await
}

pub async fn config_with_retries(sandbox: &Sandbox, region: &str, retry: RetryConfig) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .credentials_provider(Credentials::new(
            "AKIDSANDBOXTEST",
            "sandbox-secret",
            None,
            None,
            "test",
        ))
        .endpoint_url(sandbox.endpoint_url())
        .retry_config(retry)
        .load()
        .await
}

pub async fn incidents(sandbox: &Sandbox) -> aws_sdk_ssmincidents::Client {
    aws_sdk_ssmincidents::Client::new(&config(sandbox, "us-east-2").await)
}

pub async fn sns(sandbox: &Sandbox, region: &str) -> aws_sdk_sns::Client {
    aws_sdk_sns::Client::new(&config(sandbox, region).await)
}

pub async fn chatbot(sandbox: &Sandbox) -> aws_sdk_chatbot::Client {
    aws_sdk_chatbot::Client::new(&config(sandbox, "us-east-2").await)
}

/// A ListIncidentRecords / ListTimelineEvents filter.
pub fn filter(key: &str, condition: Condition) -> Filter {
    Filter::builder()
        .key(key)
        .condition(condition)
        .build()
        .expect("filter")
}

/// An `equals` condition on string values.
pub fn strings(values: &[&str]) -> Condition {
    Condition::Equals(AttributeValueList::StringValues(
        values.iter().map(|s| s.to_string()).collect(),
    ))
}
