//! The application: the registered screens (each a `Component`), the dialog on top, the loaded
//! data and the status line. Keys and clicks become actions; the current screen handles them
//! and asks for what it needs (a form, a question, another screen) through `Ctx`, which
//! `carry_out` performs. `draw` renders from state and never writes.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Wrap};

use super::component::{Component, Ctx, Effect, Hits, View};
use super::data::Directory;
use super::env::Environment;
use super::forms::{self, EditForm, Printable};
use super::keymap::{self, Action};
use super::keys::Keymap;
use super::widgets::status::Status;
use super::widgets::{centered, help};
use super::{screens, strings, theme};
use crate::store::StoreError;

/// A question the application itself asks (not a screen's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppQuestion {
    /// Undo the bitácora entry with this number.
    Undo(i64),
    /// Load the demonstration data into the empty database.
    LoadDemo,
    /// Open (start) the convoked session; `true`: on a day other than its scheduled one, as
    /// the question said.
    OpenSession(i64, bool),
    /// Ctrl+C: quit.
    Quit,
}

/// Who asked the question on screen: a screen (answered through `confirmed`) or the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Screen(&'static str),
    App(AppQuestion),
}

pub enum Modal {
    Help {
        scroll: u16,
        query: String,
        context: &'static str,
    },
    /// A form and the screen that opened it (`None`: the application's print form).
    Form(EditForm, Option<&'static str>),
    Confirm {
        question: String,
        asker: Asker,
    },
}

pub struct App {
    pub env: Environment,
    pub data: Directory,
    /// The screens in tab order; the console and the acta join when opened.
    pub screens: Vec<Box<dyn Component>>,
    pub current: usize,
    pub modal: Option<Modal>,
    /// Last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Whether the WAL was checkpointed since the last key.
    pub checkpointed: bool,
    /// SQLite's `data_version` when this process last read: another process's commit
    /// changes it, and the screens are read again.
    pub data_version: i64,
    /// What the start-up verification (or the configuration) found wrong, if anything.
    pub alert: Option<String>,
    /// A file the print form found already there: the next Intro on the same name replaces it.
    pub overwrite_ok: Option<std::path::PathBuf>,
    /// The verification running in the background at start-up.
    pub verifying: Option<std::sync::mpsc::Receiver<Option<String>>>,
    pub keymap: Keymap,
    /// Clickable areas of the tab bar and of the dialog, from the last frame.
    pub(super) hits: Hits,
    /// Per screen: the record changed since it last read it, so it reads again when shown.
    pub(super) stale: Vec<bool>,
}

impl App {
    pub fn new(env: Environment) -> Result<App, StoreError> {
        let data = Directory::load(&env.store, env.today.year(), env.today)?;
        let data_version = super::app_session::data_version(env.store.conn())?;
        let screens = screens::registry(&env, &data);
        let n = screens.len();
        let (keymap, problems) = Keymap::new(&screens::contexts(), &crate::config::get().teclas);
        let alert = (!problems.is_empty()).then(|| format!("{}: {}", strings::CONFIG_KEYS, problems.join("; ")));
        // After a restart, a session left en curso is one key away, and the screen says so.
        let status = super::app_session::session_under_way(env.store.conn())
            .and_then(|id| crate::store::sessions::get(env.store.conn(), id).ok().flatten())
            .map(|s| {
                let name = data.body(s.body).map(|b| {
                    format!("{} de {}", crate::domain::session::title(s.number, s.kind, b.meeting_word), b.acronym)
                });
                (format!("{}: {}. {}", strings::UNDER_WAY, name.unwrap_or_default(), strings::UNDER_WAY_KEY), false)
            });
        Ok(App {
            env,
            data,
            screens,
            current: 0,
            modal: None,
            status,
            quit: false,
            checkpointed: true,
            data_version,
            alert,
            overwrite_ok: None,
            verifying: None,
            keymap,
            hits: Hits::default(),
            stale: vec![true; n],
        })
    }

    /// The screen on view.
    pub fn screen(&self) -> &dyn Component {
        self.screens[self.current.min(self.screens.len() - 1)].as_ref()
    }

    /// Its id: "calendario", "consola"…
    pub fn screen_id(&self) -> &'static str {
        self.screen().id()
    }

    /// A registered screen by its type, for tests and the console's helpers.
    pub fn get<T: Component>(&self) -> Option<&T> {
        self.screens.iter().find_map(|s| s.as_any().downcast_ref::<T>())
    }

    pub fn get_mut<T: Component>(&mut self) -> Option<&mut T> {
        self.screens.iter_mut().find_map(|s| s.as_any_mut().downcast_mut::<T>())
    }

    pub(super) fn index_of(&self, id: &str) -> Option<usize> {
        self.screens.iter().position(|s| s.id() == id)
    }

    /// The key context in force: the dialog's, or the screen's.
    pub fn mode(&self) -> &'static str {
        match &self.modal {
            Some(Modal::Help { .. }) => keymap::HELP.id,
            Some(Modal::Form(..)) => keymap::FORM.id,
            Some(Modal::Confirm { .. }) => keymap::CONFIRM.id,
            None => self.screen().keys().id,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        let choice = matches!(&self.modal, Some(Modal::Form(f, _)) if f.focused_is_choice());
        self.checkpointed = false;
        if let Some(action) = self.keymap.resolve(self.mode(), choice, &key) {
            self.apply(action);
        }
    }

    pub(super) fn reload(&mut self) {
        match Directory::load(&self.env.store, self.data.year, self.env.today) {
            Ok(d) => self.data = d,
            Err(e) => self.status = Some((e.to_string(), true)),
        }
    }

    pub(super) fn say(&mut self, message: impl Into<String>, error: bool) {
        self.status = Some((message.into(), error));
    }

    pub fn apply(&mut self, action: Action) {
        if !matches!(action, Action::FormInput(_) | Action::HelpInput(_)) && self.modal.is_none() {
            self.status = None;
        }
        match &self.modal {
            Some(Modal::Help { .. }) => self.apply_help(action),
            Some(Modal::Form(..)) => self.apply_form(action),
            Some(Modal::Confirm { .. }) => self.apply_confirm(action),
            None => self.apply_screen(action),
        }
    }

    /// Runs `f` on the screen at `index` with a `Ctx`, then carries out what it asked for.
    /// When it changed the record, the other screens read it again before they are shown.
    /// Runs `f` on screen `index` and carries out what it asked; true when it wrote or asked
    /// for something (the screen may look different).
    pub(super) fn with_screen(&mut self, index: usize, f: impl FnOnce(&mut dyn Component, &mut Ctx)) -> bool {
        let mut cx = Ctx::new(&mut self.env, &mut self.data);
        if let Some(screen) = self.screens.get_mut(index) {
            f(screen.as_mut(), &mut cx);
        }
        let (effects, wrote) = (std::mem::take(&mut cx.effects), cx.wrote);
        let changed = wrote || !effects.is_empty();
        if wrote {
            self.stale_others(index);
        }
        let owner = self.screens.get(index).map(|s| s.id());
        self.carry_out(effects, owner);
        changed
    }

    /// Every screen but `index` reads the record again when next shown.
    pub(super) fn stale_others(&mut self, index: usize) {
        self.stale.resize(self.screens.len(), true);
        for (i, s) in self.stale.iter_mut().enumerate() {
            *s |= i != index;
        }
    }

    pub(super) fn carry_out(&mut self, effects: Vec<Effect>, owner: Option<&'static str>) {
        for effect in effects {
            match effect {
                Effect::Say(m, e) => self.say(m, e),
                Effect::Form(form) => self.modal = Some(Modal::Form(form, owner)),
                Effect::Confirm(question) => {
                    if let Some(o) = owner {
                        self.modal = Some(Modal::Confirm { question, asker: Asker::Screen(o) });
                    }
                }
                Effect::Show(id) => self.show(id),
                Effect::OpenConsole(id) => self.open_session(id),
                Effect::EditAgenda(id) => self.edit_agenda(id),
                Effect::OpenMinutes(id) => self.open_minutes(id),
                Effect::Print(session, what) => self.print_form(session, what),
                Effect::Refresh => self.refresh_everything(),
            }
        }
    }

    /// Shows the screen with `id`, reading it again first when the record changed since.
    pub(super) fn show(&mut self, id: &str) {
        let Some(i) = self.index_of(id) else { return };
        self.current = i;
        self.stale.resize(self.screens.len(), true);
        if std::mem::replace(&mut self.stale[i], false) {
            self.with_screen(i, |s, cx| s.show(cx));
        }
    }

    fn apply_help(&mut self, action: Action) {
        let Some(Modal::Help { scroll, query, context }) = &mut self.modal else { return };
        let total = help::lines(&self.keymap, context, query).len() as u16;
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1).min(total),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10).min(total),
            Action::Close => self.modal = None,
            Action::HelpInput(key) => {
                use ratatui::crossterm::event::KeyCode;
                match key.code {
                    KeyCode::Char(c) => query.push(c),
                    KeyCode::Backspace => {
                        query.pop();
                    }
                    _ => {}
                }
                *scroll = 0;
            }
            _ => {}
        }
    }

    fn apply_confirm(&mut self, action: Action) {
        let Some(Modal::Confirm { asker, .. }) = &self.modal else { return };
        let asker = *asker;
        match action {
            Action::Yes => {
                self.modal = None;
                match asker {
                    Asker::Screen(id) => {
                        if let Some(i) = self.index_of(id) {
                            self.with_screen(i, |s, cx| s.confirmed(cx));
                        }
                    }
                    Asker::App(q) => self.answered(q),
                }
            }
            Action::No => self.modal = None,
            _ => {}
        }
    }

    fn apply_form(&mut self, action: Action) {
        let Some(Modal::Form(form, _)) = &mut self.modal else { return };
        match action {
            Action::FormCancel => {
                // Esc on a first count leaves the vote without one: say how to count or take it back.
                let uncounted =
                    matches!(form.purpose, forms::Purpose::Totals(_, None) | forms::Purpose::Nominal(_, _, None));
                self.modal = None;
                if uncounted {
                    self.say(strings::UNCOUNTED_HINT, false);
                }
            }
            Action::FormNext => form.next(),
            Action::FormPrev => form.prev(),
            Action::FormChoiceNext | Action::FormChoicePrev => {
                let body = form.value("organo");
                form.cycle(action == Action::FormChoiceNext);
                forms::refresh_new_session(&self.env, &self.data, form, &body);
            }
            Action::FormInput(key) => form.type_key(key),
            // Elsewhere than in a text of several lines, it saves as Intro does.
            Action::FormNewline if form.newline() => {}
            Action::FormNewline | Action::FormSave => self.save_form(),
            _ => {}
        }
    }

    fn save_form(&mut self) {
        let Some(Modal::Form(form, owner)) = &self.modal else { return };
        let (purpose, owner) = (form.purpose.clone(), *owner);
        if let forms::Purpose::Print(session, what) = purpose {
            match self.print(session, what) {
                Ok(message) => {
                    self.modal = None;
                    self.say(message, false);
                }
                Err((field, message)) => self.fail_form(&field, message),
            }
            return;
        }
        match forms::save(&mut self.env, &self.data, form) {
            Ok(id) => {
                self.modal = None;
                if let Some(i) = owner.and_then(|o| self.index_of(o)) {
                    self.stale_others(i);
                    self.with_screen(i, |s, cx| s.after_form(&purpose, id, cx));
                } else {
                    self.say(strings::SAVED, false);
                    self.refresh_everything();
                }
            }
            Err((field, message)) => self.fail_form(&field, message),
        }
    }

    fn fail_form(&mut self, field: &str, message: String) {
        if let Some(Modal::Form(form, _)) = &mut self.modal {
            form.fail(field, message);
        }
    }

    fn apply_screen(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Interrupt => {
                let question = strings::QUIT_QUESTION.to_string();
                self.modal = Some(Modal::Confirm { question, asker: Asker::App(AppQuestion::Quit) });
            }
            Action::Help => {
                let context = self.screen().keys().id;
                self.modal = Some(Modal::Help { scroll: 0, query: String::new(), context });
            }
            Action::NextScreen | Action::PrevScreen => {
                let n = self.screens.len();
                let step = if action == Action::NextScreen { 1 } else { n - 1 };
                let next = self.screens[(self.current + step) % n].id();
                self.show(next);
            }
            Action::GoTab(digit) => self.go_tab(digit),
            Action::ScrollUp | Action::ScrollDown => {
                let i = self.current;
                self.with_screen(i, |s, cx| s.wheel(action == Action::ScrollDown, cx));
            }
            Action::Undo => self.ask_undo(),
            other => {
                let i = self.current;
                self.with_screen(i, |s, cx| s.handle(other, cx));
            }
        }
    }

    /// The screen whose tab has `digit`; `3` also finds a session under way after a restart.
    fn go_tab(&mut self, digit: char) {
        let found = self.screens.iter().position(|s| s.tab().digit == Some(digit));
        match (found, digit) {
            (Some(i), _) => {
                let id = self.screens[i].id();
                self.show(id);
            }
            (None, '3') => match super::app_session::session_under_way(self.env.store.conn()) {
                Some(id) => self.open_session(id),
                None => self.say(strings::NO_CONSOLE, true),
            },
            (None, _) => {}
        }
    }

    /// The mouse: a click on a tab, a dialog's field or button, or a screen's row or button;
    /// the wheel moves the list or document under it.
    pub fn on_mouse(&mut self, ev: MouseEvent) {
        // The wheel moves lists, documents and the help, never a form's fields.
        let action = match (ev.kind, &self.modal) {
            (MouseEventKind::ScrollDown, None) => Some(Action::ScrollDown),
            (MouseEventKind::ScrollUp, None) => Some(Action::ScrollUp),
            (MouseEventKind::ScrollDown, Some(Modal::Help { .. })) => Some(Action::PageDown),
            (MouseEventKind::ScrollUp, Some(Modal::Help { .. })) => Some(Action::PageUp),
            (MouseEventKind::Down(MouseButton::Left), _) => self.clicked(ev.column, ev.row),
            _ => None,
        };
        if let Some(action) = action {
            self.apply(action);
        }
    }

    /// What a click does: on a dialog, only the dialog answers; otherwise a tab, or the
    /// screen's own areas.
    fn clicked(&mut self, x: u16, y: u16) -> Option<Action> {
        match &mut self.modal {
            Some(Modal::Form(form, _)) => form.click(x, y),
            Some(Modal::Confirm { .. }) => self.hits.at(x, y).filter(|a| matches!(a, Action::Yes | Action::No)),
            Some(Modal::Help { .. }) => None,
            None => self.hits.at(x, y).or_else(|| self.screen().click(x, y)),
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        self.hits.clear();
        if area.width < 20 || area.height < 6 {
            frame.render_widget(Paragraph::new(strings::TOO_SMALL).wrap(Wrap { trim: true }), area);
            return;
        }
        let status_line = self.status_line();
        let [tabs, main, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(status_line.height(area.width)),
        ])
        .areas(area);
        self.draw_tabs(frame, tabs);
        let view = View { data: &self.data, today: self.env.today, now: self.env.now(), instant: self.env.instant() };
        self.screen().draw(frame, main, &view);
        status_line.draw(frame, status);
        match &self.modal {
            Some(Modal::Help { scroll, query, context }) => {
                help::draw(frame, main, &self.keymap, context, query, *scroll)
            }
            Some(Modal::Form(form, _)) => form.draw(frame, main),
            Some(Modal::Confirm { question, .. }) => self.draw_confirm(frame, main, question),
            None => {}
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let tabs: Vec<_> = self.screens.iter().map(|s| s.tab()).collect();
        let label = |digit: Option<char>, name: &str| match digit {
            Some(d) => format!("{d} {name}"),
            None => name.to_string(),
        };
        let full: Vec<String> = tabs.iter().map(|t| label(t.digit, &t.name)).collect();
        let width = |titles: &[String]| titles.iter().map(|t| t.chars().count() + 3).sum::<usize>();
        // The program's name gives its place to the tabs when they need it.
        let room = usize::from(area.width);
        let named = width(&full) + 12 <= room;
        let titles = if named {
            full
        } else {
            let short: Vec<String> = tabs
                .iter()
                .enumerate()
                .map(|(i, t)| if i == self.current { label(t.digit, &t.name) } else { label(t.digit, &t.short) })
                .collect();
            if width(&short) <= room {
                short
            } else {
                tabs.iter().map(|t| t.digit.map_or(t.short.clone(), String::from)).collect()
            }
        };
        // A click on a tab shows it: each title's place along the bar (one space of padding
        // on each side and a divider between them, as `Tabs` draws).
        let mut x = area.x;
        for (t, title) in tabs.iter().zip(&titles) {
            let w = title.chars().count() as u16 + 2;
            if let Some(d) = t.digit {
                self.hits.add(Rect { x, y: area.y, width: w, height: 1 }, Action::GoTab(d));
            }
            x = x.saturating_add(w + 1);
        }
        let bar = Tabs::new(titles).select(self.current).highlight_style(theme::selected()).divider("│");
        if !named {
            frame.render_widget(bar, area);
            return;
        }
        let [left, right] = Layout::horizontal([Constraint::Min(10), Constraint::Length(12)]).areas(area);
        frame.render_widget(bar, left);
        frame.render_widget(Paragraph::new(Span::styled(strings::APP, theme::title())).right_aligned(), right);
    }

    fn status_line(&self) -> Status<'_> {
        Status {
            demo: self.env.demo,
            message: self.status.as_ref().map(|(m, error)| (m.as_str(), *error)),
            db_label: &self.env.db_label,
            alert: self.alert.as_deref(),
        }
    }

    fn draw_confirm(&self, frame: &mut Frame, screen: Rect, question: &str) {
        let area = centered(screen, 60, 7);
        frame.render_widget(Clear, area);
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", strings::CONFIRM_TITLE), theme::title()))
            .title_bottom(Line::styled(format!(" {} ", strings::CONFIRM_KEYS), theme::dim()))
            .border_style(theme::warning());
        // The two answers are buttons: the bottom border's «s: sí» and «n: no».
        let y = area.y + area.height.saturating_sub(1);
        let start = area.x + 2;
        self.hits.add(Rect { x: start, y, width: 7, height: 1 }, Action::Yes);
        self.hits.add(Rect { x: start + 8, y, width: 7, height: 1 }, Action::No);
        frame.render_widget(Paragraph::new(question.to_string()).wrap(Wrap { trim: true }).block(block), area);
    }

    /// The print form for a screen's document.
    pub(super) fn print_form(&mut self, session: i64, what: Printable) {
        self.modal = Some(Modal::Form(super::app_print::print_form(session, what), None));
    }

    /// Writes what the screens hold unsaved (before printing what it belongs to).
    pub(super) fn flush_all(&mut self) -> Result<(), crate::ops::OpError> {
        let mut first = None;
        for i in 0..self.screens.len() {
            self.with_screen(i, |s, cx| {
                if let Err(e) = s.flush(cx) {
                    first.get_or_insert(e);
                }
            });
        }
        first.map_or(Ok(()), Err)
    }
}
