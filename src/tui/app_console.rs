//! What the console's keys do. Every mark, vote and agreement is written in its own
//! transaction the moment it is made, then the screen reloads from the store.

use std::time::Duration;

use super::app::{App, Modal, Pending, Screen};
use super::forms::{self, Purpose};
use super::keymap::Action;
use super::screens::console::{ConsoleScreen, Pane};
use super::strings;
use crate::domain::Labeled;
use crate::domain::member::Office;
use crate::domain::quorum::{AttendanceMode, Presence};
use crate::domain::session::SessionStatus;
use crate::ops::{Op, OpError};

/// A failed save in words, with what to do when someone else saved first.
pub(super) fn explain(what: &str, e: &OpError) -> String {
    match e {
        OpError::Conflict { .. } => format!("{what}: {}", strings::CONFLICT_HELP),
        other => format!("{what}: {other}"),
    }
}

/// Unsaved notes are written after this long, so at most ~2 s of typing can be lost.
pub const AUTOSAVE: Duration = Duration::from_secs(1);

/// Idle time after which the WAL is copied into the database file.
const IDLE_CHECKPOINT: Duration = Duration::from_secs(2);

impl Purpose {
    pub fn is_console(&self) -> bool {
        matches!(
            self,
            Purpose::NewItem { .. }
                | Purpose::RenameItem(_)
                | Purpose::Arrival { .. }
                | Purpose::NewVote { .. }
                | Purpose::Totals(_)
                | Purpose::Nominal(..)
                | Purpose::Agreement { .. }
                | Purpose::Recess(_)
                | Purpose::Reopen(_)
        )
    }
}

impl App {
    /// From the calendar: a convoked session asks to be opened; one running or held opens
    /// straight in the console.
    pub fn open_session(&mut self, id: i64) {
        let Ok(Some(s)) = crate::store::sessions::get(self.env.store.conn(), id) else { return };
        match s.status {
            SessionStatus::Convened => {
                let title =
                    self.data.body(s.body).map(|b| crate::domain::session::title(s.number, s.kind, b.meeting_word));
                let question = format!(
                    "¿Abrir la {} de {}? Se registra la hora de inicio ({}).",
                    title.unwrap_or_default(),
                    self.data.acronym(s.body),
                    crate::domain::dates::format_time(self.env.now().time())
                );
                self.modal = Some(Modal::Confirm { question, pending: Pending::OpenSession(id) });
            }
            SessionStatus::InProgress | SessionStatus::Suspended | SessionStatus::Closed => self.show_console(id),
            other => self.say(
                format!("La sesión está «{}»: convóquela primero (estado «convocada») para abrirla.", other.label()),
                true,
            ),
        }
    }

    /// The console before the session opens: its agenda, from the body's template, to edit.
    pub(super) fn prepare_agenda(&mut self, id: i64) {
        match self.env.run(Op::PrepareAgenda { session: id }) {
            Ok(_) => {
                self.show_console(id);
                if let Some(c) = self.console.as_mut().filter(|c| !c.live()) {
                    c.focus = Pane::Agenda;
                    self.say("Orden del día: «+» agregar · «e» título · «[»/«]» mover · «d» quitar. «o» en el Calendario abre la sesión.", false);
                }
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    fn show_console(&mut self, id: i64) {
        if let Err(e) = self.save_notes() {
            self.say(e.to_string(), true);
        }
        match ConsoleScreen::load(self.env.store.conn(), id) {
            Ok(c) => {
                self.console = Some(c);
                self.screen = Screen::Console;
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn confirm_console(&mut self, pending: Pending) {
        let now = self.env.now();
        match pending {
            Pending::OpenSession(id) => match self.env.run(Op::OpenSession { session: id, at: now }) {
                Ok(_) => {
                    self.show_console(id);
                    self.say("Sesión abierta. Pase lista: t titular · s suplente · j justificada.", false);
                }
                Err(e) => self.say(e.to_string(), true),
            },
            Pending::CloseSession(id) if self.notes_saved_first() => {
                self.console_write(Op::Close { session: id, at: now }, "Sesión clausurada.")
            }
            Pending::RemoveItem(item) => self.console_write(Op::RemoveItem { item }, "Punto quitado."),
            Pending::IssueNotice(id) => self.issue_notice(id),
            _ => {}
        }
    }

    /// Runs an operation, reloads the console (and the calendar when needed), and reports.
    fn console_write(&mut self, op: Op, ok: &str) {
        let result = self.env.run(op);
        self.refresh_console();
        match result {
            Ok(_) if ok.is_empty() => {}
            Ok(_) => self.say(ok, false),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Saves the notes before something that moves away from them; false (and the reason on
    /// the status line) when they could not be saved.
    fn notes_saved_first(&mut self) -> bool {
        match self.save_notes() {
            Ok(()) => true,
            Err(e) => {
                self.say(e.to_string(), true);
                false
            }
        }
    }

    /// Reloads the console's session. The calendar's data is reloaded only when the session's
    /// status may have changed: marks and votes don't show there, and reloading a year of
    /// sessions on every key would cost most of the frame.
    fn refresh_console(&mut self) {
        let before = self.console.as_ref().map(|c| c.record.session.status);
        if let Some(c) = self.console.as_mut()
            && let Err(e) = c.reload(self.env.store.conn())
        {
            self.status = Some((e.to_string(), true));
        }
        if self.console.as_ref().map(|c| c.record.session.status) != before {
            self.reload();
        }
    }

    /// Writes the notes typed since the last save. A save over notes someone else saved
    /// meanwhile is refused: the other text is shown beside the user's, which stays.
    pub(super) fn save_notes(&mut self) -> Result<(), OpError> {
        let Some(op) = self.console.as_ref().and_then(|c| c.notes_save()) else { return Ok(()) };
        let result = self.env.run(op);
        let Some(c) = self.console.as_mut() else { return Ok(()) };
        match result {
            Ok(done) => {
                c.notes_saved(done.id.unwrap_or(c.notes_base));
                Ok(())
            }
            Err(OpError::Conflict { theirs, version }) => {
                c.conflict = Some((theirs.clone(), version));
                Err(OpError::Conflict { theirs, version })
            }
            Err(e) => Err(e),
        }
    }

    /// Ctrl+G / Ctrl+T while a conflict is shown: keep the user's text, or join both.
    pub(super) fn resolve_notes(&mut self, join: bool) {
        let Some(c) = self.console.as_mut() else { return };
        let resolved = if join { c.join_texts() } else { c.keep_mine() };
        if !resolved {
            self.say(strings::NO_CONFLICT, true);
            return;
        }
        match self.save_notes() {
            Ok(()) => self.say(strings::SAVED, false),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Called between keys: writes notes left unsaved for a while, and checkpoints the WAL
    /// when the user has been idle.
    pub fn tick(&mut self, idle: Duration) {
        let due = self.console.as_ref().is_some_and(|c| c.dirty && c.last_save.elapsed() >= AUTOSAVE);
        if due && let Err(e) = self.save_notes() {
            self.say(explain("No se pudieron guardar las notas", &e), true);
        }
        self.tick_minutes(idle);
        self.follow_others();
        self.verification_done();
        if idle >= IDLE_CHECKPOINT && !self.checkpointed {
            self.checkpointed = self.env.store.idle_checkpoint().is_ok();
        }
    }

    /// Before quitting: nothing typed stays unsaved. Notes in conflict are saved joined to
    /// the other person's, so neither text is lost.
    pub fn shutdown(&mut self) -> Result<(), OpError> {
        match self.save_notes() {
            Err(OpError::Conflict { .. }) => {
                if let Some(c) = self.console.as_mut() {
                    c.join_texts();
                }
                self.save_notes()?;
            }
            other => other?,
        }
        match self.save_minutes() {
            Err(OpError::Conflict { .. }) => {
                if let Some(m) = self.minutes.as_mut() {
                    m.join_texts();
                }
                self.save_minutes()
            }
            other => other,
        }
    }

    pub(super) fn apply_notes(&mut self, action: Action) {
        let Some(c) = self.console.as_mut() else { return };
        match action {
            // The autosave clock starts at the first unsaved keystroke.
            Action::NotesInput(key) if c.notes.input(key) => {
                if !c.dirty {
                    c.last_save = std::time::Instant::now();
                }
                c.dirty = true;
            }
            Action::StopNotes => {
                c.editing = false;
                if let Err(e) = self.save_notes() {
                    self.say(explain("No se guardaron las notas", &e), true);
                }
            }
            Action::KeepMine | Action::JoinTexts => self.resolve_notes(action == Action::JoinTexts),
            _ => {}
        }
    }

    pub(super) fn apply_console(&mut self, action: Action) {
        let now = self.env.now();
        let Some(c) = self.console.as_ref() else { return };
        let session = c.session();
        let member = c.selected_roll().map(|r| (r.membership.id, r.institution.acronym.clone(), r.entry.clone()));
        let selected_item = c.selected_item().cloned();
        let current = c.record.current_item().cloned();
        let on_roll = c.focus == Pane::Roll;
        let target = if on_roll { current.clone() } else { selected_item.clone() };
        match action {
            Action::MarkTitular | Action::MarkAlternate | Action::MarkAbsent | Action::MarkJustified if on_roll => {
                let Some((m, _, _)) = member else { return };
                let presence = match action {
                    Action::MarkTitular => Presence::Titular,
                    Action::MarkAlternate => Presence::Alternate,
                    Action::MarkAbsent => Presence::Absent,
                    _ => Presence::Justified,
                };
                self.console_write(Op::Mark { session, membership: m, presence, at: now.time() }, "");
                self.advance_roll();
            }
            Action::ToggleMode if on_roll => {
                let Some((m, _, Some(e))) = member else { return };
                let mode = if e.mark.mode == AttendanceMode::Remote {
                    AttendanceMode::InPerson
                } else {
                    AttendanceMode::Remote
                };
                self.console_write(Op::SetMode { session, membership: m, mode }, "");
            }
            Action::ToggleDeparture if on_roll => {
                let Some((m, siglas, Some(e))) = member else { return };
                let (at, message) = match e.mark.departure {
                    Some(_) => (None, format!("{siglas} regresó a la sesión.")),
                    None => (
                        Some(now.time()),
                        format!("{siglas} se retiró a las {}.", crate::domain::dates::format_time(now.time())),
                    ),
                };
                self.console_write(Op::SetDeparture { session, membership: m, at }, &message);
            }
            Action::ArrivalTime if on_roll => {
                let Some((m, siglas, entry)) = member else { return };
                let arrival = entry.and_then(|e| e.mark.arrival);
                self.modal = Some(Modal::Form(forms::arrival_form(session, m, &siglas, arrival)));
            }
            Action::MakeCurrent if !on_roll => {
                let Some(item) = selected_item else { return };
                if !self.notes_saved_first() {
                    return;
                }
                self.console_write(Op::SetCurrentItem { session, item: item.id, at: now }, "");
                if let Some(c) = self.console.as_mut()
                    && c.record.conduct.current_item == Some(item.id)
                {
                    c.follow_current();
                }
            }
            Action::AddItem if !on_roll => {
                self.modal = Some(Modal::Form(forms::item_form(session, selected_item.map(|i| i.id))));
            }
            Action::RenameItem if !on_roll => {
                let Some(item) = selected_item else { return };
                self.modal = Some(Modal::Form(forms::rename_form(item.id, &item.title)));
            }
            Action::ItemUp | Action::ItemDown if !on_roll => {
                let Some(item) = selected_item else { return };
                let up = action == Action::ItemUp;
                self.console_write(Op::MoveItem { item: item.id, up }, "");
                if let Some(c) = self.console.as_mut() {
                    c.item = c.record.items.iter().position(|i| i.id == item.id).unwrap_or(c.item);
                }
            }
            Action::Delete if !on_roll => {
                let Some(item) = selected_item else { return };
                let question = format!("¿Quitar del orden del día el punto «{}»?", item.title);
                self.modal = Some(Modal::Confirm { question, pending: Pending::RemoveItem(item.id) });
            }
            Action::EditNotes => match (current, self.console.as_mut()) {
                (Some(_), Some(c)) => {
                    if c.notes_item != c.record.conduct.current_item {
                        c.follow_current();
                    }
                    c.editing = true;
                }
                _ => self.say("No hay punto en curso: elija uno en el orden del día y pulse Intro.", true),
            },
            // Votes and agreements go on the item chosen in the agenda, or else the current one.
            Action::NewVote => self.new_vote(target.map(|i| i.id)),
            Action::Recount => self.recount(target.map(|i| i.id)),
            Action::NewAgreement => match target {
                Some(item) => self.modal = Some(Modal::Form(forms::agreement_form(session, item.id, None, ""))),
                None => self.say("No hay punto en curso.", true),
            },
            Action::SecondCall => {
                self.console_write(Op::SecondCall { session, at: now }, "Segunda convocatoria registrada.")
            }
            Action::Recess => match self.console.as_ref().map(|c| c.record.session.status) {
                Some(SessionStatus::Suspended) => {
                    self.console_write(Op::Resume { session, at: now }, "Sesión reanudada.")
                }
                _ => self.modal = Some(Modal::Form(forms::reason_form(Purpose::Recess(session)))),
            },
            Action::CloseSession => {
                let question = "¿Clausurar la sesión? Se registra la hora de término.".to_string();
                self.modal = Some(Modal::Confirm { question, pending: Pending::CloseSession(session) });
            }
            Action::ReopenSession => self.modal = Some(Modal::Form(forms::reason_form(Purpose::Reopen(session)))),
            Action::OpenMinutes => self.open_minutes(session),
            other => {
                if let Some(c) = self.console.as_mut() {
                    c.handle(other);
                }
            }
        }
    }

    /// After a mark, the next row: roll call goes down the list.
    fn advance_roll(&mut self) {
        if let Some(c) = self.console.as_mut() {
            c.handle(Action::Down);
        }
    }

    fn new_vote(&mut self, item: Option<i64>) {
        let Some(c) = self.console.as_ref() else { return };
        let Some(item) = item else {
            self.say("No hay punto en curso: elija un punto en el orden del día.", true);
            return;
        };
        self.modal = Some(Modal::Form(forms::vote_form(c.session(), item, c.record.body.rules.majority)));
    }

    /// The count form for `vote`: voters are those present with vote right now.
    fn count_form(&mut self, vote: i64, recount: bool) {
        let Some(c) = self.console.as_ref() else { return };
        let Some(v) = c.record.votes.iter().find(|v| v.id == vote) else { return };
        let voters: Vec<(i64, String)> = c
            .record
            .roll
            .iter()
            .filter(|r| {
                crate::domain::quorum::may_vote(r.membership.rights, r.entry.as_ref().is_some_and(|e| e.mark.here()))
            })
            .map(|r| {
                let tag = if r.membership.office == Office::Presidency { " (Presidencia)" } else { "" };
                (r.membership.id, format!("{}{tag}", r.institution.acronym))
            })
            .collect();
        let casting = c.record.body.rules.casting_vote;
        self.modal = Some(Modal::Form(forms::count_form(vote, &v.motion, v.mode, &voters, casting, recount)));
    }

    fn recount(&mut self, item: Option<i64>) {
        let last = self.console.as_ref().and_then(|c| {
            c.record.votes.iter().rev().find(|v| Some(v.item) == item && v.current().is_some()).map(|v| v.id)
        });
        match last {
            Some(v) => self.count_form(v, true),
            None => self.say("No hay votación contada en ese punto.", true),
        }
    }

    pub(super) fn after_console_form(&mut self, purpose: &Purpose, id: Option<i64>) {
        self.refresh_console();
        match (purpose, id) {
            (Purpose::NewVote { .. }, Some(vote)) => self.count_form(vote, false),
            (Purpose::Totals(vote) | Purpose::Nominal(vote, _), _) => {
                let Some(c) = self.console.as_ref() else { return };
                let Some(v) = c.record.votes.iter().find(|v| v.id == *vote) else { return };
                let Some(count) = v.current() else { return };
                let (approved, explanation) = (count.approved, count.explanation.clone());
                let (session, item, motion) = (v.session, v.item, v.motion.clone());
                self.say(explanation, !approved);
                if approved {
                    // An approved vote leads straight to its agreement; Esc skips it.
                    self.modal = Some(Modal::Form(forms::agreement_form(session, item, Some((*vote, &motion)), "")));
                }
            }
            (Purpose::Agreement { .. }, _) => {
                let number = self.console.as_ref().and_then(|c| c.record.agreements.last()).map(|a| a.number.clone());
                self.say(format!("Acuerdo {} registrado.", number.unwrap_or_default()), false);
            }
            (Purpose::Reopen(_), _) => self.say("Sesión reabierta; el motivo quedó registrado.", false),
            (Purpose::Recess(_), _) => self.say("Receso. «p» para reanudar.", false),
            _ => self.say(strings::SAVED, false),
        }
    }
}
