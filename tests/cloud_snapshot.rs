//! The cloud adapter's snapshot load against a real sandbox: the demo scenario read in full, and failures kept.

use imdeck::cloud::{Cloud, ConnectOptions, SnapshotProgress};
use imdeck::domain::model::ChatPlatform;
use imdeck::sandbox::{self, Sandbox, SandboxOptions, Scenario};

async fn connect(opts: SandboxOptions) -> (Sandbox, Cloud) {
    let sandbox = sandbox::start(opts).await.expect("sandbox starts");
    let cloud = Cloud::connect(ConnectOptions {
        endpoint_url: Some(sandbox.endpoint_url()),
        sandbox_credentials: true,
        read_only: true,
        ..ConnectOptions::default()
    })
    .await
    .expect("connects");
    (sandbox, cloud)
}

#[tokio::test]
async fn connect_defaults_to_us_east_2_in_the_sandbox() {
    let (_sandbox, cloud) = connect(SandboxOptions::loopback_ephemeral(Scenario::Demo)).await;
    assert_eq!(cloud.region(), "us-east-2");
    assert_eq!(cloud.profile(), None);
    assert!(cloud.is_read_only());
}

#[tokio::test]
async fn the_demo_scenario_loads_in_full() {
    let (_sandbox, cloud) = connect(SandboxOptions::loopback_ephemeral(Scenario::Demo)).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<SnapshotProgress>();
    let snap = cloud.load_snapshot(Some(tx)).await;

    assert_eq!(snap.account, "111122223333");
    assert_eq!(
        snap.replication_regions(),
        vec!["eu-west-1", "us-east-2", "us-west-2"]
    );
    let regions: Vec<&str> = snap.regions.iter().map(|r| r.region.as_str()).collect();
    assert_eq!(regions, vec!["eu-west-1", "us-east-2", "us-west-2"]);

    // Topics per Region: attributes for those a plan or channel names, every other one listed but not read;
    // us-east-1's topic is outside the replication set.
    let names = |region: &str| -> Vec<String> {
        snap.topics()
            .filter(|t| t.region() == region)
            .map(|t| t.name().to_string())
            .collect()
    };
    assert!(names("us-east-2").contains(&"My_SNS_topic".to_string()));
    assert!(names("us-west-2").contains(&"im-chat-usw2".to_string()));
    assert!(!names("us-east-2").contains(&"billing-alarms".to_string()));
    assert!(names("eu-west-1").is_empty());
    assert_eq!(snap.unread_unrelated_in("eu-west-1"), 2);
    assert_eq!(snap.unread_unrelated_in("us-east-2"), 2);
    assert!(names("us-east-1").is_empty());
    // Other accounts' named topics, read by ARN in their own Regions.
    assert_eq!(snap.unlisted_topics.len(), 2);
    let main = snap
        .topics()
        .find(|t| t.name() == "My_SNS_topic")
        .expect("main topic");
    assert!(
        main.policy()
            .expect("policy")
            .contains("ssm-incidents.amazonaws.com")
    );
    let kms = snap
        .topics()
        .find(|t| t.name() == "im-chime-exec")
        .expect("kms topic");
    assert_eq!(kms.kms_master_key_id(), Some("alias/im-chat"));

    // The three channel kinds, normalised.
    let slack = snap.channels[&ChatPlatform::Slack].as_ref().expect("slack");
    assert_eq!(slack.len(), 1);
    assert_eq!(slack[0].channel_label, "incident-war-room");
    assert_eq!(
        slack[0].guardrail_policy_arns.as_deref(),
        Some(&["arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess".to_string()][..])
    );
    let teams = snap.channels[&ChatPlatform::MicrosoftTeams]
        .as_ref()
        .expect("teams");
    assert_eq!(teams.len(), 1);
    assert_eq!(teams[0].guardrail_policy_arns, None);
    let chime = snap.channels[&ChatPlatform::Chime].as_ref().expect("chime");
    assert_eq!(chime.len(), 1);

    // Every plan in full, in listing order.
    let plans = snap.plans.as_ref().expect("plans");
    assert_eq!(plans.len(), 6);
    let plan = plans
        .iter()
        .flatten()
        .find(|p| p.name == "test-response-plan-chat")
        .expect("plan");
    assert_eq!(
        plan.chat_channel.as_ref().map(|c| c.topics().len()),
        Some(2)
    );
    assert_eq!(plan.engagements.len(), 2);
    assert!(plans.iter().flatten().any(|p| p.chat_channel.is_none()));

    // Progress: the total first, then one message per Region, ending at 3/3.
    let mut seen = Vec::new();
    while let Ok(p) = rx.try_recv() {
        seen.push(p);
    }
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[0].regions_done, 0);
    assert_eq!(seen[0].regions_total, 3);
    assert_eq!(seen[3].regions_done, 3);
}

#[tokio::test]
async fn denied_reads_become_read_failures_in_place() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.deny_operations = vec![
        "GetTopicAttributes".into(),
        "ListMicrosoftTeamsChannelConfigurations".into(),
    ];
    let (_sandbox, cloud) = connect(opts).await;
    let snap = cloud.load_snapshot(None).await;

    for region in &snap.regions {
        let topics = region.topics.as_ref().expect("listing works");
        assert!(!topics.is_empty());
        for topic in topics {
            let failure = topic.as_ref().expect_err("attributes denied");
            if imdeck::domain::snapshot::is_unread_unrelated(failure) {
                continue;
            }
            assert!(failure.resource.starts_with("arn:aws:sns:"));
            assert!(
                failure.reason.starts_with("AuthorizationError")
                    || failure.reason.starts_with("AccessDenied"),
                "{}",
                failure.reason
            );
        }
    }
    let teams = snap.channels[&ChatPlatform::MicrosoftTeams]
        .as_ref()
        .expect_err("teams denied");
    assert!(teams.reason.contains("AccessDenied"), "{}", teams.reason);
    // What was not denied is still there.
    assert!(snap.channels[&ChatPlatform::Slack].is_ok());
    assert!(snap.plans.is_ok());
}

#[tokio::test]
async fn a_denied_replication_set_leaves_no_regions_and_says_why() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.deny_operations = vec!["ListReplicationSets".into()];
    let (_sandbox, cloud) = connect(opts).await;
    let snap = cloud.load_snapshot(None).await;
    let failure = snap.replication_set.expect_err("denied");
    assert_eq!(failure.resource, "ssm-incidents:ListReplicationSets");
    assert!(failure.reason.starts_with("AccessDeniedException"));
    assert!(snap.regions.is_empty());
    // The account still comes from the plans.
    assert_eq!(snap.account, "111122223333");
}

#[tokio::test]
async fn throttling_that_outlasts_the_retries_is_reported_as_throttled() {
    let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
    opts.throttle_operations = vec!["ListTopics".into()];
    let (_sandbox, cloud) = connect(opts).await;
    let started = std::time::Instant::now();
    let snap = cloud.load_snapshot(None).await;
    for region in &snap.regions {
        let failure = region.topics.as_ref().expect_err("throttled");
        assert_eq!(
            failure.resource,
            format!("sns:ListTopics {}", region.region)
        );
        assert!(failure.reason.starts_with("Throttl"), "{}", failure.reason);
    }
    // Three attempts with the SDK's standard jittered backoff (at most 1 s, then 2 s): bounded, and recovering.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn an_empty_account_has_no_replication_set_and_no_regions() {
    let (_sandbox, cloud) = connect(SandboxOptions::loopback_ephemeral(Scenario::Empty)).await;
    let snap = cloud.load_snapshot(None).await;
    assert_eq!(snap.replication_set, Ok(None));
    assert!(snap.regions.is_empty());
    assert_eq!(snap.plans.as_ref().map(Vec::len), Ok(0));
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_never_turn_into_wrong_data_or_panics() {
    let (_clean_sandbox, clean) = connect(SandboxOptions::loopback_ephemeral(Scenario::Demo)).await;
    let reference = clean.load_snapshot(None).await;
    let mut topics_read = 0;
    for seed in 1..=4 {
        let mut opts = SandboxOptions::loopback_ephemeral(Scenario::Demo);
        opts.fault_rate = 0.3;
        opts.fault_seed = seed;
        let (_sandbox, cloud) = connect(opts).await;
        let snap = cloud.load_snapshot(None).await;
        // Whatever was read equals the fault-free read; whatever was not says why.
        if let (Ok(set), Ok(reference_set)) = (&snap.replication_set, &reference.replication_set) {
            assert_eq!(set, reference_set);
        }
        for topic in snap.topics() {
            topics_read += 1;
            let same = reference.topics().find(|t| t.arn == topic.arn);
            assert_eq!(Some(topic), same, "seed {seed}");
        }
        for config in snap.channel_configs() {
            assert!(
                reference.channel_configs().any(|c| c == config),
                "seed {seed}"
            );
        }
        if let (Ok(plans), Ok(reference_plans)) = (&snap.plans, &reference.plans) {
            for plan in plans.iter().flatten() {
                assert!(reference_plans.iter().flatten().any(|p| p == plan));
            }
        }
        let failures = snap
            .regions
            .iter()
            .filter_map(|r| r.topics.as_ref().ok())
            .flatten()
            .filter_map(|t| t.as_ref().err());
        for failure in failures {
            assert!(!failure.reason.is_empty());
        }
    }
    // Retries absorb most faults: the runs are not all failures.
    assert!(topics_read > 0);
}
