//! Terminal lifecycle: raw mode and the alternate screen on, and always off again — on return, on panic, on a signal.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// Whether the terminal is currently in imdeck's mode, so restoring twice (panic hook, then drop) is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();
/// Whether imdeck asked the terminal for mouse reports, so restoring turns them off again.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Clicks and the wheel only (X10/normal tracking, 1000) in SGR encoding (1006): no motion reports, so moving
/// the pointer costs no frames. crossterm's `EnableMouseCapture` would also ask for every motion (1003).
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Asks the terminal for mouse reports; call after `init`. Shift-drag still selects text in most terminals,
/// and `--no-mouse` (or `mouse = false`) leaves the mouse to the terminal entirely.
pub fn enable_mouse() -> io::Result<()> {
    let mut stdout = io::stdout();
    stdout.write_all(MOUSE_ON.as_bytes())?;
    stdout.flush()?;
    MOUSE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Raw mode, alternate screen, bracketed paste; installs the panic hook that restores the terminal
/// before the panic message is printed (so the message is readable, not lost in the alternate screen).
pub fn init() -> io::Result<DefaultTerminal> {
    install_panic_hook();
    // ratatui's own init enters raw mode and the alternate screen (and adds a restoring hook of its own).
    let terminal = ratatui::try_init()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnableBracketedPaste)?;
    Ok(terminal)
}

/// Leaves imdeck's terminal mode: raw mode off, alternate screen left, cursor shown, paste mode off.
/// Safe to call more than once and from any thread.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut stdout = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = stdout.write_all(MOUSE_OFF.as_bytes());
    }
    // Raw mode first: it has the most side effects if left on.
    let raw = disable_raw_mode();
    let screen = execute!(stdout, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let flushed = stdout.flush();
    raw.and(screen).and(flushed)
}

/// For the runtime's SIGTERM/SIGHUP/SIGINT handler: restore the terminal, then exit with the shell's
/// convention for death by signal (128 + the signal number).
pub fn restore_and_exit(signal_number: i32) -> ! {
    if let Err(error) = restore() {
        eprintln!("imdeck: could not restore the terminal: {error}");
    }
    std::process::exit(128 + signal_number)
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restoring_a_terminal_that_was_never_set_up_does_nothing() {
        // No tty is touched: without `init`, restore has nothing to undo, however often it is called.
        assert!(restore().is_ok());
        assert!(restore().is_ok());
        assert!(!ACTIVE.load(Ordering::SeqCst));
    }
}
