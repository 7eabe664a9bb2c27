//! A scenario moved in time: every time it holds shifted by one offset, so it reads as live at the sandbox's start.

use serde_json::Value;

use super::super::store::Store;
use crate::domain::model::Timestamp;

/// Moves every time the store holds by `offset_ms`: the replication set's, each incident's creation, change and
/// resolution, each event's time and update time, each finding's times and its deployment's. ARNs and ids stay as they are, and so does every order.
pub fn shift_times(store: &mut Store, offset_ms: i64) {
    let shift = |t: &mut Timestamp| *t = Timestamp(t.millis() + offset_ms);
    if let Some(set) = &mut store.incidents.replication_set {
        shift(&mut set.created_time);
        shift(&mut set.last_modified_time);
        for region in set.region_map.values_mut() {
            shift(&mut region.status_update_date_time);
        }
    }
    for entry in store.incidents.records.values_mut() {
        let record = &mut entry.record;
        shift(&mut record.creation_time);
        shift(&mut record.last_modified_time);
        if let Some(resolved) = &mut record.resolved_time {
            shift(resolved);
        }
        for event in &mut entry.timeline {
            shift(&mut event.event_time);
            shift(&mut event.event_updated_time);
        }
    }
    for finding in store.incidents.findings.values_mut().flatten() {
        shift(&mut finding.creation_time);
        shift(&mut finding.last_modified_time);
        // The deployment's own times sit inside the FindingDetails union, as epoch seconds.
        let deployments = finding.details.iter_mut().filter_map(Value::as_object_mut);
        for deployment in deployments.flat_map(|union| union.values_mut()) {
            for key in ["startTime", "endTime"] {
                let moved = match deployment.get(key) {
                    Some(Value::Number(n)) => n.as_f64().map(|secs| {
                        Timestamp::from_secs_f64(secs + offset_ms as f64 / 1000.0).to_json()
                    }),
                    _ => None,
                };
                if let Some(moved) = moved {
                    deployment[key] = moved;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scenario, from_json, load};
    use crate::domain::model::{IncidentStatus, Timestamp};

    #[test]
    fn findings_and_their_deployments_move_with_the_demo() {
        let written = load(&Scenario::Demo, None).expect("demo");
        let live = load(&Scenario::Demo, Some(Timestamp::from_secs(1_900_000_000))).expect("demo");
        let pairs: Vec<_> = written
            .incidents
            .findings
            .values()
            .flatten()
            .zip(live.incidents.findings.values().flatten())
            .collect();
        assert_eq!(pairs.len(), 2, "the demo seeds two findings");
        let (first, _) = pairs[0];
        let offset = live
            .incidents
            .findings
            .values()
            .flatten()
            .next()
            .map(|f| f.creation_time.millis() - first.creation_time.millis());
        assert!(offset.is_some_and(|o| o > 0));
        let start_of = |f: &crate::sandbox::store::FindingEntry| {
            f.details
                .as_ref()
                .and_then(|d| d.as_object())
                .and_then(|union| union.values().next())
                .and_then(|deployment| deployment["startTime"].as_f64())
                .map(|secs| (secs * 1000.0) as i64)
        };
        for (w, l) in pairs {
            assert_eq!(l.id, w.id);
            assert_eq!(
                Some(l.creation_time.millis() - w.creation_time.millis()),
                offset
            );
            assert_eq!(
                start_of(l).zip(start_of(w)).map(|(l, w)| l - w),
                offset,
                "{}",
                l.id
            );
        }
    }

    #[test]
    fn the_demo_moves_to_the_sandbox_start_keeping_order_and_arns() {
        let written = load(&Scenario::Demo, None).expect("demo");
        let start = Timestamp::from_secs(1_900_000_000);
        let live = load(&Scenario::Demo, Some(start)).expect("demo");
        assert_eq!(
            written.incidents.records.keys().collect::<Vec<_>>(),
            live.incidents.records.keys().collect::<Vec<_>>(),
            "ARNs unchanged"
        );
        let open: Vec<_> = live
            .incidents
            .records
            .values()
            .filter(|e| e.record.status == IncidentStatus::Open)
            .collect();
        assert_eq!(open.len(), 2);
        for entry in &open {
            let age_min = (start.millis() - entry.record.creation_time.millis()) / 60_000;
            assert!(
                (1..=90).contains(&age_min),
                "{} began {age_min} min before the start",
                entry.record.title
            );
        }
        let offset = live.incidents.records.values().next().map(|e| {
            let w = &written.incidents.records[&e.record.arn].record;
            e.record.creation_time.millis() - w.creation_time.millis()
        });
        for (arn, entry) in &live.incidents.records {
            let w = &written.incidents.records[arn];
            let moved = |a: Timestamp, b: Timestamp| Some(a.millis() - b.millis());
            assert_eq!(
                moved(entry.record.creation_time, w.record.creation_time),
                offset
            );
            assert_eq!(
                entry
                    .record
                    .resolved_time
                    .map(|t| t.millis() < start.millis()),
                w.record.resolved_time.map(|_| true),
                "{arn}: resolved in the past"
            );
            for (e, we) in entry.timeline.iter().zip(&w.timeline) {
                assert_eq!(e.event_id, we.event_id);
                assert_eq!(moved(e.event_time, we.event_time), offset);
                assert_eq!(moved(e.event_updated_time, we.event_updated_time), offset);
                assert!(
                    e.event_time.millis() <= start.millis(),
                    "no event in the future"
                );
            }
        }
        // A file scenario without `asOf` keeps its times.
        let plain = from_json(r#"{"account":"111122223333"}"#, "plain.json", Some(start));
        assert!(plain.is_ok());
    }
}
