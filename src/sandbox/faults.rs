//! Injected faults: a seeded random plan decides, request by request, whether and how to misbehave.

use std::collections::HashMap;
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

/// Decides each request's fault from the seed and the request itself (its Region, operation, query and body)
/// plus how many times that same request was seen before, so a seed names one run however concurrent
/// requests interleave, and a retried request can fare differently from its first attempt.
#[derive(Debug)]
pub struct FaultPlan {
    rate: f64,
    seed: u64,
    attempts: HashMap<u64, u64>,
}

/// What identifies a request for the fault draw.
#[derive(Debug, Clone, Copy)]
pub struct RequestKey<'a> {
    pub region: &'a str,
    pub operation: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
}

impl RequestKey<'_> {
    /// FNV-1a over the parts, separated: stable across runs and Rust releases, unlike `DefaultHasher`.
    fn digest(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            self.region.as_bytes(),
            self.operation.as_bytes(),
            self.query.as_bytes(),
            self.body,
        ] {
            for byte in part.iter().chain([&0xff]) {
                hash ^= u64::from(*byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }
}

impl FaultPlan {
    pub fn new(rate: f64, seed: u64) -> Self {
        Self {
            rate: rate.clamp(0.0, 1.0),
            seed,
            attempts: HashMap::new(),
        }
    }

    /// The fault for this request, if any.
    pub fn fault_for(&mut self, request: RequestKey<'_>) -> Option<Fault> {
        let digest = request.digest();
        let attempt = self.attempts.entry(digest).or_insert(0);
        let mut rng =
            StdRng::seed_from_u64(self.seed ^ digest ^ attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        *attempt += 1;
        let roll: f64 = rng.random();
        let kind: u8 = rng.random_range(0..4);
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

    fn request(n: usize) -> RequestKey<'static> {
        const OPERATIONS: [&str; 3] = ["ListTopics", "GetTopicAttributes", "ListTimelineEvents"];
        RequestKey {
            region: if n.is_multiple_of(2) {
                "us-east-1"
            } else {
                "eu-west-1"
            },
            operation: OPERATIONS[n % 3],
            query: "",
            body: b"{}",
        }
    }

    #[test]
    fn a_seed_gives_each_request_the_same_fault_in_any_order() {
        let forward: Vec<_> = {
            let mut plan = FaultPlan::new(0.5, 7);
            (0..6).map(|n| plan.fault_for(request(n))).collect()
        };
        let mut backward: Vec<_> = {
            let mut plan = FaultPlan::new(0.5, 7);
            (0..6).rev().map(|n| plan.fault_for(request(n))).collect()
        };
        backward.reverse();
        assert_eq!(forward, backward);
    }

    #[test]
    fn retries_of_one_request_draw_anew_and_seeds_differ() {
        let draws = |seed| {
            let mut plan = FaultPlan::new(0.5, seed);
            (0..64)
                .map(|_| plan.fault_for(request(0)))
                .collect::<Vec<_>>()
        };
        let seven = draws(7);
        assert_eq!(seven, draws(7));
        assert!(seven.iter().any(Option::is_some));
        assert!(seven.iter().any(Option::is_none));
        assert_ne!(seven, draws(8));
    }

    #[test]
    fn rate_zero_never_faults_and_one_always_does() {
        let mut never = FaultPlan::new(0.0, 1);
        assert!((0..100).all(|n| never.fault_for(request(n)).is_none()));
        let mut always = FaultPlan::new(1.0, 1);
        assert!((0..100).all(|n| always.fault_for(request(n)).is_some()));
    }
}
