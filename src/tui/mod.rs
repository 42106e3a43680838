//! The terminal interface. `run` owns the terminal; everything else is plain state that
//! tests drive through actions and render on a `TestBackend`.

pub mod app;
mod app_print;
mod app_session;
pub mod component;
pub mod data;
pub mod env;
pub mod forms;
pub mod keymap;
pub mod keys;
pub mod projector;
pub mod screens;
pub mod strings;
pub mod theme;
pub mod widgets;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};

use app::App;
use env::Environment;

/// Opens the interface on the database at `db` until the user quits; with `session`, straight
/// in that session's console.
pub fn run(db: &Path, ctx: crate::ops::Context, session: Option<i64>, first_run_demo: bool) -> Result<(), String> {
    let created = first_run_demo && !db.exists();
    let env = Environment::open(db, ctx, first_run_demo)?;
    env.store.defer_checkpoints().map_err(|e| e.to_string())?;
    let colours = theme::init(&crate::config::get().tema);
    let mut app = App::new(env).map_err(|e| e.to_string())?;
    if !colours.is_empty() {
        let said = app.alert.take().into_iter().chain(colours).collect::<Vec<_>>().join("; ");
        app.alert = Some(format!("{}: {said}", strings::CONFIG_PROBLEM));
    }
    app.verify_in_background(db.to_path_buf());
    if let Some(id) = session {
        if crate::store::sessions::get(app.env.store.conn(), id).map_err(|e| e.to_string())?.is_none() {
            return Err(format!("no existe la sesión {id}"));
        }
        app.open_session(id);
    }
    if created {
        app.say(format!("{} «{}»", strings::CREATED_WITH_DEMO, db.display()), false);
    }
    if app.env.store.read_only() {
        app.say(strings::READ_ONLY_DB, true);
    } else if crate::store::meta::is_empty(app.env.store.conn()).map_err(|e| e.to_string())? {
        app.offer_demo();
    }
    let stop = stop_signals()?;
    watch_terminal(Arc::clone(&stop));
    // ratatui::init restores the terminal on panic as well as on return; the mouse is
    // released too, so a crash never leaves the shell receiving mouse codes.
    let mut terminal = ratatui::init();
    release_mouse_on_panic();
    // Clicks and the wheel come to the program; Shift+drag still selects text in the terminal.
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let looped = event_loop(&mut terminal, &mut app, &stop);
    // Whatever ended the loop — «q», a signal, a terminal gone — nothing typed is lost.
    let saved = app.shutdown().map_err(|e| format!("no se pudieron guardar las notas: {e}"));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    looped.and(saved)
}

/// A terminal can vanish without a SIGHUP reaching us (its tmux server killed, say); crossterm
/// then reads its endless end-of-file inside `poll` and never returns. A watcher notices the
/// terminal is gone, asks the loop to stop as a signal would, and ends the process if the loop
/// cannot: the notes were saved by the autosave up to the last second, and SQLite rolls back a
/// transaction left open.
pub(crate) fn watch_terminal(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while std::io::stdout().is_terminal() {
            std::thread::sleep(Duration::from_millis(500));
        }
        stop.store(true, Ordering::Relaxed);
        std::thread::sleep(Duration::from_secs(3));
        std::process::exit(129);
    });
}

fn release_mouse_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// SIGTERM (a shutdown), SIGHUP (a dropped SSH link) and SIGINT end the interface the way
/// «q» does: unsaved text written, terminal restored.
pub(crate) fn stop_signals() -> Result<Arc<AtomicBool>, String> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| format!("no se pudo preparar la interfaz para las señales del sistema: {e}"))?;
    }
    Ok(stop)
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, stop: &AtomicBool) -> Result<(), String> {
    let mut last_key = Instant::now();
    // An idle interface draws only when something changed: a key, a resize, a save, someone
    // else's change, or the minute on the clocks it shows.
    let mut dirty = true;
    let mut minute = chrono::Utc::now().timestamp() / 60;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        let now = chrono::Utc::now().timestamp() / 60;
        if dirty || now != minute {
            draw_whole(terminal, |frame| app.draw(frame))?;
            (dirty, minute) = (false, now);
        }
        dirty |= app.tick(last_key.elapsed());
        if !event::poll(Duration::from_millis(250)).map_err(|e| e.to_string())? {
            continue;
        }
        last_key = Instant::now();
        dirty = true;
        match event::read().map_err(|e| e.to_string())? {
            Event::Key(key) if key.kind == KeyEventKind::Press => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            _ => {}
        }
    }
    // Keys already typed but not yet read (the signal came mid-typing) still count.
    while !app.quit && event::poll(Duration::ZERO).unwrap_or(false) {
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => app.on_key(key),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// Draws one frame as a synchronized update, so the terminal (or a projector over a slow
/// link) shows it whole rather than torn half-way; terminals without the mode ignore it.
pub(crate) fn draw_whole(
    terminal: &mut ratatui::DefaultTerminal,
    render: impl FnOnce(&mut Frame),
) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("no se pudo dibujar la pantalla: {e}");
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate).map_err(failed)?;
    terminal.draw(render).map_err(failed)?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate).map_err(failed)
}

#[cfg(test)]
mod tests;
