//! Reads an awsQuery (SNS) XML answer into the JSON form of its output shape, so the same output check applies.

#![allow(dead_code)]

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Map, Value, json};

use super::model::{Model, target};

/// One XML element: its name, its child elements, its text.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub children: Vec<Element>,
    pub text: String,
}

/// The document's root element, or why it is not well-formed XML.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => stack.push(Element {
                name: String::from_utf8_lossy(start.name().as_ref()).into_owned(),
                ..Element::default()
            }),
            Event::Empty(empty) => {
                let element = Element {
                    name: String::from_utf8_lossy(empty.name().as_ref()).into_owned(),
                    ..Element::default()
                };
                stack.last_mut().ok_or("unbalanced")?.children.push(element);
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| e.to_string())?;
                let text = quick_xml::escape::unescape(&text).map_err(|e| e.to_string())?;
                stack.last_mut().ok_or("unbalanced")?.text.push_str(&text);
            }
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced")?;
                stack.last_mut().ok_or("unbalanced")?.children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().ok_or("unbalanced")?;
    document
        .children
        .pop()
        .ok_or_else(|| "no root element".to_string())
}

/// The `<OpResult>` element of an `<OpResponse>` read as the output shape says, for `output::problems`;
/// an element the shape does not know keeps its name, so the check names it.
pub fn result_value(model: &Model, operation: &str, root: &Element) -> Result<Value, String> {
    if root.name != format!("{operation}Response") {
        return Err(format!(
            "the root is <{}>, not <{operation}Response>",
            root.name
        ));
    }
    let result = root
        .children
        .iter()
        .find(|c| c.name == format!("{operation}Result"));
    Ok(match (model.output_shape(operation), result) {
        (Some(shape), Some(result)) => value(model, shape, result),
        (Some(_), None) => json!({}),
        (None, Some(result)) if !result.children.is_empty() => value_untyped(result),
        (None, _) => json!({}),
    })
}

fn value(model: &Model, shape_name: &str, element: &Element) -> Value {
    let shape = model.shape(shape_name);
    match shape["type"].as_str().unwrap_or("") {
        "structure" => {
            let members = shape["members"].as_object().cloned().unwrap_or_default();
            let mut object = Map::new();
            for child in &element.children {
                let member = members.iter().find(|(name, m)| {
                    m["locationName"].as_str().unwrap_or(name.as_str()) == child.name
                });
                let v = match member {
                    Some((_, m)) => value(model, target(m), child),
                    None => value_untyped(child),
                };
                object.insert(child.name.clone(), v);
            }
            Value::Object(object)
        }
        "list" => {
            let item = target(&shape["member"]).to_string();
            Value::Array(
                element
                    .children
                    .iter()
                    .map(|c| {
                        if c.name == "member" {
                            value(model, &item, c)
                        } else {
                            // Not the list's element name: kept as an unexpected member to be reported.
                            json!({ c.name.clone(): value_untyped(c) })
                        }
                    })
                    .collect(),
            )
        }
        "map" => {
            let value_shape = target(&shape["value"]).to_string();
            let mut object = Map::new();
            for entry in &element.children {
                let key = entry.children.iter().find(|c| c.name == "key");
                let val = entry.children.iter().find(|c| c.name == "value");
                if let (Some(key), Some(val)) = (key, val) {
                    object.insert(key.text.clone(), value(model, &value_shape, val));
                }
            }
            Value::Object(object)
        }
        "integer" | "long" => element
            .text
            .parse::<i64>()
            .map_or_else(|_| json!(element.text), |n| json!(n)),
        "boolean" => match element.text.as_str() {
            "true" => json!(true),
            "false" => json!(false),
            other => json!(other),
        },
        _ => json!(element.text),
    }
}

fn value_untyped(element: &Element) -> Value {
    if element.children.is_empty() {
        json!(element.text)
    } else {
        Value::Object(
            element
                .children
                .iter()
                .map(|c| (c.name.clone(), value_untyped(c)))
                .collect(),
        )
    }
}
