//! `CloudError`: what can go wrong talking to AWS, in the few kinds the UI and the audit treat differently
//! (a domain type, so `app` and `ui` can match on it without naming the `cloud` adapter).

/// Each variant keeps the service's error code and message so the AWS CLI's
/// `An error occurred (Code) when calling the Op operation: message` can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloudError {
    #[error("{code}: {message}")]
    AccessDenied { code: String, message: String },
    #[error("{code}: {message}")]
    Throttled { code: String, message: String },
    #[error("{code}: {message}")]
    NotFound { code: String, message: String },
    #[error("{code}: {message}")]
    Validation { code: String, message: String },
    #[error("network: {0}")]
    Network(String),
    /// Any other service error; a quota reached (see [`CloudError::is_quota_code`]) says how to raise it.
    #[error("{code}: {message}{hint}", hint = quota_hint(.code))]
    Service { code: String, message: String },
    /// No usable credentials: `code` names the problem (`NoCredentials`, `UnknownProfile`, `SsoLoginRequired`,
    /// `CredentialsTimedOut`, `CredentialsError`) and `message` says it in one or two lines with the fix.
    #[error("{message}")]
    Credentials { code: String, message: String },
    /// Raised before any request is made: read-only mode has no writer. The text names what was refused.
    #[error("{what}: {refusal}", what = .0, refusal = crate::domain::command::READ_ONLY_REFUSAL)]
    ReadOnly(String),
}

/// Appended to a quota error's text (never to `cli_message`, which stays the AWS CLI's wording).
fn quota_hint(code: &str) -> &'static str {
    if CloudError::is_quota_code(code) {
        " (a service quota was reached, not a request rate, so retrying does not help: delete what is no \
         longer used, or request a higher quota in the Service Quotas console or with `aws service-quotas \
         request-service-quota-increase`)"
    } else {
        ""
    }
}

impl CloudError {
    /// Codes that mean a quota was reached (Chatbot's LimitExceededException, SNS's TopicLimitExceeded,
    /// SubscriptionLimitExceeded, FilterPolicyLimitExceeded…, ServiceQuotaExceededException), as opposed to
    /// a request rate (RequestLimitExceeded is EC2-style throttling).
    pub fn is_quota_code(code: &str) -> bool {
        code == "ServiceQuotaExceededException"
            || code == "LimitExceededException"
            || (code.ends_with("LimitExceeded") && code != "RequestLimitExceeded")
    }

    /// The service's error code, or a descriptive stand-in for errors that never reached the service.
    pub fn code(&self) -> &str {
        match self {
            CloudError::AccessDenied { code, .. }
            | CloudError::Throttled { code, .. }
            | CloudError::NotFound { code, .. }
            | CloudError::Validation { code, .. }
            | CloudError::Service { code, .. }
            | CloudError::Credentials { code, .. } => code,
            CloudError::Network(_) => "NetworkError",
            CloudError::ReadOnly(_) => "ReadOnly",
        }
    }

    pub fn message(&self) -> &str {
        match self {
            CloudError::AccessDenied { message, .. }
            | CloudError::Throttled { message, .. }
            | CloudError::NotFound { message, .. }
            | CloudError::Validation { message, .. }
            | CloudError::Service { message, .. }
            | CloudError::Credentials { message, .. } => message,
            CloudError::Network(m) | CloudError::ReadOnly(m) => m,
        }
    }

    /// The AWS CLI's wording for a failed call. A credentials problem is no call's error (the AWS CLI too
    /// prints it alone, before any request), so it is printed as it is.
    pub fn cli_message(&self, operation: &str) -> String {
        if let CloudError::Credentials { message, .. } = self {
            return message.clone();
        }
        // No request was made, so there is no service error to quote: say why nothing happened.
        if let CloudError::ReadOnly(_) = self {
            return crate::domain::command::READ_ONLY_REFUSAL.to_string();
        }
        format!(
            "An error occurred ({}) when calling the {} operation: {}",
            self.code(),
            operation,
            self.message()
        )
    }
}
