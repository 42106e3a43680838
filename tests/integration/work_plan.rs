//! Work-plan activities and follow-up rounds from the command line.

use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(bin(db).args(args))).expect("json")
}

#[test]
fn actividades_lists_the_plan_with_its_periods_and_follow_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let all = json(&db, &["actividades", "--json"]);
    let all = all.as_array().expect("array");
    assert_eq!(all.len(), 91, "the CITDP's 67 and the CICESCT's 24");
    for field in [
        "numero",
        "texto",
        "organo",
        "objetivo",
        "meta",
        "indicador",
        "periodo",
        "responsables",
        "plazo",
        "estado",
        "avance",
        "vencido",
        "semaforo",
    ] {
        assert!(all[0].get(field).is_some(), "missing {field}");
    }
    assert!(all[0].get("sesion").is_none(), "activities come from a plan, not a session");
    let first = &all[0];
    assert_eq!(
        (first["numero"].as_str(), first["periodo"].as_str()),
        (Some("CITDP/PAT-2024/01"), Some("1er trimestre"))
    );
    assert_eq!(first["plazo"], "2024-03-31", "a period falls due on its last day");
    let inm = json(&db, &["actividades", "--institucion", "INM", "--json"]);
    assert_eq!(inm.as_array().map(Vec::len), Some(3));
    let overdue = json(&db, &["actividades", "--vencidos", "--json"]);
    assert!(overdue.as_array().is_some_and(|a| a.iter().all(|x| x["vencido"] == true)));
    let undated = json(&db, &["actividades", "--estado", "en proceso", "--json"]);
    assert!(undated.as_array().is_some_and(|a| a.iter().any(|x| x["plazo"] == "permanente")));
    let csv = stdout(bin(&db).args(["actividades", "--csv", "--organo", "CITDP"]));
    assert!(csv.starts_with("\u{feff}numero;organo;objetivo;estrategia;meta;indicador;periodo;"), "{csv}");
    // Progress on an activity goes through the same command as on an agreement.
    let number = "CITDP/PAT-2024/26";
    bin(&db)
        .args(["avance", number, "--texto", "Se celebró la cuarta reunión.", "--porcentaje", "100"])
        .args(["--evidencia", "Minuta SEGOB-DGTIC, septiembre de 2024", "--tipo", "minuta", "--fecha", "2024-09-25"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(la actividad); estado «cumplido»"));
    let done = json(&db, &["actividades", "--estado", "cumplido", "--json"]);
    assert!(done.as_array().is_some_and(|a| a.iter().any(|x| x["numero"] == number && x["semaforo"].is_null())));
    bin(&db)
        .args(["avance", "CITDP/PAT-2024/27", "--texto", "x", "--fecha", "2023-12-31"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("anterior al inicio del programa de trabajo"));
}

#[test]
fn a_follow_up_round_from_opening_to_answers() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    bin(&db)
        .args(["ronda", "nueva", "--organo", "NADA"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no hay ningún órgano con siglas «NADA»"));
    let out = stdout(bin(&db).args(["ronda", "nueva", "--organo", "CITDP", "--corte", "2024-06-30"]));
    assert!(out.starts_with("Ronda 1 de CITDP con corte al 2024-06-30"), "{out}");
    bin(&db)
        .args(["ronda", "nueva", "--organo", "CITDP", "--corte", "2024-06-30"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("ya tiene la ronda 1"));
    let round = json(&db, &["ronda", "ver", "1", "--json"]);
    let n = round["solicitudes"].as_u64().expect("count");
    assert!(n >= 10, "one request per responsible institution: {round}");
    assert_eq!(round["enviadas"], 0);
    bin(&db)
        .args(["ronda", "respuesta", "1", "--institucion", "FGR", "--fecha", "2024-07-10"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("registre primero el envío"));
    bin(&db).args(["ronda", "enviada", "1", "--fecha", "2024-07-01"]).assert().success();
    bin(&db)
        .args([
            "ronda",
            "respuesta",
            "1",
            "--institucion",
            "FGR",
            "--fecha",
            "2024-07-10",
            "--oficio",
            "FGR/FEVIMTRA/88/2024",
        ])
        .assert()
        .success();
    let round = json(&db, &["ronda", "ver", "1", "--json"]);
    assert_eq!(round["enviadas"].as_u64(), Some(n));
    assert_eq!(round["respondidas"], 1);
    let awaiting = round["sin_respuesta"].as_array().expect("who has not answered");
    assert_eq!(awaiting.len() as u64, n - 1);
    assert!(!awaiting.contains(&Value::from("FGR")));
    let text = stdout(bin(&db).args(["ronda", "ver", "1"]));
    assert!(text.contains("← sin respuesta") && text.contains("FGR/FEVIMTRA/88/2024"), "{text}");
    let md = dir.path().join("oficios.md");
    bin(&db)
        .args(["ronda", "oficios", "1", "--institucion", "INM", "--formato", "md", "--salida"])
        .arg(&md)
        .assert()
        .success();
    let letter = std::fs::read_to_string(&md).expect("written");
    assert!(letter.contains("CITDP/ST/RS-2024-06-30/") && letter.contains("CITDP/PAT-2024/62"), "{letter}");
    let pdf = dir.path().join("oficios.pdf");
    bin(&db).args(["ronda", "oficios", "1", "--salida"]).arg(&pdf).assert().success();
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let list = json(&db, &["ronda", "lista", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}
