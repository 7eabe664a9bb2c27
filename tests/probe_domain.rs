//! The probe's pure parts over the demo-shaped snapshot: the target, the confirmation in words, the verdicts.

#[path = "audit_support/snapshots.rs"]
mod snapshots;

use imdeck::domain::cloud_error::CloudError;
use imdeck::domain::probe::{
    PolicyState, Publish, SubscriptionState, TargetError, confirmation_words, render_text,
    resolve_target, row,
};
use snapshots::*;

#[test]
fn a_plan_or_a_channel_names_its_topics_and_the_question_names_them_in_words() {
    let s = demo();
    let by_plan = resolve_target(&s, None, Some("test-response-plan-chat")).expect("plan");
    assert_eq!(by_plan.topics, vec![my_sns_topic(), usw2_topic()]);
    assert_eq!(by_plan.channel_name, "incident-war-room");
    let by_arn = resolve_target(&s, Some(&slack_arn()), None).expect("channel by ARN");
    assert_eq!(by_arn.topics, by_plan.topics);
    let question = confirmation_words(&by_arn);
    assert!(question.contains("incident-war-room"), "{question}");
    assert!(
        question.contains("2 topics: My_SNS_topic in us-east-2, im-chat-usw2 in us-west-2"),
        "{question}"
    );

    assert!(matches!(
        resolve_target(&s, Some("nope"), None),
        Err(TargetError::NoSuchChannel(_, names)) if names.contains("exec-notify")
    ));
    assert!(matches!(
        resolve_target(&s, None, Some("batch-jobs-plan")),
        Err(TargetError::PlanWithoutTopics(_))
    ));
    assert!(matches!(
        resolve_target(&s, None, None),
        Err(TargetError::NothingChosen(_))
    ));
}

#[test]
fn only_a_published_subscribed_and_permitted_topic_reaches_the_room() {
    let s = demo();
    let good = row(&s, published(my_sns_topic(), "m-1"));
    assert_eq!(good.subscription, SubscriptionState::Confirmed);
    assert_eq!(good.policy, PolicyState::Allowed);
    assert!(good.reaches_room());
    let usw2 = row(&s, published(usw2_topic(), "m-2"));
    assert!(matches!(usw2.policy, PolicyState::Refused(_)));
    assert!(!usw2.reaches_room());
    let exec = row(&s, published(exec_topic(), "m-3"));
    assert_eq!(exec.subscription, SubscriptionState::Missing);
    assert!(!exec.reaches_room());
    let failed = row(
        &s,
        Publish {
            topic_arn: my_sns_topic(),
            outcome: Err(throttled()),
        },
    );
    assert!(!failed.reaches_room());
    let target = resolve_target(&s, Some("incident-war-room"), None).expect("target");
    let text = render_text(&target, &[good, usw2]);
    assert!(text.contains("MessageId m-1"), "{text}");
    assert!(
        text.contains("Reaches the room from: us-east-2; does not: us-west-2"),
        "{text}"
    );
}

#[test]
fn an_unread_subscription_list_is_unknown_never_confirmed() {
    let mut s = demo();
    s.subscriptions.remove(&my_sns_topic());
    let r = row(&s, published(my_sns_topic(), "m"));
    assert!(matches!(r.subscription, SubscriptionState::Unknown(_)));
    assert!(!r.reaches_room());
}

fn published(topic_arn: String, message_id: &str) -> Publish {
    Publish {
        topic_arn,
        outcome: Ok(message_id.into()),
    }
}

fn throttled() -> CloudError {
    CloudError::Throttled {
        code: "Throttling".into(),
        message: "Rate exceeded".into(),
    }
}
