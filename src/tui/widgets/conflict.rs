//! The other person's text when a save met a newer version: shown beside the user's own,
//! which stays in the editor, until the user keeps theirs or joins both.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::{strings, theme};

pub fn draw(frame: &mut Frame, area: Rect, theirs: &str, version: i64) {
    let block = Block::bordered()
        .border_style(theme::warning())
        .title(Span::styled(format!(" {} (versión {version}) ", strings::CONFLICT_TITLE), theme::warning()))
        .title_bottom(Line::styled(format!(" {} ", strings::CONFLICT_KEYS), theme::dim()));
    frame.render_widget(Paragraph::new(theirs.to_string()).wrap(Wrap { trim: false }).block(block), area);
}
