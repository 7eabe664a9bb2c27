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
    }
}
