//! El acta: the minutes of a closed session as an editable document, with its approval cycle
//! beside it (status, observations, fe de erratas) and a warning when the session's records
//! changed after the draft was generated.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use super::calendar::pane_block;
use crate::domain::Labeled;
use crate::domain::dates::medium_date;
use crate::domain::minutes::MinutesStatus;
use crate::export::minutes_doc::records_changed;
use crate::ops::Op;
use crate::store::minutes::{self, Erratum, Minutes, Observation};
use crate::store::{self, institutions};
use crate::tui::widgets::prose_editor;
use crate::tui::{strings, theme};

pub struct MinutesScreen {
    pub title: String,
    pub minutes: Minutes,
    pub observations: Vec<(Observation, String)>,
    pub errata: Vec<Erratum>,
    pub records_changed: bool,
    pub editor: Box<TextArea<'static>>,
    pub editing: bool,
    pub dirty: bool,
    pub last_save: Instant,
    /// The version of the text the editor started from.
    pub base: i64,
    /// Someone else saved the acta meanwhile: their text and version.
    pub conflict: Option<(String, i64)>,
    /// Why this approved acta must not be printed: its text no longer matches its SHA-256.
    pub tampered: Option<String>,
    /// The first line of the document in view.
    pub offset: usize,
}

pub const ID: &str = "acta";

impl MinutesScreen {
    pub fn load(conn: &Connection, minutes: Minutes, title: String) -> store::Result<MinutesScreen> {
        let mut screen = MinutesScreen {
            title,
            editor: prose_editor(&minutes.text, false),
            minutes,
            observations: Vec::new(),
            errata: Vec::new(),
            records_changed: false,
            editing: false,
            dirty: false,
            last_save: Instant::now(),
            base: 0,
            conflict: None,
            tampered: None,
            offset: 0,
        };
        screen.base = screen.minutes.version;
        screen.read(conn)?;
        Ok(screen)
    }

    pub fn session(&self) -> i64 {
        self.minutes.session
    }

    /// Moves through the document (not editing).
    pub fn scroll(&mut self, action: crate::tui::keymap::Action) {
        let len = self.editor.lines().len();
        if let Some(line) = crate::tui::widgets::moved(action, self.offset, len) {
            self.offset = line;
        }
    }

    /// Reloads the cycle; the text too unless the secretary has unsaved edits.
    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        if let Some(m) = minutes::get(conn, self.session())? {
            if !self.dirty && self.conflict.is_none() {
                if m.text != self.text() {
                    self.editor = prose_editor(&m.text, false);
                }
                self.base = m.version;
            }
            self.minutes = m;
        }
        self.tampered = crate::ops::verify::acta_tampered(conn, self.session())?;
        self.observations = minutes::observations(conn, self.session())?
            .into_iter()
            .map(|o| {
                let siglas =
                    institutions::get(conn, o.institution).ok().flatten().map(|i| i.acronym).unwrap_or_default();
                (o, siglas)
            })
            .collect();
        self.errata = minutes::errata(conn, self.session())?;
        self.records_changed = records_changed(conn, &self.minutes)?;
        Ok(())
    }

    /// Replaces the editor's text (after a regeneration).
    pub fn set_text(&mut self, text: &str, version: i64) {
        self.editor = prose_editor(text, false);
        self.base = version;
        self.dirty = false;
    }

    pub fn text(&self) -> String {
        let mut t = self.editor.lines().join("\n");
        t.push('\n');
        t
    }

    /// The save the edits need, unless a conflict is pending.
    pub fn save_op(&self, at: chrono::NaiveDateTime) -> Option<Op> {
        (self.dirty && self.conflict.is_none()).then(|| Op::SaveMinutes {
            session: self.session(),
            base: self.base,
            at,
            text: self.text(),
        })
    }

    /// The save went through at `version`.
    pub fn saved(&mut self, version: i64) {
        self.minutes.text = self.text();
        self.minutes.version = version;
        self.base = version;
        self.dirty = false;
        self.last_save = Instant::now();
    }

    /// Keeps the user's text over the other one (which stays in the bitácora).
    pub fn keep_mine(&mut self) -> bool {
        let Some((_, version)) = self.conflict.take() else { return false };
        self.base = version;
        self.dirty = true;
        true
    }

    /// The other person's text, then the user's, under a heading that says so.
    pub fn join_texts(&mut self) -> bool {
        let Some((theirs, version)) = self.conflict.take() else { return false };
        let joined = format!("{}\n\n## {}\n\n{}", theirs.trim_end(), strings::MY_VERSION, self.text());
        self.editor = prose_editor(&joined, false);
        self.base = version;
        self.dirty = true;
        true
    }

    /// The oldest observation still to be accepted or rejected.
    pub fn pending_observation(&self) -> Option<&Observation> {
        self.observations.iter().map(|(o, _)| o).find(|o| o.accepted.is_none())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        // An altered approved acta says so in red before anything else.
        let warning_text = match (&self.tampered, self.records_changed) {
            (Some(t), _) => Some(format!("{}: {t}", strings::ACTA_TAMPERED)),
            (None, true) => Some(strings::RECORDS_CHANGED.to_string()),
            (None, false) => None,
        };
        let warning_lines = match &warning_text {
            Some(t) => (t.chars().count() as u16).div_ceil(area.width.max(1)).clamp(1, 3),
            None => 0,
        };
        let [warning, body] = Layout::vertical([Constraint::Length(warning_lines), Constraint::Min(1)]).areas(area);
        if let Some(t) = warning_text {
            let style = if self.tampered.is_some() { theme::error() } else { theme::quorum_missing() };
            frame.render_widget(Paragraph::new(Span::styled(t, style)).wrap(Wrap { trim: true }), warning);
        }
        let body = match &self.conflict {
            Some((theirs, version)) => {
                let [mine, other] =
                    Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
                crate::tui::widgets::conflict::draw(frame, other, theirs, *version);
                mine
            }
            None => body,
        };
        let [text_area, side] =
            Layout::horizontal([Constraint::Percentage(68), Constraint::Percentage(32)]).areas(body);
        let title = format!(" {} · {} ", strings::MINUTES, self.title);
        let block = pane_block(title, self.editing);
        let inner = block.inner(text_area);
        frame.render_widget(block, text_area);
        let mut view = (*self.editor).clone();
        if !self.editing {
            view.set_cursor_style(Style::default());
        }
        frame.render_widget(&view, inner);
        self.draw_cycle(frame, side);
    }

    fn draw_cycle(&self, frame: &mut Frame, area: Rect) {
        let m = &self.minutes;
        let status_style = if m.status == MinutesStatus::Approved { theme::ok() } else { theme::warning() };
        let mut lines = vec![Line::from(vec![Span::raw("Estado: "), Span::styled(m.status.label(), status_style)])];
        if let Some(d) = m.sent_on {
            lines.push(Line::raw(format!("Enviada a revisión: {}", medium_date(d))));
        }
        if let (Some(d), Some(h)) = (m.approved_on, &m.sha256) {
            lines.push(Line::raw(format!("Aprobada: {}", medium_date(d))));
            lines.push(Line::styled(format!("SHA-256: {h}"), theme::dim()));
        }
        if self.conflict.is_some() {
            lines.push(Line::styled(strings::NOTES_CONFLICT, theme::error()));
        } else if self.dirty {
            lines.push(Line::styled(strings::NOTES_UNSAVED, theme::warning()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("Observaciones ({})", self.observations.len()), theme::title()));
        for (o, siglas) in &self.observations {
            let (word, style) = match o.accepted {
                Some(true) => ("aceptada", theme::ok()),
                Some(false) => ("rechazada", theme::error()),
                None => ("por decidir", theme::warning()),
            };
            lines
                .push(Line::from(vec![Span::styled(format!("{siglas}: "), theme::title()), Span::styled(word, style)]));
            lines.push(Line::styled(format!("  {}", o.text), theme::dim()));
        }
        if !self.errata.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Fe de erratas", theme::title()));
            for e in &self.errata {
                let state = if e.sha256.is_some() { "aprobada" } else { "pendiente" };
                lines.push(Line::styled(format!("{state}: {}", e.text), theme::dim()));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::MINUTES_KEYS, theme::dim()));
        let block = pane_block(format!(" {} ", strings::MINUTES_CYCLE), false);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
    }
}
