//! Every file the program writes (documents, invitations, exports, backups) goes through
//! here: never onto the database or its `-wal`/`-shm`, never through a symbolic link, an
//! existing file replaced only when asked, and written to a temporary file created
//! exclusively with an unpredictable name beside the target, flushed to disk and renamed —
//! on any error nothing is left behind. Files are readable by their owner only: actas,
//! convocatorias and exports name people.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where output goes: a file, or standard output for `--salida -`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Stdout,
    File(PathBuf),
}

impl Dest {
    pub fn of(path: &Path) -> Dest {
        if path.as_os_str() == "-" { Dest::Stdout } else { Dest::File(path.to_path_buf()) }
    }

    pub fn describe(&self) -> String {
        match self {
            Dest::Stdout => "la salida estándar".into(),
            Dest::File(p) => format!("«{}»", p.display()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// The target exists and replacing it was not asked for.
    #[error("«{0}» ya existe; use --sobrescribir para reemplazarlo")]
    Exists(PathBuf),
    #[error("{0}")]
    Refused(String),
    #[error("no se pudo escribir «{path}»: {reason}")]
    Io { path: PathBuf, reason: String },
}

/// What may never be written: the database in use and its companions.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    paths: Vec<PathBuf>,
}

impl Protected {
    /// The database at `db` with its `-wal`, `-shm` and `-journal` files.
    pub fn database(db: &Path) -> Protected {
        let base = absolute(db);
        let with = |suffix: &str| {
            let mut name = base.file_name().map(|n| n.to_os_string()).unwrap_or_default();
            name.push(suffix);
            base.with_file_name(name)
        };
        Protected { paths: vec![base.clone(), with("-wal"), with("-shm"), with("-journal")] }
    }

    fn covers(&self, target: &Path) -> bool {
        let t = absolute(target);
        self.paths.contains(&t)
    }
}

/// An absolute path with its directory resolved through links (the file itself is not
/// followed), so two spellings of the same place compare equal.
fn absolute(path: &Path) -> PathBuf {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull => "disco lleno".into(),
        std::io::ErrorKind::PermissionDenied => "sin permiso de escritura".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "el sistema de archivos es de solo lectura".into(),
        std::io::ErrorKind::QuotaExceeded => "se agotó la cuota de disco".into(),
        std::io::ErrorKind::NotFound => "no existe el directorio".into(),
        _ => e.to_string(),
    }
}

/// Whether `dest` can be written, checked before anything is recorded (issuing a
/// convocatoria, say) so a refusal changes nothing.
pub fn check(dest: &Dest, overwrite: bool, protected: &Protected) -> Result<(), OutputError> {
    let Dest::File(path) = dest else { return Ok(()) };
    if protected.covers(path) {
        return Err(OutputError::Refused(format!(
            "«{}» es la base de datos en uso (o uno de sus archivos): elija otro nombre para la salida",
            path.display()
        )));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(OutputError::Refused(format!(
            "«{}» es un enlace simbólico: no se escribe a través de él; elija otro nombre",
            path.display()
        ))),
        Ok(m) if m.is_dir() => {
            Err(OutputError::Refused(format!("«{}» es un directorio: indique un archivo", path.display())))
        }
        Ok(_) if !overwrite => Err(OutputError::Exists(path.to_path_buf())),
        _ => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if dir.is_dir() {
                Ok(())
            } else {
                Err(OutputError::Refused(format!("no existe el directorio «{}»", dir.display())))
            }
        }
    }
}

/// Writes `bytes` to `dest`. `overwrite`: an existing file may be replaced.
pub fn write(dest: &Dest, bytes: &[u8], overwrite: bool, protected: &Protected) -> Result<(), OutputError> {
    match dest {
        Dest::Stdout => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                // A reader that stopped (`| head`) ends the output quietly.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(OutputError::Io { path: PathBuf::from("-"), reason: io_reason(&e) })
                }
                _ => Ok(()),
            }
        }
        Dest::File(path) => write_file(path, bytes, overwrite, protected),
    }
}

fn write_file(path: &Path, bytes: &[u8], overwrite: bool, protected: &Protected) -> Result<(), OutputError> {
    let io = |e: std::io::Error| OutputError::Io { path: path.to_path_buf(), reason: io_reason(&e) };
    check(&Dest::File(path.to_path_buf()), overwrite, protected)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "salida".into());
    // Created with O_EXCL and mode 0600 under a random name: nothing planted there is followed.
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if overwrite {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // Someone may have created the file meanwhile: never replace it then.
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => OutputError::Exists(path.to_path_buf()),
            _ => io(e.error),
        })?;
    }
    // The rename itself reaches the disk with its directory.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_privately_and_replaces_only_when_asked() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("acta.md");
        let dest = Dest::of(&path);
        write(&dest, b"uno", false, &Protected::default()).expect("new file");
        assert_eq!(std::fs::read(&path).expect("read"), b"uno");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "personal data: owner only");
        assert_eq!(write(&dest, b"dos", false, &Protected::default()), Err(OutputError::Exists(path.clone())));
        assert_eq!(std::fs::read(&path).expect("read"), b"uno", "not replaced");
        write(&dest, b"dos", true, &Protected::default()).expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"dos");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn never_the_database_nor_through_a_link() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("s.db");
        std::fs::write(&db, b"SQLite format 3").expect("db");
        let guard = Protected::database(&db);
        for target in [db.clone(), dir.path().join("s.db-wal"), dir.path().join("./s.db-shm")] {
            let err = write(&Dest::of(&target), b"x", true, &guard).unwrap_err();
            assert!(err.to_string().contains("base de datos en uso"), "{err}");
        }
        assert_eq!(std::fs::read(&db).expect("read"), b"SQLite format 3");
        let secret = dir.path().join("secreto");
        std::fs::write(&secret, b"no tocar").expect("write");
        let link = dir.path().join("acta.pdf");
        std::os::unix::fs::symlink(&secret, &link).expect("link");
        let err = write(&Dest::of(&link), b"x", true, &guard).unwrap_err();
        assert!(err.to_string().contains("enlace simbólico"), "{err}");
        assert_eq!(std::fs::read(&secret).expect("read"), b"no tocar");
        let err = write(&Dest::of(Path::new("/proc/no/existe/a.md")), b"x", false, &guard).unwrap_err();
        assert!(err.to_string().contains("no existe el directorio"), "{err}");
    }
}
