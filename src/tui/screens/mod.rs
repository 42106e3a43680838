//! The top-level screens: each keeps its own selection, handles navigation and draws itself
//! from the loaded `Directory`.

pub mod bodies;
pub mod calendar;
pub mod console;
pub mod dashboard;
mod filter_split;
pub mod followup;
pub mod journal;
pub mod minutes;
pub mod rounds;
