//! The config file through the real binary: each kind of bad file stops imdeck with its path, line and key and a non-zero exit; a good one is reported with its sources.

use std::path::Path;
use std::process::{Command, Output};

fn imdeck(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imdeck"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .env_remove("IMDECK_CONFIG")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("imdeck runs")
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write the config");
    path
}

#[test]
fn each_kind_of_bad_config_is_a_clear_error_and_nothing_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "mouse = true\nregoin = \"us-east-1\"\n",
            "line 2, `regoin`",
            "unknown field `regoin`",
        ),
        (
            "[keys.global]\n\nquitt = [\"Q\"]\n",
            "line 3, `keys.global.quitt`",
            "unknown action `quitt`",
        ),
        (
            "[keys.everywhere]\nquit = [\"Q\"]\n",
            "line 2, `keys.everywhere.quit`",
            "unknown section",
        ),
        (
            "[keys.global]\nhelp = [\"q\"]\n",
            "line 2, `keys.global.help`",
            "key `q` is bound twice",
        ),
        (
            "[keys.global]\nquit = [\"kontrol-q\"]\n",
            "line 2, `keys.global.quit`",
            "bad key name `kontrol-q`",
        ),
        (
            "[theme]\nfail = \"reddish\"\n",
            "line 2, `theme.fail`",
            "`reddish` is not a colour",
        ),
        (
            "[theme]\nbase = \"solarized\"\n",
            "line 2, `theme.base`",
            "unknown theme `solarized`",
        ),
        (
            "[poll]\ntimeline-seconds = 0\n",
            "line 2, `poll.timeline-seconds`",
            "at least 1 second",
        ),
        (
            "read-only = \"yes\"\n",
            "line 1, `read-only`",
            "invalid type",
        ),
        ("read-only = \n", "line 1", "`imdeck config --default`"),
    ];
    for (text, place, what) in cases {
        let path = write(dir.path(), text);
        // The dashboard, a subcommand and `imdeck config` itself all refuse the file before doing anything.
        for args in [
            &["--sandbox"][..],
            &["audit", "--sandbox"][..],
            &["config"][..],
        ] {
            let out = imdeck(&path, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {text:?}: {stderr}");
            assert!(
                out.stdout.is_empty(),
                "nothing ran: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            let expected = format!("imdeck: {} {place}", path.display());
            assert!(stderr.starts_with(&expected), "{text:?}: {stderr}");
            assert!(stderr.contains(what), "{text:?}: {stderr}");
            assert_eq!(
                stderr.lines().count(),
                1,
                "one line, no Debug dump: {stderr}"
            );
        }
    }
}

#[test]
fn a_named_config_file_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = imdeck(&dir.path().join("missing.toml"), &["config"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("missing.toml") && stderr.contains("--config"),
        "{stderr}"
    );
}

#[test]
fn imdeck_config_shows_each_value_and_where_it_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "region = \"eu-west-1\"\nread-only = true\n[keys.global]\nquit = [\"Q\"]\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_imdeck"))
        .arg("--no-mouse")
        .arg("config")
        .env("IMDECK_CONFIG", &path)
        .env("AWS_PROFILE", "from-env")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .output()
        .expect("imdeck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("(from environment (IMDECK_CONFIG))"),
        "{stdout}"
    );
    assert!(
        stdout.contains("profile = \"from-env\"  # environment (AWS_PROFILE)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("region = \"eu-west-1\"  # config file, line 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("read-only = true  # config file, line 2"),
        "{stdout}"
    );
    assert!(
        stdout.contains("mouse = false  # command line (--no-mouse)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("quit = [\"Q\"]  # config file, line 4"),
        "{stdout}"
    );
}

#[test]
fn the_printed_default_file_is_a_valid_config_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = write(dir.path(), "");
    let out = imdeck(&empty, &["config", "--default"]);
    assert!(out.status.success());
    let default = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(default.contains("# [keys.pager-search]"), "{default}");
    let path = write(dir.path(), &default);
    let out = imdeck(&path, &["config"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_readme_example_config_is_valid() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a TOML example");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), example);
    let out = imdeck(&path, &["config"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("help = [\"H\", \"f1\"]  # config file, line"),
        "{stdout}"
    );
}
