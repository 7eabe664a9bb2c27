//! Styles by meaning (pass, fail, selected, new…), with colour only when `NO_COLOR` is unset; marks and modifiers carry the meaning either way.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::audit::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Self { color }
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
            Status::Pass => self.fg(Color::Green),
            Status::Fail => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Warn => self.fg(Color::Yellow),
            Status::Info => self.fg(Color::Cyan),
            Status::Unknown => self.fg(Color::Magenta),
        }
    }

    pub fn header(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Badges such as READ-ONLY and STALE: they must stand out without colour too, hence reversed.
    pub fn badge(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn sandbox_badge(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::default()
                .fg(Color::Cyan)
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
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The offending word of a command line: underlined so it shows without colour.
    pub fn offending(self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    /// A line a change adds; the `+` mark in front carries the meaning without colour.
    pub fn added(self) -> Style {
        self.fg(Color::Green)
    }

    /// A line a change removes, marked `-`.
    pub fn removed(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn impact(self, impact: i32) -> Style {
        match impact {
            1 => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            2 => self.fg(Color::LightRed),
            3 => self.fg(Color::Yellow),
            _ => Style::default(),
        }
    }
}
