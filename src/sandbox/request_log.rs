//! The request log: one JSON line per request, flushed as it is written so a reader can tail it.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;

/// One logged request.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine<'a> {
    /// RFC 3339, UTC, milliseconds.
    pub time: String,
    pub region: &'a str,
    /// `sns`, `ssm-incidents`, `chatbot`, or `unknown` for a request no service claims.
    pub service: &'a str,
    pub operation: &'a str,
    pub mutating: bool,
    /// The HTTP status sent; 0 when the connection was dropped without a response.
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<&'a str>,
}

#[derive(Debug)]
pub struct RequestLog {
    file: Mutex<File>,
}

impl RequestLog {
    /// Creates (or truncates) the log file.
    pub fn create(path: &Path) -> io::Result<Self> {
        Ok(Self {
            file: Mutex::new(File::create(path)?),
        })
    }

    pub fn write(&self, line: &LogLine<'_>) {
        let Ok(mut text) = serde_json::to_string(line) else {
            return;
        };
        text.push('\n');
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A full disk must not take the sandbox down; the log is a diagnostic.
        if file
            .write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .is_err()
        {
            tracing::warn!("request log write failed");
        }
    }
}
