//! Finding and opening the database file: created (owner-only, or shared with the team's
//! group) only when asked, refused with its path when it is missing, not a database or
//! readable by someone outside the team, and opened read-only when the file or its folder
//! cannot be written — a read-only copy still answers every reading command.

use std::fs::OpenOptions;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    ReadWrite,
    ReadOnly,
}

/// The system group a team shares the database with (`[equipo] grupo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub gid: u32,
}

impl Team {
    /// The configured group, if any; one this machine does not know is an error.
    pub fn configured() -> Result<Option<Team>> {
        crate::config::get().team_group().map(Team::named).transpose()
    }

    /// A group by name (or number), from /etc/group or, failing that, `getent group`.
    pub fn named(name: &str) -> Result<Team> {
        let gid = name.parse::<u32>().ok().or_else(|| group_id(name));
        gid.map(|gid| Team { name: name.to_string(), gid }).ok_or_else(|| {
            StoreError::Refused(format!(
                "el grupo «{name}» del equipo ([equipo] grupo en {}) no existe en esta máquina: créelo con \
                 «groupadd {name}» y agregue a cada persona con «usermod -aG {name} CUENTA», o corrija la configuración",
                crate::config::path().display()
            ))
        })
    }
}

fn group_line(line: &str, name: &str) -> Option<u32> {
    let mut fields = line.trim().split(':');
    if fields.next()? != name {
        return None;
    }
    fields.nth(1)?.parse().ok()
}

fn group_id(name: &str) -> Option<u32> {
    let listed = std::fs::read_to_string("/etc/group").ok().and_then(|t| t.lines().find_map(|l| group_line(l, name)));
    listed.or_else(|| {
        // Groups from a directory service (LDAP, sssd) are not in /etc/group.
        let out = std::process::Command::new("getent").args(["group", name]).output().ok()?;
        out.status.success().then(|| group_line(&String::from_utf8_lossy(&out.stdout), name)).flatten()
    })
}

/// The database and the two files SQLite keeps beside it, which hold its latest changes.
fn with_companions(path: &Path) -> [PathBuf; 3] {
    let named = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), named("-wal"), named("-shm")]
}

/// Creates the file ourselves, so SQLite never makes it readable by others: mode 0600, or
/// 0660 and the team's group when one is configured (set after creating, so the umask does
/// not narrow it). The -wal and -shm files take the database file's mode from SQLite.
pub(super) fn create(path: &Path, team: Option<&Team>) -> Result<()> {
    let failed = |source| StoreError::Create { path: path.into(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        std::fs::create_dir_all(dir).map_err(failed)?;
        if let Some(t) = team {
            // setgid: every file created in it (SQLite's -wal and -shm too) belongs to the group.
            std::os::unix::fs::chown(dir, None, Some(t.gid)).map_err(failed)?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o2770)).map_err(failed)?;
        }
    }
    let existed = path.exists();
    let mode = if team.is_some() { 0o660 } else { 0o600 };
    let file = OpenOptions::new().create(true).append(true).mode(mode).open(path).map_err(failed)?;
    if let (Some(t), false) = (team, existed) {
        std::os::unix::fs::fchown(&file, None, Some(t.gid)).map_err(failed)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o660)).map_err(failed)?;
    }
    Ok(())
}

/// Gives the team's group the -wal and -shm files this process created (SQLite creates them
/// with the database's mode but the creator's own group, unless the folder is setgid).
/// Files of other accounts are left as they are: only their owner can change them.
fn share_companions(path: &Path, team: &Team) {
    for file in with_companions(path).iter().skip(1) {
        let Ok(meta) = std::fs::metadata(file) else { continue };
        if meta.gid() != team.gid {
            let _ = std::os::unix::fs::chown(file, None, Some(team.gid));
        }
        if meta.mode() & 0o060 != 0o060 {
            let mode = (meta.mode() | 0o660) & 0o770;
            let _ = std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode));
        }
    }
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

fn group_label(gid: u32) -> String {
    std::fs::read_to_string("/etc/group")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() > 2 && f[2] == gid.to_string()).then(|| f[0].to_string())
            })
        })
        .unwrap_or_else(|| gid.to_string())
}

/// With a team: refuses a database (or its -wal/-shm) that someone outside the group can
/// read, saying how to fix it; warns when the group cannot use it, or when its folder would
/// give SQLite's new files another group.
fn team_check(path: &Path, team: &Team) -> Result<Option<String>> {
    let files: Vec<(PathBuf, std::fs::Metadata)> =
        with_companions(path).into_iter().filter_map(|f| std::fs::metadata(&f).ok().map(|m| (f, m))).collect();
    let names = || files.iter().map(|(f, _)| f.display().to_string()).collect::<Vec<_>>().join(" ");
    for (file, meta) in &files {
        let mode = meta.mode() & 0o777;
        if mode & 0o004 != 0 {
            return Err(StoreError::Refused(format!(
                "«{}» la puede leer cualquier cuenta de esta máquina (permisos {mode:o}) y la base contiene datos \
                 personales: no se abrió. Quite ese permiso con «chmod o-rwx {}»",
                file.display(),
                names()
            )));
        }
        if mode & 0o040 != 0 && meta.gid() != team.gid {
            return Err(StoreError::Refused(format!(
                "«{}» la puede leer el grupo «{}», que no es el del equipo («{}»): no se abrió. Désela al equipo con \
                 «chgrp {} {}»",
                file.display(),
                group_label(meta.gid()),
                team.name,
                team.name,
                names()
            )));
        }
    }
    let Some((_, meta)) = files.first() else { return Ok(None) };
    if meta.gid() != team.gid || meta.mode() & 0o060 != 0o060 {
        return Ok(Some(format!(
            "el grupo «{}» no puede usar la base «{}»: compártala con «chgrp {} {}» y «chmod 660 {}»",
            team.name,
            path.display(),
            team.name,
            names(),
            names()
        )));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let shared_dir = std::fs::metadata(dir).is_ok_and(|m| m.gid() == team.gid && m.mode() & 0o2000 != 0);
    Ok((!shared_dir).then(|| {
        format!(
            "la carpeta «{}» no es del grupo «{}» con setgid: los archivos -wal y -shm que SQLite crea pueden quedar \
             de otro grupo; corríjalo con «chgrp {} {} && chmod 2770 {}»",
            dir.display(),
            team.name,
            team.name,
            dir.display(),
            dir.display()
        )
    }))
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

pub(super) fn open_at(path: &Path, mode: Mode, team: Option<&Team>) -> Result<Store> {
    let warning = match team {
        Some(t) => team_check(path, t)?,
        None => readable_by_others(path),
    };
    let opened = match mode {
        Mode::ReadWrite => Connection::open(path)
            .map_err(StoreError::from)
            .and_then(|conn| Store::setup(conn, Some(path.to_path_buf()), false)),
        Mode::ReadOnly => read_only(path),
    };
    let mut store = opened.map_err(|e| spanish(e, path))?;
    if let (Some(t), Mode::ReadWrite) = (team, mode) {
        share_companions(path, t);
    }
    store.warning = warning;
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
        let team = Team::configured()?;
        let mode = if writable(path) { Mode::ReadWrite } else { Mode::ReadOnly };
        open_at(path, mode, team.as_ref())
    }

    /// Opens a database read-only even if it could be written (a replica, `sala`).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Refused(format!("no existe la base de datos «{}»", path.display())));
        }
        open_at(path, Mode::ReadOnly, Team::configured()?.as_ref())
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

    /// This process's own group, as a team (creating a group needs root; this does not).
    fn own_team(dir: &Path) -> Team {
        let probe = dir.join("probe");
        std::fs::write(&probe, "").expect("write");
        let gid = std::fs::metadata(&probe).expect("meta").gid();
        Team { name: group_label(gid), gid }
    }

    #[test]
    fn a_team_database_is_created_for_the_group_and_refused_when_others_can_read_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let team = own_team(dir.path());
        let path = dir.path().join("equipo").join("s.db");
        create(&path, Some(&team)).expect("created");
        let store = open_at(&path, Mode::ReadWrite, Some(&team)).expect("opens");
        for file in with_companions(&path) {
            let meta = std::fs::metadata(&file).expect("exists");
            assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, team.gid), "{}", file.display());
        }
        let folder = std::fs::metadata(path.parent().expect("dir")).expect("meta");
        assert_eq!((folder.mode() & 0o7777, folder.gid()), (0o2770, team.gid));
        assert!(store.warning().is_none(), "{:?}", store.warning());
        drop(store);

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        let err = open_at(&path, Mode::ReadWrite, Some(&team)).err().expect("refused").to_string();
        assert!(err.contains("chmod o-rwx") && err.contains("no se abrió"), "{err}");
        let err = open_at(&path, Mode::ReadOnly, Some(&team)).err().expect("refused read-only too").to_string();
        assert!(err.contains("chmod o-rwx"), "{err}");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let store = open_at(&path, Mode::ReadWrite, Some(&team)).expect("private is not refused");
        assert!(store.warning().is_some_and(|w| w.contains("chmod 660")), "{:?}", store.warning());
    }

    #[test]
    fn a_database_another_group_can_read_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let team = own_team(dir.path());
        let path = dir.path().join("s.db");
        create(&path, Some(&team)).expect("created");
        drop(open_at(&path, Mode::ReadWrite, Some(&team)).expect("opens"));
        let other = (0..100).find(|g| *g != team.gid && std::os::unix::fs::chown(&path, None, Some(*g)).is_ok());
        // Only root (or a member of another group) can give the file to another group.
        let Some(other) = other else { return };
        let err = open_at(&path, Mode::ReadWrite, Some(&team)).err().expect("refused").to_string();
        assert!(err.contains(&format!("chgrp {}", team.name)) && err.contains(&group_label(other)), "{err}");
    }

    #[test]
    fn groups_are_found_by_name_or_number() {
        assert_eq!(group_line("secretaria:x:1234:ana,luis", "secretaria"), Some(1234));
        assert_eq!(group_line("secretaria:x:1234:", "secre"), None);
        assert_eq!(Team::named("4321").expect("number").gid, 4321);
        let err = Team::named("no-existe-este-grupo").expect_err("unknown").to_string();
        assert!(err.contains("groupadd no-existe-este-grupo"), "{err}");
    }
}
