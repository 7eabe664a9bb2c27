//! `imdeck config --default`: a config file with every setting at its built-in value, commented out, generated from the same tables imdeck reads.

use crate::app::keymap::{Keymap, Section};
use crate::app::palette::{Palette, ROLES};

const HEAD: &str = r#"# imdeck configuration: ~/.config/imdeck/config.toml ($XDG_CONFIG_HOME/imdeck/config.toml),
# or the file named by --config FILE or IMDECK_CONFIG.
# Every line below is commented out and shows the built-in value; uncomment the ones you change.
# The command line wins over the environment (AWS_PROFILE, AWS_REGION), which wins over this file.
# `imdeck config` shows the effective value of each setting and where it came from.
# A mistake in this file stops imdeck with the line and the key; nothing of a bad file is used.

# Named profile from the AWS config files (default: aws-config's default profile).
# profile = "default"
# Region for Incident Manager and Chatbot (default: the profile's Region).
# region = "us-east-1"
# Make every AWS write impossible (the command line's --read-only can only turn it on).
# read-only = false
# How times are shown at start: "utc" or "local" (`t` switches while imdeck runs).
# time-zone = "utc"
# Mouse: click to focus and select, wheel to scroll. false (or --no-mouse) leaves the mouse to the terminal.
# mouse = true
# Where `x` suggests writing an incident's export (default: the working directory); ~/ is your home.
# export-dir = "~/incidents"

# How often each source is read again, in seconds.
# [poll]
# timeline-seconds = 5
# incidents-seconds = 15
# snapshot-seconds = 120
"#;

/// The whole commented file.
pub fn text() -> String {
    let mut out = String::from(HEAD);
    out.push_str(
        "\n# Colours by role: a name (red, light-blue, dark-gray…), #rrggbb, or 0-255.\n\
         # base picks the built-in palette the roles start from: \"dark\" or \"light\".\n\
         # [theme]\n# base = \"dark\"\n",
    );
    let dark = Palette::dark();
    for (role, what) in ROLES {
        let colour = dark.get(role).unwrap_or_default();
        out.push_str(&format!("# {role} = \"{colour}\"  # {what}\n"));
    }
    out.push_str(
        "\n# Keys: [keys.SECTION] action = [\"key\", ...] gives that action exactly these keys; every other\n\
         # action keeps its own. Keys: a character (q, G, ?), or enter, esc, tab, backtab, up, down, left,\n\
         # right, pgup, pgdn, home, end, backspace, delete, space, f1..f12, optionally after ctrl- or alt-.\n\
         # A key may be bound only once per section; `[]` unbinds an action.\n",
    );
    if let Ok(keymap) = Keymap::builtin() {
        for &section in Section::ALL {
            let bindings = keymap.bindings(section);
            if bindings.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n# {}\n# [keys.{}]\n",
                section.title(),
                section.name()
            ));
            for binding in bindings {
                let keys: Vec<String> = binding.keys.iter().map(|k| format!("{k:?}")).collect();
                out.push_str(&format!(
                    "# {} = [{}]\n",
                    binding.action.name(),
                    keys.join(", ")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Inputs, resolve};

    /// Uncommenting every setting line must give a valid file equal to the built-in defaults.
    #[test]
    fn the_default_file_uncommented_is_valid_and_changes_nothing() {
        let uncommented: String = text()
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                l.starts_with('[') || l.split_once(" = ").is_some_and(|(k, _)| !k.contains(' '))
            })
            .filter(|l| {
                !l.starts_with("export-dir")
                    && !l.starts_with("profile")
                    && !l.starts_with("region")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let s = resolve("default.toml", Some(&uncommented), &Inputs::default())
            .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(s.palette, Palette::dark());
        assert_eq!(s.keymap, Keymap::builtin().expect("built-in"));
        assert_eq!(s.timeline_poll_seconds.value, 5);
        assert!(s.utc.value && s.mouse.value && !s.read_only.value);
        assert!(s.key_overrides.len() > 100, "every action is listed");
    }

    #[test]
    fn the_default_file_as_is_is_valid() {
        resolve("default.toml", Some(&text()), &Inputs::default()).expect("valid");
    }
}
