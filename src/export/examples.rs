//! The examples in `docs/ejemplos/`: the acta, convocatoria and informe de gestión of each
//! style, generated from the demonstration data. The test fails when what the program prints
//! differs from them, so they stay true; `SECRETARIA_ACTUALIZAR_DOCS=1 cargo test ejemplos` rewrites
//! them.

use chrono::NaiveDate;

use super::minutes_doc::acta;
use super::reports::management_report;
use super::sources::Sources;
use crate::store::record::SessionRecord;
use crate::store::{Store, agenda, bodies, documents, sessions};

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

#[test]
fn ejemplos_de_honduras() {
    let mut store = crate::demo::in_memory();
    let acta = acta_text(&store, session_id(&store, "CICESCT", 61, 2026));
    assert!(acta.contains("Acta No. 061-2026"), "{acta}");
    assert!(acta.contains("### 6. Puntos varios") && !acta.contains("Asuntos generales"), "{acta}");
    assert!(acta.contains("en el Salón de Usos Múltiples"), "{acta}");
    // The CICESCT calls its secretariat «Secretaría Ejecutiva»; its documents do too.
    assert!(acta.contains("| Secretaría Ejecutiva — SE-CICESCT") && !acta.contains("Secretaría Técnica"), "{acta}");
    check("honduras", "acta", &acta);
    let id = session_id(&store, "CICESCT", 62, 2026);
    let notice = notice_text(&mut store, id);
    assert!(notice.contains("Tegucigalpa, M.D.C., 1 de diciembre de 2026"), "{notice}");
    assert!(notice.contains("el proyecto de acta de la Sexagésima Primera Sesión Ordinaria"), "{notice}");
    check("honduras", "convocatoria", &notice);
    let report = report_text(&store, "CICESCT");
    assert!(report.contains("De la Presidencia y la Secretaría Ejecutiva"), "{report}");
    check("honduras", "informe", &report);
}

/// The Honduran acta as a secretary edits it in an office suite: LibreOffice opens the DOCX
/// and lays it out over several pages, with the record's identifier, every institution's
/// name, and the signatures on the page of the sentence that introduces them.
#[test]
fn the_honduran_acta_opens_in_libreoffice_with_its_signatures_kept_together() {
    let store = crate::demo::in_memory();
    let id = session_id(&store, "CICESCT", 61, 2026);
    let a = acta(store.conn(), id).expect("acta");
    let docx =
        super::print::render(&a.document(), super::print::Format::Docx, super::document::Paper::Letter).expect("DOCX");
    let Some(pages) = super::libreoffice::pages(&docx) else { return };
    assert!(pages.len() >= 2, "an acta of this length fills more than a page: {pages:?}");
    let text = pages.join("\n");
    for phrase in ["Acta No. 061-2026", "Lista de asistencia", "Verificación del quórum", "Puntos varios"] {
        assert!(text.contains(phrase), "«{phrase}»:\n{text}");
    }
    let sentence = pages.iter().position(|p| p.contains("Para constancia, firman la presente acta:"));
    // The last page naming the signers: their names also appear in the attendance list.
    let signers = pages.iter().rposition(|p| p.contains("Karla Patricia Mejía Zelaya"));
    assert!(sentence.is_some(), "the signing sentence:\n{text}");
    assert_eq!(sentence, signers, "the signatures stay on the page of their sentence:\n{text}");
}
