//! Shell completions, the man page and `--version`, through the real binary, checked against the clap definitions themselves.

use std::process::Command;

use clap::CommandFactory;
use imdeck::cli::Cli;

fn imdeck(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_imdeck"))
        .args(args)
        .env("IMDECK_CONFIG", "/nonexistent/imdeck-config.toml")
        .output()
        .expect("imdeck runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every subcommand clap knows, so a new one without completions fails here.
fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 8, "clap lists the subcommands: {names:?}");
    names
}

#[test]
fn bash_completions_offer_every_subcommand_and_their_options() {
    // The config file is not read for completions: a broken one (here: missing but named) must not matter.
    let script = imdeck(&["completions", "bash"]);
    for name in subcommands() {
        assert!(
            script.contains(&format!("imdeck,{name})")),
            "bash completion has no case for `{name}`"
        );
    }
    let top = script
        .lines()
        .find(|l| l.contains("opts=\"-h -V"))
        .expect("the top-level word list");
    for name in subcommands() {
        assert!(
            top.split_whitespace().any(|w| w.trim_matches('"') == name),
            "{name}: {top}"
        );
    }
    for flag in ["--config", "--no-mouse", "--read-only", "--profile"] {
        assert!(top.contains(flag), "{flag}: {top}");
    }
}

#[test]
fn every_shell_gets_a_script_naming_every_subcommand() {
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = imdeck(&["completions", shell]);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell}: no `{name}`");
        }
    }
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let page = imdeck(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH imdeck"),
        "{page}"
    );
    assert!(page.contains(".TH imdeck 1"), "{page}");
    for name in subcommands() {
        assert!(
            page.contains(&format!("imdeck\\-{name}")),
            "man page has no `{name}`"
        );
    }
}

#[test]
fn version_names_the_release_and_the_commit() {
    let version = imdeck(&["--version"]);
    let expected = format!("imdeck {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    let commit = version
        .trim()
        .trim_start_matches(&expected)
        .trim_end_matches(')');
    // A git checkout has a short hash; a build from a tarball says "unknown" rather than failing.
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{version}"
    );
}
