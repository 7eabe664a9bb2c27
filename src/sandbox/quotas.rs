//! `--quotas`: every operation a token bucket at AWS's request rate for it, per Region, so a client that bursts
//! past what AWS allows meets the service's own throttling error here first.
//!
//! Rates (requests per second; `/work/shared/reference/aws-api.md` §10 says which are published and which
//! assumed): SNS ListTopics 30 is published ("throttled at 30 TPS"); no per-action figure was found for the
//! other SNS topic actions, so they get the same 30, the lowest SNS control-plane rate known. Incident Manager
//! publishes no per-API rate: 5 per second with a burst of 10 is assumed. Chatbot publishes none either: 5 per
//! second, burst 5. Each bucket starts full and holds `burst` tokens.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::errors::Service;

/// One operation's allowance: `per_second` tokens refill continuously up to `burst`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub per_second: f64,
    pub burst: f64,
}

/// The rate the sandbox enforces for `operation` of `service` (per Region, for the one caller account).
pub fn rate_for(service: Service, operation: &str) -> Rate {
    match (service, operation) {
        (Service::Sns, _) => Rate {
            per_second: 30.0,
            burst: 30.0,
        },
        (Service::Incidents, _) => Rate {
            per_second: 5.0,
            burst: 10.0,
        },
        (Service::Chatbot, _) => Rate {
            per_second: 5.0,
            burst: 5.0,
        },
    }
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

/// The buckets, keyed by service, operation and Region.
#[derive(Debug, Default)]
pub struct Quotas {
    buckets: Mutex<HashMap<(Service, String, String), Bucket>>,
}

impl Quotas {
    /// Takes a token for this request now, or says it must be throttled.
    pub fn admit(&self, service: Service, operation: &str, region: &str) -> bool {
        self.admit_at(service, operation, region, Instant::now())
    }

    fn admit_at(&self, service: Service, operation: &str, region: &str, now: Instant) -> bool {
        let rate = rate_for(service, operation);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets
            .entry((service, operation.to_string(), region.to_string()))
            .or_insert(Bucket {
                tokens: rate.burst,
                refilled: now,
            });
        let elapsed = now.saturating_duration_since(bucket.refilled).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate.per_second).min(rate.burst);
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_past_the_bucket_is_throttled_and_refills_at_the_rate() {
        let quotas = Quotas::default();
        let start = Instant::now();
        let admitted = (0..40)
            .filter(|_| quotas.admit_at(Service::Sns, "ListTopics", "us-east-2", start))
            .count();
        assert_eq!(admitted, 30);
        // Another Region and another operation have buckets of their own.
        assert!(quotas.admit_at(Service::Sns, "ListTopics", "us-west-2", start));
        assert!(quotas.admit_at(Service::Sns, "GetTopicAttributes", "us-east-2", start));
        // 100 ms at 30 per second refills three tokens.
        let later = start + Duration::from_millis(100);
        let refilled = (0..10)
            .filter(|_| quotas.admit_at(Service::Sns, "ListTopics", "us-east-2", later))
            .count();
        assert_eq!(refilled, 3);
    }

    #[test]
    fn incident_manager_allows_a_burst_of_ten_then_five_per_second() {
        let quotas = Quotas::default();
        let start = Instant::now();
        let op = "GetResponsePlan";
        let admitted = (0..20)
            .filter(|_| quotas.admit_at(Service::Incidents, op, "us-east-2", start))
            .count();
        assert_eq!(admitted, 10);
        let later = start + Duration::from_secs(1);
        let refilled = (0..20)
            .filter(|_| quotas.admit_at(Service::Incidents, op, "us-east-2", later))
            .count();
        assert_eq!(refilled, 5);
    }
}
