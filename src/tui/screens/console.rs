//! La consola de la sesión: the screen kept open while a session runs. Roll call on the left,
//! agenda, notes of the current item and its votes and agreements on the right, and the quorum
//! always in the title bar.

use std::time::Instant;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use super::calendar::{pane_block, render_scrolled};
use crate::domain::Labeled;
use crate::domain::dates::format_time;
use crate::domain::quorum::{AttendanceMode, Presence};
use crate::domain::session::{SessionStatus, abbreviated_title, short_title};
use crate::ops::Op;
use crate::store;
use crate::store::agenda::Item;
use crate::store::record::{RollRow, SessionRecord};
use crate::tui::component::Hits;
use crate::tui::keymap::Action;
use crate::tui::widgets::document::wrap;
use crate::tui::widgets::{clamp, fit_title, moved, prose_editor};
use crate::tui::{strings, theme};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Roll,
    Agenda,
}

pub struct ConsoleScreen {
    pub record: SessionRecord,
    pub focus: Pane,
    pub roll: usize,
    pub item: usize,
    pub notes: Box<TextArea<'static>>,
    /// The item whose notes the editor holds.
    pub notes_item: Option<i64>,
    /// The version of the notes the editor started from.
    pub notes_base: i64,
    pub editing: bool,
    pub dirty: bool,
    pub last_save: Instant,
    /// Someone else saved notes of the same item meanwhile: their text and version. Autosave
    /// stops until the user keeps their own text or joins both.
    pub conflict: Option<(String, i64)>,
    /// What the question on screen will do when answered yes.
    pub(super) asked: Option<super::console_actions::Question>,
    pub(super) hits: Hits,
}

pub const ID: &str = "consola";

impl ConsoleScreen {
    pub fn load(conn: &Connection, session: i64) -> store::Result<ConsoleScreen> {
        let record = SessionRecord::load(conn, session)?;
        let mut screen = ConsoleScreen {
            record,
            focus: Pane::Roll,
            roll: 0,
            item: 0,
            notes: prose_editor("", true),
            notes_item: None,
            notes_base: 0,
            editing: false,
            dirty: false,
            last_save: Instant::now(),
            conflict: None,
            asked: None,
            hits: Hits::default(),
        };
        screen.follow_current();
        Ok(screen)
    }

    pub fn session(&self) -> i64 {
        self.record.session.id
    }

    /// Reloads from the store after a change, keeping selections and unsaved notes.
    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        self.record = SessionRecord::load(conn, self.session())?;
        self.roll = clamp(self.roll, self.record.roll.len());
        self.item = clamp(self.item, self.record.items.len());
        let stale = self.record.current_item().is_some_and(|i| i.notes_version != self.notes_base);
        if !self.dirty && self.conflict.is_none() && (self.notes_item != self.record.conduct.current_item || stale) {
            self.follow_current();
        }
        Ok(())
    }

    /// Selects the current item and loads its notes into the editor.
    pub fn follow_current(&mut self) {
        let current = self.record.current_item().cloned();
        if let Some(i) = current.as_ref().and_then(|c| self.record.items.iter().position(|x| x.id == c.id)) {
            self.item = i;
        }
        self.notes = prose_editor(current.as_ref().map_or("", |c| c.notes.as_str()), true);
        self.notes_base = current.as_ref().map_or(0, |c| c.notes_version);
        self.notes_item = current.map(|c| c.id);
        self.dirty = false;
        self.conflict = None;
    }

    pub fn notes_text(&self) -> String {
        self.notes.lines().join("\n")
    }

    /// The save the notes need, if they changed and no conflict is pending; the interface runs
    /// it on a timer, on leaving the editor and before any change of item, so at most a second
    /// or two of typing is ever at risk.
    pub fn notes_save(&self) -> Option<Op> {
        match (self.dirty, self.notes_item, &self.conflict) {
            (true, Some(item), None) => Some(Op::SaveNotes { item, base: self.notes_base, text: self.notes_text() }),
            _ => None,
        }
    }

    /// The save went through at `version`.
    pub fn notes_saved(&mut self, version: i64) {
        let text = self.notes_text();
        if let Some(i) = self.notes_item.and_then(|id| self.record.items.iter_mut().find(|i| i.id == id)) {
            i.notes = text;
            i.notes_version = version;
        }
        self.notes_base = version;
        self.dirty = false;
        self.last_save = Instant::now();
    }

    /// Keeps the user's text over the other one: the next save replaces it (the other text
    /// stays in the bitácora).
    pub fn keep_mine(&mut self) -> bool {
        let Some((_, version)) = self.conflict.take() else { return false };
        self.notes_base = version;
        self.dirty = true;
        true
    }

    /// Puts the other person's text first and the user's after it, so neither is lost.
    pub fn join_texts(&mut self) -> bool {
        let Some((theirs, version)) = self.conflict.take() else { return false };
        let joined = format!("{}\n\n{}", theirs.trim_end(), self.notes_text());
        self.notes = prose_editor(&joined, true);
        self.notes_base = version;
        self.dirty = true;
        true
    }

    pub fn selected_roll(&self) -> Option<&RollRow> {
        self.record.roll.get(self.roll)
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.record.items.get(self.item)
    }

    pub fn live(&self) -> bool {
        self.record.session.status == SessionStatus::InProgress
    }

    pub fn navigate(&mut self, action: Action) {
        match action {
            Action::Select(0, i) if i < self.record.roll.len() => {
                self.focus = Pane::Roll;
                self.roll = i;
                return;
            }
            Action::Select(1, i) if i < self.record.items.len() => {
                self.focus = Pane::Agenda;
                self.item = i;
                return;
            }
            _ => {}
        }
        let (idx, len) = match self.focus {
            Pane::Roll => (&mut self.roll, self.record.roll.len()),
            Pane::Agenda => (&mut self.item, self.record.items.len()),
        };
        if let Some(i) = moved(action, *idx, len) {
            *idx = i;
        }
        match action {
            Action::Left => self.focus = Pane::Roll,
            Action::Right => self.focus = Pane::Agenda,
            _ => {}
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, now: NaiveDateTime) {
        self.hits.clear();
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        self.draw_bar(frame, bar);
        let [left, right] = Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
        self.draw_roll(frame, left);
        let [agenda_area, notes_area, item_area] =
            Layout::vertical([Constraint::Percentage(38), Constraint::Percentage(34), Constraint::Percentage(28)])
                .areas(right);
        self.draw_agenda(frame, agenda_area);
        self.draw_notes(frame, notes_area, now);
        self.draw_item_record(frame, item_area);
    }

    /// The session and, always in sight, its quorum.
    fn draw_bar(&self, frame: &mut Frame, area: Rect) {
        let r = &self.record;
        let q = &r.quorum;
        let indicator = format!(" {} ", q.indicator());
        let quorum_style = if q.reached() { theme::quorum_ok() } else { theme::quorum_missing() };
        let since = match (r.conduct.started_at, r.conduct.ended_at) {
            (Some(s), Some(e)) => format!(" de {} a {}", format_time(s.time()), format_time(e.time())),
            (Some(s), None) => format!(" desde {}", format_time(s.time())),
            _ => String::new(),
        };
        let title = short_title(r.session.number, r.session.kind, r.body.meeting_word);
        let state = format!("{}{since}", r.session.status.label());
        let used = indicator.chars().count() + r.body.acronym.chars().count() + 2;
        // At 80 columns «128ª Ord.» leaves room for the state and its time.
        let title = if used + title.chars().count() + 4 + state.chars().count() > usize::from(area.width) {
            abbreviated_title(r.session.number, r.session.kind)
        } else {
            title
        };
        // The quorum goes first so a narrow terminal cuts the title, never the quorum.
        let line = Line::from(vec![
            Span::styled(indicator, quorum_style),
            Span::styled(format!(" {} ", r.body.acronym), theme::title().add_modifier(Modifier::REVERSED)),
            Span::styled(format!(" {title} · {state}"), theme::title()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn draw_roll(&self, frame: &mut Frame, area: Rect) {
        let r = &self.record;
        let width = usize::from(area.width.saturating_sub(2));
        let w = r.roll.iter().map(|x| x.institution.acronym.chars().count()).max().unwrap_or(4);
        let mut lines = Vec::with_capacity(r.roll.len() + 1);
        let mut owners = Vec::with_capacity(r.roll.len() + 1);
        let mut selected_line = 0;
        for (i, row) in r.roll.iter().enumerate() {
            if i > 0 && !row.membership.rights.votes() && r.roll[i - 1].membership.rights.votes() {
                lines.push(Line::styled(rule(width), theme::dim()));
                owners.push(None);
            }
            if i == self.roll {
                selected_line = lines.len();
            }
            let selected = i == self.roll && self.focus == Pane::Roll && !self.editing;
            for line in roll_lines(row, w, width) {
                owners.push(Some(i));
                lines.push(if selected { line.patch_style(theme::selected()) } else { line });
            }
        }
        let title = format!(" {} ", strings::ROLL_CALL);
        let (inner, offset) = render_scrolled(
            frame,
            area,
            lines,
            selected_line,
            pane_block(title, self.focus == Pane::Roll && !self.editing),
        );
        self.hits.lines(inner, offset, &owners, 0);
    }

    /// Every title whole: at 80 columns a long title continues under itself.
    fn draw_agenda(&self, frame: &mut Frame, area: Rect) {
        let current = self.record.conduct.current_item;
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines = Vec::with_capacity(self.record.items.len());
        let mut owners = Vec::with_capacity(self.record.items.len());
        let mut selected_line = 0;
        for (i, item) in self.record.items.iter().enumerate() {
            let marker = if Some(item.id) == current { "▶ " } else { "  " };
            let times = match (item.started_at, item.ended_at) {
                (Some(s), Some(e)) => format!(" {}–{}", format_time(s.time()), format_time(e.time())),
                (Some(s), None) => format!(" {}–", format_time(s.time())),
                _ => String::new(),
            };
            let style =
                if Some(item.id) == current { theme::warning().add_modifier(Modifier::BOLD) } else { Style::default() };
            let head = format!("{marker}{}. ", item.position);
            let indent = " ".repeat(head.chars().count());
            let parts = [(format!("{head}{}", item.title), style), (times, theme::dim())];
            if i == self.item {
                selected_line = lines.len();
            }
            let selected = i == self.item && self.focus == Pane::Agenda && !self.editing;
            // The selected item shows its whole title; the others are marked as cut.
            let wrapped = if i == self.item {
                wrap(&parts, width, &indent)
            } else {
                let whole = wrap(&parts, width, &indent);
                let mut first = whole.into_iter().next().unwrap_or_default();
                if parts.iter().map(|(t, _)| t.width()).sum::<usize>() > width {
                    let cut: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
                    let cut: String = cut.chars().take(width.saturating_sub(1)).collect();
                    first = Line::styled(format!("{}…", cut.trim_end()), style);
                }
                vec![first]
            };
            for line in wrapped {
                owners.push(Some(i));
                lines.push(if selected { line.patch_style(theme::selected()) } else { line });
            }
        }
        let (inner, offset) = render_scrolled(
            frame,
            area,
            lines,
            selected_line,
            pane_block(format!(" {} ", strings::AGENDA_TITLE), self.focus == Pane::Agenda && !self.editing),
        );
        self.hits.lines(inner, offset, &owners, 1);
    }

    fn draw_notes(&self, frame: &mut Frame, area: Rect, now: NaiveDateTime) {
        // A click on the notes starts writing them.
        self.hits.add(area, Action::EditNotes);
        // Browsing the agenda shows each item's notes; typing always goes to the current item.
        let browsing = self
            .selected_item()
            .filter(|i| self.focus == Pane::Agenda && !self.editing && Some(i.id) != self.notes_item);
        if let Some(item) = browsing {
            let title = fit_title(&format!(" {} · {}. {} ", strings::NOTES, item.position, item.title), area.width);
            let text = if item.notes.is_empty() {
                Text::styled(strings::NO_NOTES, theme::dim())
            } else {
                Text::raw(item.notes.clone())
            };
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(pane_block(title, false)), area);
            return;
        }
        let item = self.notes_item.and_then(|id| self.record.items.iter().find(|i| i.id == id));
        let title = match item {
            Some(i) => fit_title(&format!(" {} · {}. {} ", strings::NOTES, i.position, i.title), area.width),
            None => format!(" {} ", strings::NOTES),
        };
        let area = match &self.conflict {
            Some((theirs, version)) => {
                let [mine, other] =
                    Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
                crate::tui::widgets::conflict::draw(frame, other, theirs, *version);
                mine
            }
            None => area,
        };
        let state = match (&self.conflict, self.dirty) {
            (Some(_), _) => strings::NOTES_CONFLICT,
            (None, true) => strings::NOTES_UNSAVED,
            (None, false) => strings::NOTES_SAVED,
        };
        let block = pane_block(title, self.editing).title_bottom(
            Line::styled(format!(" {state} · {} ", format_time(now.time())), theme::dim()).right_aligned(),
        );
        if self.notes_text().is_empty() && !self.editing {
            frame.render_widget(Paragraph::new(Line::styled(strings::NOTES_HINT, theme::dim())).block(block), area);
            return;
        }
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let mut notes = (*self.notes).clone();
        if !self.editing {
            notes.set_cursor_style(Style::default());
        }
        frame.render_widget(&notes, inner);
    }

    fn draw_item_record(&self, frame: &mut Frame, area: Rect) {
        let r = &self.record;
        let item = self.selected_item().map(|i| i.id);
        let mut lines = Vec::new();
        for v in r.votes.iter().filter(|v| Some(v.item) == item) {
            let (verdict, style) = match v.current() {
                Some(c) if c.approved => ("aprobada", theme::ok()),
                Some(_) => ("rechazada", theme::error()),
                None => ("sin contar", theme::warning()),
            };
            let counts = v
                .current()
                .map(|c| format!(" {}-{}-{}", c.tally.for_, c.tally.against, c.tally.abstain))
                .unwrap_or_default();
            let recounts = v.counts.len().saturating_sub(1);
            let extra = match (recounts, v.current().is_some_and(|c| c.casting_vote)) {
                (0, false) => String::new(),
                (n, cv) => format!(
                    "{}{}",
                    if n > 0 {
                        format!(" · {}", crate::domain::text::counted(n as i64, "recuento", "recuentos"))
                    } else {
                        String::new()
                    },
                    if cv { " · voto de calidad" } else { "" }
                ),
            };
            lines.push(Line::from(vec![
                Span::styled("Votación ", theme::title()),
                Span::raw(format!("«{}» · {}{counts} · ", v.motion, v.rule.label())),
                Span::styled(verdict, style.add_modifier(Modifier::BOLD)),
                Span::styled(extra, theme::dim()),
            ]));
        }
        for a in r.agreements.iter().filter(|a| Some(a.item) == item) {
            let who: Vec<&str> = a.responsibles.iter().map(|i| r.acronym(*i)).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", a.number), theme::warning()),
                Span::raw(format!("{} · {} · plazo: {}", a.text, who.join(", "), a.deadline.text())),
            ]));
        }
        if lines.is_empty() {
            lines.push(Line::styled(strings::ITEM_EMPTY, theme::dim()));
        }
        let block = pane_block(format!(" {} ", strings::ITEM_RECORD), false);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
    }
}

/// The line between members with a vote and guests: its explanation when there is room.
fn rule(width: usize) -> String {
    let full = strings::NON_VOTING;
    match full.width() + 3 {
        n if n + 3 <= width => format!("── {full} ──"),
        n if n <= width => format!("── {full}"),
        _ => format!("── {} ──", strings::NON_VOTING_SHORT),
    }
}

/// One line per member when it fits; otherwise the person's name goes on a line of its own, so
/// at 80 columns nobody's name is cut.
fn roll_lines(row: &RollRow, w: usize, width: usize) -> Vec<Line<'static>> {
    let (word, style) = match row.entry.as_ref() {
        None => ("—".to_string(), theme::dim()),
        Some(e) if e.mark.presence.present() && e.mark.departure.is_some() => ("se retiró".into(), theme::dim()),
        Some(e) => (
            e.mark.presence.short().to_string(),
            match e.mark.presence {
                Presence::Titular | Presence::Alternate => theme::ok(),
                Presence::Justified => theme::warning(),
                Presence::Absent => theme::dim(),
            },
        ),
    };
    let mut spans = vec![
        Span::styled(format!("{:<w$} ", row.institution.acronym), theme::title()),
        Span::styled(format!("{word:<11}"), style),
    ];
    let mut name = None;
    if let Some(e) = row.entry.as_ref().filter(|e| e.mark.presence.present()) {
        let times = match (e.mark.arrival, e.mark.departure) {
            (Some(a), Some(d)) => format!("{}–{}", format_time(a), format_time(d)),
            (Some(a), None) => format_time(a),
            _ => String::new(),
        };
        spans.push(Span::raw(format!("{times} ")));
        if e.mark.mode == AttendanceMode::Remote {
            spans.push(Span::styled("virtual ", theme::warning()));
        }
        name = Some(e.representative.clone());
    } else if let Some(t) = &row.titular {
        spans.push(Span::raw(" "));
        name = Some(t.name.clone());
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let mut lines = match name {
        Some(n) if used + n.width() <= width => {
            spans.push(Span::styled(n, theme::dim()));
            vec![Line::from(spans)]
        }
        Some(n) => {
            let indent = "  ";
            let mut out = vec![Line::from(spans)];
            out.extend(wrap(&[(format!("{indent}{n}"), theme::dim())], width, indent));
            out
        }
        None => vec![Line::from(spans)],
    };
    if !row.membership.rights.votes() {
        lines = lines.into_iter().map(|l| l.patch_style(theme::dim())).collect();
    }
    lines
}
