//! Build script: records the git commit for `imdeck --version`, or "unknown" when not built from a git checkout (a tarball).

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // Only this crate's own checkout counts: a tarball unpacked inside some other repository must not take its commit.
    let ours = git(&["-C", &manifest_dir, "rev-parse", "--show-toplevel"]).is_some_and(|top| {
        Path::new(&top).canonicalize().ok() == Path::new(&manifest_dir).canonicalize().ok()
    });
    let commit = ours
        .then(|| git(&["-C", &manifest_dir, "rev-parse", "--short", "HEAD"]))
        .flatten()
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=IMDECK_GIT_COMMIT={commit}");
    println!("cargo:rerun-if-changed=build.rs");
    if ours {
        // Build again when HEAD moves: HEAD itself (a checkout) and the branch it points at (a commit).
        let mut watched = vec!["HEAD".to_string()];
        if let Some(branch) = git(&["-C", &manifest_dir, "symbolic-ref", "-q", "HEAD"]) {
            watched.push(branch);
        }
        for name in watched {
            if let Some(path) = git(&["-C", &manifest_dir, "rev-parse", "--git-path", &name]) {
                let path = Path::new(&manifest_dir).join(path);
                if path.exists() {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
    }
}
