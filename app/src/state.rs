//! What every request handler and server function can reach: the database,
//! the frameworks, limits and settings. Built once at start (or per test).

use std::sync::Arc;

use axum::extract::FromRef;
use chrono::Duration;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::calendar::Calendars;
use crate::collab::server::Hub;
use crate::collab::server::store::Store;
use crate::rubric::Catalog;
use crate::security::rate_limit::{AnswerLimiter, SignInLimiter};

#[derive(Clone, Debug)]
pub struct Settings {
    /// Send cookies only over HTTPS (true in production behind TLS).
    pub secure_cookies: bool,
    /// How long an invitation link stays usable.
    pub invitation_valid_for: Duration,
    /// Sign-out after this long without a request.
    pub session_idle: Duration,
    /// A session in use is saved again, its expiry moved on, at most this
    /// often (not on every request: that would be a database write per page).
    pub session_refresh: Duration,
    /// Sign-in attempts allowed per minute from one address.
    pub sign_ins_per_address: u32,
    /// Sign-in attempts allowed per minute for one e-mail address.
    pub sign_ins_per_email: u32,
    /// Survey answers accepted per minute through one share link.
    pub answers_per_link: u32,
    /// Survey answers accepted per minute from one network address.
    pub answers_per_address: u32,
    /// The site's public address, for links people copy
    /// ([`crate::links::public_url`]).
    pub public_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: false,
            invitation_valid_for: Duration::days(7),
            session_idle: Duration::hours(8),
            session_refresh: Duration::minutes(15),
            sign_ins_per_address: 30,
            sign_ins_per_email: 5,
            answers_per_link: 120,
            answers_per_address: 20,
            public_url: "http://127.0.0.1:3000".into(),
        }
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub frameworks: Arc<Catalog>,
    /// Bank holidays and authorities' term dates, for school days.
    pub calendars: Arc<Calendars>,
    pub sign_in_limiter: Arc<SignInLimiter>,
    pub answer_limiter: Arc<AnswerLimiter>,
    pub settings: Arc<Settings>,
    /// The open collaborative documents.
    pub collab: Hub,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: DatabaseConnection,
        frameworks: Catalog,
        calendars: Calendars,
        settings: Settings,
    ) -> Self {
        // Names this instance's rows in the update log, so peers skip their own.
        let origin = crate::security::tokens::new_token()[..12].to_string();
        AppState {
            collab: Hub::new(Store::new(db.clone(), origin)),
            leptos_options,
            db,
            frameworks: Arc::new(frameworks),
            calendars: Arc::new(calendars),
            sign_in_limiter: Arc::new(SignInLimiter::new(
                settings.sign_ins_per_address,
                settings.sign_ins_per_email,
            )),
            answer_limiter: Arc::new(AnswerLimiter::new(
                settings.answers_per_link,
                settings.answers_per_address,
            )),
            settings: Arc::new(settings),
        }
    }
}
