//! The application model: `AppState`, the `Msg`s that change it, the pure `update`, the `Effect`s it asks for, and the keymap.

pub mod effect;
pub mod hit;
pub mod keymap;
pub mod msg;
pub mod output_rows;
pub mod palette;
pub mod state;
pub mod update;

pub use effect::Effect;
pub use keymap::{Action, Keymap, Section};
pub use msg::Msg;
pub use state::{AppState, Focus, HeaderInfo, IncidentManagerRegion};
pub use update::update;
