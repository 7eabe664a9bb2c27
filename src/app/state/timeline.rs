//! The selected incident's timeline: events kept sorted by time, merged page by page, texts cached by (eventId, eventUpdatedTime).

mod fetches;
mod texts;

use std::collections::{HashMap, HashSet};

use crate::domain::model::{EventSummary, Timestamp};

use super::RefreshState;
pub use fetches::{Dispatch, FetchQueue, MAX_FETCHES_IN_FLIGHT, MAX_WAITING};

/// An incremental poll asks for events after the newest seen less this much, so an event written with the
/// same eventTime as the newest (the filter is strictly "after") or a clock a little behind is not missed.
pub const POLL_MARGIN_MS: i64 = 60_000;
/// Every this many polls the whole list is read again, so events written with an older eventTime, edited or
/// deleted by others show; a long timeline stretches it (see `Timeline::reconcile_every`).
pub const RECONCILE_EVERY_POLLS: u32 = 2;
/// ListTimelineEvents' largest page: a whole-list read costs one request per this many events.
pub const EVENTS_PER_PAGE: usize = 100;

/// A whole-list read in progress after the first load: the ids it returned so far, to find deleted events.
#[derive(Debug, Clone, Default)]
pub struct Reconcile {
    pub seen: HashSet<String>,
    /// Events this app added after the read began may be missing from it; they are kept.
    pub started_at: Timestamp,
}

/// How many buckets the density sparkline keeps; the renderer folds them to the width it has.
pub const DENSITY_BUCKETS: usize = 96;
/// At most this many event texts stay cached; past it, texts far from the cursor are dropped, so memory
/// stays bounded however far the user scrolls through a long timeline.
pub const TEXT_CACHE_LIMIT: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub summary: EventSummary,
    /// Set when the event arrived (or changed) after the first load, so it is drawn highlighted until then.
    pub highlight_until: Option<Timestamp>,
    /// True when the event was seen before with an older `eventUpdatedTime`.
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedText {
    pub updated: Timestamp,
    pub data: String,
}

/// Event counts over the time the events span, bucketed once per merge (never per frame).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Density {
    pub start: Timestamp,
    pub end: Timestamp,
    pub buckets: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub arn: Option<String>,
    pub generation: u64,
    /// Sorted by (eventTime, eventId).
    pub events: Vec<EventRow>,
    /// eventId → eventTime, to find an event already held when it comes again.
    times_by_id: HashMap<String, Timestamp>,
    pub texts: HashMap<String, CachedText>,
    /// Texts asked for and not yet answered, by (eventId, eventUpdatedTime).
    pub requested: HashSet<(String, Timestamp)>,
    pub cursor: usize,
    /// The first row drawn; the renderer may move further down to keep the cursor in view.
    pub scroll_top: usize,
    /// The cursor sticks to the newest event as new ones arrive.
    pub follow: bool,
    pub first_load_done: bool,
    pub poll_in_flight: bool,
    pub next_poll_at: Option<Timestamp>,
    /// The current wait after a failed poll; 0 when the last poll succeeded.
    pub backoff_ms: i64,
    pub density: Density,
    pub refresh: RefreshState,
    /// GetTimelineEvent requests waiting and in flight.
    pub fetches: FetchQueue,
    /// Polls finished since the last whole-list read.
    pub polls_since_reconcile: u32,
    /// Set by a manual refresh: the next poll reads the whole list.
    pub reconcile_due: bool,
    pub reconciling: Option<Reconcile>,
    /// Related items' titles by their generated id (`related-item/TYPE/ID`), for the events that reference them.
    pub related_titles: HashMap<String, String>,
}

fn sort_key(e: &EventSummary) -> (Timestamp, &str) {
    (e.event_time, e.event_id.as_str())
}

impl Timeline {
    /// Starts over for another incident (or a full reload of the same one).
    pub fn reset(&mut self, arn: Option<String>) {
        let generation = self.generation + 1;
        let texts = if arn == self.arn {
            std::mem::take(&mut self.texts)
        } else {
            HashMap::new()
        };
        let mut fetches = std::mem::take(&mut self.fetches);
        fetches.clear_waiting();
        *self = Timeline {
            arn,
            generation,
            texts,
            fetches,
            follow: true,
            ..Timeline::default()
        };
    }

    /// Whether the next poll reads the whole list: after a manual refresh, and every few polls. A timeline
    /// longer than a page stretches the interval by its page count, so a 10,000-event incident costs about one
    /// request per poll on average rather than a hundred.
    pub fn reconcile_next(&self) -> bool {
        let pages = self.events.len().div_ceil(EVENTS_PER_PAGE) as u32;
        let every = RECONCILE_EVERY_POLLS.max(pages);
        self.reconcile_due || self.polls_since_reconcile + 1 >= every
    }

    /// A whole-list read begins (after the first load): ids are collected as pages come.
    pub fn begin_reconcile(&mut self, now: Timestamp) {
        self.reconciling = Some(Reconcile {
            seen: HashSet::new(),
            started_at: now,
        });
    }

    /// Notes the ids of a page of a whole-list read.
    pub fn saw(&mut self, page: &[EventSummary]) {
        if let Some(reconcile) = &mut self.reconciling {
            reconcile
                .seen
                .extend(page.iter().map(|e| e.event_id.clone()));
        }
    }

    /// Ends a whole-list read that reached its last page: events it did not return were deleted (except those
    /// this app added after it began). Returns the ids removed.
    pub fn finish_reconcile(&mut self) -> Vec<String> {
        let Some(reconcile) = self.reconciling.take() else {
            return Vec::new();
        };
        self.reconcile_due = false;
        self.polls_since_reconcile = 0;
        let gone: Vec<String> = self
            .events
            .iter()
            .filter(|row| {
                !reconcile.seen.contains(&row.summary.event_id)
                    && row.summary.event_updated_time < reconcile.started_at
            })
            .map(|row| row.summary.event_id.clone())
            .collect();
        for id in &gone {
            self.forget(id);
        }
        gone
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn newest_time(&self) -> Option<Timestamp> {
        self.events.last().map(|e| e.summary.event_time)
    }

    pub fn at_cursor(&self) -> Option<&EventRow> {
        self.events.get(self.cursor)
    }

    /// The cached text of an event, if it is for the event's current version.
    pub fn text_of(&self, row: &EventRow) -> Option<&str> {
        self.texts
            .get(&row.summary.event_id)
            .filter(|t| t.updated == row.summary.event_updated_time)
            .map(|t| t.data.as_str())
    }

    fn position(&self, time: Timestamp, id: &str) -> Result<usize, usize> {
        self.events
            .binary_search_by(|e| sort_key(&e.summary).cmp(&(time, id)))
    }

    /// Merges a page of summaries, in any order. Returns the ids of events that are new or changed.
    /// `highlight_until` marks them for highlighting (none during the first load).
    ///
    /// New events are sorted and merged in one pass (O(n + k log k) per page), so a first load that
    /// arrives newest page first never shifts the whole vector once per event.
    pub fn merge(
        &mut self,
        page: Vec<EventSummary>,
        highlight_until: Option<Timestamp>,
    ) -> Vec<String> {
        let mut fresh = Vec::new();
        let mut added = Vec::new();
        for summary in page {
            let id = summary.event_id.clone();
            let mut changed = false;
            if let Some(&old_time) = self.times_by_id.get(&id) {
                // Not found means it is already among `added` (a repeat within the page).
                let Ok(pos) = self.position(old_time, &id) else {
                    continue;
                };
                if self.events[pos].summary == summary {
                    continue;
                }
                changed = self.events[pos].summary.event_updated_time != summary.event_updated_time;
                if old_time == summary.event_time {
                    let row = &mut self.events[pos];
                    row.summary = summary;
                    row.changed |= changed;
                    if changed {
                        row.highlight_until = highlight_until;
                    }
                    fresh.push(id);
                    continue;
                }
                // Its time moved: take it out and let it come back in at its new place.
                self.remove_at(pos);
            }
            self.times_by_id.insert(id.clone(), summary.event_time);
            added.push(EventRow {
                summary,
                highlight_until,
                changed,
            });
            fresh.push(id);
        }
        self.insert_sorted(added);
        if self.follow {
            self.cursor = self.events.len().saturating_sub(1);
        }
        if !fresh.is_empty() {
            self.recount_density();
        }
        fresh
    }

    /// Merges rows not yet held into the sorted events, keeping the same event under the cursor and
    /// the same rows in view when older events arrive.
    fn insert_sorted(&mut self, mut added: Vec<EventRow>) {
        if added.is_empty() {
            return;
        }
        added.sort_by(|a, b| sort_key(&a.summary).cmp(&sort_key(&b.summary)));
        let appends = match (self.events.last(), added.first()) {
            (Some(last), Some(first)) => sort_key(&last.summary) < sort_key(&first.summary),
            _ => true,
        };
        if appends {
            self.events.extend(added);
            return;
        }
        let old = std::mem::take(&mut self.events);
        let (cursor, scroll_top) = (self.cursor, self.scroll_top);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let mut new_rows = added.into_iter().peekable();
        for (index, row) in old.into_iter().enumerate() {
            while let Some(next) =
                new_rows.next_if(|n| sort_key(&n.summary) < sort_key(&row.summary))
            {
                merged.push(next);
            }
            if index == cursor {
                self.cursor = merged.len();
            }
            if index == scroll_top {
                self.scroll_top = merged.len();
            }
            merged.push(row);
        }
        merged.extend(new_rows);
        self.events = merged;
    }

    fn remove_at(&mut self, pos: usize) {
        let row = self.events.remove(pos);
        self.times_by_id.remove(&row.summary.event_id);
        if pos < self.cursor {
            self.cursor -= 1;
        }
        if pos < self.scroll_top {
            self.scroll_top -= 1;
        }
        self.cursor = self.cursor.min(self.events.len().saturating_sub(1));
    }

    fn recount_density(&mut self) {
        let (Some(first), Some(last)) = (self.events.first(), self.events.last()) else {
            self.density = Density::default();
            return;
        };
        let start = first.summary.event_time;
        let end = last.summary.event_time;
        let span = (end.millis() - start.millis()).max(1) as i128;
        let mut buckets = vec![0u64; DENSITY_BUCKETS];
        for row in &self.events {
            let offset = (row.summary.event_time.millis() - start.millis()) as i128;
            let index = (offset * (DENSITY_BUCKETS as i128 - 1) / span) as usize;
            buckets[index.min(DENSITY_BUCKETS - 1)] += 1;
        }
        self.density = Density {
            start,
            end,
            buckets,
        };
    }

    /// An event by id, found through the index (no scan).
    pub fn find(&self, id: &str) -> Option<&EventRow> {
        let time = *self.times_by_id.get(id)?;
        let pos = self.position(time, id).ok()?;
        self.events.get(pos)
    }

    /// The eventUpdatedTime held for an event, to match a fetched text to the version it belongs to.
    pub fn updated_time_of(&self, id: &str) -> Option<Timestamp> {
        self.find(id).map(|row| row.summary.event_updated_time)
    }

    /// Moves the cursor, keeping it within the events; reaching the last one turns following on.
    pub fn move_cursor(&mut self, to: usize, page_rows: usize) {
        if self.events.is_empty() {
            return;
        }
        self.cursor = to.min(self.events.len() - 1);
        self.follow = self.cursor + 1 == self.events.len();
        let rows = page_rows.max(1);
        if self.cursor < self.scroll_top {
            self.scroll_top = self.cursor;
        } else if self.cursor >= self.scroll_top + rows {
            self.scroll_top = self.cursor + 1 - rows;
        }
    }

    /// Forgets an event that a command deleted.
    pub fn forget(&mut self, id: &str) {
        if let Some(&time) = self.times_by_id.get(id)
            && let Ok(pos) = self.position(time, id)
        {
            self.remove_at(pos);
            self.texts.remove(id);
            self.recount_density();
        }
    }
}

#[cfg(test)]
mod tests;
