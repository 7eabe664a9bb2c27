//! Conformance of every served operation to the vendored AWS models: a valid request is accepted and its answer
//! fits the output shape, each constraint broken once is refused, each bound met exactly is allowed, and paging
//! one item at a time gives the same items as one page.

#[path = "conformance/cases.rs"]
mod cases;
#[path = "conformance/model.rs"]
mod model;
#[path = "conformance/output.rs"]
mod output;
#[path = "conformance/query_xml.rs"]
mod query_xml;
#[path = "support/raw_http.rs"]
mod raw_http;
#[path = "support/sdk.rs"]
mod sdk;

use std::collections::BTreeMap;
use std::net::SocketAddr;

use imdeck::sandbox::{Sandbox, served_operations};
use serde_json::{Map, Value, json};

use cases::{Builder, Expect};
use model::{Model, target};

const REGION: &str = "us-east-2";

/// Real identifiers of the demo scenario, so a valid request names something that exists.
struct Known {
    replication_set: String,
    custom_event: String,
    slack: String,
    teams: String,
    chime: String,
    subscription: String,
    /// A resource policy put on the test plan, since the demo's plans are not shared.
    policy_id: String,
}

async fn known(sandbox: &Sandbox) -> Known {
    let im = sdk::incidents(sandbox).await;
    let replication_set = im
        .list_replication_sets()
        .send()
        .await
        .expect("ListReplicationSets")
        .replication_set_arns()[0]
        .clone();
    let events = im
        .list_timeline_events()
        .incident_record_arn(sdk::MAIN_INCIDENT)
        .send()
        .await
        .expect("ListTimelineEvents");
    let custom_event = events
        .event_summaries()
        .iter()
        .find(|e| e.event_type() == "Custom Event")
        .expect("a Custom Event in the demo")
        .event_id()
        .to_string();
    let bot = sdk::chatbot(sandbox).await;
    let slack = bot
        .describe_slack_channel_configurations()
        .send()
        .await
        .expect("DescribeSlack")
        .slack_channel_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    let teams = bot
        .list_microsoft_teams_channel_configurations()
        .send()
        .await
        .expect("ListTeams")
        .team_channel_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    let chime = bot
        .describe_chime_webhook_configurations()
        .send()
        .await
        .expect("DescribeChime")
        .webhook_configurations()[0]
        .chat_configuration_arn()
        .to_string();
    let subscription = sdk::sns(sandbox, REGION)
        .await
        .list_subscriptions_by_topic()
        .topic_arn(format!(
            "arn:aws:sns:{REGION}:{}:My_SNS_topic",
            sdk::ACCOUNT
        ))
        .send()
        .await
        .expect("ListSubscriptionsByTopic")
        .subscriptions()
        .first()
        .and_then(|s| s.subscription_arn())
        .expect("Chatbot's subscription on the demo's topic")
        .to_string();
    let policy_id = im
        .put_resource_policy()
        .resource_arn(sdk::TEST_PLAN)
        .policy(share_policy())
        .send()
        .await
        .expect("PutResourcePolicy")
        .policy_id()
        .to_string();
    Known {
        policy_id,
        replication_set,
        custom_event,
        slack,
        teams,
        chime,
        subscription,
    }
}

/// A policy document sharing the test plan (the model says only "a string"; the service needs JSON).
fn share_policy() -> String {
    json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"},
            "Action": "ssm-incidents:GetResponsePlan", "Resource": sdk::TEST_PLAN}],
    })
    .to_string()
}

/// The identifying members of `op`, set to things that exist in the demo scenario.
fn identity(known: &Known, service: &str, op: &str) -> Vec<(&'static str, Value)> {
    let topic = format!("arn:aws:sns:{REGION}:{}:My_SNS_topic", sdk::ACCOUNT);
    match service {
        "ssm-incidents" => {
            let filters = if op == "ListTimelineEvents" {
                json!([{"key": "eventType", "condition": {"equals": {"stringValues": ["Custom Event"]}}}])
            } else {
                json!([{"key": "status", "condition": {"equals": {"stringValues": ["OPEN"]}}}])
            };
            let arn = match op {
                "GetResponsePlan" | "UpdateResponsePlan" => sdk::TEST_PLAN.to_string(),
                "GetReplicationSet"
                | "UpdateReplicationSet"
                | "UpdateDeletionProtection"
                | "DeleteReplicationSet" => known.replication_set.clone(),
                _ => sdk::MAIN_INCIDENT.to_string(),
            };
            vec![
                ("resourceArn", json!(sdk::TEST_PLAN)),
                ("arn", json!(arn)),
                ("incidentRecordArn", json!(sdk::MAIN_INCIDENT)),
                ("responsePlanArn", json!(sdk::TEST_PLAN)),
                ("eventId", json!(known.custom_event)),
                ("policyId", json!(known.policy_id)),
                ("policy", json!(share_policy())),
                // Semantics the model cannot state: only these event types are writable, and each list
                // operation takes its own filter keys.
                ("eventType", json!("Custom Event")),
                ("filters", filters),
            ]
        }
        "sns" => vec![
            ("TopicArn", json!(topic)),
            ("SubscriptionArn", json!(known.subscription)),
            // Semantics the model cannot state: a protocol SNS knows, and the endpoint it needs.
            ("Protocol", json!("https")),
            ("Endpoint", json!("https://example.com/hook")),
            ("ResourceArn", json!(topic)),
            ("Name", json!("conformance-topic")),
            ("AttributeName", json!("DisplayName")),
        ],
        _ => {
            let arn = if op.contains("Slack") {
                &known.slack
            } else if op.contains("Teams") {
                &known.teams
            } else {
                &known.chime
            };
            vec![
                ("ChatConfigurationArn", json!(arn)),
                ("ResourceARN", json!(known.slack)),
            ]
        }
    }
}

fn with_identity(
    mut request: Map<String, Value>,
    ids: &[(&'static str, Value)],
) -> Map<String, Value> {
    for (name, value) in ids {
        if request.contains_key(*name) {
            request.insert((*name).to_string(), value.clone());
        }
    }
    // Members the model leaves optional that the semantics need: Publish's target (TopicArn, TargetArn or
    // PhoneNumber), and an https subscription's endpoint.
    let needs = |request: &Map<String, Value>, name: &str| match name {
        "TopicArn" => request.contains_key("Message"),
        "Endpoint" => request.get("Protocol") == Some(&json!("https")),
        _ => false,
    };
    for (name, value) in ids {
        if !request.contains_key(*name) && needs(&request, name) {
            request.insert((*name).to_string(), value.clone());
        }
    }
    request
}

struct Answer {
    status: u16,
    code: String,
    message: String,
    body: String,
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// awsQuery form fields for `value` of shape `shape` under `prefix`.
fn flatten(
    model: &Model,
    shape: &str,
    value: &Value,
    prefix: &str,
    out: &mut Vec<(String, String)>,
) {
    let spec = model.shape(shape);
    let key = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        }
    };
    match spec["type"].as_str().unwrap_or("") {
        "structure" => {
            for (name, inner) in value.as_object().into_iter().flatten() {
                let member = &spec["members"][name];
                flatten(model, target(member), inner, &key(name), out);
            }
        }
        "list" => {
            // awsQuery sends an empty list as its bare name, `Tags=`.
            if value.as_array().is_some_and(Vec::is_empty) {
                out.push((prefix.to_string(), String::new()));
            }
            for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                flatten(
                    model,
                    target(&spec["member"]),
                    item,
                    &format!("{prefix}.member.{}", i + 1),
                    out,
                );
            }
        }
        "map" => {
            for (i, (k, v)) in value.as_object().into_iter().flatten().enumerate() {
                out.push((format!("{prefix}.entry.{}.key", i + 1), k.clone()));
                flatten(
                    model,
                    target(&spec["value"]),
                    v,
                    &format!("{prefix}.entry.{}.value", i + 1),
                    out,
                );
            }
        }
        _ => out.push((prefix.to_string(), text_of(value))),
    }
}

async fn send(addr: SocketAddr, model: &Model, op: &str, request: &Map<String, Value>) -> Answer {
    let auth = raw_http::auth(REGION, model.service);
    let input = model.input_shape(op).unwrap_or("");
    let response = if model.is_query() {
        let mut fields = vec![
            ("Action".to_string(), op.to_string()),
            ("Version".to_string(), "2010-03-31".to_string()),
        ];
        flatten(
            model,
            input,
            &Value::Object(request.clone()),
            "",
            &mut fields,
        );
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        raw_http::send(
            addr,
            "POST",
            "/",
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            &body,
        )
        .await
    } else {
        let http = &model.operation(op)["http"];
        let method = http["method"].as_str().unwrap_or("POST");
        let mut query = form_urlencoded::Serializer::new(String::new());
        let mut body = Map::new();
        let members = model.shape(input)["members"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut uri = http["requestUri"].as_str().unwrap_or("/").to_string();
        for (name, value) in request {
            let member = &members[name];
            let wire_name = member["locationName"].as_str().unwrap_or(name);
            match member["location"].as_str() {
                Some("querystring") => match value {
                    Value::Array(items) => {
                        for item in items {
                            query.append_pair(wire_name, &text_of(item));
                        }
                    }
                    other => {
                        query.append_pair(wire_name, &text_of(other));
                    }
                },
                Some("uri") => {
                    let encoded: String =
                        form_urlencoded::byte_serialize(text_of(value).as_bytes()).collect();
                    uri = uri.replace(&format!("{{{wire_name}}}"), &encoded);
                }
                _ => {
                    body.insert(name.clone(), value.clone());
                }
            }
        }
        let query = query.finish();
        let path = format!("{uri}{}{query}", if query.is_empty() { "" } else { "?" });
        let body = if matches!(method, "GET" | "DELETE") {
            String::new()
        } else {
            Value::Object(body).to_string()
        };
        raw_http::send(
            addr,
            method,
            &path,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            &body,
        )
        .await
    };
    let response = response.expect("the sandbox answered");
    let (code, message) = if model.is_query() {
        let tag = |name: &str| {
            response
                .body
                .split(&format!("<{name}>"))
                .nth(1)
                .and_then(|s| s.split(&format!("</{name}>")).next())
                .unwrap_or("")
                .to_string()
        };
        let unescaped = |t: String| {
            quick_xml::escape::unescape(&t)
                .map(|c| c.into_owned())
                .unwrap_or(t)
        };
        (unescaped(tag("Code")), unescaped(tag("Message")))
    } else {
        let parsed: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
        (
            text_of(&parsed["__type"]).trim_matches('"').to_string(),
            parsed["message"].as_str().unwrap_or("").to_string(),
        )
    };
    Answer {
        status: response.status,
        code,
        message,
        body: response.body,
    }
}

fn model_refusal_names(answer: &Answer, path: &str) -> bool {
    (400..500).contains(&answer.status)
        && answer.message.contains(&format!(
            "at '{path}' failed to satisfy constraint: Member must"
        ))
}

/// Whether the answer refuses a size or range bound at `path` (what a case at exactly that bound must not get).
fn bound_refused(answer: &Answer, path: &str) -> bool {
    ["have length", "have value"].iter().any(|what| {
        answer.message.contains(&format!(
            "at '{path}' failed to satisfy constraint: Member must {what}"
        ))
    })
}

fn models() -> BTreeMap<&'static str, Model> {
    ["ssm-incidents", "sns", "chatbot"]
        .into_iter()
        .map(|s| (s, Model::load(s)))
        .collect()
}

#[tokio::test]
async fn every_served_operation_is_in_its_model() {
    let models = models();
    for (service, op) in served_operations() {
        assert!(
            models[service].operation(op).is_object(),
            "{service} {op}: not in the model"
        );
    }
}

#[tokio::test]
async fn a_valid_request_is_accepted_and_answered_in_the_output_shape() {
    let models = models();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (service, op) in served_operations() {
        let model = &models[service];
        let Some(input) = model.input_shape(op) else {
            continue;
        };
        let sandbox = sdk::demo().await;
        let ids = identity(&known(&sandbox).await, service, op);
        // An account holds one replication set, and the demo's exists: create one in an empty account.
        let sandbox = if op == "CreateReplicationSet" {
            sandbox.shutdown().await;
            sdk::sandbox(imdeck::sandbox::Scenario::Empty).await
        } else {
            sandbox
        };
        // The demo's replication set is deletion-protected, as a careful account's is.
        if op == "DeleteReplicationSet" {
            sdk::incidents(&sandbox)
                .await
                .update_deletion_protection()
                .arn(&known(&sandbox).await.replication_set)
                .deletion_protected(false)
                .send()
                .await
                .expect("UpdateDeletionProtection");
        }
        let minimal = match model.valid(input, false, 0) {
            Value::Object(m) => with_identity(m, &ids),
            _ => Map::new(),
        };
        let answer = send(sandbox.addr(), model, op, &minimal).await;
        checked += 1;
        if !(200..300).contains(&answer.status) {
            failures.push(format!(
                "{service} {op} minimal {minimal:?}: {} {} {}",
                answer.status, answer.code, answer.message
            ));
        } else if model.is_query() {
            // awsQuery answers are XML: read as the output shape says, then checked the same way.
            match query_xml::parse(&answer.body)
                .and_then(|root| query_xml::result_value(model, op, &root))
            {
                Ok(body) => {
                    for problem in output::problems(model, op, &body) {
                        failures.push(format!("{service} {op} output: {problem}"));
                    }
                }
                Err(e) => failures.push(format!("{service} {op} output: {e}: {}", answer.body)),
            }
        } else {
            let body: Value = if answer.body.trim().is_empty() {
                json!({})
            } else {
                serde_json::from_str(&answer.body).unwrap_or(Value::Null)
            };
            for problem in output::problems(model, op, &body) {
                failures.push(format!("{service} {op} output: {problem}"));
            }
        }
        sandbox.shutdown().await;
        // Every optional member set too: no model constraint may refuse it (the sandbox's semantics may).
        let sandbox = sdk::demo().await;
        let full = match model.valid(input, true, 0) {
            Value::Object(m) => with_identity(m, &ids),
            _ => Map::new(),
        };
        let answer = send(sandbox.addr(), model, op, &full).await;
        if answer
            .message
            .contains("failed to satisfy constraint: Member must")
        {
            failures.push(format!(
                "{service} {op} every member set: refused {} {}",
                answer.code, answer.message
            ));
        }
        sandbox.shutdown().await;
    }
    println!("valid requests checked: {checked} operations");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn each_constraint_broken_once_is_refused_and_each_bound_is_allowed() {
    let models = models();
    let (mut refused, mut allowed, mut unreachable) = (0, 0, Vec::new());
    let mut failures = Vec::new();
    let sandbox = sdk::demo().await;
    let known = known(&sandbox).await;
    for (service, op) in served_operations() {
        let model = &models[service];
        let Some(input) = model.input_shape(op) else {
            continue;
        };
        let ids = identity(&known, service, op);
        let full = match model.valid(input, true, 0) {
            Value::Object(m) => with_identity(m, &ids),
            _ => Map::new(),
        };
        let mut builder = Builder::new(model, full);
        builder.input(input);
        unreachable.extend(
            builder
                .unreachable
                .iter()
                .map(|u| format!("{service} {op} {u}")),
        );
        for case in builder.cases {
            // A fresh sandbox for each case that could change state, so one case cannot break the next.
            let fresh = match case.expect {
                Expect::Allowed(_) => Some(sdk::demo().await),
                Expect::Refused(_) => None,
            };
            let addr = fresh.as_ref().map_or(sandbox.addr(), Sandbox::addr);
            let answer = send(addr, model, op, &case.request).await;
            match &case.expect {
                Expect::Refused(path) => {
                    refused += 1;
                    let code = model.validation_code(op);
                    if answer.status != 400
                        || answer.code != code
                        || !model_refusal_names(&answer, path)
                            && !answer.message.contains(&format!("at '{path}'"))
                    {
                        failures.push(format!(
                            "{service} {op} [{}] expected 400 {code} naming '{path}', got {} {} {}",
                            case.label, answer.status, answer.code, answer.message
                        ));
                    }
                }
                Expect::Allowed(path) => {
                    allowed += 1;
                    if bound_refused(&answer, path) || answer.status >= 500 {
                        failures.push(format!(
                            "{service} {op} [{}] at a bound but refused: {} {} {}",
                            case.label, answer.status, answer.code, answer.message
                        ));
                    }
                }
            }
            if let Some(fresh) = fresh {
                fresh.shutdown().await;
            }
        }
    }
    println!(
        "constraint cases: {refused} broken (refused), {allowed} at a bound (allowed); bounds no value could be built for: {}",
        unreachable.len()
    );
    for u in &unreachable {
        println!("  unreachable bound: {u}");
    }
    assert!(refused > 0 && allowed > 0);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

async fn page(addr: SocketAddr, model: &Model, op: &str, request: &Map<String, Value>) -> Value {
    let answer = send(addr, model, op, request).await;
    assert_eq!(
        answer.status, 200,
        "{op}: {} {}",
        answer.code, answer.message
    );
    serde_json::from_str::<Value>(&answer.body).expect("JSON page")
}

/// The list member of a paginated output, for operations whose input takes a page size and a token.
fn paginated(model: &Model, op: &str) -> Option<(String, String, String, String)> {
    let input = model.shape(model.input_shape(op)?);
    let members = input["members"].as_object()?;
    let size = members
        .keys()
        .find(|k| k.eq_ignore_ascii_case("maxResults"))?
        .clone();
    let token = members
        .keys()
        .find(|k| k.eq_ignore_ascii_case("nextToken"))?
        .clone();
    let output = model.shape(model.output_shape(op)?);
    let items = output["members"]
        .as_object()?
        .iter()
        .find(|(_, m)| model.shape(target(m))["type"] == "list")?
        .0
        .clone();
    Some((
        size,
        token,
        items,
        output["members"]
            .as_object()?
            .keys()
            .find(|k| k.eq_ignore_ascii_case("nextToken"))?
            .clone(),
    ))
}

#[tokio::test]
async fn paging_one_item_at_a_time_gives_the_same_items_as_one_page() {
    let models = models();
    let sandbox = sdk::demo().await;
    let known = known(&sandbox).await;
    let mut compared = Vec::new();
    for (service, op) in served_operations() {
        let model = &models[service];
        if model.is_query() {
            continue; // ListTopics takes no page size.
        }
        let Some((size, token, items, next)) = paginated(model, op) else {
            continue;
        };
        let ids = identity(&known, service, op);
        let Some(input) = model.input_shape(op) else {
            continue;
        };
        let base = match model.valid(input, false, 0) {
            Value::Object(m) => with_identity(m, &ids),
            _ => Map::new(),
        };
        let addr = sandbox.addr();
        // The largest page the model allows (ListIncidentFindings stops at 20, most lists at 100).
        let largest = model.shape(target(&model.shape(input)["members"][&size]))["max"]
            .as_i64()
            .unwrap_or(100);
        let mut one = base.clone();
        one.insert(size.clone(), json!(largest));
        let big = page(addr, model, op, &one).await;
        assert!(
            big.get(&next).is_none_or(Value::is_null),
            "{op}: the demo needs more than {largest} items"
        );
        let all = big[&items].as_array().cloned().unwrap_or_default();
        let mut single = Vec::new();
        let mut request = base.clone();
        request.insert(size.clone(), json!(1));
        loop {
            let answer = page(addr, model, op, &request).await;
            let got = answer[&items].as_array().cloned().unwrap_or_default();
            assert!(got.len() <= 1, "{op}: page size 1 gave {}", got.len());
            single.extend(got);
            match answer.get(&next).and_then(Value::as_str) {
                Some(t) => {
                    request.insert(token.clone(), json!(t));
                }
                None => break,
            }
            assert!(single.len() <= all.len() + 1, "{op}: paging does not end");
        }
        assert_eq!(single, all, "{op}: one at a time differs from one page");
        compared.push(format!("{op} ({} items)", all.len()));
    }
    println!("paginated operations compared: {}", compared.join(", "));
    assert!(compared.len() >= 5, "{compared:?}");
}

#[test]
fn an_sns_answer_with_a_member_its_model_lacks_is_caught() {
    let models = models();
    let sns = &models["sns"];
    let xml = "<ListTopicsResponse><ListTopicsResult><Topics><member><TopicArn>arn:aws:sns:us-east-2:111122223333:t\
               </TopicArn><Bogus>x</Bogus></member></Topics></ListTopicsResult></ListTopicsResponse>";
    let root = query_xml::parse(xml).expect("well-formed");
    let body = query_xml::result_value(sns, "ListTopics", &root).expect("a ListTopics answer");
    let problems = output::problems(sns, "ListTopics", &body);
    assert!(
        problems.iter().any(|p| p.contains("Bogus")),
        "{problems:?} in {body}"
    );
    let good = xml.replace("<Bogus>x</Bogus>", "");
    let root = query_xml::parse(&good).expect("well-formed");
    let body = query_xml::result_value(sns, "ListTopics", &root).expect("a ListTopics answer");
    assert_eq!(
        output::problems(sns, "ListTopics", &body),
        Vec::<String>::new()
    );
}
