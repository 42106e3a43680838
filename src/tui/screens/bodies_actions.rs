//! What the Órganos screen's keys do: bodies, their member institutions and the titular and
//! suplente of each, created, edited and retired (a member with history gets its baja).

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode as K;
use ratatui::layout::Rect;

use super::bodies::{BodiesScreen, Pane, ROLES};
use crate::domain::Labeled;
use crate::domain::member::{Institution, Membership, RepresentativeRole};
use crate::ops::Op;
use crate::store::bodies;
use crate::tui::component::{Component, Ctx, Tab, View};
use crate::tui::forms::{self, Purpose};
use crate::tui::keymap::{Action as A, Key::Char as C, Key::Code, KeyContext, b};
use crate::tui::strings;

pub const ID: &str = "organos";

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Órganos",
    globals: true,
    typing: None,
    bindings: &[
        b("izquierda", &[Code(K::Left)], A::Left, "Columna de la izquierda"),
        b(
            "derecha",
            &[Code(K::Right), Code(K::Enter)],
            A::Right,
            "Columna de la derecha (órgano → integrantes → representantes)",
        ),
        b("nuevo", &[C('n')], A::New, "Nuevo órgano"),
        b("nueva_integrante", &[C('i')], A::NewMember, "Nueva institución integrante del órgano"),
        b("editar", &[C('e')], A::Edit, "Editar lo seleccionado"),
        b("titular", &[C('t')], A::EditTitular, "Editar el titular de la integrante"),
        b("suplente", &[C('s')], A::EditAlternate, "Editar el suplente de la integrante"),
        b("documentos", &[C('o')], A::Documents, strings::KEY_DOCUMENTS),
        b(
            "eliminar",
            &[C('d'), Code(K::Delete)],
            A::Delete,
            "Eliminar lo seleccionado (una integrante con historial se da de baja)",
        ),
    ],
};

/// What a yes to the question on screen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    DeleteBody(i64),
    RemoveMember(i64),
    EndDesignation(i64, RepresentativeRole),
}

impl BodiesScreen {
    fn member_and_institution(&self, cx: &Ctx) -> Option<(Membership, Institution)> {
        let m = self.selected_member(cx.data)?.clone();
        let i = cx.data.institution(m.institution)?.clone();
        Some((m, i))
    }

    fn edit_representative(&self, role: RepresentativeRole, cx: &mut Ctx) {
        let Some((m, i)) = self.member_and_institution(cx) else {
            return cx.say("Seleccione primero una integrante (→).", true);
        };
        let current = cx.data.reps.get(&(m.id, role));
        let form = forms::representative_form(m.id, role, &i.acronym, current);
        cx.form(form);
    }

    fn edit(&self, cx: &mut Ctx) {
        let body = self.selected_body(cx.data).cloned();
        match (self.focus, body, self.member_and_institution(cx)) {
            (Pane::Bodies, Some(b), _) => {
                let settings = bodies::session_settings(cx.env.store.conn(), b.id).unwrap_or_default();
                let form = forms::body_form(cx.data, Some(&b), &settings);
                cx.form(form);
            }
            (Pane::Members, _, Some((m, i))) => cx.form(forms::member_form(m.body, Some((&m, &i)))),
            (Pane::Representatives, _, Some(_)) => self.edit_representative(self.selected_role(), cx),
            _ => cx.say(strings::NOTHING_SELECTED, true),
        }
    }

    fn ask_delete(&mut self, cx: &mut Ctx) {
        let body = self.selected_body(cx.data).cloned();
        let target = match (self.focus, body, self.member_and_institution(cx)) {
            (Pane::Bodies, Some(b), _) => {
                Some((format!("¿Eliminar el órgano {} ({})?", b.acronym, b.name), Question::DeleteBody(b.id)))
            }
            (Pane::Members, _, Some((m, i))) => Some((
                format!(
                    "¿Retirar a {} de {}? Si figura en sesiones celebradas se da de baja hoy y conserva su historial; si no, se elimina.",
                    i.acronym,
                    cx.data.acronym(m.body)
                ),
                Question::RemoveMember(m.id),
            )),
            (Pane::Representatives, _, Some((m, i))) => {
                let role = self.selected_role();
                Some((format!("¿Quitar al {} de {}?", role.label(), i.acronym), Question::EndDesignation(m.id, role)))
            }
            _ => None,
        };
        match target {
            Some((question, asked)) => {
                self.asked = Some(asked);
                cx.confirm(question);
            }
            None => cx.say(strings::NOTHING_SELECTED, true),
        }
    }
}

impl Component for BodiesScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('2'), name: strings::TAB_BODIES.into(), short: "Órg.".into() }
    }

    fn keys(&self) -> &'static KeyContext {
        &KEYS
    }

    fn show(&mut self, cx: &mut Ctx) {
        cx.reload_data();
        self.reload(cx);
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.clamp(cx.data);
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        match action {
            A::New => cx.form(forms::body_form(cx.data, None, &bodies::SessionSettings::default())),
            A::NewMember => match self.selected_body(cx.data) {
                Some(b) => cx.form(forms::member_form(b.id, None)),
                None => cx.say(strings::NO_BODIES, true),
            },
            A::EditTitular => self.edit_representative(ROLES[0], cx),
            A::EditAlternate => self.edit_representative(ROLES[1], cx),
            A::Edit => self.edit(cx),
            A::Delete => self.ask_delete(cx),
            A::Documents => match self.selected_body(cx.data).cloned() {
                Some(b) => {
                    let d = crate::store::documents::body(cx.env.store.conn(), b.id).unwrap_or_default();
                    cx.form(forms::body_documents_form(b.id, &b.acronym, &d));
                }
                None => cx.say(strings::NO_BODIES, true),
            },
            other => self.navigate(other, cx.data),
        }
    }

    fn confirmed(&mut self, cx: &mut Ctx) {
        let today = cx.env.today;
        let op = match self.asked.take() {
            Some(Question::DeleteBody(id)) => Op::DeleteBody { body: id },
            Some(Question::RemoveMember(id)) => Op::RemoveMember { membership: id, on: today, reason: String::new() },
            Some(Question::EndDesignation(m, role)) => Op::EndDesignation { membership: m, role, on: today },
            None => return,
        };
        match cx.run(op) {
            Ok(done) if done.detail.as_deref() == Some("baja") => cx.say(strings::MEMBER_ENDED, false),
            Ok(_) => cx.say(strings::DELETED, false),
            Err(e) => cx.say(format!("No se eliminó: {e}"), true),
        }
        cx.reload_data();
        self.clamp(cx.data);
    }

    fn after_form(&mut self, purpose: &Purpose, id: Option<i64>, cx: &mut Ctx) {
        cx.say(strings::SAVED, false);
        cx.reload_data();
        match (id, purpose) {
            (Some(id), Purpose::NewBody | Purpose::EditBody(_)) => self.select_body(cx.data, id),
            (Some(id), Purpose::NewMember(_) | Purpose::EditMember(_)) => self.select_member(cx.data, id),
            _ => {}
        }
        self.clamp(cx.data);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.render(frame, area, view.data);
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
