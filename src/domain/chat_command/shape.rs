//! Request shapes, and `conform`: untyped JSON (shorthand or JSON) checked and turned into wire JSON.

mod catalog;
mod checks;

use serde_json::{Map, Value};

use super::suggest::closest;
use super::timestamp::parse_timestamp;
pub use catalog::*;
pub use checks::check_text;

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

pub const fn member(name: &'static str, shape: &'static Shape) -> Member {
    Member {
        name,
        shape,
        required: false,
    }
}

pub const fn required(name: &'static str, shape: &'static Shape) -> Member {
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
}
