//! The user's config file: where it is, reading it (the one I/O here), and the errors that stop imdeck before it starts.

pub mod default_file;
pub mod file;
pub mod report;
pub mod resolve;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use resolve::{Inputs, Settings, Source, Valued, resolve};

/// Why the configuration could not be used. imdeck does not start on any of these: half a config is worse than
/// none, since the user would not know which half was taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "{path} line {line}, `{key}`: {message} (fix the line; `imdeck config --default` prints a valid file)"
    )]
    Invalid {
        path: String,
        line: usize,
        key: String,
        message: String,
    },
    #[error(
        "cannot read the config file {path}: {reason} (it was named by {named_by}; fix the path or unset it)"
    )]
    Unreadable {
        path: String,
        reason: String,
        named_by: String,
    },
}

/// Which file is the config file, and who said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub source: Source,
}

impl Location {
    /// A file the user named must exist; the default location may be empty.
    pub fn required(&self) -> bool {
        !matches!(self.source, Source::Default)
    }
}

/// `--config FILE`, else `IMDECK_CONFIG`, else `$XDG_CONFIG_HOME/imdeck/config.toml`, else
/// `~/.config/imdeck/config.toml`. `None` only when there is no home directory to look in.
pub fn locate(
    flag: Option<PathBuf>,
    env_config: Option<OsString>,
    xdg_config_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location {
            path,
            source: Source::CommandLine("--config"),
        });
    }
    if let Some(path) = env_config.filter(|p| !p.is_empty()) {
        return Some(Location {
            path: path.into(),
            source: Source::Environment("IMDECK_CONFIG"),
        });
    }
    // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    let base = xdg_config_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".config"))
        })?;
    Some(Location {
        path: base.join("imdeck").join("config.toml"),
        source: Source::Default,
    })
}

/// The file's text: `None` when the default location holds no file; an error when a named file cannot be read.
pub fn read(location: &Location) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(&location.path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !location.required() => Ok(None),
        Err(e) => Err(ConfigError::Unreadable {
            path: location.path.display().to_string(),
            reason: e.to_string(),
            named_by: location.source.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment_and_xdg() {
        let at = locate(
            Some("/a.toml".into()),
            Some("/b.toml".into()),
            Some("/x".into()),
            Some("/h".into()),
        )
        .expect("a location");
        assert_eq!(at.path, PathBuf::from("/a.toml"));
        assert!(at.required());
    }

    #[test]
    fn imdeck_config_wins_over_xdg() {
        let at = locate(None, Some("/b.toml".into()), Some("/x".into()), None).expect("a location");
        assert_eq!(
            (at.path, at.source),
            ("/b.toml".into(), Source::Environment("IMDECK_CONFIG"))
        );
    }

    #[test]
    fn xdg_then_home_and_a_relative_xdg_is_ignored() {
        let xdg = locate(None, None, Some("/x".into()), Some("/h".into())).expect("a location");
        assert_eq!(xdg.path, PathBuf::from("/x/imdeck/config.toml"));
        assert!(!xdg.required());
        let home = locate(None, Some("".into()), Some("rel".into()), Some("/h".into()))
            .expect("a location");
        assert_eq!(home.path, PathBuf::from("/h/.config/imdeck/config.toml"));
        assert_eq!(locate(None, None, None, None), None);
    }

    #[test]
    fn a_missing_default_file_is_no_file_but_a_missing_named_one_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("none.toml");
        let default = Location {
            path: path.clone(),
            source: Source::Default,
        };
        assert_eq!(read(&default), Ok(None));
        let named = Location {
            path,
            source: Source::CommandLine("--config"),
        };
        let err = read(&named)
            .expect_err("a named file must exist")
            .to_string();
        assert!(
            err.contains("none.toml") && err.contains("--config"),
            "{err}"
        );
    }
}
