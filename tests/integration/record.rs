//! The record proves itself from the command line and in the terminal: `bitacora`,
//! `verificar`, `deshacer`, a forged acta refused everywhere, four writers at once losing
//! nothing, two consoles on the same notes, and a baja that leaves past sessions as they were.

use std::path::Path;
use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

use super::tmux::Tmux;
use super::{bin, demo_db, stdout};
use secretaria::domain::minutes::MinutesStatus;
use secretaria::ops::{self, Context, Op};
use secretaria::store::{Store, members, minutes};

fn approved_session(db: &Path) -> i64 {
    let store = Store::open(db).expect("open");
    minutes::list(store.conn())
        .expect("q")
        .into_iter()
        .find(|m| m.status == MinutesStatus::Approved)
        .expect("the demo's approved acta")
        .session
}

/// Changes the approved acta's text behind the program's back, as someone with sqlite3 would.
fn forge(db: &Path, session: i64) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch("DROP TRIGGER frozen_minutes_update").expect("drop the guard");
    conn.execute(
        "UPDATE minutes SET text = replace(text, 'Ordinaria', 'Extraordinaria') WHERE session_id = ?1",
        [session],
    )
    .expect("forge");
}

#[test]
fn the_demo_verifies_and_a_forged_acta_is_refused_everywhere() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let out = stdout(bin(&db).args(["verificar"]));
    assert!(out.contains("La base está íntegra.") && out.contains("1 acta aprobada"), "{out}");
    let session = approved_session(&db);
    forge(&db, session);
    bin(&db)
        .args(["verificar"])
        .assert()
        .failure()
        .stdout(predicate::str::contains("✘ actas aprobadas y fe de erratas contra su SHA-256"))
        .stderr(predicate::str::contains("la verificación encontró 1 problema"));
    let json = bin(&db).args(["verificar", "--json"]).output().expect("runs");
    assert!(!json.status.success());
    let report: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(report["correcta"], false);
    let pdf = dir.path().join("acta.pdf");
    bin(&db)
        .args(["acta", &session.to_string(), "--salida"])
        .arg(&pdf)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no se imprime").and(predicate::str::contains("no coincide con su huella")));
    assert!(!pdf.exists(), "nothing printed");

    // The interface says so in red at start-up, and on the acta itself.
    let db_arg = db.to_str().expect("utf-8");
    let Some(tmux) = Tmux::start_named("forjada", &["--db", db_arg]) else { return };
    tmux.wait_for("LA VERIFICACIÓN DE LA BASE FALLÓ: 1 problema");
}

#[test]
fn bitacora_lists_who_did_what_and_deshacer_reverses_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let number = "CITDP/SO-21/2024/02";
    stdout(bin(&db).args([
        "--usuario",
        "Ana Ruiz",
        "avance",
        number,
        "--texto",
        "Se integró el grupo",
        "--porcentaje",
        "40",
    ]));
    let out = stdout(bin(&db).args(["bitacora", "--cambios", "--usuario", "Ana Ruiz"]));
    assert!(out.contains("Avance registrado") && out.contains("CITDP") && out.contains("Ana Ruiz"), "{out}");
    assert_eq!(out.lines().count(), 2, "header and Ana's one change:\n{out}");
    let json: Value =
        serde_json::from_str(&stdout(bin(&db).args(["bitacora", "--json", "--organo", "CITDP", "--cambios"])))
            .expect("json");
    let entry = json.as_array().expect("a").iter().find(|e| e["usuario"] == "Ana Ruiz").expect("Ana's entry");
    assert_eq!(entry["operacion"], "add_progress");
    assert_eq!(entry["argumentos"]["number"], number);
    assert!(entry["cambios"].as_array().expect("a").iter().any(|c| c["tabla"] == "commitment_progress"));
    assert!(entry["fecha_local"].is_string() && entry["huella"].as_str().is_some_and(|h| h.len() == 64));

    bin(&db)
        .args(["--usuario", "Luis", "deshacer"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("«Luis» no tiene cambios que deshacer"));
    let undone = stdout(bin(&db).args(["--usuario", "Ana Ruiz", "deshacer"]));
    assert!(undone.starts_with("Deshecho: Avance registrado"), "{undone}");
    let list: Value = serde_json::from_str(&stdout(bin(&db).args(["acuerdos", "--json"]))).expect("json");
    let a = list.as_array().expect("a").iter().find(|a| a["numero"] == number).expect("agreement");
    assert_eq!(a["avance"], 0, "the progress is gone");
    stdout(bin(&db).args(["verificar"]));
    // Accesses are recorded too: every command above, by the account that ran it.
    let all = stdout(bin(&db).args(["bitacora"]));
    assert!(all.contains("orden de la línea de comandos"), "{all}");
}

#[test]
fn four_processes_recording_progress_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let exe = env!("CARGO_BIN_EXE_secretaria");
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let out = Command::new(exe)
                        .arg("--db")
                        .arg(&db)
                        .args(["avance", "CITDP/SO-21/2024/03", "--texto", &format!("Informe {w}-{i}")])
                        .output()
                        .expect("runs");
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }
    let store = Store::open(&db).expect("open");
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM commitment_progress WHERE text LIKE 'Informe %-%'", [], |r| r.get(0))
        .expect("q");
    assert_eq!(n, 60, "every write landed");
    stdout(bin(&db).args(["verificar"]));
}

#[test]
fn a_baja_leaves_every_held_session_as_it_was() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let session = approved_session(&db);
    let json = |db: &Path| -> Value {
        serde_json::from_str(&stdout(bin(db).args(["sesion", &session.to_string(), "--json"]))).expect("json")
    };
    let before = json(&db);
    let mut store = Store::open(&db).expect("open");
    let m = members::roll(store.conn(), session).expect("q").into_iter().find(|m| m.rights.votes()).expect("member");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
    let done = ops::run(
        &mut store,
        &Context::for_tests("secretaria"),
        Op::RemoveMember { membership: m.id, on: today, reason: "Oficio de baja".into() },
    )
    .expect("removed");
    assert_eq!(done.detail.as_deref(), Some("baja"));
    drop(store);
    assert_eq!(json(&db), before, "roll, quorum and everything else unchanged");
    stdout(bin(&db).args(["verificar"]));
}

#[test]
fn a_database_it_cannot_use_is_refused_with_its_path_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = dir.path().join("notas.txt");
    std::fs::write(&text, "esto no es una base de datos\n").expect("write");
    bin(&text)
        .args(["organos"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("notas.txt").and(predicate::str::contains("no es una base de datos")));
    assert_eq!(std::fs::read_to_string(&text).expect("read"), "esto no es una base de datos\n");
    let db = demo_db(&dir);
    rusqlite::Connection::open(&db).expect("open").execute_batch("PRAGMA user_version = 99").expect("newer");
    bin(&db)
        .args(["organos"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("versión más reciente de secretaria (esquema 99"));
}

/// Two consoles on one session: the second save of the same item's notes is refused, shows
/// the first one's text, and keeps its own until the secretary joins them.
#[test]
fn two_consoles_never_overwrite_each_others_notes() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let session = approved_session(&db);
    // A live session to write in: the convoked CITDP one.
    let store = Store::open(&db).expect("open");
    let live = secretaria::store::sessions::list(store.conn(), &Default::default())
        .expect("q")
        .into_iter()
        .find(|s| {
            s.status == secretaria::domain::session::SessionStatus::Convened
                && s.body == { secretaria::store::sessions::get(store.conn(), session).expect("q").expect("s").body }
        })
        .expect("a convoked session of the same body")
        .id;
    drop(store);
    let db_arg = db.to_str().expect("utf-8");
    let id = live.to_string();
    let Some(a) = Tmux::start_named("consola-a", &["--db", db_arg, "--usuario", "Ana", "consola", &id]) else { return };
    a.wait_for("¿Abrir la");
    a.keys(&["s"]);
    a.wait_for("Quórum 0/15");
    let Some(b) = Tmux::start_named("consola-b", &["--db", db_arg, "--usuario", "Beto", "consola", &id]) else {
        return;
    };
    b.wait_for("Quórum 0/15");
    // Both type on the roll-call item at once; whoever saves second is refused.
    a.keys(&["i"]);
    b.keys(&["i"]);
    a.type_text("Notas de Ana");
    b.type_text("Notas de Beto");
    a.keys(&["Escape"]);
    b.keys(&["Escape"]);
    let start = std::time::Instant::now();
    let (second, first_text, second_text) = loop {
        if a.screen().contains("Guardado por otra persona") {
            break (&a, "Notas de Beto", "Notas de Ana");
        }
        if b.screen().contains("Guardado por otra persona") {
            break (&b, "Notas de Ana", "Notas de Beto");
        }
        assert!(start.elapsed().as_secs() < 15, "no console was refused:\n{}\n{}", a.screen(), b.screen());
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    // The refused one sees the other text beside its own, and joins them: nothing is lost.
    let screen = second.wait_for_all(&[first_text, second_text, "en conflicto"], &[]);
    assert!(screen.contains("Ctrl+T"), "{screen}");
    second.keys(&["i", "C-t"]);
    second.wait_for_all(&["Guardado."], &["Guardado por otra persona"]);
    let store = Store::open(&db).expect("open");
    let notes = secretaria::store::agenda::list(store.conn(), live).expect("q")[0].notes.clone();
    assert!(notes.starts_with(first_text) && notes.ends_with(second_text), "{notes:?}");
    let first = if std::ptr::eq(second, &a) { &b } else { &a };
    first.wait_for(second_text);
}
