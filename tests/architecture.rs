//! The dependency rules of style.md, enforced: `domain` stays pure and only `cloud` names the AWS SDK.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The line with the contents of its double-quoted strings removed.
fn without_strings(line: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        match (in_string, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, true, _) => escaped = false,
            (_, _, '"') => {
                in_string = !in_string;
                out.push('"');
            }
            (true, _, _) => {}
            (false, _, c) => out.push(c),
        }
    }
    out
}

fn offenders(files: &[PathBuf], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("read file");
        for (n, line) in text.lines().enumerate() {
            // Code only: comments and string literals (a log filter naming an SDK target) do not count.
            let code = without_strings(line.split("//").next().unwrap_or(""));
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn domain_is_pure() {
    let mut files = rust_files(&src().join("domain"));
    files.push(src().join("domain.rs"));
    let found = offenders(
        &files,
        &[
            "aws_sdk",
            "aws_config",
            "aws_smithy",
            "ratatui",
            "tokio",
            "std::fs",
            "std::net",
            "crossterm",
        ],
    );
    assert!(
        found.is_empty(),
        "domain must stay pure:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_cloud_module_names_the_sdk() {
    let files: Vec<PathBuf> = rust_files(&src())
        .into_iter()
        .filter(|f| !f.starts_with(src().join("cloud")) && *f != src().join("cloud.rs"))
        .collect();
    let found = offenders(&files, &["aws_sdk_", "aws_config::", "aws_smithy_"]);
    assert!(
        found.is_empty(),
        "the AWS SDK leaks out of cloud:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_source_file_opens_with_one_role_line() {
    let missing: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.starts_with("//! ")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! line:\n{}",
        missing.join("\n")
    );
}

fn module_files(name: &str) -> Vec<PathBuf> {
    let mut files = rust_files(&src().join(name));
    files.push(src().join(format!("{name}.rs")));
    files
}

#[test]
fn app_and_ui_name_no_adapter_and_no_front_end() {
    let mut files = module_files("app");
    files.extend(module_files("ui"));
    let found = offenders(
        &files,
        &[
            "crate::cloud",
            "crate::sandbox",
            "crate::runtime",
            "crate::commands",
        ],
    );
    assert!(
        found.is_empty(),
        "app and ui talk to the world only through Msg and Effect:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_runtime_never_climbs_back_to_the_subcommands() {
    let found = offenders(&module_files("runtime"), &["crate::commands", "commands::"]);
    assert!(
        found.is_empty(),
        "the runtime borrows nothing from the subcommands:\n{}",
        found.join("\n")
    );
}

#[test]
fn domain_names_nothing_of_ours_outside_domain() {
    let found = offenders(
        &module_files("domain"),
        &[
            "crate::app",
            "crate::ui",
            "crate::cloud",
            "crate::sandbox",
            "crate::runtime",
            "crate::commands",
            "crate::cli",
        ],
    );
    assert!(
        found.is_empty(),
        "domain depends on nothing of ours:\n{}",
        found.join("\n")
    );
}
