//! `render_output`: what `imdeck exec` prints, compared with what the AWS CLI v1 prints for the same data.

use imdeck::domain::chat_command::OutputFormat;
use imdeck::domain::cli_output::render_output;
use serde_json::{Value, json};

fn incident_response() -> Value {
    json!({
        "incidentRecord": {
            "arn": "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE",
            "title": "Café down",
            "status": "OPEN",
            "impact": 1,
            "creationTime": 1680294600.123,
            "lastModifiedTime": 1680294600.0,
            "notificationTargets": [],
            "chatChannel": {"empty": {}}
        }
    })
}

#[test]
fn json_is_indented_like_python_with_response_order_and_floats() {
    let printed = render_output(&incident_response(), None, OutputFormat::Json);
    let expected = r#"{
    "incidentRecord": {
        "arn": "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE",
        "title": "Café down",
        "status": "OPEN",
        "impact": 1,
        "creationTime": 1680294600.123,
        "lastModifiedTime": 1680294600.0,
        "notificationTargets": [],
        "chatChannel": {
            "empty": {}
        }
    }
}
"#;
    assert_eq!(printed.as_deref(), Ok(expected));
}

#[test]
fn operations_without_output_print_nothing() {
    assert_eq!(
        render_output(&Value::Null, None, OutputFormat::Json).as_deref(),
        Ok("")
    );
    assert_eq!(
        render_output(&json!({}), None, OutputFormat::Json).as_deref(),
        Ok("")
    );
    assert_eq!(
        render_output(&Value::Null, None, OutputFormat::Text).as_deref(),
        Ok("")
    );
}

#[test]
fn query_results_print_like_the_cli() {
    let response = incident_response();
    let title = render_output(&response, Some("incidentRecord.title"), OutputFormat::Json);
    assert_eq!(title.as_deref(), Ok("\"Café down\"\n"));
    let text = render_output(&response, Some("incidentRecord.title"), OutputFormat::Text);
    assert_eq!(text.as_deref(), Ok("Café down\n"));
    let picked = render_output(
        &response,
        Some("incidentRecord.{S: status, I: impact}"),
        OutputFormat::Json,
    );
    assert_eq!(
        picked.as_deref(),
        Ok("{\n    \"S\": \"OPEN\",\n    \"I\": 1\n}\n")
    );
    let missing = render_output(&Value::Null, Some("eventId"), OutputFormat::Json);
    assert_eq!(missing.as_deref(), Ok("null\n"));
    assert!(render_output(&response, Some("incidentRecord.["), OutputFormat::Json).is_err());
}

#[test]
fn text_output_is_tab_separated() {
    let response = json!({
        "responsePlanSummaries": [
            {"arn": "arn:plan/a", "name": "a", "displayName": "Plan A"},
            {"arn": "arn:plan/b", "name": "b"}
        ],
        "nextToken": "tok"
    });
    assert_eq!(
        render_output(&response, None, OutputFormat::Text).as_deref(),
        Ok(
            "tok\nRESPONSEPLANSUMMARIES\tarn:plan/a\tPlan A\ta\nRESPONSEPLANSUMMARIES\tarn:plan/b\t\tb\n"
        )
    );
    assert_eq!(
        render_output(
            &response,
            Some("responsePlanSummaries[].name"),
            OutputFormat::Text
        )
        .as_deref(),
        Ok("a\tb\n")
    );
}
