//! What `imdeck exec` prints for a response: `--query` applied, then the AWS CLI v1's json or text format.

mod json;
mod query;
mod text;
pub mod timestamps;

use serde_json::Value;

use super::chat_command::OutputFormat;

/// Renders a response as the AWS CLI prints it.
///
/// `Value::Null` stands for an operation without output (`{}` after the CLI drops `ResponseMetadata`):
/// it prints nothing, unless a `--query` turns it into something. `json` is Python's
/// `json.dumps(indent=4, ensure_ascii=False)` plus a newline, and nothing for `{}` (the CLI skips an
/// empty response); `text` is the CLI's tab-separated format. The error is a `--query` that fails.
pub fn render_output(
    value: &Value,
    query: Option<&str>,
    format: OutputFormat,
) -> Result<String, String> {
    let empty_response = Value::Object(serde_json::Map::new());
    let response = if value.is_null() {
        &empty_response
    } else {
        value
    };
    let data = match query {
        Some(expression) => query::search(response, expression)?,
        None => response.clone(),
    };
    Ok(match format {
        OutputFormat::Json if data == empty_response => String::new(),
        OutputFormat::Json => format!("{}\n", json::to_python_json(&data)),
        OutputFormat::Text => text::to_cli_text(&data),
    })
}
