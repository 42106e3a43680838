//! The application state: which screen, which dialog, the loaded data. Keys become actions
//! in `keymap`; `apply` changes state; `draw` renders from state and never writes.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Wrap};

use super::data::Directory;
use super::env::Environment;
use super::forms::{self, EditForm, Purpose};
use super::keymap::{Action, Mode, resolve};
use super::screens::bodies::{BodiesScreen, Pane as OrgPane};
use super::screens::calendar::CalendarScreen;
use super::screens::console::ConsoleScreen;
use super::screens::dashboard::DashboardScreen;
use super::screens::followup::FollowUpScreen;
use super::screens::journal::JournalScreen;
use super::screens::minutes::MinutesScreen;
use super::screens::rounds::RoundsScreen;
use super::widgets::status::Status;
use super::widgets::{centered, help};
use super::{strings, theme};
use crate::domain::Labeled;
use crate::domain::session::title;
use crate::ops::Op;
use crate::store::{StoreError, bodies, sessions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Calendar,
    Bodies,
    Console,
    Minutes,
    FollowUp,
    Dashboard,
    Rounds,
    Journal,
}

/// What a confirmed dialog will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    DeleteBody(i64),
    DeleteMember(i64),
    DeleteRepresentative(i64, crate::domain::member::RepresentativeRole),
    DeleteSession(i64),
    RemoveItem(i64),
    OpenSession(i64),
    CloseSession(i64),
    IssueNotice(i64),
    DeleteActivity(i64),
    /// Undo the bitácora entry with this number.
    Undo(i64),
    /// Load the demonstration data into the empty database.
    LoadDemo,
}

pub enum Modal {
    Help { scroll: u16 },
    Form(EditForm),
    Confirm { question: String, pending: Pending },
}

pub struct App {
    pub env: Environment,
    pub data: Directory,
    pub screen: Screen,
    pub calendar: CalendarScreen,
    pub bodies: BodiesScreen,
    /// The session open in the console, if any.
    pub console: Option<ConsoleScreen>,
    /// The acta open in the acta screen, if any.
    pub minutes: Option<MinutesScreen>,
    /// Loaded the first time the screen is shown.
    pub followup: Option<FollowUpScreen>,
    /// Loaded each time the screen is shown, so it reflects the latest records.
    pub dashboard: Option<DashboardScreen>,
    pub rounds: Option<RoundsScreen>,
    pub journal: Option<JournalScreen>,
    pub modal: Option<Modal>,
    /// Last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Whether the WAL was checkpointed since the last key.
    pub checkpointed: bool,
    /// SQLite's `data_version` when this process last read: another process's commit
    /// changes it, and the screens are read again.
    pub data_version: i64,
    /// What the start-up verification found wrong, if anything.
    pub alert: Option<String>,
    /// A file the print form found already there: the next Intro on the same name replaces it.
    pub overwrite_ok: Option<std::path::PathBuf>,
    /// The verification running in the background at start-up.
    pub verifying: Option<std::sync::mpsc::Receiver<Option<String>>>,
}

impl App {
    pub fn new(env: Environment) -> Result<App, StoreError> {
        let data = Directory::load(&env.store, env.today.year(), env.today)?;
        let env_version = super::app_journal::data_version(env.store.conn())?;
        let mut calendar = CalendarScreen::new(env.today);
        calendar.select_from_day(&data);
        Ok(App {
            env,
            data,
            screen: Screen::Calendar,
            calendar,
            bodies: BodiesScreen::new(),
            console: None,
            minutes: None,
            followup: None,
            dashboard: None,
            rounds: None,
            journal: None,
            modal: None,
            status: None,
            quit: false,
            checkpointed: true,
            data_version: env_version,
            alert: None,
            overwrite_ok: None,
            verifying: None,
        })
    }

    pub fn mode(&self) -> Mode {
        match (&self.modal, self.screen) {
            (Some(Modal::Help { .. }), _) => Mode::Help,
            (Some(Modal::Form(_)), _) => Mode::Form,
            (Some(Modal::Confirm { .. }), _) => Mode::Confirm,
            (None, Screen::Calendar) => Mode::Calendar,
            (None, Screen::Bodies) => Mode::Bodies,
            (None, Screen::Console) if self.console.as_ref().is_some_and(|c| c.editing) => Mode::Notes,
            (None, Screen::Console) => Mode::Console,
            (None, Screen::Minutes) if self.minutes.as_ref().is_some_and(|m| m.editing) => Mode::MinutesEdit,
            (None, Screen::Minutes) => Mode::Minutes,
            (None, Screen::FollowUp) if self.followup.as_ref().is_some_and(|f| f.searching) => Mode::FollowUpSearch,
            (None, Screen::FollowUp) => Mode::FollowUp,
            (None, Screen::Dashboard) => Mode::Dashboard,
            (None, Screen::Rounds) => Mode::Rounds,
            (None, Screen::Journal) => Mode::Journal,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        let choice = matches!(&self.modal, Some(Modal::Form(f)) if f.focused_is_choice());
        self.checkpointed = false;
        if let Some(action) = resolve(self.mode(), choice, &key) {
            self.apply(action);
        }
    }

    pub(super) fn reload(&mut self) {
        match Directory::load(&self.env.store, self.calendar.day.year(), self.env.today) {
            Ok(d) => self.data = d,
            Err(e) => self.status = Some((e.to_string(), true)),
        }
        self.bodies.clamp(&self.data);
    }

    pub(super) fn say(&mut self, message: impl Into<String>, error: bool) {
        self.status = Some((message.into(), error));
    }

    pub fn apply(&mut self, action: Action) {
        if !matches!(action, Action::FormInput(_)) && self.modal.is_none() {
            self.status = None;
        }
        match self.mode() {
            Mode::Help => self.apply_help(action),
            Mode::Form => self.apply_form(action),
            Mode::Confirm => self.apply_confirm(action),
            Mode::FollowUpSearch => self.apply_search(action),
            Mode::Notes => self.apply_notes(action),
            Mode::MinutesEdit => self.apply_minutes_edit(action),
            // The screens (`Mode::is_screen`).
            _ => self.apply_screen(action),
        }
    }

    fn apply_help(&mut self, action: Action) {
        if let Some(Modal::Help { scroll }) = &mut self.modal {
            match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1).min(help::lines().len() as u16),
                Action::Close => self.modal = None,
                _ => {}
            }
        }
    }

    fn apply_confirm(&mut self, action: Action) {
        let Some(Modal::Confirm { pending, .. }) = &self.modal else { return };
        let pending = *pending;
        match action {
            Action::Yes => {
                self.modal = None;
                let today = self.env.today;
                let deletion = match pending {
                    Pending::DeleteBody(id) => Some(self.env.run(Op::DeleteBody { body: id })),
                    Pending::DeleteMember(id) => {
                        Some(self.env.run(Op::RemoveMember { membership: id, on: today, reason: String::new() }))
                    }
                    Pending::DeleteRepresentative(m, role) => {
                        Some(self.env.run(Op::EndDesignation { membership: m, role, on: today }))
                    }
                    Pending::DeleteSession(id) => Some(self.env.run(Op::DeleteSession { session: id })),
                    Pending::DeleteActivity(id) => {
                        self.delete_activity(id);
                        None
                    }
                    Pending::Undo(seq) => {
                        self.undo(seq);
                        None
                    }
                    Pending::LoadDemo => {
                        self.load_demo();
                        None
                    }
                    other => {
                        self.confirm_console(other);
                        None
                    }
                };
                match deletion {
                    Some(Ok(done)) if done.detail.as_deref() == Some("baja") => self.say(strings::MEMBER_ENDED, false),
                    Some(Ok(_)) => self.say(strings::DELETED, false),
                    Some(Err(e)) => self.say(format!("No se eliminó: {e}"), true),
                    None => {}
                }
                self.reload();
            }
            Action::No => self.modal = None,
            _ => {}
        }
    }

    fn apply_form(&mut self, action: Action) {
        let Some(Modal::Form(form)) = &mut self.modal else { return };
        match action {
            Action::FormCancel => self.modal = None,
            Action::FormNext => form.next(),
            Action::FormPrev => form.prev(),
            Action::FormChoiceNext | Action::FormChoicePrev => {
                let body = form.value("organo");
                form.cycle(action == Action::FormChoiceNext);
                forms::refresh_new_session(&self.env, &self.data, form, &body);
            }
            Action::FormInput(key) => form.type_key(key),
            Action::FormSave => self.save_form(),
            _ => {}
        }
    }

    fn save_form(&mut self) {
        let Some(Modal::Form(form)) = &self.modal else { return };
        let purpose = form.purpose.clone();
        if let Purpose::Print(session, what) = purpose {
            match self.print(session, what) {
                Ok(message) => {
                    self.modal = None;
                    self.say(message, false);
                }
                Err((field, message)) => {
                    if let Some(Modal::Form(form)) = &mut self.modal {
                        form.fail(&field, message);
                    }
                }
            }
            return;
        }
        match forms::save(&mut self.env, &self.data, form) {
            Ok(id) if App::is_follow_up_purpose(&purpose) => {
                self.modal = None;
                self.after_follow_up_form(&purpose, id);
            }
            Ok(id) if App::is_rounds_purpose(&purpose) => {
                self.modal = None;
                self.after_rounds_form(&purpose, id);
            }
            Ok(_) if App::is_minutes_purpose(&purpose) => {
                self.modal = None;
                self.after_minutes_form(&purpose);
            }
            Ok(id) if purpose.is_console() => {
                self.modal = None;
                self.after_console_form(&purpose, id);
            }
            Ok(id) => {
                self.modal = None;
                self.say(strings::SAVED, false);
                if let (Some(id), Purpose::NewSession | Purpose::EditSession(_)) = (id, &purpose)
                    && let Ok(Some(s)) = sessions::get(self.env.store.conn(), id)
                {
                    self.calendar.day = s.schedule.date().unwrap_or(s.schedule.span().0);
                }
                self.reload();
                match (id, &purpose) {
                    (Some(id), Purpose::NewSession | Purpose::EditSession(_)) => {
                        self.calendar.select_session(&self.data, id)
                    }
                    (Some(id), Purpose::NewBody | Purpose::EditBody(_)) => self.bodies.select_body(&self.data, id),
                    (Some(id), Purpose::NewMember(_) | Purpose::EditMember(_)) => {
                        self.bodies.select_member(&self.data, id)
                    }
                    _ => {}
                }
            }
            Err((field, message)) => {
                if let Some(Modal::Form(form)) = &mut self.modal {
                    form.fail(&field, message);
                }
            }
        }
    }

    fn apply_screen(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::NextScreen | Action::PrevScreen => {
                let mut order = vec![
                    Screen::Calendar,
                    Screen::Bodies,
                    Screen::FollowUp,
                    Screen::Dashboard,
                    Screen::Rounds,
                    Screen::Journal,
                ];
                if self.console.is_some() {
                    order.push(Screen::Console);
                }
                if self.minutes.is_some() {
                    order.push(Screen::Minutes);
                }
                let i = order.iter().position(|s| *s == self.screen).unwrap_or(0);
                let step = if action == Action::NextScreen { 1 } else { order.len() - 1 };
                let next = order[(i + step) % order.len()];
                match next {
                    Screen::FollowUp => self.show_follow_up(),
                    Screen::Dashboard => self.show_dashboard(),
                    Screen::Rounds => self.show_rounds(),
                    Screen::Journal => self.show_journal(),
                    other => self.screen = other,
                }
            }
            Action::GoCalendar => self.screen = Screen::Calendar,
            Action::GoBodies => self.screen = Screen::Bodies,
            Action::GoConsole if self.console.is_some() => self.screen = Screen::Console,
            Action::GoConsole => self.say(strings::NO_CONSOLE, true),
            Action::GoFollowUp => self.show_follow_up(),
            Action::GoDashboard => self.show_dashboard(),
            Action::GoRounds => self.show_rounds(),
            Action::GoJournal => self.show_journal(),
            Action::Undo => self.ask_undo(),
            _ => match self.screen {
                Screen::Calendar => self.apply_calendar(action),
                Screen::Bodies => self.apply_bodies(action),
                Screen::Console => self.apply_console(action),
                Screen::Minutes => self.apply_minutes(action),
                Screen::FollowUp => self.apply_follow_up(action),
                Screen::Dashboard => self.apply_dashboard(action),
                Screen::Rounds => self.apply_rounds(action),
                Screen::Journal => self.apply_journal(action),
            },
        }
    }

    fn apply_calendar(&mut self, action: Action) {
        use super::screens::calendar::View;
        match action {
            Action::New => {
                let form = forms::session_form(&self.env, &self.data, None, self.calendar.day);
                self.modal = Some(Modal::Form(form));
            }
            Action::Edit if self.calendar.view == View::Month => {
                self.calendar.handle(Action::ToggleView, &self.data, self.env.today);
            }
            Action::Edit => match self.calendar.selected(&self.data) {
                Some(s) => {
                    self.modal =
                        Some(Modal::Form(forms::session_form(&self.env, &self.data, Some(s), self.calendar.day)))
                }
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::OpenSession => match self.calendar.selected(&self.data).map(|s| s.id) {
                Some(id) => self.open_session(id),
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::OpenMinutes => match self.calendar.selected(&self.data).map(|s| s.id) {
                Some(id) => self.open_minutes(id),
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::IssueNotice => match self.calendar.selected(&self.data).map(|s| s.id) {
                Some(id) => self.ask_notice(id),
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::PrepareAgenda => match self.calendar.selected(&self.data).map(|s| s.id) {
                Some(id) => self.prepare_agenda(id),
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::Delete => match self.calendar.selected(&self.data) {
                Some(s) => {
                    let name =
                        self.data.body(s.body).map(|b| title(s.number, s.kind, b.meeting_word)).unwrap_or_default();
                    let question =
                        format!("¿Eliminar la {name} de {} ({})?", self.data.acronym(s.body), s.schedule.describe());
                    self.modal = Some(Modal::Confirm { question, pending: Pending::DeleteSession(s.id) });
                }
                None => self.say(strings::NOTHING_SELECTED, true),
            },
            other => {
                if self.calendar.handle(other, &self.data, self.env.today) {
                    self.reload();
                    self.calendar.select_from_day(&self.data);
                }
            }
        }
    }

    fn apply_bodies(&mut self, action: Action) {
        let body = self.bodies.selected_body(&self.data).cloned();
        let member = self.bodies.selected_member(&self.data).cloned();
        let institution = member.as_ref().and_then(|m| self.data.institution(m.institution)).cloned();
        let focus = self.bodies.focus;
        match action {
            Action::New => {
                let form = forms::body_form(&self.data, None, &bodies::SessionSettings::default());
                self.modal = Some(Modal::Form(form));
            }
            Action::NewMember => match &body {
                Some(b) => self.modal = Some(Modal::Form(forms::member_form(b.id, None))),
                None => self.say(strings::NO_BODIES, true),
            },
            Action::EditTitular | Action::EditAlternate => {
                self.edit_representative(action, member.as_ref().zip(institution.as_ref()))
            }
            Action::Edit => match (focus, &body, member.as_ref().zip(institution.as_ref())) {
                (OrgPane::Bodies, Some(b), _) => {
                    let settings = bodies::session_settings(self.env.store.conn(), b.id).unwrap_or_default();
                    self.modal = Some(Modal::Form(forms::body_form(&self.data, Some(b), &settings)));
                }
                (OrgPane::Members, _, Some((m, i))) => {
                    self.modal = Some(Modal::Form(forms::member_form(m.body, Some((m, i)))))
                }
                (OrgPane::Representatives, _, Some(_)) => {
                    let role = if self.bodies.rep == 0 { Action::EditTitular } else { Action::EditAlternate };
                    self.edit_representative(role, member.as_ref().zip(institution.as_ref()));
                }
                _ => self.say(strings::NOTHING_SELECTED, true),
            },
            Action::Delete => {
                let target = match (focus, &body, member.as_ref().zip(institution.as_ref())) {
                    (OrgPane::Bodies, Some(b), _) => {
                        Some((format!("¿Eliminar el órgano {} ({})?", b.acronym, b.name), Pending::DeleteBody(b.id)))
                    }
                    (OrgPane::Members, _, Some((m, i))) => Some((
                        format!(
                            "¿Retirar a {} de {}? Si figura en sesiones celebradas se da de baja hoy y conserva su historial; si no, se elimina.",
                            i.acronym,
                            self.data.acronym(m.body)
                        ),
                        Pending::DeleteMember(m.id),
                    )),
                    (OrgPane::Representatives, _, Some((m, i))) => {
                        let role = self.bodies.selected_role();
                        Some((
                            format!("¿Quitar al {} de {}?", role.label(), i.acronym),
                            Pending::DeleteRepresentative(m.id, role),
                        ))
                    }
                    _ => None,
                };
                match target {
                    Some((question, pending)) => self.modal = Some(Modal::Confirm { question, pending }),
                    None => self.say(strings::NOTHING_SELECTED, true),
                }
            }
            other => self.bodies.handle(other, &self.data),
        }
    }

    fn edit_representative(
        &mut self,
        action: Action,
        member: Option<(&crate::domain::member::Membership, &crate::domain::member::Institution)>,
    ) {
        let Some((m, i)) = member else {
            self.say("Seleccione primero una integrante (→).", true);
            return;
        };
        let role = if action == Action::EditTitular {
            super::screens::bodies::ROLES[0]
        } else {
            super::screens::bodies::ROLES[1]
        };
        let current = self.data.reps.get(&(m.id, role));
        self.modal = Some(Modal::Form(forms::representative_form(m.id, role, &i.acronym, current)));
    }

    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
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
        match self.screen {
            Screen::Calendar => self.calendar.draw(frame, main, &self.data, self.env.today),
            Screen::Bodies => self.bodies.draw(frame, main, &self.data),
            Screen::Console => match &self.console {
                Some(c) => c.draw(frame, main, self.env.now()),
                None => frame.render_widget(Paragraph::new(strings::NO_CONSOLE), main),
            },
            Screen::Dashboard => match &self.dashboard {
                Some(d) => d.draw(frame, main),
                None => frame.render_widget(Paragraph::new(strings::NO_AGREEMENTS), main),
            },
            Screen::FollowUp => match &self.followup {
                Some(f) => f.draw(frame, main),
                None => frame.render_widget(Paragraph::new(strings::NO_AGREEMENTS), main),
            },
            Screen::Rounds => match &self.rounds {
                Some(r) => r.draw(frame, main),
                None => frame.render_widget(Paragraph::new(strings::NO_ROUNDS), main),
            },
            Screen::Minutes => match &self.minutes {
                Some(m) => m.draw(frame, main),
                None => frame.render_widget(Paragraph::new(strings::NOTHING_SELECTED), main),
            },
            Screen::Journal => match &self.journal {
                Some(j) => j.draw(frame, main),
                None => frame.render_widget(Paragraph::new(strings::JOURNAL_EMPTY), main),
            },
        }
        status_line.draw(frame, status);
        match &self.modal {
            Some(Modal::Help { scroll }) => help::draw(frame, main, *scroll),
            Some(Modal::Form(form)) => form.draw(frame, main),
            Some(Modal::Confirm { question, .. }) => draw_confirm(frame, main, question),
            None => {}
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let selected = match self.screen {
            Screen::Calendar => 0,
            Screen::Bodies => 1,
            Screen::FollowUp => 2,
            Screen::Dashboard => 3,
            Screen::Rounds => 4,
            Screen::Journal => 5,
            Screen::Console => 6,
            Screen::Minutes => 6 + usize::from(self.console.is_some()),
        };
        // (digit, full name, short name): a narrow terminal names the other tabs in short.
        let mut tabs: Vec<(&str, String, String)> = vec![
            ("1", strings::TAB_CALENDAR.into(), "Cal.".into()),
            ("2", strings::TAB_BODIES.into(), "Órg.".into()),
            ("4", strings::TAB_FOLLOW_UP.into(), "Seg.".into()),
            ("5", strings::TAB_DASHBOARD.into(), "Tab.".into()),
            ("6", strings::TAB_ROUNDS.into(), "Ron.".into()),
            ("7", strings::TAB_JOURNAL.into(), "Bit.".into()),
        ];
        if let Some(c) = &self.console {
            let acronym = &c.record.body.acronym;
            tabs.push(("3", format!("{} {acronym}", strings::TAB_CONSOLE), format!("Ses. {acronym}")));
        }
        if self.minutes.is_some() {
            tabs.push(("", strings::TAB_MINUTES.into(), strings::TAB_MINUTES.into()));
        }
        let label =
            |(digit, name): (&str, &str)| if digit.is_empty() { name.to_string() } else { format!("{digit} {name}") };
        let full: Vec<String> = tabs.iter().map(|(d, f, _)| label((d, f))).collect();
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
                .map(|(i, (d, f, s))| if i == selected { label((d, f)) } else { label((d, s)) })
                .collect();
            if width(&short) <= room {
                short
            } else {
                tabs.iter().map(|(d, f, _)| if d.is_empty() { f.clone() } else { (*d).to_string() }).collect()
            }
        };
        let tabs = Tabs::new(titles).select(selected).highlight_style(theme::selected()).divider("│");
        if !named {
            frame.render_widget(tabs, area);
            return;
        }
        let [left, right] = Layout::horizontal([Constraint::Min(10), Constraint::Length(12)]).areas(area);
        frame.render_widget(tabs, left);
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
}

fn draw_confirm(frame: &mut Frame, screen: Rect, question: &str) {
    let area = centered(screen, 60, 7);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", strings::CONFIRM_TITLE), theme::title()))
        .title_bottom(Line::styled(format!(" {} ", strings::CONFIRM_KEYS), theme::dim()))
        .border_style(theme::warning());
    frame.render_widget(Paragraph::new(question.to_string()).wrap(Wrap { trim: true }).block(block), area);
}
