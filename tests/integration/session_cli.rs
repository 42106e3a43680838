//! `sesion` and `sesiones`: a demo session run through the library, then read back by the
//! real binary.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use predicates::prelude::*;
use serde_json::Value;

use secretaria::domain::agreement::Deadline;
use secretaria::domain::body::MajorityRule;
use secretaria::domain::member::RepresentativeRole;
use secretaria::domain::quorum::Presence;
use secretaria::domain::session::SessionStatus;
use secretaria::domain::vote::{Tally, VoteMode};
use secretaria::ops::{self, Context, Op};
use secretaria::store::votes::{CountInput, Recount};
use secretaria::store::{Store, agenda, bodies, conduct, members, sessions};

use super::{bin, demo_db, stdout};

/// What the test did, to compare with what the binary prints.
struct Held {
    session: i64,
    present: u32,
    alternate: (String, String),
    justified: String,
    absent: (String, String),
}

/// Opens the convoked CITDP session of the demo, takes the roll call (one suplente, one
/// justified absence, titulares until quorum), moves to item 2, votes with a recount and
/// records an agreement.
fn hold_session(db: &Path) -> Held {
    let mut store = Store::open(db).expect("open");
    let conn = store.conn();
    let body = bodies::by_acronym(conn, "CITDP").expect("q").expect("CITDP");
    let filter = sessions::Filter { body: Some(body.id), ..Default::default() };
    let session = sessions::list(conn, &filter)
        .expect("q")
        .into_iter()
        .find(|s| s.status == SessionStatus::Convened)
        .expect("a convoked CITDP session in the demo");
    let date = session.schedule.date().expect("convoked sessions have a date");
    let at = |h: u32, m: u32| -> NaiveDateTime { date.and_hms_opt(h, m, 0).expect("valid") };
    let voting: Vec<_> =
        members::for_body(conn, body.id).expect("q").into_iter().filter(|m| m.rights.votes()).collect();
    let acronym = |inst: i64| -> String {
        secretaria::store::institutions::get(conn, inst).expect("q").expect("institution").acronym
    };
    let name = |m: i64, role| members::representative(conn, m, role).expect("q").map(|r| r.name).unwrap_or_default();
    let alternate = (acronym(voting[0].institution), name(voting[0].id, RepresentativeRole::Alternate));
    let justified = acronym(voting[1].institution);
    let last = voting.last().expect("members");
    let absent = (acronym(last.institution), name(last.id, RepresentativeRole::Titular));
    assert!(!alternate.1.is_empty() && !absent.1.is_empty(), "demo members have titular and suplente");
    let responsible = acronym(voting[0].institution);

    let id = session.id;
    let ctx = Context::for_tests("secretaria");
    let run = |store: &mut Store, op| ops::run(store, &ctx, op).expect("operation");
    let mark = |m: i64, presence, at: NaiveDateTime| Op::Mark { session: id, membership: m, presence, at: at.time() };
    run(&mut store, Op::OpenSession { session: id, at: at(10, 0), other_day: false });
    run(&mut store, mark(voting[0].id, Presence::Alternate, at(10, 2)));
    run(&mut store, mark(voting[1].id, Presence::Justified, at(10, 2)));
    for m in &voting[2..] {
        if conduct::quorum(store.conn(), id).expect("q").reached() {
            break;
        }
        run(&mut store, mark(m.id, Presence::Titular, at(10, 3)));
    }
    let q = conduct::quorum(store.conn(), id).expect("q");
    assert!(q.reached() && q.present < q.total, "quorum without everyone");
    let item = agenda::list(store.conn(), id).expect("q")[1].id;
    run(&mut store, Op::SetCurrentItem { session: id, item, at: at(10, 5) });
    let call = Op::CallVote {
        session: id,
        item,
        motion: "Aprobar el orden del día".into(),
        mode: VoteMode::Totals,
        rule: MajorityRule::Simple,
        at: at(10, 6),
    };
    let vote = run(&mut store, call).id.expect("vote");
    let first = Tally { for_: q.present - 2, against: 2, abstain: 0 };
    run(&mut store, Op::Count { vote, input: CountInput::Totals(first, None), recount: None, at: at(10, 7) });
    let second = Tally { for_: q.present - 1, against: 0, abstain: 1 };
    let recount = Recount { reason: "se omitió un voto a distancia".into(), requested_by: Some(voting[0].id) };
    run(&mut store, Op::Count { vote, input: CountInput::Totals(second, None), recount: Some(recount), at: at(10, 9) });
    let deadline = Deadline::Date(NaiveDate::from_ymd_opt(2027, 6, 30).expect("valid"));
    run(
        &mut store,
        Op::AdoptAgreement {
            session: id,
            item,
            vote: Some(vote),
            text: "Se aprueba el orden del día".into(),
            responsibles: vec![responsible],
            deadline,
            at: at(10, 10),
        },
    );
    Held { session: id, present: q.present, alternate, justified, absent }
}

fn row<'a>(json: &'a Value, siglas: &str) -> &'a Value {
    json["asistencia"].as_array().expect("asistencia").iter().find(|r| r["institucion"] == siglas).expect(siglas)
}

#[test]
fn sesion_json_has_the_whole_state() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let held = hold_session(&db);
    let id = held.session.to_string();
    let json: Value = serde_json::from_str(&stdout(bin(&db).args(["sesion", &id, "--json"]))).expect("json");

    assert_eq!(json["id"], held.session);
    assert_eq!((json["organo"].as_str(), json["estado"].as_str()), (Some("CITDP"), Some("en curso")));
    assert!(json["titulo"].as_str().expect("titulo").ends_with("Sesión Ordinaria"), "{}", json["titulo"]);
    let fecha = json["fecha"].as_str().expect("fecha");
    assert_eq!(json["inicio"], format!("{fecha}T10:00:00"));
    assert!(json["fin"].is_null());

    let suplente = row(&json, &held.alternate.0);
    assert_eq!(suplente["caracter"], "suplente");
    assert_eq!(suplente["representante"], held.alternate.1.as_str());
    assert_eq!((suplente["llegada"].as_str(), suplente["salida"].as_str()), (Some("10:02"), None));
    assert_eq!((suplente["vota"].as_bool(), suplente["derechos"].as_str()), (Some(true), Some("voz y voto")));
    assert_eq!(suplente["modalidad"], "presencial");
    assert!(suplente["nombre_institucion"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(row(&json, &held.justified)["caracter"], "justificada");
    let absent = row(&json, &held.absent.0);
    assert_eq!((absent["caracter"].as_str(), absent["llegada"].as_str()), (Some("ausente"), None));
    assert_eq!(absent["representante"], held.absent.1.as_str(), "the titular expected");
    let caracteres: Vec<&str> =
        json["asistencia"].as_array().expect("a").iter().filter_map(|r| r["caracter"].as_str()).collect();
    assert!(caracteres.iter().all(|c| ["titular", "suplente", "ausente", "justificada"].contains(c)));

    let q = &json["quorum"];
    assert_eq!((q["alcanzado"].as_bool(), q["presentes"].as_u64()), (Some(true), Some(u64::from(held.present))));
    assert_eq!((q["convocatoria"].as_str(), q["regla"].is_string()), (Some("primera"), true));
    assert!(q["requerido"].as_u64() <= q["presentes"].as_u64() && q["total"].as_u64() > q["presentes"].as_u64());

    let puntos = json["puntos"].as_array().expect("puntos");
    assert_eq!(puntos[1]["orden"], 2);
    assert_eq!((puntos[0]["actual"].as_bool(), puntos[1]["actual"].as_bool()), (Some(false), Some(true)));
    assert!(puntos[0]["fin"].is_string() && puntos[1]["fin"].is_null());
    let v = &puntos[1]["votaciones"][0];
    assert_eq!(v["mocion"], "Aprobar el orden del día");
    assert_eq!((v["modo"].as_str(), v["regla"].as_str()), (Some("económica"), Some("simple")));
    assert_eq!(v["votos_elegibles"], held.present);
    assert_eq!(v["elegibles"].as_array().expect("elegibles").len(), held.present as usize);
    assert!(v["elegibles"].as_array().expect("e").contains(&Value::from(held.alternate.0.as_str())));
    assert_eq!((v["resultado"].as_str(), v["voto_de_calidad"].as_bool()), (Some("aprobada"), Some(false)));
    let conteos = v["conteos"].as_array().expect("conteos");
    assert_eq!(conteos.len(), 2);
    assert_eq!((conteos[0]["vigente"].as_bool(), conteos[1]["vigente"].as_bool()), (Some(false), Some(true)));
    assert_eq!(
        (conteos[1]["a_favor"].as_u64(), conteos[1]["abstencion"].as_u64()),
        (Some(u64::from(held.present) - 1), Some(1))
    );
    assert_eq!(conteos[1]["hora"], format!("{fecha}T10:09:00"));
    assert_eq!(conteos[1]["quorum_presentes"], held.present);
    assert!(conteos[1]["explicacion"].as_str().is_some_and(|e| e.starts_with("Aprobada")));
    assert!(conteos[1].get("votos").is_none(), "ballots only for nominal votes");

    let acuerdo = &json["acuerdos"][0];
    assert!(acuerdo["numero"].as_str().is_some_and(|n| n.starts_with("CITDP/SO-") && n.ends_with("/01")), "{acuerdo}");
    assert_eq!(acuerdo["responsables"], serde_json::json!([held.alternate.0]));
    assert_eq!((acuerdo["plazo"].as_str(), acuerdo["estado"].as_str()), (Some("2027-06-30"), Some("pendiente")));
    assert_eq!(acuerdo["punto"], 2);
    assert_eq!(json["eventos"][0]["evento"], "abierta");
    assert_eq!(json["eventos"][0]["hora"], format!("{fecha}T10:00:00"));
}

#[test]
fn sesion_plain_text_reads_as_a_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let held = hold_session(&db);
    let text = stdout(bin(&db).args(["sesion", &held.session.to_string()]));
    for part in ["Órgano: CITDP", "Estado: en curso", "Quórum ", "· ✔", "Asistencia", "Orden del día", "Acuerdos"]
    {
        assert!(text.contains(part), "{part} in:\n{text}");
    }
    assert!(text.contains(&held.alternate.1) && text.contains("suplente") && text.contains("justificada"), "{text}");
    assert!(text.contains("  ▶  2. "), "current item marked:\n{text}");
    assert!(text.contains("Votación «Aprobar el orden del día»") && text.contains("APROBADA"), "{text}");
    assert!(text.contains("tras 1 recuento") && text.contains("CITDP/SO-"), "{text}");
}

#[test]
fn sesiones_lists_in_calendar_order_and_by_body() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let all: Value = serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--json"]))).expect("json");
    let all = all.as_array().expect("array");
    assert!(all.len() >= 80, "every demo session");
    for field in ["id", "organo", "titulo", "fecha", "estado", "tipo", "numero", "ventana"] {
        assert!(all.iter().all(|s| s.get(field).is_some()), "{field}");
    }
    let dates: Vec<&str> = all.iter().filter_map(|s| s["fecha"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "calendar order");
    assert!(all.iter().any(|s| s["fecha"].is_null() && s["ventana"].is_string()), "undated sessions too");

    let scc: Value =
        serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--organo", "scc", "--json"]))).expect("j");
    let scc = scc.as_array().expect("array");
    assert!(!scc.is_empty() && scc.iter().all(|s| s["organo"] == "SCC"));
    assert!(scc.len() < all.len());

    let text = stdout(bin(&db).args(["sesiones", "--organo", "CITDP"]));
    assert!(
        text.trim_start().starts_with("ID  FECHA") && text.contains("ESTADO") && text.contains("convocada"),
        "{text}"
    );
    bin(&db).args(["sesiones", "--organo", "NADA"]).assert().failure().stderr(predicate::str::contains("«NADA»"));
}

#[test]
fn unknown_session_is_a_spanish_error_and_help_is_spanish() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    bin(&db)
        .args(["sesion", "999999", "--json"])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("error: no existe la sesión 999999"));
    bin(&db).args(["sesion", "tres"]).assert().code(2).stderr(predicate::str::contains("valor «tres» no válido"));
    bin(&db).arg("sesion").assert().code(2).stderr(predicate::str::contains("falta un argumento obligatorio"));
    let help = stdout(bin(&db).args(["sesion", "--help"]));
    assert!(help.contains("Uso: secretaria sesion [OPCIONES] <SESION_ID>\n") && help.contains("Argumentos:"), "{help}");
    let help = stdout(bin(&db).args(["sesiones", "--help"]));
    assert!(help.contains("--organo <SIGLAS>") && !help.contains("Usage"), "{help}");
}

/// `abrir` on a day other than the scheduled one is refused without `--otro-dia` (and nothing
/// changes); with it, the session opens today on the body's clock and keeps the planned day
/// as «prevista».
#[test]
fn abrir_on_another_day_needs_otro_dia_and_keeps_the_planned_day() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(&dir);
    let all: Value = serde_json::from_str(&stdout(bin(&db).args(["sesiones", "--json"]))).expect("json");
    let today = chrono::Utc::now().date_naive();
    // A convoked session at least two days from today in any time zone.
    let (id, planned) = all
        .as_array()
        .expect("list")
        .iter()
        .filter(|s| s["estado"] == "convocada")
        .filter_map(|s| {
            let day = NaiveDate::parse_from_str(s["fecha"].as_str()?, "%Y-%m-%d").ok()?;
            ((day - today).num_days().abs() >= 2).then(|| (s["id"].as_i64().expect("id"), day))
        })
        .next()
        .expect("a convoked session of the demo away from today");
    let id_arg = id.to_string();
    let refused = bin(&db).args(["abrir", &id_arg]).output().expect("runs");
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("--otro-dia") && err.contains("prevista"), "{err}");
    let still: Value = serde_json::from_str(&stdout(bin(&db).args(["sesion", &id_arg, "--json"]))).expect("json");
    assert_eq!((still["estado"].as_str(), still["inicio"].is_null()), (Some("convocada"), true), "nothing changed");

    let opened: Value =
        serde_json::from_str(&stdout(bin(&db).args(["abrir", &id_arg, "--otro-dia", "--json"]))).expect("json");
    let held = NaiveDate::parse_from_str(opened["fecha"].as_str().expect("fecha"), "%Y-%m-%d").expect("date");
    assert!((held - today).num_days().abs() <= 1, "held today on the body's clock: {opened}");
    assert_eq!(opened["fecha_prevista"].as_str(), Some(planned.to_string().as_str()), "{opened}");
    let zone = opened["zona_horaria"].as_str().expect("zone").to_string();
    let now: Value = serde_json::from_str(&stdout(bin(&db).args(["sesion", &id_arg, "--json"]))).expect("json");
    assert_eq!(now["estado"].as_str(), Some("en curso"));
    assert_eq!(now["fecha"], opened["fecha"], "`sesion` tells the day it was held");
    assert_eq!(now["fecha_prevista"], opened["fecha_prevista"]);
    assert!(now["inicio"].as_str().is_some_and(|t| t.starts_with(&held.to_string())), "{now} ({zone})");
    // The hour it was convened for belonged to the other day: the calendar lists the hour it began.
    let began = now["inicio"].as_str().and_then(|t| t.get(11..16)).expect("HH:MM");
    assert_eq!(now["hora"].as_str(), Some(began), "{now}");
}
