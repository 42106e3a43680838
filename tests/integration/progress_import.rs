//! «importar-avances»: progress from a spreadsheet, all rows or none, errors by row and column.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

fn acuerdos(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut cmd = bin(db);
    cmd.arg("acuerdos").args(args).arg("--json");
    serde_json::from_str::<Value>(&stdout(&mut cmd)).expect("json").as_array().expect("array").clone()
}

fn agreement<'a>(all: &'a [Value], number: &str) -> &'a Value {
    all.iter().find(|a| a["numero"] == number).expect("agreement listed")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// The stderr of a failed import; the database must be left as it was.
fn refused(db: &Path, file: &Path) -> String {
    let before = acuerdos(db, &[]);
    let out = bin(db).arg("importar-avances").arg(file).output().expect("runs");
    assert!(!out.status.success(), "should fail: {}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(acuerdos(db, &[]), before, "a refused import writes nothing");
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn csv_records_progress_and_fulfils_with_evidence() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("avances.csv");
    std::fs::write(
        &file,
        "Porcentaje,ACUERDO,Fecha,Avance,Institución,Tipo de evidencia,Evidencia,Notas internas\n\
         40,CITDP/SO-21/2024/03,2024-03-08,\"La SRE y la SSPC enviaron su información, falta la FGR\",SRE,,,\n\
         100,CITDP/SO-21/2024/05,15/04/2024,Se presentó la estrategia,snDIF,informe,\"Informe SNDIF, abril 2024\",ok\n\
         60,CITDP/SO-21/2024/03,2024-03-20,Llegó la información de la FGR,,,,\n\
         ,,,,,,,\n",
    )
    .expect("write");
    bin(&db).arg("importar-avances").arg(&file).assert().success().stdout(
        predicate::str::contains("Importados 3 avances de ")
            .and(predicate::str::contains("avances.csv: 1 acuerdo quedó cumplido (CITDP/SO-21/2024/05).")),
    );
    let done = acuerdos(&db, &["--estado", "cumplido"]);
    assert_eq!(done.len(), 308, "the demo's 307 and this one");
    let fifth = agreement(&done, "CITDP/SO-21/2024/05");
    assert_eq!(fifth["avance"].as_u64(), Some(100));
    let all = acuerdos(&db, &[]);
    let third = agreement(&all, "CITDP/SO-21/2024/03");
    assert_eq!((third["estado"].as_str(), third["avance"].as_u64()), (Some("en proceso"), Some(60)));
}

#[test]
fn a_bad_percentage_on_row_3_rolls_back_every_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("avances.csv");
    std::fs::write(
        &file,
        "acuerdo,fecha,avance,porcentaje\n\
         CITDP/SO-21/2024/03,2024-03-08,\"Primer envío, parcial\",40\n\
         CITDP/SO-21/2024/05,2024-04-15,Se presentó la estrategia,120\n",
    )
    .expect("write");
    let err = refused(&db, &file);
    assert!(
        err.contains("avances.csv, fila 3, columna «porcentaje»: el avance es un porcentaje de 0 a 100, no 120"),
        "{err}"
    );
    std::fs::write(
        &file,
        "acuerdo,fecha,avance,porcentaje\nCITDP/SO-21/2024/03,2024-03-08,x,40\nA,2024-03-08,y,mucho\n",
    )
    .expect("write");
    let err = refused(&db, &file);
    assert!(err.contains("fila 3, columna «porcentaje»: «mucho» no es un porcentaje"), "{err}");
}

#[test]
fn every_problem_is_reported_together() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("avances.csv");
    std::fs::write(
        &file,
        "acuerdo;fecha;avance;tipo_evidencia\n\
         NO/EXISTE/1;2024-03-08;x;\n\
         CITDP/SO-21/2024/03;2024-01-02;y;\n\
         CITDP/SO-21/2024/05;mañana;;carta\n",
    )
    .expect("write");
    let err = refused(&db, &file);
    for expected in [
        "fila 2, columna «acuerdo»: no existe ningún acuerdo ni actividad con el número «NO/EXISTE/1»",
        "fila 3, columna «fecha»: el avance (2024-01-02) es anterior a la sesión",
        "fila 4, columna «fecha»: «mañana» no es una fecha",
        "fila 4, columna «avance»: describa el avance",
        "fila 4, columna «tipo_evidencia»: valor «carta» no válido",
        "No se importó ningún avance",
    ] {
        assert!(err.contains(expected), "{expected} in:\n{err}");
    }
}

#[test]
fn a_missing_required_column_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("sin-acuerdo.csv");
    std::fs::write(&file, "numero,fecha,avance\nCITDP/SO-21/2024/03,2024-03-08,x\n").expect("write");
    let err = refused(&db, &file);
    assert!(err.contains("sin-acuerdo.csv, fila 1: falta la columna obligatoria «acuerdo»"), "{err}");
}

#[test]
fn xlsx_imports_and_a_broken_cell_is_named_by_its_letter() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    bin(&db).arg("importar-avances").arg(fixture("avances.xlsx")).assert().success().stdout(
        predicate::str::contains("Importados 2 avances").and(predicate::str::contains("1 acuerdo quedó cumplido")),
    );
    let all = acuerdos(&db, &[]);
    let done = agreement(&all, "CITDP/SO-21/2024/04");
    assert_eq!((done["estado"].as_str(), done["avance"].as_u64()), (Some("cumplido"), Some(100)));
    let corett = agreement(&all, "CORETT/SO-32/2025/02");
    assert_eq!((corett["estado"].as_str(), corett["avance"].as_u64()), (Some("en proceso"), Some(50)));

    let fresh = tempfile::tempdir().expect("tmp");
    let db = demo_db(&fresh);
    let err = refused(&db, &fixture("avances-error.xlsx"));
    // Column A is empty in that sheet, so «porcentaje» is E, as Excel shows it.
    assert!(
        err.contains("avances-error.xlsx, fila 3, columna «porcentaje» (E): «la mitad» no es un porcentaje"),
        "{err}"
    );
}

#[test]
fn the_documented_example_imports_into_the_demo() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("avances-ejemplo.csv");
    bin(&db).arg("importar-avances").arg(&example).assert().success().stdout(
        predicate::str::contains("Importados 4 avances").and(predicate::str::contains("1 acuerdo quedó cumplido")),
    );
    let all = acuerdos(&db, &[]);
    assert_eq!(agreement(&all, "CITDP/SO-21/2024/05")["avance"], 20, "lowered, with its reason");
    let again = refused(&db, &example);
    assert!(again.contains("avances-ejemplo.csv, fila 2, columna «avance»: este avance ya está registrado"), "{again}");
    assert!(again.contains("corrija los 4 problemas"), "every row is a repeat:\n{again}");
}

#[test]
fn other_files_are_refused_in_spanish() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let pdf = dir.path().join("avances.pdf");
    std::fs::write(&pdf, b"%PDF").expect("write");
    assert!(refused(&db, &pdf).contains("use un archivo .csv o .xlsx"));
    let fake = dir.path().join("avances.xlsx");
    std::fs::write(&fake, "acuerdo,fecha\n").expect("write");
    assert!(refused(&db, &fake).contains("no se pudo leer como libro de Excel"));
    let empty = dir.path().join("vacio.csv");
    std::fs::write(&empty, "acuerdo,fecha,avance\n\n").expect("write");
    assert!(refused(&db, &empty).contains("no hay avances"));
    let help = stdout(bin(&db).args(["importar-avances", "--help"]));
    assert!(help.contains("Uso: secretaria importar-avances") && help.contains("fila y columna"), "{help}");
    assert!(!help.contains("Usage") && !help.contains("Arguments:"), "{help}");
}

#[test]
fn a_csv_mixing_utf8_and_windows_1252_is_refused_and_a_windows_1252_one_imports() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("mezcla.csv");
    let mut bytes = "acuerdo,fecha,avance\nCITDP/SO-21/2024/03,2024-03-08,Comisión Nacional\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"CITDP/SO-21/2024/05,2024-04-15,Se envi\xf3 el oficio\n");
    std::fs::write(&file, &bytes).expect("write");
    let err = refused(&db, &file);
    assert!(
        err.contains("mezcla.csv, fila 3: la fila 3 no es UTF-8 válido (el byte 0xF3, que en Windows-1252 sería «ó»)"),
        "{err}"
    );
    assert!(err.contains("guárdelo como «CSV UTF-8 (delimitado por comas)»"), "{err}");

    let latin = dir.path().join("excel.csv");
    std::fs::write(
        &latin,
        b"acuerdo;fecha;avance\nCITDP/SO-21/2024/03;08/03/2024;Se envi\xf3 el oficio a la Comisi\xf3n\n",
    )
    .expect("write");
    bin(&db)
        .arg("importar-avances")
        .arg(&latin)
        .assert()
        .success()
        .stdout(predicate::str::contains("Importado 1 avance"));
}

#[test]
fn xlsx_percent_cells_import_as_shown_and_formulas_by_their_cached_value() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    bin(&db).arg("importar-avances").arg(fixture("avances-porcentajes.xlsx")).assert().success().stdout(
        predicate::str::contains("Importados 2 avances")
            .and(predicate::str::contains("1 acuerdo quedó cumplido (CITDP/SO-21/2024/05)")),
    );
    let all = acuerdos(&db, &[]);
    let third = agreement(&all, "CITDP/SO-21/2024/03");
    assert_eq!(
        (third["estado"].as_str(), third["avance"].as_u64()),
        (Some("en proceso"), Some(40)),
        "0.4 shown as 40 %"
    );
    let fifth = agreement(&all, "CITDP/SO-21/2024/05");
    assert_eq!((fifth["estado"].as_str(), fifth["avance"].as_u64()), (Some("cumplido"), Some(100)), "1 shown as 100 %");
}

#[test]
fn a_far_cell_is_refused_at_once_by_its_name() {
    for (name, message) in [
        (
            "avances-celda-lejana.xlsx",
            "fila 1048576: la celda XFD1048576 tiene datos, pero el importador lee solo las columnas A a IV",
        ),
        (
            "avances-rango-enorme.xlsx",
            "fila 100000: la celda ALL100000 tiene datos, pero el importador lee solo las columnas A a IV",
        ),
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        let db = demo_db(&dir);
        let started = std::time::Instant::now();
        let err = refused(&db, &fixture(name));
        assert!(err.contains(&format!("{name}, {message}")), "{err}");
        // Not a timing test: reading the whole grid took minutes (or all the memory) before.
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "read sparsely");
    }
}

#[test]
fn implausible_dates_are_refused_by_row_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("fechas.csv");
    std::fs::write(&file, "acuerdo,fecha,avance\nCITDP/SO-21/2024/03,31/12/1899,x\nCITDP/SO-21/2024/03,2124-03-08,y\n")
        .expect("write");
    let err = refused(&db, &file);
    assert!(err.contains("fechas.csv, fila 2, columna «fecha»: la fecha 1899-12-31"), "{err}");
    assert!(err.contains("fechas.csv, fila 3, columna «fecha»: la fecha 2124-03-08"), "{err}");
}

#[test]
fn a_long_import_draws_no_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let file = dir.path().join("largo.csv");
    let mut csv = String::from("acuerdo,fecha,avance\n");
    for i in 0..3_000 {
        csv.push_str(&format!("CITDP/SO-21/2024/03,2024-03-08,Avance {i}\n"));
    }
    std::fs::write(&file, csv).expect("write");
    let out = bin(&db).arg("importar-avances").arg(&file).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Importados 3000 avances"));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no bar in a pipe");
}
