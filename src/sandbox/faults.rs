//! Injected faults: a seeded random plan decides, request by request, whether and how to misbehave.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How a faulted request misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The service's throttling error (the SDK retries it).
    Throttle,
    /// A 500 (the SDK retries it).
    Internal,
    /// The operation runs, then the connection closes without a response.
    DropConnection,
    /// The answer comes [`LATENCY_SPIKE`] late.
    LatencySpike,
}

impl Fault {
    pub fn label(self) -> &'static str {
        match self {
            Fault::Throttle => "throttle",
            Fault::Internal => "internal-error",
            Fault::DropConnection => "dropped-connection",
            Fault::LatencySpike => "latency-spike",
        }
    }
}

/// Extra delay of a latency-spike fault.
pub const LATENCY_SPIKE: Duration = Duration::from_millis(1500);

/// The same seed gives the same sequence of faults for the same sequence of requests.
#[derive(Debug)]
pub struct FaultPlan {
    rate: f64,
    rng: StdRng,
}

impl FaultPlan {
    pub fn new(rate: f64, seed: u64) -> Self {
        Self {
            rate: rate.clamp(0.0, 1.0),
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// The fault for the next request, if any. Both draws happen on every call so that the sequence of
    /// kinds depends only on the seed and the number of requests.
    pub fn next_fault(&mut self) -> Option<Fault> {
        let roll: f64 = self.rng.random();
        let kind: u8 = self.rng.random_range(0..4);
        if roll >= self.rate {
            return None;
        }
        Some(match kind {
            0 => Fault::Throttle,
            1 => Fault::Internal,
            2 => Fault::DropConnection,
            _ => Fault::LatencySpike,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = FaultPlan::new(0.5, 7);
        let mut b = FaultPlan::new(0.5, 7);
        let seq_a: Vec<_> = (0..50).map(|_| a.next_fault()).collect();
        let seq_b: Vec<_> = (0..50).map(|_| b.next_fault()).collect();
        assert_eq!(seq_a, seq_b);
        assert!(seq_a.iter().any(Option::is_some));
        assert!(seq_a.iter().any(Option::is_none));
        let mut c = FaultPlan::new(0.5, 8);
        let seq_c: Vec<_> = (0..50).map(|_| c.next_fault()).collect();
        assert_ne!(seq_a, seq_c);
    }

    #[test]
    fn rate_zero_never_faults_and_one_always_does() {
        let mut never = FaultPlan::new(0.0, 1);
        assert!((0..100).all(|_| never.next_fault().is_none()));
        let mut always = FaultPlan::new(1.0, 1);
        assert!((0..100).all(|_| always.next_fault().is_some()));
    }
}
