//! AWS error encodings: restJson1 (`x-amzn-ErrorType` header + JSON body) and awsQuery (`<ErrorResponse>` XML).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::reply;

/// The three services the sandbox speaks; each encodes errors its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Incidents,
    Sns,
    Chatbot,
}

impl Service {
    /// The name used in the request log and in the SigV4 credential scope.
    pub fn name(self) -> &'static str {
        match self {
            Service::Incidents => "ssm-incidents",
            Service::Sns => "sns",
            Service::Chatbot => "chatbot",
        }
    }
}

/// An error as a service reports it: HTTP status, error code, message and any extra modelled members.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// Extra modelled members (resourceType, quotaCode, …), kept small so `Result`s stay cheap.
    pub members: Vec<(&'static str, Value)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_string(),
            message: message.into(),
            members: Vec::new(),
        }
    }

    pub fn with_member(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.members.push((name, value.into()));
        self
    }

    /// ssm-incidents `ValidationException` (400).
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "ValidationException", message)
    }

    /// ssm-incidents `ResourceNotFoundException` (404) naming the resource type and identifier.
    pub fn not_found(resource_type: &str, identifier: &str) -> Self {
        let noun = match resource_type {
            "RESPONSE_PLAN" => "Response plan",
            "INCIDENT_RECORD" => "Incident record",
            "TIMELINE_EVENT" => "Timeline event",
            "REPLICATION_SET" => "Replication set",
            "RESOURCE_POLICY" => "Resource policy",
            _ => "Resource",
        };
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            format!("{noun} {identifier} does not exist"),
        )
        .with_member("resourceType", resource_type)
        .with_member("resourceIdentifier", identifier)
    }

    /// ssm-incidents `ConflictException` (409).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "ConflictException", message)
    }

    /// A body that is not the JSON object the operation expects.
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "SerializationException", message)
    }

    /// The service's "you may not" error.
    pub fn access_denied(service: Service, operation: &str) -> Self {
        let message = format!(
            "User: arn:aws:iam::{}:user/imdeck-sandbox is not authorized to perform: {}:{operation}",
            super::SANDBOX_ACCOUNT,
            service.name()
        );
        match service {
            Service::Sns => Self::new(StatusCode::FORBIDDEN, "AuthorizationError", message),
            Service::Incidents | Service::Chatbot => {
                Self::new(StatusCode::FORBIDDEN, "AccessDeniedException", message)
            }
        }
    }

    /// The service's throttling error, spelled so the SDK's retry classifier recognises it.
    pub fn throttled(service: Service) -> Self {
        match service {
            // Real SNS answers API rate limits with the generic awsQuery code `Throttling` and 400.
            Service::Sns => Self::new(StatusCode::BAD_REQUEST, "Throttling", "Rate exceeded"),
            Service::Incidents => Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "ThrottlingException",
                "Rate exceeded",
            )
            .with_member("quotaCode", "L-SANDBOX01")
            .with_member("serviceCode", "ssm-incidents"),
            Service::Chatbot => Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "ThrottlingException",
                "Rate exceeded",
            ),
        }
    }

    /// The service's internal failure (500). `chatbot_code` is the operation's own error code, used only for
    /// Chatbot, which models one `<Op>Exception` (500) per operation rather than a shared one.
    pub fn internal(service: Service, chatbot_code: &str) -> Self {
        let message = "An internal error occurred; please retry";
        match service {
            Service::Sns => Self::new(StatusCode::INTERNAL_SERVER_ERROR, "InternalError", message),
            Service::Incidents => Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerException",
                message,
            ),
            Service::Chatbot => Self::new(StatusCode::INTERNAL_SERVER_ERROR, chatbot_code, message),
        }
    }

    /// Encodes the error as the service does on the wire.
    pub fn into_response(self, service: Service) -> Response {
        match service {
            Service::Sns => {
                let fault = if self.status.is_server_error() {
                    "Receiver"
                } else {
                    "Sender"
                };
                let request_id = reply::request_id();
                let body = format!(
                    "<ErrorResponse xmlns=\"{ns}\"><Error><Type>{fault}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>",
                    ns = reply::SNS_XML_NAMESPACE,
                    code = quick_xml::escape::escape(self.code.as_str()),
                    message = quick_xml::escape::escape(self.message.as_str()),
                );
                reply::xml(self.status, body, &request_id)
            }
            Service::Incidents | Service::Chatbot => {
                let mut body = Map::new();
                body.insert("__type".into(), json!(self.code));
                body.insert("message".into(), json!(self.message));
                if service == Service::Chatbot {
                    // Some Chatbot errors model `Message`, others `message`; the SDK reads either.
                    body.insert("Message".into(), json!(self.message));
                }
                body.extend(self.members.into_iter().map(|(k, v)| (k.to_string(), v)));
                let mut response = reply::json(self.status, &Value::Object(body));
                if let Ok(value) = self.code.parse() {
                    response.headers_mut().insert("x-amzn-ErrorType", value);
                }
                response
            }
        }
    }
}
