//! The document data of a body (`o` in Órganos) and of a session's convocatoria (`x` in the
//! calendar): typed in forms, refused with the field at fault, stored exactly as typed.

use ratatui::crossterm::event::KeyCode;

use super::{app, bodies_of, calendar_of, form_error, key, select_session, set_field};
use crate::tui::app::Modal;

#[test]
fn a_body_s_document_conventions_are_edited_in_a_form() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    let body = bodies_of(&app).selected_body(&app.data).expect("a body").clone();
    key(&mut app, KeyCode::Char('o'));
    assert!(
        matches!(&app.modal, Some(Modal::Form(f, _)) if f.title == format!("Documentos del órgano · {}", body.acronym)),
        "the form opens"
    );
    set_field(&mut app, "patron_acta", "Acta {anio}");
    key(&mut app, KeyCode::Enter);
    let (field, message) = form_error(&app).expect("refused");
    assert_eq!(field, "patron_acta");
    assert!(message.contains("número de la sesión"), "{message}");
    set_field(&mut app, "patron_acta", "Acta {siglas}-{sesion:02}/{anio}");
    set_field(&mut app, "sala", "Salón <Juárez> #2 | *planta baja*");
    set_field(&mut app, "gestion_desde", "2025-01-01");
    set_field(&mut app, "gestion_hasta", "");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("gestion_hasta".into()), "a term has both ends");
    set_field(&mut app, "gestion_hasta", "2026-12-31");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", form_error(&app));
    let d = crate::store::documents::body(app.env.store.conn(), body.id).expect("q");
    assert_eq!(d.record_pattern, "Acta {siglas}-{sesion:02}/{anio}");
    assert_eq!(d.room, "Salón <Juárez> #2 | *planta baja*", "stored as typed");
    assert!(d.term.is_some());
}

#[test]
fn a_convocatoria_s_oficio_and_annexes_are_edited_in_a_form() {
    let mut app = app();
    let next = calendar_of(&app).selected(&app.data).expect("the next session").clone();
    select_session(&mut app, next.id);
    key(&mut app, KeyCode::Char('x'));
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title.starts_with("Datos de la convocatoria · ")));
    set_field(&mut app, "confirmar_antes", "31 de febrero");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("confirmar_antes".into()));
    set_field(&mut app, "confirmar_antes", "");
    set_field(&mut app, "oficio", "SEGOB/UDDH/0999/2026");
    set_field(&mut app, "anexos", "Informe de avance; Propuesta de calendario");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", form_error(&app));
    let d = crate::store::documents::session(app.env.store.conn(), next.id).expect("q");
    assert_eq!(d.notice_ref, "SEGOB/UDDH/0999/2026");
    assert_eq!(d.annex_list(), ["Informe de avance", "Propuesta de calendario"]);
}

/// A body that calls its Secretaría Técnica otherwise is shown so in Órganos: the demo's
/// CICESCT has a «Secretaría Ejecutiva», and a name typed in its Documentos form shows at once.
#[test]
fn the_secretariat_is_shown_by_the_body_s_own_name() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(bodies_of(&app).selected_body(&app.data).map(|b| b.acronym.as_str()), Some("CICESCT"));
    key(&mut app, KeyCode::Enter);
    let screen = super::render(&app, 100, 30);
    assert!(screen.contains("Secretaría Ejecutiva ·"), "{screen}");
    assert!(!screen.contains("Secretaría Técnica ·"), "{screen}");
    key(&mut app, KeyCode::Char('o'));
    set_field(&mut app, "nombre_secretaria", "Secretaría Permanente");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", form_error(&app));
    let screen = super::render(&app, 100, 30);
    assert!(screen.contains("SE-CICESCT   Secretaría Permanente"), "{screen}");
}
