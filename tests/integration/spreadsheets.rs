//! Listings as spreadsheets: CSV with BOM, separator, CRLF and inert cells, read back by
//! Python's `csv` module; XLSX read back with calamine.

use std::path::Path;
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx};
use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

fn raw(cmd: &mut assert_cmd::Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Rows of a CSV as Python's `csv` module reads it (`utf-8-sig` drops the BOM), or `None`
/// when python3 is missing (the test says so and skips that check).
fn python_rows(csv: &Path, separator: &str) -> Option<Vec<Vec<String>>> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("se omite: python3 no está instalado; el CSV no se lee con el módulo csv de Python");
        return None;
    }
    let script = "import csv, json, sys\n\
                  with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
                  \x20   print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))";
    let out = Command::new("python3").args(["-c", script]).arg(csv).arg(separator).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).expect("json from python"))
}

#[test]
fn acuerdos_csv_opens_in_python_with_both_separators() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let list: Value = serde_json::from_str(&stdout(bin(&db).args(["acuerdos", "--json"]))).expect("json");
    let list = list.as_array().expect("array");
    for (flag, separator) in [(None, ";"), (Some(","), ","), (Some("tab"), "\t")] {
        let mut cmd = bin(&db);
        cmd.args(["acuerdos", "--csv"]);
        if let Some(f) = flag {
            cmd.args(["--separador", f]);
        }
        let bytes = raw(&mut cmd);
        assert!(bytes.starts_with(b"\xEF\xBB\xBFnumero"), "UTF-8 with BOM");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(text.starts_with(&format!("\u{feff}numero{separator}organo{separator}sesion{separator}")), "{flag:?}");
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains("\r"), "CRLF line endings");
        let file = dir.path().join("acuerdos.csv");
        std::fs::write(&file, &bytes).expect("write");
        let Some(rows) = python_rows(&file, separator) else { return };
        assert_eq!(rows.len(), list.len() + 1, "header and one row per agreement");
        assert_eq!(rows[0][..3], ["numero", "organo", "sesion"]);
        assert_eq!(rows[1][0], list[0]["numero"].as_str().expect("numero"));
        assert_eq!(rows[1][9], list[0]["texto"].as_str().expect("texto"), "the text whole, with its punctuation");
        assert!(rows.iter().all(|r| r.len() == 10));
    }
    bin(&db)
        .args(["acuerdos", "--csv", "--separador", "|"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--separador: separador «|» no válido"));
}

#[test]
fn every_listing_has_a_csv_and_a_cell_cannot_run_as_a_formula() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let listings: [&[&str]; 9] = [
        &["organos"],
        &["calendario"],
        &["sesiones"],
        &["actas"],
        &["acuerdos"],
        &["actividades"],
        &["indicadores", "--organo", "CITDP", "--desde", "2024-01-01", "--hasta", "2024-12-31"],
        &["ronda", "lista"],
        &["bitacora"],
    ];
    for args in listings {
        let bytes = raw(bin(&db).args(args).arg("--csv"));
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{args:?}");
        let text = String::from_utf8(bytes).expect("utf-8");
        let header = text.split('\n').next().expect("header");
        assert!(header.contains(';') && header.ends_with('\r'), "{args:?}: {header:?}");
    }
    // The directory's phone numbers start with «+»: kept as text, never a formula.
    let directory = String::from_utf8(raw(bin(&db).args(["organos", "--csv"]))).expect("utf-8");
    assert!(directory.contains(";'+52 "), "phone numbers made inert");
    assert!(!directory.lines().any(|l| l.split(';').any(|c| c.starts_with(['=', '+', '-', '@']))));
    // Decimals with the configured separator (a comma by default).
    let indicators = String::from_utf8(raw(bin(&db).args([
        "indicadores",
        "--organo",
        "CITDP",
        "--desde",
        "2024-01-01",
        "--hasta",
        "2024-12-31",
        "--csv",
    ])))
    .expect("utf-8");
    assert!(indicators.contains(";100,0;80\r\n"), "{indicators}");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[formato]\nseparador_decimal = \".\"\nseparador_csv = \",\"\n").expect("write");
    let dotted = String::from_utf8(raw(bin(&db).env("SECRETARIA_CONFIG", &config).args([
        "indicadores",
        "--organo",
        "CITDP",
        "--desde",
        "2024-01-01",
        "--hasta",
        "2024-12-31",
        "--csv",
    ])))
    .expect("utf-8");
    assert!(dotted.starts_with("\u{feff}seccion,concepto,") && dotted.contains(",100.0,80\r\n"), "{dotted}");
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("an xlsx calamine reads");
    book.worksheet_range(name).expect("worksheet")
}

fn excel_serial(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch");
    (d - epoch).num_days() as f64
}

#[test]
fn xlsx_has_headers_real_dates_and_numbers() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let list: Value = serde_json::from_str(&stdout(bin(&db).args(["acuerdos", "--json"]))).expect("json");
    let list = list.as_array().expect("array");
    let file = dir.path().join("acuerdos.xlsx");
    bin(&db)
        .args(["acuerdos", "--xlsx"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Hoja de Excel escrita en"));
    let range = sheet(&file, "Acuerdos");
    let headers: Vec<String> = range.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    assert_eq!(headers[..5], ["numero", "organo", "sesion", "responsables", "plazo"]);
    assert_eq!(range.height(), list.len() + 1);
    let first = &list[0];
    let row = range.rows().nth(1).expect("first row");
    assert_eq!(row[0], Data::String(first["numero"].as_str().expect("n").to_string()));
    assert_eq!(row[2].as_f64(), first["sesion"].as_f64(), "the session id is a number");
    match &row[4] {
        Data::DateTime(d) => {
            assert_eq!(d.as_f64(), excel_serial(first["plazo"].as_str().expect("plazo")), "a real Excel date")
        }
        other => panic!("the deadline is a date cell, not {other:?}"),
    }
    assert_eq!(row[6].as_f64(), first["avance"].as_f64(), "the progress is a number");
    // Replaced only when asked, and never the database.
    bin(&db)
        .args(["acuerdos", "--xlsx"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--sobrescribir"));
    bin(&db).args(["acuerdos", "--sobrescribir", "--xlsx"]).arg(&file).assert().success();
    bin(&db)
        .args(["acuerdos", "--sobrescribir", "--xlsx"])
        .arg(&db)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("base de datos en uso"));
    bin(&db).args(["acuerdos", "--json", "--xlsx"]).arg(&file).assert().code(2);
    // Activities, indicators and the directory of members and contacts.
    let activities = dir.path().join("actividades.xlsx");
    bin(&db).args(["actividades", "--xlsx"]).arg(&activities).assert().success();
    assert!(sheet(&activities, "Actividades").height() > 60);
    let indicators = dir.path().join("indicadores.xlsx");
    bin(&db)
        .args(["indicadores", "--organo", "CITDP", "--institucion", "INM", "--desde", "2024-01-01", "--xlsx"])
        .arg(&indicators)
        .assert()
        .success();
    let attendance = sheet(&indicators, "Asistencia");
    assert_eq!(attendance.get((0, 0)), Some(&Data::String("institucion".into())));
    let pending = sheet(&indicators, "Pendientes");
    assert!(pending.height() > 1 && matches!(pending.get((1, 0)), Some(Data::DateTime(_))), "adopted on a date");
    let directory = dir.path().join("directorio.xlsx");
    bin(&db).args(["organos", "--xlsx"]).arg(&directory).assert().success();
    let range = sheet(&directory, "Directorio");
    let headers: Vec<String> = range.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    for h in ["organo", "institucion", "derechos", "cargo", "titular", "titular_correo", "suplente_telefono"] {
        assert!(headers.iter().any(|x| x == h), "{h} in {headers:?}");
    }
    let phone = headers.iter().position(|h| h == "titular_telefono").expect("phone column");
    assert!(range.rows().skip(1).any(|r| r[phone].to_string().starts_with("+52")), "text stays text in XLSX");
    let designated = headers.iter().position(|h| h == "titular_designacion").expect("designation column");
    assert!(range.rows().skip(1).any(|r| matches!(r[designated], Data::DateTime(_))));
}
