//! SNS (awsQuery): form parameters in, `<OpResponse>` XML out, topics kept per account and Region.

mod access;
mod publish;
pub mod subscription_data;
pub mod subscriptions;
mod tags;
mod topics;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use quick_xml::escape::escape;
use serde_json::{Value, json};

use super::errors::ApiError;
use super::reply;
use super::store::Store;
use crate::domain::arn::Arn;

pub use topics::default_policy;

/// (Action, mutating) of every SNS operation the sandbox serves.
const OPERATIONS: &[(&str, bool)] = &[
    ("CreateTopic", true),
    ("ListTopics", false),
    ("GetTopicAttributes", false),
    ("SetTopicAttributes", true),
    ("DeleteTopic", true),
    ("Subscribe", true),
    ("ListSubscriptionsByTopic", false),
    ("Unsubscribe", true),
    ("Publish", true),
    ("TagResource", true),
    ("UntagResource", true),
    ("ListTagsForResource", false),
];

/// Every operation name this service serves.
pub fn served() -> impl Iterator<Item = &'static str> {
    OPERATIONS.iter().map(|(op, _)| *op)
}

/// Whether an `Action=` value is an operation the sandbox serves, and whether it mutates.
pub fn operation_for(action: &str) -> Option<(&'static str, bool)> {
    OPERATIONS.iter().find(|(op, _)| *op == action).copied()
}

/// The decoded form parameters of one request.
#[derive(Debug, Clone, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    pub fn parse(form: &[u8]) -> Self {
        Self {
            values: form_urlencoded::parse(form).into_owned().collect(),
        }
    }

    pub fn extend_from(&mut self, other: Params) {
        self.values.extend(other.values);
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// A required parameter, or SNS's `InvalidParameter` naming it.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| {
            invalid_parameter(format!(
                "Invalid parameter: {name} Reason: the parameter is required"
            ))
        })
    }

    /// An awsQuery map, `Prefix.entry.N.key` / `Prefix.entry.N.value`.
    pub fn map(&self, prefix: &str) -> BTreeMap<String, String> {
        self.pairs(prefix, "entry", "key", "value")
    }

    /// An awsQuery list of pairs, e.g. `Tags.member.N.Key` / `Tags.member.N.Value`.
    pub fn pairs(
        &self,
        prefix: &str,
        item: &str,
        key: &str,
        value: &str,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for index in 1.. {
            let Some(k) = self.get(&format!("{prefix}.{item}.{index}.{key}")) else {
                break;
            };
            let v = self
                .get(&format!("{prefix}.{item}.{index}.{value}"))
                .unwrap_or("");
            out.insert(k.to_string(), v.to_string());
        }
        out
    }
}

pub fn invalid_parameter(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "InvalidParameter", message)
}

pub fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "NotFound", "Topic does not exist")
}

/// `<{op}Response><{op}Result>{result}</{op}Result><ResponseMetadata>…` (no Result element when empty).
fn success(operation: &str, result: Option<String>) -> Response {
    let request_id = reply::request_id();
    let result = result
        .map(|inner| format!("<{operation}Result>{inner}</{operation}Result>"))
        .unwrap_or_default();
    let body = format!(
        "<{operation}Response xmlns=\"{ns}\">{result}<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{operation}Response>",
        ns = reply::SNS_XML_NAMESPACE,
    );
    reply::xml(StatusCode::OK, body, &request_id)
}

fn text(value: &str) -> String {
    escape(value).into_owned()
}

/// Runs one SNS action in `region`.
pub fn handle(
    store: &mut Store,
    operation: &str,
    region: &str,
    params: &Params,
) -> Result<Response, ApiError> {
    let account = store.account.clone();
    if let Some(owner) = foreign_owner(operation, &account, params) {
        return handle_foreign(store, operation, region, &owner, params);
    }
    if let Some(answer) = subscription_operation(store, operation, region, params) {
        return answer;
    }
    let topics = store.sns.regions.entry(region.to_string()).or_default();
    match operation {
        "CreateTopic" => {
            let arn = topics::create_topic(topics, &account, region, params)?;
            Ok(success(
                operation,
                Some(format!("<TopicArn>{}</TopicArn>", text(&arn))),
            ))
        }
        "ListTopics" => {
            let (arns, next) = topics::list_topics(topics, params)?;
            let mut xml = String::from("<Topics>");
            for arn in arns {
                xml.push_str(&format!(
                    "<member><TopicArn>{}</TopicArn></member>",
                    text(&arn)
                ));
            }
            xml.push_str("</Topics>");
            if let Some(next) = next {
                xml.push_str(&format!("<NextToken>{}</NextToken>", text(&next)));
            }
            Ok(success(operation, Some(xml)))
        }
        "GetTopicAttributes" => {
            let mut attributes = topics::get_topic_attributes(topics, &account, region, params)?;
            pending_from_subscriptions(store, &mut attributes);
            Ok(success(operation, Some(attributes_xml(attributes))))
        }
        "SetTopicAttributes" => {
            topics::set_topic_attributes(topics, &account, region, params)?;
            Ok(success(operation, None))
        }
        "DeleteTopic" => {
            topics::delete_topic(topics, &account, region, params)?;
            if let Some(arn) = params.get("TopicArn")
                && !topics.values().any(|t| t.arn == arn)
            {
                store.subscriptions.forget_topic(arn);
            }
            Ok(success(operation, None))
        }
        "TagResource" | "UntagResource" | "ListTagsForResource" => {
            let result = tags::handle(topics, operation, params)?;
            // Tag and Untag answer an empty Result element, as SNS does.
            Ok(success(operation, Some(result.unwrap_or_default())))
        }
        other => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidAction",
            format!("The action {other} is not valid for this endpoint."),
        )),
    }
}

/// The owning account of the topic a by-ARN operation names, when it is not the caller's.
fn foreign_owner(operation: &str, caller: &str, params: &Params) -> Option<String> {
    if !matches!(
        operation,
        "GetTopicAttributes"
            | "SetTopicAttributes"
            | "DeleteTopic"
            | "Subscribe"
            | "ListSubscriptionsByTopic"
            | "Publish"
    ) {
        return None;
    }
    let arn = params.get("TopicArn").or_else(|| params.get("TargetArn"))?;
    let owner = Arn::parse(arn).ok()?.account();
    (owner.len() == 12 && owner != caller).then(|| owner.to_string())
}

/// A by-ARN operation on another account's topic: NotFound when there is no such topic, AuthorizationError
/// (403) unless the topic's policy lets the caller's account perform it, else the operation on the owner's topic.
fn handle_foreign(
    store: &mut Store,
    operation: &str,
    region: &str,
    owner: &str,
    params: &Params,
) -> Result<Response, ApiError> {
    let caller = store.account.clone();
    let arn = match params.get("TargetArn") {
        Some(target) if params.get("TopicArn").is_none() => target.to_string(),
        _ => params.required("TopicArn")?.to_string(),
    };
    let topics = store.sns.topics_of(&caller, owner, region);
    let name = Arn::short_name(&arn);
    let Some(topic) = topics.get(name).filter(|t| t.arn == arn) else {
        return match operation {
            "DeleteTopic" => Ok(success(operation, None)),
            _ => Err(not_found()),
        };
    };
    let action = format!("SNS:{operation}");
    let policy = topic.attributes.get("Policy").map_or("", String::as_str);
    if !access::account_may(policy, &caller, &action, &arn) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "AuthorizationError",
            format!(
                "User: arn:aws:iam::{caller}:user/imdeck-sandbox is not authorized to perform: {action} on resource: \
                 {arn} because no resource-based policy allows the {action} action"
            ),
        ));
    }
    if let Some(answer) = subscription_operation(store, operation, region, params) {
        return answer;
    }
    let topics = store.sns.topics_of(&caller, owner, region);
    match operation {
        "GetTopicAttributes" => {
            let mut attributes = topics::get_topic_attributes(topics, owner, region, params)?;
            pending_from_subscriptions(store, &mut attributes);
            Ok(success(operation, Some(attributes_xml(attributes))))
        }
        "SetTopicAttributes" => {
            topics::set_topic_attributes(topics, owner, region, params)?;
            Ok(success(operation, None))
        }
        _ => {
            topics::delete_topic(topics, owner, region, params)?;
            Ok(success(operation, None))
        }
    }
}

/// Subscribe, ListSubscriptionsByTopic, Unsubscribe and Publish (`None` for the topic operations).
fn subscription_operation(
    store: &mut Store,
    operation: &str,
    region: &str,
    params: &Params,
) -> Option<Result<Response, ApiError>> {
    let answer = match operation {
        "Subscribe" => subscriptions::subscribe(store, region, params).map(|arn| {
            success(
                operation,
                Some(format!("<SubscriptionArn>{}</SubscriptionArn>", text(&arn))),
            )
        }),
        "ListSubscriptionsByTopic" => {
            subscriptions::list_by_topic(store, region, params).map(|(subs, next)| {
                let mut xml = String::from("<Subscriptions>");
                for sub in subs {
                    let arn = if sub.confirmed {
                        sub.arn.as_str()
                    } else {
                        "PendingConfirmation"
                    };
                    xml.push_str(&format!(
                        "<member><TopicArn>{}</TopicArn><Protocol>{}</Protocol><SubscriptionArn>{}</SubscriptionArn>\
                         <Owner>{}</Owner><Endpoint>{}</Endpoint></member>",
                        text(&sub.topic_arn),
                        text(&sub.protocol),
                        text(arn),
                        text(&sub.owner),
                        text(&sub.endpoint)
                    ));
                }
                xml.push_str("</Subscriptions>");
                if let Some(next) = next {
                    xml.push_str(&format!("<NextToken>{}</NextToken>", text(&next)));
                }
                success(operation, Some(xml))
            })
        }
        "Unsubscribe" => {
            subscriptions::unsubscribe(store, region, params).map(|()| success(operation, None))
        }
        "Publish" => publish::publish(store, region, params).map(|id| {
            success(
                operation,
                Some(format!("<MessageId>{}</MessageId>", text(&id))),
            )
        }),
        _ => return None,
    };
    Some(answer)
}

/// GetTopicAttributes counts pending subscriptions from the subscriptions themselves.
fn pending_from_subscriptions(store: &Store, attributes: &mut BTreeMap<String, String>) {
    if let Some(arn) = attributes.get("TopicArn").cloned() {
        let pending = store.subscriptions.pending_count(&arn);
        attributes.insert("SubscriptionsPending".to_string(), pending.to_string());
    }
}

fn attributes_xml(attributes: BTreeMap<String, String>) -> String {
    let mut xml = String::from("<Attributes>");
    for (key, value) in attributes {
        xml.push_str(&format!(
            "<entry><key>{}</key><value>{}</value></entry>",
            text(&key),
            text(&value)
        ));
    }
    xml.push_str("</Attributes>");
    xml
}

/// The JSON SNS reports as `EffectiveDeliveryPolicy` for a topic with no delivery policy of its own.
pub fn default_effective_delivery_policy() -> Value {
    json!({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,
        "numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},
        "disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}})
}
