//! secretaria: the technical secretariat's tool for inter-institutional commissions.
//!
//! Layers: `domain` (pure rules), `store` (SQLite), `interchange` (TOML import/export),
//! `export` (iCalendar…), `cli` and `tui`.

pub mod domain;
pub mod interchange;
pub mod store;
