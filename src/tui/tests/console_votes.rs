//! Votes in the console: no form prefills a result, a vote left uncounted can be taken back,
//! a recount says why and who asked, and opening on another day asks first.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::prelude::*;
use super::{app, choose, form_error, key, keys, set_field};
use crate::domain::Labeled;
use crate::domain::session::SessionStatus;
use crate::domain::vote::VoteMode;
use crate::store::record::SessionRecord;
use crate::store::votes::Recount;
use crate::tui::app::{App, Modal};
use crate::tui::forms;
use crate::tui::strings;

/// The demo's next convoked session (SC-DPD) open in the console, its first five members
/// present and its second item current.
fn deliberating() -> App {
    let mut app = app();
    key(&mut app, KeyCode::Char('o'));
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen_id(), "consola");
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('t'));
    }
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    app
}

fn record(app: &App) -> &SessionRecord {
    &app.get::<ConsoleScreen>().expect("console").record
}

/// Every value of the fields named `field` (a nominal form has one «voto» per member).
fn form_value(app: &App, field: &str) -> Vec<String> {
    match &app.modal {
        Some(Modal::Form(f, _)) => f.fields.iter().filter(|x| x.key == field).map(|x| x.value()).collect(),
        _ => panic!("no form open"),
    }
}

/// «Aprobar el informe» called on the current item and counted 4 for, 1 against.
fn vote_four_to_one(app: &mut App) {
    key(app, KeyCode::Char('v'));
    keys(app, "Aprobar el informe");
    key(app, KeyCode::Enter);
    set_field(app, "a_favor", "4");
    set_field(app, "en_contra", "1");
    key(app, KeyCode::Enter);
}

/// The acta of the console's session as it stands.
fn acta_of(app: &App) -> String {
    let sources = crate::export::sources::Sources::load(app.env.store.conn(), record(app), Vec::new()).expect("q");
    crate::export::acta::generate(record(app), &sources)
}

fn last_op(app: &App) -> String {
    app.env.store.conn().query_row("SELECT op FROM bitacora ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).expect("q")
}

#[test]
fn opening_on_another_day_asks_and_records_both_days() {
    let mut app = app();
    let selected = calendar_of(&app).selected(&app.data).expect("next session").clone();
    let scheduled = selected.schedule.date().expect("a convoked session has its day");
    key(&mut app, KeyCode::Char('o'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else { panic!("opening asks first") };
    let today = app.env.session_now(selected.id).date();
    assert_ne!(scheduled, today, "the demo's next session is not today");
    assert!(question.starts_with("¿Abrir la ") && question.contains("Estaba prevista para el"), "{question}");
    assert!(question.contains("(la prevista se conserva)"), "{question}");
    key(&mut app, KeyCode::Char('s'));
    let r = record(&app);
    assert_eq!(r.session.status, SessionStatus::InProgress);
    assert_eq!((r.session.schedule.date(), r.session.scheduled_on), (Some(today), Some(scheduled)));
}

#[test]
fn an_approved_count_opens_no_form_and_the_next_key_is_a_key() {
    let mut app = deliberating();
    key(&mut app, KeyCode::Char('v'));
    keys(&mut app, "Aprobar el orden del día");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_value(&app, "a_favor"), [""], "a count starts empty");
    set_field(&mut app, "a_favor", "5");
    set_field(&mut app, "en_contra", "0");
    set_field(&mut app, "abstencion", "0");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "no form opens by itself");
    let (message, error) = app.status.clone().expect("said");
    assert!(!error && message.ends_with(strings::AGREEMENT_HINT), "{message}");
    key(&mut app, KeyCode::Char('c'));
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title == "Nuevo acuerdo"), "c asks for it");
    assert_eq!(form_value(&app, "texto"), ["Aprobar el orden del día"], "the motion, not the key");
}

#[test]
fn a_recount_starts_empty_and_says_why_and_who_asked() {
    let mut app = deliberating();
    vote_four_to_one(&mut app);
    app.env.advance(2);
    key(&mut app, KeyCode::Char('R'));
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title.starts_with("Recuento")));
    assert_eq!(form_value(&app, "a_favor"), [""], "nothing carried over");
    assert_eq!(form_value(&app, "solicitado_por"), [strings::NOT_CHOSEN]);
    set_field(&mut app, "a_favor", "3");
    set_field(&mut app, "en_contra", "2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("solicitado_por".into()), "who asked must be said");
    set_field(&mut app, "motivo", "corrección de captura");
    choose(&mut app, "solicitado_por", &format!("Secretaría Técnica {}", strings::RECOUNT_BY_SECRETARIAT));
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let vote = record(&app).votes.last().expect("vote").clone();
    assert_eq!(vote.counts.len(), 2);
    let why = Recount { reason: "corrección de captura".into(), requested_by: None };
    assert_eq!(vote.counts[1].recount.as_ref(), Some(&why));
    let acta = acta_of(&app);
    assert!(acta.contains("La Secretaría Técnica corrigió el conteo (motivo: corrección de captura)"), "{acta}");
    assert!(!acta.contains("A solicitud de"), "a correction is not a request");
}

#[test]
fn a_nominal_form_starts_with_nobody_voting() {
    let mut app = deliberating();
    key(&mut app, KeyCode::Char('v'));
    keys(&mut app, "Aprobar la agenda de trabajo");
    choose(&mut app, "modo", VoteMode::Nominal.label());
    key(&mut app, KeyCode::Enter);
    let ballots = form_value(&app, "voto");
    assert_eq!(ballots.len(), 5, "one per member present with vote");
    assert!(ballots.iter().all(|b| b == strings::NOT_CHOSEN), "{ballots:?}");
    key(&mut app, KeyCode::Enter);
    let (field, message) = form_error(&app).expect("nobody chosen");
    assert_eq!(field, "voto");
    assert!(message.starts_with("falta el voto de "), "{message}");
    assert!(record(&app).votes.last().expect("vote").counts.is_empty(), "nothing counted");
}

#[test]
fn the_casting_vote_is_never_prefilled() {
    let voters = [(1, "A".to_string()), (2, "B".to_string())];
    let f = forms::CountForm {
        vote: 1,
        motion: "m",
        mode: VoteMode::Totals,
        voters: &voters,
        casting: true,
        secretariat: "Secretaría Técnica",
    };
    let form = forms::count_form(&f, None);
    assert_eq!(form.value("voto_de_calidad"), strings::NOT_CHOSEN);
    assert_eq!((form.value("a_favor"), form.value("en_contra")), (String::new(), String::new()));
    let without = forms::CountForm { casting: false, ..f };
    assert!(forms::count_form(&without, None).fields.iter().all(|x| x.key != "voto_de_calidad"));
}

#[test]
fn an_uncounted_vote_is_taken_back_with_x() {
    let mut app = deliberating();
    key(&mut app, KeyCode::Char('X'));
    assert_eq!(app.status.clone().map(|s| s.0), Some(strings::NO_UNCOUNTED_VOTE.to_string()));
    key(&mut app, KeyCode::Char('v'));
    keys(&mut app, "Aprobar el acta");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.status.clone().map(|s| s.0), Some(strings::UNCOUNTED_HINT.to_string()));
    assert_eq!(record(&app).votes.len(), 1);
    key(&mut app, KeyCode::Char('X'));
    assert!(record(&app).votes.is_empty(), "taken back");
    assert_eq!(last_op(&app), "remove_vote");
    assert_eq!(app.status.clone().map(|s| s.0), Some(strings::VOTE_REMOVED.to_string()));
}

#[test]
fn firme_is_declared_once_where_the_reglamento_allows_it() {
    let mut app = deliberating();
    key(&mut app, KeyCode::Char('c'));
    set_field(&mut app, "texto", "Remitir el informe");
    set_field(&mut app, "responsables", "PANI");
    set_field(&mut app, "plazo", "2026-12-15");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    // The CONACOES subcommissions follow the LGAP (arts. 56-57): «F» declares it firme, once.
    key(&mut app, KeyCode::Char('F'));
    let (message, error) = app.status.clone().expect("said");
    assert!(!error && message.contains("declarado firme"), "{message}");
    assert!(record(&app).agreements[0].firm);
    key(&mut app, KeyCode::Char('F'));
    let (message, error) = app.status.clone().expect("refused");
    assert!(error && message.contains("No hay en ese punto un acuerdo que declarar firme"), "{message}");
}

/// Costa Rica: a member gives reasons for its vote («z»); the acta transcribes them as typed.
#[test]
fn a_voto_razonado_is_recorded_after_the_count_and_printed_as_typed() {
    let mut app = deliberating();
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.status.clone().map(|s| s.0), Some(strings::NO_VOTE_TO_REASON.to_string()), "nothing counted");
    vote_four_to_one(&mut app);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(form_value(&app, "integrante"), [strings::NOT_CHOSEN.to_string()], "nobody chosen for the secretary");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("integrante".into()));
    let siglas = record(&app).roll[1].institution.acronym.clone();
    choose(&mut app, "integrante", &siglas);
    choose(&mut app, "tipo", "voto salvado");
    let typed = "Vota en contra: el informe no incluye <datos> de 2025 | *pendientes*";
    set_field(&mut app, "motivo", typed);
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert_eq!(last_op(&app), "record_vote_reason");
    let acta = acta_of(&app);
    assert!(acta.contains("**Voto salvado de "), "{acta}");
    let doc = crate::export::markdown::parse(&acta, true, None);
    let printed = doc.blocks.iter().any(|b| match b {
        crate::export::document::Block::Paragraph(p) => p.iter().map(|i| i.text.as_str()).collect::<String>() == typed,
        _ => false,
    });
    assert!(printed, "the reasons as typed: {acta}");
}

/// Reasons of several paragraphs: Alt+Intro breaks the line in the field (Intro still saves),
/// and the break is stored and printed.
#[test]
fn reasons_keep_their_line_breaks() {
    let mut app = deliberating();
    vote_four_to_one(&mut app);
    key(&mut app, KeyCode::Char('z'));
    let siglas = record(&app).roll[1].institution.acronym.clone();
    choose(&mut app, "integrante", &siglas);
    set_field(&mut app, "motivo", "Primera razón.");
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    assert!(matches!(app.modal, Some(Modal::Form(..))), "Alt+Intro does not save");
    keys(&mut app, "Segunda razón.");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let stored: String =
        app.env.store.conn().query_row("SELECT text FROM vote_reasons", [], |r| r.get(0)).expect("stored");
    assert_eq!(stored, "Primera razón.\nSegunda razón.");
    let acta = acta_of(&app);
    // A hard line break (PDF, DOCX and HTML print it as one: see `export::verbatim_tests`).
    let printed = acta.contains("Primera razón.\\\nSegunda razón.");
    assert!(printed, "two lines, not one: {acta}");
}

#[test]
fn a_body_without_reasoned_votes_says_so() {
    let mut app = app();
    let id = {
        let conn = app.env.store.conn();
        let citdp = crate::store::bodies::by_acronym(conn, "CITDP").expect("q").expect("CITDP").id;
        let filter = crate::store::sessions::Filter { body: Some(citdp), ..Default::default() };
        let list = crate::store::sessions::list(conn, &filter).expect("q");
        list.into_iter().find(|s| s.number == 21).expect("21").id
    };
    app.open_session(id);
    assert_eq!(app.screen_id(), "consola");
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.status.clone().map(|s| s.0), Some(strings::NO_DISSENT_REASONS.to_string()));
}
