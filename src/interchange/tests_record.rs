//! The whole record through a data file: the demo (with a baja, a replaced titular, a fe de
//! erratas, a follow-up round and a plan with a gap in its numbers) exports, imports into an
//! empty database and exports again to the same files; what a file may not say is refused with
//! its file, line and field.

use chrono::NaiveDate;

use super::*;
use crate::domain::member::{Representative, RepresentativeRole};
use crate::ops::{self, Context, ImportFile, Op, OpError};
use crate::store::plans::ActivityPlan;
use crate::store::{Store, bodies, members, minutes, plans, sessions};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn run(store: &mut Store, op: Op) -> crate::ops::Done {
    ops::run(store, &Context::for_tests("prueba"), op).expect("operation")
}

fn session_id(store: &Store, body: &str, number: u32) -> i64 {
    let b = bodies::by_acronym(store.conn(), body).expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(b), ..Default::default() };
    sessions::list(store.conn(), &filter).expect("q").into_iter().find(|s| s.number == number).expect("session").id
}

/// The demo plus what it lacks: a baja, a replaced titular and an emptied suplente seat, an
/// approved fe de erratas, a follow-up round sent and partly answered, and a plan whose first
/// activity was removed.
pub(crate) fn enriched_demo() -> Store {
    let mut store = crate::demo::in_memory();
    let conn = store.conn();
    let citdp = bodies::by_acronym(conn, "CITDP").expect("q").expect("CITDP").id;
    let all = members::for_body(conn, citdp).expect("q");
    let (first, second) = (all[1].id, all[2].id);
    run(&mut store, Op::RemoveMember { membership: first, on: d(2025, 3, 31), reason: "Cambio de estructura".into() });
    let person = Representative {
        name: "Mariana Ibáñez Soto".into(),
        position: "Directora General".into(),
        designated_on: Some(d(2025, 1, 10)),
        letter_ref: "Oficio 12/2025".into(),
        ..Default::default()
    };
    run(
        &mut store,
        Op::Designate { membership: second, role: RepresentativeRole::Titular, person, on: d(2025, 1, 10) },
    );
    if members::representative(store.conn(), second, RepresentativeRole::Alternate).expect("q").is_some() {
        run(
            &mut store,
            Op::EndDesignation { membership: second, role: RepresentativeRole::Alternate, on: d(2025, 2, 1) },
        );
    }
    let acta = session_id(&store, "CITDP", 21);
    let approving = session_id(&store, "CITDP", 22);
    let text = "Donde dice «SSPC» debe decir «Secretaría de Seguridad y Protección Ciudadana».";
    let erratum = run(&mut store, Op::AddErratum { session: acta, text: text.into(), on: d(2024, 6, 1) });
    run(&mut store, Op::ApproveErratum { erratum: erratum.id.expect("id"), approving });
    let at = d(2024, 7, 1).and_hms_opt(9, 0, 0).expect("time");
    let round = run(&mut store, Op::OpenRound { body: citdp, cutoff: d(2024, 6, 30), at }).id.expect("round");
    run(&mut store, Op::MarkSent { round, institutions: None, on: d(2024, 7, 2) });
    let segob = crate::store::institutions::by_acronym(store.conn(), "SEGOB").expect("q").expect("SEGOB").id;
    run(
        &mut store,
        Op::MarkAnswered {
            round,
            institution: segob,
            on: d(2024, 7, 20),
            reply: Some("Oficio UPMRIP/455/2024".into()),
        },
    );
    let scc = bodies::by_acronym(store.conn(), "SCC").expect("q").expect("SCC").id;
    let ssa = crate::store::institutions::by_acronym(store.conn(), "SSA").expect("q").expect("SSA").id;
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
    store
}

fn import(store: &mut Store, files: &[ExportFile]) -> Result<(), OpError> {
    let files = files.iter().map(|f| ImportFile::new(f.name.clone(), f.content.clone())).collect();
    ops::run(store, &Context::for_tests("prueba"), Op::Import { files }).map(|_| ())
}

/// Rows of every table of the record (the bitácora and the database's own marks aside).
pub(crate) fn counts(store: &Store) -> Vec<(String, i64)> {
    let conn = store.conn();
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").expect("q");
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("q").map(|t| t.expect("name")).collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).expect("count");
            (t, n)
        })
        .collect()
}

#[test]
fn the_whole_record_round_trips_through_its_files() {
    let store = enriched_demo();
    let first = export(store.conn()).expect("export");
    let mut again = Store::open_in_memory().expect("open");
    import(&mut again, &first).unwrap_or_else(|e| panic!("re-import: {e}"));
    let second = export(again.conn()).expect("export");
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.name, b.name);
        assert!(a.content == b.content, "{} differs:\n{}", a.name, first_difference(&a.content, &b.content));
    }
    assert_eq!(first.len(), second.len());
    let skip = ["bitacora", "meta", "sqlite_sequence", "migrations"];
    let kept = |c: Vec<(String, i64)>| c.into_iter().filter(|(t, _)| !skip.contains(&t.as_str())).collect::<Vec<_>>();
    assert_eq!(kept(counts(&again)), kept(counts(&store)), "every row of the record is there");
    let report = crate::ops::verify::verify(again.conn()).expect("verify");
    assert!(report.ok, "{:?}", report.problems().collect::<Vec<_>>());
    assert_eq!(report.approved, 1);
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count()));
    format!("line {}: {:?} / {:?}", line + 1, a.lines().nth(line), b.lines().nth(line))
}

/// The exported demo with `edit` applied to the file holding `needle`; the import's error.
fn refused(edit: impl Fn(&str) -> String, needle: &str) -> (String, String, usize) {
    let store = crate::demo::in_memory();
    let mut files = export(store.conn()).expect("export");
    let file = files.iter_mut().find(|f| f.content.contains(needle)).expect("needle present");
    let line = file.content.lines().position(|l| l.contains(needle)).map_or(0, |l| l + 1);
    file.content = edit(&file.content);
    let name = file.name.clone();
    let mut fresh = Store::open_in_memory().expect("open");
    let before = counts(&fresh);
    let err = import(&mut fresh, &files).expect_err("refused").to_string();
    assert_eq!(counts(&fresh), before, "a refused import changes nothing");
    (err, name, line)
}

#[test]
fn a_forged_acta_is_refused_with_file_line_and_field() {
    let store = crate::demo::in_memory();
    let approved =
        minutes::list(store.conn()).expect("q").into_iter().find(|m| m.sha256.is_some()).expect("approved acta");
    let hash = approved.sha256.expect("hash");
    let sha_line = format!("sha256 = \"{hash}\"");
    // One word of the approved acta's text, changed in the file.
    let forge = |c: &str| {
        let acta = c[..c.find(&sha_line).expect("hash")].rfind("[sesiones.acta]").expect("acta");
        let word = acta + c[acta..].find("Ordinaria").expect("word");
        format!("{}Extraordinaria{}", &c[..word], &c[word + "Ordinaria".len()..])
    };
    let (err, name, line) = refused(forge, &sha_line);
    assert_eq!(
        err,
        format!(
            "{name}, línea {line}, campo «sha256»: el texto del acta no coincide con su huella SHA-256: el acta aprobada fue alterada y no se importa"
        )
    );
}

#[test]
fn counts_that_do_not_add_up_are_refused() {
    let (err, name, line) =
        refused(|c| c.replacen("votos_elegibles = ", "votos_elegibles = 9", 1), "votos_elegibles = ");
    assert!(err.starts_with(&format!("{name}, línea {line}, campo «votos_elegibles»: dice 9")), "{err}");
    let (err, _, _) = refused(|c| c.replacen("aprobada = true", "aprobada = false", 1), "aprobada = true");
    assert!(err.contains("campo «aprobada»: con "), "{err}");
    let (err, _, _) =
        refused(|c| c.replacen("a_favor = ", "a_favor = 4000000000\nx_ = ", 1).replace("\nx_ = ", "\n#"), "a_favor = ");
    assert!(err.contains("campo «a_favor»: los votos contados (4000000"), "{err}");
}

#[test]
fn implausible_dates_reversed_periods_and_taken_ids_are_refused() {
    let (err, _, line) = refused(|c| c.replacen("inicio = \"2024-", "inicio = \"2204-", 1), "inicio = \"2024-");
    assert!(err.contains(&format!("línea {line}, campo «inicio»: la fecha 2204-")), "{err}");
    let (err, _, _) = refused(|c| c.replacen("anio = 2024", "anio = 1985", 1), "anio = 2024");
    assert!(err.contains("campo «anio»: año 1985 fuera de lo razonable: debe estar entre 1990 y"), "{err}");
    let (err, _, line) = refused(|c| c.replacen("designacion = \"20", "designacion = \"18", 1), "designacion = \"20");
    assert!(err.contains(&format!("línea {line}, campo «designacion»: la fecha 18")), "{err}");
    let (err, _, line) = refused(
        |c| c.replacen("periodo = \"1er semestre\"", "periodo = \"diciembre-marzo\"", 1),
        "periodo = \"1er semestre\"",
    );
    assert!(
        err.contains(&format!("línea {line}, campo «periodo»: el periodo «diciembre-marzo» termina antes de empezar")),
        "{err}"
    );
    let mut store = crate::demo::in_memory();
    let files = export(store.conn()).expect("export");
    let citdp = files.iter().position(|f| f.name.starts_with("citdp")).expect("the CITDP's file");
    let err = import(&mut store, &files[citdp..=citdp]).expect_err("ids in use").to_string();
    assert!(err.contains("campo «id»: el id 1 ya es del órgano «CITDP»"), "{err}");
}

#[test]
fn bad_bytes_and_deep_nesting_are_told_in_spanish() {
    let mut bytes = b"[[instituciones]]\nsiglas = \"SEGOB\"\nnombre = \"Secretar".to_vec();
    bytes.push(0xED);
    bytes.extend_from_slice(b"a\"\n");
    let err = utf8("latin1.toml", bytes).expect_err("not utf-8").to_string();
    assert_eq!(
        err,
        "latin1.toml, línea 3: el archivo no está en UTF-8 (byte 0xED en la columna 19); guárdelo con codificación UTF-8"
    );
    let deep = format!("x = {}{}\n", "[".repeat(200), "]".repeat(200));
    let mut store = Store::open_in_memory().expect("open");
    let err = import(&mut store, &[ExportFile { name: "hondo.toml".into(), content: deep }]).expect_err("too deep");
    assert!(err.to_string().starts_with("hondo.toml, línea 1: demasiados niveles anidados"), "{err}");
    let bom = ExportFile {
        name: "bom.toml".into(),
        content: "\u{feff}[[instituciones]]\nsiglas = \"X\"\nnombre = \"Equis\"\n".into(),
    };
    import(&mut store, &[bom]).expect("a byte-order mark is no error");
}
