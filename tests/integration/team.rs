//! A team on one server: three people in one live session at once, each in their own
//! process, and the database shared with a group and refused when others can read it.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::tmux::Tmux;
use super::{bin, demo_db, stdout};
use secretaria::domain::session::SessionStatus;
use secretaria::store::{Store, bodies, sessions};

/// What the status line would say if SQLite made someone wait too long.
const LOCKED: [&str; 4] = ["locked", "bloqueada", "ocupada", "busy"];

fn convened_citdp(db: &Path) -> i64 {
    let store = Store::open(db).expect("open");
    let citdp = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
    let filter = sessions::Filter { body: Some(citdp), ..Default::default() };
    sessions::list(store.conn(), &filter)
        .expect("q")
        .into_iter()
        .find(|s| s.status == SessionStatus::Convened)
        .expect("a convoked CITDP session in the demo")
        .id
}

/// Waits for `present` on one screen, and checks that none of the three ever said the
/// database was locked.
fn wait(on: &Tmux, present: &[&str], all: &[&Tmux]) -> String {
    let screen = on.wait_for_all(present, &[]);
    for t in all {
        let s = t.screen();
        assert!(!LOCKED.iter().any(|w| s.to_lowercase().contains(w)), "a screen showed a lock:\n{s}");
    }
    screen
}

#[test]
fn three_people_run_one_session_at_once_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let id = convened_citdp(&db).to_string();
    let db_arg = db.to_str().expect("utf-8");
    let args = |who: &'static str| ["--db", db_arg, "--usuario", who, "consola", &id].map(String::from);
    let start = |tag: &str, who: &'static str| {
        let a = args(who);
        Tmux::start_named(tag, &a.iter().map(String::as_str).collect::<Vec<_>>())
    };

    // Ana opens the session and calls the roll.
    let Some(ana) = start("equipo-ana", "Ana") else { return };
    ana.wait_for("¿Abrir la");
    ana.keys(&["s"]);
    ana.wait_for("Quórum 0/15");
    // Beto (notes) and Carla (votes) join the running session from their own processes.
    let (Some(beto), Some(carla)) = (start("equipo-beto", "Beto"), start("equipo-carla", "Carla")) else { return };
    let all = [&ana, &beto, &carla];
    wait(&beto, &["Quórum 0/15"], &all);
    wait(&carla, &["Quórum 0/15"], &all);
    for _ in 0..9 {
        ana.keys(&["t"]);
    }
    wait(&ana, &["Quórum 9/15 · requerido 8 · ✔"], &all);
    // The quorum Ana marked is in Carla's header.
    wait(&carla, &["Quórum 9/15 · requerido 8 · ✔"], &all);
    // Ana moves to item 3; the others follow.
    ana.keys(&["Right", "Down", "Down", "Enter"]);
    wait(&ana, &["▶ 3."], &all);
    wait(&beto, &["▶ 3."], &all);
    wait(&carla, &["▶ 3."], &all);

    // Beto takes notes while Ana keeps marking and Carla counts a vote.
    beto.keys(&["i"]);
    beto.type_text("Se presenta el informe trimestral.");
    ana.keys(&["Left", "t"]);
    carla.keys(&["v"]);
    wait(&carla, &["Nueva votación"], &all);
    carla.type_text("Aprobar el informe trimestral");
    carla.keys(&["Enter"]);
    wait(&carla, &["Conteo"], &all);
    carla.type_text("10");
    carla.keys(&["Enter"]);
    // No form opens by itself after the count.
    wait(&carla, &["Aprobada por mayoría simple"], &all);
    // Each screen shows the others' changes.
    wait(&ana, &["Se presenta el informe trimestral.", "Aprobar el informe trimestral", "Quórum 10/15"], &all);
    wait(&carla, &["Se presenta el informe trimestral.", "Quórum 10/15"], &all);
    wait(&beto, &["Aprobar el informe trimestral", "Quórum 10/15"], &all);
    beto.keys(&["Escape"]);
    for t in all {
        t.keys(&["q"]);
    }
    let start = std::time::Instant::now();
    while all.iter().any(|t| t.alive()) && start.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // Nothing lost: the record holds every person's work…
    let s: Value = serde_json::from_str(&stdout(bin(&db).args(["sesion", &id, "--json"]))).expect("json");
    assert_eq!(s["quorum"]["presentes"], 10);
    assert_eq!(s["puntos"][2]["notas"], "Se presenta el informe trimestral.");
    assert_eq!(s["puntos"][2]["votaciones"][0]["mocion"], "Aprobar el informe trimestral");
    // …and the bitácora names who did what.
    let journal: Value =
        serde_json::from_str(&stdout(bin(&db).args(["bitacora", "--cambios", "--json"]))).expect("json");
    let entries = journal.as_array().expect("entries");
    let by = |who: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e["usuario"] == who)
            .filter_map(|e| e["descripcion"].as_str().map(String::from))
            .collect()
    };
    let (a, b, c) = (by("Ana"), by("Beto"), by("Carla"));
    assert!(!a.is_empty() && !b.is_empty() && !c.is_empty(), "{journal:#}");
    let text = |ops: &[String]| ops.join(" | ");
    assert!(a.len() >= 11, "Ana opened, marked ten and moved the item: {}", text(&a));
    assert!(b.iter().all(|d| d == "Notas guardadas"), "Beto only took notes: {}", text(&b));
    assert!(
        c.contains(&"Votación convocada".to_string()) && c.contains(&"Conteo de votos".to_string()),
        "Carla called and counted the vote: {}",
        text(&c)
    );
}

/// A group made for the test (as root), removed at the end.
struct Group(String);

impl Group {
    fn create() -> Option<Group> {
        let name = format!("secre{}", std::process::id());
        let made = Command::new("groupadd").arg(&name).status().is_ok_and(|s| s.success());
        made.then_some(Group(name))
    }

    fn gid(&self) -> u32 {
        secretaria::store::Team::named(&self.0).expect("group").gid
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let _ = Command::new("groupdel").arg(&self.0).status();
    }
}

#[test]
fn a_team_database_belongs_to_its_group_and_no_one_else() {
    let Some(group) = Group::create() else {
        eprintln!(
            "SKIPPED: creating a group needs root (groupadd); the unit tests of src/store/file.rs cover the rest"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[equipo]\ngrupo = \"{}\"\n", group.0)).expect("config");
    let team = |db: &Path| {
        let mut cmd = bin(db);
        cmd.env("SECRETARIA_CONFIG", &config);
        cmd
    };
    let db = dir.path().join("equipo").join("s.db");
    team(&db).arg("demo").assert().success();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", db.display());
        let Ok(meta) = std::fs::metadata(&file) else { continue };
        assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, group.gid()), "{file}");
    }
    let folder = std::fs::metadata(dir.path().join("equipo")).expect("folder");
    assert_eq!((folder.mode() & 0o7777, folder.gid()), (0o2770, group.gid()));
    let out = team(&db).arg("organos").output().expect("runs");
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    // Another account of the group uses it; one outside the group cannot even read it.
    let path = dir.path().to_str().expect("utf-8");
    Command::new("chmod").args(["755", path]).status().expect("chmod");
    let as_nobody = |groups: &str| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", &format!("--groups={groups}"), "--"])
            .arg(env!("CARGO_BIN_EXE_secretaria"))
            .args(["--db", db.to_str().expect("utf-8"), "--usuario", "Otra", "organos"])
            .env("SECRETARIA_CONFIG", &config)
            .output()
            .expect("setpriv")
    };
    let member = as_nobody(&group.gid().to_string());
    assert!(member.status.success(), "a member of the group: {}", String::from_utf8_lossy(&member.stderr));
    let outsider = as_nobody("65534");
    assert!(!outsider.status.success(), "an account outside the group must not read it");

    // Readable by everyone, or by another group: refused, saying how to fix it.
    Command::new("chmod").args(["o+r", db.to_str().expect("utf-8")]).status().expect("chmod");
    let out = team(&db).arg("organos").output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("chmod o-rwx") && err.contains("no se abrió"), "{err}");
    Command::new("chmod").args(["o-r", db.to_str().expect("utf-8")]).status().expect("chmod");
    Command::new("chgrp").args(["daemon", db.to_str().expect("utf-8")]).status().expect("chgrp");
    let out = team(&db).arg("organos").output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains(&format!("chgrp {}", group.0)), "{err}");
    // Without a team, today's private file and its warning stay.
    let solo = dir.path().join("solo.db");
    bin(&solo).env("SECRETARIA_CONFIG", dir.path().join("no-existe.toml")).arg("demo").assert().success();
    assert_eq!(std::fs::metadata(&solo).expect("meta").mode() & 0o777, 0o600);
}
