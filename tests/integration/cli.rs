use std::fs;

use predicates::prelude::*;
use serde_json::Value;

use super::{bin, demo_db, stdout};

#[test]
fn help_is_spanish_everywhere() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let top = stdout(bin(&db).arg("--help"));
    for word in ["Uso:", "Órdenes:", "Opciones:", "Muestra esta ayuda", "calendario", "importar"] {
        assert!(top.contains(word), "{word} in:\n{top}");
    }
    let subcommands = [
        "demo",
        "importar",
        "exportar",
        "organos",
        "calendario",
        "sesiones",
        "sesion",
        "consola",
        "sala",
        "acta",
        "actas",
        "convocatoria",
    ];
    for sub in subcommands {
        let help = stdout(bin(&db).args([sub, "--help"]));
        assert!(help.contains("Uso: secretaria ") && help.contains("Opciones:"), "{sub}:\n{help}");
        for english in ["Usage", "Print help", "[default:", "[possible values", "Options:", "Arguments:"] {
            assert!(!help.contains(english), "{sub} says «{english}»:\n{help}");
        }
    }
    bin(&db).arg("reunion").assert().code(2).stderr(predicate::str::contains("orden desconocida «reunion»"));
    bin(&db)
        .args(["calendario", "--json", "--ics"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no se puede usar junto con"));
}

#[test]
fn demo_is_loaded_once_and_not_mixed_into_own_data() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    bin(&db).arg("demo").assert().success().stdout(predicate::str::contains("ya contiene"));
    let own = dir.path().join("propia.db");
    let file = dir.path().join("propio.toml");
    fs::write(&file, "[[instituciones]]\nsiglas = \"PROPIA\"\nnombre = \"Institución propia\"\n").expect("write");
    bin(&own).arg("importar").arg(&file).assert().success();
    bin(&own).arg("demo").assert().failure().stderr(predicate::str::contains("--forzar"));
    bin(&own).args(["demo", "--forzar"]).assert().success();
}

#[test]
fn organos_json_has_bodies_members_and_parents() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let json: Value = serde_json::from_str(&stdout(bin(&db).args(["organos", "--json"]))).expect("json");
    let bodies = json.as_array().expect("array");
    let citdp = bodies.iter().find(|b| b["siglas"] == "CITDP").expect("CITDP");
    assert_eq!(citdp["tipo"], "pleno");
    assert_eq!(citdp["padre"], Value::Null);
    let members = citdp["integrantes"].as_array().expect("members");
    let voting = members.iter().filter(|m| m["derechos"] == "voz y voto").count();
    assert_eq!(voting, 15, "the 15 member institutions of seed 004");
    assert!(members.iter().any(|m| m["cargo"] == "Presidencia" && m["siglas"] == "SEGOB"));
    assert!(members.iter().any(|m| m["cargo"] == "Secretaría Técnica"));
    let scc = bodies.iter().find(|b| b["nombre"] == "Subcomisión Consultiva").expect("SCC");
    assert_eq!(scc["padre"], "CITDP");
    assert_eq!(scc["tipo"], "subcomisión");
    let subcommissions = bodies.iter().filter(|b| b["padre"] == "CONACOES" && b["tipo"] == "subcomisión").count();
    assert_eq!(subcommissions, 3);
    let coalition = bodies.iter().find(|b| b["siglas"] == "CORETT").expect("Coalición");
    assert!(coalition["integrantes"].as_array().expect("members").iter().any(|m| m["institucion"] == "Guatemala"));
    let text = stdout(bin(&db).arg("organos"));
    assert!(text.contains("SIGLAS") && text.contains("  SCC"), "{text}");
}

#[test]
fn calendario_filters_and_formats() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let json: Value = serde_json::from_str(&stdout(bin(&db).args([
        "calendario",
        "--organo",
        "SCC",
        "--desde",
        "2024-01-01",
        "--hasta",
        "2024-12-31",
        "--json",
    ])))
    .expect("json");
    let rows = json.as_array().expect("array");
    assert_eq!(rows.len(), 4, "four quarterly sessions in 2024");
    assert!(rows.iter().all(|r| r["organo"] == "SCC" && r["id"].is_i64() && r["fecha"].is_string()));
    assert_eq!(rows[0]["titulo"], "Trigésima Segunda Sesión Ordinaria");
    assert_eq!(rows[0]["previsto"], "febrero-marzo");
    let gt: Value = serde_json::from_str(&stdout(bin(&db).args([
        "calendario",
        "--organo",
        "GTPVSTDP",
        "--desde",
        "2024-02-01",
        "--hasta",
        "2024-02-29",
        "--json",
    ])))
    .expect("json");
    let extra = gt
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["tipo"] == "extraordinaria")
        .expect("3ª extraordinaria")
        .clone();
    assert_eq!((extra["numero"].as_i64(), extra["fecha"].as_str()), (Some(3), Some("2024-02-06")));
    let windows: Value =
        serde_json::from_str(&stdout(bin(&db).args(["calendario", "--desde", "2027-01-01", "--json"]))).expect("json");
    assert!(windows.as_array().expect("array").iter().any(|r| r["fecha"].is_null() && r["ventana"] == "Por definir"));
    bin(&db)
        .args(["calendario", "--desde", "31 de febrero de 2024"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--desde").and(predicate::str::contains("no existe")));
    bin(&db).args(["calendario", "--organo", "NADA"]).assert().failure().stderr(predicate::str::contains("«NADA»"));
    let ics = stdout(bin(&db).args(["calendario", "--organo", "CONACOES", "--ics"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("TZID:America/Costa_Rica"));
    assert!(ics.matches("BEGIN:VEVENT").count() >= 5);
}

#[test]
fn export_import_export_round_trips_the_demo() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let first = dir.path().join("uno");
    bin(&db).args(["exportar", "--salida"]).arg(&first).assert().success();
    let mut names: Vec<_> = fs::read_dir(&first).expect("dir").map(|e| e.expect("entry").path()).collect();
    names.sort();
    assert_eq!(names.len(), 3);
    let empty = dir.path().join("vacia.db");
    bin(&empty).arg("importar").args(&names).assert().success().stdout(predicate::str::contains("17 órganos"));
    let second = dir.path().join("dos");
    bin(&empty).args(["exportar", "--salida"]).arg(&second).assert().success();
    for path in &names {
        let name = path.file_name().expect("name");
        assert_eq!(fs::read_to_string(path).expect("a"), fs::read_to_string(second.join(name)).expect("b"), "{name:?}");
    }
}

#[test]
fn a_bad_import_names_file_line_field_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let before = stdout(bin(&db).args(["calendario", "--json"]));
    let good = dir.path().join("bueno.toml");
    fs::write(&good, "[[instituciones]]\nsiglas = \"OTRA\"\nnombre = \"Otra institución\"\n").expect("write");
    let bad = dir.path().join("malo.toml");
    fs::write(&bad, "[[sesiones]]\norgano = \"CITDP\"\ntipo = \"ordinaria\"\nnumero = 99\nanio = 2027\ncuando = \"30 de febrero\"\n").expect("write");
    bin(&db)
        .arg("importar")
        .arg(&good)
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains("malo.toml, línea 6, campo «cuando»: el 30 de febrero de 2027 no existe"));
    assert_eq!(stdout(bin(&db).args(["calendario", "--json"])), before);
    let organos = stdout(bin(&db).args(["organos", "--json"]));
    assert!(!organos.contains("OTRA"));
    bin(&db)
        .arg("importar")
        .arg(dir.path().join("no-existe.toml"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no se pudo leer"));
}

#[test]
fn database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let mode = fs::metadata(&db).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn database_from_environment_variable() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("env.db");
    let mut cmd = assert_cmd::Command::cargo_bin("secretaria").expect("bin");
    cmd.env("SECRETARIA_DB", &db).arg("demo").assert().success();
    assert!(db.exists());
}
