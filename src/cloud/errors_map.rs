//! Turning any SDK error of the three services into a `CloudError`, keeping the service's code and message.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_ssmincidents::config::http::HttpResponse;
use aws_sdk_ssmincidents::error::{BuildError, ProvideErrorMetadata, SdkError};

use super::CloudError;

/// The one mapping every call goes through. `SdkError` and `ProvideErrorMetadata` are the same types in the
/// three service crates (re-exports of smithy's), so this is generic over each operation's error `E`.
pub fn from_sdk<E>(err: SdkError<E, HttpResponse>) -> CloudError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &err {
        SdkError::ServiceError(context) => {
            let status = context.raw().status().as_u16();
            let code = err.code().unwrap_or("").to_string();
            let message = err.message().unwrap_or("").to_string();
            classify(code, message, status)
        }
        // Identity resolution runs inside the request: a credentials failure arrives as a dispatch failure.
        _ if credentials_cause(&err).is_some() => credentials_failure(&err),
        SdkError::ConstructionFailure(_) => CloudError::Validation {
            code: "ParamValidation".into(),
            message: display_chain(&err),
        },
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) | SdkError::ResponseError(_) => {
            CloudError::Network(display_chain(&err))
        }
        // `SdkError` is non-exhaustive; a future kind is most honestly reported by its Display chain.
        _ => CloudError::Service {
            code: "Unknown".into(),
            message: display_chain(&err),
        },
    }
}

/// The error and its causes, each by its Display, joined with `: ` (a cause its parent already quotes is
/// skipped). Never the Debug tree `DisplayErrorContext` appends.
pub fn display_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

/// The credentials error somewhere in the error's causes, if any.
fn credentials_cause<'e>(
    err: &'e (dyn std::error::Error + 'static),
) -> Option<&'e CredentialsError> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<CredentialsError>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// A request that failed because its credentials could not be had (they expired mid-session and renewing them
/// failed): one line with the cause, and what to do.
fn credentials_failure(err: &(dyn std::error::Error + 'static)) -> CloudError {
    let cause = credentials_cause(err).map_or_else(|| display_chain(err), |c| display_chain(c));
    CloudError::Credentials {
        code: "CredentialsError".into(),
        message: format!(
            "AWS credentials could not be renewed: {cause}. Sign in again (e.g. `aws sso login`) and restart imdeck."
        ),
    }
}

/// A request that could not even be built (a required member missing): the CLI's "Parameter validation".
pub fn from_build(err: BuildError) -> CloudError {
    CloudError::Validation {
        code: "ParamValidation".into(),
        message: err.to_string(),
    }
}

/// By code first (the services' own names across the three protocols), then by HTTP status.
pub fn classify(code: String, message: String, status: u16) -> CloudError {
    let code = if code.is_empty() {
        format!("HTTP{status}")
    } else {
        code
    };
    let message = if message.is_empty() {
        code.clone()
    } else {
        message
    };
    match code.as_str() {
        "AccessDeniedException"
        | "AccessDenied"
        | "AuthorizationError"
        | "UnauthorizedOperation"
        | "InvalidSecurity"
        | "ExpiredTokenException"
        | "UnrecognizedClientException" => CloudError::AccessDenied { code, message },
        "ThrottlingException"
        | "Throttling"
        | "Throttled"
        | "TooManyRequestsException"
        | "TooManyRequests"
        | "RequestLimitExceeded" => CloudError::Throttled { code, message },
        // A quota, not a rate: Chatbot's LimitExceededException, SNS's TopicLimitExceeded and the like,
        // Incident Manager's ServiceQuotaExceededException. Waiting does not help; `Service` says so.
        c if CloudError::is_quota_code(c) => CloudError::Service { code, message },
        "ResourceNotFoundException" | "NotFound" | "NotFoundException" => {
            CloudError::NotFound { code, message }
        }
        "ValidationException" => CloudError::Validation { code, message },
        c if c.starts_with("InvalidParameter") || c.starts_with("InvalidRequest") => {
            CloudError::Validation { code, message }
        }
        _ => match status {
            403 => CloudError::AccessDenied { code, message },
            429 => CloudError::Throttled { code, message },
            404 => CloudError::NotFound { code, message },
            _ => CloudError::Service { code, message },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(code: &str, status: u16) -> CloudError {
        classify(code.into(), "m".into(), status)
    }

    #[test]
    fn codes_of_the_three_services_land_in_their_kinds() {
        assert!(matches!(
            kind("AccessDeniedException", 403),
            CloudError::AccessDenied { .. }
        ));
        assert!(matches!(
            kind("AuthorizationError", 403),
            CloudError::AccessDenied { .. }
        ));
        assert!(matches!(
            kind("Throttled", 429),
            CloudError::Throttled { .. }
        ));
        for quota in [
            "LimitExceededException",
            "TopicLimitExceeded",
            "SubscriptionLimitExceeded",
            "FilterPolicyLimitExceeded",
            "ServiceQuotaExceededException",
        ] {
            let error = kind(quota, 403);
            assert!(matches!(error, CloudError::Service { .. }), "{quota}");
            let shown = error.to_string();
            assert!(shown.contains("Service Quotas"), "{shown}");
            assert!(!shown.contains("throttl"), "{shown}");
            assert_eq!(
                error.cli_message("Op"),
                format!("An error occurred ({quota}) when calling the Op operation: m")
            );
        }
        assert!(matches!(
            kind("RequestLimitExceeded", 400),
            CloudError::Throttled { .. }
        ));
        assert!(matches!(kind("NotFound", 404), CloudError::NotFound { .. }));
        assert!(matches!(
            kind("ValidationException", 400),
            CloudError::Validation { .. }
        ));
        assert!(matches!(
            kind("InvalidParameterException", 400),
            CloudError::Validation { .. }
        ));
        assert!(matches!(
            kind("InvalidParameter", 400),
            CloudError::Validation { .. }
        ));
        assert!(matches!(
            kind("InvalidRequestException", 400),
            CloudError::Validation { .. }
        ));
        assert!(matches!(
            kind("ConflictException", 409),
            CloudError::Service { .. }
        ));
    }

    #[derive(Debug, thiserror::Error)]
    #[error("dispatch failure")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn the_display_chain_joins_causes_and_never_shows_debug() {
        let err = Outer(std::io::Error::other("connection refused"));
        let text = display_chain(&err);
        assert_eq!(text, "dispatch failure: connection refused");
        assert!(!text.contains("Custom {"), "{text}");
    }

    #[test]
    fn unknown_codes_fall_back_to_the_status() {
        assert!(matches!(
            kind("Weird", 403),
            CloudError::AccessDenied { .. }
        ));
        assert!(matches!(kind("Weird", 429), CloudError::Throttled { .. }));
        assert_eq!(
            classify(String::new(), String::new(), 500),
            CloudError::Service {
                code: "HTTP500".into(),
                message: "HTTP500".into()
            }
        );
    }
}
