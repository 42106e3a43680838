//! The Rondas screen driven through keys: opening a round, recording oficios sent and
//! answers, printing the oficios.

use ratatui::crossterm::event::KeyCode;

use super::prelude::*;
use super::{app, form_error, key, render, set_field};
use crate::tui::app::{App, Modal};

fn rounds() -> App {
    let mut app = app();
    key(&mut app, KeyCode::Char('6'));
    assert_eq!(app.screen_id(), "rondas");
    app
}

/// (sin enviar, sin responder, respondidos) of the selected round.
fn counts(app: &App) -> (usize, usize, usize) {
    let r = app.get::<RoundsScreen>().expect("screen");
    let unsent = r.requests.iter().filter(|q| q.sent_on.is_none()).count();
    let awaiting = r.requests.iter().filter(|q| q.awaiting()).count();
    (unsent, awaiting, r.requests.len() - unsent - awaiting)
}

fn open_round(app: &mut App, cutoff: &str) {
    key(app, KeyCode::Char('n'));
    super::choose(app, "organo", "CITDP");
    set_field(app, "corte", cutoff);
    key(app, KeyCode::Enter);
}

#[test]
fn a_round_from_opening_to_answers() {
    let mut app = rounds();
    insta::assert_snapshot!("rounds_empty_80x24", render(&app, 80, 24));
    open_round(&mut app, "2024-06-31");
    assert_eq!(form_error(&app).map(|e| e.0), Some("corte".into()), "not a date");
    set_field(&mut app, "corte", "2024-06-30");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert!(app.status.as_ref().is_some_and(|(m, _)| m.starts_with("Ronda abierta:")), "{:?}", app.status);
    let total = app.get::<RoundsScreen>().map_or(0, |r| r.requests.len());
    assert!(total > 3);
    assert_eq!(counts(&app), (total, 0, 0));

    // The same body and cut-off again is refused on the field.
    open_round(&mut app, "2024-06-30");
    assert_eq!(form_error(&app).map(|e| e.0), Some("corte".into()));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.get::<RoundsScreen>().map(|r| r.rounds.len()), Some(1));

    // One oficio out, then an answer before it went out is refused.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Enter);
    assert!(form_error(&app).is_some_and(|e| e.1.contains("registre primero el envío")), "{:?}", form_error(&app));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    set_field(&mut app, "fecha", "2024-06-15");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("fecha".into()), "sent before the cut-off");
    set_field(&mut app, "fecha", "2024-07-02");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert_eq!(counts(&app), (total - 1, 1, 0));

    // Every other one out at once; one answer comes.
    key(&mut app, KeyCode::Char('E'));
    set_field(&mut app, "fecha", "2024-07-03");
    key(&mut app, KeyCode::Enter);
    assert_eq!(counts(&app), (0, total, 0));
    key(&mut app, KeyCode::Char('c'));
    set_field(&mut app, "fecha", "2024-07-20");
    set_field(&mut app, "oficio", "Oficio CEAV/DG/0456/2024");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert_eq!(counts(&app), (0, total - 1, 1));
    let answered = app.get::<RoundsScreen>().and_then(|r| r.selected_request()).expect("selected");
    assert_eq!(answered.answer_ref.as_deref(), Some("Oficio CEAV/DG/0456/2024"));
    key(&mut app, KeyCode::Char('E'));
    key(&mut app, KeyCode::Enter);
    assert!(form_error(&app).is_some_and(|e| e.1.contains("ya se enviaron")), "{:?}", form_error(&app));
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("rounds_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("rounds_80x24", render(&app, 80, 24));
}

#[test]
fn the_oficios_print_from_the_screen() {
    let mut app = rounds();
    key(&mut app, KeyCode::Char('p'));
    assert!(app.status.as_ref().is_some_and(|(_, error)| *error), "no round yet: {:?}", app.status);
    open_round(&mut app, "2024-12-31");
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    key(&mut app, KeyCode::Char('p'));
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.title == "Imprimir los oficios de la ronda"));
    let dir = tempfile::tempdir().expect("tmp");
    set_field(&mut app, "archivo", &dir.path().join("oficios.md").display().to_string());
    super::focus_field(&mut app, "formato");
    for _ in 0..3 {
        app.apply(crate::tui::keymap::Action::FormChoiceNext);
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let text = std::fs::read_to_string(dir.path().join("oficios.md")).expect("written");
    let count = app.get::<RoundsScreen>().map_or(0, |r| r.requests.len());
    assert!(text.starts_with("# Ronda de seguimiento de CITDP con corte al 31 de diciembre de 2024"), "{text}");
    assert_eq!(text.matches("CITDP/ST/RS-2024-12-31/").count(), count, "one oficio per institution");
}

#[test]
fn the_selected_oficio_lists_its_commitments_as_they_stand_today() {
    let mut app = rounds();
    open_round(&mut app, "2024-06-30");
    key(&mut app, KeyCode::Right);
    fn screen(app: &App) -> &crate::tui::screens::rounds::RoundsScreen {
        app.get::<RoundsScreen>().expect("screen")
    }
    let total = screen(&app).requests.len();
    for _ in 0..total {
        let r = screen(&app);
        let asked = r.selected_request().map(|q| q.items.clone()).unwrap_or_default();
        let shown: Vec<String> = r.items.iter().map(|i| i.number.clone()).collect();
        assert_eq!(shown, asked, "the commitments follow the selected oficio");
        assert!(r.items.iter().all(|i| i.now.is_some()));
        key(&mut app, KeyCode::Down);
    }
    let number = screen(&app).items[0].number.clone();
    let report = crate::store::followup::Report {
        on: chrono::NaiveDate::from_ymd_opt(2024, 7, 15).expect("date"),
        text: "Informó avance en respuesta al oficio.".into(),
        percent: Some(95),
        institution: None,
        evidence: None,
        reason: None,
    };
    app.env.store.write(|tx| crate::store::followup::add_progress(tx, &number, &report)).expect("progress");
    // As when another process writes: the screen on view reads again, the others when shown.
    app.refresh_everything();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('6'));
    let item = &screen(&app).items[0];
    assert_eq!(item.number, number, "the same oficio stays selected");
    let (_, status, progress, _) = item.now.clone().expect("listed");
    assert_eq!((status, progress), (crate::domain::agreement::AgreementStatus::InProgress, 95));
    assert!(render(&app, 100, 30).contains(&format!("{number:<20}  95% en proceso")));
}
