//! A session run through the real binary in real terminals: the whole cycle, the machine
//! dying mid-session, and the projector following from another process.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::tmux::Tmux;
use super::{bin, demo_db, stdout};
use secretaria::domain::session::SessionStatus;
use secretaria::store::{Store, bodies, sessions};

/// The demo's convoked CITDP session (15 members with vote, quorum 8).
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

fn state(db: &Path, id: i64) -> Value {
    serde_json::from_str(&stdout(bin(db).args(["sesion", &id.to_string(), "--json"]))).expect("json")
}

/// Opens the session in the console and marks the first nine members present.
fn open_with_quorum(tmux: &Tmux) {
    tmux.wait_for("¿Abrir la");
    tmux.keys(&["s"]);
    tmux.wait_for("Quórum 0/15");
    for _ in 0..9 {
        tmux.keys(&["t"]);
    }
    tmux.wait_for("Quórum 9/15 · requerido 8 · ✔");
}

#[test]
fn a_whole_session_in_the_real_binary() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let id = convened_citdp(&db);
    let db_arg = db.to_str().expect("utf-8");
    let Some(tmux) = Tmux::start_named("sesion", &["--db", db_arg, "consola", &id.to_string()]) else { return };
    open_with_quorum(&tmux);
    tmux.keys(&["Right", "Down", "Enter"]);
    tmux.wait_for("▶ 2.");
    tmux.keys(&["v"]);
    tmux.wait_for("Nueva votación");
    tmux.type_text("Aprobar el orden del día");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Conteo");
    tmux.type_text("9");
    tmux.keys(&["Enter"]);
    // No form opens by itself: the status line says «c» records the agreement.
    tmux.wait_for("Aprobada por mayoría simple");
    tmux.keys(&["c"]);
    tmux.wait_for("Nuevo acuerdo");
    tmux.keys(&["Tab"]);
    tmux.type_text("SEGOB");
    tmux.keys(&["Tab"]);
    tmux.type_text("permanente");
    tmux.keys(&["Enter"]);
    tmux.wait_for("registrado");
    tmux.keys(&["R"]);
    tmux.wait_for("Recuento");
    // Why, and who asked (the first member present), then the count.
    tmux.type_text("a solicitud de la Presidencia");
    tmux.keys(&["Tab", "Right", "Tab"]);
    tmux.type_text("7");
    tmux.keys(&["Tab"]);
    tmux.type_text("1");
    tmux.keys(&["Tab"]);
    tmux.type_text("1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("simple 7-1-1");
    tmux.keys(&["C"]);
    tmux.wait_for("¿Clausurar");
    tmux.keys(&["s"]);
    tmux.wait_for("clausurada");
    tmux.keys(&["q"]);
    let s = state(&db, id);
    assert_eq!(s["estado"], "clausurada");
    assert!(s["inicio"].is_string() && s["fin"].is_string());
    assert_eq!(s["quorum"]["alcanzado"], true);
    assert_eq!(s["quorum"]["presentes"], 9);
    let item = &s["puntos"][1];
    assert_eq!(item["titulo"], "Lectura y aprobación del orden del día");
    let vote = &item["votaciones"][0];
    assert_eq!(vote["mocion"], "Aprobar el orden del día");
    assert_eq!(vote["resultado"], "aprobada");
    let counts = vote["conteos"].as_array().expect("counts");
    assert_eq!(counts.len(), 2);
    assert_eq!((counts[0]["vigente"].as_bool(), counts[0]["a_favor"].as_u64()), (Some(false), Some(9)));
    assert_eq!((counts[1]["vigente"].as_bool(), counts[1]["a_favor"].as_u64()), (Some(true), Some(7)));
    let agreements = s["acuerdos"].as_array().expect("agreements");
    assert_eq!(agreements.len(), 1);
    assert!(agreements[0]["numero"].as_str().is_some_and(|n| n.starts_with("CITDP/SO-")), "{}", agreements[0]);
    assert_eq!(agreements[0]["plazo"], "permanente");
    assert_eq!(agreements[0]["responsables"][0], "SEGOB");

    // …and its acta prints from what happened.
    let pdf = dir.path().join("acta.pdf");
    bin(&db).args(["acta", &id.to_string(), "--formato", "pdf", "--salida"]).arg(&pdf).assert().success();
    let Ok(out) = Command::new("pdftotext").arg(&pdf).arg("-").output() else {
        eprintln!("se omite: pdftotext no está instalado (.ci/run instala poppler-utils); no se lee el acta");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    for expected in [
        "Acta de la Vigésima Novena Sesión Ordinaria",
        "BORRADOR",
        "Página 1 de",
        "Aprobar el orden del día",
        "quedó sustituido",
        "CITDP/SO-29/",
    ] {
        assert!(text.contains(expected), "«{expected}» not in the printed acta:\n{text}");
    }
}

fn kill_nine(db: &Path) {
    let status = Command::new("pkill").args(["-9", "-f", &db.display().to_string()]).status().expect("pkill");
    assert!(status.success(), "the binary was running");
}

#[test]
fn kill_nine_mid_session_loses_nothing_committed() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let id = convened_citdp(&db);
    let db_arg = db.to_str().expect("utf-8");
    let Some(tmux) = Tmux::start_named("kill", &["--db", db_arg, "consola", &id.to_string()]) else { return };
    open_with_quorum(&tmux);
    tmux.keys(&["Right", "Down", "Down", "Enter"]);
    tmux.wait_for("▶ 3.");
    tmux.keys(&["i"]);
    tmux.type_text("El acta anterior se aprueba sin observaciones.");
    tmux.wait_for("sin observaciones");
    sleep(Duration::from_millis(2500));
    kill_nine(&db);
    let start = Instant::now();
    while tmux.alive() && start.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(100));
    }
    drop(tmux);
    let Some(again) = Tmux::start_named("kill2", &["--db", db_arg, "consola", &id.to_string()]) else { return };
    again.wait_for_all(&["Quórum 9/15", "▶ 3."], &[]);
    again.wait_for("El acta anterior se aprueba sin observaciones.");
    again.keys(&["q"]);
    let s = state(&db, id);
    assert_eq!(s["estado"], "en curso");
    assert_eq!(s["puntos"][2]["notas"], "El acta anterior se aprueba sin observaciones.");
}

#[test]
fn the_projector_follows_the_secretary_within_a_second() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let id = convened_citdp(&db);
    let db_arg = db.to_str().expect("utf-8");
    let Some(secretary) = Tmux::start_named("secretaria", &["--db", db_arg, "consola", &id.to_string()]) else {
        return;
    };
    secretary.wait_for("¿Abrir la");
    secretary.keys(&["s"]);
    secretary.wait_for("Quórum 0/15");
    let Some(room) = Tmux::start_named("sala", &["--db", db_arg, "sala", &id.to_string()]) else { return };
    room.wait_for("Quórum: 0 presentes");
    for expected in 1..=3 {
        secretary.keys(&["t"]);
        secretary.wait_for(&format!("Quórum {expected}/15"));
        let committed = Instant::now();
        let text = format!("Quórum: {expected} presentes");
        while !room.screen().contains(&text) {
            assert!(
                committed.elapsed() < Duration::from_secs(1),
                "the projector did not follow within 1 s:\n{}",
                room.screen()
            );
            sleep(Duration::from_millis(20));
        }
    }
    secretary.keys(&["Right", "Down", "Enter"]);
    secretary.wait_for("Quórum 3/15");
    room.keys(&["q"]);
    secretary.keys(&["q"]);
}
