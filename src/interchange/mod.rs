//! Human-editable TOML data files: import (transactional, with file/line/field errors) and
//! export of the whole record (the same format, deterministic, so export → import → export is
//! identical). The bitácora is not exported: it is the log of one database.

mod export;
mod import;
pub mod progress;
mod schema;

pub use export::{ExportFile, export};
pub use import::{ImportError, Summary, import_in};

/// A data file's bytes as text. A file that is not UTF-8 (saved as Windows-1252 or Latin-1 by
/// an older editor) is refused naming the line of its first invalid byte.
pub fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..valid.min(bytes.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
        let column = std::str::from_utf8(&before[line_start..]).map_or(0, |t| t.chars().count()) + 1;
        ImportError {
            file: name.into(),
            line,
            field: String::new(),
            message: format!(
                "el archivo no está en UTF-8 (byte 0x{:02X} en la columna {column}); guárdelo con codificación UTF-8",
                bytes.get(valid).copied().unwrap_or_default()
            ),
        }
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fuzz;
#[cfg(test)]
mod tests_record;
