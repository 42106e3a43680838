//! Tablero: how the bodies are doing, in charts drawn with ratatui's own widgets —
//! compliance per body, attendance per institution against its target, sessions held against
//! the minimum, and overdue agreements per institution.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Gauge, Paragraph};
use rusqlite::Connection;
use unicode_width::UnicodeWidthStr;

use super::calendar::pane_block;
use crate::domain::indicators::{RATE_DEFINITION, percent, percent_text};
use crate::store::{self, indicators};
use crate::tui::component::{Component, Ctx, Tab, View};
use crate::tui::keymap::{Action as A, Key::Char as C, KeyContext, b};
use crate::tui::widgets::document::wrap;
use crate::tui::{strings, theme};

pub struct DashboardScreen {
    /// `None`: all years.
    pub year: Option<i32>,
    pub data: indicators::Dashboard,
    pub today: NaiveDate,
}

/// The year's days, or (all years) from the first session on record to the last, so the
/// minimum counts only periods the calendar covers.
fn range(conn: &Connection, year: Option<i32>, today: NaiveDate) -> store::Result<(NaiveDate, NaiveDate)> {
    let first = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today);
    let last = |y| NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(today);
    Ok(match year {
        Some(y) => (first(y), last(y)),
        None => {
            let (a, b): (Option<String>, Option<String>) =
                conn.query_row("SELECT min(starts_on), max(ends_on) FROM sessions", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let parse = |t: Option<String>| t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok());
            (parse(a).unwrap_or(today), parse(b).unwrap_or(today).max(today))
        }
    })
}

pub const ID: &str = "tablero";

pub const KEYS: KeyContext = KeyContext {
    id: ID,
    title: "Tablero de indicadores",
    globals: true,
    typing: None,
    bindings: &[
        b("ano_anterior", &[C('['), C('<')], A::PrevPeriod, "Año anterior"),
        b("ano_siguiente", &[C(']'), C('>')], A::NextPeriod, "Año siguiente"),
        b("todos_los_anos", &[C('a')], A::AllYears, "Todos los años"),
    ],
};

impl DashboardScreen {
    pub fn load(conn: &Connection, today: NaiveDate) -> store::Result<DashboardScreen> {
        let mut screen = DashboardScreen::new(today);
        screen.read(conn)?;
        Ok(screen)
    }

    /// This year's, empty until read (the first time it is shown).
    pub fn new(today: NaiveDate) -> DashboardScreen {
        DashboardScreen { year: Some(today.year()), data: indicators::Dashboard::default(), today }
    }

    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        let (from, to) = range(conn, self.year, self.today)?;
        self.data = indicators::dashboard(conn, from, to, self.today)?;
        Ok(())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let period = self.year.map_or("todos los años".to_string(), |y| y.to_string());
        let o = &self.data.overall;
        let width = usize::from(area.width);
        let title = format!(" Tablero · {period} ");
        let rate = percent_text(o.commitments.rate());
        let (held, planned, adopted) = (o.held, o.planned, o.commitments.adopted);
        let full = format!("  sesiones {held} de {planned} programadas · compromisos {adopted} · cumplimiento {rate}");
        // At 80 columns a shorter wording keeps every figure in sight.
        let figures = if title.width() + full.width() <= width {
            full
        } else {
            format!("  sesiones {held} de {planned} · compromisos {adopted} · cumplimiento {rate}")
        };
        let long_hint = format!(" {RATE_DEFINITION} · [ ] año · a todos los años");
        let hint =
            if long_hint.width() <= width { long_hint } else { format!(" {RATE_DEFINITION} · [ ] año · a todos") };
        let mut head = wrap(
            &[(title, theme::title().add_modifier(ratatui::style::Modifier::REVERSED)), (figures, Style::default())],
            width,
            "  ",
        );
        head.extend(wrap(&[(hint, theme::dim())], width, " "));
        let [bar, grid] = Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(4)]).areas(area);
        frame.render_widget(Paragraph::new(head), bar);
        let [top, bottom] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(grid);
        let [tl, tr] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [bl, br] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
        self.compliance(frame, tl);
        self.attendance(frame, tr);
        self.sessions(frame, bl);
        self.overdue(frame, br);
    }

    fn compliance(&self, frame: &mut Frame, area: Rect) {
        let bars: Vec<Bar> = self
            .data
            .per_body
            .iter()
            .filter_map(|(siglas, i)| i.commitments.rate().map(|r| (siglas, r)))
            .map(|(siglas, r)| {
                Bar::default()
                    .value(r.round() as u64)
                    .text_value(format!("{r:.0}%"))
                    .label(Line::from(siglas.clone()))
                    .style(Style::default().fg(if r >= 80.0 {
                        theme::green()
                    } else if r >= 50.0 {
                        theme::amber()
                    } else {
                        theme::red()
                    }))
            })
            .collect();
        chart(frame, area, " Cumplimiento de compromisos (%) ", bars, Direction::Horizontal, Some(100));
    }

    fn attendance(&self, frame: &mut Frame, area: Rect) {
        let rows = &self.data.overall.attendance;
        let target = rows.first().map_or(80, |r| r.target);
        let bars: Vec<Bar> = rows
            .iter()
            .filter_map(|r| percent(r.present, r.sessions).map(|p| (r, p)))
            .map(|(r, p)| {
                let below = p < f64::from(r.target);
                Bar::default()
                    .value(p.round() as u64)
                    .text_value(format!("{p:.0}%{}", if below { " ✘" } else { "" }))
                    .label(Line::from(r.acronym.clone()))
                    .style(Style::default().fg(if below { theme::red() } else { theme::green() }))
            })
            .collect();
        let title = format!(" Asistencia por institución · meta {target} % ");
        chart(frame, area, &title, bars, Direction::Horizontal, Some(100));
    }

    fn sessions(&self, frame: &mut Frame, area: Rect) {
        let block = pane_block(" Sesiones realizadas / mínimo ".into(), false);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let rows: Vec<(&String, u32, u32)> =
            self.data.per_body.iter().filter_map(|(s, i)| i.minimum.map(|m| (s, i.held_ordinary, m))).collect();
        if rows.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled("sin datos", theme::dim())), inner);
            return;
        }
        let constraints = vec![Constraint::Length(1); rows.len().min(inner.height as usize)];
        let areas = Layout::vertical(constraints).split(inner);
        for ((siglas, held, minimum), line) in rows.iter().zip(areas.iter()) {
            let ratio = if *minimum == 0 { 1.0 } else { (f64::from(*held) / f64::from(*minimum)).min(1.0) };
            let colour = if held >= minimum { theme::green() } else { theme::red() };
            let [name, gauge] = Layout::horizontal([Constraint::Length(11), Constraint::Min(1)]).areas(*line);
            frame.render_widget(Paragraph::new(siglas.as_str()), name);
            frame.render_widget(
                Gauge::default()
                    .ratio(ratio)
                    .label(format!("{held} de {minimum}"))
                    .gauge_style(Style::default().fg(colour)),
                gauge,
            );
        }
    }

    fn overdue(&self, frame: &mut Frame, area: Rect) {
        let bars: Vec<Bar> = self
            .data
            .overdue_by_institution
            .iter()
            .map(|(siglas, n)| {
                Bar::default()
                    .value(u64::from(*n))
                    .label(Line::from(siglas.clone()))
                    .style(Style::default().fg(theme::red()))
            })
            .collect();
        chart(frame, area, " Vencidos hoy por institución ", bars, Direction::Horizontal, None);
    }
}

fn chart(frame: &mut Frame, area: Rect, title: &str, bars: Vec<Bar>, direction: Direction, max: Option<u64>) {
    let block = pane_block(title.to_string(), false);
    if bars.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("sin datos", theme::dim())).block(block), area);
        return;
    }
    let mut chart = BarChart::default()
        .block(block)
        .direction(direction)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars));
    if let Some(m) = max {
        chart = chart.max(m);
    }
    frame.render_widget(chart, area);
}

impl Component for DashboardScreen {
    fn id(&self) -> &'static str {
        ID
    }

    fn tab(&self) -> Tab {
        Tab { digit: Some('5'), name: strings::TAB_DASHBOARD.into(), short: "Tab.".into() }
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
        let this_year = self.today.year();
        let year = match (action, self.year) {
            (A::PrevPeriod, Some(y)) => Some(y - 1),
            (A::NextPeriod, Some(y)) => Some(y + 1),
            (A::PrevPeriod | A::NextPeriod, None) => Some(this_year),
            (A::AllYears, _) => None,
            _ => return,
        };
        self.year = year;
        self.reload(cx);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _view: &View) {
        self.render(frame, area);
    }

    crate::tui::component::any!();
}
