//! The error every server function returns: plain, serde, shared with the
//! browser. It says what the person can do about it and never carries a
//! database message or any other internal cause (those stay in the log).

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// One problem with one form field, for the error summary and the inline message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The `name` (and `id`) of the input it belongs to.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("You need to sign in to see this page.")]
    Unauthenticated,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("Page not found.")]
    NotFound,
    #[error("There is a problem with what was entered.")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Wait a minute, then try again.")]
    RateLimited,
    #[error("Your form had expired. Go back, reload the page and try again.")]
    CsrfRejected,
    #[error("Something went wrong on our side. Try again later.")]
    Internal,
    /// The browser could not reach the server, or the reply made no sense.
    #[error("Could not reach the server. Check your connection and try again.")]
    Transport,
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::CsrfRejected => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Invalid(_) => 422,
            AppError::RateLimited => 429,
            AppError::Internal => 500,
            AppError::Transport => 502,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.as_str())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Response(_) => AppError::Transport,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid(vec![FieldError::new(
                    "form",
                    "The form was incomplete. Reload the page and try again.",
                )])
            }
            _ => AppError::Internal,
        }
    }
}
