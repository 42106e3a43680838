//! The bottom line: the demo badge, then either the database in use and the help hint, or the
//! last message. A message gets the whole width and up to three lines, so a refusal that says
//! what to do instead is read whole even at 80 columns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::{strings, theme};

const MAX_LINES: u16 = 3;

/// What the bottom line shows.
pub struct Status<'a> {
    pub demo: bool,
    /// The last message and whether it is an error.
    pub message: Option<(&'a str, bool)>,
    pub db_label: &'a str,
    /// A standing warning about the record itself (the verification failed), shown in red
    /// whenever there is no message.
    pub alert: Option<&'a str>,
}

impl Status<'_> {
    fn message_text(&self) -> Option<String> {
        let (message, _) = self.message?;
        let badge = if self.demo { strings::DEMO_BADGE } else { "" };
        Some(format!("{badge} {message}"))
    }

    /// Lines the status needs at `width`: one, or as many as the message takes wrapped at
    /// words (at most three).
    pub fn height(&self, width: u16) -> u16 {
        self.message_text().map_or(1, |t| wrapped_lines(&t, width).clamp(1, MAX_LINES))
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let badge = || Span::styled(strings::DEMO_BADGE, theme::demo_badge());
        if let Some((message, error)) = self.message {
            let mut spans = Vec::new();
            if self.demo {
                spans.push(badge());
            }
            spans.push(Span::styled(format!(" {message}"), if error { theme::error() } else { theme::ok() }));
            frame.render_widget(Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }), area);
            return;
        }
        let mut spans = Vec::new();
        if self.demo {
            spans.push(badge());
            spans.push(Span::styled(format!(" {} ", strings::DEMO_HINT), theme::warning()));
        }
        match self.alert {
            Some(alert) => spans.push(Span::styled(format!(" {alert} "), theme::error())),
            None => spans.push(Span::styled(format!(" {}: {} ", strings::DB, self.db_label), theme::dim())),
        }
        let hint = strings::HELP_HINT.chars().count() as u16 + 1;
        let [left, right] = Layout::horizontal([Constraint::Min(1), Constraint::Length(hint)]).areas(area);
        frame.render_widget(Paragraph::new(Line::from(spans)), left);
        frame.render_widget(Paragraph::new(Span::styled(strings::HELP_HINT, theme::dim())).right_aligned(), right);
    }
}

/// Lines `text` takes when wrapped at words to `width` columns, as a paragraph wraps it; a
/// word longer than the line is cut across lines.
fn wrapped_lines(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 1usize;
    let mut used = 0usize;
    for word in text.split(' ') {
        let len = word.chars().count();
        let needed = if used == 0 { len } else { used + 1 + len };
        if needed <= width {
            used = needed;
        } else if len <= width {
            lines += 1;
            used = len;
        } else {
            lines += (used + 1 + len).div_ceil(width).saturating_sub(1);
            used = (used + 1 + len) % width;
        }
    }
    u16::try_from(lines).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_as_words_wrap() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("uno dos", 7), 1);
        assert_eq!(wrapped_lines("uno dos", 6), 2);
        assert_eq!(wrapped_lines("uno dos tres", 7), 2);
        assert_eq!(wrapped_lines("abcdefghijkl", 5), 3);
    }

    #[test]
    fn a_long_message_takes_up_to_three_lines() {
        let long = "x ".repeat(200);
        let status = |message| Status { demo: true, message, db_label: "/tmp/a.db", alert: None };
        assert_eq!(status(None).height(80), 1);
        assert_eq!(status(Some(("Guardado.", false))).height(80), 1);
        assert_eq!(status(Some((strings::DELETE_ONLY_ACTIVITIES, true))).height(80), 2);
        assert_eq!(status(Some((long.as_str(), true))).height(80), 3);
    }
}
