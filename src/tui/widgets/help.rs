//! The help screen, generated from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::help_sections;
use crate::tui::{strings, theme};

pub fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (title, rows) in help_sections() {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(title, theme::title()));
        let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        for (keys, text) in rows {
            out.push(Line::from(vec![Span::styled(format!("  {keys:<width$}  "), theme::warning()), Span::raw(text)]));
        }
    }
    out
}

pub fn draw(frame: &mut Frame, screen: Rect, scroll: u16) {
    let area = super::centered(screen, 90, screen.height.saturating_sub(2).max(3));
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", strings::HELP_TITLE), theme::title()))
        .title_bottom(Line::styled(" Esc cerrar · ↑↓ desplazar ", theme::dim()))
        .border_style(theme::focused_border());
    frame.render_widget(Paragraph::new(lines()).block(block).scroll((scroll, 0)), area);
}
