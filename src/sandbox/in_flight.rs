//! How many requests the sandbox is answering at once, and the most it has answered at once: a client's
//! concurrency, seen from the server, so a bench can prove a bound on it whatever the machine's speed.

use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Default)]
pub struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
}

/// Held while one request is answered; dropping it (the answer sent, or the handler cancelled) counts it out.
pub struct Entered<'a>(&'a InFlight);

impl InFlight {
    pub fn enter(&self) -> Entered<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        Entered(self)
    }

    /// The most requests answered at once since the last `take_peak` (or the start).
    pub fn take_peak(&self) -> usize {
        self.peak
            .swap(self.now.load(Ordering::SeqCst), Ordering::SeqCst)
    }
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_is_the_most_at_once_and_taking_it_starts_over() {
        let counter = InFlight::default();
        let a = counter.enter();
        let b = counter.enter();
        drop(a);
        let c = counter.enter();
        drop((b, c));
        assert_eq!(counter.take_peak(), 2);
        assert_eq!(counter.take_peak(), 0, "nothing in flight after the take");
        let _d = counter.enter();
        assert_eq!(counter.take_peak(), 1);
    }
}
