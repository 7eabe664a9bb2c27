//! Styles by meaning (pass, fail, selected, new…) in the palette's colours, only when `NO_COLOR` is unset; marks and modifiers carry the meaning either way.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::audit::Status;

use crate::app::palette::Palette;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// The built-in dark theme.
    pub fn new(color: bool) -> Self {
        Self::with_palette(color, Palette::dark())
    }

    pub fn with_palette(color: bool, palette: Palette) -> Self {
        Self { color, palette }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn status(self, status: Status) -> Style {
        match status {
            Status::Pass => self.fg(self.palette.pass),
            Status::Fail => self.fg(self.palette.fail).add_modifier(Modifier::BOLD),
            Status::Warn => self.fg(self.palette.warn),
            Status::Info => self.fg(self.palette.info),
            Status::Unknown => self.fg(self.palette.unknown),
        }
    }

    pub fn header(self) -> Style {
        if self.color {
            Style::default()
                .fg(self.palette.header_fg)
                .bg(self.palette.header_bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Badges such as READ-ONLY and STALE: they must stand out without colour too, hence reversed.
    pub fn badge(self) -> Style {
        if self.color {
            Style::default()
                .fg(self.palette.badge_fg)
                .bg(self.palette.badge_bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn sandbox_badge(self) -> Style {
        if self.color {
            Style::default()
                .fg(self.palette.sandbox_fg)
                .bg(self.palette.sandbox_bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::default()
                .fg(self.palette.focus)
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::default().add_modifier(Modifier::BOLD),
            (false, _) => Style::default(),
        }
    }

    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// A new or changed timeline event.
    pub fn fresh(self) -> Style {
        self.fg(self.palette.fresh).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(self.palette.dim)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn error(self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    /// The offending word of a command line: underlined so it shows without colour.
    pub fn offending(self) -> Style {
        self.fg(self.palette.error)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    /// A line a change adds; the `+` mark in front carries the meaning without colour.
    pub fn added(self) -> Style {
        self.fg(self.palette.added)
    }

    /// A line a change removes, marked `-`.
    pub fn removed(self) -> Style {
        self.fg(self.palette.removed)
    }

    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }

    pub fn impact(self, impact: i32) -> Style {
        match impact {
            1 => self
                .fg(self.palette.impact_critical)
                .add_modifier(Modifier::BOLD),
            2 => self.fg(self.palette.impact_high),
            3 => self.fg(self.palette.impact_medium),
            _ => Style::default(),
        }
    }
}
