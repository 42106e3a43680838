//! `informe seguimiento` and `informe gestion` from the command line.

use std::path::Path;

use predicates::prelude::*;

use super::{bin, demo_db, stdout};

const YEAR_2024: [&str; 4] = ["--desde", "2024-01-01", "--hasta", "2024-12-31"];

fn informe(db: &Path, kind: &str, format: &str, out: &Path) -> String {
    let mut cmd = bin(db);
    cmd.args(["informe", kind, "--organo", "CITDP"]).args(YEAR_2024).args(["--formato", format, "--salida"]).arg(out);
    stdout(&mut cmd)
}

#[test]
fn the_work_plan_follow_up_in_every_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let md = dir.path().join("seguimiento.md");
    let said = informe(&db, "seguimiento", "md", &md);
    assert!(said.contains("Informe de seguimiento al Plan Operativo Anual escrito en"), "{said}");
    let text = std::fs::read_to_string(&md).expect("md");
    assert!(
        text.contains(
            "| Objetivo operativo | Actividad | Meta | Indicador | % de avance | Estado de las metas | Justificación |"
        ),
        "{text}"
    );
    assert!(text.contains("CITDP/PAT-2024/08"));
    assert!(text.contains("tasa de cumplimiento = cumplidos / (adoptados − sin efecto)"));
    let pdf = dir.path().join("seguimiento.pdf");
    informe(&db, "seguimiento", "pdf", &pdf);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let docx = dir.path().join("seguimiento.docx");
    informe(&db, "seguimiento", "docx", &docx);
    assert!(std::fs::read(&docx).expect("docx").starts_with(b"PK"), "a zip container");
    let html = dir.path().join("seguimiento.html");
    informe(&db, "seguimiento", "html", &html);
    assert!(std::fs::read_to_string(&html).expect("html").contains("<table"));
}

#[test]
fn the_management_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let md = dir.path().join("gestion.md");
    let said = informe(&db, "gestión", "md", &md);
    assert!(said.contains("Informe de gestión escrito en"), "{said}");
    let text = std::fs::read_to_string(&md).expect("md");
    assert!(text.contains("# Informe de gestión"), "{text}");
    assert!(text.contains("| Institución | Sesiones | Asistencias | Justificadas | % | Meta | Cumple |"));
    assert!(text.contains("tasa de cumplimiento = cumplidos / (adoptados − sin efecto)"));
    assert!(text.contains("Compromisos pendientes"));
    let pdf = dir.path().join("gestion.pdf");
    informe(&db, "gestion", "pdf", &pdf);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
}

#[test]
fn errors_are_spanish_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let out = dir.path().join("informe.md");
    bin(&db)
        .args(["informe", "gestion", "--organo", "NOEXISTE", "--formato", "md", "--salida"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no hay ningún órgano con siglas «NOEXISTE»"));
    bin(&db)
        .args(["informe", "seguimiento", "--organo", "CITDP", "--desde", "2024-12-31", "--hasta", "2024-01-01"])
        .args(["--formato", "md", "--salida"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--desde (2024-12-31) es posterior a --hasta (2024-01-01)"));
    bin(&db)
        .args(["informe", "anual", "--organo", "CITDP", "--formato", "md", "--salida"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("tipo de informe «anual» desconocido"));
    assert!(!out.exists(), "nothing written on error");
    let empty: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).collect();
    assert!(empty.iter().all(|e| !e.file_name().to_string_lossy().contains("informe")), "no temporary file left");
}
