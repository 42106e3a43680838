//! What the acta screen's keys do: edit (saved as typed), regenerate from the records, send
//! to review, observations, approval at a later session, fe de erratas, printing.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode as K, KeyEvent};
use ratatui::layout::Rect;

use super::console_actions::{AUTOSAVE, explain};
use super::minutes::{ID, MinutesScreen};
use crate::domain::minutes::MinutesStatus;
use crate::domain::session::{SessionStatus, title};
use crate::ops::{Op, OpError};
use crate::store::{minutes, sessions};
use crate::tui::component::{Component, Ctx, Effect, Tab, View};
use crate::tui::forms::{self, Printable, Purpose};
use crate::tui::keymap::{Action as A, Key::Char as C, Key::Code, Key::Ctrl, KeyContext, b};
use crate::tui::strings;

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Acta",
    globals: true,
    typing: None,
    bindings: &[
        b("editar", &[C('i'), Code(K::Enter)], A::EditMinutes, "Editar el texto del acta"),
        b("regenerar", &[C('g')], A::Regenerate, "Regenerar desde los registros las secciones no editadas"),
        b("enviar", &[C('n')], A::SendMinutes, "Enviar el acta a revisión de las integrantes"),
        b("observacion", &[C('o')], A::AddObservation, "Registrar una observación de una integrante"),
        b("aceptar", &[C('y')], A::AcceptObservation, "Aceptar la observación pendiente más antigua"),
        b("rechazar", &[C('x')], A::RejectObservation, "Rechazar la observación pendiente más antigua"),
        b("aprobar", &[C('A')], A::ApproveMinutes, "Aprobar el acta en una sesión posterior clausurada"),
        b("fe_de_erratas", &[C('f')], A::AddErratum, "Agregar una fe de erratas al acta aprobada"),
        b("aprobar_fe", &[C('F')], A::ApproveErratum, "Aprobar la fe de erratas pendiente en una sesión posterior"),
        b("imprimir", &[C('p')], A::Print, "Imprimir o exportar (PDF, DOCX, HTML, Markdown)"),
    ],
};

fn minutes_input(ev: KeyEvent) -> A {
    A::MinutesInput(ev)
}

pub const EDIT_KEYS: KeyContext = KeyContext {
    id: "acta_edicion",
    title: "Acta: editando",
    globals: false,
    typing: Some(minutes_input),
    bindings: &[
        b("terminar", &[Code(K::Esc)], A::StopMinutes, "Terminar de editar (el texto se guarda solo)"),
        b(
            "guardar_el_mio",
            &[Ctrl('g')],
            A::KeepMine,
            "Si otra persona guardó antes: guardar su texto encima (el otro queda en la bitácora)",
        ),
        b(
            "juntar_textos",
            &[Ctrl('t')],
            A::JoinTexts,
            "Si otra persona guardó antes: juntar ambos textos (el otro y después el suyo)",
        ),
    ],
};

impl MinutesScreen {
    fn refresh(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    /// Writes the acta's edits. A save over a version someone else saved meanwhile is
    /// refused: the other text is shown beside the user's, which stays in the editor.
    pub(crate) fn save(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        let Some(op) = self.save_op(cx.env.now()) else { return Ok(()) };
        match cx.run(op) {
            Ok(done) => {
                self.saved(done.id.unwrap_or(self.base));
                Ok(())
            }
            Err(OpError::Conflict { theirs, version }) => {
                self.conflict = Some((theirs.clone(), version));
                Err(OpError::Conflict { theirs, version })
            }
            Err(e) => Err(e),
        }
    }

    fn resolve(&mut self, join: bool, cx: &mut Ctx) {
        let resolved = if join { self.join_texts() } else { self.keep_mine() };
        if !resolved {
            return cx.say(strings::NO_CONFLICT, true);
        }
        match self.save(cx) {
            Ok(()) => cx.say(strings::SAVED, false),
            Err(e) => cx.say(e.to_string(), true),
        }
    }

    /// Later closed sessions of the same body, which can approve this session's acta.
    fn approvers(&self, cx: &Ctx) -> Vec<(i64, String)> {
        let conn = cx.env.store.conn();
        let Ok(Some(s)) = sessions::get(conn, self.session()) else { return Vec::new() };
        let filter = sessions::Filter { body: Some(s.body), from: s.schedule.date(), ..Default::default() };
        let word = cx.data.body(s.body).map(|b| b.meeting_word).unwrap_or(crate::domain::body::MeetingWord::Session);
        sessions::list(conn, &filter)
            .unwrap_or_default()
            .into_iter()
            .filter(|x| x.status == SessionStatus::Closed && x.schedule.date() > s.schedule.date())
            .map(|x| (x.id, format!("{} ({})", title(x.number, x.kind, word), x.schedule.describe())))
            .collect()
    }

    fn type_text(&mut self, action: A, cx: &mut Ctx) {
        match action {
            A::MinutesInput(key) if self.editor.input(key) => {
                if !self.dirty {
                    self.last_save = std::time::Instant::now();
                }
                self.dirty = true;
            }
            A::StopMinutes => {
                self.stop_editing();
                if let Err(e) = self.save(cx) {
                    cx.say(explain("No se guardó el acta", &e), true);
                }
                self.refresh(cx);
            }
            A::KeepMine | A::JoinTexts => self.resolve(action == A::JoinTexts, cx),
            _ => {}
        }
    }

    fn regenerate(&mut self, cx: &mut Ctx) {
        let session = self.session();
        let text = self.text();
        let at = cx.env.now();
        let result = self.save(cx).and_then(|_| cx.run(Op::RegenerateMinutes { session, at, text }));
        if result.is_ok()
            && let Ok(Some(fresh)) = minutes::get(cx.env.store.conn(), session)
        {
            self.set_text(&fresh.text, fresh.version);
        }
        self.refresh(cx);
        match result.map(|d| d.detail.unwrap_or_default()) {
            Ok(kept) if kept.is_empty() => cx.say("Acta regenerada desde los registros.", false),
            Ok(kept) => cx.say(
                format!(
                    "Acta regenerada; se conservaron sus ediciones en: {}. Revíselas.",
                    kept.lines().collect::<Vec<_>>().join(", ")
                ),
                false,
            ),
            Err(e) => cx.say(e.to_string(), true),
        }
    }

    /// Edits the selected section, unless the acta is approved (and so final).
    fn try_edit(&mut self, cx: &mut Ctx) {
        if self.minutes.status == MinutesStatus::Approved {
            return cx
                .say("El acta está aprobada y es definitiva; las correcciones van en una fe de erratas («f»).", true);
        }
        self.edit();
    }

    fn decide(&mut self, accepted: bool, cx: &mut Ctx) {
        let Some(obs) = self.pending_observation().map(|o| o.id) else {
            return cx.say("No hay observaciones por decidir.", true);
        };
        match cx.run(Op::DecideObservation { observation: obs, accepted, on: cx.env.today }) {
            Ok(_) => cx.say(if accepted { "Observación aceptada." } else { "Observación rechazada." }, false),
            Err(e) => cx.say(e.to_string(), true),
        }
        self.refresh(cx);
    }
}

impl Component for MinutesScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: None, name: strings::TAB_MINUTES.into(), short: strings::TAB_MINUTES.into() }
    }

    fn keys(&self) -> &'static KeyContext {
        if self.editing { &EDIT_KEYS } else { &KEYS }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.refresh(cx);
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        if self.editing {
            return self.type_text(action, cx);
        }
        let session = self.session();
        let today = cx.env.today;
        match action {
            A::EditMinutes if self.minutes.status == MinutesStatus::Approved => {
                cx.say("El acta está aprobada y es definitiva; las correcciones van en una fe de erratas («f»).", true)
            }
            A::EditMinutes => self.editing = true,
            A::Regenerate => self.regenerate(cx),
            A::SendMinutes => cx.form(forms::send_form(session, today)),
            A::AddObservation => cx.form(forms::observation_form(session, today)),
            A::AcceptObservation | A::RejectObservation => self.decide(action == A::AcceptObservation, cx),
            A::ApproveMinutes => {
                let options = self.approvers(cx);
                let ids = options.iter().map(|(id, _)| *id).collect();
                cx.form(forms::approve_form(Purpose::ApproveMinutes(session, ids), &options));
            }
            A::AddErratum => cx.form(forms::erratum_form(session)),
            A::ApproveErratum => {
                let Some(e) = self.errata.iter().find(|e| e.sha256.is_none()).map(|e| e.id) else {
                    return cx.say("No hay fe de erratas pendiente de aprobación.", true);
                };
                let options = self.approvers(cx);
                let ids = options.iter().map(|(id, _)| *id).collect();
                cx.form(forms::approve_form(Purpose::ApproveErratum(e, ids), &options));
            }
            A::Print => cx.push(Effect::Print(session, Printable::Minutes)),
            other => {
                if self.navigate(other) {
                    self.try_edit(cx);
                }
            }
        }
    }

    fn after_form(&mut self, purpose: &Purpose, _id: Option<i64>, cx: &mut Ctx) {
        self.refresh(cx);
        let message = match purpose {
            Purpose::SendMinutes(_) => "Acta enviada a revisión.".to_string(),
            Purpose::Observation(_) => {
                "Observación registrada; decida si se acepta («y») o se rechaza («x»).".to_string()
            }
            Purpose::ApproveMinutes(..) => {
                let hash = self.minutes.sha256.clone().unwrap_or_default();
                format!("Acta aprobada; su texto queda fijo. SHA-256: {hash}")
            }
            Purpose::Erratum(_) => "Fe de erratas agregada; se aprueba en una sesión posterior («F»).".to_string(),
            Purpose::ApproveErratum(..) => "Fe de erratas aprobada.".to_string(),
            _ => strings::SAVED.to_string(),
        };
        cx.say(message, false);
    }

    fn tick(&mut self, _idle: Duration, cx: &mut Ctx) {
        if self.dirty
            && self.conflict.is_none()
            && self.last_save.elapsed() >= AUTOSAVE
            && let Err(e) = self.save(cx)
        {
            cx.say(explain("No se pudo guardar el acta", &e), true);
        }
    }

    fn flush(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        self.save(cx)
    }

    fn shutdown(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        match self.save(cx) {
            Err(OpError::Conflict { .. }) => {
                self.join_texts();
                self.save(cx)
            }
            other => other,
        }
    }

    fn wheel(&mut self, down: bool, _cx: &mut Ctx) {
        self.navigate(if down { A::ScrollDown } else { A::ScrollUp });
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _view: &View) {
        self.render(frame, area);
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
