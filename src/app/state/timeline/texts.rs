//! The timeline's event texts: the cache bounded around the cursor, which texts are missing, and their fetches.

use std::collections::HashSet;

use super::{CachedText, Dispatch, TEXT_CACHE_LIMIT, Timeline};
use crate::domain::model::Timestamp;

impl Timeline {
    /// Queues texts to fetch and returns the ids to send now; ids dropped from the queue may be asked again.
    pub fn dispatch_fetches(&mut self, ids: Vec<String>) -> Vec<String> {
        let Dispatch { send, dropped } = self.fetches.push(ids);
        if !dropped.is_empty() {
            let dropped: HashSet<&str> = dropped.iter().map(String::as_str).collect();
            self.requested
                .retain(|(id, _)| !dropped.contains(id.as_str()));
        }
        send
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

    /// Ids of events in `rows` whose text is neither cached for their current version nor being fetched,
    /// nearest the cursor first. Marks them as requested.
    pub fn take_missing_texts(&mut self, rows: std::ops::Range<usize>) -> Vec<String> {
        let end = rows.end.min(self.events.len());
        let start = rows.start.min(end);
        let mut missing = Vec::new();
        for (index, row) in self.events[start..end].iter().enumerate() {
            let key = (row.summary.event_id.clone(), row.summary.event_updated_time);
            if self.text_of(row).is_none() && !self.requested.contains(&key) {
                missing.push((start + index, key));
            }
        }
        // Nearest the cursor first: with eight requests at a time, the row the user is reading comes first.
        missing.sort_by_key(|(index, _)| index.abs_diff(self.cursor));
        missing
            .into_iter()
            .map(|(_, key)| {
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

    /// Where an event is among the sorted events, found through the index (no scan).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let time = *self.times_by_id.get(id)?;
        self.position(time, id).ok()
    }
}
