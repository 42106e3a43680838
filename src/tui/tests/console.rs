//! The session console driven through keys: roll call, quorum, agenda, notes, votes,
//! recounts, agreements, recess, closing and reopening.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;

use super::prelude::*;
use super::{app, focus_field, form_error, key, keys, render, set_field};
use crate::domain::quorum::Call;
use crate::domain::session::SessionStatus;
use crate::store::record::SessionRecord;
use crate::store::sessions;
use crate::tui::app::{App, Modal};
use crate::tui::keymap::Action;

/// The demo app with the next convoked session (SC-DPD, six members with vote) open in the
/// console.
fn console() -> App {
    let mut app = app();
    let selected = calendar_of(&app).selected(&app.data).expect("next session").clone();
    assert_eq!(selected.status, SessionStatus::Convened);
    key(&mut app, KeyCode::Char('o'));
    assert!(matches!(app.modal, Some(Modal::Confirm { .. })), "opening asks first");
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen_id(), "consola");
    app
}

fn record(app: &App) -> &SessionRecord {
    &app.get::<ConsoleScreen>().expect("console").record
}

/// Marks the first `n` rows: titular, except the second (suplente).
fn roll_call(app: &mut App, n: usize) {
    for i in 0..n {
        key(app, KeyCode::Char(if i == 1 { 's' } else { 't' }));
    }
}

#[test]
fn opening_records_the_start_and_builds_the_agenda() {
    let app = console();
    let r = record(&app);
    assert_eq!(r.session.status, SessionStatus::InProgress);
    assert_eq!(r.conduct.started_at, Some(app.env.session_now(r.session.id)));
    assert_eq!(r.items.len(), 5);
    assert_eq!(r.items[0].title, "Lista de asistencia y verificación del quórum");
    let stored = sessions::get(app.env.store.conn(), r.session.id).expect("q").expect("s");
    assert_eq!(stored.status, SessionStatus::InProgress, "written at once");
}

#[test]
fn quorum_follows_every_mark_and_guards_deliberation() {
    let mut app = console();
    assert_eq!(record(&app).quorum.indicator(), "Quórum 0/6 · requerido 4 · ✘");
    roll_call(&mut app, 3);
    assert_eq!(record(&app).quorum.indicator(), "Quórum 3/6 · requerido 4 · ✘");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let (message, error) = app.status.clone().expect("refused");
    assert!(error && message.contains("no hay quórum (3/6, se requieren 4)"), "{message}");
    assert_eq!(record(&app).current_item().map(|i| i.position), Some(1));
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('t'));
    let q = record(&app).quorum;
    assert_eq!((q.present, q.reached()), (4, true));
    let justified = record(&app).roll[3].entry.as_ref().expect("entry").mark.presence;
    assert_eq!(justified, crate::domain::quorum::Presence::Justified);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    assert_eq!(record(&app).current_item().map(|i| i.position), Some(2));
    insta::assert_snapshot!("console_80x24", render(&app, 80, 24));
}

#[test]
fn second_call_after_the_wait() {
    let mut app = console();
    roll_call(&mut app, 2);
    app.env.advance(2 * 24 * 60 + 10);
    key(&mut app, KeyCode::Char('S'));
    assert!(
        app.status.as_ref().is_some_and(|(m, e)| *e && m.contains("no prevé segunda convocatoria")),
        "{:?}",
        app.status
    );
    assert_eq!(record(&app).conduct.call, Call::First);
}

#[test]
fn vote_recount_and_agreement_in_one_flow() {
    let mut app = console();
    roll_call(&mut app, 5);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('v'));
    keys(&mut app, "Aprobar el orden del día");
    key(&mut app, KeyCode::Enter);
    set_field(&mut app, "a_favor", "6");
    key(&mut app, KeyCode::Enter);
    let (field, message) = form_error(&app).expect("six votes from five present");
    assert_eq!(field, "a_favor");
    assert!(message.contains("superan"), "{message}");
    set_field(&mut app, "a_favor", "3");
    set_field(&mut app, "en_contra", "2");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "approved: no form opens by itself");
    app.env.advance(3);
    key(&mut app, KeyCode::Char('R'));
    set_field(&mut app, "a_favor", "2");
    set_field(&mut app, "en_contra", "3");
    set_field(&mut app, "motivo", "se contó mal una mano alzada");
    focus_field(&mut app, "solicitado_por");
    app.apply(Action::FormChoiceNext);
    key(&mut app, KeyCode::Enter);
    assert!(app.status.as_ref().is_some_and(|(m, e)| *e && m.starts_with("Rechazada")), "{:?}", app.status);
    let vote = record(&app).votes.last().expect("vote").clone();
    assert_eq!(vote.counts.len(), 2);
    assert!(vote.counts[0].superseded && vote.counts[0].approved);
    assert!(!vote.current().expect("current").approved);
    assert!(vote.counts[1].at > vote.counts[0].at);
    let asked = vote.counts[1].recount.as_ref().and_then(|r| r.requested_by).expect("the first member present asked");
    assert_eq!(Some(asked), record(&app).roll.first().map(|r| r.membership.id));
    key(&mut app, KeyCode::Char('c'));
    set_field(&mut app, "texto", "Enviar el informe trimestral a la Presidencia");
    set_field(&mut app, "responsables", "PANI, NADA");
    set_field(&mut app, "plazo", "2026-12-15");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("responsables".into()));
    set_field(&mut app, "responsables", "PANI, MP");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let agreement = record(&app).agreements.last().expect("agreement").clone();
    assert!(agreement.number.starts_with("SC-DPD/SO-128/2026/"), "{}", agreement.number);
    assert_eq!(agreement.responsibles.len(), 2);
    insta::assert_snapshot!("console_wide", render(&app, 140, 40));
}

#[test]
fn notes_autosave_and_survive_item_changes() {
    let mut app = console();
    key(&mut app, KeyCode::Char('i'));
    assert!(app.get::<ConsoleScreen>().is_some_and(|c| c.editing));
    keys(&mut app, "Se pasa lista; q y t se escriben.");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Segunda línea.");
    let item = record(&app).conduct.current_item.expect("current");
    let stored = |app: &App| crate::store::agenda::get(app.env.store.conn(), item).expect("q").expect("item").notes;
    assert!(!app.tick(Duration::ZERO), "nothing changed: an idle interface does not draw");
    assert_eq!(stored(&app), "", "not yet: typing continues");
    if let Some(c) = app.get_mut::<ConsoleScreen>() {
        c.last_save = Instant::now() - Duration::from_secs(2);
    }
    assert!(app.tick(Duration::ZERO), "the save shows on screen: drawn again");
    assert_eq!(stored(&app), "Se pasa lista; q y t se escriben.\nSegunda línea.");
    keys(&mut app, " Más.");
    key(&mut app, KeyCode::Esc);
    assert_eq!(stored(&app), "Se pasa lista; q y t se escriben.\nSegunda línea. Más.", "leaving the editor saves");
    assert!(!app.quit, "q typed into notes did not quit");
}

#[test]
fn recess_close_and_reopen_with_reason() {
    let mut app = console();
    key(&mut app, KeyCode::Char('p'));
    set_field(&mut app, "motivo", "Receso de diez minutos");
    key(&mut app, KeyCode::Enter);
    assert_eq!(record(&app).session.status, SessionStatus::Suspended);
    key(&mut app, KeyCode::Char('t'));
    key(&mut app, KeyCode::Char('p'));
    assert_eq!(record(&app).session.status, SessionStatus::InProgress);
    key(&mut app, KeyCode::Char('C'));
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(record(&app).session.status, SessionStatus::Closed);
    assert!(record(&app).conduct.ended_at.is_some());
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("motivo".into()), "a reason is required");
    set_field(&mut app, "motivo", "Faltó registrar un acuerdo");
    key(&mut app, KeyCode::Enter);
    assert_eq!(record(&app).session.status, SessionStatus::InProgress);
    let kinds: Vec<&str> = record(&app).events.iter().map(|e| crate::domain::Labeled::code(e.kind)).collect();
    assert_eq!(kinds, ["abierta", "suspendida", "reanudada", "clausurada", "reabierta"]);
}

#[test]
fn console_never_panics_at_small_sizes() {
    let mut app = console();
    roll_call(&mut app, 4);
    app.apply(Action::EditNotes);
    for w in (0..=80).step_by(4) {
        for h in (0..=24).step_by(4) {
            render(&app, w, h);
        }
    }
}

#[test]
fn the_agenda_is_prepared_before_opening_and_roll_call_waits() {
    let mut app = app();
    app.apply(Action::Down);
    let planned = calendar_of(&app).selected(&app.data).expect("selected").clone();
    assert_eq!(planned.status, SessionStatus::Convened);
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen_id(), "consola");
    assert_eq!(record(&app).items.len(), 5, "the standard agenda, ready to edit");
    assert_eq!(record(&app).session.status, SessionStatus::Convened, "preparing does not open");
    key(&mut app, KeyCode::Char('+'));
    keys(&mut app, "Informe de la campaña Corazón Azul");
    key(&mut app, KeyCode::Enter);
    assert_eq!(record(&app).items.len(), 6);
    assert_eq!(record(&app).items[1].title, "Informe de la campaña Corazón Azul");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Char('t'));
    assert!(
        app.status.as_ref().is_some_and(|(m, e)| *e && m.contains("solo se modifica con la sesión en curso")),
        "{:?}",
        app.status
    );
}
