//! The Bitácora screen and undo, driven through keys.

use ratatui::crossterm::event::KeyCode;

use super::prelude::*;
use super::{app, key, render};
use crate::domain::quorum::Presence;
use crate::tui::app::{App, Modal};

/// The demo with the next convoked session opened and its first member marked present.
fn marked() -> App {
    let mut app = app();
    key(&mut app, KeyCode::Char('o'));
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen_id(), "consola");
    key(&mut app, KeyCode::Char('t'));
    app
}

fn first_mark(app: &App) -> Presence {
    let c = app.get::<ConsoleScreen>().expect("console");
    c.record.roll[0].entry.as_ref().expect("on the roll").mark.presence
}

#[test]
fn the_bitacora_shows_each_change_with_its_rows() {
    let mut app = marked();
    crate::ops::access(&mut app.env.store, &app.env.ctx, crate::ops::Access::Interface).expect("access");
    key(&mut app, KeyCode::Char('7'));
    assert_eq!(app.screen_id(), "bitacora");
    let j = app.get::<JournalScreen>().expect("screen");
    assert_eq!(j.entries[0].op, "mark", "newest first");
    assert!(j.entries.iter().all(|e| e.op != "access"), "accesses hidden at first");
    insta::assert_snapshot!("journal_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("journal_100x30", render(&app, 100, 30));
    key(&mut app, KeyCode::Char('a'));
    assert!(app.get::<JournalScreen>().expect("screen").entries.iter().any(|e| e.op == "access"));
    key(&mut app, KeyCode::Char('p'));
    let j = app.get::<JournalScreen>().expect("screen");
    assert!(j.actor.is_some() && j.entries.iter().all(|e| Some(&e.actor) == j.actor.as_ref()));
}

#[test]
fn u_undoes_ones_own_last_change_after_confirming() {
    let mut app = marked();
    assert_eq!(first_mark(&app), Presence::Titular);
    key(&mut app, KeyCode::Char('u'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else { panic!("asks first") };
    assert!(question.contains("«Asistencia»"), "{question}");
    insta::assert_snapshot!("undo_confirm_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(first_mark(&app), Presence::Absent, "the mark is undone and the console shows it");
    assert!(app.status.as_ref().is_some_and(|(m, e)| m.starts_with("Deshecho") && !e), "{:?}", app.status);
    key(&mut app, KeyCode::Char('7'));
    assert_eq!(app.get::<JournalScreen>().expect("screen").entries[0].op, "undo", "the undo is recorded");
}
