//! What the Calendario's keys do: programme, edit and delete sessions, issue the
//! convocatoria, prepare the agenda, open the session or its acta.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode as K;
use ratatui::layout::Rect;

use super::calendar::{CalendarScreen, View as CalendarView};
use crate::domain::session::title;
use crate::ops::Op;
use crate::store::notices;
use crate::tui::component::{Component, Ctx, Effect, Tab, View};
use crate::tui::forms::{self, Printable, Purpose};
use crate::tui::keymap::{Action as A, Key::Char as C, Key::Code, KeyContext, b};
use crate::tui::strings;

pub const ID: &str = "calendario";

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Calendario",
    globals: true,
    typing: None,
    bindings: &[
        b("vista", &[C('v')], A::ToggleView, "Cambiar entre agenda y mes"),
        b("periodo_anterior", &[C('['), C('<')], A::PrevPeriod, "Año anterior (agenda) o mes anterior (mes)"),
        b("periodo_siguiente", &[C(']'), C('>')], A::NextPeriod, "Año siguiente (agenda) o mes siguiente (mes)"),
        b("hoy", &[C('t')], A::Today, "Volver a hoy"),
        b("izquierda", &[Code(K::Left)], A::Left, "Agenda: lista de fechas · Mes: día anterior"),
        b("derecha", &[Code(K::Right)], A::Right, "Agenda: lista «Por fijar» · Mes: día siguiente"),
        b("alternar_lista", &[C('f')], A::SwitchPane, "Agenda: alternar entre fechas y «Por fijar»"),
        b("editar", &[Code(K::Enter), C('e')], A::Edit, "Editar la sesión seleccionada (Mes: ver el día en la agenda)"),
        b("nueva", &[C('n')], A::New, "Nueva sesión"),
        b("eliminar", &[C('d'), Code(K::Delete)], A::Delete, "Eliminar la sesión seleccionada"),
        b("abrir_sesion", &[C('o')], A::OpenSession, "Abrir la sesión seleccionada en la consola (o volver a ella)"),
        b("preparar_orden", &[C('a')], A::PrepareAgenda, "Preparar el orden del día de la sesión antes de abrirla"),
        b("acta", &[C('m')], A::OpenMinutes, "Acta de la sesión clausurada seleccionada"),
        b("convocar", &[C('c')], A::IssueNotice, "Emitir la convocatoria de la sesión seleccionada e imprimirla"),
        b("datos_convocatoria", &[C('x')], A::Documents, strings::KEY_NOTICE_DETAILS),
    ],
};

/// What a yes to the question on screen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Delete(i64),
    IssueNotice(i64),
}

impl CalendarScreen {
    fn selected_id(&self, cx: &mut Ctx) -> Option<i64> {
        let id = self.selected(cx.data).map(|s| s.id);
        if id.is_none() {
            cx.say(strings::NOTHING_SELECTED, true);
        }
        id
    }

    /// Asks before issuing, saying so when the notice is later than the regulation allows.
    fn ask_notice(&mut self, id: i64, cx: &mut Ctx) {
        let Ok(Some(s)) = crate::store::sessions::get(cx.env.store.conn(), id) else { return };
        let Some(date) = s.schedule.date() else {
            return cx.say("Fije primero la fecha de la sesión: una convocatoria lleva fecha y hora.", true);
        };
        let Some(body) = cx.data.body(s.body) else { return };
        let late = notices::late_warning(&body.rules, s.kind, cx.env.today, date);
        let mut question = format!(
            "¿Emitir hoy la convocatoria a la {} de {}? La sesión quedará «convocada».",
            title(s.number, s.kind, body.meeting_word),
            body.acronym
        );
        if let Some(w) = late {
            question = format!("ATENCIÓN: {w}. {question}");
        }
        self.asked = Some(Question::IssueNotice(id));
        cx.confirm(question);
    }

    fn ask_delete(&mut self, cx: &mut Ctx) {
        let Some(s) = self.selected(cx.data) else { return cx.say(strings::NOTHING_SELECTED, true) };
        let name = cx.data.body(s.body).map(|b| title(s.number, s.kind, b.meeting_word)).unwrap_or_default();
        let question = format!("¿Eliminar la {name} de {} ({})?", cx.data.acronym(s.body), s.schedule.describe());
        self.asked = Some(Question::Delete(s.id));
        cx.confirm(question);
    }

    /// The session's agenda from the body's template, in the console before the session opens.
    fn prepare_agenda(&mut self, id: i64, cx: &mut Ctx) {
        match cx.run(Op::PrepareAgenda { session: id }) {
            Ok(_) => cx.push(Effect::EditAgenda(id)),
            Err(e) => cx.say(e.to_string(), true),
        }
    }
}

impl Component for CalendarScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('1'), name: strings::TAB_CALENDAR.into(), short: "Cal.".into() }
    }

    fn keys(&self) -> &'static KeyContext {
        &KEYS
    }

    fn show(&mut self, cx: &mut Ctx) {
        cx.reload_data();
        self.reload(cx);
    }

    /// The directory is the application's, read again before this is called; the selection
    /// is kept by index and `selected` never reads past the end.
    fn reload(&mut self, _cx: &mut Ctx) {}

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        match action {
            A::New => cx.form(forms::session_form(cx.env, cx.data, None, self.day)),
            A::Edit if self.view == CalendarView::Month => {
                self.handle_navigation(A::ToggleView, cx.data, cx.env.today);
            }
            A::Edit => match self.selected(cx.data) {
                Some(s) => {
                    let form = forms::session_form(cx.env, cx.data, Some(s), self.day);
                    cx.form(form);
                }
                None => cx.say(strings::NOTHING_SELECTED, true),
            },
            A::OpenSession => {
                if let Some(id) = self.selected_id(cx) {
                    cx.push(Effect::OpenConsole(id));
                }
            }
            A::OpenMinutes => {
                if let Some(id) = self.selected_id(cx) {
                    cx.push(Effect::OpenMinutes(id));
                }
            }
            A::IssueNotice => {
                if let Some(id) = self.selected_id(cx) {
                    self.ask_notice(id, cx);
                }
            }
            A::Documents => {
                if let Some(id) = self.selected_id(cx) {
                    let conn = cx.env.store.conn();
                    let d = crate::store::documents::session(conn, id).unwrap_or_default();
                    let title = crate::export::minutes_doc::session_label(conn, id).unwrap_or_default();
                    cx.form(crate::tui::forms::session_documents_form(id, &title, &d));
                }
            }
            A::PrepareAgenda => {
                if let Some(id) = self.selected_id(cx) {
                    self.prepare_agenda(id, cx);
                }
            }
            A::Delete => self.ask_delete(cx),
            other => {
                if self.handle_navigation(other, cx.data, cx.env.today) {
                    cx.load_year(self.day.year());
                    self.select_from_day(cx.data);
                }
            }
        }
    }

    fn confirmed(&mut self, cx: &mut Ctx) {
        match self.asked.take() {
            Some(Question::Delete(id)) => {
                match cx.run(Op::DeleteSession { session: id }) {
                    Ok(_) => cx.say(strings::DELETED, false),
                    Err(e) => cx.say(format!("No se eliminó: {e}"), true),
                }
                cx.reload_data();
            }
            Some(Question::IssueNotice(id)) => {
                let result = cx.run(Op::IssueNotice { session: id, on: cx.env.today });
                cx.reload_data();
                match result {
                    Ok(_) => {
                        cx.say("Convocatoria emitida; la sesión quedó «convocada».", false);
                        cx.push(Effect::Print(id, Printable::Notice));
                    }
                    Err(e) => cx.say(e.to_string(), true),
                }
            }
            None => {}
        }
    }

    fn after_form(&mut self, purpose: &Purpose, id: Option<i64>, cx: &mut Ctx) {
        cx.say(strings::SAVED, false);
        if let (Some(id), Purpose::NewSession | Purpose::EditSession(_)) = (id, purpose)
            && let Ok(Some(s)) = crate::store::sessions::get(cx.env.store.conn(), id)
        {
            self.day = s.schedule.date().unwrap_or(s.schedule.span().0);
            cx.load_year(self.day.year());
            self.select_session(cx.data, id);
        } else {
            cx.reload_data();
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.render(frame, area, view.data, view.today);
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
