//! Nothing lost at the program's edges: outputs that would overwrite the database, another
//! file, a file behind a link, or fill the disk; missing and read-only databases; backups and
//! restores; the interface without a terminal and killed by a signal while typing.

use std::path::Path;
use std::process::Command;

use predicates::prelude::*;

use super::tmux::Tmux;
use super::{bin, demo_db, stdout};

fn acta_to(db: &Path, out: &Path) -> assert_cmd::assert::Assert {
    bin(db).args(["acta", "1", "--formato", "md", "--salida"]).arg(out).assert()
}

#[test]
fn salida_never_overwrites_the_database_nor_follows_a_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let record = || stdout(bin(&db).args(["acuerdos", "--json"]));
    let before = record();
    acta_to(&db, &db).failure().stderr(predicate::str::contains("es la base de datos en uso"));
    let wal = dir.path().join("s.db-wal");
    acta_to(&db, &wal).failure().stderr(predicate::str::contains("es la base de datos en uso"));
    assert!(record() == before, "the database is untouched");
    stdout(bin(&db).args(["verificar"]));

    let out = dir.path().join("acta.md");
    acta_to(&db, &out).success();
    acta_to(&db, &out).failure().stderr(predicate::str::contains("ya existe; use --sobrescribir"));
    bin(&db).args(["acta", "1", "--formato", "md", "--sobrescribir", "--salida"]).arg(&out).assert().success();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777, 0o600);

    let secret = dir.path().join("secreto.txt");
    std::fs::write(&secret, "no tocar").expect("write");
    let link = dir.path().join("enlace.md");
    std::os::unix::fs::symlink(&secret, &link).expect("link");
    bin(&db)
        .args(["acta", "1", "--formato", "md", "--sobrescribir", "--salida"])
        .arg(&link)
        .assert()
        .failure()
        .stderr(predicate::str::contains("enlace simbólico"));
    assert_eq!(std::fs::read_to_string(&secret).expect("read"), "no tocar");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");

    let text = stdout(bin(&db).args(["acta", "1", "--formato", "md", "--salida", "-"]));
    assert!(text.starts_with("# ") || text.contains("Acta"), "the acta on standard output:\n{text}");
}

/// A small tmpfs where the test can mount one (root in a container): writing past its size
/// says «disco lleno» and leaves nothing behind.
#[test]
fn a_full_disk_is_said_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let small = dir.path().join("pequeno");
    std::fs::create_dir(&small).expect("dir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&small)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("se omite: no se pudo montar un tmpfs pequeño aquí (hace falta ser root)");
        return;
    }
    let out = small.join("acta.pdf");
    let result = bin(&db).args(["acta", "1", "--salida"]).arg(&out).output().expect("runs");
    let backup = bin(&db).arg("respaldo").arg(small.join("r.db")).output().expect("runs");
    let listing: Vec<String> = std::fs::read_dir(&small)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let _ = Command::new("umount").arg(&small).status();
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("disco lleno"), "{:?}", result);
    assert!(!backup.status.success());
    assert!(String::from_utf8_lossy(&backup.stderr).contains("disco lleno"), "{:?}", backup);
    assert!(listing.is_empty(), "nothing left behind: {listing:?}");
}

#[test]
fn a_missing_database_is_never_created() {
    let dir = tempfile::tempdir().expect("tmp");
    let typo = dir.path().join("secretria.db");
    for args in
        [vec!["organos"], vec!["acuerdos", "--vencidos"], vec!["bitacora"], vec!["avance", "X/1", "--texto", "t"]]
    {
        bin(&typo).args(&args).assert().failure().stderr(
            predicate::str::contains("no existe la base de datos").and(predicate::str::contains("secretaria demo")),
        );
    }
    assert!(!typo.exists(), "nothing created");
    // Without a terminal the interface does not start, and still creates nothing.
    bin(&typo).assert().code(2).stderr(predicate::str::contains("necesita una terminal"));
    assert!(!typo.exists());
}

#[test]
fn a_read_only_database_answers_and_refuses_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    stdout(bin(&db).args(["verificar"]));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod file");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod dir");
    // Root can write anything: the commands run as another account when the test is root.
    let as_other = |args: &[&str]| {
        let exe = env!("CARGO_BIN_EXE_secretaria");
        let root =
            std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false);
        let mut cmd = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", exe]);
            c
        } else {
            Command::new(exe)
        };
        cmd.arg("--db").arg(&db).args(args).env_remove("SECRETARIA_DB").output().expect("runs")
    };
    let organos = as_other(&["organos"]);
    let restore = || {
        let _ = std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755));
    };
    if !organos.status.success() && String::from_utf8_lossy(&organos.stderr).contains("setpriv") {
        restore();
        eprintln!("se omite: no se puede ejecutar como otra cuenta aquí");
        return;
    }
    assert!(organos.status.success(), "{organos:?}");
    assert!(String::from_utf8_lossy(&organos.stdout).contains("CITDP"));
    let write = as_other(&["avance", "CITDP/SO-21/2024/01", "--texto", "x"]);
    restore();
    assert!(!write.status.success());
    assert!(String::from_utf8_lossy(&write.stderr).contains("solo lectura"), "{write:?}");
}

#[test]
fn respaldo_and_restaurar_round_trip() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let backup = dir.path().join("respaldo.db");
    let out = stdout(bin(&db).arg("respaldo").arg(&backup));
    assert!(out.contains("Respaldo escrito") && out.contains("1 acta aprobada") && out.contains("correcta"), "{out}");
    bin(&db).arg("respaldo").arg(&backup).assert().failure().stderr(predicate::str::contains("ya existe"));
    let agreements = || stdout(bin(&db).args(["acuerdos", "--json"]));
    let before = agreements();
    stdout(bin(&db).args(["avance", "CITDP/SO-21/2024/01", "--texto", "Después del respaldo", "--porcentaje", "30"]));
    assert_ne!(agreements(), before);
    bin(&db).arg("restaurar").arg(&backup).assert().failure().stderr(predicate::str::contains("--si"));
    let restored = stdout(bin(&db).arg("restaurar").arg(&backup).arg("--si"));
    assert!(restored.contains("Base restaurada") && restored.contains("reemplazada"), "{restored}");
    assert_eq!(agreements(), before, "the record is the backup's");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".reemplazada-"))
        .collect();
    assert_eq!(kept.len(), 1, "the replaced database is kept beside it");
    stdout(bin(&db).args(["verificar"]));
    let log = stdout(bin(&db).args(["bitacora", "--cambios"]));
    assert!(log.contains("Restauración desde un respaldo"), "{log}");
    let bogus = dir.path().join("no-es.db");
    std::fs::write(&bogus, "texto").expect("write");
    bin(&db)
        .arg("restaurar")
        .arg(&bogus)
        .arg("--si")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no es una base de datos"));
}

/// SIGTERM while the secretary types: the notes are saved and the terminal comes back.
#[test]
fn sigterm_while_typing_saves_the_notes_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let store = secretaria::store::Store::open(&db).expect("open");
    let id = secretaria::store::sessions::list(store.conn(), &Default::default())
        .expect("q")
        .into_iter()
        .find(|s| s.status == secretaria::domain::session::SessionStatus::Convened)
        .expect("a convoked session")
        .id;
    drop(store);
    let exe = env!("CARGO_BIN_EXE_secretaria");
    let script = format!("{exe} --db {} consola {id}; echo TERMINAL-DE-VUELTA; sleep 30", db.to_str().expect("utf-8"));
    let Some(tmux) = Tmux::start_command("senal", &["sh", "-c", &script]) else { return };
    tmux.wait_for("¿Abrir la");
    tmux.keys(&["s"]);
    tmux.wait_for("Quórum");
    tmux.keys(&["i"]);
    tmux.type_text("Nota escrita justo antes de apagar");
    tmux.wait_for("Nota escrita justo antes de apagar");
    let pid = Command::new("pgrep").args(["-P", &tmux.pane_pid()]).output().expect("pgrep");
    let pid = String::from_utf8_lossy(&pid.stdout).trim().to_string();
    assert!(!pid.is_empty(), "the console's process");
    Command::new("kill").args(["-TERM", &pid]).status().expect("kill");
    let screen = tmux.wait_for("TERMINAL-DE-VUELTA");
    assert!(!screen.contains("Quórum"), "the alternate screen is gone:\n{screen}");
    let store = secretaria::store::Store::open(&db).expect("open");
    let notes = secretaria::store::agenda::list(store.conn(), id).expect("q")[0].notes.clone();
    assert_eq!(notes, "Nota escrita justo antes de apagar");
}

/// A terminal that disappears without a SIGHUP (its tmux server killed) does not leave the
/// interface running, spinning on the dead terminal.
#[test]
fn the_interface_ends_when_its_terminal_vanishes() {
    if Command::new("tmux").arg("-V").output().is_err() || Command::new("pgrep").arg("-V").output().is_err() {
        eprintln!("se omite: faltan tmux o pgrep (.ci/run instala tmux; pgrep viene con procps)");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let bin = env!("CARGO_BIN_EXE_secretaria");
    let db_arg = db.to_str().expect("utf-8");
    let Some(tmux) = Tmux::start_named("colgado", &["--db", db_arg]) else { return };
    tmux.wait_for("Calendario");
    // The binary's own process (the pane may run it under a shell).
    let out = Command::new("pgrep").args(["-f", &format!("^{bin} --db {db_arg}")]).output().expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_string();
    assert!(!pid.is_empty(), "the interface's process");
    tmux.vanish();
    let gone = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(gone.elapsed() < std::time::Duration::from_secs(10), "still running 10 s after its terminal vanished");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
