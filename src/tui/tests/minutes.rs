//! The acta screen driven through keys: the whole approval cycle and printing.

use ratatui::crossterm::event::KeyCode;

use super::prelude::*;
use super::{app, form_error, key, keys, render, set_field};
use crate::domain::minutes::MinutesStatus;
use crate::store::{bodies, minutes, sessions};
use crate::tui::app::{App, Modal};

fn session_of(app: &App, acronym: &str, number: u32) -> i64 {
    let body = bodies::by_acronym(app.env.store.conn(), acronym).expect("q").expect("body").id;
    let filter = sessions::Filter { body: Some(body), ..Default::default() };
    sessions::list(app.env.store.conn(), &filter)
        .expect("q")
        .into_iter()
        .find(|s| s.number == number)
        .expect("session")
        .id
}

/// The demo leaves the acta of this replayed session as a draft.
fn draft_session(app: &App) -> i64 {
    session_of(app, "SC-PP", 169)
}

/// The demo approves the acta of this one.
fn citdp_21(app: &App) -> i64 {
    session_of(app, "CITDP", 21)
}

fn stored(app: &App, id: i64) -> minutes::Minutes {
    minutes::get(app.env.store.conn(), id).expect("q").expect("acta")
}

#[test]
fn the_approval_cycle_through_the_screen() {
    let mut app = app();
    let id = draft_session(&app);
    app.open_minutes(id);
    assert_eq!(app.screen_id(), "acta");
    // A Costa Rican subcommission calls its record a minuta.
    assert!(stored(&app, id).text.starts_with("# Minuta de la Centésima Sexagésima Novena Sesión Ordinaria"));
    insta::assert_snapshot!("minutes_100x30", render(&app, 100, 30));

    key(&mut app, KeyCode::Char('i'));
    key(&mut app, KeyCode::End);
    keys(&mut app, " Texto agregado por la Secretaría.");
    key(&mut app, KeyCode::Esc);
    assert!(
        stored(&app, id).text.contains("Texto agregado por la Secretaría."),
        "saved on leaving the editor: {:?} {:?}",
        app.status,
        stored(&app, id).text.lines().next()
    );

    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, id).status, MinutesStatus::Sent);
    key(&mut app, KeyCode::Char('o'));
    set_field(&mut app, "institucion", "PANI");
    set_field(&mut app, "observacion", "Precisar el nombre de la unidad administrativa.");
    key(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, id).status, MinutesStatus::Observations);

    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Enter);
    let (_, message) = form_error(&app).expect("undecided observation");
    assert!(message.contains("sin decidir"), "{message}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let approved = stored(&app, id);
    assert_eq!(approved.status, MinutesStatus::Approved);
    assert_eq!(approved.sha256.as_deref(), Some(crate::domain::minutes::sha256_hex(&approved.text).as_str()));

    key(&mut app, KeyCode::Char('i'));
    assert!(app.status.as_ref().is_some_and(|(m, e)| *e && m.contains("definitiva")), "{:?}", app.status);
    assert!(!app.get::<MinutesScreen>().is_some_and(|m| m.editing));

    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('F'));
    key(&mut app, KeyCode::Enter);
    let errata = minutes::errata(app.env.store.conn(), id).expect("q");
    assert!(errata.len() == 1 && errata[0].sha256.is_some());
    insta::assert_snapshot!("minutes_approved_80x24", render(&app, 80, 24));
}

#[test]
fn the_demo_acta_is_final() {
    let mut app = app();
    let id = citdp_21(&app);
    app.open_minutes(id);
    let m = stored(&app, id);
    assert_eq!(m.status, MinutesStatus::Approved);
    key(&mut app, KeyCode::Char('i'));
    assert!(app.status.as_ref().is_some_and(|(msg, e)| *e && msg.contains("definitiva")), "{:?}", app.status);
    let printed = crate::export::minutes_doc::acta(app.env.store.conn(), id).expect("acta");
    assert!(!printed.draft);
    assert!(printed.footer.is_some_and(|f| f.contains(m.sha256.as_deref().unwrap_or("?"))));
}

#[test]
fn printing_writes_the_chosen_format_and_reports_bad_paths() {
    let mut app = app();
    let id = citdp_21(&app);
    app.open_minutes(id);
    let dir = tempfile::tempdir().expect("tmp");
    key(&mut app, KeyCode::Char('p'));
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title == "Imprimir el acta"));
    set_field(&mut app, "archivo", "/proc/no/existe/acta.pdf");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("archivo".into()));
    let path = dir.path().join("acta-21");
    set_field(&mut app, "archivo", &path.display().to_string());
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let pdf = std::fs::read(dir.path().join("acta-21.pdf")).expect("pdf written with its extension");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn issuing_a_convocatoria_warns_when_late_and_convokes() {
    let mut app = app();
    // The next programada session with a date, a few days from the test's today.
    let next = app
        .data
        .sessions
        .iter()
        .find(|s| s.status == crate::domain::session::SessionStatus::Scheduled && s.schedule.date().is_some())
        .expect("a scheduled session")
        .clone();
    select_session(&mut app, next.id);
    key(&mut app, KeyCode::Char('c'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else { panic!("asks first") };
    assert!(question.contains("¿Emitir hoy la convocatoria"), "{question}");
    let days = (next.schedule.date().expect("date") - app.env.today).num_days();
    assert_eq!(question.contains("ATENCIÓN"), days < 5, "{question}");
    key(&mut app, KeyCode::Char('s'));
    let s = sessions::get(app.env.store.conn(), next.id).expect("q").expect("s");
    assert_eq!(s.status, crate::domain::session::SessionStatus::Convened);
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title == "Imprimir la convocatoria"));
    let dir = tempfile::tempdir().expect("tmp");
    set_field(&mut app, "archivo", &dir.path().join("convocatoria.md").display().to_string());
    super::focus_field(&mut app, "formato");
    for _ in 0..3 {
        app.apply(crate::tui::keymap::Action::FormChoiceNext);
    }
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(dir.path().join("convocatoria.md")).expect("written");
    assert!(text.starts_with("# Subcomisión de Promoción y Prevención\n"), "the letterhead: {text}");
    assert!(text.contains("Asunto: Convocatoria a la Centésima Septuagésima Tercera Sesión Ordinaria."), "{text}");
    assert!(!text.contains("[número de oficio]"), "no placeholder: {text}");
    assert!(
        app.status.as_ref().is_some_and(|(m, _)| m.contains("no tiene número de oficio")),
        "the missing oficio number is said: {:?}",
        app.status
    );
    assert!(!text.contains("BORRADOR"), "issued, so not a draft");
    let ics = std::fs::read_to_string(dir.path().join("convocatoria.ics")).expect("invitation written beside it");
    assert!(ics.contains("BEGIN:VEVENT"));
}
