//! `imdeck --incident ARN` with an ARN that names no incident: a clear error and exit 2, before the terminal is taken.

use std::process::Command;

#[test]
fn an_unknown_incident_arn_is_an_error_with_exit_status_2() {
    let arn =
        "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/00000000-typo";
    let out = Command::new(env!("CARGO_BIN_EXE_imdeck"))
        .args(["--sandbox", "--incident", arn])
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .output()
        .expect("imdeck runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains(arn), "the message names the ARN: {stderr}");
    assert!(
        stderr.contains("no such incident record"),
        "the message says what is wrong: {stderr}"
    );
    assert!(
        !stderr.contains("\x1b[?1049h"),
        "the terminal was never taken: {stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn");
}
