//! HTTP tests: each test starts the real router on a random port against its
//! own fresh database (SQLite always; PostgreSQL too when TEST_DATABASE_URL is set).

mod assets;
mod authorization;
mod award;
mod bad_input;
mod collab;
mod common;
mod convergence;
mod crash;
mod dashboard;
mod duties;
mod evidence;
mod instances;
mod invitations;
mod pack;
mod pages;
mod resets;
mod review;
mod sessions;
mod submission;
mod surveys;
mod way_through;
mod ws;
