//! ssm-incidents against the sandbox with the real Rust SDK: timeline events and related items.

#[path = "support/sdk.rs"]
mod sdk;

use aws_sdk_ssmincidents::operation::create_timeline_event::CreateTimelineEventError;
use aws_sdk_ssmincidents::operation::delete_timeline_event::DeleteTimelineEventError;
use aws_sdk_ssmincidents::operation::get_timeline_event::GetTimelineEventError;
use aws_sdk_ssmincidents::operation::list_timeline_events::ListTimelineEventsError;
use aws_sdk_ssmincidents::operation::update_related_items::UpdateRelatedItemsError;
use aws_sdk_ssmincidents::operation::update_timeline_event::UpdateTimelineEventError;
use aws_sdk_ssmincidents::primitives::DateTime;
use aws_sdk_ssmincidents::types::{
    Condition, EventReference, ItemIdentifier, ItemType, ItemValue, RelatedItem,
    RelatedItemsUpdate, ResourceType, SortOrder, TimelineEventSort,
};
use sdk::{MAIN_INCIDENT, filter, strings};

#[tokio::test]
async fn timeline_events_create_read_update_delete() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let created = im
        .create_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_time(DateTime::from_secs_f64(1_710_410_000.5))
        .event_type("Note")
        .event_data("\"Customer comms sent\"")
        .event_references(EventReference::Resource(MAIN_INCIDENT.into()))
        .send()
        .await
        .expect("create");
    let id = created.event_id().to_string();
    assert!(!id.is_empty());
    let event = im
        .get_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(&id)
        .send()
        .await
        .expect("get");
    let event = event.event().expect("event");
    assert_eq!(event.event_data(), "\"Customer comms sent\"");
    assert_eq!(event.event_time().as_secs_f64(), 1_710_410_000.5);
    assert_eq!(
        event.event_references(),
        &[EventReference::Resource(MAIN_INCIDENT.into())]
    );

    im.update_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(&id)
        .event_data("\"Customer comms sent (EU and US)\"")
        .event_references(EventReference::RelatedItemId(
            "related-item/OTHER/5E0F2A7C9B1D4E6F8A3B2C1D0E9F8A7B".into(),
        ))
        .send()
        .await
        .expect("update");
    let event = im
        .get_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(&id)
        .send()
        .await
        .expect("get");
    let event = event.event().expect("event");
    assert_eq!(event.event_data(), "\"Customer comms sent (EU and US)\"");
    assert_eq!(event.event_references().len(), 1, "references are replaced");

    let notes = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .filters(filter("eventReference", strings(&[MAIN_INCIDENT])))
        .send()
        .await
        .expect("notes");
    assert_eq!(
        notes.event_summaries().len(),
        1,
        "only the demo note references the incident now"
    );

    let after = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .filters(filter(
            "eventTime",
            Condition::After(DateTime::from_secs(1_710_409_500)),
        ))
        .send()
        .await
        .expect("after");
    assert_eq!(after.event_summaries().len(), 1);

    im.delete_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(&id)
        .send()
        .await
        .expect("delete");
    let err = im
        .get_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(&id)
        .send()
        .await
        .expect_err("deleted");
    match err.into_service_error() {
        GetTimelineEventError::ResourceNotFoundException(e) => {
            assert_eq!(e.resource_type(), Some(&ResourceType::TimelineEvent))
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

#[tokio::test]
async fn timeline_pages_sort_and_validation() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let ascending: Vec<_> = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .max_results(2)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("all events");
    assert_eq!(ascending.len(), 7);
    assert!(
        ascending
            .windows(2)
            .all(|w| w[0].event_time() <= w[1].event_time())
    );
    let descending = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .sort_by(TimelineEventSort::EventTime)
        .sort_order(SortOrder::Descending)
        .send()
        .await
        .expect("descending");
    assert_eq!(
        descending.event_summaries().first().map(|e| e.event_id()),
        ascending.last().map(|e| e.event_id())
    );

    let system = ascending
        .iter()
        .find(|e| e.event_type() == "SSM Incident Trigger")
        .expect("trigger event");
    let err = im
        .update_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(system.event_id())
        .event_data("\"edited\"")
        .send()
        .await
        .expect_err("system event");
    assert!(matches!(
        err.into_service_error(),
        UpdateTimelineEventError::ValidationException(_)
    ));
    let err = im
        .delete_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id(system.event_id())
        .send()
        .await
        .expect_err("system event");
    assert!(matches!(
        err.into_service_error(),
        DeleteTimelineEventError::ValidationException(_)
    ));
    let err = im
        .update_timeline_event()
        .incident_record_arn(MAIN_INCIDENT)
        .event_id("no-such-event")
        .event_data("\"x\"")
        .send()
        .await
        .expect_err("unknown event");
    assert!(matches!(
        err.into_service_error(),
        UpdateTimelineEventError::ResourceNotFoundException(_)
    ));

    let create = |event_type: &str, data: String, refs: usize| {
        let mut call = im
            .create_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_time(DateTime::from_secs(1_710_410_000))
            .event_type(event_type)
            .event_data(data);
        for _ in 0..refs {
            call = call.event_references(EventReference::Resource(MAIN_INCIDENT.into()));
        }
        call.send()
    };
    for (event_type, data, refs) in [
        ("Deploy", "\"x\"".to_string(), 0),
        ("Custom Event", "x".repeat(12_001), 0),
        ("Custom Event", "\"x\"".to_string(), 11),
    ] {
        let err = create(event_type, data, refs)
            .await
            .expect_err("invalid event");
        assert!(matches!(
            err.into_service_error(),
            CreateTimelineEventError::ValidationException(_)
        ));
    }
    let err = im
        .create_timeline_event()
        .incident_record_arn("arn:aws:ssm-incidents::111122223333:incident-record/x/y")
        .event_time(DateTime::from_secs(1_710_410_000))
        .event_type("Custom Event")
        .event_data("\"x\"")
        .send()
        .await
        .expect_err("unknown incident");
    assert!(matches!(
        err.into_service_error(),
        CreateTimelineEventError::ResourceNotFoundException(_)
    ));
    let err = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .filters(filter("eventTime", strings(&["yesterday"])))
        .send()
        .await
        .expect_err("wrong condition");
    assert!(matches!(
        err.into_service_error(),
        ListTimelineEventsError::ValidationException(_)
    ));
}

#[tokio::test]
async fn create_timeline_event_client_token_is_idempotent() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let send = || {
        im.create_timeline_event()
            .incident_record_arn(MAIN_INCIDENT)
            .event_time(DateTime::from_secs(1_710_410_000))
            .event_type("Custom Event")
            .event_data("\"Paged the database on-call\"")
            .client_token("same-token")
            .send()
    };
    let first = send().await.expect("first");
    let second = send().await.expect("second");
    assert_eq!(first.event_id(), second.event_id());
    let all = im
        .list_timeline_events()
        .incident_record_arn(MAIN_INCIDENT)
        .send()
        .await
        .expect("list");
    assert_eq!(all.event_summaries().len(), 8, "one event added, not two");
}

#[tokio::test]
async fn related_items_add_and_remove() {
    let sandbox = sdk::demo().await;
    let im = sdk::incidents(&sandbox).await;
    let listed = im
        .list_related_items()
        .incident_record_arn(MAIN_INCIDENT)
        .send()
        .await
        .expect("list");
    assert_eq!(listed.related_items().len(), 3);
    let pages: Vec<_> = im
        .list_related_items()
        .incident_record_arn(MAIN_INCIDENT)
        .max_results(1)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("paged");
    assert_eq!(pages.len(), 3);

    let identifier = ItemIdentifier::builder()
        .r#type(ItemType::Attachment)
        .value(ItemValue::Url("https://example.com/postmortem.pdf".into()))
        .build()
        .expect("identifier");
    let add = || {
        im.update_related_items()
            .incident_record_arn(MAIN_INCIDENT)
            .related_items_update(RelatedItemsUpdate::ItemToAdd(
                RelatedItem::builder()
                    .identifier(identifier.clone())
                    .title("Postmortem")
                    .build(),
            ))
            .send()
    };
    add().await.expect("add");
    let err = add().await.expect_err("duplicate");
    assert!(matches!(
        err.into_service_error(),
        UpdateRelatedItemsError::ConflictException(_)
    ));
    let listed = im
        .list_related_items()
        .incident_record_arn(MAIN_INCIDENT)
        .send()
        .await
        .expect("list");
    let added = listed
        .related_items()
        .iter()
        .find(|i| i.title() == Some("Postmortem"))
        .expect("added");
    assert!(
        added
            .generated_id()
            .is_some_and(|id| id.starts_with("related-item/ATTACHMENT/"))
    );

    let remove = || {
        im.update_related_items()
            .incident_record_arn(MAIN_INCIDENT)
            .related_items_update(RelatedItemsUpdate::ItemToRemove(identifier.clone()))
            .send()
    };
    remove().await.expect("remove");
    let err = remove().await.expect_err("already removed");
    assert!(matches!(
        err.into_service_error(),
        UpdateRelatedItemsError::ResourceNotFoundException(_)
    ));
    let err = im
        .update_related_items()
        .incident_record_arn(MAIN_INCIDENT)
        .related_items_update(RelatedItemsUpdate::ItemToAdd(
            RelatedItem::builder()
                .identifier(
                    ItemIdentifier::builder()
                        .r#type(ItemType::Other)
                        .value(ItemValue::Arn("not-an-arn".into()))
                        .build()
                        .expect("identifier"),
                )
                .build(),
        ))
        .send()
        .await
        .expect_err("bad arn");
    assert!(matches!(
        err.into_service_error(),
        UpdateRelatedItemsError::ValidationException(_)
    ));
}
