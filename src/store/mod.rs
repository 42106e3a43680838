//! The SQLite store: one module per aggregate, each a set of functions over a `Connection`
//! so they compose inside one transaction.

pub mod agenda;
pub mod agreements;
pub mod attendance;
pub mod audit;
pub mod bodies;
pub mod commitments;
pub mod conduct;
pub mod documents;
mod file;
pub use file::Team;
pub mod followup;
pub mod indicators;
pub mod institutions;
pub mod members;
pub mod meta;
mod migrations;
pub mod minutes;
pub mod notices;
pub mod plans;
pub mod record;
pub mod rounds;
pub mod sessions;
pub mod synthetic;
pub mod votes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("error de la base de datos: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no se pudo preparar la base de datos: {0}")]
    Migration(String),
    #[error("no se pudo crear la base de datos «{path}»: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("campo «{field}»: {message}")]
    Invalid { field: &'static str, message: String },
    #[error("{0}")]
    Refused(String),
    #[error("la base de datos es de solo lectura: se puede consultar, pero no modificar")]
    ReadOnly,
    /// Someone else saved the text since it was loaded: their text and its version.
    #[error("otra persona guardó este texto mientras usted escribía; su texto no se perdió")]
    Conflict { theirs: String, version: i64 },
}

impl StoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid { field, message: message.into() }
    }
}

impl From<(&'static str, String)> for StoreError {
    fn from((field, message): (&'static str, String)) -> Self {
        StoreError::Invalid { field, message }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Whether this connection's capture triggers exist (made at its first write, so a
    /// command that only reads never pays for them).
    capturing: bool,
    read_only: bool,
    warning: Option<String>,
}

impl Store {
    /// Opens (creating it if needed: mode 0600, or 0660 and the team's group when `[equipo]
    /// grupo` is configured) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let team = file::Team::configured()?;
        file::create(path, team.as_ref())?;
        file::open_at(path, file::Mode::ReadWrite, team.as_ref())
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, None, false)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, read_only: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if read_only {
            migrations::check_current(&conn)?;
        } else {
            if path.is_some() {
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
            }
            migrations::apply(&mut conn)?;
        }
        Ok(Store { conn, path, capturing: false, read_only, warning: None })
    }

    /// Whether the database could only be opened for reading (a read-only file, folder or
    /// copy): every reading command works; writing ones are refused.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Something the user should know about the file (it is readable by other accounts).
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Stops SQLite from checkpointing the WAL inside a commit, where it would land on a
    /// keypress; the interface calls `checkpoint` when the user is idle instead.
    pub fn defer_checkpoints(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(())
    }

    /// Copies the WAL into the database file without waiting for readers.
    pub fn checkpoint(&self) -> Result<()> {
        if self.path.is_some() {
            self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Whether Litestream replicates this file: it keeps its state in `.NAME-litestream`
    /// beside it (its default `meta-path`).
    pub fn replicated_by_litestream(&self) -> bool {
        self.path.as_deref().and_then(litestream_dir).is_some_and(|d| d.is_dir())
    }

    /// The interface's checkpoint when the user is idle. PASSIVE never waits and never
    /// restarts the WAL, and Litestream holds a read transaction that no checkpoint can copy
    /// past, so ours could not make it miss a change; still, when Litestream replicates the
    /// file it checkpoints itself (after each sync, with its read lock released and the write
    /// lock held), and two processes checkpointing the same WAL only get in each other's way:
    /// then the checkpoints are left to it.
    pub fn idle_checkpoint(&self) -> Result<()> {
        if self.replicated_by_litestream() {
            return Ok(());
        }
        self.checkpoint()
    }

    /// The connection a restore copies a backup into, page by page.
    pub(crate) fn conn_for_restore(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Read access; writes go through the operation layer.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction that holds the write lock from its first statement, so a second
    /// writer waits for the busy timeout instead of failing half-way. Only the operation layer
    /// can turn it into the `Tx` the store's writing functions require.
    pub(crate) fn begin(&mut self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if !self.capturing {
            audit::install(&self.conn)?;
            self.capturing = true;
        }
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Tests of the store write without the operation layer's bitácora.
    #[cfg(test)]
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&crate::ops::Tx) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        crate::ops::testing::write(self, f)
    }
}

/// Where Litestream keeps its state for the database at `path` (`.NAME-litestream`).
pub fn litestream_dir(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    Some(path.with_file_name(format!(".{name}-litestream")))
}

/// Maps a missing row to `None`.
pub(crate) fn optional<T>(r: rusqlite::Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Reads a `Labeled` code column; an unknown code means the file was written by a newer version.
pub(crate) fn code<T: crate::domain::Labeled>(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    T::from_code(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("código desconocido «{text}»").into(),
        )
    })
}

const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Local date-times are stored as "2024-02-21 10:00:00".
pub(crate) fn time_text(t: chrono::NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

pub(crate) fn time_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<chrono::NaiveDateTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        chrono::NaiveDateTime::parse_from_str(&t, TIME_FORMAT).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.to_string().into())
        })
    })
    .transpose()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::member::{InstitutionKind, Membership, Office, Representative, RepresentativeRole, Rights};
    use crate::domain::schedule::Schedule;
    use crate::domain::session::{Modality, Session, SessionKind, SessionStatus};

    pub fn at(h: u32, m: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 2, 21).and_then(|d| d.and_hms_opt(h, m, 0)).expect("valid")
    }

    /// A convoked session at 10:00 of a body with five voting members (mitad más uno; second
    /// call 1/3 after 30 minutes; casting vote) plus one invitado. Returns the membership ids,
    /// voting ones first, the Presidencia at index 0.
    pub fn session_fixture() -> (Store, i64, Vec<i64>) {
        let mut store = Store::open_in_memory().expect("open");
        let ids = store
            .write(|tx| {
                let body = bodies::insert(tx, &bodies::tests::sample("CITDP", None))?;
                let mut ms = Vec::new();
                for i in 0..6 {
                    let inst = institutions::insert(
                        tx,
                        &format!("I{i}"),
                        &format!("Institución {i}"),
                        InstitutionKind::Institution,
                    )?;
                    let m = Membership {
                        id: 0,
                        body,
                        institution: inst,
                        rights: if i < 5 { Rights::VoiceAndVote } else { Rights::VoiceOnly },
                        office: if i == 0 { Office::Presidency } else { Office::Member },
                        weight: 1,
                        ended_on: None,
                    };
                    let id = members::insert(tx, &m)?;
                    for (role, who) in
                        [(RepresentativeRole::Titular, "Titular"), (RepresentativeRole::Alternate, "Suplente")]
                    {
                        let rep = Representative { name: format!("{who} {i}"), ..Default::default() };
                        members::designate(tx, id, role, &rep, at(9, 0).date())?;
                    }
                    ms.push(id);
                }
                let s = Session {
                    id: 0,
                    body,
                    kind: SessionKind::Ordinary,
                    number: 21,
                    schedule: Schedule::parse("21 de febrero", 2024, Some("10:00")).map_err(StoreError::Refused)?,
                    planned: None,
                    scheduled_on: None,
                    place: String::new(),
                    modality: Modality::InPerson,
                    link: String::new(),
                    status: SessionStatus::Convened,
                };
                Ok::<_, StoreError>((sessions::insert(tx, &s)?, ms))
            })
            .expect("fixture");
        (store, ids.0, ids.1)
    }

    #[test]
    fn file_is_private_wal_and_foreign_keys_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("s.db");
        let store = Store::open(&path).expect("open");
        let mode = std::fs::metadata(&path).expect("meta").permissions();
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777, 0o600);
        let jm: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
        assert_eq!(jm, "wal");
        let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("pragma");
        assert_eq!(fk, 1);
        drop(store);
        assert!(Store::open(&path).is_ok(), "reopening an existing database migrates nothing twice");
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let mut store = Store::open_in_memory().expect("open");
        let r: Result<()> = store.write(|tx| {
            meta::set(tx, "x", "1")?;
            Err(StoreError::Refused("no".into()))
        });
        assert!(r.is_err());
        assert_eq!(meta::get(store.conn(), "x").expect("read"), None);
    }

    #[test]
    fn unwritable_location_is_a_clear_error() {
        let err = Store::open(Path::new("/proc/no/puede/s.db")).err().expect("fails");
        assert!(err.to_string().contains("no se pudo crear la base de datos"), "{err}");
    }
}
