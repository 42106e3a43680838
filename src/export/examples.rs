//! The examples in `docs/ejemplos/`: the acta, convocatoria and informe de gestión of each
//! style, generated from the demonstration data. The test fails when what the program prints
//! differs from them, so they stay true; `SECRETARIA_ACTUALIZAR_DOCS=1 cargo test ejemplos` rewrites
//! them. Honduras' CICESCT comes from `examples/cicesct.toml` while the demo has no CICESCT.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::minutes_doc::acta;
use super::reports::management_report;
use super::sources::Sources;
use crate::domain::quorum::Presence;
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::ops::{self, Context, ImportFile, Op};
use crate::store::record::SessionRecord;
use crate::store::votes::CountInput;
use crate::store::{Store, agenda, bodies, documents, members, sessions};

/// The day the convocatorias are dated and the informes generated.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid")
}

fn session_id(store: &Store, acronym: &str, number: u32, year: i32) -> i64 {
    let body = bodies::by_acronym(store.conn(), acronym).expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    sessions::list(store.conn(), &filter)
        .expect("q")
        .into_iter()
        .find(|s| s.number == number && s.schedule.year() == year)
        .unwrap_or_else(|| panic!("{acronym} {number}/{year}"))
        .id
}

fn acta_text(store: &Store, id: i64) -> String {
    acta(store.conn(), id).expect("acta").markdown
}

fn notice_text(store: &mut Store, id: i64) -> String {
    crate::ops::testing::write(store, |tx| agenda::ensure(tx, id)).expect("agenda");
    let r = SessionRecord::load(store.conn(), id).expect("record");
    let sources = Sources::load(store.conn(), &r, Vec::new()).expect("sources");
    super::convocatoria::generate(&r, &sources, today())
}

fn report_text(store: &Store, acronym: &str) -> String {
    let body = bodies::by_acronym(store.conn(), acronym).expect("q").expect("body").id;
    let (from, to) = documents::body(store.conn(), body).expect("q").term.expect("a term of office");
    super::md::render(&management_report(store.conn(), body, false, from, to, today()).expect("informe"))
}

/// Compares `text` with `docs/ejemplos/{dir}/{name}.md`, or writes it when asked.
fn check(dir: &str, name: &str, text: &str) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ejemplos").join(dir).join(format!("{name}.md"));
    if std::env::var_os("SECRETARIA_ACTUALIZAR_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "{} no coincide con lo que imprime el programa; revise y regenere con SECRETARIA_ACTUALIZAR_DOCS=1",
        path.display()
    );
}

#[test]
fn ejemplos_de_mexico() {
    let mut store = crate::demo::in_memory();
    let acta = acta_text(&store, session_id(&store, "CITDP", 21, 2024));
    assert!(acta.contains("ACTA CITDP/SO-21/2024"), "{acta}");
    assert!(acta.contains("En la Ciudad de México, en la Sala de Juntas"), "{acta}");
    assert!(acta.contains("## Hoja de firmas"));
    check("mexico", "acta", &acta);
    let id = session_id(&store, "CITDP", 29, 2026);
    let notice = notice_text(&mut store, id);
    assert!(notice.contains("Ciudad de México, a 1 de diciembre de 2026"), "{notice}");
    check("mexico", "convocatoria", &notice);
    let report = report_text(&store, "CITDP");
    assert!(report.contains("PERIODO DE GESTIÓN"), "{report}");
    check("mexico", "informe", &report);
}

#[test]
fn ejemplos_de_costa_rica() {
    let mut store = crate::demo::in_memory();
    let sc_pp = session_id(&store, "SC-PP", 169, 2026);
    assert_eq!(acta(store.conn(), sc_pp).expect("acta").document().language, "es-CR", "Word spells it as Costa Rica");
    let acta = acta_text(&store, sc_pp);
    assert!(acta.contains("Minuta N.° 169-2026"), "{acta}");
    assert!(acta.contains("al ser las nueve horas"), "{acta}");
    assert!(acta.contains("en las Oficinas Centrales del Patronato"), "{acta}");
    // A subcommission's minuta is conducted and signed by its Coordinación.
    assert!(acta.contains("La Coordinación verificó la asistencia de 7 de las 9 instituciones"), "{acta}");
    assert!(acta.contains("María José Villalobos Vindas | Coordinación — PANI"), "{acta}");
    assert!(!acta.contains("ninguna abstenciones") && acta.contains("ninguna abstención"), "{acta}");
    check("costa-rica", "acta", &acta);
    let id = session_id(&store, "CONACOES", 120, 2026);
    let notice = notice_text(&mut store, id);
    assert!(notice.contains("San José, 1 de diciembre de 2026"), "{notice}");
    check("costa-rica", "convocatoria", &notice);
    let report = report_text(&store, "CONACOES");
    check("costa-rica", "informe", &report);
}

#[test]
fn ejemplos_regionales() {
    let mut store = crate::demo::in_memory();
    let acta = acta_text(&store, session_id(&store, "CORETT", 32, 2025));
    assert!(acta.contains("| País |"), "{acta}");
    assert!(acta.contains("los países miembros"), "{acta}");
    assert!(acta.contains("\n\nEn Tegucigalpa, Honduras, siendo las diez horas del día doce de junio"), "{acta}");
    check("regional", "acta", &acta);
    let id = session_id(&store, "CORETT", 38, 2026);
    let notice = notice_text(&mut store, id);
    // The Secretaría Técnica convokes on the instructions of whoever conducts.
    assert!(notice.contains("por instrucciones de la Presidencia, me permito convocarle"), "{notice}");
    check("regional", "convocatoria", &notice);
    check("regional", "informe", &report_text(&store, "CORETT"));
}

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 12).and_then(|d| d.and_hms_opt(h, m, 0)).expect("valid")
}

/// The Tercera Sesión Ordinaria of the CICESCT, held as a secretary would record it.
fn honduras() -> Store {
    let mut store = crate::demo::in_memory();
    let ctx = Context::for_tests("secretaria");
    if bodies::by_acronym(store.conn(), "CICESCT").expect("q").is_none() {
        let file = ImportFile::new("cicesct.toml", include_str!("examples/cicesct.toml"));
        ops::run(&mut store, &ctx, Op::Import { files: vec![file] }).expect("import");
    }
    let id = session_id(&store, "CICESCT", 3, 2026);
    let body = bodies::by_acronym(store.conn(), "CICESCT").expect("q").expect("CICESCT").id;
    let seat = |store: &Store, siglas: &str| {
        members::for_body(store.conn(), body)
            .expect("q")
            .into_iter()
            .find(|m| {
                crate::store::institutions::get(store.conn(), m.institution)
                    .ok()
                    .flatten()
                    .is_some_and(|i| i.acronym == siglas)
            })
            .expect(siglas)
            .id
    };
    let run = |store: &mut Store, op| ops::run(store, &ctx, op).expect("op");
    run(&mut store, Op::OpenSession { session: id, at: at(9, 5), other_day: false });
    for (siglas, presence, m) in [
        ("SEDH", Presence::Titular, 5),
        ("ST-CICESCT", Presence::Titular, 5),
        ("SRECI", Presence::Titular, 6),
        ("MP", Presence::Alternate, 8),
        ("SEDS", Presence::Titular, 9),
        ("DINAF", Presence::Titular, 10),
        ("INM-HN", Presence::Justified, 10),
    ] {
        let membership = seat(&store, siglas);
        run(
            &mut store,
            Op::Mark { session: id, membership, presence, at: NaiveTime::from_hms_opt(9, m, 0).expect("t") },
        );
    }
    let items = agenda::list(store.conn(), id).expect("q");
    let notes = [
        (
            0,
            "La Secretaría Ejecutiva informó la asistencia de cinco de las seis instituciones con derecho a voto.\nEl INM justificó su inasistencia.",
        ),
        (1, "Se dio lectura al orden del día circulado con la convocatoria."),
    ];
    for (i, text) in notes {
        let item = &items[i];
        run(&mut store, Op::SetCurrentItem { session: id, item: item.id, at: at(9, 12 + i as u32 * 5) });
        run(&mut store, Op::SaveNotes { item: item.id, base: item.notes_version, text: text.into() });
    }
    let item = items[1].id;
    let vote = run(
        &mut store,
        Op::CallVote {
            session: id,
            item,
            motion: "Aprobación del orden del día".into(),
            mode: VoteMode::Totals,
            rule: crate::domain::body::MajorityRule::Simple,
            at: at(9, 18),
        },
    )
    .id
    .expect("vote");
    let tally = Tally { for_: 5, against: 0, abstain: 0 };
    run(&mut store, Op::Count { vote, input: CountInput::Totals(tally, None::<Ballot>), recount: None, at: at(9, 19) });
    let closing = crate::domain::style::DocStyle::Honduras.closing_item();
    let general = items.iter().find(|i| i.title == closing).expect("Puntos varios");
    run(&mut store, Op::SetCurrentItem { session: id, item: general.id, at: at(9, 25) });
    run(&mut store, Op::AdoptAgreement {
        session: id,
        item: general.id,
        vote: None,
        text: "La Secretaría Ejecutiva remitirá a las instituciones integrantes el calendario de la campaña «Corazón Azul» 2026.".into(),
        responsibles: vec!["ST-CICESCT".into()],
        deadline: crate::domain::agreement::Deadline::Date(NaiveDate::from_ymd_opt(2026, 3, 31).expect("d")),
        at: at(9, 40),
    });
    run(&mut store, Op::Close { session: id, at: at(10, 15) });
    store
}

#[test]
#[ignore = "el demo ya trae la CICESCT (sesiones 57ª a 63ª) y el ejemplo sostiene una «3ª sesión» de examples/cicesct.toml: falta reescribir el ejemplo sobre la 62ª"]
fn ejemplos_de_honduras() {
    let mut store = honduras();
    let acta = acta_text(&store, session_id(&store, "CICESCT", 3, 2026));
    assert!(acta.contains("Acta No. 003-2026"), "{acta}");
    assert!(acta.contains("Puntos varios") && !acta.contains("Asuntos generales"), "{acta}");
    check("honduras", "acta", &acta);
    let id = session_id(&store, "CICESCT", 4, 2026);
    let notice = notice_text(&mut store, id);
    assert!(notice.contains("Tegucigalpa, M.D.C., 1 de diciembre de 2026"), "{notice}");
    check("honduras", "convocatoria", &notice);
    check("honduras", "informe", &report_text(&store, "CICESCT"));
}
