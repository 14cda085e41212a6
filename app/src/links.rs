//! Links people copy — survey links, QR codes, invitation links — are
//! absolute and built from one configured public address (`PUBLIC_URL`),
//! never from the request's Host header, which behind a council's reverse
//! proxy names the wrong machine (and can be set by anyone).

/// The site's public address, `https://portfolio.example.gov.uk`, with no
/// trailing slash. On the server it is the configured one; in the browser,
/// the one the server wrote into the page.
pub fn public_url() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<crate::state::AppState>()
            .map(|s| s.settings.public_url.clone())
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=public-url]").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// `public_url()` followed by an absolute path.
pub fn absolute(path: &str) -> String {
    format!("{}{path}", public_url())
}

/// Checks a configured public address: `http` or `https`, a host, nothing
/// after it but an optional `/`. Returns it without the trailing slash.
#[cfg(feature = "ssr")]
pub fn parse_public_url(value: &str) -> Result<String, String> {
    let uri: http::Uri = value
        .trim()
        .parse()
        .map_err(|_| format!("PUBLIC_URL “{value}” is not an address"))?;
    let scheme = uri.scheme_str().unwrap_or_default();
    if !matches!(scheme, "http" | "https") {
        return Err(format!(
            "PUBLIC_URL “{value}” must start with https:// (or http://)"
        ));
    }
    let Some(authority) = uri.authority().filter(|a| !a.host().is_empty()) else {
        return Err(format!("PUBLIC_URL “{value}” has no host name"));
    };
    if authority.as_str().contains('@') {
        return Err(format!("PUBLIC_URL “{value}” must not hold a user name"));
    }
    if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
        return Err(format!(
            "PUBLIC_URL “{value}” must be the site's address alone, with no path"
        ));
    }
    Ok(format!(
        "{scheme}://{}",
        authority.as_str().to_ascii_lowercase()
    ))
}

/// The public address when `PUBLIC_URL` is not set: the address the server
/// listens on — unless that cannot be what people type (every interface, or
/// behind TLS), when starting without `PUBLIC_URL` is refused rather than
/// handing out links that do not work.
#[cfg(feature = "ssr")]
pub fn default_public_url(
    listen: std::net::SocketAddr,
    behind_tls: bool,
) -> Result<String, String> {
    if listen.ip().is_unspecified() || behind_tls {
        return Err(format!(
            "set PUBLIC_URL to the address people use to reach the site (e.g. https://portfolio.example.gov.uk): \
             links in invitations, survey letters and QR codes are built from it, and {} is not it",
            if behind_tls {
                "with SECURE_COOKIES on, the listening address".to_string()
            } else {
                format!("http://{listen}")
            }
        ));
    }
    Ok(format!("http://{listen}"))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn without_public_url_only_a_real_listening_address_will_do() {
        let local: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        assert_eq!(
            default_public_url(local, false).unwrap(),
            "http://127.0.0.1:3000"
        );
        assert!(default_public_url("0.0.0.0:3000".parse().unwrap(), false).is_err());
        assert!(default_public_url("[::]:3000".parse().unwrap(), false).is_err());
        assert!(
            default_public_url(local, true).is_err(),
            "behind TLS it is not http://"
        );
    }

    #[test]
    fn a_public_address_is_an_origin() {
        assert_eq!(
            parse_public_url("https://Portfolio.Example.gov.uk/").unwrap(),
            "https://portfolio.example.gov.uk"
        );
        assert_eq!(
            parse_public_url(" http://127.0.0.1:3000 ").unwrap(),
            "http://127.0.0.1:3000"
        );
        for bad in [
            "",
            "portfolio.example.gov.uk",
            "ftp://example.gov.uk",
            "https://example.gov.uk/caring",
            "https://example.gov.uk/?a=1",
            "https://user@example.gov.uk",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
