//! The help: generated from the key map in force (so a remapped key shows as remapped), the
//! current screen's section first, narrowed by what is typed in its search field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::text::fold;
use crate::tui::keys::Keymap;
use crate::tui::{strings, theme};

/// The lines of the help for the screen whose key context is `context`, keeping only the keys
/// whose description or key names contain every word of `query` (accents and case aside).
pub fn lines(keymap: &Keymap, context: &str, query: &str) -> Vec<Line<'static>> {
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    let mut out = Vec::new();
    for (title, rows) in keymap.sections(context) {
        let rows: Vec<_> = rows
            .into_iter()
            .filter(|(keys, text)| {
                let hay = fold(&format!("{keys} {text} {title}"));
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(title, theme::title()));
        let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        for (keys, text) in rows {
            out.push(Line::from(vec![Span::styled(format!("  {keys:<width$}  "), theme::warning()), Span::raw(text)]));
        }
    }
    if out.is_empty() {
        out.push(Line::styled(strings::HELP_NOTHING_FOUND, theme::dim()));
    }
    out
}

pub fn draw(frame: &mut Frame, screen: Rect, keymap: &Keymap, context: &str, query: &str, scroll: u16) {
    let area = super::centered(screen, 90, screen.height.saturating_sub(2).max(3));
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", strings::HELP_TITLE), theme::title()))
        .title_bottom(Line::styled(format!(" {} ", strings::HELP_KEYS), theme::dim()))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let field = Line::from(vec![
        Span::styled(format!("{}: ", strings::HELP_SEARCH), theme::dim()),
        Span::styled(format!("{query}▏"), theme::selected()),
    ]);
    frame.render_widget(Paragraph::new(field), search);
    frame.render_widget(Paragraph::new(lines(keymap, context, query)).scroll((scroll, 0)), list);
}
