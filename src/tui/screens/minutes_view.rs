//! How the acta screen draws: the acta as a document with the selected section marked (or the
//! section being edited, as text), and beside it the approval cycle.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::calendar::pane_block;
use super::minutes::MinutesScreen;
use crate::domain::Labeled;
use crate::domain::dates::medium_date;
use crate::domain::minutes::MinutesStatus;
use crate::tui::widgets::document;
use crate::tui::{strings, theme};

impl MinutesScreen {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.hits.clear();
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
        // The document gets the width: its tables need it. The cycle goes beside it on a wide
        // terminal, under it otherwise.
        let cycle = self.cycle_lines();
        let [text_area, side] = if body.width >= 120 {
            Layout::horizontal([Constraint::Percentage(70), Constraint::Percentage(30)]).areas(body)
        } else {
            // Tall enough for the cycle and its keys, wrapped, up to half the screen.
            let width = usize::from(body.width.saturating_sub(2).max(1));
            let needed: usize = cycle.iter().map(|l| l.width().div_ceil(width).max(1)).sum::<usize>() + 2;
            let height = u16::try_from(needed).unwrap_or(u16::MAX).clamp(7, (body.height / 2).max(7));
            Layout::vertical([Constraint::Min(5), Constraint::Length(height)]).areas(body)
        };
        if self.editing {
            self.draw_editor(frame, text_area);
        } else {
            self.draw_document(frame, text_area);
        }
        let block = pane_block(format!(" {} ", strings::MINUTES_CYCLE), false);
        frame.render_widget(Paragraph::new(cycle).wrap(Wrap { trim: true }).block(block), side);
    }

    /// The acta as it will read on paper, each section marked at its left; the selected one
    /// in colour.
    fn draw_document(&self, frame: &mut Frame, area: Rect) {
        let block = pane_block(format!(" {} · {} ", strings::MINUTES, self.title), true)
            .title_bottom(Line::styled(format!(" {} ", strings::MINUTES_DOC_KEYS), theme::dim()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width.saturating_sub(2);
        let lines: Vec<&str> = self.doc.lines().collect();
        let mut shown = Vec::new();
        let mut owners = Vec::new();
        let mut first_line = 0;
        for (i, section) in self.sections().iter().enumerate() {
            let text = lines[section.start.min(lines.len())..section.end.min(lines.len())].join("\n");
            let blocks = crate::export::markdown::parse(&text, false, None).blocks;
            let selected = i == self.section;
            if selected {
                first_line = shown.len();
            }
            let mark = if selected { Span::styled("▌ ", theme::warning()) } else { Span::raw("  ") };
            if i > 0 {
                shown.push(Line::raw(""));
                owners.push(None);
            }
            for line in document::lines(&blocks, width) {
                let mut spans = vec![mark.clone()];
                spans.extend(line.spans);
                shown.push(Line::from(spans));
                owners.push(Some(i));
            }
        }
        let height = usize::from(inner.height);
        let last = shown.len().saturating_sub(height);
        let mut offset = self.offset.get().min(last);
        // A section just chosen comes into view, its heading near the top.
        if self.reveal.replace(false) && (first_line < offset || first_line >= offset + height.saturating_sub(2)) {
            offset = first_line.saturating_sub(1).min(last);
        }
        self.offset.set(offset);
        self.shown.set((shown.len(), height));
        self.hits.lines(inner, offset, &owners, 0);
        frame.render_widget(Paragraph::new(shown).scroll((offset as u16, 0)), inner);
    }

    /// The section being edited, as text.
    fn draw_editor(&self, frame: &mut Frame, area: Rect) {
        let name = self.sections().get(self.section).map(|s| s.title.clone()).unwrap_or_default();
        let block = pane_block(format!(" {}: {name} ", strings::EDITING), true)
            .title_bottom(Line::styled(format!(" {} ", strings::MINUTES_EDIT_KEYS), theme::dim()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(self.editor.as_ref(), inner);
    }

    /// The approval cycle: status, dates, observations, errata, and the keys that move it.
    fn cycle_lines(&self) -> Vec<Line<'static>> {
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
        lines
    }
}
