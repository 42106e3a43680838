//! Human-editable TOML data files: import (transactional, with file/line/field errors) and
//! export (the same format, deterministic, so export → import → export is identical).

mod export;
mod import;
pub mod progress;
mod schema;

pub use export::{ExportFile, export};
pub use import::{ImportError, Summary, import_in};

#[cfg(test)]
mod tests;
