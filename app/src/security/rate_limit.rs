//! Sign-in attempt limits, per client address and per e-mail address, so
//! neither one machine nor a spread-out attack can guess passwords quickly.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// `n` a minute, all of them at once if need be.
fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n.max(1)).expect("at least one");
    Quota::per_minute(n).allow_burst(n)
}

pub struct SignInLimiter {
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_email: DefaultKeyedRateLimiter<String>,
}

impl SignInLimiter {
    /// Attempts allowed per minute from one address (a whole school may share
    /// one) and for one e-mail address, each also the size of a burst.
    pub fn new(per_address: u32, per_email: u32) -> Self {
        SignInLimiter {
            by_address: RateLimiter::keyed(per_minute(per_address)),
            by_email: RateLimiter::keyed(per_minute(per_email)),
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

/// Survey answers: per share link (a link posted somewhere public cannot
/// flood a survey) and per network address (a school's carers may share one).
pub struct AnswerLimiter {
    by_link: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl AnswerLimiter {
    pub fn new(per_link: u32, per_address: u32) -> Self {
        AnswerLimiter {
            by_link: RateLimiter::keyed(per_minute(per_link)),
            by_address: RateLimiter::keyed(per_minute(per_address)),
        }
    }

    /// Counts one submission; `false` when either limit is spent.
    pub fn attempt(&self, address: IpAddr, token: &str) -> bool {
        let address_ok = self.by_address.check_key(&address).is_ok();
        let link_ok = self.by_link.check_key(&token.to_string()).is_ok();
        address_ok && link_ok
    }

    pub fn tidy(&self) {
        self.by_link.retain_recent();
        self.by_address.retain_recent();
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
    fn answers_are_limited_per_address_and_per_link() {
        let limiter = AnswerLimiter::new(3, 2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(limiter.attempt(a, "link-one"));
        assert!(limiter.attempt(a, "link-one"));
        assert!(
            !limiter.attempt(a, "link-two"),
            "the address has had its two"
        );
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.attempt(b, "link-one"));
        let c: IpAddr = "192.0.2.3".parse().unwrap();
        assert!(
            !limiter.attempt(c, "link-one"),
            "the link has had its three"
        );
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
