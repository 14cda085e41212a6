//! Spawning the app for a test, and a client that behaves like a browser's
//! scripts (cookies, CSRF token) without following redirects.

use std::net::SocketAddr;

use leptos::config::LeptosOptions;
use leptos::server_fn::ServerFn;
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::db::entities::{membership, school};
use app::db::testing::{Backend, TestDb};
use app::model::SchoolRole;
use app::rubric::Catalog;
use app::services::accounts::{self, NewAccount};
use app::services::schools;
use app::state::{AppState, Settings};
use server::http::metrics::Metrics;

pub const PASSWORD: &str = "test password 123";

pub const COORDINATOR: &str = "coordinator@demo.caring-schools.test";
pub const EDITOR: &str = "editor@demo.caring-schools.test";
pub const GOVERNOR: &str = "governor@demo.caring-schools.test";
pub const ASSESSOR: &str = "assessor@demo.caring-schools.test";
pub const ADMIN: &str = "admin@demo.caring-schools.test";
pub const OTHER: &str = "coordinator@other.school.test";

pub struct TestApp {
    pub address: SocketAddr,
    pub db: TestDb,
    pub state: AppState,
    pub school_id: i32,
    pub other_school_id: i32,
    pub authority_id: i32,
}

impl TestApp {
    /// Sign-in limits are generous here, as the tests sign in often from one
    /// address; the limit itself is tested with its defaults.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let settings = Settings {
            sign_ins_per_address: 10_000,
            sign_ins_per_email: 10_000,
            ..Settings::default()
        };
        Self::spawn_with(backend, settings).await
    }

    pub async fn spawn_with(backend: Backend, settings: Settings) -> Option<TestApp> {
        let options = LeptosOptions::builder()
            .output_name("caring-schools")
            .site_root("target/site")
            .build();
        Self::spawn_site(backend, settings, options).await
    }

    /// A server of the site's files under `options.site_root`.
    pub async fn spawn_site(
        backend: Backend,
        settings: Settings,
        options: LeptosOptions,
    ) -> Option<TestApp> {
        let db = TestDb::new(backend).await?;
        let frameworks = Catalog::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
        )
        .expect("frameworks");
        let calendars = app::calendar::Calendars::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendars"),
        )
        .expect("calendars");
        let state = AppState::new(options, db.db.clone(), frameworks, calendars, settings);
        server::demo::seed(&state, Some(PASSWORD))
            .await
            .expect("demo seed");
        let school = school::Entity::find()
            .filter(school::Column::Urn.eq(server::demo::DEMO_URN))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();

        // A second school in the same authority, with its own coordinator.
        let other = schools::create_school(
            &state.db,
            schools::NewSchool {
                authority_id: school.authority_id,
                name: "Marshside Academy",
                urn: "999002",
                phase: "Secondary",
                school_type: "Academy",
            },
        )
        .await
        .unwrap();
        let account = NewAccount::check("Olive Other", OTHER, PASSWORD, PASSWORD).unwrap();
        let user = accounts::create_user(&state.db, &account, false, None)
            .await
            .unwrap();
        membership::ActiveModel {
            user_id: Set(user.id),
            school_id: Set(other.id),
            role: Set(SchoolRole::Coordinator.as_str().into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .unwrap();

        if backend == Backend::Postgres {
            app::collab::server::peers::spawn_listener(state.collab.clone(), db.url.clone());
        }
        let router = server::build_router(state.clone(), Metrics::new());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(server::serve(listener, router));
        Some(TestApp {
            address,
            db,
            state,
            school_id: school.id,
            other_school_id: other.id,
            authority_id: school.authority_id,
        })
    }

    /// A second server instance on the same database (as on a second machine).
    pub async fn second_instance(&self) -> (SocketAddr, AppState) {
        let db = app::db::connect(&self.db.url).await.unwrap();
        let state = AppState::new(
            self.state.leptos_options.clone(),
            db,
            (*self.state.frameworks).clone(),
            (*self.state.calendars).clone(),
            (*self.state.settings).clone(),
        );
        if self.db.url.starts_with("postgres") {
            app::collab::server::peers::spawn_listener(state.collab.clone(), self.db.url.clone());
        }
        let router = server::build_router(state.clone(), Metrics::new());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(server::serve(listener, router));
        (address, state)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// A fresh browser-like client with its own cookies and CSRF token.
    pub async fn client(&self) -> TestClient {
        TestClient::new(self.url("")).await
    }

    /// A client signed in as `email` (with the shared test password).
    pub async fn signed_in(&self, email: &str) -> TestClient {
        let client = self.client().await;
        let r = client.sign_in(email, PASSWORD).await;
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "sign in as {email}: {}",
            r.text().await.unwrap_or_default()
        );
        client
    }

    /// The demo school's portfolio.
    pub async fn portfolio_id(&self) -> i32 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::db::entities::portfolio::Entity::find()
            .filter(app::db::entities::portfolio::Column::SchoolId.eq(self.school_id))
            .filter(app::db::entities::portfolio::Column::FrameworkId.eq("caring2learn"))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    pub async fn user_id(&self, email: &str) -> i32 {
        accounts::find_by_email(&self.state.db, email)
            .await
            .unwrap()
            .unwrap()
            .id
    }
}

pub struct TestClient {
    pub http: Client,
    pub base: String,
    pub csrf: String,
    pub cookies: std::sync::Arc<reqwest::cookie::Jar>,
}

/// The path a server function answers at.
pub fn path_of<F: ServerFn>() -> &'static str {
    F::PATH
}

impl TestClient {
    /// A client of the server at `base` (`http://host:port`).
    pub async fn new(base: String) -> TestClient {
        let cookies = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let http = Client::builder()
            .cookie_provider(cookies.clone())
            .redirect(reqwest::redirect::Policy::none())
            // A request that hangs fails with its address, well inside the
            // test's own time limit, so the report says which one it was.
            .timeout(std::time::Duration::from_secs(90))
            .build()
            .unwrap();
        let mut client = TestClient {
            http,
            base,
            csrf: String::new(),
            cookies,
        };
        client.refresh_csrf().await;
        client
    }

    /// The `Cookie` header this client would send.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.cookies
            .cookies(&self.base.parse().unwrap())
            .and_then(|v| v.to_str().ok().map(str::to_string))
            .unwrap_or_default()
    }

    /// Loads a page to get the CSRF cookie and reads the token from its meta tag.
    pub async fn refresh_csrf(&mut self) {
        let html = self
            .http
            .get(format!("{}/sign-in", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let marker = "name=\"csrf-token\" content=\"";
        let start = html.find(marker).expect("csrf meta tag") + marker.len();
        let end = start + html[start..].find('"').unwrap();
        self.csrf = html[start..end].to_string();
    }

    /// Calls a POST server function the way the hydrated page does.
    pub async fn post<F: ServerFn>(&self, fields: &[(&str, String)]) -> Response {
        let mut form: Vec<(&str, String)> = vec![("csrf_token", self.csrf.clone())];
        form.extend(fields.iter().cloned());
        self.http
            .post(format!("{}{}", self.base, F::PATH))
            .header("origin", &self.base)
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Calls a GET server function.
    pub async fn get_fn<F: ServerFn>(&self, query: &[(&str, String)]) -> Response {
        self.http
            .get(format!("{}{}", self.base, F::PATH))
            .query(query)
            .send()
            .await
            .unwrap()
    }

    /// Loads a page as a browser does.
    pub async fn page(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{}", self.base, path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.post::<app::api::auth::SignIn>(&[
            ("email", email.into()),
            ("password", password.into()),
        ])
        .await
    }
}

/// Fails a test that hangs instead of hanging the suite.
pub async fn within_time(test: impl std::future::Future<Output = ()>) {
    within_time_on(test, "").await
}

/// [`within_time`] for a test of the database at `database_url`: on
/// PostgreSQL the report includes what each connection to it was doing.
pub async fn within_time_on(test: impl std::future::Future<Output = ()>, database_url: &str) {
    if tokio::time::timeout(std::time::Duration::from_secs(180), test)
        .await
        .is_err()
    {
        panic!(
            "test did not finish within 180 s{}",
            database_activity(database_url).await
        );
    }
}

/// `pg_stat_activity` for the database at `url` (a new connection, as the
/// test's pool may be the thing that is stuck); empty for SQLite.
async fn database_activity(url: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    if !url.starts_with("postgres") {
        return String::new();
    }
    let Ok(db) = sea_orm::Database::connect(url).await else {
        return "\n(could not connect to read pg_stat_activity)".into();
    };
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT pid, state, wait_event_type, wait_event, \
             pg_blocking_pids(pid)::text AS blocked_by, \
             (now() - xact_start)::text AS in_transaction, left(query, 300) AS query \
             FROM pg_stat_activity WHERE datname = current_database() \
             AND pid <> pg_backend_pid()",
        ))
        .await;
    let mut out = String::from("\npg_stat_activity:");
    match rows {
        Ok(rows) => {
            for row in rows {
                let text = |c: &str| {
                    row.try_get::<Option<String>>("", c)
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                };
                let pid: i32 = row.try_get("", "pid").unwrap_or_default();
                out.push_str(&format!(
                    "\n  pid {pid} {} wait {}/{} blocked by {} in transaction {}: {}",
                    text("state"),
                    text("wait_event_type"),
                    text("wait_event"),
                    text("blocked_by"),
                    text("in_transaction"),
                    text("query"),
                ));
            }
        }
        Err(error) => out.push_str(&format!(" {error}")),
    }
    out
}

/// Writes a test once and runs it against SQLite and PostgreSQL.
#[macro_export]
macro_rules! http_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::common::TestApp::spawn(app::db::testing::Backend::Sqlite)
                    .await
                    .unwrap();
                // The body may capture only some fields; this keeps the database alive.
                let keep = app.db.clone();
                $crate::common::within_time_on(($body)(app), &keep.url).await;
                drop(keep);
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::common::TestApp::spawn(app::db::testing::Backend::Postgres).await {
                    Some(app) => {
                        let keep = app.db.clone();
                        $crate::common::within_time_on(($body)(app), &keep.url).await;
                        drop(keep);
                    }
                    None => eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped"),
                }
            }
        }
    };
}
