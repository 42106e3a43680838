//! A form of labelled fields: single-line text (ratatui-textarea) or a list of options.
//! It knows nothing of what it edits; `tui::forms` builds and reads it.

use std::borrow::Cow;
use std::cell::RefCell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::tui::keymap::Action;
use crate::tui::{strings, theme};

pub enum Input {
    Text(Box<TextArea<'static>>),
    Choice { options: Vec<String>, index: usize },
}

pub struct Field {
    /// The data-file name of the field ("siglas"), which store errors also use.
    pub key: &'static str,
    pub label: Cow<'static, str>,
    pub input: Input,
    /// A text of several lines (Alt+Intro breaks the line); the others are one line.
    pub multiline: bool,
}

impl Field {
    pub fn text(key: &'static str, label: impl Into<Cow<'static, str>>, value: &str) -> Field {
        Field { key, label: label.into(), input: Input::Text(Box::new(text_area(value, false))), multiline: false }
    }

    /// A text of several lines, kept with its line breaks.
    pub fn long_text(key: &'static str, label: impl Into<Cow<'static, str>>, value: &str) -> Field {
        Field { key, label: label.into(), input: Input::Text(Box::new(text_area(value, true))), multiline: true }
    }

    pub fn choice(
        key: &'static str,
        label: impl Into<Cow<'static, str>>,
        options: Vec<String>,
        current: &str,
    ) -> Field {
        let index = options.iter().position(|o| o == current).unwrap_or(0);
        Field { key, label: label.into(), input: Input::Choice { options, index }, multiline: false }
    }

    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(t) if self.multiline => t.lines().join("\n").trim().to_string(),
            Input::Text(t) => t.lines().join(" ").trim().to_string(),
            Input::Choice { options, index } => options.get(*index).cloned().unwrap_or_default(),
        }
    }
}

/// A text being edited, its cursor at the end of its last line. A one-line field keeps a
/// stored line break inside its one line, so saving the form gives it back unchanged.
fn text_area(value: &str, multiline: bool) -> TextArea<'static> {
    let lines = if multiline { value.split('\n').map(String::from).collect() } else { vec![value.to_string()] };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area.set_cursor_line_style(Style::default());
    area
}

pub struct Form<P> {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Field index (if it concerns one) and message of the last error.
    pub error: Option<(Option<usize>, String)>,
    pub purpose: P,
    /// Where the last draw put each field and the two buttons, for clicks.
    areas: RefCell<Vec<(Rect, Spot)>>,
}

/// A place in the form a click reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spot {
    Label(usize),
    Value(usize),
    Save,
    Cancel,
}

impl<P> Form<P> {
    pub fn new(title: impl Into<String>, fields: Vec<Field>, purpose: P) -> Self {
        Form { title: title.into(), fields, focus: 0, error: None, purpose, areas: RefCell::default() }
    }

    pub fn value(&self, key: &str) -> String {
        self.fields.iter().find(|f| f.key == key).map(Field::value).unwrap_or_default()
    }

    /// Puts the error on its field and moves there; an error of no field stays general.
    pub fn fail(&mut self, key: &str, message: impl Into<String>) {
        let idx = self.fields.iter().position(|f| f.key == key);
        if let Some(i) = idx {
            self.focus = i;
        }
        self.error = Some((idx, message.into()));
    }

    /// Replaces the text of a text field.
    pub fn set_text(&mut self, key: &str, value: &str) {
        if let Some(Field { input: Input::Text(t), multiline, .. }) = self.fields.iter_mut().find(|f| f.key == key) {
            **t = text_area(value, *multiline);
        }
    }

    pub fn focused_is_choice(&self) -> bool {
        matches!(self.fields.get(self.focus).map(|f| &f.input), Some(Input::Choice { .. }))
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    pub fn cycle(&mut self, forward: bool) {
        if let Some(Field { input: Input::Choice { options, index }, .. }) = self.fields.get_mut(self.focus) {
            let n = options.len().max(1);
            *index = if forward { (*index + 1) % n } else { (*index + n - 1) % n };
        }
    }

    /// Breaks the line in a text of several lines; false on any other field (the form then
    /// saves, as Intro does).
    pub fn newline(&mut self) -> bool {
        match self.fields.get_mut(self.focus) {
            Some(Field { input: Input::Text(t), multiline: true, .. }) => {
                t.insert_newline();
                true
            }
            _ => false,
        }
    }

    pub fn type_key(&mut self, key: KeyEvent) {
        if let Some(Field { input: Input::Text(t), .. }) = self.fields.get_mut(self.focus) {
            t.input(key);
        }
    }

    /// A click: on a field, focuses it (on a list of options already focused, the next
    /// option); on «Intro guardar» or «Esc cancelar», that.
    pub fn click(&mut self, x: u16, y: u16) -> Option<Action> {
        let spot = self.areas.borrow().iter().find(|(r, _)| r.contains(Position { x, y })).map(|(_, s)| *s)?;
        match spot {
            Spot::Save => Some(Action::FormSave),
            Spot::Cancel => Some(Action::FormCancel),
            Spot::Value(i) if i == self.focus && self.focused_is_choice() => Some(Action::FormChoiceNext),
            Spot::Label(i) | Spot::Value(i) => {
                self.focus = i.min(self.fields.len().saturating_sub(1));
                None
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, screen: Rect) {
        let mut areas = self.areas.borrow_mut();
        areas.clear();
        let label_width = self.fields.iter().map(|f| f.label.chars().count()).max().unwrap_or(10) as u16 + 2;
        let width = screen.width.min(label_width + 52);
        let wanted = self.fields.len() as u16 + 5;
        let height = screen.height.min(wanted);
        let area = super::centered(screen, width, height);
        frame.render_widget(Clear, area);
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", self.title), theme::title()))
            .border_style(theme::focused_border());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [fields_area, error_area, keys_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
        // Scroll so the focused field stays visible on short screens.
        let visible = fields_area.height as usize;
        let first = super::scroll_offset(self.focus, self.fields.len(), visible);
        for (row, (i, field)) in self.fields.iter().enumerate().skip(first).take(visible).enumerate() {
            let y = fields_area.y + row as u16;
            let label_area = Rect { x: fields_area.x, y, width: label_width.min(fields_area.width), height: 1 };
            let value_area = Rect {
                x: fields_area.x + label_area.width,
                y,
                width: fields_area.width.saturating_sub(label_area.width),
                height: 1,
            };
            areas.push((label_area, Spot::Label(i)));
            areas.push((value_area, Spot::Value(i)));
            let focused = i == self.focus;
            let failed = self.error.as_ref().is_some_and(|(e, _)| *e == Some(i));
            let label_style = if failed {
                theme::error()
            } else if focused {
                theme::title()
            } else {
                Style::default()
            };
            frame.render_widget(Paragraph::new(Span::styled(format!("{}:", field.label), label_style)), label_area);
            match &field.input {
                // A text of several lines shows the line being typed; unfocused, its first line
                // and how many there are.
                // Focused, the line being typed shows with its place: «2/3».
                Input::Text(t) if focused && field.multiline && t.lines().len() > 1 => {
                    let place = format!(" {}/{}", t.cursor().0 + 1, t.lines().len());
                    let [text, mark] = Layout::horizontal([Constraint::Min(1), Constraint::Length(place.len() as u16)])
                        .areas(value_area);
                    frame.render_widget(t.as_ref(), text);
                    frame.render_widget(Paragraph::new(place).style(theme::dim()), mark);
                }
                Input::Text(t) if focused => frame.render_widget(t.as_ref(), value_area),
                Input::Text(t) if field.multiline && t.lines().len() > 1 => {
                    let first = t.lines().first().cloned().unwrap_or_default();
                    let text = format!(
                        "{first} … ({})",
                        crate::domain::text::counted(t.lines().len() as i64, "línea", "líneas")
                    );
                    frame.render_widget(Paragraph::new(text).style(theme::dim()), value_area)
                }
                Input::Text(_) => frame.render_widget(Paragraph::new(field.value()).style(theme::dim()), value_area),
                Input::Choice { .. } => {
                    let text = format!("◂ {} ▸", field.value());
                    let style = if focused { theme::selected() } else { theme::dim() };
                    frame.render_widget(Paragraph::new(Span::styled(text, style)), value_area);
                }
            }
        }
        if let Some((i, message)) = &self.error {
            let text = match i.and_then(|i| self.fields.get(i)) {
                Some(f) => format!("{}: {message}", f.label),
                None => message.clone(),
            };
            frame.render_widget(
                Paragraph::new(Span::styled(text, theme::error())).wrap(Wrap { trim: true }),
                error_area,
            );
        }
        // The first two hints are the buttons: «Intro guardar» and «Esc cancelar».
        let hint = |text: &str| strings::FORM_KEYS.find(text).map(|at| strings::FORM_KEYS[..at].chars().count() as u16);
        for (text, spot) in [(strings::FORM_SAVE, Spot::Save), (strings::FORM_CANCEL, Spot::Cancel)] {
            if let Some(x) = hint(text) {
                let width = text.chars().count() as u16;
                areas.push((
                    Rect { x: keys_area.x + x, y: keys_area.y, width, height: 1 }.intersection(keys_area),
                    spot,
                ));
            }
        }
        // On a text of several lines, how to break the line instead of the options' keys.
        let keys = if self.fields.get(self.focus).is_some_and(|f| f.multiline) {
            strings::FORM_KEYS_LINES
        } else {
            strings::FORM_KEYS
        };
        frame.render_widget(Paragraph::new(Line::styled(keys, theme::dim())), keys_area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn form() -> Form<()> {
        Form::new(
            "Prueba",
            vec![
                Field::text("nombre", "Nombre", "Ana"),
                Field::choice("tipo", "Tipo", vec!["ordinaria".into(), "extraordinaria".into()], "extraordinaria"),
            ],
            (),
        )
    }

    #[test]
    fn typing_cycling_and_errors() {
        let mut f = form();
        f.type_key(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE));
        assert_eq!(f.value("nombre"), "Ana!");
        assert!(!f.focused_is_choice());
        f.next();
        assert!(f.focused_is_choice());
        assert_eq!(f.value("tipo"), "extraordinaria");
        f.cycle(true);
        assert_eq!(f.value("tipo"), "ordinaria");
        f.cycle(false);
        assert_eq!(f.value("tipo"), "extraordinaria");
        f.type_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(f.value("tipo"), "extraordinaria", "typing does nothing on a choice");
        f.fail("nombre", "mal");
        assert_eq!((f.focus, f.error.as_ref().map(|e| e.1.as_str())), (0, Some("mal")));
        f.prev();
        assert_eq!(f.focus, 1);
        f.fail("", "general");
        assert_eq!((f.focus, f.error.as_ref().map(|e| e.0)), (1, Some(None)), "a general error keeps the focus");
        assert_eq!(f.value("desconocido"), "");
    }

    #[test]
    fn a_text_of_several_lines_keeps_its_breaks() {
        let mut f = Form::new(
            "Prueba",
            vec![Field::long_text("motivo", "Motivo", "uno"), Field::text("nombre", "Nombre", "Ana")],
            (),
        );
        assert!(f.newline());
        f.type_key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
        assert_eq!(f.value("motivo"), "uno\nd");
        f.next();
        assert!(!f.newline(), "a one-line field has no line to break");
        assert_eq!(f.value("nombre"), "Ana");
        f.set_text("motivo", "a\nb\nc");
        assert_eq!(f.value("motivo"), "a\nb\nc");
        // A one-line field given a stored break gives it back untouched when the form is saved.
        f.set_text("nombre", "Sala\nB");
        assert_eq!(f.value("nombre"), "Sala\nB");
        assert_eq!(Field::text("lugar", "Lugar", "Sala\nB").value(), "Sala\nB");
    }
}
