//! What the load runs share: their numeric arguments, and signing in as a
//! browser does (the sign-in page's CSRF token, then the server function).
#![allow(dead_code)] // each run uses its own part

use std::sync::Arc;

use leptos::server_fn::ServerFn;
use reqwest::cookie::CookieStore;

/// `--name N` from the command line, or `default`.
pub fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a number"))
        })
        .unwrap_or(default)
}

/// A browser signed in to the server at `base` (`http://host:port`).
pub struct SignedIn {
    /// Keeps the cookies; follows no redirects.
    pub http: reqwest::Client,
    /// The `Cookie` header it sends, for clients other than `http`.
    pub cookie: String,
}

pub async fn sign_in(base: &str, email: &str, password: &str) -> SignedIn {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let http = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = http
        .get(format!("{base}/sign-in"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "name=\"csrf-token\" content=\"";
    let start = html.find(marker).expect("csrf meta tag") + marker.len();
    let csrf = &html[start..start + html[start..].find('"').unwrap()];
    let r = http
        .post(format!("{base}{}", app::api::auth::SignIn::PATH))
        .header("origin", base)
        .form(&[
            ("csrf_token", csrf),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success(),
        "sign in as {email}: {}",
        r.status()
    );
    let cookie = jar
        .cookies(&base.parse().unwrap())
        .and_then(|v| v.to_str().ok().map(str::to_string))
        .unwrap_or_default();
    SignedIn { http, cookie }
}
