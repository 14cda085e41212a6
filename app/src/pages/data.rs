//! The data a page loads, and the one way it is read in the browser.
//!
//! A page's data reaches the browser two ways: inside the server-rendered page
//! (a resource's value, as JSON text) and, after a link is followed, as a
//! server function's answer (JSON bytes). Leptos reads the first with
//! `serde_json::from_str` and the second with `serde_json::from_slice`, and
//! each reader is its own copy of every type's deserialiser in the bundle —
//! about a third of a page's code. [`page_data`] reads both as bytes, so each
//! type's deserialiser is compiled once.

use std::future::Future;

use codee::{Decoder, Encoder};
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

/// JSON, read as bytes whichever way it came.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's data: loaded on the server with the page, and in the browser when
/// `source` changes.
pub type PageData<T> = Resource<T, Json>;

/// [`Resource::new`] with [`Json`]: what every page loads its data with.
#[track_caller]
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Figures {
        school: String,
        complete: u32,
        due: Option<String>,
    }

    #[test]
    fn what_the_server_writes_the_browser_reads_back() {
        let figures = Figures {
            school: "Fenland Primary School — “demo”".into(),
            complete: 12,
            due: None,
        };
        let text = <Json as Encoder<Figures>>::encode(&figures).unwrap();
        let back: Figures = <Json as Decoder<Figures>>::decode(&text).unwrap();
        assert_eq!(back, figures);
    }

    #[test]
    fn text_that_is_not_the_type_is_an_error_not_a_value() {
        let wrong = <Json as Decoder<Figures>>::decode(r#"{"school":"x"}"#);
        assert!(wrong.is_err());
        let broken = <Json as Decoder<Figures>>::decode("{");
        assert!(broken.is_err());
    }
}
