//! What the Seguimiento screen's keys do.

use super::app::{App, Modal, Pending, Screen};
use super::forms::{self, Purpose};
use super::keymap::Action;
use super::screens::dashboard::DashboardScreen;
use super::screens::followup::FollowUpScreen;
use super::strings;
use crate::domain::followup::Source;
use crate::store::followup::Tracked;
use crate::store::plans;
use chrono::Datelike;
use ratatui::crossterm::event::KeyCode;

/// The selected row when it is a work-plan activity; otherwise what to tell the user
/// (`not_activity` when an agreement is selected).
fn selected_activity<'a>(f: &'a FollowUpScreen, not_activity: &'static str) -> Result<&'a Tracked, &'static str> {
    match f.selected_row().map(|r| &r.tracked) {
        None => Err(strings::NO_COMMITMENT_SELECTED),
        Some(t) if t.source != Source::Activity => Err(not_activity),
        Some(t) => Ok(t),
    }
}

impl App {
    pub(super) fn show_follow_up(&mut self) {
        if self.followup.is_none() {
            match FollowUpScreen::load(self.env.store.conn(), self.env.today) {
                Ok(s) => self.followup = Some(s),
                Err(e) => {
                    self.say(e.to_string(), true);
                    return;
                }
            }
        }
        self.screen = Screen::FollowUp;
    }

    pub(super) fn refresh_follow_up(&mut self) {
        if let Some(f) = self.followup.as_mut()
            && let Err(e) = f.reload(self.env.store.conn())
        {
            self.status = Some((e.to_string(), true));
        }
    }

    pub(super) fn apply_follow_up(&mut self, action: Action) {
        let Some(f) = self.followup.as_mut() else { return };
        let selected = f.selected_row().map(|r| (r.tracked.number.clone(), r.tracked.progress));
        match action {
            Action::StartSearch => f.searching = true,
            Action::New => {
                let row = f.selected_row();
                let body = row.map(|r| r.body.clone());
                let year = forms::proposed_year(row.and_then(|r| r.tracked.deadline.date()), self.env.today);
                self.modal = Some(Modal::Form(forms::activity_form(&self.data, body.as_deref(), year)));
            }
            Action::Edit => {
                let t = match selected_activity(f, strings::EDIT_ONLY_ACTIVITIES) {
                    Ok(t) => t,
                    Err(refusal) => return self.say(refusal, true),
                };
                let form = plans::activity(self.env.store.conn(), t.id)
                    .and_then(|a| a.map(|a| forms::edit_activity_form(&self.env, &a)).transpose());
                match form {
                    Ok(Some(form)) => self.modal = Some(Modal::Form(form)),
                    Ok(None) => self.say("La actividad ya no existe.", true),
                    Err(e) => self.say(e.to_string(), true),
                }
            }
            Action::Delete => {
                let t = match selected_activity(f, strings::DELETE_ONLY_ACTIVITIES) {
                    Ok(t) => t,
                    Err(refusal) => return self.say(refusal, true),
                };
                let question = format!(
                    "¿Eliminar la actividad {} del programa de trabajo?\n\n«{}»",
                    t.number,
                    crate::domain::text::shortened(t.text.trim(), 100)
                );
                self.modal = Some(Modal::Confirm { question, pending: Pending::DeleteActivity(t.id) });
            }
            Action::AddProgress | Action::Reprogram | Action::VoidAgreement => {
                let Some((number, progress)) = selected else {
                    self.say(strings::NO_COMMITMENT_SELECTED, true);
                    return;
                };
                let form = match action {
                    Action::AddProgress => forms::progress_form(&number, progress, self.env.today),
                    Action::Reprogram => forms::reprogram_form(&number),
                    _ => forms::void_form(&number),
                };
                self.modal = Some(Modal::Form(form));
            }
            other => {
                if f.handle(other)
                    && let Err(e) = f.load_detail(self.env.store.conn())
                {
                    self.say(e.to_string(), true);
                }
            }
        }
    }

    pub(super) fn delete_activity(&mut self, id: i64) {
        match self.env.run(crate::ops::Op::DeleteActivity { activity: id }) {
            Ok(done) => {
                let number = done.detail.unwrap_or_default();
                self.refresh_follow_up();
                if let Some(f) = self.followup.as_mut()
                    && let Err(e) = f.load_detail(self.env.store.conn())
                {
                    self.say(e.to_string(), true);
                    return;
                }
                self.say(format!("Actividad {number} eliminada del programa de trabajo."), false);
            }
            Err(e) => self.say(format!("No se eliminó: {e}"), true),
        }
    }

    pub(super) fn apply_search(&mut self, action: Action) {
        let Some(f) = self.followup.as_mut() else { return };
        let changed = match action {
            Action::StopSearch => {
                f.searching = false;
                false
            }
            Action::SearchInput(key) => match key.code {
                KeyCode::Char(c) => f.type_query(Some(c)),
                KeyCode::Backspace => f.type_query(None),
                _ => false,
            },
            _ => false,
        };
        if changed && let Err(e) = f.load_detail(self.env.store.conn()) {
            self.say(e.to_string(), true);
        }
    }

    pub(super) fn after_follow_up_form(&mut self, purpose: &Purpose, id: Option<i64>) {
        self.refresh_follow_up();
        if let (Purpose::NewActivity | Purpose::EditActivity(_), Some(id)) = (purpose, id) {
            let Some(f) = self.followup.as_mut() else { return };
            let number = f.select(Source::Activity, id).unwrap_or_default();
            let message = match purpose {
                Purpose::NewActivity => format!("Actividad {number} agregada al programa de trabajo."),
                _ => format!("Actividad {number} corregida."),
            };
            if let Err(e) = f.load_detail(self.env.store.conn()) {
                self.say(e.to_string(), true);
                return;
            }
            self.say(message, false);
            return;
        }
        // The agreement may have left the filtered list (e.g. now cumplido): look it up by number.
        let number = match purpose {
            Purpose::Progress(n) | Purpose::Reprogram(n) | Purpose::VoidAgreement(n) => n.as_str(),
            _ => "",
        };
        let state = self
            .followup
            .as_ref()
            .and_then(|f| f.rows.iter().find(|r| r.tracked.number == number))
            .map(|r| crate::domain::Labeled::label(r.tracked.status))
            .unwrap_or_default();
        let message = match purpose {
            Purpose::Progress(n) => format!("Avance registrado en {n}; estado «{state}»."),
            Purpose::Reprogram(n) => format!("{n} reprogramado; el plazo anterior queda en el historial."),
            Purpose::VoidAgreement(n) => format!("{n} quedó sin efecto."),
            _ => String::new(),
        };
        self.say(message, false);
    }

    pub fn is_follow_up_purpose(purpose: &Purpose) -> bool {
        matches!(
            purpose,
            Purpose::Progress(_)
                | Purpose::Reprogram(_)
                | Purpose::VoidAgreement(_)
                | Purpose::NewActivity
                | Purpose::EditActivity(_)
        )
    }
}

impl App {
    pub(super) fn show_dashboard(&mut self) {
        match DashboardScreen::load(self.env.store.conn(), self.env.today) {
            Ok(d) => {
                self.dashboard = Some(d);
                self.screen = Screen::Dashboard;
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn apply_dashboard(&mut self, action: Action) {
        let Some(d) = self.dashboard.as_mut() else { return };
        let today = self.env.today.year();
        d.year = match (action, d.year) {
            (Action::PrevPeriod, Some(y)) => Some(y - 1),
            (Action::NextPeriod, Some(y)) => Some(y + 1),
            (Action::PrevPeriod | Action::NextPeriod, None) => Some(today),
            (Action::AllYears, _) => None,
            (_, y) => y,
        };
        if let Err(e) = d.reload(self.env.store.conn()) {
            self.say(e.to_string(), true);
        }
    }
}
