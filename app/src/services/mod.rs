//! What the product does, over the database: plain async functions that take a
//! connection and return plain types. Server functions and handlers authorise,
//! call one of these and map the result.

pub mod access;
pub mod accounts;
pub mod actions;
pub mod award;
pub mod dashboard;
pub mod downloads;
pub mod evidence;
pub mod feeds;
pub mod invitations;
pub mod markdown;
pub mod members;
pub mod pack;
pub mod peps;
pub mod portfolios;
pub mod report;
pub mod resets;
pub mod review;
pub mod school_calendar;
pub mod schools;
pub mod surveys;
pub mod virtual_school;

use sea_orm::DbErr;

use crate::error::{AppError, FieldError};
use crate::security::Denial;

/// The service layer's error. Database causes are kept for the log and never
/// reach the browser (see the conversion into [`AppError`]).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("denied: {0:?}")]
    Denied(Denial),
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("rate limited")]
    RateLimited,
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ServiceError::Invalid(vec![FieldError::new(field, message)])
    }
}

impl From<Denial> for ServiceError {
    fn from(d: Denial) -> Self {
        match d {
            // Allowed, but not at this stage: a conflict the person can act on.
            Denial::NotNow(why) => ServiceError::Conflict(why.into()),
            other => ServiceError::Denied(other),
        }
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Denied(Denial::Unauthenticated) => AppError::Unauthenticated,
            ServiceError::Denied(Denial::Forbidden) => AppError::Forbidden,
            ServiceError::Denied(Denial::NotFound) => AppError::NotFound,
            ServiceError::Denied(Denial::NotNow(why)) => AppError::Conflict(why.into()),
            ServiceError::Invalid(errors) => AppError::Invalid(errors),
            ServiceError::Conflict(message) => AppError::Conflict(message),
            ServiceError::RateLimited => AppError::RateLimited,
            ServiceError::Db(cause) => {
                tracing::error!(error = %cause, "database error");
                AppError::Internal
            }
            ServiceError::Internal(cause) => {
                tracing::error!(error = %cause, "internal error");
                AppError::Internal
            }
        }
    }
}

/// Collects field problems and turns them into one error, or none.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn check(self) -> ServiceResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Invalid(self.0))
        }
    }
}

/// Trims and limits a one-line text input.
pub fn clean_line(
    problems: &mut Problems,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim().to_string();
    if value.is_empty() {
        problems.add(field, format!("Enter {label}"));
    } else if value.chars().count() > max {
        problems.add(
            field,
            format!("{} must be {max} characters or fewer", capitalise(label)),
        );
    }
    value
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
