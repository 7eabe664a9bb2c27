//! Times and ages as the panes word them, from the state's `now` (never the system clock), in UTC or local time.

use chrono::{DateTime, Local, Utc};

use crate::domain::model::Timestamp;

/// `2023-03-31 20:30:00` (or `03-31 20:30:00` when `short`), in UTC or the local zone.
pub fn time(at: Timestamp, utc: bool, short: bool) -> String {
    let Some(t) = DateTime::<Utc>::from_timestamp_millis(at.millis()) else {
        return at.millis().to_string();
    };
    let format = if short {
        "%m-%d %H:%M:%S"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    if utc {
        t.format(format).to_string()
    } else {
        t.with_timezone(&Local).format(format).to_string()
    }
}

/// The calendar year of `at` in the zone shown, to decide whether dates need it.
pub fn year(at: Timestamp, utc: bool) -> Option<i32> {
    use chrono::Datelike;
    let t = DateTime::<Utc>::from_timestamp_millis(at.millis())?;
    Some(if utc {
        t.year()
    } else {
        t.with_timezone(&Local).year()
    })
}

/// `2024-03-14 09:12:00` when `with_year`, else `03-14 09:12:00`: a date carries its year unless every date on
/// screen is in the current year.
pub fn stamp(at: Timestamp, utc: bool, with_year: bool) -> String {
    time(at, utc, !with_year)
}

/// The zone times are shown in: `UTC`, or `local UTC+02:00` (the offset at `now`; chrono knows no zone names).
pub fn zone_label(now: Timestamp, utc: bool) -> String {
    if utc {
        return "UTC".to_string();
    }
    match DateTime::<Utc>::from_timestamp_millis(now.millis()) {
        Some(t) => format!("local UTC{}", t.with_timezone(&Local).format("%:z")),
        None => "local".to_string(),
    }
}

/// `45s`, `12m`, `3h`, `2d`: the time from `from` to `now`.
pub fn age(from: Timestamp, now: Timestamp) -> String {
    let secs = ((now.millis() - from.millis()) / 1000).max(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_times() {
        let t = Timestamp::from_secs(1_680_294_600);
        assert_eq!(time(t, true, false), "2023-03-31 20:30:00");
        assert_eq!(time(t, true, true), "03-31 20:30:00");
        assert_eq!(age(t, Timestamp::from_secs(1_680_294_600 + 59)), "59s");
        assert_eq!(age(t, Timestamp::from_secs(1_680_294_600 + 7_300)), "2h");
        assert_eq!(age(t, t), "0s");
        assert_eq!(year(t, true), Some(2023));
        assert_eq!(stamp(t, true, true), "2023-03-31 20:30:00");
        assert_eq!(stamp(t, true, false), "03-31 20:30:00");
        assert_eq!(zone_label(t, true), "UTC");
        assert!(zone_label(t, false).starts_with("local UTC"));
    }
}
