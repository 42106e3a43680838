//! The Rondas screen: follow-up rounds (rondas de seguimiento) on the left, the selected
//! round's requests on the right, one per responsible institution, with when each oficio went
//! out and when its answer came; who has not answered stands out.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row as TableRow, Table, Wrap};
use rusqlite::Connection;

use super::calendar::{pane_block, render_scrolled};
use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::medium_date;
use crate::domain::followup::{Light, light};
use crate::store::followup;
use crate::store::rounds::{self, Request, Round};
use crate::store::{self, bodies};
use crate::tui::component::{Component, Ctx, Hits, Tab, View};
use crate::tui::forms::{self, Printable, Purpose};
use crate::tui::keymap::{Action, Action as A, Key::Char as C, Key::Code, KeyContext, b};
use crate::tui::widgets::{clamp, moved, scroll_offset};
use crate::tui::{strings, theme};
use ratatui::crossterm::event::KeyCode as K;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Rounds,
    Requests,
}

/// A round with what the list shows of it.
pub struct RoundRow {
    pub round: Round,
    pub body: String,
    pub answered: usize,
    pub requests: usize,
}

/// A commitment the selected oficio asked about, as it stands today: whether the answer was
/// followed by progress shows here without leaving the screen.
pub struct ItemNow {
    pub number: String,
    /// `None` when the commitment no longer exists.
    pub now: Option<(Option<Light>, AgreementStatus, u32, String)>,
}

pub struct RoundsScreen {
    pub rounds: Vec<RoundRow>,
    pub selected: usize,
    /// The requests of the selected round.
    pub requests: Vec<Request>,
    pub request: usize,
    /// The commitments of the selected request.
    pub items: Vec<ItemNow>,
    pub focus: Pane,
    pub today: NaiveDate,
    hits: Hits,
}

pub const ID: &str = "rondas";

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Rondas de seguimiento",
    globals: true,
    typing: None,
    bindings: &[
        b("izquierda", &[Code(K::Left)], A::Left, "Ir a la lista de rondas"),
        b("derecha", &[Code(K::Right)], A::Right, "Ir a las solicitudes de la ronda"),
        b("nueva", &[C('n')], A::New, "Nueva ronda: órgano y fecha de corte; un oficio por institución responsable"),
        b("envio", &[C('e')], A::MarkSent, "Registrar el envío del oficio seleccionado"),
        b("enviar_todos", &[C('E')], A::MarkAllSent, "Registrar el envío de todos los oficios aún sin enviar"),
        b("respuesta", &[C('c')], A::RecordAnswer, "Registrar la respuesta de la institución seleccionada"),
        b("imprimir", &[C('p')], A::Print, "Imprimir los oficios de la ronda (PDF, DOCX, HTML, Markdown)"),
    ],
};

/// Where a request stands, as the secretariat chases it.
fn state(q: &Request) -> (&'static str, Style) {
    match (q.sent_on, q.answered_on) {
        (_, Some(_)) => (strings::ROUND_ANSWERED, Style::default().fg(theme::green())),
        (Some(_), None) => (strings::ROUND_AWAITING, Style::default().fg(theme::red()).add_modifier(Modifier::BOLD)),
        (None, None) => (strings::ROUND_UNSENT, theme::dim()),
    }
}

/// A date in a table cell; two-digit years where the screen is narrow.
fn day(d: Option<NaiveDate>, narrow: bool) -> String {
    d.map_or("—".into(), |d| d.format(if narrow { "%d/%m/%y" } else { "%d/%m/%Y" }).to_string())
}

impl RoundsScreen {
    pub fn load(conn: &Connection, today: NaiveDate) -> store::Result<RoundsScreen> {
        let mut screen = RoundsScreen::new(today);
        screen.read(conn)?;
        Ok(screen)
    }

    /// Empty until read (the first time it is shown).
    pub fn new(today: NaiveDate) -> RoundsScreen {
        RoundsScreen {
            rounds: Vec::new(),
            selected: 0,
            requests: Vec::new(),
            request: 0,
            items: Vec::new(),
            focus: Pane::Rounds,
            today,
            hits: Hits::default(),
        }
    }

    /// Reloads every round, keeping the selection on the same round (or on `select`).
    pub fn reload_selecting(&mut self, conn: &Connection, select: Option<i64>) -> store::Result<()> {
        let keep = select.or_else(|| self.selected_round().map(|r| r.id));
        let all_bodies = bodies::list(conn)?;
        let mut rows = Vec::new();
        for round in rounds::list_rounds(conn, None)? {
            let requests = rounds::requests(conn, round.id)?;
            rows.push(RoundRow {
                body: all_bodies.iter().find(|b| b.id == round.body).map_or(String::new(), |b| b.acronym.clone()),
                answered: requests.iter().filter(|q| q.answered_on.is_some()).count(),
                requests: requests.len(),
                round,
            });
        }
        self.rounds = rows;
        if let Some(id) = keep
            && let Some(i) = self.rounds.iter().position(|r| r.round.id == id)
        {
            self.selected = i;
        }
        self.selected = clamp(self.selected, self.rounds.len());
        self.load_requests(conn)
    }

    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        self.reload_selecting(conn, None)
    }

    fn load_requests(&mut self, conn: &Connection) -> store::Result<()> {
        self.requests = match self.selected_round() {
            Some(r) => rounds::requests(conn, r.id)?,
            None => Vec::new(),
        };
        self.request = clamp(self.request, self.requests.len());
        if self.requests.is_empty() {
            self.focus = Pane::Rounds;
        }
        self.load_items(conn)
    }

    fn load_items(&mut self, conn: &Connection) -> store::Result<()> {
        let numbers = self.selected_request().map(|q| q.items.clone()).unwrap_or_default();
        self.items = Vec::with_capacity(numbers.len());
        for number in numbers {
            let now = match followup::by_number(conn, &number) {
                Ok(t) => Some((light(t.status, t.deadline, self.today, t.warning_days), t.status, t.progress, t.text)),
                Err(store::StoreError::Invalid { .. }) => None,
                Err(e) => return Err(e),
            };
            self.items.push(ItemNow { number, now });
        }
        Ok(())
    }

    pub fn selected_round(&self) -> Option<&Round> {
        self.rounds.get(self.selected).map(|r| &r.round)
    }

    pub fn selected_request(&self) -> Option<&Request> {
        self.requests.get(self.request)
    }

    /// Moves the selection or the focus.
    pub fn navigate(&mut self, conn: &Connection, action: Action) -> store::Result<()> {
        match (action, self.focus) {
            (Action::Select(0, i), _) if i < self.rounds.len() => {
                self.focus = Pane::Rounds;
                if i != self.selected {
                    self.selected = i;
                    self.request = 0;
                    self.load_requests(conn)?;
                }
            }
            (Action::Select(1, i), _) if i < self.requests.len() => {
                self.focus = Pane::Requests;
                if i != self.request {
                    self.request = i;
                    self.load_items(conn)?;
                }
            }
            (Action::Right, Pane::Rounds) if !self.requests.is_empty() => self.focus = Pane::Requests,
            (Action::Left, Pane::Requests) => self.focus = Pane::Rounds,
            (_, Pane::Rounds) => {
                if let Some(i) = moved(action, self.selected, self.rounds.len())
                    && i != self.selected
                {
                    self.selected = i;
                    self.request = 0;
                    self.load_requests(conn)?;
                }
            }
            (_, Pane::Requests) => {
                if let Some(i) = moved(action, self.request, self.requests.len())
                    && i != self.request
                {
                    self.request = i;
                    self.load_items(conn)?;
                }
            }
        }
        Ok(())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.hits.clear();
        // The keys wrap onto a second line on a narrow terminal rather than being cut.
        let lines = (strings::ROUNDS_KEYS.chars().count() as u16).div_ceil(area.width.max(1)).clamp(1, 2);
        let [body, keys] = Layout::vertical([Constraint::Min(3), Constraint::Length(lines)]).areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(strings::ROUNDS_KEYS, theme::dim())).wrap(Wrap { trim: true }),
            keys,
        );
        if self.rounds.is_empty() {
            let block = pane_block(strings::ROUNDS.into(), true);
            frame.render_widget(Paragraph::new(strings::NO_ROUNDS).wrap(Wrap { trim: true }).block(block), body);
            return;
        }
        let left_width = if body.width >= 100 { 30 } else { 28 };
        let [left, right] = Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(body);
        let lines: Vec<Line> = self
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let style = if i == self.selected { theme::selected() } else { Style::default() };
                let pending = r.requests - r.answered;
                Line::from(vec![
                    Span::styled(format!("{:<8} {} ", r.body, r.round.cutoff.format("%d/%m/%Y")), style),
                    Span::styled(
                        format!("{}/{}", r.answered, r.requests),
                        if pending > 0 { theme::error() } else { Style::default().fg(theme::green()) },
                    ),
                ])
            })
            .collect();
        let (inner, offset) = render_scrolled(
            frame,
            left,
            lines,
            self.selected,
            pane_block(strings::ROUNDS.into(), self.focus == Pane::Rounds),
        );
        self.hits.rows(inner, offset, self.rounds.len(), 0);
        self.draw_requests(frame, right);
    }

    fn draw_requests(&self, frame: &mut Frame, area: Rect) {
        let Some(r) = self.rounds.get(self.selected) else { return };
        let title = format!("Ronda {} · {} · corte al {}", r.round.id, r.body, medium_date(r.round.cutoff));
        let block = pane_block(title, self.focus == Pane::Requests);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // The table as tall as its rows, leaving the oficio's commitments at least a few lines.
        let rows_height = (self.requests.len() as u16 + 1).min(inner.height.saturating_sub(6).max(3));
        let [summary, table, detail] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(rows_height), Constraint::Min(3)]).areas(inner);
        let count = |s: &str| self.requests.iter().filter(|q| state(q).0 == s).count();
        // Only what there is, so the line fits at 80 columns.
        let mut parts: Vec<Span> = Vec::new();
        for (label, n, style) in [
            (strings::ROUND_AWAITING, count(strings::ROUND_AWAITING), theme::error()),
            (strings::ROUND_UNSENT, count(strings::ROUND_UNSENT), Style::default()),
            (
                crate::domain::text::plural(
                    count(strings::ROUND_ANSWERED) as i64,
                    strings::ROUND_ANSWERED,
                    strings::ROUND_ANSWERED_MANY,
                ),
                count(strings::ROUND_ANSWERED),
                Style::default().fg(theme::green()),
            ),
        ] {
            if n > 0 {
                if !parts.is_empty() {
                    parts.push(Span::raw(" · "));
                }
                parts.push(Span::styled(format!("{n} {label}"), style));
            }
        }
        parts.push(Span::styled(
            format!(" ({})", crate::domain::text::counted(self.requests.len() as i64, "oficio", "oficios")),
            theme::dim(),
        ));
        frame.render_widget(Paragraph::new(Line::from(parts)), summary);
        let narrow = table.width < 60;
        let height = table.height.saturating_sub(1) as usize;
        let offset = scroll_offset(self.request, self.requests.len(), height);
        // Below the table's header, one row per request.
        let rows_area = Rect { y: table.y + 1, height: table.height.saturating_sub(1), ..table };
        self.hits.rows(rows_area, offset, self.requests.len(), 1);
        let rows: Vec<TableRow> = self
            .requests
            .iter()
            .enumerate()
            .skip(offset)
            .map(|(i, q)| {
                let (label, style) = state(q);
                let row = TableRow::new(vec![
                    Span::raw(q.acronym.clone()),
                    Span::raw(q.items.len().to_string()),
                    Span::raw(day(q.sent_on, narrow)),
                    Span::raw(day(q.answered_on, narrow)),
                    Span::styled(label, style),
                ]);
                if i == self.request && self.focus == Pane::Requests { row.style(theme::selected()) } else { row }
            })
            .collect();
        let who = if narrow { "Inst." } else { "Institución" };
        let header = TableRow::new(vec![who, "Comp.", "Enviado", "Respondido", "Estado"]).style(theme::dim());
        let date_width = if narrow { 8 } else { 10 };
        let widths = [
            Constraint::Length(if narrow { 10 } else { 11 }),
            Constraint::Length(5),
            Constraint::Length(date_width),
            Constraint::Length(date_width.max(10)),
            Constraint::Min(8),
        ];
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), table);
        if let Some(q) = self.selected_request() {
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("Oficio {}", q.reference), theme::title()),
                Span::raw(format!(" · {}", q.name)),
            ])];
            if let Some(reply) = &q.answer_ref {
                lines.push(Line::raw(format!("Respuesta: {reply}")));
            }
            for item in &self.items {
                lines.push(match &item.now {
                    Some((l, status, progress, text)) => Line::from(vec![
                        theme::light(*l),
                        Span::raw(format!(" {:<20} {:>3}% {:<12} ", item.number, progress, status.label())),
                        Span::styled(text.clone(), theme::dim()),
                    ]),
                    None => Line::styled(format!("{}  {}", item.number, strings::ROUND_ITEM_GONE), theme::dim()),
                });
            }
            // One line per commitment, cut at the edge: the number and state matter, the text reminds.
            frame.render_widget(Paragraph::new(lines), detail);
        }
    }
}

impl Component for RoundsScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('6'), name: strings::TAB_ROUNDS.into(), short: "Ron.".into() }
    }

    fn keys(&self) -> &'static KeyContext {
        &KEYS
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        let today = cx.env.today;
        let round = self.selected_round().map(|x| x.id);
        let request = self.selected_request().map(|q| (q.institution, q.acronym.clone()));
        match (action, round, request) {
            (A::New, ..) => cx.form(forms::round_form(cx.data, today)),
            (A::MarkSent, Some(round), Some((id, acronym))) => {
                cx.form(forms::sent_form(round, Some((id, &acronym)), today))
            }
            (A::MarkAllSent, Some(round), _) => cx.form(forms::sent_form(round, None, today)),
            (A::RecordAnswer, Some(round), Some((id, acronym))) => {
                cx.form(forms::answer_form(round, id, &acronym, today))
            }
            (A::Print, Some(round), _) => cx.push(crate::tui::component::Effect::Print(round, Printable::RoundLetters)),
            (A::MarkSent | A::MarkAllSent | A::RecordAnswer | A::Print, ..) => cx.say(strings::NO_ROUND_SELECTED, true),
            (other, ..) => {
                if let Err(e) = self.navigate(cx.env.store.conn(), other) {
                    cx.say(e.to_string(), true);
                }
            }
        }
    }

    /// Reads again, selecting the new round, and says what happened.
    fn after_form(&mut self, purpose: &Purpose, id: Option<i64>, cx: &mut Ctx) {
        if let Err(e) = self.reload_selecting(cx.env.store.conn(), id) {
            return cx.say(e.to_string(), true);
        }
        let message = match purpose {
            Purpose::NewRound => format!(
                "Ronda abierta: {}.",
                crate::domain::text::counted(self.requests.len() as i64, "oficio", "oficios")
            ),
            Purpose::RoundSent { .. } => "Envío registrado.".to_string(),
            Purpose::RoundAnswer { .. } => "Respuesta registrada.".to_string(),
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
