//! What the Seguimiento screen's keys do: search and filter the commitments, record
//! progress, reprogram, leave without effect, and keep the work plan's activities.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode as K, KeyEvent};
use ratatui::layout::Rect;

use super::followup::{FollowUpScreen, ID};
use crate::domain::Labeled;
use crate::domain::followup::Source;
use crate::ops::Op;
use crate::store::followup::Tracked;
use crate::store::plans;
use crate::tui::component::{Component, Ctx, Tab, View};
use crate::tui::forms::{self, Purpose};
use crate::tui::keymap::{Action as A, Key::Char as C, Key::Code, KeyContext, b};
use crate::tui::strings;

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Seguimiento de acuerdos",
    globals: true,
    typing: None,
    bindings: &[
        b("buscar", &[C('/')], A::StartSearch, "Buscar: filtra mientras escribe (número, texto, órgano, responsables)"),
        b("organo", &[C('o')], A::CycleBody, "Filtrar por órgano (recorre los órganos)"),
        b("estado", &[C('s')], A::CycleStatus, "Filtrar por estado: abiertos, todos, o uno"),
        b("vencidos", &[C('v')], A::ToggleOverdue, "Solo vencidos"),
        b(
            "fuente",
            &[C('f')],
            A::CycleSource,
            "Filtrar por fuente: acuerdos, actividades del programa de trabajo, o ambos",
        ),
        b(
            "institucion",
            &[C('i')],
            A::CycleInstitution,
            "Filtrar por institución responsable (recorre las instituciones)",
        ),
        b("periodo", &[C('p')], A::CyclePeriod, "Filtrar por periodo: el año en que vence el plazo"),
        b("parte_del_ano", &[C('P')], A::CycleYearPart, "Dentro del año: semestre o trimestre en que vence el plazo"),
        b("avance", &[C('a')], A::AddProgress, "Registrar un avance (con evidencia; al 100 % queda cumplido)"),
        b("reprogramar", &[C('r')], A::Reprogram, "Reprogramar: nuevo plazo con motivo"),
        b("sin_efecto", &[C('x')], A::VoidAgreement, "Dejar sin efecto, con motivo"),
        b(
            "nueva_actividad",
            &[C('N')],
            A::New,
            "Nueva actividad del programa de trabajo (crea el programa del año si falta)",
        ),
        b("corregir_actividad", &[C('e')], A::Edit, "Corregir la actividad seleccionada como la escribe el programa"),
        b(
            "eliminar_actividad",
            &[C('d'), Code(K::Delete)],
            A::Delete,
            "Eliminar la actividad seleccionada, si no tiene historial ni oficios",
        ),
    ],
};

fn search_input(ev: KeyEvent) -> A {
    A::SearchInput(ev)
}

pub const SEARCH_KEYS: KeyContext = KeyContext {
    id: "seguimiento_busqueda",
    title: "Seguimiento: escribiendo la búsqueda",
    globals: false,
    typing: Some(search_input),
    bindings: &[b("terminar", &[Code(K::Esc), Code(K::Enter)], A::StopSearch, "Terminar la búsqueda")],
};

impl FollowUpScreen {
    /// The selected row when it is a work-plan activity; otherwise what to tell the user
    /// (`not_activity` when an agreement is selected).
    fn selected_activity(&self, not_activity: &'static str) -> Result<&Tracked, &'static str> {
        match self.selected_row().map(|r| &r.tracked) {
            None => Err(strings::NO_COMMITMENT_SELECTED),
            Some(t) if t.source != Source::Activity => Err(not_activity),
            Some(t) => Ok(t),
        }
    }

    fn detail(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.load_detail(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    fn refresh(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    fn search(&mut self, action: A, cx: &mut Ctx) {
        let changed = match action {
            A::StopSearch => {
                self.searching = false;
                false
            }
            A::SearchInput(key) => match key.code {
                K::Char(c) => self.type_query(Some(c)),
                K::Backspace => self.type_query(None),
                _ => false,
            },
            _ => false,
        };
        if changed {
            self.detail(cx);
        }
    }

    fn edit_activity(&self, cx: &mut Ctx) {
        let t = match self.selected_activity(strings::EDIT_ONLY_ACTIVITIES) {
            Ok(t) => t,
            Err(refusal) => return cx.say(refusal, true),
        };
        let form = plans::activity(cx.env.store.conn(), t.id)
            .and_then(|a| a.map(|a| forms::edit_activity_form(cx.env, &a)).transpose());
        match form {
            Ok(Some(form)) => cx.form(form),
            Ok(None) => cx.say("La actividad ya no existe.", true),
            Err(e) => cx.say(e.to_string(), true),
        }
    }

    fn ask_delete(&mut self, cx: &mut Ctx) {
        let t = match self.selected_activity(strings::DELETE_ONLY_ACTIVITIES) {
            Ok(t) => t,
            Err(refusal) => return cx.say(refusal, true),
        };
        let question = format!(
            "¿Eliminar la actividad {} del programa de trabajo?\n\n«{}»",
            t.number,
            crate::domain::text::shortened(t.text.trim(), 100)
        );
        self.asked = Some(t.id);
        cx.confirm(question);
    }
}

impl Component for FollowUpScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('4'), name: strings::TAB_FOLLOW_UP.into(), short: "Seg.".into() }
    }

    fn keys(&self) -> &'static KeyContext {
        if self.searching { &SEARCH_KEYS } else { &KEYS }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.refresh(cx);
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        if self.searching {
            return self.search(action, cx);
        }
        let selected = self.selected_row().map(|r| (r.tracked.number.clone(), r.tracked.progress));
        match action {
            A::StartSearch => self.searching = true,
            A::New => {
                let row = self.selected_row();
                let body = row.map(|r| r.body.clone());
                let year = forms::proposed_year(row.and_then(|r| r.tracked.deadline.date()), cx.env.today);
                cx.form(forms::activity_form(cx.data, body.as_deref(), year));
            }
            A::Edit => self.edit_activity(cx),
            A::Delete => self.ask_delete(cx),
            A::AddProgress | A::Reprogram | A::VoidAgreement => {
                let Some((number, progress)) = selected else {
                    return cx.say(strings::NO_COMMITMENT_SELECTED, true);
                };
                cx.form(match action {
                    A::AddProgress => forms::progress_form(&number, progress, cx.env.today),
                    A::Reprogram => forms::reprogram_form(&number),
                    _ => forms::void_form(&number),
                });
            }
            other => {
                if self.navigate(other) {
                    self.detail(cx);
                }
            }
        }
    }

    fn confirmed(&mut self, cx: &mut Ctx) {
        let Some(id) = self.asked.take() else { return };
        match cx.run(Op::DeleteActivity { activity: id }) {
            Ok(done) => {
                self.refresh(cx);
                let number = done.detail.unwrap_or_default();
                cx.say(format!("Actividad {number} eliminada del programa de trabajo."), false);
            }
            Err(e) => cx.say(format!("No se eliminó: {e}"), true),
        }
    }

    fn after_form(&mut self, purpose: &Purpose, id: Option<i64>, cx: &mut Ctx) {
        self.refresh(cx);
        if let (Purpose::NewActivity | Purpose::EditActivity(_), Some(id)) = (purpose, id) {
            let number = self.select(Source::Activity, id).unwrap_or_default();
            self.detail(cx);
            let message = match purpose {
                Purpose::NewActivity => format!("Actividad {number} agregada al programa de trabajo."),
                _ => format!("Actividad {number} corregida."),
            };
            return cx.say(message, false);
        }
        // The agreement may have left the filtered list (e.g. now cumplido): look it up by number.
        let number = match purpose {
            Purpose::Progress(n) | Purpose::Reprogram(n) | Purpose::VoidAgreement(n) => n.as_str(),
            _ => "",
        };
        let state =
            self.rows.iter().find(|r| r.tracked.number == number).map(|r| r.tracked.status.label()).unwrap_or_default();
        let message = match purpose {
            Purpose::Progress(n) => format!("Avance registrado en {n}; estado «{state}»."),
            Purpose::Reprogram(n) => format!("{n} reprogramado; el plazo anterior queda en el historial."),
            Purpose::VoidAgreement(n) => format!("{n} quedó sin efecto."),
            _ => strings::SAVED.to_string(),
        };
        cx.say(message, false);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _view: &View) {
        self.render(frame, area);
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
