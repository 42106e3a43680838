//! `respaldo` and `restaurar`: a consistent copy of the live database (SQLite's online backup
//! API, so it can be taken while others work), checked and described; and putting a copy
//! back, after confirming, with the replaced database kept beside it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::ops::verify::{self, Report};
use crate::output::{self, Dest, OutputError, Protected};
use crate::store::{Store, StoreError};

/// What a database holds, to say what a backup contains and what a restore replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub bodies: i64,
    pub sessions: i64,
    pub held: i64,
    pub agreements: i64,
    pub approved_actas: i64,
    pub entries: i64,
    /// The time (UTC) of the newest bitácora entry.
    pub last_change: Option<String>,
}

impl std::fmt::Display for Contents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::domain::text::counted;
        write!(
            f,
            "{}, {} ({} celebradas), {}, {}, {} en la bitácora",
            counted(self.bodies, "órgano", "órganos"),
            counted(self.sessions, "sesión", "sesiones"),
            self.held,
            counted(self.agreements, "acuerdo", "acuerdos"),
            counted(self.approved_actas, "acta aprobada", "actas aprobadas"),
            counted(self.entries, "entrada", "entradas"),
        )?;
        if let Some(t) = &self.last_change {
            write!(f, " (la última, {} UTC)", t.get(..16).unwrap_or(t).replace('T', " "))?;
        }
        Ok(())
    }
}

pub fn contents(conn: &Connection) -> rusqlite::Result<Contents> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM bodies), (SELECT count(*) FROM sessions), \
                (SELECT count(*) FROM sessions WHERE status = 'closed'), (SELECT count(*) FROM agreements), \
                (SELECT count(*) FROM minutes WHERE status = 'approved'), (SELECT count(*) FROM bitacora), \
                (SELECT max(at) FROM bitacora WHERE op <> 'access')",
        [],
        |r| {
            Ok(Contents {
                bodies: r.get(0)?,
                sessions: r.get(1)?,
                held: r.get(2)?,
                agreements: r.get(3)?,
                approved_actas: r.get(4)?,
                entries: r.get(5)?,
                last_change: r.get(6)?,
            })
        },
    )
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Refused(String),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> BackupError {
        BackupError::Store(StoreError::from(e))
    }
}

/// Copies every page of `from` into `to` while others may be writing: SQLite restarts the
/// copy if the source changes mid-way, and waits when it is locked.
fn copy(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let b = Backup::new(from, to)?;
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(50)),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A backup written and what it holds; `report` says whether its record verifies.
pub struct Written {
    pub size: u64,
    pub contents: Contents,
    pub report: Report,
}

/// Writes a consistent copy of the database to `dest` (a single file, no -wal), checks it
/// with `integrity_check` and the record's verification, and renames it into place. A copy
/// that is not sound is not kept.
pub fn backup(store: &Store, dest: &Path, overwrite: bool) -> Result<Written, BackupError> {
    let protected = store.path().map(Protected::database).unwrap_or_default();
    let target = Dest::File(dest.to_path_buf());
    output::check(&target, overwrite, &protected)?;
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let io = |e: std::io::Error| OutputError::Io { path: dest.to_path_buf(), reason: e.to_string() };
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "respaldo".into());
    let tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir).map_err(io)?;
    // A copy that fails half-way (a full disk) can leave SQLite's journal beside it; nothing
    // of a failed backup may stay behind.
    let _sidecars = Sidecars(tmp.path().to_path_buf());
    // A full disk is said as such, like any other output.
    let full = |e: rusqlite::Error| match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
            BackupError::Output(OutputError::Io { path: dest.to_path_buf(), reason: "disco lleno".into() })
        }
        _ => BackupError::from(e),
    };
    let (contents, report) = {
        let mut copy_conn = Connection::open(tmp.path()).map_err(full)?;
        copy(store.conn(), &mut copy_conn).map_err(full)?;
        // One self-contained file: a backup travels alone, without -wal and -shm.
        copy_conn.pragma_update(None, "journal_mode", "DELETE").map_err(full)?;
        let report = verify::verify(&copy_conn)?;
        if !report.checks[0].problems.is_empty() {
            return Err(BackupError::Refused(format!(
                "la copia no pasó la comprobación de integridad ({}); no se guardó",
                report.checks[0].problems.join("; ")
            )));
        }
        (contents(&copy_conn)?, report)
    };
    tmp.as_file().sync_all().map_err(io)?;
    let size = tmp.as_file().metadata().map(|m| m.len()).unwrap_or(0);
    if overwrite {
        tmp.persist(dest).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(dest).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => BackupError::Output(OutputError::Exists(dest.to_path_buf())),
            _ => BackupError::Output(io(e.error)),
        })?;
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(Written { size, contents, report })
}

/// A backup opened to be restored: a copy of it, migrated to this version's schema and
/// checked, ready to replace the database.
pub struct Candidate {
    copy: tempfile::NamedTempFile,
    pub contents: Contents,
    pub report: Report,
    pub sha256: String,
}

/// Reads and checks the backup at `file`; nothing is replaced yet.
pub fn candidate(file: &Path, db: &Path) -> Result<Candidate, BackupError> {
    let bytes =
        std::fs::read(file).map_err(|e| BackupError::Refused(format!("no se pudo leer «{}»: {e}", file.display())))?;
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| BackupError::Refused(format!("no se pudo crear «{}»: {e}", dir.display())))?;
    let copy = tempfile::Builder::new().prefix(".restauracion.").suffix(".tmp").tempfile_in(dir).map_err(|e| {
        BackupError::Refused(format!("no se pudo preparar la restauración en «{}»: {e}", dir.display()))
    })?;
    std::fs::write(copy.path(), &bytes)
        .map_err(|e| BackupError::Refused(format!("no se pudo preparar la restauración: {e}")))?;
    let store = Store::open(copy.path()).map_err(|e| match e {
        StoreError::Refused(m) => {
            BackupError::Refused(m.replace(&copy.path().display().to_string(), &file.display().to_string()))
        }
        other => BackupError::Store(other),
    })?;
    let report = verify::verify(store.conn())?;
    if !report.checks[0].problems.is_empty() {
        return Err(BackupError::Refused(format!(
            "«{}» no pasó la comprobación de integridad: no se restaura",
            file.display()
        )));
    }
    let contents = contents(store.conn())?;
    store.checkpoint()?;
    drop(store);
    Ok(Candidate { copy, contents, report, sha256: crate::domain::minutes::sha256_bytes(&bytes) })
}

/// Where the replaced database is kept: beside it, named with the time of the restore.
pub fn kept_name(db: &Path, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "secretaria.db".into());
    db.with_file_name(format!("{name}.reemplazada-{}", now.format("%Y%m%d-%H%M%S")))
}

/// Replaces the database at `store` with the candidate, page by page through SQLite (so a
/// process that has it open sees the restored record, never a half-copied file), after
/// keeping a copy of what it held at `keep`.
pub fn restore(store: &mut Store, candidate: &Candidate, keep: &Path) -> Result<(), BackupError> {
    if store.read_only() {
        return Err(BackupError::Store(StoreError::ReadOnly));
    }
    backup(store, keep, false)?;
    let from = Connection::open(candidate.copy.path())?;
    let to = store.conn_for_restore();
    copy(&from, to)?;
    Ok(())
}

/// Removes a temporary database's -journal, -wal and -shm files when dropped (after its
/// connection has closed).
struct Sidecars(std::path::PathBuf);

impl Drop for Sidecars {
    fn drop(&mut self) {
        for suffix in ["-journal", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{self, Context, Op};

    fn demo_file(dir: &Path) -> PathBuf {
        let path = dir.join("s.db");
        let mut store = Store::open(&path).expect("open");
        crate::demo::load(&mut store, &Context::for_tests("demo"), false).expect("demo");
        path
    }

    #[test]
    fn a_backup_is_a_checked_private_single_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = demo_file(dir.path());
        let store = Store::open(&db).expect("open");
        let dest = dir.path().join("respaldo.db");
        let w = backup(&store, &dest, false).expect("backup");
        assert!(w.report.ok, "{:?}", w.report);
        assert_eq!(w.contents, contents(store.conn()).expect("q"));
        assert!(!dir.path().join("respaldo.db-wal").exists());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dest).expect("meta").permissions().mode() & 0o777, 0o600);
        assert!(matches!(backup(&store, &dest, false), Err(BackupError::Output(OutputError::Exists(_)))));
        let onto_db = backup(&store, &db, true).err().expect("never the database").to_string();
        assert!(onto_db.contains("base de datos en uso"), "{onto_db}");
    }

    #[test]
    fn a_restore_brings_back_the_backup_and_keeps_what_it_replaced() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = demo_file(dir.path());
        let mut store = Store::open(&db).expect("open");
        let dest = dir.path().join("respaldo.db");
        let before = backup(&store, &dest, false).expect("backup").contents;
        let later = Op::AddProgress {
            number: "CITDP/SO-21/2024/02".into(),
            on: chrono::NaiveDate::from_ymd_opt(2024, 5, 2).expect("valid"),
            text: "Un avance posterior al respaldo".into(),
            percent: Some(20),
            institution: None,
            evidence: None,
            reason: None,
        };
        ops::run(&mut store, &Context::for_tests("x"), later).expect("a change after the backup");
        let changed = contents(store.conn()).expect("q");
        let c = candidate(&dest, &db).expect("candidate");
        assert_eq!(c.contents, before);
        let keep = kept_name(&db, chrono::Utc::now());
        restore(&mut store, &c, &keep).expect("restored");
        assert_eq!(contents(store.conn()).expect("q"), before, "the live connection sees the backup");
        let kept = Store::open_read_only(&keep).expect("kept");
        assert_eq!(contents(kept.conn()).expect("q"), changed, "what was replaced is beside it");
        assert!(verify::verify(store.conn()).expect("q").ok);
    }

    #[test]
    fn something_that_is_not_a_backup_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let bogus = dir.path().join("notas.txt");
        std::fs::write(&bogus, "hola").expect("write");
        let err = candidate(&bogus, &dir.path().join("s.db")).err().expect("refused").to_string();
        assert!(err.contains("no es una base de datos"), "{err}");
    }
}
