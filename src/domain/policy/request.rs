//! The request a policy is evaluated against: a service principal acting on a resource for an account.

use super::INCIDENT_MANAGER_PRINCIPAL;

/// A request a service principal makes on behalf of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceRequest<'a> {
    /// e.g. `ssm-incidents.amazonaws.com`.
    pub service_principal: &'a str,
    /// e.g. `SNS:Publish`.
    pub action: &'a str,
    /// The topic ARN.
    pub resource: &'a str,
    /// The account the service acts for, which owns the topic.
    pub account: &'a str,
}

impl<'a> ServiceRequest<'a> {
    /// Incident Manager publishing to `topic_arn` for `account`.
    pub fn incident_manager_publish(topic_arn: &'a str, account: &'a str) -> Self {
        Self {
            service_principal: INCIDENT_MANAGER_PRINCIPAL,
            action: "SNS:Publish",
            resource: topic_arn,
            account,
        }
    }

    /// The service name in the service's own ARNs, e.g. `ssm-incidents`.
    pub fn source_service(&self) -> &'a str {
        self.service_principal
            .strip_suffix(".amazonaws.com")
            .unwrap_or(self.service_principal)
    }
}
