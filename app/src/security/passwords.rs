//! Password hashing (argon2id through `password-auth`) and the rules a new
//! password must meet.

/// Shortest password accepted; long passphrases beat composition rules.
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 200;

/// A hash of a password nobody has, so an unknown e-mail address costs the
/// same time as a wrong password (no user enumeration by timing).
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC1zYWx0$SxP7PzCx7/3uPkqMm2xCH+0c7v1r2G5T8Gd0m0tJ8fY";

pub fn hash(password: &str) -> String {
    password_auth::generate_hash(password)
}

pub fn verify(password: &str, hash: &str) -> bool {
    password_auth::verify_password(password, hash).is_ok()
}

/// Spends the time of one verification and always fails.
pub fn verify_decoy(password: &str) -> bool {
    let _ = password_auth::verify_password(password, DECOY_HASH);
    false
}

/// Why a new password is not acceptable, in words for the person choosing it.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        Err("Password must be at least 10 characters long")
    } else if n > MAX_PASSWORD_CHARS {
        Err("Password must be 200 characters or fewer")
    } else if password.trim().is_empty() {
        Err("Password must not be only spaces")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("correct horse battery");
        let b = hash("correct horse battery");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse battery!", &a));
        assert!(!verify_decoy("anything"));
    }

    #[test]
    fn the_decoy_is_a_real_hash_so_it_costs_a_real_verification() {
        assert!(matches!(
            password_auth::verify_password("x", DECOY_HASH),
            Err(password_auth::VerifyError::PasswordInvalid)
        ));
    }

    #[test]
    fn new_password_rules() {
        assert!(check_new("short").is_err());
        assert!(check_new("          ").is_err());
        assert!(check_new("long enough pass").is_ok());
        assert!(check_new(&"x".repeat(201)).is_err());
    }
}
