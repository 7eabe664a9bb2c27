//! The selected incident's timeline: events kept sorted by time, merged page by page, texts cached by (eventId, eventUpdatedTime).

use std::collections::{HashMap, HashSet};

use crate::domain::model::{EventSummary, Timestamp};

use super::RefreshState;

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
        *self = Timeline {
            arn,
            generation,
            texts,
            follow: true,
            ..Timeline::default()
        };
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
    pub fn merge(
        &mut self,
        page: Vec<EventSummary>,
        highlight_until: Option<Timestamp>,
    ) -> Vec<String> {
        let mut fresh = Vec::new();
        for summary in page {
            let id = summary.event_id.clone();
            let mut changed = false;
            if let Some(&old_time) = self.times_by_id.get(&id) {
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
                self.remove_at(pos);
            }
            let row = EventRow {
                summary,
                highlight_until,
                changed,
            };
            let pos = match self.position(row.summary.event_time, &id) {
                Ok(p) | Err(p) => p,
            };
            self.times_by_id.insert(id.clone(), row.summary.event_time);
            self.insert_at(pos, row);
            fresh.push(id);
        }
        if self.follow {
            self.cursor = self.events.len().saturating_sub(1);
        }
        if !fresh.is_empty() {
            self.recount_density();
        }
        fresh
    }

    fn insert_at(&mut self, pos: usize, row: EventRow) {
        let was_empty = self.events.is_empty();
        self.events.insert(pos, row);
        // Keep the same event under the cursor and the same rows in view when older events arrive.
        if !was_empty && pos <= self.cursor {
            self.cursor += 1;
        }
        if !was_empty && pos < self.scroll_top {
            self.scroll_top += 1;
        }
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

    /// Stores a fetched text, then trims the cache if it grew past its limit.
    pub fn store_text(&mut self, id: String, updated: Timestamp, data: String) {
        self.requested.remove(&(id.clone(), updated));
        self.texts.insert(id, CachedText { updated, data });
        if self.texts.len() > TEXT_CACHE_LIMIT {
            let keep_from = self.cursor.saturating_sub(TEXT_CACHE_LIMIT / 4);
            let keep: HashSet<&str> = self
                .events
                .iter()
                .skip(keep_from)
                .take(TEXT_CACHE_LIMIT / 2)
                .map(|e| e.summary.event_id.as_str())
                .collect();
            self.texts.retain(|id, _| keep.contains(id.as_str()));
        }
    }

    /// Ids of events in `rows` whose text is neither cached for their current version nor being fetched.
    /// Marks them as requested.
    pub fn take_missing_texts(&mut self, rows: std::ops::Range<usize>) -> Vec<String> {
        let end = rows.end.min(self.events.len());
        let start = rows.start.min(end);
        let mut missing = Vec::new();
        for row in &self.events[start..end] {
            let key = (row.summary.event_id.clone(), row.summary.event_updated_time);
            if self.text_of(row).is_none() && !self.requested.contains(&key) {
                missing.push(key);
            }
        }
        missing
            .into_iter()
            .map(|key| {
                let id = key.0.clone();
                self.requested.insert(key);
                id
            })
            .collect()
    }

    /// Same as `take_missing_texts` but for named events (new ones, which may be off screen).
    pub fn take_missing_texts_of(&mut self, ids: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for id in ids {
            let Some(&time) = self.times_by_id.get(id) else {
                continue;
            };
            let Ok(pos) = self.position(time, id) else {
                continue;
            };
            let row = &self.events[pos];
            let key = (id.clone(), row.summary.event_updated_time);
            if self.text_of(row).is_none() && !self.requested.contains(&key) {
                self.requested.insert(key);
                out.push(id.clone());
            }
        }
        out
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
