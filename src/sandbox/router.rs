//! One fallback handler for every request: find the service and operation, apply faults, run, log.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::errors::{ApiError, Service};
use super::faults::{Fault, FaultPlan, LATENCY_SPIKE, RequestKey};
use super::in_flight::InFlight;
use super::quotas::Quotas;
use super::request_log::{LogLine, RequestLog};
use super::sns::Params;
use super::store::Store;
use super::{chatbot, incidents, sns, validate};
use crate::domain::regions::has_incident_manager;

/// The request log's mark for a request to a Region where the service has no endpoint.
pub const NO_ENDPOINT: &str = "no-endpoint";

/// Requests larger than this are refused; no operation served needs more.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What every request handler shares.
pub struct SandboxState {
    pub store: Arc<Mutex<Store>>,
    pub latency: Duration,
    pub faults: Option<Mutex<FaultPlan>>,
    pub log: Option<RequestLog>,
    pub deny: HashSet<String>,
    pub throttle: HashSet<String>,
    /// AWS's request rates, when `--quotas` asks for them.
    pub quotas: Option<Quotas>,
    pub in_flight: Arc<InFlight>,
}

/// The Region of the SigV4 credential scope, `Credential=AKID/DATE/REGION/SERVICE/aws4_request`.
pub fn region_from(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let from_scope = |scope: &str| {
        scope
            .split('/')
            .nth(2)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    };
    if let Some(auth) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        let credential = auth.split("Credential=").nth(1)?;
        let scope = credential.split([',', ' ']).next()?;
        return from_scope(scope);
    }
    // Presigned requests carry the scope in the query string instead.
    let query = query?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "X-Amz-Credential")
        .and_then(|(_, v)| from_scope(&v))
}

/// The input of a routed request.
enum Input {
    Json(Map<String, Value>),
    Form(Params),
}

struct Routed {
    service: Service,
    operation: &'static str,
    mutating: bool,
    input: Result<Input, ApiError>,
}

fn json_input(body: &[u8]) -> Result<Input, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Input::Json(Map::new()));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(Input::Json(map)),
        Ok(_) => Err(ApiError::serialization(
            "The request body must be a JSON object",
        )),
        Err(e) => Err(ApiError::serialization(format!(
            "The request body is not valid JSON: {e}"
        ))),
    }
}

/// Query-string members; a name given more than once (`tagKeys=a&tagKeys=b`) becomes a list.
fn query_map(query: Option<&str>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let v = Value::String(v.into_owned());
        match map.get_mut(k.as_ref()) {
            Some(Value::Array(items)) => items.push(v),
            Some(first) => *first = Value::Array(vec![first.take(), v]),
            None => {
                map.insert(k.into_owned(), v);
            }
        }
    }
    map
}

fn query_input(query: Option<&str>) -> Input {
    Input::Json(query_map(query))
}

/// A percent-encoded URI label, decoded (`+` stays a plus, as in a path).
fn uri_label(label: &str) -> String {
    let pair = format!("v={}", label.replace('+', "%2B"));
    form_urlencoded::parse(pair.as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Finds the service and operation, or the error response for a request no operation matches.
fn route(
    method: &Method,
    path: &str,
    query: Option<&str>,
    body: &[u8],
) -> Result<Routed, (Service, String, ApiError)> {
    if path == "/" {
        let mut params = Params::parse(query.unwrap_or("").as_bytes());
        params.extend_from(Params::parse(body));
        let action = params.get("Action").unwrap_or("").to_string();
        return match sns::operation_for(&action) {
            Some((operation, mutating)) => Ok(Routed {
                service: Service::Sns,
                operation,
                mutating,
                input: Ok(Input::Form(params)),
            }),
            None => Err((
                Service::Sns,
                if action.is_empty() {
                    "Unknown".into()
                } else {
                    action.clone()
                },
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "InvalidAction",
                    format!("The action {action} is not valid for this endpoint."),
                ),
            )),
        };
    }
    if let Some(label) = path.strip_prefix("/tags/")
        && let Some((operation, mutating)) = incidents::tag_operation_for(method)
    {
        let mut input = if method == Method::POST {
            json_input(body)
        } else {
            Ok(query_input(query))
        };
        if let Ok(Input::Json(map)) = &mut input {
            map.insert("resourceArn".into(), Value::String(uri_label(label)));
        }
        return Ok(Routed {
            service: Service::Incidents,
            operation,
            mutating,
            input,
        });
    }
    if let Some((operation, mutating)) = incidents::operation_for(method, path) {
        let input = if method == Method::GET {
            Ok(query_input(query))
        } else {
            // A POST can bind members to the query string too (DeleteReplicationSet's `arn`).
            json_input(body).map(|input| match input {
                Input::Json(mut map) => {
                    for (k, v) in query_map(query) {
                        map.entry(k).or_insert(v);
                    }
                    Input::Json(map)
                }
                form => form,
            })
        };
        return Ok(Routed {
            service: Service::Incidents,
            operation,
            mutating,
            input,
        });
    }
    if method == Method::POST
        && let Some((operation, mutating)) = chatbot::operation_for(path)
    {
        return Ok(Routed {
            service: Service::Chatbot,
            operation,
            mutating,
            input: json_input(body),
        });
    }
    let service = if path.contains('-') {
        Service::Chatbot
    } else {
        Service::Incidents
    };
    Err((
        service,
        "Unknown".into(),
        ApiError::new(
            StatusCode::NOT_FOUND,
            "UnknownOperationException",
            format!("No operation of the sandbox answers {method} {path}"),
        ),
    ))
}

/// A response whose body fails at once: hyper then closes the connection without sending anything,
/// which the client sees as a dropped connection.
fn dropped_connection() -> Response {
    let failing = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault",
        ))
    });
    Response::new(Body::from_stream(failing))
}

pub async fn handle(State(state): State<Arc<SandboxState>>, request: Request) -> Response {
    let _answering = state.in_flight.enter();
    let (parts, body) = request.into_parts();
    let region =
        region_from(&parts.headers, parts.uri.query()).unwrap_or_else(|| "us-east-1".to_string());
    let body = match to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let error = ApiError::serialization("The request body could not be read");
            return error.into_response(Service::Incidents);
        }
    };
    let routed = route(&parts.method, parts.uri.path(), parts.uri.query(), &body);
    let (service, operation, mutating, input) = match routed {
        Ok(r) => (r.service, r.operation.to_string(), r.mutating, r.input),
        Err((service, operation, error)) => (service, operation, false, Err(error)),
    };
    if service == Service::Incidents && !has_incident_manager(&region) {
        // No ssm-incidents endpoint exists in this Region: against AWS the hostname does not resolve, so the
        // client gets no HTTP answer at all. A dropped connection is the nearest the sandbox can give.
        if let Some(log) = &state.log {
            log.write(&LogLine {
                time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                region: &region,
                service: service.name(),
                operation: &operation,
                mutating,
                status: 0,
                fault: Some(NO_ENDPOINT),
            });
        }
        return dropped_connection();
    }

    let fault = match &state.faults {
        Some(plan) => plan
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .fault_for(RequestKey {
                region: &region,
                operation: &operation,
                query: parts.uri.query().unwrap_or(""),
                body: &body,
            }),
        None => None,
    };
    let outcome = if state.deny.contains(&operation) {
        Err(ApiError::access_denied(service, &operation))
    } else if state.throttle.contains(&operation) {
        Err(ApiError::throttled(service))
    } else if input.is_ok()
        && let Some(quotas) = &state.quotas
        && !quotas.admit(service, &operation, &region)
    {
        Err(ApiError::throttled(service))
    } else {
        match (fault, input) {
            (_, Err(error)) => Err(error),
            (Some(Fault::Throttle), _) => Err(ApiError::throttled(service)),
            (Some(Fault::Internal), _) => Err(ApiError::internal(
                service,
                chatbot::internal_error_code(&operation),
            )),
            (_, Ok(input)) => run(&state.store, service, &operation, &region, input),
        }
    };
    let mut response = match outcome {
        Ok(response) => response,
        Err(error) => error.into_response(service),
    };

    let delay = state.latency
        + if fault == Some(Fault::LatencySpike) {
            LATENCY_SPIKE
        } else {
            Duration::ZERO
        };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let mut status = response.status().as_u16();
    if fault == Some(Fault::DropConnection) {
        response = dropped_connection();
        status = 0;
    }
    if let Some(log) = &state.log {
        log.write(&LogLine {
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            region: &region,
            service: service.name(),
            operation: &operation,
            mutating,
            status,
            fault: fault.map(Fault::label),
        });
    }
    response
}

fn run(
    store: &Mutex<Store>,
    service: Service,
    operation: &str,
    region: &str,
    input: Input,
) -> Result<Response, ApiError> {
    // Every served operation is checked against its model input shape here, before its handler runs.
    let request = match &input {
        Input::Json(map) => validate::Request::Json(map),
        Input::Form(params) => validate::Request::Form(params),
    };
    validate::check(service, operation, request)?;
    let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
    match (service, input) {
        (Service::Incidents, Input::Json(map)) => {
            incidents::handle(&mut store, operation, region, &map)
        }
        (Service::Chatbot, Input::Json(map)) => chatbot::handle(&mut store, operation, &map),
        (Service::Sns, Input::Form(params)) => sns::handle(&mut store, operation, region, &params),
        _ => Err(ApiError::internal(
            service,
            chatbot::internal_error_code(operation),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_comes_from_the_credential_scope() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-2/sns/aws4_request, SignedHeaders=host, Signature=abc"
                .parse()
                .expect("header"),
        );
        assert_eq!(region_from(&headers, None).as_deref(), Some("us-east-2"));
        assert_eq!(region_from(&HeaderMap::new(), None), None);
        let presigned = "X-Amz-Credential=AKID%2F20240101%2Feu-west-1%2Fsns%2Faws4_request";
        assert_eq!(
            region_from(&HeaderMap::new(), Some(presigned)).as_deref(),
            Some("eu-west-1")
        );
    }

    #[test]
    fn routes_by_method_path_and_action() {
        let sns = route(
            &Method::POST,
            "/",
            None,
            b"Action=ListTopics&Version=2010-03-31",
        )
        .ok();
        assert_eq!(
            sns.map(|r| (r.service, r.operation)),
            Some((Service::Sns, "ListTopics"))
        );
        let im = route(&Method::GET, "/getIncidentRecord", Some("arn=x"), b"").ok();
        assert_eq!(im.map(|r| r.operation), Some("GetIncidentRecord"));
        let bot = route(
            &Method::POST,
            "/describe-slack-channel-configurations",
            None,
            b"{}",
        )
        .ok();
        assert_eq!(bot.map(|r| r.service), Some(Service::Chatbot));
        assert!(route(&Method::POST, "/getIncidentRecord", None, b"{}").is_err());
        assert!(route(&Method::POST, "/", None, b"Action=ConfirmSubscription").is_err());
    }
}
