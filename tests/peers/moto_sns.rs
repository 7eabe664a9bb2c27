//! The same SNS sequence through imdeck's cloud adapter, against moto (the reference SNS) and the sandbox, must agree.

use imdeck::cloud::{Cloud, CloudError, ConnectOptions};
use imdeck::sandbox::{self, SandboxOptions, Scenario};

const MOTO_ACCOUNT: &str = "123456789012";
const SANDBOX_ACCOUNT: &str = "111122223333";

async fn connect(endpoint: String) -> Cloud {
    Cloud::connect(ConnectOptions {
        profile: None,
        region: Some("us-east-2".into()),
        endpoint_url: Some(endpoint),
        sandbox_credentials: true,
        read_only: false,
    })
    .await
    .expect("connect")
}

fn kind(e: &CloudError) -> &'static str {
    match e {
        CloudError::AccessDenied { .. } => "AccessDenied",
        CloudError::Throttled { .. } => "Throttled",
        CloudError::NotFound { .. } => "NotFound",
        CloudError::Validation { .. } => "Validation",
        CloudError::Network(_) => "Network",
        CloudError::Service { .. } => "Service",
        CloudError::ReadOnly(_) => "ReadOnly",
        CloudError::Credentials { .. } => "Credentials",
    }
}

/// JSON with every object's keys sorted, so member order (which SNS does not promise) does not count.
fn canonical(v: &serde_json::Value) -> String {
    fn sorted(v: &serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                serde_json::Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&m[k])))
                        .collect(),
                )
            }
            serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

/// Runs the sequence and writes what each step saw, with the account masked so both peers can be compared.
async fn transcript(cloud: &Cloud, account: &str) -> Vec<String> {
    let mut out = Vec::new();
    let w = cloud.writer().expect("writer");
    let arn = w
        .create_topic("us-east-2", "peer-alpha")
        .await
        .expect("create");
    out.push(format!("create {arn}"));
    let again = w
        .create_topic("us-east-2", "peer-alpha")
        .await
        .expect("create again");
    out.push(format!("create again same: {}", again == arn));
    let west = w
        .create_topic("us-west-2", "peer-alpha")
        .await
        .expect("create west");
    out.push(format!("create west {west}"));
    for region in ["us-east-2", "us-west-2"] {
        let mut names: Vec<String> = cloud
            .list_topics(region)
            .await
            .expect("list")
            .into_iter()
            .filter(|a| a.contains(":peer-"))
            .collect();
        names.sort();
        out.push(format!("list {region} {names:?}"));
    }
    let attrs = w
        .get_topic_attributes("us-east-2", &arn)
        .await
        .expect("attrs");
    let policy: serde_json::Value =
        serde_json::from_str(attrs.get("Policy").expect("policy")).expect("policy json");
    out.push(format!("default policy {}", canonical(&policy)));
    out.push(format!(
        "owner {:?} arn {:?}",
        attrs.get("Owner"),
        attrs.get("TopicArn")
    ));
    let statement = imdeck::domain::policy::incident_manager_statement(&arn, account);
    let mut merged = policy.clone();
    if let Some(list) = merged["Statement"].as_array_mut() {
        list.push(statement);
    }
    let current = attrs.get("Policy").map(String::as_str);
    w.set_topic_policy("us-east-2", &arn, current, &merged.to_string())
        .await
        .expect("set policy");
    let after = w
        .get_topic_attributes("us-east-2", &arn)
        .await
        .expect("attrs");
    let after: serde_json::Value =
        serde_json::from_str(after.get("Policy").expect("policy")).expect("json");
    out.push(format!("merged policy {}", canonical(&after)));
    // A malformed Policy is not compared: moto 5.2.5 answers it with an HTML 500, where AWS (and the sandbox)
    // answer InvalidParameter; tests/peers/awscli_suite.py checks the sandbox's answer.
    let missing = format!("arn:aws:sns:us-east-2:{account}:peer-missing");
    let e = w
        .get_topic_attributes("us-east-2", &missing)
        .await
        .expect_err("missing topic");
    out.push(format!("missing topic {}", kind(&e)));
    let e = w
        .create_topic("us-east-2", "bad name!")
        .await
        .expect_err("bad name");
    out.push(format!("bad name {}", kind(&e)));
    out.into_iter()
        .map(|line| line.replace(account, "ACCOUNT"))
        .collect()
}

#[tokio::test]
async fn sns_sequence_agrees_with_moto() {
    let moto = std::env::var("IMDECK_MOTO_URL")
        .expect("IMDECK_MOTO_URL must name a running moto_server (tests/peers/run.sh starts one)");
    let sandbox = sandbox::start(SandboxOptions::loopback_ephemeral(Scenario::Empty))
        .await
        .expect("sandbox");
    let from_moto = transcript(&connect(moto).await, MOTO_ACCOUNT).await;
    let from_sandbox = transcript(&connect(sandbox.endpoint_url()).await, SANDBOX_ACCOUNT).await;
    assert_eq!(from_sandbox, from_moto);
    sandbox.shutdown().await;
}
