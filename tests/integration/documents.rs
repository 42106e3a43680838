//! Minutes and convocatorias from the command line.

use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

/// The PDF's text, or `None` (said on stderr) when pdftotext is not installed.
fn pdf_text(path: &std::path::Path) -> Option<String> {
    let Ok(out) = Command::new("pdftotext").arg(path).arg("-").output() else {
        eprintln!("se omite: pdftotext no está instalado (.ci/run instala poppler-utils); no se lee el PDF");
        return None;
    };
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn actas_lists_the_cycle_and_the_approved_one_prints_its_hash() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let list: Value = serde_json::from_str(&stdout(bin(&db).args(["actas", "--json"]))).expect("json");
    let rows = list.as_array().expect("array");
    assert!(rows.iter().all(|r| r["sesion"].is_i64() && r["titulo"].is_string()));
    let approved: Vec<&Value> = rows.iter().filter(|r| r["estado"] == "aprobada").collect();
    assert_eq!(approved.len(), 1);
    let acta = approved[0];
    assert!(acta["aprobada_en"].is_i64());
    let hash = acta["sha256"].as_str().expect("hash").to_string();
    assert!(rows.iter().any(|r| r["estado"] == "borrador" && r["sha256"].is_null()));
    let pdf = dir.path().join("aprobada.pdf");
    bin(&db).args(["acta", &acta["sesion"].to_string(), "--papel", "a4", "--salida"]).arg(&pdf).assert().success();
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains(&hash), "the approved acta carries its hash in the footer");
    assert!(!text.contains("BORRADOR"));
    assert!(text.contains("Acta de la Vigésima Primera Sesión Ordinaria"));
    let docx = dir.path().join("aprobada.docx");
    bin(&db).args(["acta", &acta["sesion"].to_string(), "--formato", "docx", "--salida"]).arg(&docx).assert().success();
    assert!(std::fs::read(&docx).expect("docx").starts_with(b"PK"), "a zip container");
    bin(&db)
        .args(["acta", &acta["sesion"].to_string(), "--formato", "md", "--salida", "/proc/no/existe/acta.md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no existe el directorio"));
}

#[test]
fn an_open_session_prints_a_clearly_marked_draft() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let sessions: Value =
        serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--organo", "CITDP", "--json"]))).expect("json");
    let next =
        sessions.as_array().expect("array").iter().find(|s| s["estado"] == "convocada").expect("convocada").clone();
    let md = dir.path().join("borrador.md");
    bin(&db).args(["acta", &next["id"].to_string(), "--formato", "md", "--salida"]).arg(&md).assert().success();
    let text = std::fs::read_to_string(&md).expect("md");
    assert!(text.starts_with("**BORRADOR**"), "{text}");
    assert!(text.contains("La sesión no ha sido clausurada."));
}

#[test]
fn a_convocatoria_is_issued_with_its_invitation_and_late_notice_needs_forzar() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let sessions: Value = serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--json"]))).expect("json");
    let planned = sessions
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["estado"] == "programada" && s["fecha"].as_str().is_some_and(|f| f > "2027-01-01"))
        .expect("a dated programada session next year")
        .clone();
    let id = planned["id"].to_string();
    let pdf = dir.path().join("convocatoria.pdf");
    let ics = dir.path().join("convocatoria.ics");
    bin(&db).args(["convocatoria", &id, "--emitir", "--salida"]).arg(&pdf).arg("--ics").arg(&ics).assert().success();
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Convocatoria a la"), "{text}");
    assert!(text.contains("Orden del día"));
    assert!(std::fs::read_to_string(&ics).expect("ics").contains("BEGIN:VEVENT"));
    let state: Value = serde_json::from_str(&stdout(bin(&db).args(["sesion", &id, "--json"]))).expect("json");
    assert_eq!(state["estado"], "convocada");
    // Two days before the session is less than the five days an ordinary session needs.
    let late = sessions
        .as_array()
        .expect("array")
        .iter()
        .find(|s| {
            s["estado"] == "programada"
                && s["fecha"].is_string()
                && s["id"] != planned["id"]
                && s["tipo"] == "ordinaria"
        })
        .expect("another programada session")["id"]
        .as_i64()
        .expect("id");
    {
        use secretaria::store::{Store, sessions};
        let mut store = Store::open(&db).expect("open");
        let mut s = sessions::get(store.conn(), late).expect("q").expect("session");
        let soon = chrono::Local::now().date_naive() + chrono::Duration::days(2);
        s.schedule = secretaria::domain::schedule::Schedule::Date { date: soon, time: s.schedule.time() };
        let ctx = secretaria::ops::Context::for_tests("prueba");
        secretaria::ops::run(&mut store, &ctx, secretaria::ops::Op::SaveSession { session: s }).expect("moved");
    }
    let out = dir.path().join("tarde.pdf");
    bin(&db)
        .args(["convocatoria", &late.to_string(), "--emitir", "--salida"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("2 días de anticipación").and(predicate::str::contains("--forzar")));
    assert!(!out.exists(), "nothing written when refused");
    bin(&db).args(["convocatoria", &late.to_string(), "--emitir", "--forzar", "--salida"]).arg(&out).assert().success();
}
