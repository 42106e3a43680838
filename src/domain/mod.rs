//! Pure domain rules: no I/O, no database, no terminal.

pub mod agenda;
pub mod agreement;
pub mod body;
pub mod calendar;
pub mod dates;
pub mod followup;
pub mod indicators;
pub mod labels;
pub mod member;
pub mod minutes;
pub mod ordinal;
pub mod period;
pub mod quorum;
pub mod schedule;
pub mod session;
pub mod spelled;
pub mod style;
pub mod text;
pub mod vote;
pub mod zone;

pub use labels::Labeled;
