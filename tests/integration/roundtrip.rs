//! Nothing lost: the README's recipe `exportar --salida respaldo/ && --db otra.db importar
//! respaldo/*.toml` carries the whole record. The demo (with a baja, a replaced titular, an
//! approved fe de erratas, a follow-up round and a plan with a gap in its numbers) exports,
//! imports into an empty database and exports again to identical files; every JSON output is
//! identical between the two databases, and the imported one verifies.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use super::{bin, demo_db, stdout};
use secretaria::domain::member::{Representative, RepresentativeRole};
use secretaria::ops::{self, Context, Op};
use secretaria::store::plans::{self, ActivityPlan};
use secretaria::store::{Store, bodies, institutions, members, sessions};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn run(store: &mut Store, op: Op) -> Option<i64> {
    ops::run(store, &Context::for_tests("prueba"), op).expect("operation").id
}

fn session_id(store: &Store, body: i64, number: u32) -> i64 {
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    sessions::list(store.conn(), &filter).expect("q").into_iter().find(|s| s.number == number).expect("session").id
}

/// What the demo lacks and a record has: a baja, designations that ended, an approved fe de
/// erratas, a round sent and partly answered, and an activity removed from a plan.
fn enrich(db: &Path) {
    let mut store = Store::open(db).expect("open");
    let citdp = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
    let all = members::for_body(store.conn(), citdp).expect("q");
    let (first, second) = (all[1].id, all[2].id);
    run(&mut store, Op::RemoveMember { membership: first, on: d(2025, 3, 31), reason: "Cambio de estructura".into() });
    let person = Representative {
        name: "Mariana Ibáñez Soto".into(),
        designated_on: Some(d(2025, 1, 10)),
        letter_ref: "Oficio 12/2025".into(),
        ..Default::default()
    };
    run(
        &mut store,
        Op::Designate { membership: second, role: RepresentativeRole::Titular, person, on: d(2025, 1, 10) },
    );
    if members::representative(store.conn(), second, RepresentativeRole::Alternate).expect("q").is_some() {
        let role = RepresentativeRole::Alternate;
        run(&mut store, Op::EndDesignation { membership: second, role, on: d(2025, 2, 1) });
    }
    let acta = session_id(&store, citdp, 21);
    let approving = session_id(&store, citdp, 22);
    let text = "Donde dice «SSPC» debe decir «Secretaría de Seguridad y Protección Ciudadana».";
    let erratum = run(&mut store, Op::AddErratum { session: acta, text: text.into(), on: d(2024, 6, 1) });
    run(&mut store, Op::ApproveErratum { erratum: erratum.expect("erratum"), approving });
    let at = d(2024, 7, 1).and_hms_opt(9, 0, 0).expect("time");
    let round = run(&mut store, Op::OpenRound { body: citdp, cutoff: d(2024, 6, 30), at }).expect("round");
    run(&mut store, Op::MarkSent { round, institutions: None, on: d(2024, 7, 2) });
    let segob = institutions::by_acronym(store.conn(), "SEGOB").expect("q").expect("SEGOB").id;
    let reply = Some("Oficio UPMRIP/455/2024".to_string());
    run(&mut store, Op::MarkAnswered { round, institution: segob, on: d(2024, 7, 20), reply });
    let scc = bodies::by_acronym(store.conn(), "SCC").expect("q").expect("SCC").id;
    let ssa = institutions::by_acronym(store.conn(), "SSA").expect("q").expect("SSA").id;
    for text in ["Difundir la ruta de atención", "Capacitar al personal", "Publicar el informe"] {
        let activity = ActivityPlan {
            objective: "Coordinar".into(),
            text: text.into(),
            period: "2do semestre".into(),
            responsibles: vec![ssa],
            ..ActivityPlan::default()
        };
        run(&mut store, Op::AddActivity { body: scc, year: 2025, plan_title: "Programa 2025".into(), activity });
    }
    let plan = plans::by_body_year(store.conn(), scc, 2025).expect("q").expect("plan");
    let gone = plans::activities(store.conn(), plan.id).expect("q")[0].id;
    run(&mut store, Op::DeleteActivity { activity: gone });
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").path()).collect();
    names.sort();
    names
}

fn json(db: &Path, args: &[&str]) -> String {
    stdout(bin(db).args(args))
}

#[test]
fn export_then_import_keeps_the_whole_record() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    enrich(&db);
    let backup = dir.path().join("respaldo");
    bin(&db).args(["exportar", "--salida"]).arg(&backup).assert().success();
    let files = files_in(&backup);
    let other = dir.path().join("otra.db");
    let imported = stdout(bin(&other).arg("importar").args(&files));
    assert!(
        imported.contains("votaciones") && imported.contains("acuerdos") && imported.contains("3 actas"),
        "{imported}"
    );
    let again = dir.path().join("otra-vez");
    bin(&other).args(["exportar", "--salida"]).arg(&again).assert().success();
    let names = |list: &[PathBuf]| list.iter().map(|p| p.file_name().map(|n| n.to_owned())).collect::<Vec<_>>();
    assert_eq!(names(&files_in(&again)), names(&files));
    for path in &files {
        let name = path.file_name().expect("name");
        let (a, b) = (fs::read_to_string(path).expect("a"), fs::read_to_string(again.join(name)).expect("b"));
        assert!(a == b, "{name:?} differs after import and export");
    }

    for args in [
        &["actas", "--json"][..],
        &["acuerdos", "--json"],
        &["actividades", "--json"],
        &["indicadores", "--json"],
        &["organos", "--json"],
        &["calendario", "--json"],
        &["ronda", "lista", "--json"],
    ] {
        assert_eq!(json(&other, args), json(&db, args), "{args:?}");
    }
    let calendar: Value = serde_json::from_str(&json(&db, &["calendario", "--json"])).expect("json");
    let ids: Vec<String> = calendar.as_array().expect("sessions").iter().map(|s| s["id"].to_string()).collect();
    assert!(ids.len() >= 80, "every session of the demo");
    for id in &ids {
        assert_eq!(json(&other, &["sesion", id, "--json"]), json(&db, &["sesion", id, "--json"]), "sesión {id}");
    }
    let rounds: Value = serde_json::from_str(&json(&other, &["ronda", "lista", "--json"])).expect("json");
    assert_eq!(rounds[0]["respondidas"], 1, "the round came with its answers");

    let verified = stdout(bin(&other).arg("verificar"));
    assert!(verified.contains("La base está íntegra.") && verified.contains("1 acta aprobada"), "{verified}");
    let approved = stdout(bin(&other).args(["actas", "--json"]));
    let original = stdout(bin(&db).args(["actas", "--json"]));
    assert_eq!(approved, original, "the approved acta keeps its SHA-256");
}

#[test]
fn a_file_not_in_utf8_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let file = dir.path().join("latin1.toml");
    let mut bytes = b"[[instituciones]]\nsiglas = \"SEGOB\"\nnombre = \"Secretar".to_vec();
    bytes.extend_from_slice(&[0xED, b'a', b'"', b'\n']);
    fs::write(&file, bytes).expect("write");
    let out = bin(&db).arg("importar").arg(&file).output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1.toml, línea 3: el archivo no está en UTF-8 (byte 0xED en la columna 19)"), "{err}");
}
