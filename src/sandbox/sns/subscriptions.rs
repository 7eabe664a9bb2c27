//! SNS subscriptions (Subscribe, ListSubscriptionsByTopic, Unsubscribe) and Chatbot's own HTTPS subscription on
//! every topic a chat configuration carries.

use axum::http::StatusCode;

use super::{Params, invalid_parameter, not_found};
use crate::domain::arn::Arn;
use crate::domain::chatbot_notification::CHATBOT_ENDPOINT;
use crate::sandbox::errors::ApiError;
use crate::sandbox::paging;
use crate::sandbox::store::Store;

mod seed;

pub use super::subscription_data::{Delivery, DeliveryOutcome, Subscription};

pub use seed::seed;

/// ListSubscriptionsByTopic answers at most 100 subscriptions per page.
const PAGE_SIZE: usize = 100;

/// Protocols Subscribe accepts.
const PROTOCOLS: &[&str] = &[
    "http",
    "https",
    "email",
    "email-json",
    "sms",
    "sqs",
    "application",
    "lambda",
    "firehose",
];

/// The `(region, account, name)` an SNS topic ARN names, or InvalidParameter.
pub fn topic_parts(arn: &str) -> Result<(&str, &str, &str), ApiError> {
    match Arn::parse(arn) {
        Ok(arn)
            if arn.service() == "sns"
                && !arn.region().is_empty()
                && arn.account().len() == 12
                && arn.resource_type().is_none() =>
        {
            Ok((arn.region(), arn.account(), arn.resource()))
        }
        _ => Err(invalid_parameter("Invalid parameter: TopicArn")),
    }
}

/// Whether the topic exists in `region` (the caller's or another account's), NotFound otherwise, as SNS answers
/// a topic of another Region.
fn existing_topic(store: &mut Store, region: &str, topic_arn: &str) -> Result<(), ApiError> {
    let (arn_region, account, name) = topic_parts(topic_arn)?;
    if arn_region != region {
        return Err(not_found());
    }
    let own = store.account.clone();
    let found = store
        .sns
        .topics_of(&own, account, region)
        .get(name)
        .is_some_and(|t| t.arn == topic_arn);
    if found { Ok(()) } else { Err(not_found()) }
}

/// Adjusts the topic's confirmed-subscription count (GetTopicAttributes reports it).
fn count_confirmed(store: &mut Store, topic_arn: &str, delta: i64) {
    let Ok((region, account, name)) = topic_parts(topic_arn) else {
        return;
    };
    let own = store.account.clone();
    if let Some(topic) = store.sns.topics_of(&own, account, region).get_mut(name) {
        let next = i64::from(topic.subscriptions_confirmed) + delta;
        topic.subscriptions_confirmed = u32::try_from(next.max(0)).unwrap_or(u32::MAX);
    }
}

/// Whether a chat configuration of this account carries the topic (Chatbot confirms only those).
fn carried_by_chatbot(store: &Store, topic_arn: &str) -> bool {
    let c = &store.chatbot;
    let carries = |topics: &Vec<String>| topics.iter().any(|t| t == topic_arn);
    c.slack_channel_configurations
        .iter()
        .any(|cfg| carries(&cfg.sns_topic_arns))
        || c.microsoft_teams_channel_configurations
            .iter()
            .any(|cfg| carries(&cfg.sns_topic_arns))
        || c.chime_webhook_configurations
            .iter()
            .any(|cfg| carries(&cfg.sns_topic_arns))
}

/// Subscribe: the subscription ARN, or `pending confirmation` for an endpoint that has not confirmed (unless
/// ReturnSubscriptionArn is true). Subscribing the same protocol and endpoint again answers the existing one.
pub fn subscribe(store: &mut Store, region: &str, params: &Params) -> Result<String, ApiError> {
    let topic_arn = params.required("TopicArn")?.to_string();
    let protocol = params.required("Protocol")?.to_string();
    topic_parts(&topic_arn)?;
    if !PROTOCOLS.contains(&protocol.as_str()) {
        return Err(invalid_parameter(format!(
            "Invalid parameter: Amazon SNS does not support this protocol string: {protocol}"
        )));
    }
    let endpoint = params.get("Endpoint").unwrap_or("").to_string();
    let endpoint_ok = match protocol.as_str() {
        "http" => endpoint.starts_with("http://") && endpoint.len() > "http://".len(),
        "https" => endpoint.starts_with("https://") && endpoint.len() > "https://".len(),
        "email" | "email-json" => endpoint.contains('@'),
        _ => !endpoint.is_empty(),
    };
    if !endpoint_ok {
        return Err(invalid_parameter("Invalid parameter: Endpoint"));
    }
    existing_topic(store, region, &topic_arn)?;
    let return_arn = params
        .get("ReturnSubscriptionArn")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let answer = |sub: &Subscription| {
        if sub.confirmed || return_arn {
            sub.arn.clone()
        } else {
            "pending confirmation".to_string()
        }
    };
    if let Some(existing) = store
        .subscriptions
        .of_topic(&topic_arn)
        .iter()
        .find(|s| s.protocol == protocol && s.endpoint == endpoint)
    {
        return Ok(answer(existing));
    }
    // AWS-side endpoints confirm at once; an HTTP(S) or email endpoint confirms when someone answers the
    // confirmation message. In the sandbox only Chatbot answers, and only for a topic one of its configurations
    // carries; every other HTTP(S)/email endpoint stays pending, as an endpoint that never confirms does.
    let confirmed = match protocol.as_str() {
        "http" | "https" | "email" | "email-json" => {
            endpoint == CHATBOT_ENDPOINT
                && protocol == "https"
                && carried_by_chatbot(store, &topic_arn)
        }
        _ => true,
    };
    let subscription = Subscription {
        arn: format!("{topic_arn}:{}", uuid::Uuid::new_v4()),
        topic_arn: topic_arn.clone(),
        owner: store.account.clone(),
        protocol,
        endpoint,
        confirmed,
    };
    let reply = answer(&subscription);
    store
        .subscriptions
        .by_topic
        .entry(topic_arn.clone())
        .or_default()
        .push(subscription);
    if confirmed {
        count_confirmed(store, &topic_arn, 1);
    }
    Ok(reply)
}

/// One page of a topic's subscriptions and the next page's token.
pub fn list_by_topic(
    store: &mut Store,
    region: &str,
    params: &Params,
) -> Result<(Vec<Subscription>, Option<String>), ApiError> {
    let topic_arn = params.required("TopicArn")?.to_string();
    let start = match params.get("NextToken") {
        None | Some("") => 0,
        Some(token) => paging::offset_of(token)
            .ok_or_else(|| invalid_parameter("Invalid parameter: NextToken"))?,
    };
    existing_topic(store, region, &topic_arn)?;
    Ok(paging::page(
        store.subscriptions.of_topic(&topic_arn),
        start,
        PAGE_SIZE,
    ))
}

/// Unsubscribe: the subscriber or the topic's owner may delete a subscription; a pending one has no ARN to name.
pub fn unsubscribe(store: &mut Store, region: &str, params: &Params) -> Result<(), ApiError> {
    let arn = params.required("SubscriptionArn")?;
    // Split by hand: a subscription ARN is its topic's ARN and `:ID`, and `topic_parts` reads the topic's.
    let Some((topic_arn, id)) = arn.rsplit_once(':') else {
        return Err(invalid_parameter("Invalid parameter: SubscriptionArn"));
    };
    let (arn_region, topic_account, _) = topic_parts(topic_arn)
        .map_err(|_| invalid_parameter("Invalid parameter: SubscriptionArn"))?;
    if id.is_empty() {
        return Err(invalid_parameter("Invalid parameter: SubscriptionArn"));
    }
    if arn_region != region {
        return Err(not_found_subscription());
    }
    let caller = store.account.clone();
    let subs = store
        .subscriptions
        .by_topic
        .get_mut(topic_arn)
        .ok_or_else(not_found_subscription)?;
    let index = subs
        .iter()
        .position(|s| s.arn == arn)
        .ok_or_else(not_found_subscription)?;
    if subs[index].owner != caller && topic_account != caller {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "AuthorizationError",
            format!(
                "User: arn:aws:iam::{caller}:user/imdeck-sandbox is not authorized to perform: SNS:Unsubscribe on resource: {arn}"
            ),
        ));
    }
    let removed = subs.remove(index);
    let topic_arn = topic_arn.to_string();
    if removed.confirmed {
        count_confirmed(store, &topic_arn, -1);
    }
    Ok(())
}

fn not_found_subscription() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NotFound",
        "Subscription does not exist",
    )
}

/// What Chatbot does when a chat configuration is created or saved: it subscribes its HTTPS endpoint to every
/// topic the configuration carries (a topic that does not exist is skipped) and confirms the subscription.
pub fn chatbot_subscribe(store: &mut Store, topic_arns: &[String]) {
    for topic_arn in topic_arns {
        let Ok((region, account, name)) = topic_parts(topic_arn) else {
            continue;
        };
        let own = store.account.clone();
        let exists = store
            .sns
            .topics_of(&own, account, region)
            .get(name)
            .is_some_and(|t| t.arn == *topic_arn);
        if !exists {
            continue;
        }
        let subs = store
            .subscriptions
            .by_topic
            .entry(topic_arn.clone())
            .or_default();
        let mut newly_confirmed = false;
        match subs.iter_mut().find(|s| s.is_chatbot()) {
            Some(existing) if existing.confirmed => {}
            Some(pending) => {
                pending.confirmed = true;
                newly_confirmed = true;
            }
            None => {
                subs.push(Subscription {
                    arn: format!("{topic_arn}:{}", uuid::Uuid::new_v4()),
                    topic_arn: topic_arn.clone(),
                    owner: own.clone(),
                    protocol: "https".into(),
                    endpoint: CHATBOT_ENDPOINT.into(),
                    confirmed: true,
                });
                newly_confirmed = true;
            }
        }
        if newly_confirmed {
            count_confirmed(store, topic_arn, 1);
        }
    }
}
