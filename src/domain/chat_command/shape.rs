//! The request shapes of the 13 commands, and `conform`: untyped JSON (from shorthand or JSON) checked
//! against a shape and turned into the wire form the model types deserialise from.

use serde_json::{Map, Value};

use super::suggest::closest;
use super::timestamp::parse_timestamp;
use crate::domain::model::ITEM_TYPES;

/// What a string member must look like, beyond its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCheck {
    Any,
    /// Any ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    Arn,
    SnsTopicArn,
    IncidentRecordArn,
    ResponsePlanArn,
    /// `related-item/TYPE/32 hex digits`.
    RelatedItemId,
    OneOf(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text {
        min: usize,
        max: usize,
        check: TextCheck,
    },
    Integer {
        min: i64,
        max: i64,
    },
    Boolean,
    Timestamp,
    List {
        item: &'static Shape,
        min: usize,
        max: usize,
    },
    Structure {
        name: &'static str,
        members: &'static [Member],
    },
    /// A structure with exactly one member set.
    Union {
        name: &'static str,
        members: &'static [Member],
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
}

const fn member(name: &'static str, shape: &'static Shape) -> Member {
    Member {
        name,
        shape,
        required: false,
    }
}

const fn required(name: &'static str, shape: &'static Shape) -> Member {
    Member {
        name,
        shape,
        required: true,
    }
}

pub const fn text(max: usize) -> Shape {
    Shape::Text {
        min: 0,
        max,
        check: TextCheck::Any,
    }
}

pub const fn checked(max: usize, check: TextCheck) -> Shape {
    Shape::Text { min: 1, max, check }
}

pub const ARN: Shape = checked(1000, TextCheck::Arn);
pub const SNS_TOPIC_ARN: Shape = checked(1000, TextCheck::SnsTopicArn);
pub const INCIDENT_RECORD_ARN: Shape = checked(1000, TextCheck::IncidentRecordArn);
pub const RESPONSE_PLAN_ARN: Shape = checked(1000, TextCheck::ResponsePlanArn);
pub const TITLE: Shape = text(200);
pub const IMPACT: Shape = Shape::Integer { min: 1, max: 5 };
pub const CLIENT_TOKEN: Shape = text(128);
pub const EVENT_ID: Shape = checked(50, TextCheck::Any);
pub const EVENT_TYPE: Shape = text(100);
pub const EVENT_DATA: Shape = text(12000);
pub const SUMMARY: Shape = text(8000);
pub const TIMESTAMP: Shape = Shape::Timestamp;
pub const STATUS: Shape = checked(8, TextCheck::OneOf(&["OPEN", "RESOLVED"]));
pub const SORT_ORDER: Shape = checked(10, TextCheck::OneOf(&["ASCENDING", "DESCENDING"]));
pub const SORT_BY: Shape = checked(10, TextCheck::OneOf(&["EVENT_TIME"]));

const RELATED_ITEM_ID: Shape = checked(200, TextCheck::RelatedItemId);
pub const EVENT_REFERENCE: Shape = Shape::Union {
    name: "EventReference",
    members: &[
        member("resource", &ARN),
        member("relatedItemId", &RELATED_ITEM_ID),
    ],
};
pub const EVENT_REFERENCES: Shape = Shape::List {
    item: &EVENT_REFERENCE,
    min: 0,
    max: 10,
};

const PAGER_DUTY_INCIDENT_DETAIL: Shape = Shape::Structure {
    name: "PagerDutyIncidentDetail",
    members: &[
        required("id", &checked(200, TextCheck::Any)),
        member("autoResolve", &Shape::Boolean),
        member("secretId", &checked(512, TextCheck::Any)),
    ],
};
const ITEM_VALUE: Shape = Shape::Union {
    name: "ItemValue",
    members: &[
        member("arn", &ARN),
        member("url", &checked(1000, TextCheck::Any)),
        member("metricDefinition", &checked(4000, TextCheck::Any)),
        member("pagerDutyIncidentDetail", &PAGER_DUTY_INCIDENT_DETAIL),
    ],
};
pub const ITEM_TYPE: Shape = checked(20, TextCheck::OneOf(&ITEM_TYPES));
pub const ITEM_IDENTIFIER: Shape = Shape::Structure {
    name: "ItemIdentifier",
    members: &[required("type", &ITEM_TYPE), required("value", &ITEM_VALUE)],
};
pub const RELATED_ITEM: Shape = Shape::Structure {
    name: "RelatedItem",
    members: &[
        required("identifier", &ITEM_IDENTIFIER),
        member("title", &TITLE),
        member("generatedId", &RELATED_ITEM_ID),
    ],
};
pub const RELATED_ITEMS: Shape = Shape::List {
    item: &RELATED_ITEM,
    min: 0,
    max: 100,
};
pub const RELATED_ITEMS_UPDATE: Shape = Shape::Union {
    name: "RelatedItemsUpdate",
    members: &[
        member("itemToAdd", &RELATED_ITEM),
        member("itemToRemove", &ITEM_IDENTIFIER),
    ],
};
pub const TRIGGER_DETAILS: Shape = Shape::Structure {
    name: "TriggerDetails",
    members: &[
        required("source", &checked(50, TextCheck::Any)),
        required("timestamp", &TIMESTAMP),
        member("triggerArn", &ARN),
        member("rawData", &text(10000)),
    ],
};
const ATTRIBUTE_VALUE_LIST: Shape = Shape::Union {
    name: "AttributeValueList",
    members: &[
        member(
            "stringValues",
            &Shape::List {
                item: &checked(1000, TextCheck::Any),
                min: 0,
                max: 100,
            },
        ),
        member(
            "integerValues",
            &Shape::List {
                item: &Shape::Integer {
                    min: i32::MIN as i64,
                    max: i32::MAX as i64,
                },
                min: 0,
                max: 100,
            },
        ),
    ],
};
const CONDITION: Shape = Shape::Union {
    name: "Condition",
    members: &[
        member("before", &TIMESTAMP),
        member("after", &TIMESTAMP),
        member("equals", &ATTRIBUTE_VALUE_LIST),
    ],
};
pub const FILTER: Shape = Shape::Structure {
    name: "Filter",
    members: &[
        required("key", &checked(50, TextCheck::Any)),
        required("condition", &CONDITION),
    ],
};
pub const FILTERS: Shape = Shape::List {
    item: &FILTER,
    min: 0,
    max: 5,
};
pub const CHAT_CHANNEL: Shape = Shape::Union {
    name: "ChatChannel",
    members: &[
        member(
            "chatbotSns",
            &Shape::List {
                item: &SNS_TOPIC_ARN,
                min: 1,
                max: 5,
            },
        ),
        member(
            "empty",
            &Shape::Structure {
                name: "EmptyChatChannel",
                members: &[],
            },
        ),
    ],
};
pub const NOTIFICATION_TARGET: Shape = Shape::Union {
    name: "NotificationTargetItem",
    members: &[member("snsTopicArn", &SNS_TOPIC_ARN)],
};
pub const NOTIFICATION_TARGETS: Shape = Shape::List {
    item: &NOTIFICATION_TARGET,
    min: 0,
    max: 10,
};

/// A value that does not fit its shape: where (`condition.equals`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub path: String,
    pub message: String,
}

impl ShapeError {
    fn at(path: &str, message: String) -> Self {
        Self {
            path: path.to_string(),
            message,
        }
    }

    /// `message`, prefixed with the member path when there is one.
    pub fn describe(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.path, self.message)
        }
    }
}

/// Checks `value` against `shape` and returns the wire form: strings become numbers, booleans and epoch
/// seconds where the shape says so, and a single value becomes a one-item list where a list is expected.
pub fn conform(value: &Value, shape: &Shape, path: &str) -> Result<Value, ShapeError> {
    match shape {
        Shape::Text { min, max, check } => {
            let Value::String(text) = value else {
                return Err(ShapeError::at(
                    path,
                    format!("expected a string, got {value}"),
                ));
            };
            check_text(text, *min, *max, *check).map_err(|m| ShapeError::at(path, m))?;
            Ok(value.clone())
        }
        Shape::Integer { min, max } => {
            let number = match value {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse::<i64>().ok(),
                _ => None,
            }
            .ok_or_else(|| ShapeError::at(path, format!("expected an integer, got {value}")))?;
            if number < *min || number > *max {
                return Err(ShapeError::at(
                    path,
                    format!("{number} is out of range; it must be between {min} and {max}"),
                ));
            }
            Ok(Value::from(number))
        }
        Shape::Boolean => match value {
            Value::Bool(_) => Ok(value.clone()),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            _ => Err(ShapeError::at(
                path,
                format!("expected true or false, got {value}"),
            )),
        },
        Shape::Timestamp => {
            let parsed = match value {
                Value::Number(n) => parse_timestamp(&n.to_string()),
                Value::String(s) => parse_timestamp(s),
                _ => {
                    return Err(ShapeError::at(
                        path,
                        format!("expected a timestamp, got {value}"),
                    ));
                }
            };
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parsed
                .map(|t| t.to_json())
                .map_err(|e| ShapeError::at(path, e.message(&text)))
        }
        Shape::List { item, min, max } => {
            let items: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            if items.len() < *min || items.len() > *max {
                return Err(ShapeError::at(
                    path,
                    format!(
                        "{} items given; between {min} and {max} are allowed",
                        items.len()
                    ),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, v)| conform(v, item, &format!("{path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        Shape::Structure { name, members } | Shape::Union { name, members } => {
            let Value::Object(map) = value else {
                return Err(ShapeError::at(
                    path,
                    format!("expected a {name} structure, got {value}"),
                ));
            };
            let is_union = matches!(shape, Shape::Union { .. });
            conform_structure(map, name, members, is_union, path)
        }
    }
}

fn conform_structure(
    map: &Map<String, Value>,
    name: &str,
    members: &[Member],
    is_union: bool,
    path: &str,
) -> Result<Value, ShapeError> {
    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
    let mut out = Map::new();
    for (key, value) in map {
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let Some(member) = members.iter().find(|m| m.name == key) else {
            let hint = match closest(key, names.iter().copied()) {
                Some(s) => format!("did you mean {}?", s.text),
                None if names.is_empty() => "it takes no members".to_string(),
                None => format!("valid members: {}", names.join(", ")),
            };
            return Err(ShapeError::at(
                path,
                format!("unknown member {key} in {name}; {hint}"),
            ));
        };
        out.insert(key.clone(), conform(value, member.shape, &child)?);
    }
    if is_union && out.len() != 1 {
        return Err(ShapeError::at(
            path,
            format!(
                "{name} takes exactly one of {}; {} given",
                names.join(", "),
                out.len()
            ),
        ));
    }
    if let Some(missing) = members
        .iter()
        .find(|m| m.required && !out.contains_key(m.name))
    {
        return Err(ShapeError::at(
            path,
            format!("{name} needs {}", missing.name),
        ));
    }
    Ok(Value::Object(out))
}

/// Length and pattern checks on one string; the message says what is wrong and what is expected.
pub fn check_text(text: &str, min: usize, max: usize, check: TextCheck) -> Result<(), String> {
    let length = text.chars().count();
    if length < min {
        return Err("it is empty".to_string());
    }
    if length > max {
        return Err(format!(
            "it is {length} characters long; at most {max} are allowed"
        ));
    }
    match check {
        TextCheck::Any => Ok(()),
        TextCheck::Arn => check_arn(text, None, None),
        TextCheck::SnsTopicArn => check_arn(text, Some("sns"), None),
        TextCheck::IncidentRecordArn => {
            check_arn(text, Some("ssm-incidents"), Some(("incident-record", 2)))
        }
        TextCheck::ResponsePlanArn => {
            check_arn(text, Some("ssm-incidents"), Some(("response-plan", 1)))
        }
        TextCheck::RelatedItemId => check_related_item_id(text),
        TextCheck::OneOf(values) => {
            if values.contains(&text) {
                Ok(())
            } else {
                Err(format!("it must be one of {}", values.join(", ")))
            }
        }
    }
}

/// `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`; for Incident Manager resources the Region is empty and the
/// resource is `KIND/` followed by `parts` slash-separated names.
fn check_arn(
    text: &str,
    service: Option<&str>,
    resource: Option<(&str, usize)>,
) -> Result<(), String> {
    let example = match resource {
        Some(("incident-record", _)) => {
            "arn:aws:ssm-incidents::111122223333:incident-record/PLAN/ID"
        }
        Some(_) => "arn:aws:ssm-incidents::111122223333:response-plan/NAME",
        None if service == Some("sns") => "arn:aws:sns:us-east-2:111122223333:TOPIC",
        None => "arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE",
    };
    let bad = |why: &str| Err(format!("{why}; expected {example}"));
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    if fields.len() != 6 || fields[0] != "arn" {
        return bad("it is not an ARN");
    }
    if !matches!(fields[1], "aws" | "aws-cn" | "aws-us-gov") {
        return bad(&format!("unknown partition {}", fields[1]));
    }
    let account = fields[4];
    let account_ok = account.len() == 12 && account.chars().all(|c| c.is_ascii_digit());
    if let Some(service) = service
        && fields[2] != service
    {
        return bad(&format!("it is an ARN of {}, not of {service}", fields[2]));
    }
    if fields[5].is_empty() {
        return bad("the resource part is empty");
    }
    let Some((kind, parts)) = resource else {
        if service == Some("sns") && (fields[3].is_empty() || !account_ok) {
            return bad("an SNS topic ARN names a Region and a 12-digit account");
        }
        return Ok(());
    };
    if !fields[3].is_empty() {
        return bad("Incident Manager ARNs carry no Region");
    }
    if !account_ok {
        return bad(&format!("account {account} is not 12 digits"));
    }
    let mut resource_fields = fields[5].split('/');
    let found_kind = resource_fields.next().unwrap_or("");
    if found_kind != kind {
        return bad(&format!("it names {found_kind}/…, not {kind}/…"));
    }
    let names: Vec<&str> = resource_fields.collect();
    if names.len() != parts || names.iter().any(|n| n.is_empty()) {
        return bad(&format!(
            "a {kind} ARN ends in {kind}/{}",
            if parts == 2 { "PLAN/ID" } else { "NAME" }
        ));
    }
    Ok(())
}

fn check_related_item_id(text: &str) -> Result<(), String> {
    let fields: Vec<&str> = text.split('/').collect();
    let valid = fields.len() == 3
        && fields[0] == "related-item"
        && ITEM_TYPES.contains(&fields[1])
        && fields[2].len() == 32
        && fields[2]
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c));
    if valid {
        Ok(())
    } else {
        Err("expected related-item/TYPE/ followed by 32 hex digits (0-9, A-F)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_become_numbers_and_timestamps_by_shape() {
        let value = json!([
            {"key": "impact", "condition": {"equals": {"integerValues": ["1", 2]}}},
            {"key": "creationTime", "condition": {"after": "2024-01-01T00:00:00Z"}}
        ]);
        assert_eq!(
            conform(&value, &FILTERS, "").ok(),
            Some(json!([
                {"key": "impact", "condition": {"equals": {"integerValues": [1, 2]}}},
                {"key": "creationTime", "condition": {"after": 1_704_067_200}}
            ]))
        );
    }

    #[test]
    fn a_single_value_becomes_a_list() {
        let value = json!({"chatbotSns": "arn:aws:sns:us-east-2:111122223333:t"});
        assert_eq!(
            conform(&value, &CHAT_CHANNEL, "").ok(),
            Some(json!({"chatbotSns": ["arn:aws:sns:us-east-2:111122223333:t"]}))
        );
    }

    #[test]
    fn unknown_members_get_a_suggestion() {
        let err = conform(&json!({"kee": "status"}), &FILTER, "").err();
        assert_eq!(
            err.map(|e| e.describe()),
            Some("unknown member kee in Filter; did you mean key?".to_string())
        );
    }

    #[test]
    fn unions_take_exactly_one_member() {
        assert!(conform(&json!({}), &EVENT_REFERENCE, "").is_err());
        assert!(
            conform(
                &json!({"resource": "arn:aws:s3:::b", "relatedItemId": "x"}),
                &EVENT_REFERENCE,
                ""
            )
            .is_err()
        );
    }

    #[test]
    fn arn_shapes() {
        let ok = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
        assert_eq!(
            check_text(ok, 1, 1000, TextCheck::IncidentRecordArn),
            Ok(())
        );
        let plan = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
        assert_eq!(
            check_text(plan, 1, 1000, TextCheck::ResponsePlanArn),
            Ok(())
        );
        assert!(check_text(plan, 1, 1000, TextCheck::IncidentRecordArn).is_err());
        assert!(
            check_text(
                "arn:aws:ssm-incidents:us-east-2:111122223333:response-plan/x",
                1,
                1000,
                TextCheck::ResponsePlanArn
            )
            .is_err()
        );
        assert!(
            check_text(
                "arn:aws:ssm-incidents::1111:response-plan/x",
                1,
                1000,
                TextCheck::ResponsePlanArn
            )
            .is_err()
        );
        assert_eq!(
            check_text(
                "arn:aws:sns:us-east-2:111122223333:t",
                1,
                1000,
                TextCheck::SnsTopicArn
            ),
            Ok(())
        );
    }

    #[test]
    fn related_item_ids() {
        assert!(
            check_related_item_id("related-item/OTHER/0123456789ABCDEF0123456789ABCDEF").is_ok()
        );
        assert!(
            check_related_item_id("related-item/OTHER/0123456789abcdef0123456789abcdef").is_err()
        );
    }
}
