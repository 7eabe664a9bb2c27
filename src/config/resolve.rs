//! Precedence without I/O: command line > environment > config file > built-in default, each value with where it came from.

use std::fmt;

use toml::Spanned;

use super::ConfigError;
use super::file::{self, ConfigFile, TimeZone};
use crate::app::keymap::{KeyOverride, Keymap};
use crate::app::palette::{Palette, ThemeBase};

/// Where a value came from, as `imdeck config` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    CommandLine(&'static str),
    Environment(&'static str),
    File { line: usize },
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::CommandLine(flag) => write!(f, "command line ({flag})"),
            Source::Environment(var) => write!(f, "environment ({var})"),
            Source::File { line } => write!(f, "config file, line {line}"),
            Source::Default => f.write_str("built-in default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valued<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Valued<T> {
    fn new(value: T, source: Source) -> Self {
        Self { value, source }
    }
}

/// What the command line and the environment said, read by the caller (so this module stays pure).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// `--profile` given on the command line (not through `AWS_PROFILE`).
    pub cli_profile: Option<String>,
    pub env_profile: Option<String>,
    pub cli_region: Option<String>,
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, with the variable's name.
    pub env_region: Option<(&'static str, String)>,
    pub cli_read_only: bool,
    pub cli_no_mouse: bool,
    /// For `~/` in `export-dir`.
    pub home: Option<String>,
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `None`: aws-config's default profile.
    pub profile: Valued<Option<String>>,
    /// `None`: the profile's Region.
    pub region: Valued<Option<String>>,
    pub read_only: Valued<bool>,
    pub utc: Valued<bool>,
    pub mouse: Valued<bool>,
    /// `None`: the working directory.
    pub export_dir: Valued<Option<String>>,
    pub timeline_poll_seconds: Valued<u32>,
    pub incidents_poll_seconds: Valued<u32>,
    pub snapshot_poll_seconds: Valued<u32>,
    pub theme_base: Valued<ThemeBase>,
    /// The `[theme]` roles the file set, with their lines.
    pub theme_roles: Vec<(String, String, usize)>,
    pub palette: Palette,
    pub key_overrides: Vec<KeyOverride>,
    pub keymap: Keymap,
}

fn line_of(text: &str, start: usize) -> usize {
    file::place_at(text, start).line
}

/// One value by precedence: the first of command line, environment, file that is set, else the default.
fn pick<T: Clone>(
    cli: Option<(T, &'static str)>,
    env: Option<(T, &'static str)>,
    from_file: Option<(T, usize)>,
    default: T,
) -> Valued<T> {
    if let Some((v, flag)) = cli {
        return Valued::new(v, Source::CommandLine(flag));
    }
    if let Some((v, var)) = env {
        return Valued::new(v, Source::Environment(var));
    }
    if let Some((v, line)) = from_file {
        return Valued::new(v, Source::File { line });
    }
    Valued::new(default, Source::Default)
}

/// The file's value with its line.
fn at<T: Clone>(text: &str, value: &Option<Spanned<T>>) -> Option<(T, usize)> {
    value
        .as_ref()
        .map(|v| (v.get_ref().clone(), line_of(text, v.span().start)))
}

/// Merges the file (its path, for errors, and its text; `None` when there is no file) under the command
/// line and the environment. Any error in the file fails the whole: no value of a bad file is used.
pub fn resolve(path: &str, text: Option<&str>, inputs: &Inputs) -> Result<Settings, ConfigError> {
    let text = text.unwrap_or("");
    let parsed: ConfigFile = file::parse(path, text)?;
    let invalid = |line: usize, key: &str, message: String| ConfigError::Invalid {
        path: path.to_string(),
        line,
        key: key.to_string(),
        message,
    };

    let poll = |value: &Option<Spanned<u32>>, key: &str, default: u32| {
        let found = at(text, value);
        if let Some((0, line)) = found {
            return Err(invalid(line, key, "must be at least 1 second".to_string()));
        }
        Ok(pick(None, None, found, default))
    };
    let timeline_poll_seconds = poll(&parsed.poll.timeline_seconds, "poll.timeline-seconds", 5)?;
    let incidents_poll_seconds =
        poll(&parsed.poll.incidents_seconds, "poll.incidents-seconds", 15)?;
    let snapshot_poll_seconds = poll(&parsed.poll.snapshot_seconds, "poll.snapshot-seconds", 120)?;

    let mut key_overrides = Vec::new();
    for (section, actions) in &parsed.keys {
        for (action, keys) in actions {
            key_overrides.push(KeyOverride {
                section: section.get_ref().clone(),
                action: action.get_ref().clone(),
                keys: keys.get_ref().clone(),
                line: line_of(text, action.span().start),
            });
        }
    }
    // Report the first bad line of the file, whatever order the tables were read in.
    key_overrides.sort_by_key(|o| o.line);
    let keymap =
        Keymap::with_overrides(&key_overrides).map_err(|e| invalid(e.line, &e.key, e.message))?;

    let mut theme_base = Valued::new(ThemeBase::Dark, Source::Default);
    let mut theme_roles = Vec::new();
    for (role, colour) in &parsed.theme {
        let line = line_of(text, role.span().start);
        if role.get_ref() == "base" {
            let base =
                ThemeBase::parse(colour.get_ref()).map_err(|m| invalid(line, "theme.base", m))?;
            theme_base = Valued::new(base, Source::File { line });
        } else {
            theme_roles.push((role.get_ref().clone(), colour.get_ref().clone(), line));
        }
    }
    theme_roles.sort_by_key(|(_, _, line)| *line);
    let mut palette = theme_base.value.palette();
    for (role, colour, line) in &theme_roles {
        palette
            .set(role, colour)
            .map_err(|m| invalid(*line, &format!("theme.{role}"), m))?;
    }

    let export_dir = at(text, &parsed.export_dir).map(|(dir, line)| {
        let dir = match (dir.strip_prefix("~/"), &inputs.home) {
            (Some(rest), Some(home)) => format!("{}/{rest}", home.trim_end_matches('/')),
            _ => dir,
        };
        (Some(dir), line)
    });

    Ok(Settings {
        profile: pick(
            inputs.cli_profile.clone().map(|p| (Some(p), "--profile")),
            inputs.env_profile.clone().map(|p| (Some(p), "AWS_PROFILE")),
            at(text, &parsed.profile).map(|(p, l)| (Some(p), l)),
            None,
        ),
        region: pick(
            inputs.cli_region.clone().map(|r| (Some(r), "--region")),
            inputs.env_region.clone().map(|(var, r)| (Some(r), var)),
            at(text, &parsed.region).map(|(r, l)| (Some(r), l)),
            None,
        ),
        read_only: pick(
            inputs.cli_read_only.then_some((true, "--read-only")),
            None,
            at(text, &parsed.read_only),
            false,
        ),
        utc: pick(
            None,
            None,
            at(text, &parsed.time_zone).map(|(z, l)| (z == TimeZone::Utc, l)),
            true,
        ),
        mouse: pick(
            inputs.cli_no_mouse.then_some((false, "--no-mouse")),
            None,
            at(text, &parsed.mouse),
            true,
        ),
        export_dir: pick(None, None, export_dir, None),
        timeline_poll_seconds,
        incidents_poll_seconds,
        snapshot_poll_seconds,
        theme_base,
        theme_roles,
        palette,
        key_overrides,
        keymap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, inputs: &Inputs) -> Settings {
        resolve("c.toml", Some(text), inputs).expect("valid")
    }

    fn err(text: &str) -> String {
        resolve("/home/u/c.toml", Some(text), &Inputs::default())
            .expect_err("invalid")
            .to_string()
    }

    #[test]
    fn no_file_is_every_built_in_default() {
        let s = resolve("c.toml", None, &Inputs::default()).expect("valid");
        assert_eq!(s.profile, Valued::new(None, Source::Default));
        assert_eq!(s.read_only, Valued::new(false, Source::Default));
        assert_eq!(s.timeline_poll_seconds.value, 5);
        assert_eq!(s.palette, Palette::dark());
        assert_eq!(s.keymap, Keymap::builtin().expect("built-in"));
    }

    #[test]
    fn the_file_beats_the_defaults_and_says_its_line() {
        let s = ok(
            "profile = \"ops\"\nread-only = true\ntime-zone = \"local\"\nmouse = false\n[poll]\nincidents-seconds = 30\n",
            &Inputs::default(),
        );
        assert_eq!(
            s.profile,
            Valued::new(Some("ops".into()), Source::File { line: 1 })
        );
        assert_eq!(s.read_only, Valued::new(true, Source::File { line: 2 }));
        assert_eq!(s.utc, Valued::new(false, Source::File { line: 3 }));
        assert_eq!(s.mouse, Valued::new(false, Source::File { line: 4 }));
        assert_eq!(
            s.incidents_poll_seconds,
            Valued::new(30, Source::File { line: 6 })
        );
    }

    #[test]
    fn the_environment_beats_the_file_and_the_command_line_beats_both() {
        let file = "profile = \"ops\"\nregion = \"eu-west-1\"\nmouse = true\n";
        let env = Inputs {
            env_profile: Some("env".into()),
            env_region: Some(("AWS_REGION", "us-east-2".into())),
            ..Inputs::default()
        };
        let s = ok(file, &env);
        assert_eq!(
            s.profile,
            Valued::new(Some("env".into()), Source::Environment("AWS_PROFILE"))
        );
        assert_eq!(s.region.source, Source::Environment("AWS_REGION"));
        let cli = Inputs {
            cli_profile: Some("cli".into()),
            cli_region: Some("ap-south-1".into()),
            cli_no_mouse: true,
            ..env
        };
        let s = ok(file, &cli);
        assert_eq!(
            s.profile,
            Valued::new(Some("cli".into()), Source::CommandLine("--profile"))
        );
        assert_eq!(s.region.value.as_deref(), Some("ap-south-1"));
        assert_eq!(
            s.mouse,
            Valued::new(false, Source::CommandLine("--no-mouse"))
        );
    }

    #[test]
    fn export_dir_expands_home() {
        let inputs = Inputs {
            home: Some("/home/u".into()),
            ..Inputs::default()
        };
        let s = ok("export-dir = \"~/incidents\"\n", &inputs);
        assert_eq!(s.export_dir.value.as_deref(), Some("/home/u/incidents"));
    }

    #[test]
    fn keys_and_theme_apply() {
        let s = ok(
            "[keys.global]\nquit = [\"Q\"]\n[theme]\nbase = \"light\"\nfail = \"#ff0000\"\n",
            &Inputs::default(),
        );
        assert_eq!(s.key_overrides.len(), 1);
        assert_eq!(s.key_overrides[0].line, 2);
        assert_eq!(
            s.theme_base,
            Valued::new(ThemeBase::Light, Source::File { line: 4 })
        );
        assert_eq!(s.palette.fail, ratatui::style::Color::Rgb(255, 0, 0));
        assert_eq!(s.palette.key, Palette::light().key);
    }

    #[test]
    fn every_kind_of_bad_file_names_the_path_the_line_and_the_key() {
        let cases = [
            ("regoin = \"x\"\n", "line 1, `regoin`", "unknown field"),
            (
                "\n[keys.global]\nquitt = [\"Q\"]\n",
                "line 3, `keys.global.quitt`",
                "unknown action",
            ),
            (
                "[keys.globl]\nquit = [\"Q\"]\n",
                "line 2, `keys.globl.quit`",
                "unknown section",
            ),
            (
                "[keys.global]\nhelp = [\"q\"]\n",
                "line 2, `keys.global.help`",
                "bound twice",
            ),
            (
                "[keys.pager]\nsearch = [\"ctrl-\"]\n",
                "line 2, `keys.pager.search`",
                "bad key name",
            ),
            (
                "[theme]\nfail = \"reddish\"\n",
                "line 2, `theme.fail`",
                "not a colour",
            ),
            (
                "[theme]\nfailed = \"red\"\n",
                "line 2, `theme.failed`",
                "unknown theme role",
            ),
            (
                "[theme]\nbase = \"solar\"\n",
                "line 2, `theme.base`",
                "unknown theme",
            ),
            (
                "[poll]\ntimeline-seconds = 0\n",
                "line 2, `poll.timeline-seconds`",
                "at least 1",
            ),
            (
                "read-only = \"yes\"\n",
                "line 1, `read-only`",
                "invalid type",
            ),
            (
                "time-zone = \"mars\"\n",
                "line 1, `time-zone`",
                "unknown variant",
            ),
            (
                "[keys.global]\nquit = \"Q\"\n",
                "line 2, `keys.global.quit`",
                "invalid type",
            ),
        ];
        for (text, place, what) in cases {
            let message = err(text);
            assert!(message.starts_with("/home/u/c.toml "), "{message}");
            assert!(message.contains(place), "{text:?}: {message}");
            assert!(message.contains(what), "{text:?}: {message}");
        }
    }
}
