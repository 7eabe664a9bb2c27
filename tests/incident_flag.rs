//! `imdeck --incident ARN` with an ARN that names no incident: a clear error and exit 2, before the terminal is taken.

#[path = "support/e2e.rs"]
mod e2e;

#[test]
fn an_unknown_incident_arn_is_an_error_with_exit_status_2() {
    let arn =
        "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/00000000-typo";
    // Bounded: the bug this guards against is the dashboard opening, which would wait for keys forever.
    let out = e2e::Invocation::new(&["--sandbox", "--incident", arn]).run();
    let stderr = &out.stderr;
    assert_eq!(out.code, 2, "stderr: {stderr}");
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
