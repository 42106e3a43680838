//! Keys and the mouse: no key means two things in one place, the configuration's remaps reach
//! the help, the help opens where the user is and can be searched, Ctrl+C asks, `3` finds a
//! session en curso after a restart, and clicks and the wheel go through the same actions.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::prelude::*;
use super::{app, key, keys, render};
use crate::ops::Op;
use crate::tui::app::{App, Modal};
use crate::tui::keymap::Action;
use crate::tui::keys::{Keymap, all_clashes};
use crate::tui::screens;

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.on_mouse(MouseEvent { kind, column: x, row: y, modifiers: KeyModifiers::NONE });
}

/// Clicks the first line where `text` shows on an 80×24 screen (its last place on that line).
fn click_on(app: &mut App, text: &str) {
    let screen = render(app, 80, 24);
    let (x, y) = screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| line.rfind(text).map(|at| (line[..at].chars().count() as u16 + 1, y as u16)))
        .unwrap_or_else(|| panic!("«{text}» is not on screen:\n{screen}"));
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

fn remapped(remaps: &str) -> (Keymap, Vec<String>) {
    let table: BTreeMap<String, toml::Value> = toml::from_str(remaps).expect("toml");
    Keymap::new(&screens::contexts(), &table)
}

#[test]
fn no_key_means_two_things_in_one_place() {
    let app = app();
    assert_eq!(all_clashes(&app.keymap), Vec::<String>::new());
    // Every screen's context is in the key map, so the help lists them all.
    for id in ["calendario", "organos", "consola", "notas", "acta", "acta_edicion", "seguimiento", "rondas"] {
        assert!(app.keymap.context(id).is_some(), "{id}");
    }
}

#[test]
fn a_remapped_key_works_and_shows_in_the_help() {
    let (keymap, problems) = remapped("[consola]\ntitular = \"T\"\n[calendario]\nnueva = [\"Ctrl+N\", \"F2\"]\n");
    assert_eq!(problems, Vec::<String>::new());
    let ev = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keymap.resolve("consola", false, &ev('T')), Some(Action::MarkTitular));
    assert_eq!(keymap.resolve("consola", false, &ev('t')), None, "the old key is free");
    let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(keymap.resolve("calendario", false, &f2), Some(Action::New));
    let mut app = app();
    app.keymap = keymap;
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 100, 30);
    assert!(help.contains("Ctrl+N / F2  Nueva sesión"), "{help}");
}

/// In a form, Intro saves and Alt+Intro (or Ctrl+J) breaks the line of a text of several
/// lines; Alt+Intro can be remapped by that name.
#[test]
fn alt_enter_is_a_key_of_its_own_in_forms() {
    let app = app();
    let enter = |modifiers| KeyEvent::new(KeyCode::Enter, modifiers);
    assert_eq!(app.keymap.resolve("formulario", false, &enter(KeyModifiers::NONE)), Some(Action::FormSave));
    assert_eq!(app.keymap.resolve("formulario", false, &enter(KeyModifiers::ALT)), Some(Action::FormNewline));
    let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(app.keymap.resolve("formulario", false, &ctrl_j), Some(Action::FormNewline));
    let (keymap, problems) = remapped("[formulario]\nnueva_linea = \"Alt+F2\"\n");
    assert_eq!(problems, Vec::<String>::new());
    let alt_f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::ALT);
    assert_eq!(keymap.resolve("formulario", false, &alt_f2), Some(Action::FormNewline));
    let (_, problems) = remapped("[formulario]\nnueva_linea = \"Alt+x\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn a_remap_that_clashes_or_names_nothing_is_reported_and_left_out() {
    let (keymap, problems) =
        remapped("[consola]\ntitular = \"s\"\nvolar = \"x\"\n[nada]\nalgo = \"z\"\n[calendario]\nnueva = \"Ctrl+\"\n");
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("«s» ya es")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("volar")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("«nada»")), "{problems:?}");
    let ev = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(keymap.resolve("consola", false, &ev), Some(Action::MarkTitular), "the usual key stays");
    assert_eq!(all_clashes(&keymap), Vec::<String>::new());
}

#[test]
fn the_help_opens_at_the_screen_and_searches() {
    let mut app = app();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 80, 24);
    let first = help.lines().find(|l| l.contains("Seguimiento de acuerdos")).expect("section");
    let global = help.lines().position(|l| l.contains("En todas las pantallas"));
    let own = help.lines().position(|l| l.contains("Seguimiento de acuerdos"));
    assert!(own < global || global.is_none(), "{first}\n{help}");
    insta::assert_snapshot!("help_follow_up_80x24", help);
    keys(&mut app, "quorum");
    let found = render(&app, 80, 24);
    assert!(found.contains("Buscar: quorum"), "{found}");
    assert!(!found.contains("Solo vencidos"), "only what matches: {found}");
    keys(&mut app, "zzz");
    assert!(render(&app, 80, 24).contains("Ninguna tecla coincide"));
    key(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
}

#[test]
fn ctrl_c_asks_before_quitting() {
    let mut app = app();
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(matches!(&app.modal, Some(Modal::Confirm { question, .. }) if question.contains("¿Salir")));
    key(&mut app, KeyCode::Char('n'));
    assert!(!app.quit);
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    key(&mut app, KeyCode::Char('s'));
    assert!(app.quit);
}

#[test]
fn three_returns_to_the_session_under_way_after_a_restart() {
    let mut app = app();
    let id = calendar_of(&app).selected(&app.data).expect("next session").id;
    let at = app.env.now_in("America/Mexico_City");
    app.env.run(Op::OpenSession { session: id, at, other_day: true }).expect("open");
    // The program starts again on the same database.
    let env = std::mem::replace(&mut app.env, crate::tui::env::Environment::for_tests());
    let mut app = App::new(env).expect("app");
    let (message, error) = app.status.clone().expect("says so at start-up");
    assert!(!error && message.contains("Sesión en curso") && message.contains("Pulse 3"), "{message}");
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen_id(), "consola");
    assert_eq!(app.get::<ConsoleScreen>().map(|c| c.session()), Some(id));
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen_id(), "consola", "and again from anywhere");
}

#[test]
fn clicks_and_the_wheel_act_like_keys() {
    let mut app = app();
    click_on(&mut app, "2 Órg.");
    assert_eq!(app.screen_id(), "organos");
    // A click on a body's row selects it.
    let second = app.data.bodies[1].acronym.clone();
    click_on(&mut app, &second);
    assert_eq!(bodies_of(&app).body, 1);
    // A click on a member shows its representatives.
    let member = app.data.members_of(app.data.bodies[1].id)[0].institution;
    let siglas = app.data.institution(member).expect("institution").acronym.clone();
    let screen = render(&app, 80, 24);
    let middle = screen.lines().skip(2).find(|l| l.contains(&format!("│{siglas} "))).is_some();
    assert!(middle, "{screen}");
    click_on(&mut app, &format!("│{siglas} "));
    assert_eq!(bodies_of(&app).focus, crate::tui::screens::bodies::Pane::Members);
    // The wheel moves down the list under it.
    key(&mut app, KeyCode::Left);
    mouse(&mut app, MouseEventKind::ScrollDown, 5, 5);
    assert_eq!(bodies_of(&app).body, (1 + 3).min(app.data.bodies.len() - 1));
    // A form: a click on a field focuses it, on «Esc cancelar» closes it.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('n'));
    click_on(&mut app, "Lugar:");
    assert!(matches!(&app.modal, Some(Modal::Form(f, _)) if f.fields[f.focus].key == "lugar"));
    click_on(&mut app, "Esc cancelar");
    assert!(app.modal.is_none());
    // A question: a click on «s: sí» answers it.
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    click_on(&mut app, "s: sí");
    assert!(app.quit);
}

#[test]
fn a_click_on_a_session_selects_it() {
    let mut app = app();
    let screen = render(&app, 100, 30);
    // Two rows below the selection, so in view.
    let dated = crate::tui::screens::calendar::dated(&app.data);
    let target = dated[calendar_of(&app).dated + 2].clone();
    let date = target.schedule.date().map(crate::domain::dates::short_date).expect("date");
    let acronym = app.data.acronym(target.body).to_string();
    let (x, y) = screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| {
            l.find(&date)
                .filter(|_| l.contains(&format!(" {acronym} ")))
                .map(|at| (l[..at].chars().count() as u16, y as u16))
        })
        .unwrap_or_else(|| panic!("{date} {acronym}:\n{screen}"));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(calendar_of(&app).selected(&app.data).map(|s| s.id), Some(target.id));
}

/// docs/teclas.md is the key map: regenerate it with `SECRETARIA_ACTUALIZAR_DOCS=1 cargo test`.
#[test]
fn the_keys_document_is_the_key_map() {
    let generated = app().keymap.markdown();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/teclas.md");
    if std::env::var_os("SECRETARIA_ACTUALIZAR_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/teclas.md");
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(written == generated, "docs/teclas.md is out of date; regenerate it with SECRETARIA_ACTUALIZAR_DOCS=1");
}
