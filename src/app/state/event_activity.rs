//! Timeline activity on incidents other than the highlighted one: each incidents poll reads the newest event of a few open incidents in turn, and a newest event that changed since the last look marks the row until the user highlights it.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::cloud_error::CloudError;
use crate::domain::model::{EventSummary, Timestamp};

/// At most this many incidents are checked per incidents poll, one ListTimelineEvents (maxResults 1) each; the
/// others wait for the next polls, taken in turn (ARN order, wrapping). So a poll costs at most
/// `2 + min(CHECKS_PER_POLL, open incidents − the highlighted one)` requests for ≤100 open incidents (the two
/// ListIncidentRecords of the list itself, then these), and an account with 500 open incidents costs 10 more a
/// poll, never 500: with the default 15 s poll, every open incident is looked at within
/// `ceil(open / 10) × 15 s` (40 a minute). The runner keeps at most 4 of them in flight
/// (`cloud::latest_events::LATEST_EVENT_FAN_OUT`).
pub const CHECKS_PER_POLL: usize = 10;

/// A check still unanswered after this many polls is given up (its answer, should it come, is dropped) and a new
/// one starts: a lost answer must not stop the marks for good.
const POLLS_BEFORE_GIVING_UP: u32 = 4;

/// What tells one newest event from another: a new event (a later eventTime, or another id) or an edit of the
/// newest one (a later eventUpdatedTime) changes it. An edit of an older event, or an event written with an
/// earlier eventTime than the newest, does not reach the top of the list and so is not seen (ListTimelineEvents
/// sorts by eventTime only).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Newest {
    event_time: Timestamp,
    event_updated_time: Timestamp,
    event_id: String,
}

impl Newest {
    fn of(event: &EventSummary) -> Self {
        Self {
            event_time: event.event_time,
            event_updated_time: event.event_updated_time,
            event_id: event.event_id.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventActivity {
    /// Matches a check's answer to the check; an answer of an older check is dropped, so an old newest event never
    /// replaces a newer one (which would mark the row twice for one event).
    pub generation: u64,
    /// One check at a time: a poll that comes while one runs asks for none (the list is checked in turn anyway).
    in_flight: bool,
    /// Polls that came while the running check was unanswered.
    polls_waited: u32,
    /// ARN → its newest event at the last successful check (`None`: the timeline was empty). Absent: never read,
    /// or forgotten while highlighted; the next read of it is a first observation, which never marks.
    newest: BTreeMap<String, Option<Newest>>,
    /// Rows with a new or edited newest event since the user last highlighted them.
    marked: BTreeSet<String>,
    /// Incidents whose last check failed (throttled, access denied): nothing is concluded about them, neither a
    /// mark nor "nothing new"; their last good reading stays the one the next good reading is compared with.
    unknown: BTreeSet<String>,
    /// The last ARN of the previous check: the next one starts after it.
    last_checked: Option<String>,
}

impl EventActivity {
    /// The incidents to check now, at most `CHECKS_PER_POLL` of `open` (the open incidents other than the
    /// highlighted one), starting after the last one checked; `None` while a check runs or when there is none.
    pub fn next_check(&mut self, open: &[&str]) -> Option<(u64, Vec<String>)> {
        if self.in_flight {
            self.polls_waited += 1;
            if self.polls_waited < POLLS_BEFORE_GIVING_UP {
                return None;
            }
        }
        self.polls_waited = 0;
        let mut open: Vec<&str> = open.to_vec();
        open.sort_unstable();
        open.dedup();
        if open.is_empty() {
            return None;
        }
        let start = match &self.last_checked {
            Some(last) => open.partition_point(|arn| *arn <= last.as_str()),
            None => 0,
        };
        let batch: Vec<String> = open
            .iter()
            .cycle()
            .skip(start)
            .take(CHECKS_PER_POLL.min(open.len()))
            .map(|arn| arn.to_string())
            .collect();
        self.last_checked = batch.last().cloned();
        self.generation += 1;
        self.in_flight = true;
        Some((self.generation, batch))
    }

    /// Takes a check's answers. `highlighted` is the incident the user looks at now: its timeline is on screen,
    /// so its answer is not kept (it is read afresh once the user leaves it).
    pub fn checked(
        &mut self,
        generation: u64,
        answers: &[(String, Result<Option<EventSummary>, CloudError>)],
        highlighted: Option<&str>,
    ) {
        if generation != self.generation {
            return;
        }
        self.in_flight = false;
        for (arn, answer) in answers {
            if Some(arn.as_str()) == highlighted {
                continue;
            }
            match answer {
                Ok(event) => {
                    self.unknown.remove(arn);
                    let now = event.as_ref().map(Newest::of);
                    let before = self.newest.insert(arn.clone(), now.clone());
                    if before.is_some_and(|before| before != now) {
                        self.marked.insert(arn.clone());
                    }
                }
                Err(_) => {
                    self.unknown.insert(arn.clone());
                }
            }
        }
    }

    /// After a list read: forgets incidents no longer open (a reopened one starts afresh) and marks of incidents
    /// gone from the list.
    pub fn keep_only(&mut self, open: &BTreeSet<&str>, listed: &BTreeSet<&str>) {
        self.newest.retain(|arn, _| open.contains(arn.as_str()));
        self.unknown.retain(|arn| open.contains(arn.as_str()));
        self.marked.retain(|arn| listed.contains(arn.as_str()));
    }

    /// The user highlights the incident: its timeline shows what happened, so the mark goes, and what it had seen
    /// is forgotten (the user sees newer events there; the next check after they leave starts afresh).
    pub fn seen(&mut self, arn: &str) {
        self.marked.remove(arn);
        self.newest.remove(arn);
        self.unknown.remove(arn);
    }

    /// Whether the row carries the new-event mark.
    pub fn is_marked(&self, arn: &str) -> bool {
        self.marked.contains(arn)
    }

    /// How many rows carry it.
    pub fn marked_count(&self) -> usize {
        self.marked.len()
    }

    /// Whether the incident's last check failed, so nothing is known of its events.
    pub fn is_unknown(&self, arn: &str) -> bool {
        self.unknown.contains(arn)
    }

    /// Whether a check is running.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, time: i64, updated: i64) -> EventSummary {
        EventSummary {
            incident_record_arn: "a".into(),
            event_id: id.into(),
            event_time: Timestamp::from_secs(time),
            event_updated_time: Timestamp::from_secs(updated),
            event_type: "Custom Event".into(),
            event_references: Vec::new(),
        }
    }

    fn arns(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("arn-{i:03}")).collect()
    }

    #[test]
    fn checks_go_round_robin_at_most_checks_per_poll_and_one_at_a_time() {
        let all = arns(25);
        let open: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut activity = EventActivity::default();
        let (g1, first) = activity.next_check(&open).expect("a check");
        assert_eq!(first, all[..10].to_vec());
        assert!(activity.next_check(&open).is_none(), "one check at a time");
        activity.checked(g1, &[], None);
        assert!(!activity.in_flight());
        let (g2, second) = activity.next_check(&open).expect("a check");
        assert_eq!(second, all[10..20].to_vec());
        activity.checked(g2, &[], None);
        let (_, third) = activity.next_check(&open).expect("a check");
        let mut wrapped = all[20..].to_vec();
        wrapped.extend_from_slice(&all[..5]);
        assert_eq!(third, wrapped, "wraps around");
    }

    #[test]
    fn an_unanswered_check_is_given_up_after_a_few_polls() {
        let mut activity = EventActivity::default();
        let (lost, _) = activity.next_check(&["a"]).expect("a check");
        for _ in 1..POLLS_BEFORE_GIVING_UP {
            assert!(activity.next_check(&["a"]).is_none());
        }
        let (g, _) = activity.next_check(&["a"]).expect("a new check");
        assert_ne!(g, lost);
        activity.checked(lost, &[("a".into(), Ok(None))], None);
        assert!(
            activity.in_flight(),
            "the lost check's late answer is dropped"
        );
    }

    #[test]
    fn fewer_than_a_batch_are_each_checked_once() {
        let all = arns(3);
        let open: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut activity = EventActivity::default();
        let (_, batch) = activity.next_check(&open).expect("a check");
        assert_eq!(batch, all);
        assert!(EventActivity::default().next_check(&[]).is_none());
    }

    #[test]
    fn a_changed_newest_event_marks_only_after_a_first_observation() {
        let mut activity = EventActivity::default();
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 10))))], None);
        assert!(
            !activity.is_marked("a"),
            "the first observation never marks"
        );
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 10))))], None);
        assert!(!activity.is_marked("a"), "the same event is nothing new");
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 20))))], None);
        assert!(activity.is_marked("a"), "an edit of the newest event marks");
        activity.seen("a");
        assert!(!activity.is_marked("a"));
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e2", 30, 30))))], None);
        assert!(
            !activity.is_marked("a"),
            "after highlighting, the next read starts afresh"
        );
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e3", 40, 40))))], None);
        assert!(activity.is_marked("a"));
    }

    #[test]
    fn an_empty_timeline_then_a_first_event_marks() {
        let mut activity = EventActivity::default();
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(None))], None);
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 10))))], None);
        assert!(activity.is_marked("a"));
    }

    #[test]
    fn a_failed_check_is_unknown_never_seen_and_a_stale_answer_is_dropped() {
        let mut activity = EventActivity::default();
        let throttled = || {
            Err(CloudError::Throttled {
                code: "ThrottlingException".into(),
                message: "Rate exceeded".into(),
            })
        };
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), throttled())], None);
        assert!(activity.is_unknown("a") && !activity.is_marked("a"));
        // A failed first read is no baseline: the next good read is the first observation.
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 10))))], None);
        assert!(!activity.is_unknown("a") && !activity.is_marked("a"));
        // A failure between two reads keeps the last good one: the newer event still marks after it.
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), throttled())], None);
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e2", 20, 20))))], None);
        assert!(activity.is_marked("a"));
        // An answer to an older check is dropped.
        activity.seen("a");
        activity.checked(g - 1, &[("a".into(), Ok(Some(event("e9", 90, 90))))], None);
        assert!(!activity.is_marked("a"));
    }

    #[test]
    fn the_highlighted_incident_is_never_marked() {
        let mut activity = EventActivity::default();
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e1", 10, 10))))], None);
        let (g, _) = activity.next_check(&["a"]).expect("check");
        activity.checked(g, &[("a".into(), Ok(Some(event("e2", 20, 20))))], Some("a"));
        assert!(!activity.is_marked("a"));
    }
}
