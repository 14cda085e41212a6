//! Sign-in attempt limits, per client address and per e-mail address, so
//! neither one machine nor a spread-out attack can guess passwords quickly.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct SignInLimiter {
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_email: DefaultKeyedRateLimiter<String>,
}

impl SignInLimiter {
    /// Attempts allowed per minute from one address (a whole school may share
    /// one) and for one e-mail address, each also the size of a burst.
    pub fn new(per_address: u32, per_email: u32) -> Self {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).expect("at least one");
            Quota::per_minute(n).allow_burst(n)
        };
        SignInLimiter {
            by_address: RateLimiter::keyed(quota(per_address)),
            by_email: RateLimiter::keyed(quota(per_email)),
        }
    }

    /// Counts one attempt; `false` when either limit is spent.
    pub fn attempt(&self, address: IpAddr, email: &str) -> bool {
        let address_ok = self.by_address.check_key(&address).is_ok();
        let email_ok = self.by_email.check_key(&email.to_string()).is_ok();
        address_ok && email_ok
    }

    /// Forgets idle keys so the maps do not grow without bound.
    pub fn tidy(&self) {
        self.by_address.retain_recent();
        self.by_email.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_at_one_address_in_a_minute_is_refused() {
        let limiter = SignInLimiter::new(30, 5);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..5 {
            assert!(limiter.attempt(ip, "a@example.org"));
        }
        assert!(!limiter.attempt(ip, "a@example.org"));
        // colleagues behind the same address still get in
        assert!(limiter.attempt(ip, "b@example.org"));
    }

    #[test]
    fn one_email_from_many_addresses_is_limited_too() {
        let limiter = SignInLimiter::new(30, 3);
        for i in 0..3 {
            let ip: IpAddr = format!("192.0.2.{i}").parse().unwrap();
            assert!(limiter.attempt(ip, "a@example.org"));
        }
        let ip: IpAddr = "192.0.2.99".parse().unwrap();
        assert!(!limiter.attempt(ip, "a@example.org"));
        assert!(limiter.attempt(ip, "b@example.org"));
    }

    #[test]
    fn one_address_trying_many_emails_is_limited() {
        let limiter = SignInLimiter::new(4, 100);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..4 {
            assert!(limiter.attempt(ip, &format!("{i}@example.org")));
        }
        assert!(!limiter.attempt(ip, "new@example.org"));
    }
}
