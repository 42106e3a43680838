//! Calendario: the year as an agenda (dated sessions, windows apart, bodies behind their
//! minimum) or as a month grid, sessions coloured by body.

use chrono::{Datelike, Duration, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::Labeled;
use crate::domain::calendar::unfixed;
use crate::domain::dates::{WEEKDAY_SHORT, format_time, long_date, month_name, short_date};
use crate::domain::session::{Session, SessionStatus, abbreviated_title, short_title, title};
use crate::tui::component::Hits;
use crate::tui::data::Directory;
use crate::tui::keymap::Action;
use crate::tui::widgets::{moved, scroll_offset};
use crate::tui::{strings, theme};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Agenda,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Dated,
    Unfixed,
}

pub struct CalendarScreen {
    pub view: View,
    pub focus: Pane,
    /// The day in focus: picks the year (agenda) or month (grid) shown.
    pub day: NaiveDate,
    pub dated: usize,
    pub unfixed: usize,
    /// What the question on screen will do when answered yes.
    pub(super) asked: Option<super::calendar_actions::Question>,
    pub(super) hits: Hits,
}

pub fn dated(data: &Directory) -> Vec<&Session> {
    data.sessions.iter().filter(|s| s.schedule.date().is_some()).collect()
}

impl CalendarScreen {
    pub fn new(today: NaiveDate) -> Self {
        CalendarScreen {
            view: View::Agenda,
            focus: Pane::Dated,
            day: today,
            dated: 0,
            unfixed: 0,
            asked: None,
            hits: Hits::default(),
        }
    }

    /// Opened on today: the first session from today on selected.
    pub fn with_data(today: NaiveDate, data: &Directory) -> Self {
        let mut screen = CalendarScreen::new(today);
        screen.select_from_day(data);
        screen
    }

    /// Selects the first session on or after `day`, or the last one before it.
    pub fn select_from_day(&mut self, data: &Directory) {
        let list = dated(data);
        self.dated = list
            .iter()
            .position(|s| s.schedule.date().is_some_and(|d| d >= self.day))
            .unwrap_or(list.len().saturating_sub(1));
    }

    pub fn select_session(&mut self, data: &Directory, id: i64) {
        if let Some(i) = dated(data).iter().position(|s| s.id == id) {
            self.focus = Pane::Dated;
            self.dated = i;
        } else if let Some(i) = unfixed(&data.undated).iter().position(|s| s.id == id) {
            self.focus = Pane::Unfixed;
            self.unfixed = i;
        }
    }

    pub fn selected<'a>(&self, data: &'a Directory) -> Option<&'a Session> {
        match (self.view, self.focus) {
            (View::Month, _) => dated(data).into_iter().find(|s| s.schedule.date() == Some(self.day)),
            (View::Agenda, Pane::Dated) => dated(data).get(self.dated).copied(),
            (View::Agenda, Pane::Unfixed) => unfixed(&data.undated).get(self.unfixed).copied(),
        }
    }

    /// Navigation. Returns true when the day moved to another year (the caller reloads).
    pub fn handle_navigation(&mut self, action: Action, data: &Directory, today: NaiveDate) -> bool {
        let year = self.day.year();
        match self.view {
            View::Agenda => self.handle_agenda(action, data, today),
            View::Month => self.handle_month(action, data, today),
        }
        self.day.year() != year
    }

    fn handle_agenda(&mut self, action: Action, data: &Directory, today: NaiveDate) {
        let len = match self.focus {
            Pane::Dated => dated(data).len(),
            Pane::Unfixed => unfixed(&data.undated).len(),
        };
        let idx = match self.focus {
            Pane::Dated => &mut self.dated,
            Pane::Unfixed => &mut self.unfixed,
        };
        if let Some(i) = moved(action, *idx, len) {
            *idx = i;
        }
        match action {
            Action::Select(0, i) if i < dated(data).len() => {
                self.focus = Pane::Dated;
                self.dated = i;
            }
            Action::Select(1, i) if i < unfixed(&data.undated).len() => {
                self.focus = Pane::Unfixed;
                self.unfixed = i;
            }
            Action::Left => self.focus = Pane::Dated,
            Action::Right => self.focus = Pane::Unfixed,
            Action::SwitchPane => self.focus = if self.focus == Pane::Dated { Pane::Unfixed } else { Pane::Dated },
            Action::PrevPeriod => self.day = self.day.checked_sub_months(Months::new(12)).unwrap_or(self.day),
            Action::NextPeriod => self.day = self.day.checked_add_months(Months::new(12)).unwrap_or(self.day),
            Action::Today => {
                self.day = today;
                self.focus = Pane::Dated;
            }
            Action::ToggleView => self.view = View::Month,
            _ => {}
        }
        // The day follows the selection, so the month view opens where the user is.
        if matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Home
                | Action::End
                | Action::Select(0, _)
        ) && let Some(d) = self.selected(data).and_then(|s| s.schedule.date())
        {
            self.day = d;
        }
    }

    fn handle_month(&mut self, action: Action, data: &Directory, today: NaiveDate) {
        let d = self.day;
        self.day = match action {
            Action::Left => d - Duration::days(1),
            Action::Right => d + Duration::days(1),
            Action::Up => d - Duration::days(7),
            Action::Down => d + Duration::days(7),
            Action::PrevPeriod | Action::PageUp => d.checked_sub_months(Months::new(1)).unwrap_or(d),
            Action::NextPeriod | Action::PageDown => d.checked_add_months(Months::new(1)).unwrap_or(d),
            Action::Home => d.with_day(1).unwrap_or(d),
            Action::Select(2, n) => {
                d.with_day(1).and_then(|f| f.checked_add_days(chrono::Days::new(n as u64))).unwrap_or(d)
            }
            Action::End => last_of_month(d),
            Action::Today => today,
            Action::ToggleView => {
                self.view = View::Agenda;
                self.focus = Pane::Dated;
                self.select_from_day(data);
                d
            }
            _ => d,
        };
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, data: &Directory, today: NaiveDate) {
        self.hits.clear();
        let [main, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(area);
        match self.view {
            View::Agenda => self.draw_agenda(frame, main, data, today),
            View::Month => self.draw_month(frame, main, data, today),
        }
        draw_detail(frame, detail, data, self.selected(data));
    }

    fn draw_agenda(&self, frame: &mut Frame, area: Rect, data: &Directory, today: NaiveDate) {
        let [left, right] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
        let [top, bottom] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        let list = dated(data);
        // At 80 columns the full title would hide the state: «127ª Ord. convocada» instead.
        let compact = wider_than(data, &list, 18, left.width.saturating_sub(2));
        let mut lines = Vec::with_capacity(list.len() + 1);
        let mut owners = Vec::with_capacity(list.len() + 1);
        let mut selected_line = 0;
        let mut marked_today = data.year != today.year();
        for (i, s) in list.iter().enumerate() {
            if !marked_today && s.schedule.date().is_some_and(|d| d >= today) {
                lines.push(Line::styled(format!("── {}: {} ──", strings::TODAY, long_date(today)), theme::warning()));
                owners.push(None);
                marked_today = true;
            }
            if i == self.dated {
                selected_line = lines.len();
            }
            owners.push(Some(i));
            let date = s.schedule.date().map(short_date).unwrap_or_default();
            let time = s.schedule.time().map(format_time).unwrap_or_else(|| "     ".into());
            let gap = if compact { " " } else { "  " };
            let line = session_line(data, s, format!("{date}{gap}{time} "), compact);
            lines.push(highlight(line, self.focus == Pane::Dated && i == self.dated));
        }
        if list.is_empty() {
            lines.push(Line::styled(strings::NO_SESSIONS_YEAR, theme::dim()));
        }
        let title = format!(" {} {} · {} ", strings::TAB_CALENDAR, data.year, strings::AGENDA);
        let (inner, offset) =
            render_scrolled(frame, left, lines, selected_line, pane_block(title, self.focus == Pane::Dated));
        self.hits.lines(inner, offset, &owners, 0);

        let pending = unfixed(&data.undated);
        let compact = wider_than(data, &pending, 23, top.width.saturating_sub(2));
        let mut lines: Vec<Line> = pending
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let line = if compact {
                    // The window last and short: «CITDP 32ª Ord. feb-mar 2027».
                    let mut line = session_line(data, s, String::new(), true);
                    line.spans.pop();
                    line.spans.push(Span::raw(format!(" {}", s.schedule.short_text())));
                    line
                } else {
                    session_line(data, s, format!("{:<22} ", s.schedule.describe()), false)
                };
                highlight(line, self.focus == Pane::Unfixed && i == self.unfixed)
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(strings::NO_UNFIXED, theme::dim()));
        }
        let (inner, offset) = render_scrolled(
            frame,
            top,
            lines,
            self.unfixed,
            pane_block(format!(" {} ", strings::UNFIXED), self.focus == Pane::Unfixed),
        );
        self.hits.rows(inner, offset, pending.len(), 1);
        draw_behind(frame, bottom, data);
    }

    fn draw_month(&self, frame: &mut Frame, area: Rect, data: &Directory, today: NaiveDate) {
        let [grid_area, side] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
        let title = format!(" {} · {} {} ", strings::MONTH, month_name(self.day.month()), self.day.year());
        let block = pane_block(title, true);
        let inner = block.inner(grid_area);
        frame.render_widget(block, grid_area);
        let first = self.day.with_day(1).unwrap_or(self.day);
        let lead = first.weekday().num_days_from_monday() as i64;
        let days = last_of_month(first).day() as i64;
        let weeks = ((lead + days + 6) / 7).max(1) as u16;
        let cell_w = inner.width / 7;
        let cell_h = (inner.height.saturating_sub(1) / weeks).max(1);
        for (i, name) in WEEKDAY_SHORT.iter().enumerate() {
            let r = Rect { x: inner.x + i as u16 * cell_w, y: inner.y, width: cell_w, height: 1.min(inner.height) };
            frame.render_widget(Paragraph::new(Span::styled(*name, theme::title())), r);
        }
        let dated = dated(data);
        for n in 0..days {
            let date = first + Duration::days(n);
            let slot = lead + n;
            let (col, row) = ((slot % 7) as u16, (slot / 7) as u16);
            let y = inner.y + 1 + row * cell_h;
            if y >= inner.y + inner.height {
                break;
            }
            let cell =
                Rect { x: inner.x + col * cell_w, y, width: cell_w, height: cell_h.min(inner.y + inner.height - y) };
            self.hits.add(cell, Action::Select(2, n as usize));
            let mut day_style =
                if date == today { theme::warning().add_modifier(Modifier::BOLD) } else { Style::default() };
            if date == self.day {
                day_style = theme::selected();
            }
            let on_day: Vec<&&Session> = dated.iter().filter(|s| s.schedule.date() == Some(date)).collect();
            let mut lines = vec![Line::from(Span::styled(format!("{:>2}", date.day()), day_style))];
            if cell_h == 1 {
                let dots: Vec<Span> = on_day.iter().map(|s| Span::styled("•", body_style(data, s.body))).collect();
                lines = vec![Line::from([vec![Span::styled(format!("{:>2}", date.day()), day_style)], dots].concat())];
            } else {
                lines.extend(
                    on_day
                        .iter()
                        .map(|s| Line::from(Span::styled(data.acronym(s.body).to_string(), session_style(data, s)))),
                );
            }
            frame.render_widget(Paragraph::new(lines), cell);
        }
        let [day_area, windows_area] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(side);
        let on_day: Vec<Line> = dated
            .iter()
            .filter(|s| s.schedule.date() == Some(self.day))
            .map(|s| {
                session_line(
                    data,
                    s,
                    s.schedule.time().map(|t| format!("{} ", format_time(t))).unwrap_or_default(),
                    false,
                )
            })
            .collect();
        let day_title = format!(" {} ", long_date(self.day));
        let body = if on_day.is_empty() { vec![Line::styled(strings::DAY_EMPTY, theme::dim())] } else { on_day };
        frame.render_widget(Paragraph::new(body).block(pane_block(day_title, false)), day_area);
        let month = self.day.month();
        let windows: Vec<Line> = unfixed(&data.undated)
            .into_iter()
            .filter(|s| {
                let (a, b) = s.schedule.span();
                s.schedule.year() == self.day.year() && a.month() <= month && month <= b.month()
            })
            .map(|s| session_line(data, s, format!("{:<16} ", s.schedule.calendar_text()), true))
            .collect();
        frame.render_widget(
            Paragraph::new(windows).block(pane_block(format!(" {} ", strings::MONTH_WINDOWS), false)),
            windows_area,
        );
    }
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(d)
}

fn body_style(data: &Directory, body: i64) -> Style {
    Style::default().fg(theme::body_color(data.body_index(body)))
}

fn session_style(data: &Directory, s: &Session) -> Style {
    if s.status == SessionStatus::Cancelled {
        theme::dim().add_modifier(Modifier::CROSSED_OUT)
    } else {
        body_style(data, s.body)
    }
}

/// Whether a list of sessions in full («127ª Sesión Ordinaria · convocada» after `prefix`
/// columns) is wider than `width`.
fn wider_than(data: &Directory, sessions: &[&Session], prefix: usize, width: u16) -> bool {
    let widest = sessions
        .iter()
        .map(|s| {
            let word = data.body(s.body).map_or(String::new(), |b| short_title(s.number, s.kind, b.meeting_word));
            prefix + data.acronym_width() + 1 + word.chars().count() + 3 + s.status.label().chars().count()
        })
        .max()
        .unwrap_or(0);
    widest > usize::from(width)
}

/// One row for a session: siglas in the body's colour, the short title ("21ª Sesión
/// Ordinaria": lists are narrow; the detail pane gives it in words; `compact`: "21ª Ord.")
/// and the status.
fn session_line<'a>(data: &Directory, s: &Session, prefix: String, compact: bool) -> Line<'a> {
    let (word, status_style) = match data.body(s.body) {
        Some(b) => (
            if compact { abbreviated_title(s.number, s.kind) } else { short_title(s.number, s.kind, b.meeting_word) },
            match s.status {
                SessionStatus::Cancelled | SessionStatus::Closed => theme::dim(),
                SessionStatus::Convened | SessionStatus::InProgress => theme::ok(),
                _ => Style::default(),
            },
        ),
        None => (String::new(), Style::default()),
    };
    Line::from(vec![
        Span::raw(prefix),
        Span::styled(
            format!("{:<w$} ", data.acronym(s.body), w = data.acronym_width()),
            session_style(data, s).add_modifier(Modifier::BOLD),
        ),
        Span::styled(word, session_style(data, s)),
        Span::styled(format!("{}{}", if compact { " " } else { " · " }, s.status.label()), status_style),
    ])
}

fn highlight(line: Line<'_>, on: bool) -> Line<'_> {
    if on { line.patch_style(theme::selected()) } else { line }
}

pub(crate) fn pane_block(title: String, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    if focused { block.border_style(theme::focused_border()) } else { block }
}

/// Draws a list scrolled to keep `selected` in view; returns the area inside the border and
/// the first line shown, for the list's click areas.
pub(crate) fn render_scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line>,
    selected: usize,
    block: Block,
) -> (Rect, usize) {
    let inner = block.inner(area);
    let offset = scroll_offset(selected, lines.len(), inner.height as usize);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset as u16, 0)), area);
    (inner, offset)
}

fn draw_behind(frame: &mut Frame, area: Rect, data: &Directory) {
    let mut lines: Vec<Line> = data
        .behind
        .iter()
        .map(|st| {
            let name = data.body(st.body).map_or("?", |b| b.name.as_str());
            Line::from(vec![Span::styled("▲ ", theme::warning()), Span::raw(st.message(name))])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(strings::NONE_BEHIND, theme::ok()));
    }
    let block = pane_block(format!(" {} ", strings::BEHIND), false);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}

fn draw_detail(frame: &mut Frame, area: Rect, data: &Directory, session: Option<&Session>) {
    let block = pane_block(format!(" {} ", strings::DETAIL), false);
    let Some(s) = session else {
        frame.render_widget(Paragraph::new(Line::styled(strings::NOTHING_SELECTED, theme::dim())).block(block), area);
        return;
    };
    let Some(b) = data.body(s.body) else { return };
    let mut facts = vec![s.schedule.describe(), s.modality.label().to_string(), s.status.label().to_string()];
    if !s.place.is_empty() {
        facts.insert(1, s.place.clone());
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(title(s.number, s.kind, b.meeting_word), body_style(data, b.id).add_modifier(Modifier::BOLD)),
            Span::raw(format!(" · {} ({})", b.name, b.acronym)),
        ]),
        Line::raw(facts.join(" · ")),
    ];
    if let Some(d) = s.schedule.date() {
        lines.push(Line::raw(long_date(d)));
    }
    let mut extra = Vec::new();
    if let Some(p) = &s.planned {
        extra.push(format!("{}: {p}", strings::PLANNED));
    }
    if !s.link.is_empty() {
        extra.push(s.link.clone());
    }
    if !extra.is_empty() {
        lines.push(Line::styled(extra.join(" · "), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}
