//! What the acta screen's keys do.

use std::time::Duration;

use super::app::{App, Modal, Screen};
use super::forms::{self, Purpose};
use super::keymap::Action;
use super::screens::minutes::MinutesScreen;
use crate::domain::minutes::MinutesStatus;
use crate::domain::session::{SessionStatus, title};
use crate::ops::{Op, OpError};
use crate::store::{minutes, sessions};

impl App {
    /// The acta of a closed session, drafted from its records the first time.
    pub(super) fn open_minutes(&mut self, session: i64) {
        let Ok(Some(s)) = sessions::get(self.env.store.conn(), session) else { return };
        if s.status != SessionStatus::Closed {
            self.say(
                format!(
                    "La sesión está «{}»: el acta se redacta una vez clausurada.",
                    crate::domain::Labeled::label(s.status)
                ),
                true,
            );
            return;
        }
        let now = self.env.now();
        let name =
            self.data.body(s.body).map(|b| format!("{} · {}", b.acronym, title(s.number, s.kind, b.meeting_word)));
        if let Err(e) = self.env.run(Op::DraftMinutes { session, at: now }) {
            self.say(e.to_string(), true);
            return;
        }
        let loaded = match minutes::get(self.env.store.conn(), session) {
            Ok(Some(m)) => MinutesScreen::load(self.env.store.conn(), m, name.unwrap_or_default()),
            Ok(None) => Err(crate::store::StoreError::Refused("el acta no se guardó".into())),
            Err(e) => Err(e),
        };
        match loaded {
            Ok(screen) => {
                self.minutes = Some(screen);
                self.screen = Screen::Minutes;
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    fn refresh_minutes(&mut self) {
        if let Some(m) = self.minutes.as_mut()
            && let Err(e) = m.reload(self.env.store.conn())
        {
            self.status = Some((e.to_string(), true));
        }
    }

    /// Writes the acta's edits. A save over a version someone else saved meanwhile is
    /// refused: the other text is shown beside the user's, which stays in the editor.
    pub(super) fn save_minutes(&mut self) -> Result<(), OpError> {
        let now = self.env.now();
        let Some(op) = self.minutes.as_ref().and_then(|m| m.save_op(now)) else { return Ok(()) };
        let result = self.env.run(op);
        let Some(m) = self.minutes.as_mut() else { return Ok(()) };
        match result {
            Ok(done) => {
                m.saved(done.id.unwrap_or(m.base));
                Ok(())
            }
            Err(OpError::Conflict { theirs, version }) => {
                m.conflict = Some((theirs.clone(), version));
                Err(OpError::Conflict { theirs, version })
            }
            Err(e) => Err(e),
        }
    }

    /// Ctrl+G / Ctrl+T while the acta is in conflict: keep the user's text, or join both.
    pub(super) fn resolve_minutes(&mut self, join: bool) {
        let Some(m) = self.minutes.as_mut() else { return };
        let resolved = if join { m.join_texts() } else { m.keep_mine() };
        if !resolved {
            self.say(super::strings::NO_CONFLICT, true);
            return;
        }
        match self.save_minutes() {
            Ok(()) => self.say(super::strings::SAVED, false),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Later closed sessions of the same body, which can approve this session's acta.
    fn approvers(&self, session: i64) -> Vec<(i64, String)> {
        let conn = self.env.store.conn();
        let Ok(Some(s)) = sessions::get(conn, session) else { return Vec::new() };
        let filter = sessions::Filter { body: Some(s.body), from: s.schedule.date(), ..Default::default() };
        let word = self.data.body(s.body).map(|b| b.meeting_word).unwrap_or(crate::domain::body::MeetingWord::Session);
        sessions::list(conn, &filter)
            .unwrap_or_default()
            .into_iter()
            .filter(|x| x.status == SessionStatus::Closed && x.schedule.date() > s.schedule.date())
            .map(|x| (x.id, format!("{} ({})", title(x.number, x.kind, word), x.schedule.describe())))
            .collect()
    }

    pub(super) fn apply_minutes_edit(&mut self, action: Action) {
        let Some(m) = self.minutes.as_mut() else { return };
        match action {
            Action::MinutesInput(key) if m.editor.input(key) => {
                if !m.dirty {
                    m.last_save = std::time::Instant::now();
                }
                m.dirty = true;
            }
            Action::StopMinutes => {
                m.editing = false;
                if let Err(e) = self.save_minutes() {
                    self.say(super::app_console::explain("No se guardó el acta", &e), true);
                }
                self.refresh_minutes();
            }
            Action::KeepMine | Action::JoinTexts => self.resolve_minutes(action == Action::JoinTexts),
            _ => {}
        }
    }

    pub(super) fn tick_minutes(&mut self, _idle: Duration) {
        let due =
            self.minutes.as_ref().is_some_and(|m| m.dirty && m.last_save.elapsed() >= super::app_console::AUTOSAVE);
        if due && let Err(e) = self.save_minutes() {
            self.say(super::app_console::explain("No se pudo guardar el acta", &e), true);
        }
    }

    pub(super) fn apply_minutes(&mut self, action: Action) {
        let Some(m) = self.minutes.as_ref() else { return };
        let session = m.session();
        let approved = m.minutes.status == MinutesStatus::Approved;
        let today = self.env.today;
        match action {
            Action::EditMinutes if approved => self
                .say("El acta está aprobada y es definitiva; las correcciones van en una fe de erratas («f»).", true),
            Action::EditMinutes => {
                if let Some(m) = self.minutes.as_mut() {
                    m.editing = true;
                }
            }
            Action::Regenerate => {
                let now = self.env.now();
                let text = m.text();
                let result = self
                    .save_minutes()
                    .and_then(|_| self.env.run(Op::RegenerateMinutes { session, at: now, text: text.clone() }));
                if result.is_ok()
                    && let (Some(m), Ok(Some(fresh))) =
                        (self.minutes.as_mut(), minutes::get(self.env.store.conn(), session))
                {
                    m.set_text(&fresh.text, fresh.version);
                }
                self.refresh_minutes();
                match result.map(|d| d.detail.unwrap_or_default()) {
                    Ok(kept) if kept.is_empty() => self.say("Acta regenerada desde los registros.", false),
                    Ok(kept) => self.say(
                        format!(
                            "Acta regenerada; se conservaron sus ediciones en: {}. Revíselas.",
                            kept.lines().collect::<Vec<_>>().join(", ")
                        ),
                        false,
                    ),
                    Err(e) => self.say(e.to_string(), true),
                }
            }
            Action::SendMinutes => self.modal = Some(Modal::Form(forms::send_form(session, today))),
            Action::AddObservation => self.modal = Some(Modal::Form(forms::observation_form(session, today))),
            Action::AcceptObservation | Action::RejectObservation => {
                let Some(obs) = m.pending_observation().map(|o| o.id) else {
                    self.say("No hay observaciones por decidir.", true);
                    return;
                };
                let accepted = action == Action::AcceptObservation;
                match self.env.run(Op::DecideObservation { observation: obs, accepted, on: today }) {
                    Ok(_) => self.say(if accepted { "Observación aceptada." } else { "Observación rechazada." }, false),
                    Err(e) => self.say(e.to_string(), true),
                }
                self.refresh_minutes();
            }
            Action::ApproveMinutes => {
                let options = self.approvers(session);
                let ids = options.iter().map(|(id, _)| *id).collect();
                self.modal = Some(Modal::Form(forms::approve_form(Purpose::ApproveMinutes(session, ids), &options)));
            }
            Action::AddErratum => self.modal = Some(Modal::Form(forms::erratum_form(session))),
            Action::ApproveErratum => {
                let Some(e) = m.errata.iter().find(|e| e.sha256.is_none()).map(|e| e.id) else {
                    self.say("No hay fe de erratas pendiente de aprobación.", true);
                    return;
                };
                let options = self.approvers(session);
                let ids = options.iter().map(|(id, _)| *id).collect();
                self.modal = Some(Modal::Form(forms::approve_form(Purpose::ApproveErratum(e, ids), &options)));
            }
            Action::Print => self.print_form(session, super::forms::Printable::Minutes),
            _ => {}
        }
    }

    pub(super) fn after_minutes_form(&mut self, purpose: &Purpose) {
        self.refresh_minutes();
        let message = match purpose {
            Purpose::SendMinutes(_) => "Acta enviada a revisión.".to_string(),
            Purpose::Observation(_) => {
                "Observación registrada; decida si se acepta («y») o se rechaza («x»).".to_string()
            }
            Purpose::ApproveMinutes(..) => {
                let hash = self.minutes.as_ref().and_then(|m| m.minutes.sha256.clone()).unwrap_or_default();
                format!("Acta aprobada; su texto queda fijo. SHA-256: {hash}")
            }
            Purpose::Erratum(_) => "Fe de erratas agregada; se aprueba en una sesión posterior («F»).".to_string(),
            Purpose::ApproveErratum(..) => "Fe de erratas aprobada.".to_string(),
            _ => String::new(),
        };
        self.say(message, false);
    }

    pub fn is_minutes_purpose(purpose: &Purpose) -> bool {
        matches!(
            purpose,
            Purpose::SendMinutes(_)
                | Purpose::Observation(_)
                | Purpose::ApproveMinutes(..)
                | Purpose::Erratum(_)
                | Purpose::ApproveErratum(..)
        )
    }
}
