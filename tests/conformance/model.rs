//! The vendored AWS models read independently of the sandbox's validator, and valid values built from them.

#![allow(dead_code)]

use serde_json::{Map, Value, json};

pub struct Model {
    pub service: &'static str,
    pub protocol: String,
    root: Value,
}

impl Model {
    pub fn load(service: &'static str) -> Self {
        let file = match service {
            "ssm-incidents" => "ssm-incidents-2018-05-10.json",
            "sns" => "sns-2010-03-31.json",
            _ => "chatbot-2017-10-11.json",
        };
        let path = format!("{}/assets/models/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("model file");
        let root: Value = serde_json::from_str(&text).expect("model JSON");
        Self {
            service,
            protocol: root["metadata"]["protocol"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            root,
        }
    }

    pub fn is_query(&self) -> bool {
        self.protocol == "query"
    }

    pub fn operation(&self, name: &str) -> &Value {
        &self.root["operations"][name]
    }

    pub fn shape(&self, name: &str) -> &Map<String, Value> {
        self.root["shapes"][name]
            .as_object()
            .unwrap_or_else(|| panic!("{}: no shape {name}", self.service))
    }

    pub fn input_shape(&self, op: &str) -> Option<&str> {
        self.operation(op)["input"]["shape"].as_str()
    }

    pub fn output_shape(&self, op: &str) -> Option<&str> {
        self.operation(op)["output"]["shape"].as_str()
    }

    /// The code a request the model forbids is refused with (src/sandbox/validate.rs, aws-api.md).
    pub fn validation_code(&self, op: &str) -> &'static str {
        match self.service {
            "ssm-incidents" => "ValidationException",
            "sns" => "InvalidParameter",
            _ => {
                let errors: Vec<&str> = self.operation(op)["errors"]
                    .as_array()
                    .map(|e| e.iter().filter_map(|x| x["shape"].as_str()).collect())
                    .unwrap_or_default();
                ["InvalidParameterException", "InvalidRequestException"]
                    .into_iter()
                    .find(|c| errors.contains(c))
                    .unwrap_or("ValidationException")
            }
        }
    }

    /// The path of list item `index` (0-based) as the service writes it in validation messages.
    pub fn item_path(&self, path: &str, index: usize) -> String {
        if self.is_query() {
            format!("{path}.member.{}", index + 1)
        } else {
            format!("{path}.{}.member", index + 1)
        }
    }

    /// A valid value of `shape`. `full`: every optional member and one list/map item too, so that nested
    /// constraints are reachable.
    pub fn valid(&self, shape_name: &str, full: bool, depth: usize) -> Value {
        let shape = self.shape(shape_name);
        let kind = shape["type"].as_str().unwrap_or("");
        let min = shape.get("min").and_then(Value::as_f64);
        let max = shape.get("max").and_then(Value::as_f64);
        match kind {
            "structure" => {
                let mut out = Map::new();
                let members = shape["members"].as_object().cloned().unwrap_or_default();
                let required = required(shape);
                if shape.get("union").and_then(Value::as_bool) == Some(true) {
                    if let Some((name, m)) = members.iter().next() {
                        out.insert(name.clone(), self.valid(target(m), full, depth + 1));
                    }
                    return Value::Object(out);
                }
                for (name, m) in &members {
                    if required.contains(&name.as_str()) || (full && depth < 6) {
                        out.insert(name.clone(), self.valid(target(m), full, depth + 1));
                    }
                }
                Value::Object(out)
            }
            "list" => {
                let n = min.unwrap_or(0.0) as usize;
                let n = if full && depth < 6 { n.max(1) } else { n };
                let n = n.min(max.map_or(usize::MAX, |m| m as usize));
                let item = target(&shape["member"]).to_string();
                Value::Array((0..n).map(|_| self.valid(&item, full, depth + 1)).collect())
            }
            "map" => {
                let n = min.unwrap_or(0.0) as usize;
                let n = if full && depth < 6 { n.max(1) } else { n };
                let keys = self.distinct_keys(target(&shape["key"]), n);
                let value = target(&shape["value"]).to_string();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k, self.valid(&value, full, depth + 1)))
                        .collect(),
                )
            }
            "string" => Value::String(self.sample(shape_name)),
            "integer" | "long" => {
                let lo = min.unwrap_or(1.0);
                json!(lo.min(max.unwrap_or(lo)) as i64)
            }
            "double" | "float" => json!(min.unwrap_or(1.0)),
            "boolean" => json!(false),
            "timestamp" => {
                if self.is_query() {
                    json!("2023-11-14T22:13:20Z")
                } else {
                    json!(1_700_000_000)
                }
            }
            "blob" => json!("aGk="),
            other => panic!(
                "{}: shape {shape_name} of unknown type {other}",
                self.service
            ),
        }
    }

    /// `n` distinct valid map keys of string shape `key_shape`.
    pub fn distinct_keys(&self, key_shape: &str, n: usize) -> Vec<String> {
        let base = self.sample(key_shape);
        (0..n)
            .map(|i| {
                if i == 0 {
                    base.clone()
                } else {
                    format!("{base}{i}")
                }
            })
            .collect()
    }

    /// A valid string of shape `name`: its first enum value, a known example for a patterned shape, or
    /// `a` repeated to the minimum length.
    pub fn sample(&self, name: &str) -> String {
        let shape = self.shape(name);
        if let Some(first) = shape.get("enum").and_then(|e| e[0].as_str()) {
            return first.to_string();
        }
        if let Some(pattern) = shape.get("pattern").and_then(Value::as_str) {
            let example = example_for(self.service, name).unwrap_or_else(|| {
                panic!(
                    "{}: no example value for patterned shape {name} ({pattern}); add one to example_for",
                    self.service
                )
            });
            assert!(
                matches(pattern, example),
                "{}: example {example:?} does not match {pattern}",
                self.service
            );
            return example.to_string();
        }
        let min = shape.get("min").and_then(Value::as_u64).unwrap_or(1).max(1);
        "a".repeat(min as usize)
    }
}

pub fn target(member: &Value) -> &str {
    member["shape"].as_str().unwrap_or("")
}

pub fn required(shape: &Map<String, Value>) -> Vec<&str> {
    shape
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Smithy pattern semantics: not implicitly anchored, a match anywhere counts.
pub fn matches(pattern: &str, text: &str) -> bool {
    match regex::Regex::new(pattern) {
        Ok(re) => re.is_match(text),
        Err(_) => fancy_regex::Regex::new(pattern)
            .expect("pattern compiles")
            .is_match(text)
            .expect("pattern evaluates"),
    }
}

/// A string of exactly `len` characters that still matches `pattern`, grown from `sample` by repeating one
/// of its characters in place; `None` when no such repetition matches.
pub fn stretched(pattern: Option<&str>, sample: &str, len: usize) -> Option<String> {
    let chars: Vec<char> = sample.chars().collect();
    let Some(pattern) = pattern else {
        return Some("a".repeat(len));
    };
    if len < chars.len() {
        let cut: String = chars[..len].iter().collect();
        return matches(pattern, &cut).then_some(cut);
    }
    let extra = len - chars.len();
    for p in (0..chars.len()).rev() {
        let mut candidate: String = chars[..p].iter().collect();
        candidate.extend(std::iter::repeat_n(chars[p], extra));
        candidate.extend(chars[p..].iter());
        if matches(pattern, &candidate) {
            return Some(candidate);
        }
    }
    None
}

/// A string of `len` characters (at least 1) that does not match `pattern`, if one of a few tries works.
pub fn mismatching(pattern: &str, len: usize) -> Option<String> {
    let len = len.max(1);
    ["!", " ", "%", "\u{e9}", "\"", "\n"]
        .into_iter()
        .map(|c| c.repeat(len))
        .find(|candidate| !matches(pattern, candidate))
}

/// Example values for the patterned string shapes the served operations take.
fn example_for(service: &str, shape: &str) -> Option<&'static str> {
    Some(match (service, shape) {
        ("ssm-incidents", "GeneratedId") => "related-item/OTHER/0123456789ABCDEF0123456789ABCDEF",
        ("ssm-incidents", "Arn") => "arn:aws:sns:us-east-2:111122223333:My_SNS_topic",
        ("ssm-incidents", "SsmAutomationDocumentNameString") => "doc",
        ("ssm-incidents", "RoleArn") => "arn:aws:iam::111122223333:role/r",
        ("ssm-incidents", "SsmContactsArn") => {
            "arn:aws:ssm-contacts:us-east-2:111122223333:contact/c"
        }
        ("ssm-incidents", "TagKey") => "k",
        ("ssm-incidents", "ResponsePlanName") => "conformance-plan",
        ("ssm-incidents", "TagValue") => "v",
        ("chatbot", "PaginationToken") => "abcd",
        ("chatbot", "ChatConfigurationArn") => {
            "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/x"
        }
        ("chatbot", "AmazonResourceName") => {
            "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/x"
        }
        ("chatbot", "UUID") => "01234567-89ab-cdef-0123-456789abcdef",
        ("chatbot", "SlackChannelId") => "C0123",
        ("chatbot", "SlackTeamId") => "T0123ABCD",
        ("chatbot", "ConfigurationName") => "conformance",
        ("chatbot", "TeamName") => "team",
        ("chatbot", "TagKey") => "k",
        ("chatbot", "TagValue") => "v",
        ("chatbot", "Arn") => "arn:aws:iam::111122223333:role/r",
        ("chatbot", "CustomerCwLogLevel") => "INFO",
        ("chatbot", "GuardrailPolicyArn") => "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ("chatbot", "TeamsChannelId") => "19%3ab%40thread.tacv2",
        ("chatbot", "TeamsChannelName") => "n",
        ("chatbot", "ChimeWebhookUrl") => "https://hooks.chime.aws/incomingwebhooks/abc?token=def",
        ("sns", "TagKey") => "k",
        _ => return None,
    })
}
