//! Reusable pieces of screen.

pub mod conflict;
pub mod document;
pub mod form;
pub mod help;
pub mod status;

use ratatui::layout::Rect;

/// A multi-line editor for prose (notes, minutes): wraps at words like a word processor and
/// never scrolls sideways. Notes continue where they end (`at_end`); a document opens at its top.
pub fn prose_editor(text: &str, at_end: bool) -> Box<ratatui_textarea::TextArea<'static>> {
    let mut area = ratatui_textarea::TextArea::new(text.lines().map(String::from).collect());
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    if at_end {
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
    }
    Box::new(area)
}

/// A pane title that fits a pane `width` columns wide, marked «…» where it is cut so nobody
/// reads a cut word as a whole one.
pub fn fit_title(title: &str, width: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let room = usize::from(width.saturating_sub(4));
    if title.width() <= room {
        return title.to_string();
    }
    let mut out = String::new();
    for c in title.chars() {
        if (out.clone() + &c.to_string()).width() + 2 > room {
            break;
        }
        out.push(c);
    }
    format!("{}… ", out.trim_end())
}

/// A `width` × `height` rectangle in the middle of `area`, clipped to it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The selection after a movement key in a list of `len` rows; `None` when `action` is not
/// a movement.
pub fn moved(action: crate::tui::keymap::Action, current: usize, len: usize) -> Option<usize> {
    use crate::tui::keymap::Action;
    match action {
        Action::Up => Some(current.saturating_sub(1)),
        Action::Down => Some(clamp(current + 1, len)),
        Action::PageUp => Some(current.saturating_sub(10)),
        Action::PageDown => Some(clamp(current + 10, len)),
        Action::Home => Some(0),
        Action::End => Some(len.saturating_sub(1)),
        _ => None,
    }
}

/// Keeps a selection inside a list of `len` items.
pub fn clamp(index: usize, len: usize) -> usize {
    index.min(len.saturating_sub(1))
}

/// First visible row of a list of `len` rows shown `height` at a time: the selection sits a
/// third of the way down, so what comes next is always in view.
pub fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    selected.saturating_sub(height / 3).min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_keeps_context_and_never_runs_past_the_end() {
        assert_eq!(scroll_offset(0, 100, 30), 0);
        assert_eq!(scroll_offset(40, 100, 30), 30);
        assert_eq!(scroll_offset(99, 100, 30), 70);
        assert_eq!(scroll_offset(5, 10, 30), 0);
        assert_eq!(scroll_offset(5, 10, 0), 5);
        assert_eq!(clamp(5, 0), 0);
        assert_eq!(clamp(5, 3), 2);
        assert_eq!(centered(Rect::new(0, 0, 10, 5), 20, 3), Rect::new(0, 1, 10, 3));
        use crate::tui::keymap::Action;
        assert_eq!(moved(Action::Down, 4, 5), Some(4));
        assert_eq!(moved(Action::PageDown, 0, 30), Some(10));
        assert_eq!(moved(Action::Up, 0, 5), Some(0));
        assert_eq!(moved(Action::End, 0, 0), Some(0));
        assert_eq!(moved(Action::Left, 2, 5), None);
    }
}
