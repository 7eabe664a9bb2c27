//! The vendored AWS service models, parsed once, with their string patterns compiled once.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::sandbox::errors::Service;

const INCIDENTS_JSON: &str = include_str!("../../../assets/models/ssm-incidents-2018-05-10.json");
const SNS_JSON: &str = include_str!("../../../assets/models/sns-2010-03-31.json");
const CHATBOT_JSON: &str = include_str!("../../../assets/models/chatbot-2017-10-11.json");

/// A model pattern, compiled by `regex`, or by `fancy-regex` when it needs look-around.
pub enum Pattern {
    Plain(regex::Regex),
    LookAround(fancy_regex::Regex),
    /// Neither engine compiles it; the reason is kept so the conformance suite can list it.
    Unsupported(String),
}

impl Pattern {
    fn compile(source: &str) -> Self {
        match regex::Regex::new(source) {
            Ok(re) => Pattern::Plain(re),
            Err(_) => match fancy_regex::Regex::new(source) {
                Ok(re) => Pattern::LookAround(re),
                Err(e) => Pattern::Unsupported(e.to_string()),
            },
        }
    }

    /// Whether `text` satisfies the pattern. Smithy patterns are not implicitly anchored: a match anywhere
    /// counts. `None` when the pattern could not be compiled or evaluated.
    pub fn matches(&self, text: &str) -> Option<bool> {
        match self {
            Pattern::Plain(re) => Some(re.is_match(text)),
            Pattern::LookAround(re) => re.is_match(text).ok(),
            Pattern::Unsupported(_) => None,
        }
    }
}

/// One service model: its operations, shapes and compiled patterns.
pub struct Model {
    pub protocol: String,
    operations: Map<String, Value>,
    shapes: Map<String, Value>,
    patterns: HashMap<String, Pattern>,
}

impl Model {
    fn parse(text: &str) -> Self {
        // The models are compiled into the binary and checked by the unit tests below; an unreadable one
        // leaves an empty model, which the conformance suite would report as every operation unmodelled.
        let root: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let object = |key: &str| root.get(key).and_then(Value::as_object).cloned();
        let shapes = object("shapes").unwrap_or_default();
        let patterns = shapes
            .values()
            .filter_map(|shape| shape.get("pattern").and_then(Value::as_str))
            .map(|source| (source.to_string(), Pattern::compile(source)))
            .collect();
        Self {
            protocol: root
                .pointer("/metadata/protocol")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            operations: object("operations").unwrap_or_default(),
            shapes,
            patterns,
        }
    }

    pub fn operation(&self, name: &str) -> Option<&Map<String, Value>> {
        self.operations.get(name).and_then(Value::as_object)
    }

    pub fn operation_names(&self) -> impl Iterator<Item = &str> {
        self.operations.keys().map(String::as_str)
    }

    pub fn shape(&self, name: &str) -> Option<&Map<String, Value>> {
        self.shapes.get(name).and_then(Value::as_object)
    }

    pub fn pattern(&self, source: &str) -> Option<&Pattern> {
        self.patterns.get(source)
    }

    /// The name of the operation's input (or output) structure shape.
    pub fn io_shape(&self, operation: &str, direction: &str) -> Option<&str> {
        self.operation(operation)?
            .get(direction)?
            .get("shape")?
            .as_str()
    }

    /// The error shape names the operation models.
    pub fn errors(&self, operation: &str) -> Vec<&str> {
        self.operation(operation)
            .and_then(|op| op.get("errors"))
            .and_then(Value::as_array)
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e.get("shape").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every pattern neither regex engine compiles, with the reason.
    pub fn unsupported_patterns(&self) -> Vec<(&str, &str)> {
        self.patterns
            .iter()
            .filter_map(|(source, p)| match p {
                Pattern::Unsupported(reason) => Some((source.as_str(), reason.as_str())),
                _ => None,
            })
            .collect()
    }
}

/// The model of `service`, parsed on first use.
pub fn model(service: Service) -> &'static Model {
    static INCIDENTS: OnceLock<Model> = OnceLock::new();
    static SNS: OnceLock<Model> = OnceLock::new();
    static CHATBOT: OnceLock<Model> = OnceLock::new();
    match service {
        Service::Incidents => INCIDENTS.get_or_init(|| Model::parse(INCIDENTS_JSON)),
        Service::Sns => SNS.get_or_init(|| Model::parse(SNS_JSON)),
        Service::Chatbot => CHATBOT.get_or_init(|| Model::parse(CHATBOT_JSON)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_loads_and_compiles_every_pattern() {
        for (service, protocol) in [
            (Service::Incidents, "rest-json"),
            (Service::Sns, "query"),
            (Service::Chatbot, "rest-json"),
        ] {
            let m = model(service);
            assert_eq!(m.protocol, protocol);
            assert!(m.operation_names().count() > 20);
            assert!(
                m.unsupported_patterns().is_empty(),
                "{:?}",
                m.unsupported_patterns()
            );
        }
    }

    #[test]
    fn look_ahead_patterns_are_enforced() {
        let m = model(Service::Incidents);
        let tag_key = m
            .pattern("^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$")
            .expect("tag key pattern");
        assert_eq!(tag_key.matches("team"), Some(true));
        assert_eq!(tag_key.matches("aws:team"), Some(false));
    }
}
