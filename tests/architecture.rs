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

/// `app` is below `ui`: the screen renders the model and the model never names the screen. What the mouse
/// needs of the geometry (the pane, row or button under the pointer) comes with the event, found by `ui::hit`.
#[test]
fn app_never_names_ui() {
    let found = offenders(&module_files("app"), &["crate::ui", "super::ui"]);
    assert!(
        found.is_empty(),
        "app is below ui: the screen renders the model, the model never names the screen:\n{}",
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

/// The module path of a source file: `src/app/update/keys.rs` → `app::update::keys`, `src/app.rs` → `app`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).expect("under src");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// `super::{a, b::c}` → `super::a`, `super::b::c`: the paths a `use` or an expression names, one level of braces.
fn named_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let before = code[..i].chars().next_back();
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        if !starts {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let head: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let after = &rest[head.len()..];
        if head.ends_with("::") && after.starts_with('{') {
            let inner: String = after[1..].chars().take_while(|c| *c != '}').collect();
            for item in inner.split(',') {
                let item = item.split_whitespace().next().unwrap_or("");
                if !item.is_empty() && item != "self" {
                    paths.push(format!("{head}{item}"));
                } else if item == "self" {
                    paths.push(head.trim_end_matches("::").to_string());
                }
            }
        } else {
            paths.push(head.trim_end_matches("::").to_string());
        }
        i += head.len().max(1);
    }
    paths
}

/// Files that name each other, directly or around a loop, excluding a module and its own descendants (a parent
/// declares its children and they use its types: that is the module tree, not a circle).
#[test]
fn no_two_sibling_modules_name_each_other() {
    use std::collections::{BTreeMap, BTreeSet};
    let files = rust_files(&src());
    let modules: BTreeMap<Vec<String>, PathBuf> =
        files.iter().map(|f| (module_of(f), f.clone())).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("read");
        // Test modules may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        // One line of code: a `use` whose braces span several lines names every module inside them.
        let code: String = code
            .lines()
            .map(|line| without_strings(line.split("//").next().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" ");
        for path in named_paths(&code) {
            let mut parts: Vec<String> = path.split("::").map(str::to_string).collect();
            let mut resolved = if parts[0] == "crate" {
                parts.remove(0);
                Vec::new()
            } else {
                module.clone()
            };
            while parts.first().is_some_and(|p| p == "super") {
                parts.remove(0);
                resolved.pop();
            }
            resolved.extend(parts);
            // The longest prefix that is a file is the module named.
            while !resolved.is_empty() && !modules.contains_key(&resolved) {
                resolved.pop();
            }
            let related = resolved.starts_with(module) || module.starts_with(&resolved);
            if !resolved.is_empty() && !related {
                edges.entry(module.clone()).or_default().insert(resolved);
            }
        }
    }
    // A circle: a module reachable from one it names.
    let reaches = |from: &Vec<String>, to: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            if &m == to {
                return true;
            }
            if seen.insert(m.clone()) {
                stack.extend(edges.get(&m).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut circles = BTreeSet::new();
    for (module, named) in &edges {
        for other in named {
            if reaches(other, module) {
                circles.insert(format!("{} → {}", module.join("::"), other.join("::")));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules that name each other (directly or around a loop):\n{}",
        circles.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// ARNs are read by `domain::arn::Arn` and written by its constructors: a split on ':' or a `format!("arn:…")`
/// anywhere else is a second ARN parser. Test code may spell ARNs out; the splits that stay say why in a comment.
#[test]
fn arns_are_split_and_built_only_by_the_arn_type() {
    let mut found = Vec::new();
    for file in rust_files(&src()) {
        let relative = file
            .strip_prefix(src())
            .expect("under src")
            .display()
            .to_string();
        if relative == "domain/arn.rs" || relative.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines() {
            let raw = line.split("//").next().unwrap_or("");
            let bare = without_strings(raw);
            let splits = ["split(':')", "rsplit(':')", "rsplit_once(':')"]
                .iter()
                .any(|s| bare.contains(s))
                || (bare.contains("splitn(") && bare.contains("':'"));
            let trimmed = raw.trim_start();
            let builds = raw.contains("format!(\"arn:")
                || (trimmed.starts_with("\"arn:") && trimmed.contains('{'));
            if splits {
                found.push(format!("{relative}: splits on ':'"));
            }
            if builds {
                found.push(format!("{relative}: formats an ARN"));
            }
        }
    }
    found.sort();
    let known: Vec<String> = KNOWN_ARN_SPLITS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        found, known,
        "ARNs are read with domain::arn::Arn::parse and built with its constructors"
    );
}

/// The hand splits that stay, each for the reason its comment gives: a policy condition's pattern may hold
/// wildcards no ARN has; the chat box words Incident Manager's stricter ARN rule; a subscription ARN is its
/// topic's ARN and `:ID`.
const KNOWN_ARN_SPLITS: &[&str] = &[
    "domain/chat_command/shape/checks.rs: splits on ':'",
    "domain/policy/condition.rs: splits on ':'",
    "sandbox/sns/subscriptions.rs: splits on ':'",
];
