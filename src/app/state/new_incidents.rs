//! Incidents opened or changed since the last look: found by comparing each list with the one before; an arrival is marked new until selected or a few minutes pass and announced once, a change elsewhere is marked until selected.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::model::{IncidentRecordSummary, IncidentStatus, Timestamp};

/// How long a row keeps its "new" mark when nobody selects it.
pub const NEW_FOR_MS: i64 = 5 * 60_000;
/// How long the alert stays up when nobody selects the incident it names.
pub const ALERT_FOR_MS: i64 = 2 * 60_000;

/// The alert for the most severe incident of one reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIncidentAlert {
    pub arn: String,
    pub title: String,
    pub impact: i32,
    /// Other incidents that opened in the same reload.
    pub others: usize,
    pub until: Timestamp,
}

/// What a list read shows of an incident's activity: a change of any of it is someone acting on it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    status: IncidentStatus,
    impact: i32,
    title: String,
    resolved_time: Option<Timestamp>,
}

impl Seen {
    fn of(incident: &IncidentRecordSummary) -> Self {
        Self {
            status: incident.status,
            impact: incident.impact,
            title: incident.title.clone(),
            resolved_time: incident.resolved_time,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewIncidents {
    /// The last list read, by ARN, with what a change shows in it; `None` until the first, which announces
    /// nothing (all of it is old news).
    known: Option<BTreeMap<String, Seen>>,
    /// Incidents other than the selected one whose status, impact or title changed since an earlier list (someone
    /// works on them elsewhere): marked until the user selects them.
    active: BTreeSet<String>,
    /// ARN → when its "new" mark ends.
    marked: BTreeMap<String, Timestamp>,
    alert: Option<NewIncidentAlert>,
}

impl NewIncidents {
    /// Takes a freshly read list; `true` when it holds an open incident the previous list did not, which is
    /// then marked new and announced. The incident the user already has selected (one they just started
    /// from imdeck) is not announced to them.
    pub fn observe(
        &mut self,
        items: &[IncidentRecordSummary],
        selected: Option<&str>,
        now: Timestamp,
    ) -> bool {
        self.marked.retain(|_, until| *until > now);
        let current: BTreeMap<String, Seen> =
            items.iter().map(|i| (i.arn.clone(), Seen::of(i))).collect();
        let Some(known) = self.known.replace(current) else {
            return false;
        };
        for incident in items {
            let changed = known
                .get(&incident.arn)
                .is_some_and(|before| *before != Seen::of(incident));
            if changed && Some(incident.arn.as_str()) != selected {
                self.active.insert(incident.arn.clone());
            }
        }
        // An incident gone from the list (deleted) has no row to mark.
        let present: BTreeSet<&str> = items.iter().map(|i| i.arn.as_str()).collect();
        self.active.retain(|arn| present.contains(arn.as_str()));
        let mut arrived: Vec<&IncidentRecordSummary> = items
            .iter()
            .filter(|i| i.status == IncidentStatus::Open)
            .filter(|i| !known.contains_key(&i.arn) && Some(i.arn.as_str()) != selected)
            .collect();
        if arrived.is_empty() {
            return false;
        }
        arrived.sort_by(|a, b| {
            a.impact
                .cmp(&b.impact)
                .then(b.creation_time.cmp(&a.creation_time))
        });
        for incident in &arrived {
            self.marked
                .insert(incident.arn.clone(), Timestamp(now.millis() + NEW_FOR_MS));
        }
        let first = arrived[0];
        self.alert = Some(NewIncidentAlert {
            arn: first.arn.clone(),
            title: first.title.clone(),
            impact: first.impact,
            others: arrived.len() - 1,
            until: Timestamp(now.millis() + ALERT_FOR_MS),
        });
        true
    }

    /// Whether the row carries the "new" mark at `now`.
    pub fn is_new(&self, arn: &str, now: Timestamp) -> bool {
        self.marked.get(arn).is_some_and(|until| *until > now)
    }

    /// Whether the row carries the activity mark: it changed elsewhere since the user last selected it.
    pub fn is_active(&self, arn: &str) -> bool {
        self.active.contains(arn)
    }

    /// How many rows carry the activity mark.
    pub fn active_count(&self) -> usize {
        self.active.len()
    }

    /// How many rows carry the mark at `now`.
    pub fn count(&self, now: Timestamp) -> usize {
        self.marked.values().filter(|until| **until > now).count()
    }

    /// The user selected the incident: it is no longer news.
    pub fn seen(&mut self, arn: &str) {
        self.marked.remove(arn);
        self.active.remove(arn);
        if self.alert.as_ref().is_some_and(|a| a.arn == arn) {
            self.alert = None;
        }
    }

    /// The alert to show at `now`, if one is up.
    pub fn alert(&self, now: Timestamp) -> Option<&NewIncidentAlert> {
        self.alert.as_ref().filter(|a| a.until > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::IncidentRecordSource;

    fn incident(
        id: &str,
        impact: i32,
        status: IncidentStatus,
        created: i64,
    ) -> IncidentRecordSummary {
        IncidentRecordSummary {
            arn: format!("arn:aws:ssm-incidents::111122223333:incident-record/plan/{id}"),
            title: format!("incident {id}"),
            status,
            impact,
            creation_time: Timestamp::from_secs(created),
            resolved_time: None,
            incident_record_source: IncidentRecordSource {
                created_by: "me".into(),
                source: "aws.ssm-incidents.custom".into(),
                invoked_by: None,
                resource_arn: None,
            },
        }
    }

    #[test]
    fn the_first_list_is_not_news_the_next_arrival_is() {
        let now = Timestamp::from_secs(1_000);
        let mut news = NewIncidents::default();
        let a = incident("a", 3, IncidentStatus::Open, 900);
        assert!(!news.observe(std::slice::from_ref(&a), None, now));
        assert!(!news.is_new(&a.arn, now));
        let b = incident("b", 2, IncidentStatus::Open, 990);
        let c = incident("c", 1, IncidentStatus::Open, 980);
        assert!(news.observe(&[a.clone(), b.clone(), c.clone()], None, now));
        assert!(news.is_new(&b.arn, now) && news.is_new(&c.arn, now));
        assert!(!news.is_new(&a.arn, now));
        let alert = news.alert(now).expect("an alert");
        assert_eq!(
            (alert.arn.as_str(), alert.others),
            (c.arn.as_str(), 1),
            "the most severe is named"
        );
        // The same list again is not news again.
        assert!(!news.observe(&[a, b.clone(), c.clone()], None, now));
        news.seen(&c.arn);
        assert!(!news.is_new(&c.arn, now) && news.alert(now).is_none());
        assert!(news.is_new(&b.arn, now));
        let later = Timestamp(now.millis() + NEW_FOR_MS);
        assert!(
            !news.is_new(&b.arn, later),
            "the mark ends after a few minutes"
        );
        assert_eq!(news.count(later), 0);
    }

    #[test]
    fn a_change_elsewhere_marks_the_row_until_selected_and_the_selected_row_is_never_marked() {
        let now = Timestamp::from_secs(1_000);
        let mut news = NewIncidents::default();
        let a = incident("a", 3, IncidentStatus::Open, 900);
        let b = incident("b", 3, IncidentStatus::Open, 900);
        news.observe(&[a.clone(), b.clone()], Some(&a.arn), now);
        news.observe(&[a.clone(), b.clone()], Some(&a.arn), now);
        assert_eq!(news.active_count(), 0, "an unchanged list is no activity");
        let mut a2 = a.clone();
        a2.impact = 1;
        let mut b2 = b.clone();
        b2.status = IncidentStatus::Resolved;
        assert!(
            !news.observe(&[a2.clone(), b2.clone()], Some(&a.arn), now),
            "a change rings no bell"
        );
        assert!(
            !news.is_active(&a.arn),
            "the selected incident's change is the user's own"
        );
        assert!(news.is_active(&b.arn));
        news.seen(&b.arn);
        assert!(!news.is_active(&b.arn));
        let mut b3 = b2.clone();
        b3.title = "renamed".into();
        news.observe(&[a2.clone(), b3], Some(&a.arn), now);
        assert!(news.is_active(&b.arn));
        news.observe(&[a2], Some(&a.arn), now);
        assert_eq!(news.active_count(), 0, "a deleted incident leaves no mark");
    }

    #[test]
    fn resolved_arrivals_and_the_selected_one_are_not_announced() {
        let now = Timestamp::from_secs(1_000);
        let mut news = NewIncidents::default();
        news.observe(&[], None, now);
        let done = incident("done", 1, IncidentStatus::Resolved, 900);
        let mine = incident("mine", 1, IncidentStatus::Open, 990);
        assert!(!news.observe(&[done, mine.clone()], Some(&mine.arn), now));
        assert!(news.alert(now).is_none());
    }
}
