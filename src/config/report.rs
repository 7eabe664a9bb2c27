//! `imdeck config`: the effective configuration as a TOML file, each value followed by where it came from.

use super::{Location, Settings, Source, Valued};
use crate::app::palette::ROLES;

fn quoted(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| format!("{v:?}"))
}

/// `key = value  # source`; an unset value is a commented line saying what applies instead.
fn line(out: &mut String, key: &str, value: Option<String>, source: &Source, unset: &str) {
    match value {
        Some(v) => out.push_str(&format!("{key} = {v}  # {source}\n")),
        None => out.push_str(&format!("# {key}: not set, {unset}  # {source}\n")),
    }
}

fn shown<T: ToString>(v: &Valued<T>) -> Option<String> {
    Some(v.value.to_string())
}

/// The report; `location` is the file looked at (`None`: no home directory), `found` whether it exists.
pub fn text(settings: &Settings, location: Option<&Location>, found: bool) -> String {
    let mut out = String::new();
    match location {
        Some(at) => out.push_str(&format!(
            "# config file: {} (from {}){}\n",
            at.path.display(),
            match at.source {
                Source::Default => "the default location".to_string(),
                ref named => named.to_string(),
            },
            if found { "" } else { ", not present" }
        )),
        None => out.push_str("# config file: none (no home directory to look in)\n"),
    }
    out.push_str("# precedence: command line > environment > config file > built-in default\n\n");
    let s = settings;
    line(
        &mut out,
        "profile",
        quoted(&s.profile.value),
        &s.profile.source,
        "aws-config's default profile",
    );
    line(
        &mut out,
        "region",
        quoted(&s.region.value),
        &s.region.source,
        "the profile's Region",
    );
    line(
        &mut out,
        "read-only",
        shown(&s.read_only),
        &s.read_only.source,
        "",
    );
    let zone = if s.utc.value { "\"utc\"" } else { "\"local\"" };
    line(&mut out, "time-zone", Some(zone.into()), &s.utc.source, "");
    line(&mut out, "mouse", shown(&s.mouse), &s.mouse.source, "");
    line(
        &mut out,
        "export-dir",
        quoted(&s.export_dir.value),
        &s.export_dir.source,
        "the working directory",
    );
    out.push_str("\n[poll]\n");
    for (key, v) in [
        ("timeline-seconds", &s.timeline_poll_seconds),
        ("incidents-seconds", &s.incidents_poll_seconds),
        ("snapshot-seconds", &s.snapshot_poll_seconds),
    ] {
        line(&mut out, key, shown(v), &v.source, "");
    }
    out.push_str("\n[theme]\n");
    line(
        &mut out,
        "base",
        Some(format!("{:?}", s.theme_base.value.name())),
        &s.theme_base.source,
        "",
    );
    for (role, _) in ROLES {
        let colour = s.palette.get(role).unwrap_or_default();
        let source = match s.theme_roles.iter().rev().find(|(r, _, _)| r == role) {
            Some((_, _, line)) => Source::File { line: *line },
            None => Source::Default,
        };
        let source = match source {
            Source::Default => format!("the {} theme", s.theme_base.value.name()),
            other => other.to_string(),
        };
        out.push_str(&format!("{role} = {colour:?}  # {source}\n"));
    }
    out.push_str("\n# keys: the built-in keymap (`imdeck config --default` lists it)");
    if s.key_overrides.is_empty() {
        out.push_str(", unchanged\n");
    } else {
        out.push_str(", with these overrides\n");
        let mut section = "";
        for o in &s.key_overrides {
            if o.section != section {
                out.push_str(&format!("[keys.{}]\n", o.section));
                section = &o.section;
            }
            let keys: Vec<String> = o.keys.iter().map(|k| format!("{k:?}")).collect();
            out.push_str(&format!(
                "{} = [{}]  # config file, line {}\n",
                o.action,
                keys.join(", "),
                o.line
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Inputs, resolve};

    #[test]
    fn each_value_names_its_source() {
        let inputs = Inputs {
            cli_read_only: true,
            env_profile: Some("ops".into()),
            ..Inputs::default()
        };
        let s = resolve(
            "c.toml",
            Some(
                "region = \"eu-west-1\"\n[theme]\nkey = \"blue\"\n[keys.global]\nquit = [\"Q\"]\n",
            ),
            &inputs,
        )
        .expect("valid");
        let at = Location {
            path: "/h/c.toml".into(),
            source: Source::CommandLine("--config"),
        };
        let report = text(&s, Some(&at), true);
        assert!(
            report.contains("# config file: /h/c.toml (from command line (--config))"),
            "{report}"
        );
        assert!(
            report.contains("profile = \"ops\"  # environment (AWS_PROFILE)"),
            "{report}"
        );
        assert!(
            report.contains("region = \"eu-west-1\"  # config file, line 1"),
            "{report}"
        );
        assert!(
            report.contains("read-only = true  # command line (--read-only)"),
            "{report}"
        );
        assert!(
            report.contains("mouse = true  # built-in default"),
            "{report}"
        );
        assert!(
            report.contains("key = \"blue\"  # config file, line 3"),
            "{report}"
        );
        assert!(
            report.contains("fail = \"red\"  # the dark theme"),
            "{report}"
        );
        assert!(
            report.contains("[keys.global]\nquit = [\"Q\"]  # config file, line 5"),
            "{report}"
        );
        assert!(
            report.contains("# export-dir: not set, the working directory"),
            "{report}"
        );
    }
}
