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
    assert_eq!(names.len(), 4, "CICESCT, CITDP, CONACOES and the Coalición");
    let empty = dir.path().join("vacia.db");
    bin(&empty).arg("importar").args(&names).assert().success().stdout(predicate::str::contains("18 órganos"));
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

#[test]
fn help_subcommand_typos_and_a_missing_action() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let help = stdout(bin(&db).arg("help"));
    assert!(help.contains("Uso: secretaria") && help.contains("Órdenes:"), "{help}");
    let sub = stdout(bin(&db).args(["help", "calendario"]));
    assert!(sub.contains("Uso: secretaria calendario") && sub.contains("--separador"), "{sub}");
    let action = stdout(bin(&db).args(["help", "ronda", "lista"]));
    assert!(action.contains("Uso: secretaria ronda lista"), "{action}");
    bin(&db)
        .args(["help", "calendaro"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("¿quiso decir «calendario»?"));
    bin(&db)
        .arg("calendaro")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("orden desconocida «calendaro»; ¿quiso decir «calendario»?"));
    bin(&db)
        .args(["calendario", "--organ", "CITDP"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("¿quiso decir «--organo»?"));
    bin(&db)
        .arg("ronda")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("Uso: secretaria ronda").and(predicate::str::contains("falta la acción")));
    assert!(!db.exists(), "no database is created to print help");
}

#[test]
fn completions_are_valid_bash_and_the_manual_is_spanish() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let script = stdout(bin(&db).args(["completions", "bash"]));
    assert!(script.contains("secretaria") && script.contains("calendario") && script.contains("--separador"));
    for shell in ["zsh", "fish"] {
        assert!(stdout(bin(&db).args(["completions", shell])).contains("calendario"), "{shell}");
    }
    bin(&db).args(["completions", "tcsh"]).assert().code(2).stderr(predicate::str::contains("«tcsh» no válido"));
    if std::process::Command::new("bash").arg("--version").output().is_err() {
        eprintln!("se omite: bash no está instalado; no se comprueba la sintaxis del autocompletado");
    } else {
        let file = dir.path().join("secretaria.bash");
        fs::write(&file, &script).expect("write");
        let check = std::process::Command::new("bash").arg("-n").arg(&file).output().expect("bash");
        assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
    }
    let man = stdout(bin(&db).arg("manual"));
    assert!(man.starts_with(".ie") || man.contains(".TH SECRETARIA 1"), "{}", &man[..200.min(man.len())]);
    for heading in [".SH NOMBRE", ".SH SINOPSIS", ".SH ÓRDENES", "SECRETARIA ACUERDOS"] {
        assert!(man.contains(heading), "{heading}");
    }
    assert!(!man.contains(".SH NAME") && !man.contains("[default:"));
}

#[test]
fn changes_answer_in_json_with_their_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let json = |cmd: &mut assert_cmd::Command| -> Value {
        let text = stdout(cmd);
        assert_eq!(text.lines().count(), 1, "one JSON object on one line: {text}");
        serde_json::from_str(&text).expect("json")
    };
    let demo = json(bin(&db).args(["demo", "--json"]));
    assert_eq!(demo["operacion"], "load_demo");
    assert!(demo["entrada"].as_i64().is_some_and(|e| e > 1) && demo["resumen"].as_str().is_some(), "{demo}");
    let number = "CITDP/SO-21/2024/02";
    let progress =
        json(bin(&db).args(["avance", number, "--texto", "Se integró el grupo", "--porcentaje", "40", "--json"]));
    assert_eq!(progress["operacion"], "add_progress");
    assert_eq!((progress["numero"].as_str(), progress["estado"].as_str()), (Some(number), Some("en proceso")));
    assert_eq!(progress["avance"], 40);
    let entry = progress["entrada"].as_i64().expect("entry");
    assert!(entry > demo["entrada"].as_i64().expect("demo entry"));
    let log: Value = serde_json::from_str(&stdout(bin(&db).args(["bitacora", "--json", "--cambios"]))).expect("json");
    let recorded = log.as_array().expect("a").iter().find(|e| e["entrada"] == entry).expect("the entry named");
    assert_eq!(recorded["operacion"], "add_progress");
    let undone = json(bin(&db).args(["deshacer", "--json"]));
    assert_eq!((undone["operacion"].as_str(), undone["deshace"].as_i64()), (Some("undo"), Some(entry)));
    assert!(undone["entrada"].as_i64() > Some(entry));
    let round = json(bin(&db).args(["ronda", "nueva", "--organo", "CITDP", "--corte", "2024-06-30", "--json"]));
    assert_eq!((round["operacion"].as_str(), round["ronda"].as_i64()), (Some("open_round"), Some(1)));
    assert!(round["solicitudes"].as_u64() > Some(5));
    let sent = json(bin(&db).args(["ronda", "enviada", "1", "--fecha", "2024-07-01", "--json"]));
    assert_eq!(sent["enviadas"], round["solicitudes"]);
    let answered =
        json(bin(&db).args(["ronda", "respuesta", "1", "--institucion", "fgr", "--fecha", "2024-07-10", "--json"]));
    assert_eq!(
        (answered["operacion"].as_str(), answered["institucion"].as_str()),
        (Some("mark_answered"), Some("FGR"))
    );
    let file = dir.path().join("propio.toml");
    fs::write(&file, "[[instituciones]]\nsiglas = \"PROPIA\"\nnombre = \"Institución propia\"\n").expect("write");
    let imported = json(bin(&db).arg("importar").arg(&file).arg("--json"));
    assert_eq!(imported["operacion"], "import");
    assert!(
        imported["entrada"].is_i64() && imported["archivos"][0].as_str().is_some_and(|f| f.ends_with("propio.toml"))
    );
    let sessions: Value = serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--json"]))).expect("json");
    let planned = sessions
        .as_array()
        .expect("a")
        .iter()
        .find(|s| s["estado"] == "programada" && s["fecha"].as_str().is_some_and(|f| f > "2027-01-01"))
        .expect("a planned session")
        .clone();
    let notice = dir.path().join("convocatoria.md");
    let issued = json(
        bin(&db)
            .args(["convocatoria", &planned["id"].to_string(), "--emitir", "--forzar", "--json", "--formato", "md"])
            .arg("--salida")
            .arg(&notice),
    );
    assert_eq!((issued["operacion"].as_str(), issued["estado"].as_str()), (Some("issue_notice"), Some("convocada")));
    assert!(notice.exists());
    let backup = dir.path().join("respaldo.db");
    let saved = json(bin(&db).arg("respaldo").arg(&backup).arg("--json"));
    assert_eq!((saved["operacion"].as_str(), saved["verificado"].as_bool()), (Some("access"), Some(true)));
    assert!(saved["entrada"].is_i64() && saved["bytes"].as_u64() > Some(0));
    let restored = json(bin(&db).arg("restaurar").arg(&backup).args(["--si", "--json"]));
    assert_eq!((restored["operacion"].as_str(), restored["restaurada"].as_bool()), (Some("restore"), Some(true)));
    assert!(restored["entrada"].is_i64() && restored["reemplazada"].is_string());
}
