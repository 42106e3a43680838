//! Finding and opening the database file: created (owner-only) only when asked, refused with
//! its path when it is missing or not a database, and opened read-only when the file or its
//! folder cannot be written — a read-only copy still answers every reading command.

use std::fs::OpenOptions;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    ReadWrite,
    ReadOnly,
}

/// Creates the file ourselves, with mode 0600, so SQLite never makes it readable by others;
/// the -wal and -shm files inherit its permissions.
pub(super) fn create(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Create { path: path.into(), source })?;
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(|source| StoreError::Create { path: path.into(), source })?;
    Ok(())
}

/// Whether this process can write the file and create files beside it (SQLite's -wal/-shm).
fn writable(path: &Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    OpenOptions::new().append(true).open(path).is_ok() && tempfile::tempfile_in(dir).is_ok()
}

fn readable_by_others(path: &Path) -> Option<String> {
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o004 != 0).then(|| {
        format!(
            "la base «{}» la pueden leer todas las cuentas de esta máquina (permisos {:o}): contiene datos personales; \
             hágala privada con «chmod 600 {}»",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

fn spanish(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::Refused(format!(
                "«{}» no es una base de datos de secretaria: no se abrió ni se modificó",
                path.display()
            ))
        }
        StoreError::Refused(m) => StoreError::Refused(format!("«{}»: {m}", path.display())),
        other => other,
    }
}

pub(super) fn open_at(path: &Path, mode: Mode) -> Result<Store> {
    let opened = match mode {
        Mode::ReadWrite => Connection::open(path)
            .map_err(StoreError::from)
            .and_then(|conn| Store::setup(conn, Some(path.to_path_buf()), false)),
        Mode::ReadOnly => read_only(path),
    };
    let mut store = opened.map_err(|e| spanish(e, path))?;
    store.warning = readable_by_others(path);
    Ok(store)
}

/// A read-only connection. A WAL database in a folder that cannot be written has no -shm to
/// share: it is then opened as immutable, which is what a read-only copy is.
fn read_only(path: &Path) -> Result<Store> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let try_open = |uri: &str| -> Result<Store> {
        let conn = Connection::open_with_flags(uri, flags)?;
        // The first read finds out whether the WAL can be read.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        Store::setup(conn, Some(path.to_path_buf()), true)
    };
    let quoted = path.display().to_string().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
    try_open(&format!("file:{quoted}?mode=ro")).or_else(|first| match first {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) =>
        {
            try_open(&format!("file:{quoted}?mode=ro&immutable=1"))
        }
        other => Err(other),
    })
}

impl Store {
    /// Opens a database that must already exist: a missing one is an error naming the path
    /// (nothing is created), and one that cannot be written opens read-only.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Refused(format!(
                "no existe la base de datos «{}»; revise la ruta (--db o SECRETARIA_DB), o créela con «secretaria demo» \
                 o «secretaria importar ARCHIVO.toml»",
                path.display()
            )));
        }
        if path.is_dir() {
            return Err(StoreError::Refused(format!("«{}» es un directorio, no una base de datos", path.display())));
        }
        let mode = if writable(path) { Mode::ReadWrite } else { Mode::ReadOnly };
        open_at(path, mode)
    }

    /// Opens a database read-only even if it could be written (a replica, `sala`).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Refused(format!("no existe la base de datos «{}»", path.display())));
        }
        open_at(path, Mode::ReadOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_database_is_not_created() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("mal-escrita.db");
        let err = Store::open_existing(&path).err().expect("refused").to_string();
        assert!(err.contains("no existe la base de datos") && err.contains("secretaria demo"), "{err}");
        assert!(!path.exists(), "nothing created");
    }

    #[test]
    fn a_read_only_file_opens_for_reading_and_refuses_writes() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.db");
        {
            let mut store = Store::open(&path).expect("open");
            crate::demo::load(&mut store, &crate::ops::Context::for_tests("demo"), false).expect("demo");
            store.checkpoint().expect("checkpoint");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        let read_only = OpenOptions::new().append(true).open(&path).is_err();
        let mut store = Store::open_existing(&path).expect("opens");
        // As root every file is writable: then there is nothing to test here.
        if read_only {
            assert!(store.read_only());
            assert!(!super::super::bodies::list(store.conn()).expect("reads").is_empty());
            let err = crate::ops::run(&mut store, &crate::ops::Context::for_tests("x"), crate::ops::Op::LoadDemo)
                .unwrap_err();
            assert!(err.to_string().contains("solo lectura"), "{err}");
        }
        let copy = Store::open_read_only(&path).expect("read-only on purpose");
        assert!(copy.read_only());
        assert!(!super::super::bodies::list(copy.conn()).expect("reads").is_empty());
    }

    #[test]
    fn a_database_readable_by_everyone_is_pointed_out() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.db");
        drop(Store::open(&path).expect("open"));
        assert!(Store::open_existing(&path).expect("open").warning().is_none());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let w = Store::open_existing(&path).expect("open").warning().map(String::from).expect("warned");
        assert!(w.contains("chmod 600"), "{w}");
    }
}
