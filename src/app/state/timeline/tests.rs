//! The timeline state: merging, ordering, the text cache, reconciliation.

use super::*;

fn summary(id: &str, secs: i64) -> EventSummary {
    EventSummary {
        incident_record_arn: "arn".into(),
        event_id: id.into(),
        event_time: Timestamp::from_secs(secs),
        event_updated_time: Timestamp::from_secs(secs),
        event_type: "Custom Event".into(),
        event_references: Vec::new(),
    }
}

fn ids(t: &Timeline) -> Vec<&str> {
    t.events
        .iter()
        .map(|e| e.summary.event_id.as_str())
        .collect()
}

#[test]
fn pages_in_any_order_end_sorted_without_duplicates() {
    let mut t = Timeline::default();
    t.reset(Some("arn".into()));
    t.merge(vec![summary("d", 40), summary("c", 30)], None);
    t.merge(
        vec![summary("b", 20), summary("a", 10), summary("c", 30)],
        None,
    );
    t.merge(vec![summary("e", 50), summary("b2", 20)], None);
    assert_eq!(ids(&t), ["a", "b", "b2", "c", "d", "e"]);
    assert_eq!(t.cursor, 5, "following keeps the cursor on the newest");
}

#[test]
fn older_events_keep_the_cursor_on_the_same_event() {
    let mut t = Timeline::default();
    t.reset(Some("arn".into()));
    t.merge(vec![summary("c", 30), summary("d", 40)], None);
    t.move_cursor(0, 10);
    assert!(!t.follow);
    t.merge(vec![summary("a", 10), summary("b", 20)], None);
    assert_eq!(
        t.at_cursor().map(|r| r.summary.event_id.as_str()),
        Some("c")
    );
    assert_eq!(t.scroll_top, 2);
}

#[test]
fn an_edit_is_marked_changed_and_a_moved_event_moves() {
    let mut t = Timeline::default();
    t.reset(Some("arn".into()));
    t.merge(vec![summary("a", 10), summary("b", 20)], None);
    let mut edited = summary("a", 10);
    edited.event_updated_time = Timestamp::from_secs(99);
    assert_eq!(
        t.merge(vec![edited], Some(Timestamp::from_secs(100))),
        vec!["a".to_string()]
    );
    assert!(t.events[0].changed);
    let mut moved = summary("a", 30);
    moved.event_updated_time = Timestamp::from_secs(120);
    t.merge(vec![moved], None);
    assert_eq!(ids(&t), ["b", "a"]);
    assert_eq!(
        t.merge(vec![summary("b", 20)], None),
        Vec::<String>::new(),
        "unchanged is not fresh"
    );
}

#[test]
fn the_text_cache_stays_bounded() {
    let mut t = Timeline::default();
    t.reset(Some("arn".into()));
    let page = (0..5_000).map(|i| summary(&format!("e{i}"), i)).collect();
    t.merge(page, None);
    for i in 0..5_000 {
        t.store_text(format!("e{i}"), Timestamp::from_secs(i), "x".into());
    }
    assert!(t.texts.len() <= TEXT_CACHE_LIMIT, "{}", t.texts.len());
    assert!(t.texts.contains_key("e4999"), "texts near the cursor stay");
}
