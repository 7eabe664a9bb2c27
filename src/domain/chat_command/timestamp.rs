//! Timestamps as the AWS CLI reads them: ISO 8601 (no zone means UTC) or epoch seconds, to whole seconds.

// The CLI sends whole epoch seconds and drops any fraction (`2023-03-31T20:30:00.999` → `1680294600`), so
// the parser does the same: the same line then stores the same instant whichever client ran it.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::domain::model::Timestamp;

/// Why a word is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimestampError {
    /// A date and a time separated by a space, e.g. `2023-03-31 20:30:00`; `fixed` joins them with `T`.
    SpaceSeparated { fixed: String },
    /// Anything else, with the reason.
    Invalid(String),
}

impl TimestampError {
    pub fn message(&self, word: &str) -> String {
        match self {
            TimestampError::SpaceSeparated { fixed } => format!(
                "timestamp {word} separates the date and the time with a space; write {fixed}"
            ),
            TimestampError::Invalid(reason) => format!(
                "{word} is not a timestamp ({reason}); use ISO 8601 like 2023-03-31T20:30:00Z or epoch seconds like 1680294600"
            ),
        }
    }
}

/// Reads an ISO 8601 timestamp or epoch seconds.
pub fn parse_timestamp(text: &str) -> Result<Timestamp, TimestampError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TimestampError::Invalid("it is empty".to_string()));
    }
    if let Some(secs) = parse_epoch(text) {
        return Ok(Timestamp::from_secs(secs));
    }
    if let Some((date, time)) = text.split_once(' ') {
        let fixed = format!(
            "{}T{}",
            date.trim(),
            time.trim().trim_start_matches(['T', 't'])
        );
        if parse_iso(&fixed).is_ok() {
            return Err(TimestampError::SpaceSeparated { fixed });
        }
    }
    parse_iso(text)
}

/// Whether `text` is a bare date (`2023-03-31`), the first half of a date and time split in two words.
pub fn is_date_only(text: &str) -> bool {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// Whether `text` looks like the time half of a split timestamp: `T20:30:00.000`, `20:30`, `20:30:00Z`.
pub fn is_time_part(text: &str) -> bool {
    let time = text.strip_prefix(['T', 't']).unwrap_or(text);
    let date_and_time = format!("2000-01-01T{time}");
    parse_iso(&date_and_time).is_ok()
}

fn parse_epoch(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let secs: i64 = whole.parse().ok()?;
    // Dropping the fraction moves a negative instant towards the past, as Python's time tuple does.
    let has_fraction = fraction.chars().any(|c| c != '0');
    Some(if secs < 0 && has_fraction {
        secs - 1
    } else {
        secs
    })
}

fn parse_iso(text: &str) -> Result<Timestamp, TimestampError> {
    let (local, offset) = split_zone(text)?;
    let naive = parse_naive(local).ok_or_else(|| {
        TimestampError::Invalid("expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]]".to_string())
    })?;
    let instant = offset
        .from_local_datetime(&naive)
        .single()
        .ok_or_else(|| TimestampError::Invalid("the instant does not exist".to_string()))?;
    Ok(Timestamp::from_secs(instant.timestamp()))
}

/// Splits a trailing `Z`, `±HH:MM`, `±HHMM` or `±HH` off the local part; no zone means UTC.
fn split_zone(text: &str) -> Result<(&str, FixedOffset), TimestampError> {
    let utc = FixedOffset::east_opt(0).ok_or_else(|| TimestampError::Invalid("zone".into()))?;
    if let Some(local) = text.strip_suffix(['Z', 'z']) {
        return Ok((local, utc));
    }
    let Some(t_at) = text.find(['T', 't']) else {
        return Ok((text, utc));
    };
    let Some(sign_at) = text[t_at..].rfind(['+', '-']).map(|i| i + t_at) else {
        return Ok((text, utc));
    };
    let zone = &text[sign_at + 1..];
    let digits: String = zone.chars().filter(|c| *c != ':').collect();
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let valid_shape = match zone.len() {
        2 | 4 => all_digits(zone),
        5 => zone.as_bytes().get(2) == Some(&b':') && all_digits(&digits) && digits.len() == 4,
        _ => false,
    };
    if !valid_shape {
        return Err(TimestampError::Invalid(format!(
            "zone offset {} is not ±HH:MM",
            &text[sign_at..]
        )));
    }
    let hours: i32 = digits[..2].parse().unwrap_or(99);
    let minutes: i32 = digits.get(2..4).map_or(Ok(0), str::parse).unwrap_or(99);
    let seconds = (hours * 60 + minutes) * 60;
    let seconds = if text[sign_at..].starts_with('-') {
        -seconds
    } else {
        seconds
    };
    let offset = FixedOffset::east_opt(seconds)
        .filter(|_| hours <= 23 && minutes <= 59)
        .ok_or_else(|| {
            TimestampError::Invalid(format!("zone offset {} is out of range", &text[sign_at..]))
        })?;
    Ok((&text[..sign_at], offset))
}

fn parse_naive(local: &str) -> Option<NaiveDateTime> {
    if let Ok(date) = NaiveDate::parse_from_str(local, "%Y-%m-%d") {
        return Some(date.and_time(NaiveTime::MIN));
    }
    let normalised = local.replacen('t', "T", 1);
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&normalised, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        parse_timestamp(text)
            .map(|t| t.millis() / 1000)
            .unwrap_or(i64::MIN)
    }

    #[test]
    fn iso_without_zone_is_utc() {
        assert_eq!(secs("2023-03-31T20:30:00.000"), 1_680_294_600);
        assert_eq!(secs("2023-03-31T20:30:00"), 1_680_294_600);
        assert_eq!(secs("2023-03-31T20:30"), 1_680_294_600);
    }

    #[test]
    fn zones_and_offsets() {
        assert_eq!(secs("2023-03-31T20:30:00Z"), 1_680_294_600);
        assert_eq!(secs("2023-03-31T22:30:00+02:00"), 1_680_294_600);
        assert_eq!(secs("2023-03-31T22:30:00+0200"), 1_680_294_600);
        assert_eq!(secs("2023-03-31T18:30:00.000-02"), 1_680_294_600);
    }

    #[test]
    fn fractions_are_dropped_like_the_cli() {
        assert_eq!(secs("2023-03-31T20:30:00.999Z"), 1_680_294_600);
        assert_eq!(secs("1680294600.75"), 1_680_294_600);
    }

    #[test]
    fn epoch_seconds_and_bare_dates() {
        assert_eq!(secs("1680294600"), 1_680_294_600);
        assert_eq!(secs("2024-01-01"), 1_704_067_200);
    }

    #[test]
    fn space_separated_date_and_time_is_refused_with_the_fix() {
        assert_eq!(
            parse_timestamp("2023-03-31 20:30:00"),
            Err(TimestampError::SpaceSeparated {
                fixed: "2023-03-31T20:30:00".to_string()
            })
        );
        assert!(matches!(
            parse_timestamp("2023-03-31 T20:30:00.000"),
            Err(TimestampError::SpaceSeparated { .. })
        ));
    }

    #[test]
    fn nonsense_is_invalid() {
        for text in [
            "yesterday",
            "2023-13-01",
            "2023-03-31T25:00",
            "12:00",
            "2023-03-31T20:30+2:00",
        ] {
            assert!(
                matches!(parse_timestamp(text), Err(TimestampError::Invalid(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn split_halves_are_recognised() {
        assert!(is_date_only("2023-03-31"));
        assert!(!is_date_only("2023-03-31T20:30"));
        assert!(is_time_part("T20:30:00.000"));
        assert!(is_time_part("20:30"));
        assert!(!is_time_part("Event"));
    }
}
