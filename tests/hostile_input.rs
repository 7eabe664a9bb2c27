//! Hostile input: megabyte command lines and policies, JSON nested deep, 12,000-character event data, ANSI escapes in
//! titles and events, invalid UTF-8 from the service — each gets a clear error or is shown inert, and nothing panics.

#[path = "support/e2e.rs"]
mod e2e;
#[path = "support/real_loop.rs"]
mod real_loop;
#[path = "support/sdk.rs"]
mod sdk;

use std::time::{Duration, Instant};

use aws_sdk_ssmincidents::primitives::DateTime;
use imdeck::app::{AppState, Effect, HeaderInfo, Msg, update};
use imdeck::cloud::{Cloud, CloudError, ConnectOptions};
use imdeck::domain::audit::{Status, run_audit};
use imdeck::domain::chat_command::parse_chat_line;
use imdeck::domain::policy::{
    PolicyError, PublishVerdict, ServiceRequest, evaluate_request, incident_manager_statement,
    merge_statement,
};
use imdeck::domain::snapshot::CloudSnapshot;
use imdeck::sandbox::{SandboxOptions, Scenario};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const MB: usize = 1024 * 1024;
/// A guard against work that grows faster than the input, not a speed claim (speed is in BENCHMARKS.md): the
/// quadratic parser this caught took hours on a 1 MB line, the linear one ~2 s in a debug build on a loaded
/// two-core machine, and a machine busy with other builds made 10 s too tight.
const FAST: Duration = Duration::from_secs(60);
const TOPIC: &str = "arn:aws:sns:us-east-2:111122223333:My_SNS_topic";

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(took < FAST, "{what} took {took:?}");
    out
}

// ---- command lines ----

#[test]
fn megabyte_command_lines_parse_or_fail_clearly_and_fast() {
    let arn = e2e::DEMO_INCIDENT;
    let cases: Vec<(&str, String)> = vec![
        (
            "4 MB of event data",
            format!(
                "@aws ssm-incidents create-timeline-event --incident-record-arn {arn} --event-time 2024-03-14T10:00:00Z \
                 --event-type \"Custom Event\" --event-data \"{}\"",
                "x".repeat(4 * MB)
            ),
        ),
        (
            "131,072 unknown options",
            format!(
                "@aws ssm-incidents list-incident-records {}",
                "--bogus ".repeat(MB / 8)
            ),
        ),
        (
            "an unclosed quote 2 MB long",
            format!(
                "@aws ssm-incidents get-incident-record --arn \"{}",
                "y ".repeat(MB)
            ),
        ),
        (
            "JSON nested a million deep",
            format!(
                "@aws ssm-incidents update-related-items --incident-record-arn {arn} --related-items-update '{}'",
                "[".repeat(MB)
            ),
        ),
        (
            "1 MB of multibyte characters and combining marks",
            format!(
                "@aws ssm-incidents list-incident-records {}",
                "é\u{301}🔥\u{202e}".repeat(MB / 8)
            ),
        ),
        ("1 MB of one word", "@".repeat(MB)),
    ];
    for (what, line) in cases {
        // None of these is a command AWS would take: each is an error that names where it went wrong.
        let Err(error) = timed(what, || parse_chat_line(&line)) else {
            panic!("{what}: parsed, but it is not a valid command");
        };
        assert!(
            !error.problems.is_empty(),
            "{what}: an error names a problem"
        );
        let message = error.to_string();
        assert!(!message.trim().is_empty(), "{what}");
        for problem in &error.problems {
            assert!(
                problem.span.end <= line.chars().count(),
                "{what}: span inside the line"
            );
        }
    }
}

#[test]
fn event_data_over_the_service_limit_is_rejected_before_any_request() {
    let line = format!(
        "@aws ssm-incidents create-timeline-event --incident-record-arn {} --event-time 2024-03-14T10:00:00Z \
         --event-type \"Custom Event\" --event-data \"{}\"",
        e2e::DEMO_INCIDENT,
        "x".repeat(MB)
    );
    let error = parse_chat_line(&line).expect_err("12,000 characters at most");
    assert!(
        error.to_string().contains("12000") || error.to_string().contains("12,000"),
        "{error}"
    );
}

#[test]
fn the_binary_rejects_a_long_garbage_line_with_exit_2() {
    // The OS caps one argument near 128 KB; 100 KB of unknown options is as hostile as it gets here.
    let line = format!(
        "@aws ssm-incidents list-incident-records {}",
        "--x ".repeat(25_000)
    );
    let started = Instant::now();
    let run = e2e::Invocation::new(&["--sandbox", "exec", "--", &line]).run();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        run.code,
        2,
        "{}",
        run.stderr.chars().take(500).collect::<String>()
    );
    assert!(
        run.stderr.starts_with("error:"),
        "{}",
        &run.stderr[..200.min(run.stderr.len())]
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn a_megabyte_paste_into_the_command_box_is_rejected_and_drawn_fast_and_inert() {
    for (what, line) in [
        (
            "131,072 unknown options",
            format!(
                "@aws ssm-incidents list-incident-records {}",
                "--bogus ".repeat(MB / 8)
            ),
        ),
        (
            "escapes",
            format!(
                "@aws ssm-incidents get-incident-record --arn {}",
                ESCAPES.repeat(MB / ESCAPES.len())
            ),
        ),
    ] {
        let mut state = AppState::new(HeaderInfo {
            account: String::new(),
            region: "us-east-2".into(),
            profile_or_sandbox: "SANDBOX".into(),
            read_only: true,
            incident_manager: None,
            endpoint: None,
        });
        update(&mut state, key(KeyCode::Char(':')));
        let effects = timed(what, || {
            update(&mut state, Msg::Pasted(line.clone()));
            update(&mut state, key(KeyCode::Enter))
        });
        assert!(
            effects
                .iter()
                .all(|e| !matches!(e, Effect::RunCommand { .. })),
            "{what}: nothing runs"
        );
        let screen = timed(what, || render(&state, 160, 48));
        assert_inert(&screen, what);
        assert!(
            text_of(&screen).contains("✗ "),
            "{what}:\n{}",
            text_of(&screen)
        );
    }
}

// ---- policies ----

fn request() -> ServiceRequest<'static> {
    ServiceRequest::incident_manager_publish(TOPIC, "111122223333")
}

fn nested(depth: usize) -> String {
    format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn policies_nested_deep_are_malformed_not_a_stack_overflow() {
    for depth in [1_000, 100_000, 4 * MB] {
        let policy = nested(depth);
        let verdict = timed("nested policy", || evaluate_request(&policy, &request()));
        match verdict {
            PublishVerdict::Malformed { error } => {
                assert!(error.contains("recursion"), "depth {depth}: {error}")
            }
            other => panic!("depth {depth}: {other:?}"),
        }
        let merged = merge_statement(&policy, &incident_manager_statement(TOPIC, "111122223333"));
        assert!(
            matches!(merged, Err(PolicyError::Malformed(_))),
            "depth {depth}: {merged:?}"
        );
    }
    // Deep nesting inside a Condition value, a place the evaluator walks itself.
    let deep_condition = format!(
        "{{\"Statement\":{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"SNS:Publish\",\"Resource\":\"*\",\
         \"Condition\":{{\"StringEquals\":{{\"aws:SourceAccount\":{}\"1\"{}}}}}}}}}",
        "[".repeat(1_000),
        "]".repeat(1_000)
    );
    let verdict = timed("deep condition", || {
        evaluate_request(&deep_condition, &request())
    });
    assert!(
        matches!(verdict, PublishVerdict::Malformed { .. }),
        "{verdict:?}"
    );
}

fn statement(i: usize) -> String {
    format!(
        "{{\"Sid\":\"s{i}\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::111122223333:role/r{i}\"}},\
         \"Action\":[\"SNS:Subscribe\",\"SNS:Receive\"],\"Resource\":\"{TOPIC}\"}}"
    )
}

#[test]
fn megabyte_policies_are_judged_fast_and_never_merged_past_sns_limits() {
    // 2 MB of statements that grant Incident Manager nothing: no statement, found quickly.
    let many: Vec<String> = (0..14_000).map(statement).collect();
    let big = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":[{}]}}",
        many.join(",")
    );
    assert!(big.len() > 2 * MB, "{}", big.len());
    let verdict = timed("2 MB policy", || evaluate_request(&big, &request()));
    assert_eq!(verdict, PublishVerdict::NoStatement);
    let merged = timed("2 MB merge", || {
        merge_statement(&big, &incident_manager_statement(TOPIC, "111122223333"))
    });
    assert!(
        matches!(
            merged,
            Err(PolicyError::TooLarge { .. } | PolicyError::TooManyStatements { .. })
        ),
        "{merged:?}"
    );
    // 2 MB of garbage, and a string 2 MB long where an action belongs.
    let garbage = "{\"Statement\": [".to_string() + &"{,".repeat(MB);
    assert!(matches!(
        timed("garbage", || evaluate_request(&garbage, &request())),
        PublishVerdict::Malformed { .. }
    ));
    let long_action = format!(
        "{{\"Statement\":{{\"Effect\":\"Allow\",\"Principal\":{{\"Service\":\"ssm-incidents.amazonaws.com\"}},\
         \"Action\":\"{}\",\"Resource\":\"*\"}}}}",
        "SNS:*".repeat(400_000)
    );
    let verdict = timed("long wildcard action", || {
        evaluate_request(&long_action, &request())
    });
    assert!(!verdict.is_allowed_as_documented(), "{verdict:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_reports_hostile_policies_as_failures_with_reasons() {
    let sandbox = sdk::demo().await;
    let cloud = connect(&sandbox.endpoint_url(), true).await;
    let snapshot = cloud.load_snapshot(None).await;
    for (what, policy) in [
        ("nested 1,000 deep", nested(1_000)),
        (
            "garbage",
            "{\"Statement\": [".to_string() + &"{,".repeat(MB),
        ),
        ("not an object", "[1,2,3]".to_string()),
    ] {
        let hostile = with_policy(&snapshot, TOPIC, &policy);
        let checks = timed(what, || run_audit(&hostile));
        let row = checks
            .iter()
            .find(|c| c.id == "sns-policy" && c.resource.as_deref() == Some(TOPIC))
            .expect("the topic's policy row");
        assert_eq!(row.status, Status::Fail, "{what}: {row:?}");
        assert!(
            row.detail.contains("not valid JSON")
                || row.detail.contains("malformed")
                || row.detail.contains("shape"),
            "{what}: {}",
            row.detail
        );
        assert!(
            row.fix.is_none(),
            "{what}: no fix is offered over a policy it cannot read"
        );
    }
}

fn with_policy(snapshot: &CloudSnapshot, arn: &str, policy: &str) -> CloudSnapshot {
    let mut hostile = snapshot.clone();
    for region in &mut hostile.regions {
        if let Ok(topics) = &mut region.topics {
            for topic in topics.iter_mut().flatten() {
                if topic.arn == arn {
                    topic.attributes.insert("Policy".into(), policy.to_string());
                }
            }
        }
    }
    hostile
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_refuses_hostile_policies_and_keeps_serving() {
    let sandbox = sdk::demo().await;
    let sns = sdk::sns(&sandbox, "us-east-2").await;
    for (what, policy) in [
        ("nested 1,000 deep", nested(1_000)),
        (
            "over 30 KB",
            format!(
                "{{\"Statement\":[{}]}}",
                (0..400).map(statement).collect::<Vec<_>>().join(",")
            ),
        ),
        ("not JSON", "\u{1b}[31m{{{".to_string()),
    ] {
        let result = sns
            .set_topic_attributes()
            .topic_arn(TOPIC)
            .attribute_name("Policy")
            .attribute_value(policy)
            .send()
            .await;
        let error = result.expect_err(what);
        let code = error.as_service_error().and_then(|e| {
            use aws_sdk_sns::error::ProvideErrorMetadata;
            e.code().map(str::to_string)
        });
        assert_eq!(
            code.as_deref(),
            Some("InvalidParameter"),
            "{what}: {error:?}"
        );
    }
    let still = sns
        .get_topic_attributes()
        .topic_arn(TOPIC)
        .send()
        .await
        .expect("still serving");
    assert!(
        still
            .attributes()
            .and_then(|a| a.get("Policy"))
            .is_some_and(|p| p.contains("IncidentManagerSNSPublishingPermissions")),
        "the policy was left as it was"
    );
}

// ---- escapes and long event data, through the sandbox and the TUI ----

async fn connect(endpoint: &str, read_only: bool) -> Cloud {
    Cloud::connect(ConnectOptions {
        endpoint_url: Some(endpoint.to_string()),
        sandbox_credentials: true,
        read_only,
        ..ConnectOptions::default()
    })
    .await
    .expect("connect")
}

fn key(code: KeyCode) -> Msg {
    Msg::KeyPressed(KeyEvent::new(code, KeyModifiers::NONE))
}

fn render(state: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| imdeck::ui::render(state, frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// No cell holds a character a terminal would act on.
fn assert_inert(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(|c| {
                    let u = c as u32;
                    u < 0x20 || u == 0x7f || (0x80..0xa0).contains(&u)
                }),
                "{what}: control character {symbol:?} at ({x},{y})\n{}",
                text_of(buffer)
            );
        }
    }
}

const ESCAPES: &str = "\u{1b}[31mRED\u{1b}[0m\u{1b}]52;c;aGFja2Vk\u{7}\u{1b}[2J\u{9b}31m\u{7}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escapes_and_12000_characters_from_the_service_are_shown_inert() {
    let sandbox = sdk::demo().await;
    let client = sdk::incidents(&sandbox).await;
    let started = client
        .start_incident()
        .response_plan_arn(sdk::TEST_PLAN)
        .title(format!("Pwned {ESCAPES} title"))
        .send()
        .await
        .expect("the service takes the title");
    let arn = started.incident_record_arn().to_string();
    let long = format!(
        "HOSTILE-START {ESCAPES} {} HOSTILE-END",
        "lorem ipsum \u{1b}[5m ".repeat(800)
    )
    .chars()
    .take(12_000)
    .collect::<String>();
    assert_eq!(long.chars().count(), 12_000);
    for (secs, data) in [
        (1_900_000_000, format!("\"short {ESCAPES}\"")),
        (1_900_000_100, long.clone()),
    ] {
        client
            .create_timeline_event()
            .incident_record_arn(&arn)
            .event_time(DateTime::from_secs(secs))
            .event_type("Custom Event")
            .event_data(data)
            .send()
            .await
            .expect("the service takes 12,000 characters");
    }
    let too_long = client
        .create_timeline_event()
        .incident_record_arn(&arn)
        .event_time(DateTime::from_secs(1_900_000_200))
        .event_type("Custom Event")
        .event_data("z".repeat(12_001))
        .send()
        .await;
    assert!(
        too_long.is_err(),
        "12,001 characters are refused as AWS does"
    );

    let cloud = connect(&sandbox.endpoint_url(), true).await;
    let state = AppState::new(HeaderInfo {
        account: String::new(),
        region: "us-east-2".into(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: true,
        incident_manager: None,
        endpoint: None,
    });
    let now = imdeck::domain::model::Timestamp::from_secs(1_900_000_300);
    let first = vec![Msg::IncidentRequested { arn: arn.clone() }];
    // The dashboard's own loop and effect runner read the incident; the screens are drawn from its state.
    let mut state = real_loop::with_real_loop(state, cloud, first, (160, 48), now, async |app| {
        let opened = app.settled().await;
        let panes = render(&opened.state, 160, 48);
        assert_inert(&panes, "panes");
        let text = text_of(&panes);
        assert!(
            text.contains("Pwned ␛[31mRED␛[0m"),
            "the title shown inert:\n{text}"
        );
        assert!(
            text.contains("HOSTILE-START"),
            "the long event is listed:\n{text}"
        );

        // The whole event in the detail window, and the narrow layout.
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            .await;
        app.key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE))
            .await;
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            .await
            .state
    })
    .await;
    let detail = render(&state, 160, 48);
    assert_inert(&detail, "detail");
    assert!(
        text_of(&detail).contains("HOSTILE-START"),
        "{}",
        text_of(&detail)
    );
    for _ in 0..400 {
        update(&mut state, key(KeyCode::PageDown));
    }
    assert_inert(&render(&state, 160, 48), "detail scrolled to the end");
    assert_inert(&render(&state, 40, 12), "40×12");
    update(&mut state, key(KeyCode::Esc));
    assert_inert(&render(&state, 80, 24), "80×24");
}

// ---- invalid UTF-8 from the service ----

/// A loopback "service" that answers every request with `body`, bytes as given.
async fn fake_service(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let body = body.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read the head and the body the client announces, so the answer is not a reset.
                loop {
                    let Ok(n) = stream.read(&mut chunk).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&request).to_string();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                let (name, value) = l.split_once(':')?;
                                name.eq_ignore_ascii_case("content-length")
                                    .then(|| value.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

fn with_invalid_utf8(json: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for part in json.split("BAD") {
        bytes.extend_from_slice(part.as_bytes());
        bytes.extend_from_slice(b"\xff\xfe\xc3\x28\xed\xa0\x80");
    }
    bytes.truncate(bytes.len() - 7);
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_from_the_service_becomes_an_error_on_screen_not_a_panic() {
    let arn = e2e::DEMO_INCIDENT;
    let event = format!(
        "{{\"event\":{{\"incidentRecordArn\":\"{arn}\",\"eventId\":\"e1\",\"eventTime\":1710407520,\
         \"eventUpdatedTime\":1710407520,\"eventType\":\"Custom Event\",\"eventData\":\"BAD\"}}}}"
    );
    let endpoint = fake_service(with_invalid_utf8(&event)).await;
    let cloud = connect(&endpoint, true).await;
    let got = cloud.get_timeline_event(arn, "e1").await;
    // The SDK refuses a body that is not UTF-8: an error the user can read, never mangled data.
    let error = got.as_ref().expect_err("invalid UTF-8 is refused");
    assert!(!error.to_string().is_empty());

    let list = format!(
        "{{\"incidentRecordSummaries\":[{{\"arn\":\"{arn}\",\"title\":\"BAD title\",\"status\":\"OPEN\",\
         \"impact\":1,\"creationTime\":1710407520,\"incidentRecordSource\":{{\"createdBy\":\"me\",\
         \"source\":\"aws.ssm-incidents.custom\"}}}}]}}"
    );
    let endpoint = fake_service(with_invalid_utf8(&list)).await;
    let cloud = connect(&endpoint, true).await;
    let listed = cloud.list_incidents().await;

    let mut state = AppState::new(HeaderInfo {
        account: String::new(),
        region: "us-east-2".into(),
        profile_or_sandbox: "SANDBOX".into(),
        read_only: true,
        incident_manager: None,
        endpoint: None,
    });
    let generation = {
        update(
            &mut state,
            Msg::Started {
                now: imdeck::domain::model::Timestamp::from_secs(1_710_408_000),
            },
        );
        state.incidents.generation
    };
    let listed_error = listed.as_ref().err().map(CloudError::to_string);
    update(
        &mut state,
        Msg::IncidentsLoaded {
            generation,
            result: listed,
        },
    );
    update(
        &mut state,
        Msg::IncidentRequested {
            arn: arn.to_string(),
        },
    );
    update(
        &mut state,
        Msg::EventLoaded {
            arn: arn.to_string(),
            id: "e1".into(),
            result: got,
        },
    );
    let screen = render(&state, 160, 48);
    assert_inert(&screen, "invalid UTF-8");
    if let Some(error) = listed_error {
        let shown = text_of(&screen);
        let head: String = error.chars().take(20).collect();
        assert!(
            shown.contains(&head) || shown.contains("stale") || shown.contains("failed"),
            "the list error ({error}) is on screen:\n{shown}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_sent_to_the_sandbox_is_refused_and_it_keeps_serving() {
    let sandbox = sdk::demo().await;
    let body = with_invalid_utf8(&format!(
        "{{\"incidentRecordArn\":\"{}\",\"eventTime\":1710407520,\"eventType\":\"Custom Event\",\"eventData\":\"BAD\"}}",
        e2e::DEMO_INCIDENT
    ));
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connect");
    let head = format!(
        "POST /createTimelineEvent HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDSANDBOXTEST/20240314/us-east-2/ssm-incidents/aws4_request, \
         SignedHeaders=host, Signature=0\r\nContent-Length: {}\r\n\r\n",
        sandbox.addr(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("head");
    stream.write_all(&body).await.expect("body");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    let status: u16 = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!((400..500).contains(&status), "{answer}");
    let events = sdk::incidents(&sandbox)
        .await
        .list_timeline_events()
        .incident_record_arn(e2e::DEMO_INCIDENT)
        .send()
        .await
        .expect("still serving");
    assert_eq!(events.event_summaries().len(), 7, "nothing was added");
}

#[tokio::test]
async fn a_scenario_file_with_invalid_utf8_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let raw = dir.path().join("raw-bytes.json");
    std::fs::write(&raw, b"{\"account\": \"\xff\xfe\"}").expect("write");
    let surrogate = dir.path().join("lone-surrogate.json");
    std::fs::write(&surrogate, r#"{"account": "\udcff"}"#).expect("write");
    for path in [raw, surrogate] {
        let error = imdeck::sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::File(
            path.clone(),
        )))
        .await
        .err()
        .expect("refused");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(error.to_string().contains(name), "{error}");
    }
}
