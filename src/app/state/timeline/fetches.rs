//! GetTimelineEvent requests waiting and in flight: at most eight at once, the most recently wanted sent first.

use std::collections::VecDeque;

/// GetTimelineEvent requests sent at once, as `export` does: the Incident Manager quota is shared with
/// production tooling, and a fast scroll through a long timeline must not fire a request per row.
pub const MAX_FETCHES_IN_FLIGHT: usize = 8;
/// Ids waiting past this are dropped (oldest wish first); they are asked again if they come back into view.
pub const MAX_WAITING: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct FetchQueue {
    /// Front is sent next.
    waiting: VecDeque<String>,
    /// Requests sent and not yet answered. Kept across a change of incident, because those answers still come.
    in_flight: usize,
}

/// What to do after queueing: the ids to send now, and the ids dropped from the queue (no longer asked for).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dispatch {
    pub send: Vec<String>,
    pub dropped: Vec<String>,
}

impl FetchQueue {
    /// Queues `ids` ahead of older wishes (what is on screen now matters more than what was), then sends as
    /// many as the limit allows.
    pub fn push(&mut self, ids: Vec<String>) -> Dispatch {
        for id in ids.into_iter().rev() {
            self.waiting.retain(|w| *w != id);
            self.waiting.push_front(id);
        }
        let mut dropped = Vec::new();
        while self.waiting.len() > MAX_WAITING {
            if let Some(id) = self.waiting.pop_back() {
                dropped.push(id);
            }
        }
        Dispatch {
            send: self.release(),
            dropped,
        }
    }

    /// One answer came back (for any incident): a slot is free again.
    pub fn answered(&mut self) -> Vec<String> {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.release()
    }

    /// Forgets what waits (another incident is shown); requests already sent stay counted.
    pub fn clear_waiting(&mut self) {
        self.waiting.clear();
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    fn release(&mut self) -> Vec<String> {
        let mut send = Vec::new();
        while self.in_flight < MAX_FETCHES_IN_FLIGHT {
            let Some(id) = self.waiting.pop_front() else {
                break;
            };
            self.in_flight += 1;
            send.push(id);
        }
        send
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(range: std::ops::Range<usize>) -> Vec<String> {
        range.map(|i| format!("e{i}")).collect()
    }

    #[test]
    fn never_more_than_eight_in_flight() {
        let mut q = FetchQueue::default();
        let first = q.push(ids(0..20));
        assert_eq!(first.send, ids(0..8));
        assert_eq!(q.in_flight(), 8);
        assert!(
            q.push(ids(20..22)).send.is_empty(),
            "full: nothing more sent"
        );
        // The newest wish goes first when a slot frees.
        assert_eq!(q.answered(), vec!["e20".to_string()]);
        assert_eq!(q.in_flight(), 8);
        for _ in 0..30 {
            q.answered();
        }
        assert_eq!(q.in_flight(), 0);
        assert_eq!(q.waiting(), 0);
    }

    #[test]
    fn the_queue_is_bounded_and_says_what_it_dropped() {
        let mut q = FetchQueue::default();
        q.push(ids(0..8));
        let d = q.push(ids(100..200));
        assert_eq!(d.dropped.len(), 100 - MAX_WAITING);
        assert_eq!(d.dropped.last().map(String::as_str), Some("e164"));
        assert_eq!(q.waiting(), MAX_WAITING);
    }

    #[test]
    fn answers_after_a_change_of_incident_still_free_slots() {
        let mut q = FetchQueue::default();
        q.push(ids(0..12));
        q.clear_waiting();
        assert_eq!(q.in_flight(), 8);
        assert_eq!(q.push(ids(50..52)).send, Vec::<String>::new());
        assert_eq!(q.answered(), vec!["e50".to_string()]);
    }
}
