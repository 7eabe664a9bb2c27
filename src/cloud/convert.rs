//! Conversions between SDK types and domain types, in both directions, one file per direction and service.

pub mod chatbot;
pub mod from_incidents;
pub mod to_requests;

use aws_smithy_types::DateTime;

use crate::domain::model::Timestamp;

/// SDK instants to domain ones, at millisecond precision (the wire carries seconds with at most millis).
/// Rounded, not truncated: the SDK parses `1795673286.455` through an f64 into …454999923 ns.
pub fn timestamp(t: &DateTime) -> Timestamp {
    Timestamp(t.secs() * 1000 + i64::from((t.subsec_nanos() + 500_000) / 1_000_000))
}

pub fn date_time(t: Timestamp) -> DateTime {
    DateTime::from_millis(t.millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_seconds_round_to_the_nearest_millisecond() {
        let parsed = DateTime::from_secs_f64(1_795_673_286.455);
        assert_eq!(timestamp(&parsed), Timestamp(1_795_673_286_455));
    }

    #[test]
    fn instants_round_trip_at_millisecond_precision() {
        for millis in [0, 1_700_000_000_000, 1_700_000_000_500, -1_500] {
            assert_eq!(timestamp(&date_time(Timestamp(millis))), Timestamp(millis));
        }
    }
}
