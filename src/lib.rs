//! secretaria: the technical secretariat's tool for inter-institutional commissions.
//!
//! Layers, from the inside out: `domain` (pure rules, no I/O), `store` (SQLite, one module
//! per aggregate), `ops` (the one door every change goes through, with its bitácora), `interchange` (TOML data files), `export` (documents such as iCalendar),
//! `cli` and `tui` (the two faces), `demo` (the shipped demonstration data) and `demo_sessions`
//! (its closed sessions, replayed through the store with complete records).

pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod demo_sessions;
pub mod domain;
pub mod export;
pub mod interchange;
pub mod ops;
pub mod output;
pub mod store;
pub mod tui;
