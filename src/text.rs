//! Text for the terminal, pure: untrusted text made inert, and wrapping by display width; shared by `app` (the rows the pager pages) and `ui`.

pub mod inert;
pub mod wrap;
