//! Why an operation was refused, typed so each interface can say it in its own way: the TUI
//! marks the field at fault, the CLI prints the Spanish sentence.

use crate::interchange::ImportError;
use crate::interchange::progress::ProgressError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// A value the user typed is not acceptable; `field` is the form's (or data file's) key.
    #[error("campo «{field}»: {message}")]
    Invalid { field: &'static str, message: String },
    /// The record does not allow it now (a rule, a state, something it rests on).
    #[error("{0}")]
    Refused(String),
    /// Someone else saved the same text since it was loaded: their text is kept here, and the
    /// caller keeps the user's own.
    #[error("otra persona guardó este texto (versión {version}) mientras usted escribía; su texto no se perdió")]
    Conflict { theirs: String, version: i64 },
    #[error("la base de datos es de solo lectura: se puede consultar, pero no modificar")]
    ReadOnly,
    #[error("la base de datos siguió ocupada por otro proceso más de lo que se espera; inténtelo de nuevo")]
    Busy,
    #[error("{0}")]
    Import(#[from] ImportError),
    #[error("{0}")]
    Progress(#[from] ProgressError),
    #[error("error de la base de datos: {0}")]
    Db(String),
}

impl OpError {
    /// SQLite's refusals in Spanish: the record's own guards (triggers) speak for themselves.
    pub fn from_sqlite(e: rusqlite::Error) -> OpError {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            match f.code {
                ErrorCode::ConstraintViolation if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER => {
                    return OpError::Refused(msg.clone().unwrap_or_else(|| e.to_string()));
                }
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return OpError::Busy,
                ErrorCode::ReadOnly => return OpError::ReadOnly,
                _ => {}
            }
        }
        OpError::Db(e.to_string())
    }

    /// The form field to mark, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            OpError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The message alone, for a form that shows it on its field.
    pub fn to_string_without_field(&self) -> String {
        match self {
            OpError::Invalid { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> OpError {
        OpError::Invalid { field, message: message.into() }
    }
}

impl From<StoreError> for OpError {
    fn from(e: StoreError) -> OpError {
        match e {
            StoreError::Invalid { field, message } => OpError::Invalid { field, message },
            StoreError::Refused(m) => OpError::Refused(m),
            StoreError::Conflict { theirs, version } => OpError::Conflict { theirs, version },
            StoreError::ReadOnly => OpError::ReadOnly,
            StoreError::Sqlite(e) => OpError::from_sqlite(e),
            other => OpError::Db(other.to_string()),
        }
    }
}

impl From<rusqlite::Error> for OpError {
    fn from(e: rusqlite::Error) -> OpError {
        OpError::from_sqlite(e)
    }
}
