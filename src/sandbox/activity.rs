//! The drill: a background task that adds realistic responder events to every open incident.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tokio::task::JoinHandle;

use super::incidents::now;
use super::store::Store;
use crate::domain::model::{EventReference, IncidentStatus, TimelineEvent};

/// How often each open incident gets a new event.
pub const PERIOD: Duration = Duration::from_secs(3);

/// What responders write during an incident, in the order a drill plays them.
const LINES: [(&str, &str); 10] = [
    ("Custom Event", "Paged the database on-call"),
    (
        "Note",
        "Customer support reports checkout failures from EU customers",
    ),
    (
        "Custom Event",
        "Rolled back the 14:02 deploy of the orders service",
    ),
    ("Custom Event", "Error rate back under 1%"),
    ("Note", "Status page updated: investigating elevated errors"),
    (
        "Custom Event",
        "Scaled the orders-db read replicas from 2 to 4",
    ),
    ("Custom Event", "p99 latency recovering: 1.2 s and falling"),
    ("Note", "Next update to stakeholders in 30 minutes"),
    ("Custom Event", "Failover to the standby primary completed"),
    (
        "Note",
        "Suspected trigger: cache eviction storm after config push",
    ),
];

/// Adds one event to each open incident every [`PERIOD`] until the task is aborted.
pub fn spawn(store: Arc<Mutex<Store>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(PERIOD);
        ticker.tick().await;
        let mut turn = 0usize;
        loop {
            ticker.tick().await;
            let mut store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            add_round(&mut store, turn);
            turn = turn.wrapping_add(1);
        }
    })
}

/// One round of the drill: the `turn`-th line (offset per incident so they do not all say the same).
pub fn add_round(store: &mut Store, turn: usize) {
    let at = now();
    for (index, entry) in store.incidents.records.values_mut().enumerate() {
        if entry.record.status != IncidentStatus::Open {
            continue;
        }
        let (event_type, text) = LINES[(turn + index) % LINES.len()];
        let arn = entry.record.arn.clone();
        // A Note shows in the console's notes panel only when it references its incident.
        let event_references = if event_type == "Note" {
            vec![EventReference::Resource(arn.clone())]
        } else {
            Vec::new()
        };
        entry.timeline.push(TimelineEvent {
            incident_record_arn: arn,
            event_id: uuid::Uuid::new_v4().to_string(),
            event_time: at,
            event_updated_time: at,
            event_type: event_type.to_string(),
            event_data: json!(text).to_string(),
            event_references,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::scenario::{Scenario, load};

    #[test]
    fn a_round_touches_only_open_incidents() {
        let mut store = load(&Scenario::Demo, None).expect("demo");
        let before: Vec<(bool, usize)> = store
            .incidents
            .records
            .values()
            .map(|e| (e.record.status == IncidentStatus::Open, e.timeline.len()))
            .collect();
        add_round(&mut store, 0);
        for ((open, len), entry) in before.iter().zip(store.incidents.records.values()) {
            assert_eq!(entry.timeline.len(), len + usize::from(*open));
        }
    }
}
