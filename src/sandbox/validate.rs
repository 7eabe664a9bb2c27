//! Checks every request against its operation's input shape in the AWS service model, before any handler runs.

pub mod model;
mod query;
pub mod walk;

use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::errors::{ApiError, Service};
use super::sns::Params;
use model::model;
use walk::{Walker, Wire};

/// A request's input as the router decoded it.
pub enum Request<'a> {
    Json(&'a Map<String, Value>),
    Form(&'a Params),
}

/// `Ok` when the request satisfies every constraint the model states for `operation`'s input, else the
/// service's validation error listing every failure.
pub fn check(service: Service, operation: &str, request: Request<'_>) -> Result<(), ApiError> {
    let errors = failures(service, operation, request);
    if errors.is_empty() {
        return Ok(());
    }
    let message = match errors.len() {
        1 => format!("1 validation error detected: {}", errors[0]),
        n => format!("{n} validation errors detected: {}", errors.join("; ")),
    };
    Err(error(service, operation, message))
}

/// Every constraint failure of the request, in the model's member order.
pub fn failures(service: Service, operation: &str, request: Request<'_>) -> Vec<String> {
    let model = model(service);
    // Every operation the router serves is named from the model, which the conformance suite checks; an
    // operation without an input shape takes no members, so there is nothing to check.
    let Some(input_shape) = model.io_shape(operation, "input") else {
        return Vec::new();
    };
    match request {
        Request::Json(map) => {
            let mut walker = Walker::new(model, Wire::Json);
            walker.input(input_shape, map);
            walker.errors
        }
        Request::Form(params) => {
            let rebuilt = query::structure(model, input_shape, params, "");
            let mut walker = Walker::new(model, Wire::Query);
            walker.input(input_shape, &rebuilt);
            walker.errors
        }
    }
}

/// The error each service answers a request its model forbids with (reference/aws-api.md, "Model-driven
/// validation").
fn error(service: Service, operation: &str, message: String) -> ApiError {
    match service {
        Service::Incidents => ApiError::validation(message),
        Service::Sns => ApiError::new(StatusCode::BAD_REQUEST, "InvalidParameter", message),
        Service::Chatbot => {
            let modelled = model(service).errors(operation);
            let code = ["InvalidParameterException", "InvalidRequestException"]
                .into_iter()
                .find(|code| modelled.contains(code))
                // The tag operations model neither; AWS's generic restJson1 code is the nearest answer.
                .unwrap_or("ValidationException");
            ApiError::new(StatusCode::BAD_REQUEST, code, message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_failures(service: Service, operation: &str, input: Value) -> Vec<String> {
        let map = input.as_object().cloned().unwrap_or_default();
        failures(service, operation, Request::Json(&map))
    }

    #[test]
    fn nested_enum_outside_the_model_is_refused() {
        let errors = json_failures(
            Service::Incidents,
            "UpdateResponsePlan",
            json!({"arn": "arn:aws:ssm-incidents::111122223333:response-plan/p",
                   "actions": [{"ssmAutomation": {"roleArn": "arn:aws:iam::111122223333:role/r",
                     "documentName": "doc", "targetAccount": "SOMEONE_ELSE"}}]}),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "Value 'SOMEONE_ELSE' at 'actions.1.member.ssmAutomation.targetAccount' failed to satisfy constraint: Member must satisfy enum value set: ["
            ),
            "{errors:?}"
        );
    }

    #[test]
    fn query_string_members_are_read_as_text() {
        let ok = json_failures(
            Service::Incidents,
            "GetIncidentRecord",
            json!({"arn": "arn:aws:ssm-incidents::111122223333:incident-record/p/1"}),
        );
        assert!(ok.is_empty(), "{ok:?}");
        let missing = json_failures(Service::Incidents, "GetIncidentRecord", json!({}));
        assert_eq!(
            missing,
            vec!["Value null at 'arn' failed to satisfy constraint: Member must not be null"]
        );
    }

    #[test]
    fn unions_need_exactly_one_member() {
        let errors = json_failures(
            Service::Incidents,
            "UpdateIncidentRecord",
            json!({"arn": "arn:aws:ssm-incidents::111122223333:incident-record/p/1",
                   "chatChannel": {"chatbotSns": ["arn:aws:sns:us-east-2:111122223333:t"], "empty": {}}}),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("Union must have exactly one member set, found 2"));
    }

    #[test]
    fn awsquery_tags_without_a_key_are_refused() {
        let params = Params::parse(b"Action=CreateTopic&Name=t&Tags.member.1.Value=v");
        let errors = failures(Service::Sns, "CreateTopic", Request::Form(&params));
        assert_eq!(
            errors,
            vec![
                "Value null at 'Tags.member.1.Key' failed to satisfy constraint: Member must not be null"
            ]
        );
        let fine =
            Params::parse(b"Action=CreateTopic&Name=t&Tags.member.1.Key=k&Tags.member.1.Value=v");
        assert!(failures(Service::Sns, "CreateTopic", Request::Form(&fine)).is_empty());
    }

    #[test]
    fn chatbot_answers_with_its_modelled_exception() {
        let error = check(
            Service::Chatbot,
            "UpdateMicrosoftTeamsChannelConfiguration",
            Request::Json(&Map::new()),
        )
        .expect_err("required members missing");
        assert_eq!(error.code, "InvalidParameterException");
        assert!(
            error.message.starts_with("2 validation errors detected"),
            "{}",
            error.message
        );
    }
}
