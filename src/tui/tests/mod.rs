//! The interface driven through actions and rendered on a `TestBackend`: snapshots of every
//! screen and dialog, and what each action does to the data.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod console;
mod console_votes;
mod documents;
mod followup;
mod input;
mod journal;
mod minutes;
mod rounds;

/// The screens by type, and the helpers that reach into them.
pub(super) mod prelude {
    pub(crate) use super::{bodies_of, calendar_of, select_session};
    pub(crate) use crate::tui::screens::{
        bodies::BodiesScreen, calendar::CalendarScreen, console::ConsoleScreen, dashboard::DashboardScreen,
        followup::FollowUpScreen, journal::JournalScreen, minutes::MinutesScreen, rounds::RoundsScreen,
    };
}
use prelude::*;

use super::app::{App, Modal};
use super::env::Environment;
use super::keymap::Action;
use crate::domain::session::SessionStatus;
use crate::store::{bodies, members, sessions};

pub(super) fn app() -> App {
    App::new(Environment::for_tests()).expect("demo app")
}

pub(crate) fn calendar_of(app: &App) -> &CalendarScreen {
    app.get::<CalendarScreen>().expect("calendar")
}

pub(crate) fn bodies_of(app: &App) -> &BodiesScreen {
    app.get::<BodiesScreen>().expect("bodies")
}

/// Selects a session in the calendar, as a click on it would.
pub(crate) fn select_session(app: &mut App, id: i64) {
    let App { screens, data, .. } = app;
    let calendar = screens.iter_mut().find_map(|s| s.as_any_mut().downcast_mut::<CalendarScreen>());
    calendar.expect("calendar").select_session(data, id);
}

pub(super) fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub(super) fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Empties the focused text field (Inicio, then Ctrl+K deletes to the end).
pub(super) fn clear_field(app: &mut App) {
    key(app, KeyCode::Home);
    app.on_key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
}

pub(super) fn focus_field(app: &mut App, field: &str) {
    for _ in 0..30 {
        if let Some(Modal::Form(f, _)) = &app.modal
            && f.fields[f.focus].key == field
        {
            return;
        }
        app.apply(Action::FormNext);
    }
    panic!("no field {field}");
}

pub(super) fn set_field(app: &mut App, field: &str, value: &str) {
    focus_field(app, field);
    clear_field(app);
    keys(app, value);
}

pub(super) fn form_error(app: &App) -> Option<(String, String)> {
    match &app.modal {
        Some(Modal::Form(f, _)) => {
            f.error.as_ref().map(|(i, m)| (i.map_or(String::new(), |i| f.fields[i].key.to_string()), m.clone()))
        }
        _ => None,
    }
}

#[test]
fn calendar_agenda_opens_on_the_next_session() {
    let app = app();
    insta::assert_snapshot!("calendar_agenda_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("calendar_agenda_80x24", render(&app, 80, 24));
}

#[test]
fn calendar_month_grid() {
    let mut app = app();
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    insta::assert_snapshot!("calendar_month_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("calendar_month_80x24", render(&app, 80, 24));
}

#[test]
fn calendar_unfixed_pane_and_other_year() {
    let mut app = app();
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("calendar_unfixed_selected", render(&app, 100, 30));
    let mut app = self::app();
    key(&mut app, KeyCode::Char('['));
    key(&mut app, KeyCode::Char('['));
    assert_eq!(app.data.year, 2024);
    insta::assert_snapshot!("calendar_2024", render(&app, 100, 30));
}

#[test]
fn bodies_tree_members_and_representatives() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen_id(), "organos");
    insta::assert_snapshot!("bodies_100x30", render(&app, 100, 30));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("bodies_members_100x30", render(&app, 100, 30));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("bodies_representatives_80x24", render(&app, 80, 24));
}

#[test]
fn help_is_generated_from_the_key_map() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("Cambiar entre agenda y mes"));
    insta::assert_snapshot!("help", screen);
    key(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
}

#[test]
fn forms_and_dialogs_render() {
    let mut app = app();
    key(&mut app, KeyCode::Char('n'));
    insta::assert_snapshot!("form_new_session", render(&app, 100, 30));
    set_field(&mut app, "cuando", "31 de noviembre");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("form_session_error", render(&app, 100, 30));
    let mut app = self::app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("form_edit_body_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!("confirm_delete_body", render(&app, 100, 30));
}

#[test]
fn never_panics_at_any_small_size() {
    let mut states = vec![app()];
    let mut month = app();
    month.apply(Action::ToggleView);
    states.push(month);
    for action in [Action::GoTab('2'), Action::Help, Action::New] {
        let mut a = app();
        if action == Action::New {
            a.apply(Action::GoTab('2'));
            a.apply(Action::Right);
            a.apply(Action::Right);
        }
        a.apply(action);
        states.push(a);
    }
    let mut session_form = app();
    session_form.apply(Action::New);
    states.push(session_form);
    for a in &states {
        for w in (0..=80).step_by(3) {
            for h in (0..=24).step_by(3) {
                render(a, w, h);
            }
        }
    }
    assert!(render(&states[0], 15, 4).contains("Ventana"));
}

#[test]
fn a_new_session_is_saved_and_selected() {
    let mut app = app();
    app.apply(Action::New);
    set_field(&mut app, "cuando", "15 de diciembre");
    set_field(&mut app, "lugar", "Salón Juárez, Bucareli 99");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let selected = calendar_of(&app).selected(&app.data).expect("selected").clone();
    assert_eq!(selected.schedule.date(), NaiveDate::from_ymd_opt(2026, 12, 15));
    assert_eq!(selected.place, "Salón Juárez, Bucareli 99");
    assert_eq!(app.status.as_ref().map(|s| s.0.as_str()), Some("Guardado."));
    let stored = sessions::get(app.env.store.conn(), selected.id).expect("q").expect("stored");
    assert_eq!(stored, selected);
}

#[test]
fn choosing_another_body_proposes_its_next_number_and_place() {
    let mut app = app();
    app.apply(Action::New);
    // The first body by siglas, the CICESCT: its 63rd is already programmed.
    assert_eq!((form_value(&app, "organo"), form_value(&app, "numero")), ("CICESCT".into(), "64".into()));
    focus_field(&mut app, "organo");
    let scc = app.data.bodies.iter().position(|b| b.acronym == "SCC").expect("SCC");
    for _ in 0..scc {
        app.apply(Action::FormChoiceNext);
    }
    assert_eq!(form_value(&app, "organo"), "SCC");
    let ordinary = sessions::next_number(
        app.env.store.conn(),
        app.data.bodies[scc].id,
        crate::domain::session::SessionKind::Ordinary,
    );
    assert_eq!(form_value(&app, "numero"), ordinary.expect("q").to_string());
    assert_ne!(form_value(&app, "numero"), "64");
    focus_field(&mut app, "tipo");
    app.apply(Action::FormChoiceNext);
    assert_eq!(form_value(&app, "tipo"), "extraordinaria");
    let extra = sessions::next_number(
        app.env.store.conn(),
        app.data.bodies[scc].id,
        crate::domain::session::SessionKind::Extraordinary,
    );
    assert_eq!(form_value(&app, "numero"), extra.expect("q").to_string());
}

/// Moves the option of a choice field until it reads `value`.
pub(super) fn choose(app: &mut App, field: &str, value: &str) {
    focus_field(app, field);
    for _ in 0..60 {
        if form_value(app, field) == value {
            return;
        }
        app.apply(Action::FormChoiceNext);
    }
    panic!("«{field}» has no option «{value}»");
}

pub(super) fn form_value(app: &App, key: &str) -> String {
    match &app.modal {
        Some(Modal::Form(f, _)) => f.value(key),
        _ => String::new(),
    }
}

#[test]
fn invalid_input_keeps_the_form_and_changes_nothing() {
    let mut app = app();
    let before = sessions::list(app.env.store.conn(), &Default::default()).expect("q").len();
    app.apply(Action::New);
    set_field(&mut app, "cuando", "febrero-marzo");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("hora".into()), "a window can't have a time");
    set_field(&mut app, "hora", "");
    choose(&mut app, "organo", "CITDP");
    set_field(&mut app, "numero", "21");
    set_field(&mut app, "anio", "2024");
    key(&mut app, KeyCode::Enter);
    let (field, message) = form_error(&app).expect("duplicate number refused");
    assert_eq!(field, "numero");
    assert!(message.contains("ya hay una sesión ordinaria número 21"), "{message}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(sessions::list(app.env.store.conn(), &Default::default()).expect("q").len(), before);
}

#[test]
fn deleting_asks_first_and_held_sessions_stay() {
    let mut app = app();
    let planned = calendar_of(&app).selected(&app.data).expect("selected").id;
    app.apply(Action::Delete);
    assert!(matches!(app.modal, Some(Modal::Confirm { .. })));
    key(&mut app, KeyCode::Char('n'));
    assert!(sessions::get(app.env.store.conn(), planned).expect("q").is_some(), "«no» deletes nothing");
    app.apply(Action::Up);
    let held = calendar_of(&app).selected(&app.data).expect("selected").clone();
    assert_eq!(held.status, SessionStatus::Closed);
    app.apply(Action::Delete);
    key(&mut app, KeyCode::Char('s'));
    assert!(app.status.as_ref().is_some_and(|(m, err)| *err && m.contains("no se puede eliminar")));
    assert!(sessions::get(app.env.store.conn(), held.id).expect("q").is_some());
}

#[test]
fn bodies_members_and_representatives_are_edited_through_forms() {
    let mut app = app();
    app.apply(Action::GoTab('2'));
    app.apply(Action::New);
    set_field(&mut app, "siglas", "GT-NUEVO");
    set_field(&mut app, "nombre", "Grupo de Trabajo de Prueba");
    set_field(&mut app, "padre", "CITDP");
    set_field(&mut app, "minimo_ordinarias", "cada tanto");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("minimo_ordinarias".into()));
    set_field(&mut app, "minimo_ordinarias", "1 por trimestre");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let body = bodies_of(&app).selected_body(&app.data).expect("selected").clone();
    assert_eq!((body.acronym.as_str(), body.parent.is_some()), ("GT-NUEVO", true));

    app.apply(Action::NewMember);
    set_field(&mut app, "institucion", "NUEVA");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("nombre".into()), "a new institution needs its name");
    set_field(&mut app, "nombre", "Institución Nueva de Prueba");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "{:?}", form_error(&app));
    let member = bodies_of(&app).selected_member(&app.data).expect("selected").clone();
    assert_eq!(member.body, body.id);

    app.apply(Action::EditTitular);
    set_field(&mut app, "nombre", "Rosa Ñández");
    set_field(&mut app, "correo", "rosa");
    key(&mut app, KeyCode::Enter);
    assert_eq!(form_error(&app).map(|e| e.0), Some("correo".into()));
    set_field(&mut app, "correo", "rosa@ejemplo.gob.mx");
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none());
    let rep =
        members::representative(app.env.store.conn(), member.id, crate::domain::member::RepresentativeRole::Titular);
    assert_eq!(rep.expect("q").map(|r| r.name), Some("Rosa Ñández".into()));

    app.apply(Action::Delete);
    key(&mut app, KeyCode::Char('s'));
    assert!(members::get(app.env.store.conn(), member.id).expect("q").is_none());
    app.apply(Action::Left);
    app.apply(Action::Delete);
    key(&mut app, KeyCode::Char('s'));
    assert!(bodies::by_acronym(app.env.store.conn(), "GT-NUEVO").expect("q").is_none());
}

#[test]
fn quitting_and_switching_screens() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.screen_id(), "organos");
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.screen_id(), "calendario");
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "q types into a form");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}
