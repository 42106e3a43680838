//! The binary in a real terminal (tmux): first run creates the database with the demo data,
//! and the Órganos screen shows a body's members.

use std::thread::sleep;
use std::time::{Duration, Instant};

use super::tmux::Tmux;

#[test]
fn first_run_shows_demo_calendar_then_bodies_and_members() {
    // The first run without --db: the default database, in the user's data directory.
    let dir = tempfile::tempdir().expect("tmp");
    let data = format!("XDG_DATA_HOME={}", dir.path().display());
    let exe = env!("CARGO_BIN_EXE_secretaria");
    let Some(tmux) = Tmux::start_command("primera", &["env", "-u", "SECRETARIA_DB", &data, exe]) else { return };
    tmux.wait_for_all(&["Calendario 2", "DEMO"], &[]);
    let db = dir.path().join("secretaria").join("secretaria.db");
    assert!(db.exists(), "the first run creates the database");
    tmux.keys(&["2"]);
    tmux.wait_for_all(&["Integrantes de CICESCT", "SEDH", "Presidencia"], &[]);
    tmux.keys(&["Right", "Right"]);
    tmux.wait_for_all(&["Titular:", "Suplente:"], &[]);
    tmux.keys(&["?"]);
    tmux.wait_for("Ayuda — teclas");
    tmux.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.alive() && start.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(100));
    }
    assert!(!tmux.alive(), "q quits");
}

#[test]
fn progress_with_evidence_changes_the_semaforo_and_the_dashboard() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = super::demo_db(&dir);
    let db_arg = db.to_str().expect("utf-8 path");
    let Some(tmux) = Tmux::start_named("seguimiento", &["--db", db_arg]) else { return };
    tmux.wait_for("Calendario 2");
    tmux.keys(&["5", "a"]);
    tmux.wait_for("cumplimiento 48.8 %");
    tmux.keys(&["4"]);
    tmux.wait_for("333 de 653");
    // Agreements only: the plan's activities come first otherwise (the 2024 plan starts in January).
    tmux.keys(&["f"]);
    tmux.wait_for("solo acuerdos");
    // The closed history's agreements come first; a search finds the 21st session's.
    tmux.keys(&["/"]);
    tmux.type_text("CITDP/SO-21/2024/01");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["CITDP/SO-21/2024/01", "● rojo"], &[]);
    tmux.keys(&["a"]);
    tmux.wait_for("Avance de CITDP/SO-21/2024/01");
    tmux.keys(&["Tab"]);
    tmux.type_text("Se publicó el acta firmada.");
    tmux.keys(&["Tab", "C-a", "C-k"]);
    tmux.type_text("100");
    tmux.keys(&["Tab", "Tab", "Tab"]);
    tmux.type_text("Oficio DGEADH/045/2024");
    tmux.keys(&["Enter"]);
    tmux.wait_for("estado «cumplido»");
    tmux.keys(&["s"]);
    tmux.wait_for_all(&["○ cerrado", "100%"], &[]);
    tmux.keys(&["5", "a"]);
    tmux.wait_for_all(&["cumplimiento 4"], &["cumplimiento 48.8 %"]);
    tmux.keys(&["q"]);
}

#[test]
fn a_follow_up_round_is_opened_sent_and_answered_on_screen() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = super::demo_db(&dir);
    let db_arg = db.to_str().expect("utf-8 path");
    let Some(tmux) = Tmux::start_named("rondas", &["--db", db_arg]) else { return };
    tmux.wait_for("Calendario 2");
    tmux.keys(&["6"]);
    tmux.wait_for("No hay rondas de seguimiento");
    tmux.keys(&["n"]);
    tmux.wait_for("Nueva ronda de seguimiento");
    // The first body by siglas is the CICESCT; the CITDP is the next option.
    tmux.keys(&["Right", "Tab", "C-a", "C-k"]);
    tmux.type_text("2024-06-30");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ronda abierta:");
    tmux.wait_for_all(&["corte al 30 de junio de 2024", "sin enviar"], &["sin responder"]);
    tmux.keys(&["l", "e"]);
    tmux.wait_for("Envío del oficio a");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Envío registrado.");
    tmux.wait_for("1 sin responder");
    tmux.keys(&["c"]);
    tmux.wait_for("Respuesta de");
    tmux.keys(&["Tab"]);
    tmux.type_text("Oficio 0456/2026");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Respuesta registrada.");
    tmux.wait_for_all(&["Respuesta: Oficio 0456/2026", "respondido"], &["sin responder"]);
    tmux.keys(&["q"]);
}

/// A left click at a screen place, as a terminal with mouse reporting sends it (SGR: button
/// press then release, columns and rows from 1).
fn click(tmux: &Tmux, x: usize, y: usize) {
    tmux.type_text(&format!("\x1b[<0;{};{}M", x + 1, y + 1));
    tmux.type_text(&format!("\x1b[<0;{};{}m", x + 1, y + 1));
}

/// Where `text` first shows on the screen (column, row, from 0).
fn place(screen: &str, text: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| line.find(text).map(|at| (line[..at].chars().count(), y)))
        .unwrap_or_else(|| panic!("«{text}» not on screen:\n{screen}"))
}

#[test]
fn a_click_on_a_tab_and_on_a_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = super::demo_db(&dir);
    let db_arg = db.to_str().expect("utf-8 path");
    let Some(tmux) = Tmux::start_named("raton", &["--db", db_arg]) else { return };
    let screen = tmux.wait_for("Calendario 2");
    let (x, y) = place(&screen, "2 Órganos");
    click(&tmux, x + 1, y);
    let screen = tmux.wait_for_all(&["Integrantes de CICESCT"], &[]);
    // The second body of the tree: a click on its row shows its members.
    let (x, y) = place(&screen, "GT-CAMP");
    click(&tmux, x, y);
    tmux.wait_for("Integrantes de GT-CAMP");
    // The wheel moves down the list under it.
    tmux.type_text(&format!("\x1b[<65;{};{}M", x + 1, y + 1));
    tmux.wait_for_all(&["Integrantes de"], &["Integrantes de GT-CAMP"]);
    tmux.keys(&["q"]);
}
