//! What the console's keys do. Every mark, vote and agreement is written in its own
//! transaction the moment it is made, then the screen reads its session again.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode as K, KeyEvent};
use ratatui::layout::Rect;

use super::console::{ConsoleScreen, ID, Pane};
use crate::domain::member::Office;
use crate::domain::quorum::{AttendanceMode, Presence};
use crate::domain::session::SessionStatus;
use crate::ops::{Op, OpError};
use crate::tui::component::{Component, Ctx, Effect, Tab, View};
use crate::tui::forms::{self, Purpose};
use crate::tui::keymap::{Action as A, Key::Char as C, Key::Code, Key::Ctrl, KeyContext, b};
use crate::tui::strings;

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Consola de la sesión",
    globals: true,
    typing: None,
    bindings: &[
        b("izquierda", &[Code(K::Left)], A::Left, "Ir a la lista de asistencia"),
        b("derecha", &[Code(K::Right)], A::Right, "Ir al orden del día"),
        b("titular", &[C('t')], A::MarkTitular, "Asistencia: presente el titular"),
        b("suplente", &[C('s')], A::MarkAlternate, "Asistencia: presente el suplente"),
        b("ausente", &[C('a')], A::MarkAbsent, "Asistencia: ausente"),
        b("justificada", &[C('j')], A::MarkJustified, "Asistencia: ausencia justificada"),
        b("modalidad", &[C('m')], A::ToggleMode, "Asistencia: presencial ↔ virtual"),
        b("retiro", &[C('r')], A::ToggleDeparture, "Asistencia: se retira (o regresa)"),
        b("hora_llegada", &[C('y')], A::ArrivalTime, "Asistencia: corregir la hora de llegada"),
        b("punto_en_curso", &[Code(K::Enter)], A::MakeCurrent, "Orden del día: pasar al punto seleccionado"),
        b("agregar_punto", &[C('+')], A::AddItem, "Orden del día: agregar un punto después del seleccionado"),
        b("titulo_punto", &[C('e')], A::RenameItem, "Orden del día: cambiar el título del punto"),
        b("subir_punto", &[C('[')], A::ItemUp, "Orden del día: subir el punto"),
        b("bajar_punto", &[C(']')], A::ItemDown, "Orden del día: bajar el punto"),
        b("quitar_punto", &[C('d'), Code(K::Delete)], A::Delete, "Orden del día: quitar el punto"),
        b("notas", &[C('i')], A::EditNotes, "Escribir las notas del punto en curso"),
        b("votacion", &[C('v')], A::NewVote, "Nueva votación en el punto en curso"),
        b(
            "recuento",
            &[C('R')],
            A::Recount,
            "Recuento de la última votación del punto (o su conteo, si quedó sin contar)",
        ),
        b("retirar_votacion", &[C('X')], A::RemoveVote, "Retirar la votación del punto que quedó sin contar"),
        b(
            "acuerdo",
            &[C('c')],
            A::NewAgreement,
            "Registrar un acuerdo en el punto (el de su última votación aprobada)",
        ),
        b("firme", &[C('F')], A::DeclareFirm, "Declarar firme el último acuerdo del punto (si el reglamento lo prevé)"),
        b(
            "voto_razonado",
            &[C('z')],
            A::VoteReason,
            "Voto razonado o salvado de una integrante en la última votación del punto (si el reglamento lo prevé)",
        ),
        b("segunda_convocatoria", &[C('S')], A::SecondCall, "Registrar la segunda convocatoria"),
        b("receso", &[C('p')], A::Recess, "Receso (o reanudar la sesión)"),
        b("clausurar", &[C('C')], A::CloseSession, "Clausurar la sesión"),
        b("reabrir", &[C('A')], A::ReopenSession, "Reabrir una sesión clausurada (con motivo)"),
        b("acta", &[C('M')], A::OpenMinutes, "Acta de esta sesión (una vez clausurada)"),
    ],
};

fn notes_input(ev: KeyEvent) -> A {
    A::NotesInput(ev)
}

pub const NOTES_KEYS: KeyContext = KeyContext {
    id: "notas",
    title: "Consola: escribiendo las notas",
    globals: false,
    typing: Some(notes_input),
    bindings: &[
        b("terminar", &[Code(K::Esc)], A::StopNotes, "Terminar de escribir (las notas se guardan solas)"),
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

/// Unsaved notes are written after this long, so at most ~2 s of typing can be lost.
pub const AUTOSAVE: Duration = Duration::from_secs(1);

/// A failed save in words, with what to do when someone else saved first.
pub fn explain(what: &str, e: &OpError) -> String {
    match e {
        OpError::Conflict { .. } => format!("{what}: {}", strings::CONFLICT_HELP),
        other => format!("{what}: {other}"),
    }
}

/// What a yes to the question on screen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Close,
    RemoveItem(i64),
}

impl ConsoleScreen {
    /// Runs an operation, reads the session again (and the directory when its status may have
    /// changed: marks and votes don't show elsewhere, and reading a year of sessions on every
    /// key would cost most of the frame), and reports.
    fn write(&mut self, op: Op, ok: &str, cx: &mut Ctx) {
        let result = cx.run(op);
        self.refresh(cx);
        match result {
            Ok(_) if ok.is_empty() => {}
            Ok(_) => cx.say(ok, false),
            Err(e) => cx.say(e.to_string(), true),
        }
    }

    fn refresh(&mut self, cx: &mut Ctx) {
        let before = self.record.session.status;
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
        if self.record.session.status != before {
            cx.reload_data();
        }
    }

    /// Writes the notes typed since the last save. A save over notes someone else saved
    /// meanwhile is refused: the other text is shown beside the user's, which stays.
    pub(crate) fn save_notes(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        let Some(op) = self.notes_save() else { return Ok(()) };
        match cx.run(op) {
            Ok(done) => {
                self.notes_saved(done.id.unwrap_or(self.notes_base));
                Ok(())
            }
            Err(OpError::Conflict { theirs, version }) => {
                self.conflict = Some((theirs.clone(), version));
                Err(OpError::Conflict { theirs, version })
            }
            Err(e) => Err(e),
        }
    }

    /// Saves the notes before something that moves away from them; false (and the reason on
    /// the status line) when they could not be saved.
    fn notes_saved_first(&mut self, cx: &mut Ctx) -> bool {
        match self.save_notes(cx) {
            Ok(()) => true,
            Err(e) => {
                cx.say(e.to_string(), true);
                false
            }
        }
    }

    /// Ctrl+G / Ctrl+T while a conflict is shown: keep the user's text, or join both.
    fn resolve_notes(&mut self, join: bool, cx: &mut Ctx) {
        let resolved = if join { self.join_texts() } else { self.keep_mine() };
        if !resolved {
            return cx.say(strings::NO_CONFLICT, true);
        }
        match self.save_notes(cx) {
            Ok(()) => cx.say(strings::SAVED, false),
            Err(e) => cx.say(e.to_string(), true),
        }
    }

    fn type_notes(&mut self, action: A, cx: &mut Ctx) {
        match action {
            // The autosave clock starts at the first unsaved keystroke.
            A::NotesInput(key) if self.notes.input(key) => {
                if !self.dirty {
                    self.last_save = std::time::Instant::now();
                }
                self.dirty = true;
            }
            A::StopNotes => {
                self.editing = false;
                if let Err(e) = self.save_notes(cx) {
                    cx.say(explain("No se guardaron las notas", &e), true);
                }
            }
            A::KeepMine | A::JoinTexts => self.resolve_notes(action == A::JoinTexts, cx),
            _ => {}
        }
    }

    fn mark(&mut self, action: A, cx: &mut Ctx) {
        let Some(m) = self.selected_roll().map(|r| r.membership.id) else { return };
        let presence = match action {
            A::MarkTitular => Presence::Titular,
            A::MarkAlternate => Presence::Alternate,
            A::MarkAbsent => Presence::Absent,
            _ => Presence::Justified,
        };
        let at = self.now(cx).time();
        self.write(Op::Mark { session: self.session(), membership: m, presence, at }, "", cx);
        // Roll call goes down the list.
        self.navigate(A::Down);
    }

    fn roll_action(&mut self, action: A, cx: &mut Ctx) {
        let session = self.session();
        let now = self.now(cx);
        let Some((m, siglas, entry)) =
            self.selected_roll().map(|r| (r.membership.id, r.institution.acronym.clone(), r.entry.clone()))
        else {
            return;
        };
        match (action, entry) {
            (A::ToggleMode, Some(e)) => {
                let mode = if e.mark.mode == AttendanceMode::Remote {
                    AttendanceMode::InPerson
                } else {
                    AttendanceMode::Remote
                };
                self.write(Op::SetMode { session, membership: m, mode }, "", cx);
            }
            (A::ToggleDeparture, Some(e)) => {
                let (at, message) = match e.mark.departure {
                    Some(_) => (None, format!("{siglas} regresó a la sesión.")),
                    None => (
                        Some(now.time()),
                        format!("{siglas} se retiró a las {}.", crate::domain::dates::format_time(now.time())),
                    ),
                };
                self.write(Op::SetDeparture { session, membership: m, at }, &message, cx);
            }
            (A::ArrivalTime, entry) => {
                let arrival = entry.and_then(|e| e.mark.arrival);
                cx.form(forms::arrival_form(session, m, &siglas, arrival));
            }
            _ => {}
        }
    }

    fn agenda_action(&mut self, action: A, cx: &mut Ctx) {
        let session = self.session();
        let Some(item) = self.selected_item().cloned() else {
            if action == A::AddItem {
                cx.form(forms::item_form(session, None));
            }
            return;
        };
        match action {
            A::MakeCurrent => {
                if !self.notes_saved_first(cx) {
                    return;
                }
                let at = self.now(cx);
                self.write(Op::SetCurrentItem { session, item: item.id, at }, "", cx);
                if self.record.conduct.current_item == Some(item.id) {
                    self.follow_current();
                }
            }
            A::AddItem => cx.form(forms::item_form(session, Some(item.id))),
            A::RenameItem => cx.form(forms::rename_form(item.id, &item.title)),
            A::ItemUp | A::ItemDown => {
                self.write(Op::MoveItem { item: item.id, up: action == A::ItemUp }, "", cx);
                self.item = self.record.items.iter().position(|i| i.id == item.id).unwrap_or(self.item);
            }
            A::Delete => {
                self.asked = Some(Question::RemoveItem(item.id));
                cx.confirm(format!("¿Quitar del orden del día el punto «{}»?", item.title));
            }
            _ => {}
        }
    }

    /// The item a vote or an agreement goes on: the one chosen in the agenda, or else the
    /// current one.
    fn target(&self) -> Option<i64> {
        if self.focus == Pane::Roll { self.record.current_item() } else { self.selected_item() }.map(|i| i.id)
    }

    /// The body's wall clock now: every time of the session is recorded on it.
    fn now(&self, cx: &Ctx) -> chrono::NaiveDateTime {
        cx.env.now_in(&self.record.body.timezone)
    }

    /// The count form for `vote`: voters are those present with vote right now, in roll-call
    /// order; a recount asks why and who asked.
    fn count_form(&self, vote: i64, recount: bool, cx: &mut Ctx) {
        let Some(v) = self.record.votes.iter().find(|v| v.id == vote) else { return };
        let here = |r: &&crate::store::record::RollRow| r.entry.as_ref().is_some_and(|e| e.mark.here());
        let voters: Vec<(i64, String)> = self
            .record
            .roll
            .iter()
            .filter(|r| crate::domain::quorum::may_vote(r.membership.rights, here(r)))
            .map(|r| {
                let tag = if r.membership.office == Office::Presidency { " (Presidencia)" } else { "" };
                (r.membership.id, format!("{}{tag}", r.institution.acronym))
            })
            .collect();
        let askers: Vec<(i64, String)> =
            self.record.roll.iter().filter(here).map(|r| (r.membership.id, r.institution.acronym.clone())).collect();
        let casting = self.record.body.rules.casting_vote;
        let documents = crate::store::documents::body(cx.env.store.conn(), self.record.body.id).unwrap_or_default();
        let secretariat = documents.secretariat_name();
        let form = forms::CountForm { vote, motion: &v.motion, mode: v.mode, voters: &voters, casting, secretariat };
        cx.form(forms::count_form(&form, recount.then_some(askers.as_slice())));
    }

    /// The last vote called on `item` (any, or only one never counted).
    fn last_vote(&self, item: Option<i64>) -> Option<&crate::store::votes::Vote> {
        self.record.votes.iter().rev().find(|v| Some(v.item) == item)
    }

    /// The agreement form on the target item, linked to its last approved vote that has no
    /// agreement yet. Refused without quorum: nothing is adopted then.
    fn agreement(&self, cx: &mut Ctx) {
        let Some(item) = self.target() else { return cx.say("No hay punto en curso.", true) };
        if !self.record.quorum.reached() {
            return cx.say(format!("{} ({})", strings::NO_QUORUM_AGREEMENT, self.record.quorum.indicator()), true);
        }
        let adopted = |v: i64| self.record.agreements.iter().any(|a| a.vote == Some(v));
        let vote = self
            .record
            .votes
            .iter()
            .rev()
            .find(|v| v.item == item && v.current().is_some_and(|c| c.approved) && !adopted(v.id))
            .map(|v| (v.id, v.motion.as_str()));
        cx.form(forms::agreement_form(self.session(), item, vote, ""));
    }

    /// The reasons form for the last counted vote of the target item: who gives them are the
    /// members who could vote then, in roll-call order.
    fn vote_reason(&self, cx: &mut Ctx) {
        if !self.record.body.rules.dissent_reasons {
            return cx.say(strings::NO_DISSENT_REASONS, true);
        }
        let item = self.target();
        let Some(v) = self.record.votes.iter().rev().find(|v| Some(v.item) == item && v.current().is_some()) else {
            return cx.say(strings::NO_VOTE_TO_REASON, true);
        };
        let members: Vec<(i64, String)> = self
            .record
            .roll
            .iter()
            .filter(|r| r.membership.rights.votes() && r.entry.as_ref().is_some_and(|e| e.mark.presence.present()))
            .map(|r| (r.membership.id, r.institution.acronym.clone()))
            .collect();
        cx.form(forms::vote_reason_form(self.session(), v.id, &v.motion, &members));
    }

    fn session_action(&mut self, action: A, cx: &mut Ctx) {
        let session = self.session();
        let now = self.now(cx);
        match action {
            A::EditNotes => {
                if self.record.current_item().is_none() {
                    return cx.say("No hay punto en curso: elija uno en el orden del día y pulse Intro.", true);
                }
                if self.notes_item != self.record.conduct.current_item {
                    self.follow_current();
                }
                self.editing = true;
            }
            A::NewVote => match self.target() {
                Some(item) => cx.form(forms::vote_form(session, item, self.record.body.rules.majority)),
                None => cx.say("No hay punto en curso: elija un punto en el orden del día.", true),
            },
            A::Recount => match self.last_vote(self.target()).map(|v| (v.id, v.counts.is_empty())) {
                // A vote left without its count (Esc) is counted now, as a first count.
                Some((v, uncounted)) => self.count_form(v, !uncounted, cx),
                None => cx.say("No hay votación en ese punto.", true),
            },
            A::RemoveVote => match self.last_vote(self.target()).filter(|v| v.counts.is_empty()) {
                Some(v) => {
                    let vote = v.id;
                    self.write(Op::RemoveVote { vote }, strings::VOTE_REMOVED, cx)
                }
                None => cx.say(strings::NO_UNCOUNTED_VOTE, true),
            },
            A::NewAgreement => self.agreement(cx),
            A::DeclareFirm => {
                let item = self.target();
                match self.record.agreements.iter().rev().find(|a| Some(a.item) == item && !a.firm) {
                    Some(a) => {
                        let message = strings::declared_firm(&a.number);
                        self.write(Op::DeclareFirm { agreement: a.id }, &message, cx)
                    }
                    None => cx.say(strings::NO_AGREEMENT_TO_FIRM, true),
                }
            }
            A::VoteReason => self.vote_reason(cx),
            A::SecondCall => self.write(Op::SecondCall { session, at: now }, "Segunda convocatoria registrada.", cx),
            A::Recess if self.record.session.status == SessionStatus::Suspended => {
                self.write(Op::Resume { session, at: now }, "Sesión reanudada.", cx)
            }
            A::Recess => cx.form(forms::reason_form(Purpose::Recess(session))),
            A::CloseSession => {
                self.asked = Some(Question::Close);
                cx.confirm("¿Clausurar la sesión? Se registra la hora de término.");
            }
            A::ReopenSession => cx.form(forms::reason_form(Purpose::Reopen(session))),
            A::OpenMinutes => {
                if self.notes_saved_first(cx) {
                    cx.push(Effect::OpenMinutes(session));
                }
            }
            other => self.navigate(other),
        }
    }
}

impl Component for ConsoleScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        let acronym = &self.record.body.acronym;
        Tab { digit: Some('3'), name: format!("{} {acronym}", strings::TAB_CONSOLE), short: format!("Ses. {acronym}") }
    }

    fn keys(&self) -> &'static KeyContext {
        if self.editing { &NOTES_KEYS } else { &KEYS }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        if self.editing {
            return self.type_notes(action, cx);
        }
        let on_roll = self.focus == Pane::Roll;
        match action {
            A::MarkTitular | A::MarkAlternate | A::MarkAbsent | A::MarkJustified if on_roll => self.mark(action, cx),
            A::ToggleMode | A::ToggleDeparture | A::ArrivalTime if on_roll => self.roll_action(action, cx),
            A::MakeCurrent | A::AddItem | A::RenameItem | A::ItemUp | A::ItemDown | A::Delete if !on_roll => {
                self.agenda_action(action, cx)
            }
            // A roll key on the agenda (or the reverse) says where it works instead of nothing.
            A::MarkTitular
            | A::MarkAlternate
            | A::MarkAbsent
            | A::MarkJustified
            | A::ToggleMode
            | A::ToggleDeparture
            | A::ArrivalTime => cx.say(strings::ON_ROLL_ONLY, true),
            A::MakeCurrent | A::AddItem | A::RenameItem | A::ItemUp | A::ItemDown | A::Delete => {
                cx.say(strings::ON_AGENDA_ONLY, true)
            }
            other => self.session_action(other, cx),
        }
    }

    fn confirmed(&mut self, cx: &mut Ctx) {
        let now = self.now(cx);
        match self.asked.take() {
            Some(Question::Close) if self.notes_saved_first(cx) => {
                self.write(Op::Close { session: self.session(), at: now }, "Sesión clausurada.", cx)
            }
            Some(Question::RemoveItem(item)) => self.write(Op::RemoveItem { item }, "Punto quitado.", cx),
            _ => {}
        }
    }

    fn after_form(&mut self, purpose: &Purpose, id: Option<i64>, cx: &mut Ctx) {
        self.refresh(cx);
        match (purpose, id) {
            (Purpose::NewVote { .. }, Some(vote)) => self.count_form(vote, false, cx),
            (Purpose::Totals(vote, _) | Purpose::Nominal(vote, ..), _) => {
                let Some(v) = self.record.votes.iter().find(|v| v.id == *vote) else { return };
                let Some(count) = v.current() else { return };
                // No form opens by itself: the secretary may be typing already, and a form
                // would swallow the next key. The status line says how to go on.
                if count.approved {
                    cx.say(format!("{} {}", count.explanation, strings::AGREEMENT_HINT), false);
                } else {
                    cx.say(count.explanation.clone(), true);
                }
            }
            (Purpose::Agreement { .. }, _) => {
                let number = self.record.agreements.last().map(|a| a.number.clone()).unwrap_or_default();
                cx.say(format!("Acuerdo {number} registrado."), false);
            }
            (Purpose::Reopen(_), _) => cx.say("Sesión reabierta; el motivo quedó registrado.", false),
            (Purpose::Recess(_), _) => cx.say("Receso. «p» para reanudar.", false),
            (Purpose::VoteReason { .. }, _) => cx.say(strings::REASON_RECORDED, false),
            _ => cx.say(strings::SAVED, false),
        }
    }

    /// Writes notes left unsaved for a while.
    fn tick(&mut self, _idle: Duration, cx: &mut Ctx) {
        if self.dirty
            && self.last_save.elapsed() >= AUTOSAVE
            && self.conflict.is_none()
            && let Err(e) = self.save_notes(cx)
        {
            cx.say(explain("No se pudieron guardar las notas", &e), true);
        }
    }

    fn flush(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        self.save_notes(cx)
    }

    /// Notes in conflict are saved joined to the other person's, so neither text is lost.
    fn shutdown(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        match self.save_notes(cx) {
            Err(OpError::Conflict { .. }) => {
                self.join_texts();
                self.save_notes(cx)
            }
            other => other,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.render(frame, area, crate::domain::zone::local_time(view.instant, &self.record.body.timezone));
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
