//! The Seguimiento screen driven through keys.

use chrono::Datelike;
use ratatui::crossterm::event::KeyCode;

use super::prelude::*;
use super::{app, form_error, key, keys, render, set_field};
use crate::domain::agreement::AgreementStatus;
use crate::domain::followup::Light;
use crate::tui::app::App;

fn follow_up() -> App {
    let mut app = app();
    key(&mut app, KeyCode::Char('4'));
    assert_eq!(app.screen_id(), "seguimiento");
    app
}

fn visible(app: &App) -> usize {
    app.get::<FollowUpScreen>().map_or(0, |f| f.visible.len())
}

#[test]
fn list_filters_and_search_as_you_type() {
    let mut app = follow_up();
    insta::assert_snapshot!("follow_up_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("follow_up_80x24", render(&app, 80, 24));
    let all = visible(&app);
    // The closed history's agreements are followed up too; the CITDP programme leaves 55 of
    // its 67 activities open (11 cumplidas, 1 sin efecto) and the CICESCT plan adds its own.
    assert!(all > 67, "open commitments: {all}");
    key(&mut app, KeyCode::Char('f'));
    let agreements = visible(&app);
    assert!(agreements > 12, "agreements only: {agreements}");
    key(&mut app, KeyCode::Char('f'));
    let activities = visible(&app);
    assert!(activities > 55, "work-plan activities only: {activities}");
    assert_eq!(agreements + activities, all, "each open commitment is one or the other");
    insta::assert_snapshot!("follow_up_activities_100x30", render(&app, 100, 30));
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(visible(&app), all);
    key(&mut app, KeyCode::Char('i'));
    let f = app.get::<FollowUpScreen>().expect("screen");
    let first = f.institutions[0].clone();
    assert!(f.visible.iter().all(|&i| f.rows[i].responsibles.contains(&first)) && !f.visible.is_empty());
    for _ in 0..f.institutions.len() {
        key(&mut app, KeyCode::Char('i'));
    }
    assert_eq!(visible(&app), all, "cycling past the last institution shows all again");
    key(&mut app, KeyCode::Char('p'));
    let f = app.get::<FollowUpScreen>().expect("screen");
    assert_eq!(f.year, Some(2024), "the earliest year a deadline falls in");
    assert!(f.visible.iter().all(|&i| f.rows[i].tracked.deadline.date().is_some_and(|d| d.year() == 2024)));
    let in_2024 = f.visible.len();
    // Within the year: semesters, then quarters, then the whole year again.
    let mut in_parts = Vec::new();
    for _ in 0..6 {
        key(&mut app, KeyCode::Char('P'));
        let f = app.get::<FollowUpScreen>().expect("screen");
        assert!(
            f.visible.iter().all(|&i| {
                f.rows[i].tracked.deadline.date().is_some_and(|d| d.year() == 2024 && f.part.contains(d))
            })
        );
        in_parts.push(f.visible.len());
    }
    assert_eq!(in_parts[0] + in_parts[1], in_2024, "the two semesters make the year");
    assert_eq!(in_parts[2..].iter().sum::<usize>(), in_2024, "and so do the four quarters");
    assert!(render(&app, 100, 30).contains("vencen en el 4to trimestre de 2024"));
    key(&mut app, KeyCode::Char('P'));
    assert_eq!(visible(&app), in_2024);
    let f = app.get::<FollowUpScreen>().expect("screen");
    for _ in 0..f.years.len() {
        key(&mut app, KeyCode::Char('p'));
    }
    assert_eq!(visible(&app), all);
    key(&mut app, KeyCode::Char('v'));
    let overdue = visible(&app);
    assert!(overdue < all && overdue > 0);
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "corett");
    // The filter applies while typing: the Coalición's open agreements, and only them.
    let f = app.get::<FollowUpScreen>().expect("screen");
    assert!(!f.visible.is_empty() && f.visible.len() < all, "{}", f.visible.len());
    assert!(f.visible.iter().all(|&i| f.rows[i].tracked.number.starts_with("CORETT")));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    assert!(!app.get::<FollowUpScreen>().is_some_and(|f| f.searching));
    key(&mut app, KeyCode::Char('/'));
    for _ in 0..5 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(visible(&app), all);
    key(&mut app, KeyCode::Char('o'));
    let first_body = app.get::<FollowUpScreen>().map(|f| f.bodies[0].clone()).unwrap_or_default();
    assert!(app.get::<FollowUpScreen>().is_some_and(|f| f.visible.iter().all(|&i| f.rows[i].body == first_body)));
}

#[test]
fn progress_with_evidence_closes_the_semaforo_and_history_shows_it() {
    let mut app = follow_up();
    let row = app.get::<FollowUpScreen>().and_then(|f| f.selected_row()).map(|r| (r.tracked.number.clone(), r.light));
    let (number, light) = row.expect("a selected agreement");
    assert_eq!(light, Some(Light::Red));
    key(&mut app, KeyCode::Char('a'));
    set_field(&mut app, "texto", "Se recabaron las firmas y se publicó el acta.");
    set_field(&mut app, "porcentaje", "100");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("evidencia".into()), "cumplido needs evidence");
    set_field(&mut app, "evidencia", "https://ejemplo.gob.mx/actas/20");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert!(app.status.as_ref().is_some_and(|(m, _)| m.ends_with("estado «cumplido».")), "{:?}", app.status);
    let f = app.get::<FollowUpScreen>().expect("screen");
    assert!(
        f.rows
            .iter()
            .any(|r| r.tracked.number == number && r.tracked.status == AgreementStatus::Done && r.light.is_none())
    );
    assert!(f.visible.iter().all(|&i| f.rows[i].tracked.number != number), "open-only list no longer shows it");
    key(&mut app, KeyCode::Char('s'));
    let f = app.get::<FollowUpScreen>().expect("screen");
    let i = f.visible.iter().position(|&i| f.rows[i].tracked.number == number).expect("shown under «todos»");
    app.get_mut::<FollowUpScreen>().expect("screen").selected = i;
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.get::<FollowUpScreen>().map(|f| f.history.len()), Some(1));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("cerrado") && screen.contains("oficio:") && screen.contains("https://ejemplo.gob.mx/actas/20"),
        "{screen}"
    );
}

#[test]
fn reprogram_and_void_need_a_reason() {
    let mut app = follow_up();
    key(&mut app, KeyCode::Char('r'));
    set_field(&mut app, "plazo", "2027-03-31");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("motivo".into()));
    set_field(&mut app, "motivo", "La institución pidió más tiempo");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none());
    let status = app.get::<FollowUpScreen>().and_then(|f| f.selected_row()).map(|r| r.tracked.status);
    assert_eq!(status, Some(AgreementStatus::Rescheduled));
    assert_eq!(app.get::<FollowUpScreen>().map(|f| f.changes.len()), Some(1));
    key(&mut app, KeyCode::Char('x'));
    set_field(&mut app, "motivo", "Lo sustituye un acuerdo posterior");
    key(&mut app, KeyCode::Enter);
    assert!(app.status.as_ref().is_some_and(|(m, _)| m.contains("sin efecto")), "{:?}", app.status);
}

#[test]
fn the_dashboard_draws_and_follows_the_records() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen_id(), "tablero");
    insta::assert_snapshot!("dashboard_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("dashboard_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.get::<DashboardScreen>().and_then(|d| d.year), None);
    let rate = |app: &App| app.get::<DashboardScreen>().and_then(|d| d.data.overall.commitments.rate());
    let stats = |app: &App| app.get::<DashboardScreen>().map(|d| d.data.overall.commitments).expect("stats");
    let before = stats(&app);
    assert!(before.adopted > 83, "the history's agreements count: {before:?}");
    assert_eq!(rate(&app), crate::domain::indicators::percent(before.done, before.adopted - before.void));
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('a'));
    set_field(&mut app, "texto", "Cumplido.");
    set_field(&mut app, "porcentaje", "100");
    set_field(&mut app, "evidencia", "Oficio DGEADH/045/2024");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    let after = stats(&app);
    assert_eq!(after.done, before.done + 1, "one more cumplido");
    assert!(rate(&app) > crate::domain::indicators::percent(before.done, before.adopted - before.void));
    for w in (0..=80).step_by(8) {
        for h in (0..=24).step_by(6) {
            render(&app, w, h);
        }
    }
}

/// What a search from scratch shows for the current text (and the overdue filter).
fn searched_from_scratch(app: &App) -> Vec<usize> {
    let f = app.get::<FollowUpScreen>().expect("screen");
    let words: Vec<String> = crate::domain::text::fold(&f.query).split_whitespace().map(String::from).collect();
    (0..f.rows.len())
        .filter(|&i| {
            let r = &f.rows[i];
            crate::domain::followup::open(r.tracked.status)
                && (!f.overdue_only || r.overdue)
                && words.iter().all(|w| r.haystack.contains(w.as_str()))
        })
        .collect()
}

#[test]
fn typing_narrows_what_is_shown_and_erasing_gives_back_exactly_a_full_search() {
    let mut app = follow_up();
    key(&mut app, KeyCode::Char('/'));
    let shown = |app: &App| app.get::<FollowUpScreen>().map(|f| f.visible.clone()).unwrap_or_default();
    for c in "inm  taller".chars() {
        key(&mut app, KeyCode::Char(c));
        assert_eq!(shown(&app), searched_from_scratch(&app), "after typing {c:?}");
    }
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
        assert_eq!(shown(&app), searched_from_scratch(&app), "after erasing");
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('/'));
    for c in "ll".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
        assert_eq!(shown(&app), searched_from_scratch(&app), "erasing past what was typed since the filter changed");
    }
    assert!(app.get::<FollowUpScreen>().is_some_and(|f| f.query.is_empty()));
}

#[test]
fn activities_are_added_to_the_plan_and_corrected_from_the_screen() {
    let mut app = follow_up();
    key(&mut app, KeyCode::Char('N'));
    let body = match &app.modal {
        Some(crate::tui::app::Modal::Form(f, _)) => f.value("organo"),
        _ => panic!("no form"),
    };
    set_field(&mut app, "anio", "2026");
    set_field(&mut app, "titulo", "Programa de Trabajo 2026");
    set_field(&mut app, "objetivo", "Fortalecer la coordinación interinstitucional");
    set_field(&mut app, "actividad", "Elaborar el directorio de enlaces de las dependencias");
    set_field(&mut app, "periodo", "2do semestre");
    set_field(&mut app, "responsables", "SEGOB, XYZ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("responsables".into()), "an unknown institution");
    set_field(&mut app, "responsables", "SEGOB, FGR");
    set_field(&mut app, "periodo", "algún día");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("periodo".into()));
    set_field(&mut app, "periodo", "2do semestre");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let number = format!("{body}/PAT-2026/01");
    let said = app.status.as_ref().map(|s| s.0.clone()).unwrap_or_default();
    assert_eq!(said, format!("Actividad {number} agregada al programa de trabajo."));
    let selected = |app: &App| app.get::<FollowUpScreen>().and_then(|f| f.selected_row()).map(|r| r.tracked.clone());
    let t = selected(&app).expect("the new activity is selected");
    assert_eq!(t.number, number);
    assert_eq!(t.responsibles.len(), 2);
    assert_eq!(t.deadline.date().map(|d| d.to_string()).as_deref(), Some("2026-12-31"));

    let plan_title = |app: &App| {
        let conn = app.env.store.conn();
        let a = crate::store::plans::activity(conn, t.id).expect("q").expect("activity");
        crate::store::plans::get(conn, a.plan).expect("q").expect("plan").title
    };
    assert_eq!(plan_title(&app), "Programa de Trabajo 2026", "the plan is created with the title given");

    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("followup_edit_activity_80x24", render(&app, 80, 24));
    set_field(&mut app, "titulo", " ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("titulo".into()), "a plan needs a title");
    set_field(&mut app, "titulo", "Programa Anual de Trabajo 2026 del órgano");
    set_field(&mut app, "periodo", "1er semestre");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    assert_eq!(plan_title(&app), "Programa Anual de Trabajo 2026 del órgano");
    let t = selected(&app).expect("still selected");
    assert_eq!(t.deadline.date().map(|d| d.to_string()).as_deref(), Some("2026-06-30"));
    let row = app.get::<FollowUpScreen>().and_then(|f| f.selected_row()).expect("row");
    assert_eq!(row.light, Some(Light::Red), "its period ended before today");

    // Agreements are corrected in their session's acta, not here.
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Char('e'));
    assert!(app.modal.is_none());
    assert!(
        app.status.as_ref().is_some_and(|(m, error)| *error && m.contains("acta de su sesión")),
        "{:?}",
        app.status
    );
}

#[test]
fn only_an_activity_without_history_is_deleted_and_only_after_confirming() {
    let mut app = follow_up();
    let status = |app: &App| app.status.clone().unwrap_or_default();
    let choose = |app: &mut App, number: &str| {
        let f = app.get_mut::<FollowUpScreen>().expect("screen");
        let t = f.rows.iter().map(|r| r.tracked.clone()).find(|t| t.number == number).expect("listed");
        f.select(t.source, t.id).expect("selected");
    };
    key(&mut app, KeyCode::Char('N'));
    set_field(&mut app, "anio", "2026");
    set_field(&mut app, "objetivo", "Fortalecer la coordinación");
    set_field(&mut app, "actividad", "Actividad capturada por error");
    set_field(&mut app, "periodo", "2do semestre");
    set_field(&mut app, "responsables", "SEGOB");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let number = app.get::<FollowUpScreen>().and_then(|f| f.selected_row()).map(|r| r.tracked.number.clone());
    let number = number.expect("the new activity is selected");
    let before = app.get::<FollowUpScreen>().map_or(0, |f| f.rows.len());

    key(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!("followup_delete_activity_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('n'));
    assert!(app.modal.is_none());
    assert_eq!(app.get::<FollowUpScreen>().map_or(0, |f| f.rows.len()), before, "declining keeps it");
    key(&mut app, KeyCode::Delete);
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(status(&app), (format!("Actividad {number} eliminada del programa de trabajo."), false));
    let f = app.get::<FollowUpScreen>().expect("screen");
    assert_eq!(f.rows.len(), before - 1);
    assert!(f.rows.iter().all(|r| r.tracked.number != number), "gone from the list");

    // One with progress on record stays; the refusal says what to do instead.
    choose(&mut app, "CITDP/PAT-2024/04");
    keys(&mut app, "ds");
    let (message, error) = status(&app);
    assert!(
        error && message.contains("CITDP/PAT-2024/04 tiene historial") && message.contains("sin efecto"),
        "{message}"
    );
    assert!(
        app.get::<FollowUpScreen>().is_some_and(|f| f.rows.iter().any(|r| r.tracked.number == "CITDP/PAT-2024/04"))
    );

    // Agreements are never deleted here: they are in their session's acta.
    choose(&mut app, "CITDP/SO-21/2024/01");
    key(&mut app, KeyCode::Char('d'));
    assert!(app.modal.is_none());
    let (message, error) = status(&app);
    assert!(error && message.contains("acta de su sesión"), "{message}");
    insta::assert_snapshot!("followup_long_message_80x24", render(&app, 80, 24));
}
