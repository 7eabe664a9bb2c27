//! What the frame on screen drew under the pointer: found by `ui`, which owns the geometry, and handed to `update` with the mouse event, so `app` never needs the layout.

use super::keymap::Action;
use super::state::Focus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hit {
    /// The dashboard pane under the pointer, and the index of its row there (`None` off every row).
    pub pane: Option<(Focus, Option<usize>)>,
    /// The confirmation button under the pointer: a command's, or the wizard's y/n.
    pub button: Option<Action>,
}
