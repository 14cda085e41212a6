//! Cross-site request forgery protection: a signed-in page carries a token in
//! a cookie (SameSite=Strict, HttpOnly) and the same token in every form
//! (`csrf_token`) or in the `x-csrf-token` header; a request whose two copies
//! differ, or that comes from another site, changes nothing.

use http::HeaderMap;
use subtle::ConstantTimeEq;

pub const COOKIE: &str = "csrf";
pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

/// The token for this request, put in the request's extensions by the
/// middleware so pages can write it into their forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrfToken(pub String);

pub fn tokens_match(cookie: &str, submitted: &str) -> bool {
    !cookie.is_empty() && cookie.as_bytes().ct_eq(submitted.as_bytes()).into()
}

/// Fetch metadata and Origin say the request came from this site (or from no
/// browser page at all, as with a command-line client, which carries no cookies
/// of a victim).
pub fn same_origin(headers: &HeaderMap, host: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (
        headers
            .get(http::header::ORIGIN)
            .and_then(|v| v.to_str().ok()),
        host,
    ) {
        (None, _) => true,
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

/// Reads the token field from an urlencoded form body.
pub fn token_in_form(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("", ""));
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        let host = Some("127.0.0.1:3000");
        assert!(same_origin(&headers(&[]), host));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin")
            ]),
            host
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example")]),
            host
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            host
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            host
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), host));
    }

    #[test]
    fn the_token_is_found_in_a_form_body() {
        assert_eq!(
            token_in_form(b"email=a%40b&csrf_token=xyz").as_deref(),
            Some("xyz")
        );
        assert_eq!(token_in_form(b"email=a"), None);
    }
}
