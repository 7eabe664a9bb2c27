//! Successful HTTP responses in the three wire forms: JSON, empty, and awsQuery XML.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::Value;

/// The namespace of every SNS (awsQuery) XML answer, errors included.
pub const SNS_XML_NAMESPACE: &str = "http://sns.amazonaws.com/doc/2010-03-31/";

/// A fresh request id, as every AWS response carries one.
pub fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn with_body(
    status: StatusCode,
    content_type: &'static str,
    body: Body,
    request_id: &str,
) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("x-amzn-RequestId", id);
    }
    response
}

pub fn json(status: StatusCode, value: &Value) -> Response {
    with_body(
        status,
        "application/json",
        Body::from(value.to_string()),
        &request_id(),
    )
}

/// A 2xx with no body, as restJson1 Update*/Delete* operations answer (204).
pub fn empty(status: StatusCode) -> Response {
    with_body(status, "application/json", Body::empty(), &request_id())
}

pub fn xml(status: StatusCode, body: String, request_id: &str) -> Response {
    with_body(status, "text/xml", Body::from(body), request_id)
}
