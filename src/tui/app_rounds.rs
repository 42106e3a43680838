//! What the Rondas screen's keys do.

use super::app::{App, Modal, Screen};
use super::forms::{self, Printable, Purpose};
use super::keymap::Action;
use super::screens::rounds::RoundsScreen;

impl App {
    pub(super) fn show_rounds(&mut self) {
        let conn = self.env.store.conn();
        let loaded = match self.rounds.as_mut() {
            Some(r) => r.reload(conn),
            None => RoundsScreen::load(conn, self.env.today).map(|r| self.rounds = Some(r)),
        };
        match loaded {
            Ok(()) => self.screen = Screen::Rounds,
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn apply_rounds(&mut self, action: Action) {
        let Some(r) = self.rounds.as_mut() else { return };
        let today = self.env.today;
        let round = r.selected_round().map(|x| x.id);
        let request = r.selected_request().map(|q| (q.institution, q.acronym.clone()));
        let form = match (action, round, request) {
            (Action::New, ..) => Some(forms::round_form(&self.data, today)),
            (Action::MarkSent, Some(round), Some((id, acronym))) => {
                Some(forms::sent_form(round, Some((id, &acronym)), today))
            }
            (Action::MarkAllSent, Some(round), _) => Some(forms::sent_form(round, None, today)),
            (Action::RecordAnswer, Some(round), Some((id, acronym))) => {
                Some(forms::answer_form(round, id, &acronym, today))
            }
            (Action::Print, Some(round), _) => {
                self.print_form(round, Printable::RoundLetters);
                return;
            }
            (Action::MarkSent | Action::MarkAllSent | Action::RecordAnswer | Action::Print, ..) => {
                self.say(crate::tui::strings::NO_ROUND_SELECTED, true);
                return;
            }
            (other, ..) => {
                if let Err(e) = r.handle(self.env.store.conn(), other) {
                    self.say(e.to_string(), true);
                }
                return;
            }
        };
        self.modal = form.map(Modal::Form);
    }

    pub fn is_rounds_purpose(purpose: &Purpose) -> bool {
        matches!(purpose, Purpose::NewRound | Purpose::RoundSent { .. } | Purpose::RoundAnswer { .. })
    }

    /// After a saved rounds form: reload, select the new round, say what happened.
    pub(super) fn after_rounds_form(&mut self, purpose: &Purpose, id: Option<i64>) {
        let conn = self.env.store.conn();
        let reloaded = match self.rounds.as_mut() {
            Some(r) => r.reload_selecting(conn, id),
            None => RoundsScreen::load(conn, self.env.today).map(|r| self.rounds = Some(r)),
        };
        if let Err(e) = reloaded {
            self.say(e.to_string(), true);
            return;
        }
        let message = match (purpose, self.rounds.as_ref()) {
            (Purpose::NewRound, Some(r)) => {
                format!("Ronda abierta: {} oficios.", r.requests.len())
            }
            (Purpose::RoundSent { .. }, _) => "Envío registrado.".to_string(),
            (Purpose::RoundAnswer { .. }, _) => "Respuesta registrada.".to_string(),
            _ => String::new(),
        };
        self.say(message, false);
    }
}
