use super::*;
use crate::store::{Store, bodies, sessions};

pub(crate) fn demo_session(acronym: &str, number: u32) -> (Store, SessionRecord) {
    let store = crate::demo::in_memory();
    let body = bodies::by_acronym(store.conn(), acronym).expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    let s =
        sessions::list(store.conn(), &filter).expect("q").into_iter().find(|s| s.number == number).expect("session");
    let r = SessionRecord::load(store.conn(), s.id).expect("record");
    (store, r)
}

fn acta_of(store: &Store, r: &SessionRecord) -> String {
    let sources = Sources::load(store.conn(), r, Vec::new()).expect("sources");
    generate(r, &sources)
}

#[test]
fn acta_of_the_demo_citdp_session() {
    let (store, r) = demo_session("CITDP", 21);
    let text = acta_of(&store, &r);
    insta::assert_snapshot!(text);
    let doc = super::super::markdown::parse(&text, true, None);
    assert_eq!(doc.title, "Acta de la Vigésima Primera Sesión Ordinaria");
    // One institution named: the verb is singular; observers by the invariable phrase.
    assert!(text.contains("Justificó su inasistencia: Secretaría de Turismo (SECTUR)."), "{text}");
    assert!(text.contains("No asistió: Instituto Nacional de Migración (INM)."), "{text}");
    assert!(
        text.contains(
            "Participó con estatus de observador: Organización Internacional para las Migraciones (OIM) (Enrique Ruiz Morales)."
        ),
        "{text}"
    );
    assert!(text.contains("Participaron con voz y sin voto: Dirección General"), "{text}");
}

#[test]
fn the_acta_says_what_a_secretary_writes() {
    let (store, r) = demo_session("CITDP", 21);
    let text = acta_of(&store, &r);
    for phrase in [
        "ACTA CITDP/SO-21/2024",
        "siendo las diez horas del día veinte de febrero de dos mil veinticuatro",
        "12 de las 15 instituciones con derecho a voto",
        "votación económica",
        "votación nominal",
        "que fue aprobada por unanimidad, con 12 votos a favor",
        "Firman al calce quienes intervinieron.",
        "No habiendo otro asunto que tratar, se dio por concluida la sesión siendo las trece horas con diez minutos",
    ] {
        assert!(text.contains(phrase), "missing «{phrase}»:\n{text}");
    }
    for wrong in ["moción", "por totales", "12 de 15 votos", "(s)", "siendo las —", " a 13:10 horas."] {
        assert!(!text.contains(wrong), "«{wrong}» should not be printed:\n{text}");
    }
    assert_eq!(text.matches("## Clausura").count(), 1, "Clausura once");
    assert!(
        !text.lines().any(|l| l.starts_with("### ") && l.ends_with(". Clausura")),
        "the Clausura item is not a second heading"
    );
    let unanimity = text.lines().find(|l| l.contains("«Aprobación del orden del día»")).expect("vote");
    assert_eq!(unanimity.matches("12").count(), 1, "the count given once: {unanimity}");
}

#[test]
fn recount_and_citation_appear() {
    let (store, r) = demo_session("SC-PP", 169);
    let citation =
        Citation { title: "Centésima Sexagésima Octava Sesión Ordinaria".into(), date: None, sha256: "ab12".into() };
    let sources = Sources::load(store.conn(), &r, vec![citation]).expect("sources");
    let text = generate(&r, &sources);
    assert!(text.contains("quedó sustituido"), "the superseded count is on record");
    assert!(text.contains("huella SHA-256 `ab12`"), "the approved acta is cited");
}

/// An item nobody dealt with is not printed as an empty heading; one opened and left
/// without anything said is noted as such, with no "De 20:49 a 20:49 horas".
#[test]
fn items_not_dealt_with_are_left_out() {
    let (store, mut r) = demo_session("CITDP", 21);
    let mut untouched = r.items[3].clone();
    untouched.id = -1;
    untouched.title = "Informe que no se presentó".into();
    untouched.notes = String::new();
    untouched.started_at = None;
    untouched.ended_at = None;
    let mut opened = untouched.clone();
    opened.id = -2;
    opened.title = "Punto abierto sin intervenciones".into();
    let t = r.items[3].started_at.expect("started");
    opened.started_at = Some(t);
    opened.ended_at = Some(t + chrono::Duration::minutes(2));
    r.items.insert(4, untouched);
    r.items.insert(5, opened);
    let text = acta_of(&store, &r);
    assert!(!text.lines().any(|l| l.starts_with("### ") && l.ends_with("Informe que no se presentó")), "{text}");
    let at = text.find("Punto abierto sin intervenciones\n\n").expect("the opened item");
    assert!(text[at..].starts_with("Punto abierto sin intervenciones\n\nSin asuntos que tratar.\n"), "{}", &text[at..]);
    assert!(!text.lines().any(|l| l.starts_with("De ") && l.ends_with(" horas.")), "no empty time span: {text}");
}

#[test]
fn the_city_is_said_once() {
    assert_eq!(
        venue("Secretaría de Derechos Humanos, Tegucigalpa", "Tegucigalpa, M.D.C."),
        "Secretaría de Derechos Humanos"
    );
    assert_eq!(venue("Oficinas Centrales del PANI, San José", "San José"), "Oficinas Centrales del PANI");
    assert_eq!(venue("Hotel San José Palacio", "San José"), "Hotel San José Palacio", "only a trailing «, ciudad»");
    assert_eq!(venue("Sala 3", ""), "Sala 3");
    assert_eq!(site_phrase("Tegucigalpa, Honduras"), "Tegucigalpa, Honduras", "a place name, no article");
    assert_eq!(site_phrase("Oficinas Centrales del PANI"), "las Oficinas Centrales del PANI");
    assert_eq!(site_phrase("Secretaría de Gobernación"), "la Secretaría de Gobernación");
    assert_eq!(capitalized("en Tegucigalpa"), "En Tegucigalpa");
}

/// Costa Rica: a member's reasons for its vote are transcribed as typed; a body whose
/// regulation has no firm agreements refuses them. (An agreement declared firm in a live
/// session is printed so: ops::tests_rules.)
#[test]
fn firm_agreements_and_reasoned_votes_are_transcribed() {
    use crate::ops::{Context, Op, run};
    use crate::store::documents::{ReasonKind, VoteReason};
    let (mut store, r) = demo_session("SC-PP", 169);
    let ctx = Context::for_tests("secretaria");
    let session = r.session.id;
    let nominal = r.votes.iter().find(|v| v.mode == crate::domain::vote::VoteMode::Nominal).expect("nominal");
    let mjp = r.roll.iter().find(|x| x.institution.acronym == "MJP").expect("MJP").membership.id;
    let typed = "Se abstiene hasta confirmar\nla disponibilidad presupuestaria <Viceministerio de Paz> #2.";
    let reason = VoteReason { membership: mjp, kind: ReasonKind::Reasoned, text: typed.into() };
    run(&mut store, &ctx, Op::RecordVoteReason { session, vote: nominal.id, reason }).expect("reason");
    let r = SessionRecord::load(store.conn(), session).expect("record");
    let text = acta_of(&store, &r);
    assert!(text.contains("**Voto razonado de MJP:**"), "{text}");
    let doc = crate::export::markdown::parse(&text, true, None);
    let printed = doc.blocks.iter().any(|b| match b {
        crate::export::document::Block::Paragraph(p) => p.iter().map(|i| i.text.as_str()).collect::<String>() == typed,
        _ => false,
    });
    assert!(printed, "the reasons as typed: {text}");
    let (mut citdp, c) = demo_session("CITDP", 21);
    let refused = run(&mut citdp, &ctx, Op::DeclareFirm { agreement: c.agreements[0].id });
    let err = refused.expect_err("CITDP has no firm agreements").to_string();
    assert!(err.contains("no prevé acuerdos firmes"), "{err}");
}

/// Every member present: the acta names them all, not «6 de las 6»; the motion read out is
/// quoted without the agreement's full stop.
#[test]
fn a_full_house_is_said_as_such() {
    let (store, r) = demo_session("GT-CAP", 19);
    assert_eq!(r.quorum.present, r.quorum.total, "the demo's 19ª of the GT-CAP had everyone");
    let text = acta_of(&store, &r);
    assert!(text.contains("verificó la asistencia de las 6 instituciones con derecho a voto"), "{text}");
    assert!(!text.contains("6 de las 6"), "{text}");
    assert!(!text.contains(".»"), "{text}");
}
