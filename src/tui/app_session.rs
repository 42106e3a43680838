//! What the application does itself, beyond one screen: opening a session's console and its
//! acta, its own questions (undo, the demo, opening a session, quitting), following other
//! processes' changes, the start-up verification, the idle tick and quitting.

use std::time::Duration;

use rusqlite::Connection;

use super::app::{App, AppQuestion, Asker, Modal};
use super::component::{Component, Ctx};
use super::screens::console::ConsoleScreen;
use super::screens::minutes::MinutesScreen;
use super::strings;
use crate::domain::Labeled;
use crate::domain::session::SessionStatus;
use crate::ops::{self, Op, OpError, undo};
use crate::store::{minutes, sessions};

/// Idle time after which the WAL is copied into the database file.
const IDLE_CHECKPOINT: Duration = Duration::from_secs(2);

/// SQLite's count of commits by other connections: when it moves, someone else wrote.
pub fn data_version(conn: &Connection) -> crate::store::Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// The session under way (or in recess), the latest if several: what `3` returns to after a
/// restart. One marked «suspendida» that never started (a calendar's word for a session
/// called off) is not under way.
pub fn session_under_way(conn: &Connection) -> Option<i64> {
    conn.query_row(
        "SELECT id FROM sessions WHERE status IN ('in_progress', 'suspended') AND started_at IS NOT NULL
         ORDER BY started_at DESC, id DESC LIMIT 1",
        [],
        |r| r.get(0),
    )
    .ok()
}

impl App {
    fn ask(&mut self, question: String, q: AppQuestion) {
        self.modal = Some(Modal::Confirm { question, asker: Asker::App(q) });
    }

    pub(super) fn answered(&mut self, q: AppQuestion) {
        match q {
            AppQuestion::Undo(seq) => self.undo(seq),
            AppQuestion::LoadDemo => self.load_demo(),
            AppQuestion::Quit => self.quit = true,
            AppQuestion::OpenSession(id, other_day) => {
                let at = self.session_now(id);
                match self.env.run(Op::OpenSession { session: id, at, other_day }) {
                    Ok(_) => {
                        self.show_console(id);
                        self.say(strings::SESSION_OPENED, false);
                    }
                    Err(e) => self.say(e.to_string(), true),
                }
            }
        }
    }

    /// The wall clock of the session's body now (the machine's zone never enters a record).
    fn session_now(&self, id: i64) -> chrono::NaiveDateTime {
        self.env.session_now(id)
    }

    /// A convoked session asks to be opened — saying so when today is not its scheduled day;
    /// one running or held opens straight in the console.
    pub fn open_session(&mut self, id: i64) {
        let Ok(Some(s)) = sessions::get(self.env.store.conn(), id) else { return };
        match s.status {
            SessionStatus::Convened => {
                let title =
                    self.data.body(s.body).map(|b| crate::domain::session::title(s.number, s.kind, b.meeting_word));
                let now = self.session_now(id);
                let time = crate::domain::dates::format_time(now.time());
                let title = format!("{} de {}", title.unwrap_or_default(), self.data.acronym(s.body));
                let other_day = s.schedule.date().is_some_and(|d| d != now.date());
                let question = match s.schedule.date() {
                    Some(scheduled) if other_day => strings::open_other_day(&title, scheduled, now.date(), &time),
                    _ => format!("¿Abrir la {title}? Se registra la hora de inicio ({time})."),
                };
                self.ask(question, AppQuestion::OpenSession(id, other_day));
            }
            SessionStatus::InProgress | SessionStatus::Suspended | SessionStatus::Closed => self.show_console(id),
            other => self.say(
                format!("La sesión está «{}»: convóquela primero (estado «convocada») para abrirla.", other.label()),
                true,
            ),
        }
    }

    /// Puts `screen` in the tab bar (replacing one with the same id) and shows it.
    fn place(&mut self, screen: Box<dyn Component>) {
        let id = screen.id();
        self.stale.resize(self.screens.len(), true);
        match self.index_of(id) {
            Some(i) => {
                self.screens[i] = screen;
                self.stale[i] = false;
            }
            None => {
                // The console goes before the acta, both after the fixed screens.
                let at = if id == super::screens::console::ID {
                    self.index_of(super::screens::minutes::ID).unwrap_or(self.screens.len())
                } else {
                    self.screens.len()
                };
                self.screens.insert(at, screen);
                self.stale.insert(at, false);
            }
        }
        if let Some(i) = self.index_of(id) {
            self.current = i;
        }
    }

    /// The session in the console, whatever its status (a convoked one is not opened).
    pub fn show_console(&mut self, id: i64) {
        // Notes typed in another session's console are written before it is replaced.
        if let Some(i) = self.index_of(super::screens::console::ID) {
            let mut failed = None;
            self.with_screen(i, |s, cx| failed = s.shutdown(cx).err());
            if let Some(e) = failed {
                return self.say(e.to_string(), true);
            }
        }
        match ConsoleScreen::load(self.env.store.conn(), id) {
            Ok(c) => self.place(Box::new(c)),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// The session's agenda in the console before it opens, to add, rename, move or remove
    /// items.
    pub(super) fn edit_agenda(&mut self, id: i64) {
        self.show_console(id);
        if let Some(c) = self.get_mut::<ConsoleScreen>().filter(|c| !c.live()) {
            c.focus = super::screens::console::Pane::Agenda;
            self.say(strings::AGENDA_EDIT_HINT, false);
        }
    }

    /// The acta of a closed session, drafted from its records the first time.
    pub(super) fn open_minutes(&mut self, session: i64) {
        let Ok(Some(s)) = sessions::get(self.env.store.conn(), session) else { return };
        if s.status != SessionStatus::Closed {
            let message = format!("La sesión está «{}»: el acta se redacta una vez clausurada.", s.status.label());
            return self.say(message, true);
        }
        if let Err(e) = self.env.run(Op::DraftMinutes { session, at: self.session_now(session) }) {
            return self.say(e.to_string(), true);
        }
        let name = self
            .data
            .body(s.body)
            .map(|b| format!("{} · {}", b.acronym, crate::domain::session::title(s.number, s.kind, b.meeting_word)));
        let loaded = match minutes::get(self.env.store.conn(), session) {
            Ok(Some(m)) => MinutesScreen::load(self.env.store.conn(), m, name.unwrap_or_default()),
            Ok(None) => Err(crate::store::StoreError::Refused("el acta no se guardó".into())),
            Err(e) => Err(e),
        };
        match loaded {
            Ok(screen) => self.place(Box::new(screen)),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Asks before undoing the user's own last change, naming it.
    pub(super) fn ask_undo(&mut self) {
        let conn = self.env.store.conn();
        let last = undo::last_undoable(conn, &self.env.ctx.actor).ok().flatten();
        let Some(entry) = last.and_then(|seq| ops::journal::get(conn, seq).ok().flatten()) else {
            return self.say(strings::NOTHING_TO_UNDO, true);
        };
        let zone = entry.body.and_then(|b| self.data.body(b)).map(|b| b.timezone.clone());
        let when = match zone {
            Some(z) => crate::domain::body::local_time(entry.at, &z).format("%H:%M:%S").to_string(),
            None => entry.at.with_timezone(&chrono::Local).format("%H:%M:%S").to_string(),
        };
        let question = format!(
            "¿Deshacer su último cambio, «{}» (entrada {}, a las {when})? Quedará registrado en la bitácora.",
            ops::label(&entry.op),
            entry.seq
        );
        self.ask(question, AppQuestion::Undo(entry.seq));
    }

    fn undo(&mut self, seq: i64) {
        match self.env.run(Op::Undo { entry: seq }) {
            Ok(done) => {
                self.refresh_everything();
                self.say(format!("Deshecho: {}.", done.detail.unwrap_or_default()), false);
            }
            Err(e) => self.say(format!("No se deshizo: {e}"), true),
        }
    }

    /// An empty database: asks whether to load the demonstration data, and says how to
    /// bring one's own.
    pub fn offer_demo(&mut self) {
        let question = format!("{} {}", strings::EMPTY_DB, strings::EMPTY_DB_QUESTION);
        self.ask(question, AppQuestion::LoadDemo);
    }

    fn load_demo(&mut self) {
        let ctx = self.env.ctx.clone();
        match crate::demo::load(&mut self.env.store, &ctx, false) {
            Ok(_) => {
                self.env.demo = true;
                self.refresh_everything();
                self.say(strings::DEMO_LOADED, false);
            }
            Err(e) => self.say(e, true),
        }
    }

    /// Reads the directory and the screen on view again, keeping what the user is typing;
    /// the other screens read again when shown.
    pub(super) fn refresh_everything(&mut self) {
        self.reload();
        let i = self.current;
        self.with_screen(i, |s, cx| s.reload(cx));
        self.stale_others(i);
    }

    /// Between keys: when another process committed (a second console, a CLI command), the
    /// screens show it within a tick.
    /// True when someone else changed the database and the screens were read again.
    fn follow_others(&mut self) -> bool {
        let Ok(v) = data_version(self.env.store.conn()) else { return false };
        if v == self.data_version {
            return false;
        }
        self.data_version = v;
        self.refresh_everything();
        true
    }

    /// Verifies the database at `path` on its own connection in the background, so start-up
    /// does not wait; a problem shows in red on the status line (see `secretaria verificar`).
    pub fn verify_in_background(&mut self, path: std::path::PathBuf) {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let found = crate::store::Store::open_existing(&path)
                .and_then(|s| crate::ops::verify::verify(s.conn()))
                .map(|r| {
                    let n = r.problems().count() as i64;
                    (!r.ok).then(|| {
                        format!(
                            "{}: {} · «secretaria verificar» los detalla",
                            strings::VERIFY_FAILED,
                            crate::domain::text::counted(n, "problema", "problemas")
                        )
                    })
                })
                .unwrap_or_else(|e| Some(format!("{}: {e}", strings::VERIFY_FAILED)));
            let _ = send.send(found);
        });
        self.verifying = Some(receive);
    }

    /// True when the verdict arrived with a problem to show.
    fn verification_done(&mut self) -> bool {
        let Some(r) = &self.verifying else { return false };
        let Ok(found) = r.try_recv() else { return false };
        self.verifying = None;
        let shown = found.is_some();
        if shown {
            self.alert = found;
        }
        shown
    }

    /// Called between keys: the screens' autosave, others' changes, the verification's
    /// verdict, and the checkpoint when the user has been idle. True when any of it may have
    /// changed what the screen shows, so the idle interface draws only then.
    pub fn tick(&mut self, idle: Duration) -> bool {
        let mut changed = false;
        for i in 0..self.screens.len() {
            changed |= self.with_screen(i, |s, cx| s.tick(idle, cx));
        }
        changed |= self.follow_others();
        changed |= self.verification_done();
        if idle >= IDLE_CHECKPOINT && !self.checkpointed {
            self.checkpointed = self.env.store.idle_checkpoint().is_ok();
        }
        changed
    }

    /// Before quitting: nothing typed stays unsaved (every screen writes what it holds).
    pub fn shutdown(&mut self) -> Result<(), OpError> {
        let mut first = None;
        for screen in &mut self.screens {
            let mut cx = Ctx::new(&mut self.env, &mut self.data);
            if let Err(e) = screen.shutdown(&mut cx) {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }
}
