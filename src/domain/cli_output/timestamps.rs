//! `cli_timestamp_format`: timestamps in command output as the profile asks — ISO 8601 (AWS CLI v2's default) or as the wire carried them.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

/// How command output shows timestamps, as the AWS config's `cli_timestamp_format` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `iso8601` (and the default when unset, as in CLI v2): Python's `isoformat()` of the time in the local
    /// zone, which the caller gives as an offset from UTC (domain code reads no clock or zone).
    Iso8601 { utc_offset_secs: i32 },
    /// `wire` (v2) or `none` (v1): the epoch seconds the response carried.
    Wire,
}

impl TimestampFormat {
    /// The setting's value from the profile; unset is ISO 8601 as in CLI v2. An unknown value is refused as
    /// the CLI refuses it.
    pub fn from_setting(setting: Option<&str>, utc_offset_secs: i32) -> Result<Self, String> {
        match setting.map(str::trim) {
            None | Some("iso8601") => Ok(TimestampFormat::Iso8601 { utc_offset_secs }),
            Some("wire" | "none") => Ok(TimestampFormat::Wire),
            Some(other) => Err(format!(
                "unknown cli_timestamp_format value `{other}` in the AWS config; use iso8601, wire or none"
            )),
        }
    }
}

/// The response with every timestamp shown in `format`. Incident Manager's timestamp members are exactly
/// those named `…Time` (creationTime, eventTime, lastModifiedTime, resolvedTime, eventUpdatedTime), all
/// numbers on the wire.
pub fn apply(value: &Value, format: TimestampFormat) -> Value {
    let TimestampFormat::Iso8601 { utc_offset_secs } = format else {
        return value.clone();
    };
    convert(value, utc_offset_secs, false)
}

fn convert(value: &Value, offset: i32, is_time: bool) -> Value {
    match value {
        Value::Number(n) if is_time => n
            .as_f64()
            .and_then(|secs| iso8601(secs, offset))
            .map_or_else(|| value.clone(), Value::String),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), convert(v, offset, k.ends_with("Time"))))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| convert(v, offset, is_time)).collect())
        }
        other => other.clone(),
    }
}

/// `2024-03-14T10:08:30+00:00`, or `2024-03-14T10:08:30.250000+00:00` with a fraction, as Python prints it.
fn iso8601(secs: f64, offset: i32) -> Option<String> {
    let zone = FixedOffset::east_opt(offset)?;
    let micros = (secs * 1_000_000.0).round() as i64;
    let time = DateTime::from_timestamp_micros(micros)?.with_timezone(&zone);
    let pattern = if micros % 1_000_000 == 0 {
        "%Y-%m-%dT%H:%M:%S%:z"
    } else {
        "%Y-%m-%dT%H:%M:%S%.6f%:z"
    };
    Some(time.format(pattern).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn time_members_become_python_isoformat_and_wire_leaves_them() {
        let response = json!({"incidentRecord": {"creationTime": 1710410910, "impact": 2,
            "resolvedTime": 1710410910.25}, "eventSummaries": [{"eventTime": 0}]});
        let iso = apply(&response, TimestampFormat::Iso8601 { utc_offset_secs: 0 });
        assert_eq!(
            iso["incidentRecord"]["creationTime"],
            "2024-03-14T10:08:30+00:00"
        );
        assert_eq!(
            iso["incidentRecord"]["resolvedTime"],
            "2024-03-14T10:08:30.250000+00:00"
        );
        assert_eq!(iso["incidentRecord"]["impact"], 2);
        assert_eq!(
            iso["eventSummaries"][0]["eventTime"],
            "1970-01-01T00:00:00+00:00"
        );
        let east = apply(
            &response,
            TimestampFormat::Iso8601 {
                utc_offset_secs: 3600,
            },
        );
        assert_eq!(
            east["incidentRecord"]["creationTime"],
            "2024-03-14T11:08:30+01:00"
        );
        assert_eq!(apply(&response, TimestampFormat::Wire), response);
        assert_eq!(
            TimestampFormat::from_setting(None, 0),
            Ok(TimestampFormat::Iso8601 { utc_offset_secs: 0 })
        );
        assert_eq!(
            TimestampFormat::from_setting(Some("none"), 0),
            Ok(TimestampFormat::Wire)
        );
        assert_eq!(
            TimestampFormat::from_setting(Some("wire"), 0),
            Ok(TimestampFormat::Wire)
        );
        assert!(TimestampFormat::from_setting(Some("epoch"), 0).is_err());
    }
}
