//! The live timeline: pages merged as they come, incremental polls with backoff and a periodic whole-list
//! read (edits, deletions, backdated events), and texts fetched for what is on screen, eight at a time.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::app::state::timeline::POLL_MARGIN_MS;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::{EventSummary, RelatedItem, TimelineEvent, Timestamp};

use super::setup::later;

/// Asks for the next poll when it is due and none is running: the first load while nothing has been read;
/// then events after the newest seen less a margin (duplicates merge by eventId and eventUpdatedTime), and
/// every few polls (and after `R`) the whole list again, since an event written with an older eventTime, an
/// edit and a deletion never show in an "after" query.
pub fn poll_if_due(state: &mut AppState) -> Vec<Effect> {
    let timeline = &mut state.timeline;
    let Some(arn) = timeline.arn.clone() else {
        return Vec::new();
    };
    if timeline.poll_in_flight || timeline.next_poll_at.is_none_or(|t| t > state.now) {
        return Vec::new();
    }
    timeline.poll_in_flight = true;
    let after = if !timeline.first_load_done {
        None
    } else if timeline.reconcile_next() {
        timeline.begin_reconcile(state.now);
        None
    } else {
        timeline
            .newest_time()
            .map(|t| Timestamp(t.millis() - POLL_MARGIN_MS))
    };
    vec![Effect::PollTimeline {
        arn,
        generation: timeline.generation,
        after,
    }]
}

/// The incident's related items arrived: their titles name the items events reference.
pub fn related_items_loaded(
    state: &mut AppState,
    arn: &str,
    result: Result<Vec<RelatedItem>, CloudError>,
) -> Vec<Effect> {
    if state.timeline.arn.as_deref() != Some(arn) {
        return Vec::new();
    }
    // A failure leaves the titles known so far: the events still show the item's type and id.
    if let Ok(items) = result {
        state.timeline.related_titles = items
            .into_iter()
            .filter_map(|item| Some((item.generated_id?, item.title?)))
            .collect();
    }
    Vec::new()
}

pub fn page(
    state: &mut AppState,
    arn: &str,
    generation: u64,
    result: Result<Vec<EventSummary>, CloudError>,
    last_page: bool,
) -> Vec<Effect> {
    if generation != state.timeline.generation || state.timeline.arn.as_deref() != Some(arn) {
        return Vec::new();
    }
    let now = state.now;
    match result {
        Ok(events) => {
            let highlight = state
                .timeline
                .first_load_done
                .then(|| later(now, state.config.highlight_ms));
            state.timeline.saw(&events);
            let fresh = state.timeline.merge(events, highlight);
            state.timeline.refresh.succeeded(now);
            state.timeline.backoff_ms = 0;
            let mut effects = Vec::new();
            if state.timeline.first_load_done {
                // New events are fetched even off screen: they are what the operator is waiting for.
                let missing = state.timeline.take_missing_texts_of(&fresh);
                effects.extend(send_fetches(state, missing));
            }
            if last_page {
                let timeline = &mut state.timeline;
                timeline.poll_in_flight = false;
                if timeline.first_load_done {
                    timeline.polls_since_reconcile += 1;
                }
                // The titles of the related items events point at, read again with each whole-list read
                // (items come and go as the timeline does).
                if !timeline.first_load_done || timeline.reconciling.is_some() {
                    effects.push(Effect::LoadRelatedItems {
                        arn: arn.to_string(),
                    });
                }
                timeline.finish_reconcile();
                timeline.first_load_done = true;
                timeline.next_poll_at = Some(later(now, state.config.timeline_poll_ms));
            }
            effects.extend(fetch_visible_texts(state));
            effects
        }
        Err(error) => {
            let timeline = &mut state.timeline;
            timeline.poll_in_flight = false;
            // A whole-list read cut short proves no deletion; the next poll reads the whole list again.
            if timeline.reconciling.take().is_some() {
                timeline.reconcile_due = true;
            }
            // Throttling and outages both get a doubling wait, so imdeck never adds to the pressure.
            let floor = state.config.timeline_poll_ms.max(1) * 2;
            timeline.backoff_ms = (timeline.backoff_ms * 2)
                .max(floor)
                .min(state.config.max_backoff_ms);
            timeline.next_poll_at = Some(later(now, timeline.backoff_ms));
            let kind = match error {
                CloudError::Throttled { .. } => "throttled",
                _ => "failed",
            };
            timeline.refresh.failed(format!(
                "{kind}: {error}; retrying in {} s",
                timeline.backoff_ms / 1000
            ));
            Vec::new()
        }
    }
}

pub fn event_loaded(
    state: &mut AppState,
    arn: &str,
    id: String,
    result: Result<TimelineEvent, CloudError>,
) -> Vec<Effect> {
    // Every answer frees a slot, even one for an incident no longer shown.
    let next = state.timeline.fetches.answered();
    let mut effects = fetch_effects(state, next);
    if state.timeline.arn.as_deref() != Some(arn) {
        return effects;
    }
    state
        .timeline
        .requested
        .retain(|(requested, _)| *requested != id);
    match result {
        Ok(event) => {
            let held = state.timeline.updated_time_of(&id);
            // GetTimelineEvent can be newer than the list (an edit in between): take its version.
            if held.is_some_and(|h| h < event.event_updated_time) {
                let highlight = Some(later(state.now, state.config.highlight_ms));
                state
                    .timeline
                    .merge(vec![EventSummary::from(&event)], highlight);
            }
            state
                .timeline
                .store_text(id, event.event_updated_time, event.event_data);
        }
        Err(CloudError::NotFound { .. }) => state.timeline.forget(&id),
        Err(error) => state
            .timeline
            .refresh
            .failed(format!("event {id}: {error}")),
    }
    effects.extend(fetch_visible_texts(state));
    effects
}

/// The rows that can be on screen: the terminal's height from the first row drawn (every event takes at
/// least one row, so no more than that many are visible), or the newest ones while following.
pub fn visible_rows(state: &AppState) -> std::ops::Range<usize> {
    let height = usize::from(state.viewport.1.max(1));
    let len = state.timeline.len();
    if state.timeline.follow {
        len.saturating_sub(height)..len
    } else {
        let start = state.timeline.scroll_top.min(state.timeline.cursor);
        start..(start + height).min(len)
    }
}

pub fn fetch_visible_texts(state: &mut AppState) -> Vec<Effect> {
    if state.timeline.arn.is_none() {
        return Vec::new();
    }
    let rows = visible_rows(state);
    let ids = state.timeline.take_missing_texts(rows);
    send_fetches(state, ids)
}

/// Queues GetTimelineEvent for `ids` and asks for those the in-flight limit lets go now.
fn send_fetches(state: &mut AppState, ids: Vec<String>) -> Vec<Effect> {
    if ids.is_empty() {
        return Vec::new();
    }
    let send = state.timeline.dispatch_fetches(ids);
    fetch_effects(state, send)
}

fn fetch_effects(state: &AppState, ids: Vec<String>) -> Vec<Effect> {
    let Some(arn) = state.timeline.arn.as_deref() else {
        return Vec::new();
    };
    ids.into_iter()
        .map(|id| Effect::FetchEvent {
            arn: arn.to_string(),
            id,
        })
        .collect()
}

/// Reads one event again (this app just edited it), through the same in-flight limit.
pub fn refetch(state: &mut AppState, id: &str) -> Vec<Effect> {
    state.timeline.requested.retain(|(held, _)| held != id);
    send_fetches(state, vec![id.to_string()])
}

/// Moves the timeline cursor and fetches the texts that came into view.
pub fn move_cursor(state: &mut AppState, to: usize) -> Vec<Effect> {
    let page = page_rows(state);
    state.timeline.move_cursor(to, page);
    fetch_visible_texts(state)
}

/// A rough page: the terminal height less the header, footer and command box.
pub fn page_rows(state: &AppState) -> usize {
    usize::from(state.viewport.1.saturating_sub(8).max(1))
}

/// An event this app just created: shown at once, even when its eventTime is older than the newest event seen
/// (a backdated event that the incremental `eventTime after` poll would never return).
pub fn created(state: &mut AppState, summary: EventSummary) -> Vec<Effect> {
    let highlight = Some(later(state.now, state.config.highlight_ms));
    let fresh = state.timeline.merge(vec![summary], highlight);
    let missing = state.timeline.take_missing_texts_of(&fresh);
    send_fetches(state, missing)
}
