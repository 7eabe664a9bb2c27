//! The colours of each role: the built-in dark and light palettes, and a role set by name from the config file.

use std::str::FromStr;

use ratatui::style::Color;

/// The palette a config file starts from before its `[theme]` roles apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeBase {
    Dark,
    Light,
}

impl ThemeBase {
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "dark" => Ok(ThemeBase::Dark),
            "light" => Ok(ThemeBase::Light),
            other => Err(format!(
                "unknown theme `{other}`: the built-in themes are `dark` and `light`"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeBase::Dark => "dark",
            ThemeBase::Light => "light",
        }
    }

    pub fn palette(self) -> Palette {
        match self {
            ThemeBase::Dark => Palette::dark(),
            ThemeBase::Light => Palette::light(),
        }
    }
}

/// One colour per role. Roles name meanings, not places, so one change recolours every pane alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub pass: Color,
    pub fail: Color,
    pub warn: Color,
    pub info: Color,
    pub unknown: Color,
    pub header_fg: Color,
    pub header_bg: Color,
    pub badge_fg: Color,
    pub badge_bg: Color,
    pub sandbox_fg: Color,
    pub sandbox_bg: Color,
    pub focus: Color,
    pub fresh: Color,
    pub dim: Color,
    pub error: Color,
    pub added: Color,
    pub removed: Color,
    pub key: Color,
    pub impact_critical: Color,
    pub impact_high: Color,
    pub impact_medium: Color,
}

/// Every role as the config file spells it, with what it colours (for `imdeck config --default`).
pub const ROLES: [(&str, &str); 21] = [
    ("pass", "a passing check"),
    ("fail", "a failing check"),
    ("warn", "a warning"),
    ("info", "an informational check"),
    ("unknown", "a check that could not run"),
    ("header-fg", "the header's text"),
    ("header-bg", "the header's background"),
    ("badge-fg", "READ-ONLY and STALE badges' text"),
    ("badge-bg", "READ-ONLY and STALE badges' background"),
    ("sandbox-fg", "the SANDBOX badge's text"),
    ("sandbox-bg", "the SANDBOX badge's background"),
    ("focus", "the focused pane's border"),
    ("fresh", "a timeline event that just arrived or changed"),
    ("dim", "secondary text"),
    ("error", "errors and the offending word of a command"),
    ("added", "a line a change adds"),
    ("removed", "a line a change removes"),
    ("key", "key names in hints and help"),
    ("impact-critical", "impact 1"),
    ("impact-high", "impact 2"),
    ("impact-medium", "impact 3"),
];

impl Palette {
    pub fn dark() -> Self {
        Self {
            pass: Color::Green,
            fail: Color::Red,
            warn: Color::Yellow,
            info: Color::Cyan,
            unknown: Color::Magenta,
            header_fg: Color::White,
            header_bg: Color::Blue,
            badge_fg: Color::White,
            badge_bg: Color::Red,
            sandbox_fg: Color::Black,
            sandbox_bg: Color::Yellow,
            focus: Color::Cyan,
            fresh: Color::Yellow,
            dim: Color::DarkGray,
            error: Color::Red,
            added: Color::Green,
            removed: Color::Red,
            key: Color::Cyan,
            impact_critical: Color::Red,
            impact_high: Color::LightRed,
            impact_medium: Color::Yellow,
        }
    }

    /// For a light background: yellow and cyan text vanish on white, so those roles take darker colours.
    pub fn light() -> Self {
        let amber = Color::Indexed(130);
        Self {
            warn: amber,
            info: Color::Blue,
            focus: Color::Blue,
            fresh: amber,
            dim: Color::Indexed(244),
            key: Color::Blue,
            impact_high: Color::Indexed(160),
            impact_medium: amber,
            ..Self::dark()
        }
    }

    fn slot(&mut self, role: &str) -> Option<&mut Color> {
        Some(match role {
            "pass" => &mut self.pass,
            "fail" => &mut self.fail,
            "warn" => &mut self.warn,
            "info" => &mut self.info,
            "unknown" => &mut self.unknown,
            "header-fg" => &mut self.header_fg,
            "header-bg" => &mut self.header_bg,
            "badge-fg" => &mut self.badge_fg,
            "badge-bg" => &mut self.badge_bg,
            "sandbox-fg" => &mut self.sandbox_fg,
            "sandbox-bg" => &mut self.sandbox_bg,
            "focus" => &mut self.focus,
            "fresh" => &mut self.fresh,
            "dim" => &mut self.dim,
            "error" => &mut self.error,
            "added" => &mut self.added,
            "removed" => &mut self.removed,
            "key" => &mut self.key,
            "impact-critical" => &mut self.impact_critical,
            "impact-high" => &mut self.impact_high,
            "impact-medium" => &mut self.impact_medium,
            _ => return None,
        })
    }

    /// Sets one role from the config file: a colour name (`red`, `light-blue`, `dark-gray`), `#rrggbb`, or an
    /// index 0-255 of the terminal's 256 colours.
    pub fn set(&mut self, role: &str, colour: &str) -> Result<(), String> {
        let slot = self.slot(role).ok_or_else(|| {
            let roles: Vec<&str> = ROLES.iter().map(|(r, _)| *r).collect();
            format!(
                "unknown theme role `{role}`; the roles are base, {}",
                roles.join(", ")
            )
        })?;
        *slot = Color::from_str(colour).map_err(|_| {
            format!(
                "`{colour}` is not a colour: use a name (red, light-blue, dark-gray…), #rrggbb, or 0-255"
            )
        })?;
        Ok(())
    }

    /// The colour of a role, spelled so the config file can take it back.
    pub fn get(&self, role: &str) -> Option<String> {
        let mut copy = *self;
        copy.slot(role).map(|c| spell(*c))
    }
}

/// A colour as the config file spells it: `light-red`, `#102030`, `130`.
pub fn spell(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        Color::DarkGray => "dark-gray".into(),
        Color::LightRed => "light-red".into(),
        Color::LightGreen => "light-green".into(),
        Color::LightYellow => "light-yellow".into(),
        Color::LightBlue => "light-blue".into(),
        Color::LightMagenta => "light-magenta".into(),
        Color::LightCyan => "light-cyan".into(),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_settable_and_spelled_back() {
        for (role, _) in ROLES {
            let mut palette = Palette::dark();
            palette.set(role, "#102030").expect(role);
            assert_eq!(palette.get(role).as_deref(), Some("#102030"), "{role}");
        }
    }

    #[test]
    fn every_built_in_colour_spelling_parses_back() {
        for base in [ThemeBase::Dark, ThemeBase::Light] {
            let palette = base.palette();
            for (role, _) in ROLES {
                let spelled = palette.get(role).expect(role);
                let mut again = Palette::dark();
                again.set(role, &spelled).expect(&spelled);
                assert_eq!(again.get(role), Some(spelled));
            }
        }
    }

    #[test]
    fn a_bad_colour_and_an_unknown_role_are_errors() {
        let mut palette = Palette::dark();
        let bad = palette.set("fail", "reddish").expect_err("not a colour");
        assert!(bad.contains("`reddish` is not a colour"), "{bad}");
        let role = palette.set("failure", "red").expect_err("not a role");
        assert!(role.contains("unknown theme role `failure`"), "{role}");
        assert_eq!(palette, Palette::dark(), "nothing changed by the errors");
    }

    #[test]
    fn the_light_theme_avoids_yellow_and_cyan_text() {
        let light = Palette::light();
        for c in [light.warn, light.info, light.fresh, light.key, light.focus] {
            assert!(!matches!(
                c,
                Color::Yellow | Color::Cyan | Color::LightYellow
            ));
        }
    }
}
