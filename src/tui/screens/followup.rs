//! Seguimiento: every commitment (agreements and work-plan activities) with its semáforo,
//! filtered by body, institution, source, period, status and text typed as you go, and the
//! selected one's whole history beside it.

use crate::domain::dates::medium_date;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};
use rusqlite::Connection;

use super::calendar::pane_block;
use super::filter_split;
use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use chrono::Datelike;

use crate::domain::followup::{Light, Source, light, open, overdue};
use crate::domain::period::YearPart;
use crate::domain::text::fold;
use crate::store::followup::{self, Change, Progress, Tracked};
use crate::store::plans::{self, ActivityPlan};
use crate::store::{self, bodies, institutions};
use crate::tui::component::Hits;
use crate::tui::keymap::Action;
use crate::tui::widgets::{clamp, moved, scroll_offset};
use crate::tui::{strings, theme};

/// One commitment as the list shows it, with what filtering needs precomputed.
pub struct Row {
    pub tracked: Tracked,
    pub body: String,
    pub responsibles: Vec<String>,
    /// The work plan's columns, for an activity.
    pub plan: Option<ActivityPlan>,
    pub light: Option<Light>,
    pub overdue: bool,
    /// Folded text searched by the filter: number, text, body and responsibles.
    pub(crate) haystack: String,
}

/// Which statuses the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    All,
    Only(AgreementStatus),
}

impl StatusFilter {
    fn next(self) -> StatusFilter {
        use AgreementStatus::*;
        match self {
            StatusFilter::Open => StatusFilter::All,
            StatusFilter::All => StatusFilter::Only(Pending),
            StatusFilter::Only(s) => {
                let all = AgreementStatus::ALL;
                match all.iter().position(|x| *x == s).and_then(|i| all.get(i + 1)) {
                    Some(n) => StatusFilter::Only(*n),
                    None => StatusFilter::Open,
                }
            }
        }
    }

    fn label(self) -> String {
        match self {
            StatusFilter::Open => "abiertos".into(),
            StatusFilter::All => "todos".into(),
            StatusFilter::Only(s) => s.label().into(),
        }
    }

    fn accepts(self, s: AgreementStatus) -> bool {
        match self {
            StatusFilter::Open => open(s),
            StatusFilter::All => true,
            StatusFilter::Only(x) => x == s,
        }
    }
}

pub struct FollowUpScreen {
    pub rows: Vec<Row>,
    /// Indices into `rows` that pass the filters, in order.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub query: String,
    pub searching: bool,
    pub status: StatusFilter,
    pub overdue_only: bool,
    /// Body filter: index into `bodies` (acronyms), `None` for all.
    pub body: Option<usize>,
    pub bodies: Vec<String>,
    pub source: Option<Source>,
    /// Institution filter: index into `institutions` (acronyms of responsibles), `None` for all.
    pub institution: Option<usize>,
    pub institutions: Vec<String>,
    /// Period filter: the year the deadline falls in (`None` for all), and the part of it.
    pub year: Option<i32>,
    pub part: YearPart,
    pub years: Vec<i32>,
    pub history: Vec<Progress>,
    pub changes: Vec<Change>,
    pub today: NaiveDate,
    /// The visible rows before each character typed into the search, so typing narrows the
    /// rows already shown and erasing goes back, instead of searching 50,000 rows per key.
    /// Any other change of filter or data empties it.
    typed: Vec<Vec<usize>>,
    /// The activity the question on screen asks to delete.
    pub(super) asked: Option<i64>,
    pub(super) hits: Hits,
}

pub const ID: &str = "seguimiento";

/// The words of a search, each ready to be found in tens of thousands of rows: a finder is
/// built once per word instead of once per row and word (which `str::contains` does).
struct Words(Vec<memchr::memmem::Finder<'static>>);

impl Words {
    fn of(query: &str) -> Words {
        Words(fold(query).split_whitespace().map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned()).collect())
    }

    fn in_row(&self, r: &Row) -> bool {
        self.0.iter().all(|w| w.find(r.haystack.as_bytes()).is_some())
    }
}

impl FollowUpScreen {
    pub fn load(conn: &Connection, today: NaiveDate) -> store::Result<FollowUpScreen> {
        let mut screen = FollowUpScreen::new(today);
        screen.read(conn)?;
        Ok(screen)
    }

    /// Empty until read (the first time it is shown).
    pub fn new(today: NaiveDate) -> FollowUpScreen {
        FollowUpScreen {
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            query: String::new(),
            searching: false,
            status: StatusFilter::Open,
            overdue_only: false,
            body: None,
            bodies: Vec::new(),
            source: None,
            institution: None,
            institutions: Vec::new(),
            year: None,
            part: YearPart::Whole,
            years: Vec::new(),
            history: Vec::new(),
            changes: Vec::new(),
            today,
            typed: Vec::new(),
            asked: None,
            hits: Hits::default(),
        }
    }

    /// Reloads from the store keeping filters and, where it still shows, the selection.
    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        let keep = self.selected_row().map(|r| (r.tracked.source, r.tracked.id));
        let all_bodies = bodies::list(conn)?;
        let insts = institutions::list(conn)?;
        self.bodies = all_bodies.iter().map(|b| b.acronym.clone()).collect();
        let mut details = plans::all_details(conn)?;
        self.rows = followup::all(conn)?
            .into_iter()
            .map(|t| {
                let a = &t;
                let body = all_bodies.iter().find(|b| b.id == t.body).map_or(String::new(), |b| b.acronym.clone());
                let responsibles: Vec<String> = a
                    .responsibles
                    .iter()
                    .filter_map(|i| insts.iter().find(|x| x.id == *i).map(|x| x.acronym.clone()))
                    .collect();
                let plan = match t.source {
                    Source::Activity => details.remove(&t.id),
                    Source::Agreement => None,
                };
                let extra = plan.as_ref().map_or(String::new(), |p| format!("{} {} {}", p.objective, p.goal, p.period));
                let haystack = fold(&format!("{} {} {} {} {extra}", a.number, a.text, body, responsibles.join(" ")));
                Row {
                    plan,
                    light: light(a.status, a.deadline, self.today, t.warning_days),
                    overdue: overdue(a.status, a.deadline, self.today),
                    tracked: t,
                    body,
                    responsibles,
                    haystack,
                }
            })
            .collect();
        let mut institutions: Vec<String> = self.rows.iter().flat_map(|r| r.responsibles.iter().cloned()).collect();
        institutions.sort();
        institutions.dedup();
        self.institutions = institutions;
        let mut years: Vec<i32> =
            self.rows.iter().filter_map(|r| r.tracked.deadline.date()).map(|d| d.year()).collect();
        years.sort_unstable();
        years.dedup();
        self.years = years;
        self.refilter();
        if let Some(id) = keep
            && let Some(i) =
                self.visible.iter().position(|&r| (self.rows[r].tracked.source, self.rows[r].tracked.id) == id)
        {
            self.selected = i;
        }
        self.load_detail(conn)
    }

    /// Selects the commitment when the filters show it, clearing the search and filters that
    /// hide it otherwise; returns its number.
    pub fn select(&mut self, source: Source, id: i64) -> Option<String> {
        let at = self.rows.iter().position(|r| r.tracked.source == source && r.tracked.id == id)?;
        if !self.visible.contains(&at) {
            self.query.clear();
            self.body = None;
            self.institution = None;
            self.year = None;
            self.part = YearPart::Whole;
            self.overdue_only = false;
            self.source = None;
            self.status = StatusFilter::All;
            self.refilter();
        }
        self.selected = self.visible.iter().position(|&i| i == at).unwrap_or(self.selected);
        Some(self.rows[at].tracked.number.clone())
    }

    /// Applies the filters; cheap enough to run on every key typed in the search.
    pub fn refilter(&mut self) {
        self.typed.clear();
        let words = Words::of(&self.query);
        let body = self.body.and_then(|i| self.bodies.get(i)).cloned();
        let institution = self.institution.and_then(|i| self.institutions.get(i)).cloned();
        let all: Vec<usize> = (0..self.rows.len()).collect();
        self.visible = filter_split::filter(&all, |i| {
            let r = &self.rows[i];
            self.status.accepts(r.tracked.status)
                && (!self.overdue_only || r.overdue)
                && body.as_ref().is_none_or(|b| &r.body == b)
                && self.source.is_none_or(|s| r.tracked.source == s)
                && institution.as_ref().is_none_or(|x| r.responsibles.contains(x))
                && self
                    .year
                    .is_none_or(|y| r.tracked.deadline.date().is_some_and(|d| d.year() == y && self.part.contains(d)))
                && words.in_row(r)
        });
        self.selected = clamp(self.selected, self.visible.len());
    }

    pub fn load_detail(&mut self, conn: &Connection) -> store::Result<()> {
        match self.selected_row().map(|r| (r.tracked.source, r.tracked.id)) {
            Some((source, id)) => {
                self.history = followup::history(conn, source, id)?;
                self.changes = followup::changes(conn, source, id)?;
            }
            None => {
                self.history.clear();
                self.changes.clear();
            }
        }
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Navigation and filters; returns whether the selection changed (so the detail reloads).
    pub fn navigate(&mut self, action: Action) -> bool {
        let before = self.selected_row().map(|r| (r.tracked.source, r.tracked.id));
        if let Some(i) = moved(action, self.selected, self.visible.len()) {
            self.selected = i;
        }
        if let Action::Select(0, i) = action
            && i < self.visible.len()
        {
            self.selected = i;
        }
        match action {
            Action::CycleStatus => self.status = self.status.next(),
            Action::ToggleOverdue => self.overdue_only = !self.overdue_only,
            Action::CycleBody => self.body = cycle(self.body, self.bodies.len()),
            Action::CycleInstitution => self.institution = cycle(self.institution, self.institutions.len()),
            Action::CyclePeriod => {
                self.year = cycle(self.year.and_then(|y| self.years.iter().position(|x| *x == y)), self.years.len())
                    .map(|i| self.years[i]);
                if self.year.is_none() {
                    self.part = YearPart::Whole;
                }
            }
            Action::CycleYearPart => {
                // Without a year chosen, this year's (or the first with deadlines).
                let this_year = self.today.year();
                self.year = self.year.or_else(|| {
                    self.years.contains(&this_year).then_some(this_year).or_else(|| self.years.first().copied())
                });
                self.part = if self.year.is_some() { self.part.next() } else { YearPart::Whole };
            }
            Action::CycleSource => {
                self.source = match self.source {
                    None => Some(Source::Agreement),
                    Some(Source::Agreement) => Some(Source::Activity),
                    Some(Source::Activity) => None,
                }
            }
            _ => {}
        }
        if matches!(
            action,
            Action::CycleStatus
                | Action::ToggleOverdue
                | Action::CycleBody
                | Action::CycleInstitution
                | Action::CyclePeriod
                | Action::CycleYearPart
                | Action::CycleSource
        ) {
            self.refilter();
        }
        before != self.selected_row().map(|r| (r.tracked.source, r.tracked.id))
    }

    pub fn type_query(&mut self, c: Option<char>) -> bool {
        let before = self.selected_row().map(|r| (r.tracked.source, r.tracked.id));
        match c {
            Some(c) => {
                // What matches the longer text matches the shorter: each word typed so far
                // is still there, the last one maybe longer. So only the rows shown are searched.
                self.typed.push(self.visible.clone());
                self.query.push(c);
                let words = Words::of(&self.query);
                let rows = &self.rows;
                self.visible = filter_split::filter(&self.visible, |i| words.in_row(&rows[i]));
                self.selected = clamp(self.selected, self.visible.len());
            }
            None => {
                if self.query.pop().is_some() {
                    match self.typed.pop() {
                        Some(shown) => {
                            self.visible = shown;
                            self.selected = clamp(self.selected, self.visible.len());
                        }
                        None => self.refilter(),
                    }
                }
            }
        }
        before != self.selected_row().map(|r| (r.tracked.source, r.tracked.id))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.hits.clear();
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        // A click on the search bar starts a search.
        self.hits.add(bar, Action::StartSearch);
        let cursor = if self.searching { "▏" } else { "" };
        // Only the filters in use, so the bar fits at 80 columns.
        let mut filters = Vec::new();
        if let Some(b) = self.body.and_then(|i| self.bodies.get(i)) {
            filters.push(format!("órgano {b}"));
        }
        if let Some(i) = self.institution.and_then(|i| self.institutions.get(i)) {
            filters.push(format!("institución {i}"));
        }
        match self.source {
            Some(Source::Agreement) => filters.push("solo acuerdos".into()),
            Some(Source::Activity) => filters.push("solo actividades".into()),
            None => {}
        }
        if let Some(y) = self.year {
            filters.push(format!("vencen en {}", self.part.of_year(y)));
        }
        filters.push(self.status.label());
        let line = Line::from(vec![
            Span::styled(" Buscar: ", theme::dim()),
            Span::styled(
                format!("{}{cursor}", self.query),
                if self.searching { theme::selected() } else { theme::title() },
            ),
            Span::styled(format!("  · {}", filters.join(" · ")), theme::dim()),
            Span::styled(if self.overdue_only { " · solo vencidos" } else { "" }, theme::error()),
            Span::styled(format!("  · {} de {}", self.visible.len(), self.rows.len()), theme::dim()),
        ]);
        frame.render_widget(Paragraph::new(line), bar);
        let [list, detail] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        self.draw_list(frame, list);
        self.draw_detail(frame, detail);
    }

    /// Builds lines only for the rows in view: the list can hold tens of thousands.
    fn draw_list(&self, frame: &mut Frame, area: Rect) {
        let block = pane_block(format!(" {} ", strings::COMMITMENTS), !self.searching);
        let height = block.inner(area).height as usize;
        let first = scroll_offset(self.selected, self.visible.len(), height);
        self.hits.rows(block.inner(area), first, self.visible.len(), 0);
        let in_view = || self.visible.iter().skip(first).take(height);
        let width = in_view().map(|&r| self.rows[r].tracked.number.chars().count()).max().unwrap_or(0);
        let mut lines: Vec<Line> = self
            .visible
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, &r)| {
                let row = &self.rows[r];
                let a = &row.tracked;
                let line = Line::from(vec![
                    theme::light(row.light),
                    Span::styled(format!(" {:<width$} ", a.number), theme::title()),
                    Span::raw(format!("{:>3}% ", row.tracked.progress)),
                    Span::styled(format!("{:<12} ", a.status.label()), theme::dim()),
                    Span::raw(a.text.clone()),
                ]);
                if i == self.selected && !self.searching { line.patch_style(theme::selected()) } else { line }
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(strings::NO_AGREEMENTS, theme::dim()));
        }
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn draw_detail(&self, frame: &mut Frame, area: Rect) {
        let block = pane_block(format!(" {} ", strings::FOLLOW_UP_DETAIL), false);
        let Some(row) = self.selected_row() else {
            frame.render_widget(block, area);
            return;
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [gauge, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let a = &row.tracked;
        let colour = match row.light {
            Some(Light::Red) => theme::red(),
            Some(Light::Yellow) => theme::amber(),
            _ => theme::green(),
        };
        frame.render_widget(
            Gauge::default()
                .gauge_style(Style::default().fg(colour))
                .percent(u16::try_from(row.tracked.progress.min(100)).unwrap_or(0))
                .label(format!("avance {} %", row.tracked.progress)),
            gauge,
        );
        let origin = match (a.source, a.start) {
            (Source::Agreement, Some(d)) => format!("Acuerdo de {} · sesión del {}", row.body, medium_date(d)),
            (Source::Agreement, None) => format!("Acuerdo de {}", row.body),
            (Source::Activity, d) => format!(
                "Actividad del programa de trabajo de {}{}",
                row.body,
                d.map(|d| format!(" · {}", d.year())).unwrap_or_default()
            ),
        };
        let due = match (&a.period, a.deadline.date()) {
            (Some(_), Some(d)) => format!("{} (vence el {})", a.term(), medium_date(d)),
            _ => a.term(),
        };
        // Status and history first: the text can be long, and the list already shows it.
        let mut lines = vec![
            Line::from(vec![theme::light(row.light), Span::styled(format!(" {}", a.number), theme::title())]),
            Line::raw(format!("Plazo: {due} · {}", a.status.label())),
            Line::raw(format!("Responsables: {}", row.responsibles.join(", "))),
            Line::styled(origin, theme::dim()),
        ];
        for c in &self.changes {
            let deadlines = match (&c.old_deadline, &c.new_deadline) {
                (Some(o), Some(n)) => format!(" (plazo {o} → {n})"),
                _ => String::new(),
            };
            lines.push(Line::styled(
                format!("{} {}{deadlines}: {}", c.on, c.status.label(), c.reason),
                theme::warning(),
            ));
        }
        lines.push(Line::styled(format!("Historial ({})", self.history.len()), theme::title()));
        for p in self.history.iter().rev() {
            lines.push(Line::from(vec![
                Span::styled(format!("{} · {} % ", p.on, p.percent), theme::title()),
                Span::raw(p.text.clone()),
            ]));
            if let Some(e) = &p.evidence {
                let hash = e
                    .file_sha256
                    .as_deref()
                    .map(|h| format!(" · SHA-256 {}…", &h[..h.len().min(12)]))
                    .unwrap_or_default();
                lines.push(Line::styled(format!("  {}: {}{hash}", e.kind.label(), e.reference), theme::dim()));
            }
            if let Some(r) = &p.reason {
                lines.push(Line::styled(format!("  motivo: {r}"), theme::dim()));
            }
        }
        lines.push(Line::from(vec![Span::styled("Texto: ", theme::dim()), Span::raw(a.text.clone())]));
        if let Some(p) = &row.plan {
            for (label, value) in [
                ("Meta", &p.goal),
                ("Indicador", &p.indicator),
                ("Objetivo", &p.objective),
                ("Estrategia", &p.strategy),
            ] {
                if !value.is_empty() {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{label}: "), theme::dim()),
                        Span::raw(value.clone()),
                    ]));
                }
            }
        }
        lines.push(Line::styled(strings::FOLLOW_UP_KEYS, theme::dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
    }
}

/// The next option of a filter over `len` choices, `None` standing for "all" before the first.
fn cycle(current: Option<usize>, len: usize) -> Option<usize> {
    match current {
        None if len > 0 => Some(0),
        Some(i) if i + 1 < len => Some(i + 1),
        _ => None,
    }
}
