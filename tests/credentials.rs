//! Credentials through the real binary with a temporary AWS config: each problem said once, plainly, with its fix;
//! a slow credential helper given time (issue 11 §2).

#[path = "support/e2e.rs"]
mod e2e;

use std::path::Path;
use std::time::{Duration, Instant};

use e2e::{Invocation, Run, log_lines};

/// What no user-facing text may contain: Debug renderings of SDK errors.
const DEBUG_MARKS: [&str; 5] = [
    "DispatchFailure(",
    "ConnectorError",
    "ProviderChainError",
    "Some(",
    "CredentialsNotLoaded(",
];

/// A self-signed CA certificate (no key kept) for the CA-bundle tests.
const TEST_CA: &str = "-----BEGIN CERTIFICATE-----\n\
MIIDEzCCAfugAwIBAgIUDpVEambPDgnEGqHhgHpTEHT0XyIwDQYJKoZIhvcNAQEL\n\
BQAwGTEXMBUGA1UEAwwOaW1kZWNrLXRlc3QtY2EwHhcNMjYxMTMwMTI1ODAwWhcN\n\
MzYxMTI3MTI1ODAwWjAZMRcwFQYDVQQDDA5pbWRlY2stdGVzdC1jYTCCASIwDQYJ\n\
KoZIhvcNAQEBBQADggEPADCCAQoCggEBANwFdHYhwCRnzlxE57+G+Y0PjPxyiLtf\n\
Vjeb8jyd6AWPXSO6vQZNjL81XKRxfKfppEmwy120i20I2AWMdlQwZsgtZLA7VjJS\n\
vUnz+ti/a01rD1Oeertd7QMJurjmVTbYk9Ss2n02kr4p+3cB/ZObeLUGwSCvmdeN\n\
Ui1Uz+ptQ3pT9wEbeyVxQjJUiN8oShOrcX2HZxZqdowjbx8GP6SoFC2XUgL2Tg7e\n\
fytgG4UGAep/hjdhJxJ7fC2/LaqSl06iDSH92SjTrbVgsc0PDo7lZRTCvWxjqcqm\n\
H+kuMMRR2fDTAMb0NouDPHfOYGiTbc6gXr2HquhmCjEYJwJP4AHuiJECAwEAAaNT\n\
MFEwHQYDVR0OBBYEFKKvV1Sbfm+rlPQ8d/BlNvxlcyEiMB8GA1UdIwQYMBaAFKKv\n\
V1Sbfm+rlPQ8d/BlNvxlcyEiMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQEL\n\
BQADggEBADgPokZggdbm3oBo3X58m9B3zyHyBB1RXfIWhyYrtYBYJh3Xek8DkPJw\n\
UXRDkhRnfFmTTNhDnnGUfNU44BRg6grnGG6Tvzfyv/0t+8Or2SQSbuXYtznTmRgu\n\
yPucll6iP4gJe4XM68NaykiBylfBIWZ3cOoIceIZfMdqlU87Op/AG+9g0YQhmpNF\n\
HqkMqW354LOrl1OwGKWSIsvzE2+D4wqa/O7EVNnCl5pLWBuDLigvyx7DW4jqGbnl\n\
gzMu30XC+UZAvLzVIHTw/t4c6U801GDmNIA9XxRXIwa3/bZYUWi6AozOoXh8KoME\n\
peuwNho3uoX8T1rJ4/p89pKWc3x8qp4=\n\
-----END CERTIFICATE-----\n\
";

/// A run with HOME, the config and the credentials file in `home`, and no AWS credentials in the environment.
fn in_home(home: &Path, endpoint: &str, args: &[&str]) -> Invocation {
    let mut all = vec!["--endpoint-url", endpoint];
    all.extend_from_slice(args);
    Invocation::new(&all)
        .env("HOME", &home.display().to_string())
        .env(
            "AWS_CONFIG_FILE",
            &home.join(".aws/config").display().to_string(),
        )
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            &home.join(".aws/credentials").display().to_string(),
        )
        .env("AWS_REGION", "us-east-2")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The problem is said once, in one or two lines, with no Debug dump; no request reached the sandbox.
fn assert_told_once(run: &Run, expected: &[&str], log: &Path) {
    let text = run.stderr.trim();
    for part in expected {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
        assert_eq!(
            text.matches(part).count(),
            1,
            "said more than once:\n{text}"
        );
    }
    assert!(text.lines().count() <= 3, "too long:\n{text}");
    for mark in DEBUG_MARKS {
        assert!(!text.contains(mark), "{mark} in:\n{text}");
    }
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        log_lines(log).is_empty(),
        "requests were sent: {:?}",
        log_lines(log)
    );
}

#[tokio::test]
async fn no_credentials_are_reported_once_with_how_to_configure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let run = in_home(&home, &sandbox.endpoint_url(), &["audit"])
        .run_async()
        .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_told_once(&run, &["no AWS credentials found", "`aws configure`"], &log);

    let line = "@aws ssm-incidents list-incident-records";
    let run = in_home(&home, &sandbox.endpoint_url(), &["exec", "--", line])
        .run_async()
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_told_once(&run, &["no AWS credentials found"], &log);
}

#[tokio::test]
async fn an_unknown_profile_is_named_not_reported_as_a_missing_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let home = dir.path().join("home");
    write(
        &home.join(".aws/config"),
        "[default]\nregion = us-east-2\n[profile ops]\nregion = us-east-2\n",
    );
    let run = in_home(
        &home,
        &sandbox.endpoint_url(),
        &["--profile", "nope", "audit"],
    )
    .env("AWS_REGION", "")
    .run_async()
    .await;
    assert_told_once(
        &run,
        &["profile nope is not in your AWS config", "ops"],
        &log,
    );
    assert!(!run.stderr.contains("Region"), "{}", run.stderr);
    // AWS_PROFILE names a profile just the same.
    let run = in_home(&home, &sandbox.endpoint_url(), &["audit"])
        .env("AWS_PROFILE", "nope")
        .run_async()
        .await;
    assert_told_once(&run, &["profile nope is not in your AWS config"], &log);
}

#[tokio::test]
async fn an_expired_sso_token_says_which_login_to_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let home = dir.path().join("home");
    write(
        &home.join(".aws/config"),
        "[profile work]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Responder\n\
         region = us-east-2\n\n[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\n\
         sso_region = us-east-2\nsso_registration_scopes = sso:account:access\n",
    );
    // The cache file is named by the SHA-1 of the session name: sha1("my-sso").
    write(
        &home.join(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"),
        r#"{"accessToken":"expired-token","expiresAt":"2020-01-01T00:00:00Z","region":"us-east-2","startUrl":"https://example.awsapps.com/start"}"#,
    );
    let run = in_home(
        &home,
        &sandbox.endpoint_url(),
        &["--profile", "work", "audit"],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_told_once(&run, &["aws sso login --profile work"], &log);
}

#[tokio::test]
async fn mfa_serial_is_said_to_be_unsupported_with_a_helper_to_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let home = dir.path().join("home");
    // The base profile's credential_process fails at once, so no STS call is attempted.
    write(
        &home.join(".aws/config"),
        "[profile base]\ncredential_process = false\n\n[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\n\
         source_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/me\nregion = us-east-2\n",
    );
    let run = in_home(
        &home,
        &sandbox.endpoint_url(),
        &["--profile", "admin", "audit"],
    )
    .run_async()
    .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_told_once(&run, &["mfa_serial", "credential_process"], &log);
}

#[tokio::test]
async fn a_credential_helper_that_takes_seven_seconds_runs_once_and_succeeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let home = dir.path().join("home");
    let runs = dir.path().join("helper-runs");
    let helper = dir.path().join("slow-helper.sh");
    write(
        &helper,
        &format!(
            "#!/bin/sh\necho run >> '{}'\nsleep 7\n\
             echo '{{\"Version\":1,\"AccessKeyId\":\"AKIDSLOWHELPER\",\"SecretAccessKey\":\"slow-secret\"}}'\n",
            runs.display()
        ),
    );
    write(
        &home.join(".aws/config"),
        &format!(
            "[default]\nregion = us-east-2\ncredential_process = sh {}\n",
            helper.display()
        ),
    );
    let started = Instant::now();
    let line = "@aws ssm-incidents list-response-plans";
    let run = in_home(&home, &sandbox.endpoint_url(), &["exec", "--", line])
        .run_async()
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(started.elapsed() >= Duration::from_secs(7));
    assert!(
        run.stdout.contains("responsePlanSummaries"),
        "{}",
        run.stdout
    );
    let helper_runs = std::fs::read_to_string(&runs).unwrap_or_default();
    assert_eq!(
        helper_runs.lines().count(),
        1,
        "the helper ran {helper_runs:?}"
    );
    assert!(
        log_lines(&log)
            .iter()
            .any(|l| l["operation"] == "ListResponsePlans" && l["status"] == 200)
    );
}

#[tokio::test]
async fn a_ca_bundle_that_is_not_a_certificate_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let bundle = dir.path().join("bundle.pem");
    write(
        &bundle,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    let run = Invocation::against(&sandbox.endpoint_url(), &["audit"])
        .env("AWS_CA_BUNDLE", &bundle.display().to_string())
        .run_async()
        .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("AWS_CA_BUNDLE"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(log_lines(&log).is_empty());
}

#[tokio::test]
async fn a_valid_ca_bundle_is_loaded_and_a_profile_ca_bundle_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let bundle = dir.path().join("ca.pem");
    write(&bundle, TEST_CA);
    let run = Invocation::against(&sandbox.endpoint_url(), &["audit", "--format", "json"])
        .env("AWS_CA_BUNDLE", &bundle.display().to_string())
        .run_async()
        .await;
    assert_eq!(
        run.code, 1,
        "the demo's findings, as without a bundle: {}",
        run.stderr
    );
    assert!(!log_lines(&log).is_empty());

    // The profile's ca_bundle is read too (a broken one proves it: the error names it).
    let home = dir.path().join("home");
    let broken = dir.path().join("broken.pem");
    write(&broken, "not a certificate");
    write(
        &home.join(".aws/config"),
        &format!(
            "[profile corp]\nregion = us-east-2\nca_bundle = {}\n",
            broken.display()
        ),
    );
    let before = log_lines(&log).len();
    let run = in_home(
        &home,
        &sandbox.endpoint_url(),
        &["--profile", "corp", "audit"],
    )
    .env("AWS_ACCESS_KEY_ID", "AKIDCORP")
    .env("AWS_SECRET_ACCESS_KEY", "corp-secret")
    .run_async()
    .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("ca_bundle of profile corp"),
        "{}",
        run.stderr
    );
    assert_eq!(log_lines(&log).len(), before);
}

/// Credentials that cannot be had mid-session (renewal failed): the SDK's dispatch failure becomes a credentials
/// error told in one line, not `NetworkError … dispatch failure` with a Debug tree.
#[derive(Debug)]
struct Expired;

impl aws_credential_types::provider::ProvideCredentials for Expired {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::provider_error(
                "the SSO token has expired and cannot be refreshed",
            ),
        ))
    }
}

#[tokio::test]
async fn a_credentials_failure_inside_a_request_is_classified_without_debug() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (sandbox, log) = e2e::demo_sandbox(dir.path()).await;
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-2"))
        .credentials_provider(Expired)
        .endpoint_url(sandbox.endpoint_url())
        .load()
        .await;
    let im = aws_sdk_ssmincidents::Client::new(&config);
    let err = im
        .list_response_plans()
        .send()
        .await
        .expect_err("no credentials");
    let mapped = imdeck::cloud::errors_map::from_sdk(err);
    let imdeck::cloud::CloudError::Credentials { message, .. } = &mapped else {
        panic!("not a credentials error: {mapped}");
    };
    assert!(message.contains("the SSO token has expired"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    for mark in DEBUG_MARKS {
        assert!(!message.contains(mark), "{mark} in {message}");
    }
    assert!(log_lines(&log).is_empty());
}
