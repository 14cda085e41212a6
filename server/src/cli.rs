//! The command line: `server` (or `server serve [--demo]`) runs the site;
//! `server create-admin` makes the first administrator.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use leptos::config::get_configuration;
use tower_sessions::ExpiredDeletion;

use app::db::{DEFAULT_DATABASE_URL, connect_and_migrate};
use app::rubric::Catalog;
use app::security::session_store::DbSessionStore;
use app::services::accounts::{self, NewAccount};
use app::state::{AppState, Settings};

use crate::http::metrics::Metrics;

#[derive(Debug, Parser)]
#[command(name = "server", about = "Caring Schools Portfolio")]
pub struct Cli {
    /// `sqlite://path?mode=rwc` (the default, a file under ./data) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// The folder of framework files (*.toml), checked at start.
    #[arg(
        long,
        env = "FRAMEWORKS_DIR",
        default_value = "frameworks",
        global = true
    )]
    pub frameworks_dir: PathBuf,
    /// The folder of calendar files (bank holidays, authorities' term
    /// dates), checked at start.
    #[arg(
        long,
        env = "CALENDARS_DIR",
        default_value = "calendars",
        global = true
    )]
    pub calendars_dir: PathBuf,
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve,
    /// Create an administrator account. The password is read from
    /// ADMIN_PASSWORD or, if that is unset, from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Seed a demo school, its staff, a governor, an assessor and a partly
    /// written portfolio, and print the demo passwords.
    #[arg(long, env = "DEMO", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub demo: bool,
    /// Mark cookies Secure (set this when served over HTTPS).
    #[arg(long, env = "SECURE_COOKIES", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub secure_cookies: bool,
    /// Sign-in attempts allowed per minute for one e-mail address.
    #[arg(long, env = "SIGN_INS_PER_EMAIL", default_value_t = 5)]
    pub sign_ins_per_email: u32,
    /// Sign-in attempts allowed per minute from one network address.
    #[arg(long, env = "SIGN_INS_PER_ADDRESS", default_value_t = 30)]
    pub sign_ins_per_address: u32,

    /// Survey answers accepted per minute through one share link.
    #[arg(long, env = "ANSWERS_PER_LINK", default_value_t = 120)]
    pub answers_per_link: u32,

    /// Survey answers accepted per minute from one network address.
    #[arg(long, env = "ANSWERS_PER_ADDRESS", default_value_t = 20)]
    pub answers_per_address: u32,
    /// The site's public address, for links people copy (survey links, QR
    /// codes, invitations), e.g. https://portfolio.example.gov.uk. Defaults to
    /// the address the server listens on.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
}

pub async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::CreateAdmin {
            ref email,
            ref name,
        }) => create_admin(&cli, email, name).await,
        Some(Command::Serve) | None => serve(&cli, &cli.serve).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn create_admin(cli: &Cli, email: &str, name: &str) -> Result<(), String> {
    let password = match std::env::var("ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Password for {email} (one line):");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("reading the password: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let db = connect_and_migrate(&cli.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let account =
        NewAccount::check(name, email, &password, &password).map_err(|e| format!("{e:?}"))?;
    let user = accounts::create_user(&db, &account, true, None)
        .await
        .map_err(|e| format!("{e:?}"))?;
    println!("Administrator {} created (id {}).", user.email, user.id);
    Ok(())
}

async fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), String> {
    let frameworks =
        Catalog::load_dir(&cli.frameworks_dir).map_err(|e| format!("framework files: {e}"))?;
    let calendars = app::calendar::Calendars::load_dir(&cli.calendars_dir)
        .map_err(|e| format!("calendar files: {e}"))?;
    let db = connect_and_migrate(&cli.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let conf = get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
    let options = conf.leptos_options;
    crate::http::assets::check_hash_file(&options)?;
    let address = options.site_addr;
    let public_url = match &args.public_url {
        Some(url) => app::links::parse_public_url(url)?,
        None => app::links::default_public_url(address, args.secure_cookies)?,
    };
    let settings = Settings {
        public_url,
        secure_cookies: args.secure_cookies,
        sign_ins_per_email: args.sign_ins_per_email,
        sign_ins_per_address: args.sign_ins_per_address,
        answers_per_link: args.answers_per_link,
        answers_per_address: args.answers_per_address,
        ..Settings::default()
    };
    let state = AppState::new(options, db, frameworks, calendars, settings);

    if args.demo {
        let demo_password = std::env::var("DEMO_PASSWORD").ok();
        let mut accounts = crate::demo::seed(&state, demo_password.as_deref())
            .await
            .map_err(|e| format!("demo data: {e:?}"))?;
        crate::demo::seed_evidence(&state)
            .await
            .map_err(|e| format!("demo evidence: {e:?}"))?;
        accounts.extend(
            crate::demo::seed_authority(&state, demo_password.as_deref())
                .await
                .map_err(|e| format!("demo authority: {e:?}"))?,
        );
        crate::demo::print_accounts(&accounts, address);
    }

    if cli.database_url.starts_with("postgres") {
        app::collab::server::peers::spawn_listener(state.collab.clone(), cli.database_url.clone());
    }
    spawn_housekeeping(state.clone());
    let router = crate::build_router(state, Metrics::new());
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    tracing::info!("listening on http://{address}");
    crate::serve(listener, router)
        .await
        .map_err(|e| format!("server: {e}"))
}

/// Deletes expired sessions and forgets idle rate-limit keys, every few minutes.
fn spawn_housekeeping(state: AppState) {
    let store = DbSessionStore::new(state.db.clone());
    let limiter = Arc::clone(&state.sign_in_limiter);
    let answers = Arc::clone(&state.answer_limiter);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "deleting expired sessions failed");
            }
            limiter.tidy();
            answers.tidy();
        }
    });
}
