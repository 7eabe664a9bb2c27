//! Where a movement key lands in a list: shared by every pane, popup and the wizard.

use crate::app::keymap::Action;

/// Where a movement lands in a list of `len` rows from `at`.
pub fn step(action: Action, at: usize, len: usize, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => (at + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => at,
    }
}
