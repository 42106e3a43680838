//! Following agreements up from the command line.

use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

fn acuerdos(db: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let mut cmd = bin(db);
    cmd.arg("acuerdos").args(args).arg("--json");
    serde_json::from_str::<Value>(&stdout(&mut cmd)).expect("json").as_array().expect("array").clone()
}

#[test]
fn the_json_contract_and_filters() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let all = acuerdos(&db, &[]);
    assert!(all.len() >= 16);
    for field in
        ["numero", "texto", "organo", "sesion", "responsables", "plazo", "estado", "avance", "vencido", "semaforo"]
    {
        assert!(all[0].get(field).is_some(), "missing {field}");
    }
    let overdue = acuerdos(&db, &["--vencidos"]);
    assert!(!overdue.is_empty() && overdue.iter().all(|a| a["vencido"] == true && a["semaforo"] == "rojo"));
    let sspc = acuerdos(&db, &["--institucion", "SSPC"]);
    assert!(
        !sspc.is_empty()
            && sspc.iter().all(|a| a["responsables"].as_array().is_some_and(|r| r.contains(&Value::from("SSPC"))))
    );
    let by_name = acuerdos(&db, &["--institucion", "Secretaría de Seguridad y Protección Ciudadana"]);
    assert_eq!(by_name.len(), sspc.len());
    let corett = acuerdos(&db, &["--organo", "CORETT"]);
    assert!(!corett.is_empty() && corett.iter().all(|a| a["organo"] == "CORETT"));
    assert_eq!(acuerdos(&db, &["--estado", "cumplido"]).len(), 307, "the demo's history, with its closed sessions");
    bin(&db)
        .args(["acuerdos", "--estado", "terminado"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--estado"));
    let csv = stdout(bin(&db).args(["acuerdos", "--csv"]));
    assert!(csv.starts_with("\u{feff}numero;organo;sesion;"));
    assert_eq!(csv.lines().count(), all.len() + 1);
}

#[test]
fn progress_with_evidence_fulfils_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let number = "CITDP/SO-21/2024/03";
    let before = acuerdos(&db, &[]);
    bin(&db)
        .args(["avance", number, "--texto", "Se envió", "--porcentaje", "120"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("0 a 100"));
    bin(&db)
        .args(["avance", number, "--texto", "Listo", "--porcentaje", "100"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("medio de verificación"));
    bin(&db)
        .args(["avance", "NO/EXISTE/1", "--texto", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no existe ningún acuerdo ni actividad con el número «NO/EXISTE/1»"));
    bin(&db)
        .args(["avance", number, "--texto", "x", "--fecha", "2024-01-01"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("anterior a la sesión"));
    bin(&db)
        .args(["avance", number, "--texto", "x", "--archivo"])
        .arg(dir.path().join("no-esta.pdf"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--archivo"));
    assert_eq!(acuerdos(&db, &[]), before, "refused reports change nothing");
    bin(&db)
        .args([
            "avance",
            number,
            "--texto",
            "Se integró la información de 12 instituciones",
            "--porcentaje",
            "60",
            "--fecha",
            "2024-03-20",
        ])
        .assert()
        .success();
    let evidence = dir.path().join("oficio.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 oficio").expect("file");
    bin(&db)
        .args([
            "avance",
            number,
            "--texto",
            "Se remitió el informe",
            "--porcentaje",
            "100",
            "--tipo",
            "oficio",
            "--evidencia",
            "Oficio SEGOB/UPMRIP/123/2024",
            "--archivo",
        ])
        .arg(&evidence)
        .arg("--fecha")
        .arg("2024-04-02")
        .assert()
        .success()
        .stdout(predicate::str::contains("«cumplido»"));
    let done = acuerdos(&db, &["--estado", "cumplido"]);
    assert_eq!(done.len(), 308, "the demo's 307 and this one");
    let this = done.iter().find(|a| a["numero"] == number).expect("now cumplido");
    assert_eq!((this["avance"].as_u64(), this["vencido"].as_bool()), (Some(100), Some(false)));
    assert!(this["semaforo"].is_null());
}

#[test]
fn indicadores_json_contract_and_empty_periods() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let json: Value = serde_json::from_str(&stdout(bin(&db).args([
        "indicadores",
        "--organo",
        "CITDP",
        "--desde",
        "2024-01-01",
        "--hasta",
        "2024-12-31",
        "--json",
    ])))
    .expect("json");
    assert_eq!(json["sesiones"]["realizadas"], 3);
    assert_eq!(json["sesiones"]["minimo"], 2);
    let rows = json["asistencia"].as_array().expect("attendance");
    assert_eq!(rows.len(), 15);
    assert!(rows.iter().all(|r| r["institucion"].is_string() && r["meta"] == 80 && r.get("porcentaje").is_some()));
    let c = &json["compromisos"];
    for field in ["adoptados", "cumplidos", "cumplidos_en_plazo", "vencidos", "sin_efecto", "tasa_cumplimiento"] {
        assert!(c.get(field).is_some(), "missing {field}");
    }
    assert_eq!(c["adoptados"], 78, "11 agreements of its three sessions and the 67 activities of the 2024 work plan");
    assert_eq!(json["acuerdos"]["adoptados"], 11);
    assert_eq!(json["acuerdos"]["tasa_cumplimiento"], 9.1, "1 of 11");
    assert_eq!(json["actividades"]["adoptados"], 67);
    assert_eq!(json["actividades"]["cumplidos_en_plazo"], 9);
    assert_eq!(c["tasa_cumplimiento"], 15.6, "12 cumplidos / (78 − 1 sin efecto)");
    let with_children: Value = serde_json::from_str(&stdout(bin(&db).args([
        "indicadores",
        "--organo",
        "CITDP",
        "--dependientes",
        "--desde",
        "2024-01-01",
        "--hasta",
        "2024-12-31",
        "--json",
    ])))
    .expect("json");
    assert!(with_children["sesiones"]["realizadas"].as_u64() > json["sesiones"]["realizadas"].as_u64());
    let empty: Value = serde_json::from_str(&stdout(bin(&db).args([
        "indicadores",
        "--organo",
        "CITDP",
        "--desde",
        "2031-01-01",
        "--hasta",
        "2031-12-31",
        "--json",
    ])))
    .expect("json");
    assert_eq!(empty["sesiones"]["realizadas"], 0);
    assert!(empty["compromisos"]["tasa_cumplimiento"].is_null(), "sin datos, not a division by zero");
    let text =
        stdout(bin(&db).args(["indicadores", "--organo", "CITDP", "--desde", "2031-01-01", "--hasta", "2031-12-31"]));
    assert!(text.contains("sin datos") && text.contains("cumplidos / (adoptados − sin efecto)"), "{text}");
}

#[test]
fn indicadores_of_one_institution_with_its_open_commitments_oldest_first() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let args =
        ["indicadores", "--organo", "CITDP", "--institucion", "inm", "--desde", "2024-01-01", "--hasta", "2024-12-31"];
    let json: Value = serde_json::from_str(&stdout(bin(&db).args(args).arg("--json"))).expect("json");
    assert_eq!(json["institucion"], "INM");
    let rows = json["asistencia"].as_array().expect("attendance");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["institucion"], "INM");
    let listed = |cmd: &str| -> Vec<Value> {
        let out = stdout(bin(&db).args([cmd, "--organo", "CITDP", "--institucion", "INM", "--json"]));
        serde_json::from_str::<Vec<Value>>(&out).expect("json")
    };
    let activities = listed("actividades");
    assert!(!activities.is_empty());
    assert_eq!(json["actividades"]["adoptados"], activities.len(), "only what INM answers for");
    let agreements = listed("acuerdos");
    let mut open: Vec<&str> = agreements
        .iter()
        .chain(&activities)
        .filter(|c| c["estado"] != "cumplido" && c["estado"] != "sin efecto")
        .filter_map(|c| c["numero"].as_str())
        .collect();
    let pending = json["pendientes"].as_array().expect("its open commitments");
    let mut numbers: Vec<&str> = pending.iter().filter_map(|p| p["numero"].as_str()).collect();
    numbers.sort_unstable();
    open.sort_unstable();
    assert_eq!(numbers, open);
    let taken: Vec<&str> = pending.iter().filter_map(|p| p["adoptado"].as_str()).collect();
    assert_eq!(taken.len(), pending.len());
    assert!(taken.is_sorted(), "oldest first: {taken:?}");
    for p in pending {
        for field in ["fuente", "organo", "plazo", "estado", "avance", "vencido", "semaforo"] {
            assert!(p.get(field).is_some(), "missing {field} in {p}");
        }
    }
    let whole: Value =
        serde_json::from_str(&stdout(bin(&db).args(&args[..3]).args(&args[5..]).arg("--json"))).expect("json");
    assert!(whole.get("institucion").is_none() && whole.get("pendientes").is_none(), "only with --institucion");
    let text = stdout(bin(&db).args(args));
    assert!(text.starts_with("Indicadores de INM en CITDP") && text.contains("Compromisos abiertos"), "{text}");
    bin(&db)
        .args(["indicadores", "--institucion", "XYZ"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--institucion: no hay ninguna institución «XYZ»"));
}
