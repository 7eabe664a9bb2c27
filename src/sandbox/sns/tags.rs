//! TagResource, UntagResource and ListTagsForResource on the caller's topics in the request's Region.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use quick_xml::escape::escape;

use super::Params;
use crate::sandbox::errors::ApiError;
use crate::sandbox::store::TopicEntry;

/// SNS's limit of tags per topic (its TagLimitExceeded error).
const MAX_TAGS: usize = 50;

fn resource_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        "Resource does not exist",
    )
}

fn topic<'t>(
    topics: &'t mut BTreeMap<String, TopicEntry>,
    params: &Params,
) -> Result<&'t mut TopicEntry, ApiError> {
    // The model check has already refused a request without ResourceArn.
    let arn = params.get("ResourceArn").unwrap_or("");
    topics
        .values_mut()
        .find(|t| t.arn == arn)
        .ok_or_else(resource_not_found)
}

/// Runs the tag operation; `Ok(Some(xml))` is the Result element's content for ListTagsForResource.
pub fn handle(
    topics: &mut BTreeMap<String, TopicEntry>,
    operation: &str,
    params: &Params,
) -> Result<Option<String>, ApiError> {
    let topic = topic(topics, params)?;
    match operation {
        "TagResource" => {
            let mut merged: BTreeMap<String, String> = topic.tags.iter().cloned().collect();
            merged.extend(params.pairs("Tags", "member", "Key", "Value"));
            if merged.len() > MAX_TAGS {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "TagLimitExceeded",
                    "Could not complete request: tag quota of per resource exceeded",
                ));
            }
            topic.tags = merged.into_iter().collect();
            Ok(None)
        }
        "UntagResource" => {
            let keys: Vec<&str> = (1..)
                .map_while(|n| params.get(&format!("TagKeys.member.{n}")))
                .collect();
            topic.tags.retain(|(k, _)| !keys.contains(&k.as_str()));
            Ok(None)
        }
        _ => {
            let mut xml = String::from("<Tags>");
            for (key, value) in &topic.tags {
                xml.push_str(&format!(
                    "<member><Key>{}</Key><Value>{}</Value></member>",
                    escape(key.as_str()),
                    escape(value.as_str())
                ));
            }
            xml.push_str("</Tags>");
            Ok(Some(xml))
        }
    }
}
