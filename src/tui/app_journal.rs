//! The Bitácora screen, undo (`u` anywhere), and following what other processes write.

use rusqlite::Connection;

use super::app::{App, Modal, Pending, Screen};
use super::keymap::Action;
use super::screens::journal::JournalScreen;
use super::strings;
use crate::ops::{self, Op, undo};

/// SQLite's count of commits by other connections: when it moves, someone else wrote.
pub fn data_version(conn: &Connection) -> crate::store::Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

impl App {
    /// Verifies the database at `path` on its own connection in the background, so start-up
    /// does not wait; a problem shows in red on the status line (see `secretaria verificar`).
    pub fn verify_in_background(&mut self, path: std::path::PathBuf) {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let found = crate::store::Store::open(&path)
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

    /// Collects the background verification's verdict when it arrives.
    pub(super) fn verification_done(&mut self) {
        let Some(r) = &self.verifying else { return };
        if let Ok(found) = r.try_recv() {
            self.alert = found;
            self.verifying = None;
        }
    }

    /// An empty database: asks whether to load the demonstration data, and says how to
    /// bring one's own.
    pub fn offer_demo(&mut self) {
        let question = format!("{} {}", strings::EMPTY_DB, strings::EMPTY_DB_QUESTION);
        self.modal = Some(Modal::Confirm { question, pending: Pending::LoadDemo });
    }

    pub(super) fn load_demo(&mut self) {
        let ctx = self.env.ctx.clone();
        match crate::demo::load(&mut self.env.store, &ctx, false) {
            Ok(_) => {
                self.env.demo = true;
                self.refresh_everything();
                self.calendar.select_from_day(&self.data);
                self.say(strings::DEMO_LOADED, false);
            }
            Err(e) => self.say(e, true),
        }
    }

    pub(super) fn show_journal(&mut self) {
        let conn = self.env.store.conn();
        let loaded = match self.journal.as_mut() {
            Some(j) => j.reload(conn),
            None => JournalScreen::load(conn, self.env.ctx.now()).map(|j| self.journal = Some(j)),
        };
        match loaded {
            Ok(()) => self.screen = Screen::Journal,
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn apply_journal(&mut self, action: Action) {
        let Some(j) = self.journal.as_mut() else { return };
        if j.handle(action)
            && let Err(e) = j.reload(self.env.store.conn())
        {
            self.say(e.to_string(), true);
        }
    }

    /// Asks before undoing the user's own last change, naming it.
    pub(super) fn ask_undo(&mut self) {
        let conn = self.env.store.conn();
        let last = undo::last_undoable(conn, &self.env.ctx.actor).ok().flatten();
        let Some(entry) = last.and_then(|seq| ops::journal::get(conn, seq).ok().flatten()) else {
            self.say(strings::NOTHING_TO_UNDO, true);
            return;
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
        self.modal = Some(Modal::Confirm { question, pending: Pending::Undo(entry.seq) });
    }

    pub(super) fn undo(&mut self, seq: i64) {
        match self.env.run(Op::Undo { entry: seq }) {
            Ok(done) => {
                self.refresh_everything();
                self.say(format!("Deshecho: {}.", done.detail.unwrap_or_default()), false);
            }
            Err(e) => self.say(format!("No se deshizo: {e}"), true),
        }
    }

    /// Reads every loaded screen again, keeping what the user is typing.
    pub(super) fn refresh_everything(&mut self) {
        self.reload();
        let conn = self.env.store.conn();
        let mut failed = None;
        if let Some(c) = self.console.as_mut() {
            failed = c.reload(conn).err().or(failed);
        }
        if let Some(m) = self.minutes.as_mut() {
            failed = m.reload(conn).err().or(failed);
        }
        if let Some(r) = self.rounds.as_mut() {
            failed = r.reload(conn).err().or(failed);
        }
        if let Some(j) = self.journal.as_mut() {
            failed = j.reload(conn).err().or(failed);
        }
        if self.screen == Screen::FollowUp {
            self.refresh_follow_up();
        }
        if self.screen == Screen::Dashboard {
            self.show_dashboard();
        }
        if let Some(e) = failed {
            self.say(e.to_string(), true);
        }
    }

    /// Between keys: when another process committed (a second console, a CLI command), the
    /// screens show it within a tick.
    pub(super) fn follow_others(&mut self) {
        let Ok(v) = data_version(self.env.store.conn()) else { return };
        if v == self.data_version {
            return;
        }
        self.data_version = v;
        self.refresh_everything();
    }
}
