//! La Bitácora: every access and change to the record, newest first, with who, when (in the
//! body's time zone) and what; the selected entry's rows before and after below. Filters by
//! body, person and period; accesses can be hidden.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use rusqlite::Connection;
use serde_json::Value;

use super::calendar::{pane_block, render_scrolled};
use crate::domain::body::{Body, local_time};
use crate::ops::changes::{Change, ChangeKind};
use crate::ops::journal::{self, Entry, Filter};
use crate::ops::words;
use crate::store::{self, bodies};
use crate::tui::component::{Component, Ctx, Hits, Tab, View};
use crate::tui::keymap::{Action, Action as A, Key::Char as C, KeyContext, b};
use crate::tui::widgets::{clamp, moved};
use crate::tui::{strings, theme};

/// The newest entries the screen lists; `secretaria bitacora` gives them all.
const SHOWN: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Week,
    Month,
    All,
}

impl Period {
    fn next(self) -> Period {
        match self {
            Period::All => Period::Today,
            Period::Today => Period::Week,
            Period::Week => Period::Month,
            Period::Month => Period::All,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Period::Today => "hoy",
            Period::Week => "últimos 7 días",
            Period::Month => "últimos 30 días",
            Period::All => "todas las fechas",
        }
    }

    fn days(self) -> Option<i64> {
        match self {
            Period::Today => Some(0),
            Period::Week => Some(6),
            Period::Month => Some(29),
            Period::All => None,
        }
    }
}

pub struct JournalScreen {
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub bodies: Vec<Body>,
    pub actors: Vec<String>,
    pub body: Option<i64>,
    pub actor: Option<String>,
    pub period: Period,
    pub with_accesses: bool,
    /// "Now", for the period filter; the test clock in tests.
    pub now: DateTime<Utc>,
    hits: Hits,
}

pub const ID: &str = "bitacora";

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Bitácora",
    globals: true,
    typing: None,
    bindings: &[
        b("organo", &[C('o')], A::CycleBody, "Filtrar por órgano (recorre los órganos)"),
        b("persona", &[C('p')], A::CycleActor, "Filtrar por persona (recorre quienes aparecen en la bitácora)"),
        b("fecha", &[C('f')], A::CyclePeriod, "Filtrar por fecha: hoy, últimos 7 días, últimos 30 días o todo"),
        b("accesos", &[C('a')], A::ToggleAccesses, "Mostrar u ocultar los accesos (aperturas, consultas, impresiones)"),
    ],
};

impl JournalScreen {
    pub fn load(conn: &Connection, now: DateTime<Utc>) -> store::Result<JournalScreen> {
        let mut s = JournalScreen::new(now);
        s.read(conn)?;
        Ok(s)
    }

    /// Empty until read (the first time it is shown).
    pub fn new(now: DateTime<Utc>) -> JournalScreen {
        JournalScreen {
            entries: Vec::new(),
            selected: 0,
            bodies: Vec::new(),
            actors: Vec::new(),
            body: None,
            actor: None,
            period: Period::All,
            with_accesses: false,
            now,
            hits: Hits::default(),
        }
    }

    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        self.bodies = bodies::list(conn)?;
        self.actors = {
            let mut stmt = conn.prepare_cached("SELECT DISTINCT actor FROM bitacora ORDER BY actor")?;
            stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let filter = Filter {
            from: self.period.days().map(|d| (self.now - Duration::days(d)).date_naive()),
            to: None,
            body: self.body,
            actor: self.actor.clone(),
            changes_only: !self.with_accesses,
            limit: Some(SHOWN),
        };
        let mut entries = journal::list(conn, &filter)?;
        entries.reverse();
        self.entries = entries;
        self.selected = clamp(self.selected, self.entries.len());
        Ok(())
    }

    /// Moves or filters; true when the entries must be read again.
    pub fn navigate(&mut self, action: Action) -> bool {
        if let Some(i) = moved(action, self.selected, self.entries.len()) {
            self.selected = i;
            return false;
        }
        if let Action::Select(0, i) = action {
            self.selected = clamp(i, self.entries.len());
            return false;
        }
        match action {
            Action::CycleBody => self.body = cycle(&self.bodies.iter().map(|b| b.id).collect::<Vec<_>>(), self.body),
            Action::CycleActor => self.actor = cycle(&self.actors, self.actor.clone()),
            Action::CyclePeriod => self.period = self.period.next(),
            Action::ToggleAccesses => self.with_accesses = !self.with_accesses,
            _ => return false,
        }
        self.selected = 0;
        true
    }

    fn body_of(&self, e: &Entry) -> Option<&Body> {
        e.body.and_then(|id| self.bodies.iter().find(|b| b.id == id))
    }

    /// When, in the body's time zone (the machine's otherwise).
    fn when(&self, e: &Entry) -> String {
        let t = match self.body_of(e) {
            Some(b) => local_time(e.at, &b.timezone),
            None => e.at.with_timezone(&chrono::Local).naive_local(),
        };
        t.format("%d/%m/%Y %H:%M:%S").to_string()
    }

    fn filters(&self) -> String {
        let body = self
            .body
            .and_then(|id| self.bodies.iter().find(|b| b.id == id))
            .map_or("todos los órganos", |b| &b.acronym);
        format!(
            " {body} · {} · {} · {} ",
            self.actor.as_deref().unwrap_or("todas las personas"),
            self.period.label(),
            if self.with_accesses { "con accesos" } else { "sin accesos" }
        )
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.hits.clear();
        let [list, detail] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        let lines: Vec<Line> = if self.entries.is_empty() {
            vec![Line::styled(strings::JOURNAL_EMPTY, theme::dim())]
        } else {
            self.entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let style = if i == self.selected { theme::selected() } else { Default::default() };
                    let what = match e.undoes {
                        Some(u) => format!("{} de la {u}", crate::ops::label(&e.op)),
                        None => crate::ops::label(&e.op).to_string(),
                    };
                    let body = self.body_of(e).map_or("—", |b| b.acronym.as_str());
                    Line::styled(
                        format!("{:>6} {} {:<12.12} {:<9.9} {what}", e.seq, self.when(e), e.actor, body),
                        style,
                    )
                })
                .collect()
        };
        let block = pane_block(format!(" {} ", strings::JOURNAL), true)
            .title_bottom(Line::styled(self.filters(), theme::dim()).right_aligned());
        let (inner, offset) = render_scrolled(frame, list, lines, self.selected, block);
        self.hits.rows(inner, offset, self.entries.len(), 0);
        let block = pane_block(format!(" {} ", strings::JOURNAL_DETAIL), false);
        let text = match self.entries.get(self.selected) {
            Some(e) => detail_lines(e),
            None => Vec::new(),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(block), detail);
    }
}

fn cycle<T: Clone + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().cloned(),
        Some(i) => all.get(i + 1).cloned(),
    }
}

fn value(v: &Value) -> String {
    words::show(v)
}

fn key(c: &Change) -> String {
    let parts: Vec<String> = c.key.iter().map(|(k, v)| format!("{} {}", words::field(k), value(v))).collect();
    match c.through {
        Some(last) => format!("{} a {last}", parts.join(", ")),
        None => parts.join(", "),
    }
}

/// What an entry did, row by row.
fn detail_lines(e: &Entry) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Entrada {} · ", e.seq), theme::title()),
        Span::raw(format!("{} · {} · huella {}", crate::ops::label(&e.op), e.actor, &e.hash[..12])),
    ])];
    if let Value::Object(m) = e.args_value() {
        let args: Vec<String> =
            m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| format!("{}: {}", words::field(k), value(v))).collect();
        if !args.is_empty() {
            lines.push(Line::styled(args.join(" · "), theme::dim()));
        }
    }
    for c in e.changes() {
        let verb = match c.kind {
            ChangeKind::Insert => "alta en",
            ChangeKind::Update => "cambio en",
            ChangeKind::Delete => "baja de",
        };
        lines.push(Line::styled(format!("{verb} {} ({})", words::table(&c.table), key(&c)), theme::title()));
        let shown = if c.kind == ChangeKind::Delete { &c.before } else { &c.after };
        for (col, after) in shown.iter().filter(|(_, v)| !v.is_null() || c.kind == ChangeKind::Update) {
            let line = match c.before.get(col).filter(|_| c.kind == ChangeKind::Update) {
                Some(before) => format!("  {}: {} → {}", words::field(col), value(before), value(after)),
                None => format!("  {}: {}", words::field(col), value(after)),
            };
            lines.push(Line::raw(line));
        }
        for (col, edit) in &c.edits {
            let mut parts = Vec::new();
            if !edit.removed.is_empty() {
                parts.push(format!("quitó «{}»", crate::domain::text::shortened(&edit.removed, 60)));
            }
            if !edit.inserted.is_empty() {
                parts.push(format!("agregó «{}»", crate::domain::text::shortened(&edit.inserted, 60)));
            }
            lines.push(Line::raw(format!("  {}: {}", words::field(col), parts.join("; "))));
        }
    }
    lines
}

impl Component for JournalScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('7'), name: strings::TAB_JOURNAL.into(), short: "Bit.".into() }
    }

    fn keys(&self) -> &'static KeyContext {
        &KEYS
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.now = cx.env.ctx.now();
        if let Err(e) = self.read(cx.env.store.conn()) {
            cx.say(e.to_string(), true);
        }
    }

    fn handle(&mut self, action: A, cx: &mut Ctx) {
        if self.navigate(action) {
            self.reload(cx);
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _view: &View) {
        self.render(frame, area);
    }

    fn click(&self, x: u16, y: u16) -> Option<A> {
        self.hits.at(x, y)
    }

    crate::tui::component::any!();
}
