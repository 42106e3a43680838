//! The one shape every screen has. A screen says its tab and key context, loads and reloads
//! itself, handles actions, draws from read-only state and tells which of its areas a click
//! reaches. What it needs from the rest of the interface (a form, a question, a message,
//! another screen) it asks for through `Ctx`, which the application carries out after the
//! screen returns. Adding a screen is one file implementing `Component` and one line in
//! `screens::registry`.

use std::any::Any;
use std::cell::RefCell;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::data::Directory;
use super::env::Environment;
use super::forms::{EditForm, Printable, Purpose};
use super::keymap::{Action, KeyContext};
use crate::ops::{Done, Op, OpError};

/// How a screen is named in the tab bar.
pub struct Tab {
    /// The key that shows it (`None` for screens reached another way, such as the acta).
    pub digit: Option<char>,
    pub name: String,
    /// For a narrow terminal: "Seg.".
    pub short: String,
}

/// What a screen asks the interface to do.
pub enum Effect {
    Say(String, bool),
    Form(EditForm),
    /// A yes/no question; yes calls the screen's `confirmed` (the screen keeps what it asked).
    Confirm(String),
    /// Show the screen with this id (loading it when needed).
    Show(&'static str),
    /// Open the session in the console (asking first when it is only convoked).
    OpenConsole(i64),
    /// The session's agenda in the console, before the session opens.
    EditAgenda(i64),
    OpenMinutes(i64),
    Print(i64, Printable),
    /// Reload everything: the directory and every screen.
    Refresh,
}

/// What a screen may use while it handles an action.
pub struct Ctx<'a> {
    pub env: &'a mut Environment,
    pub data: &'a mut Directory,
    pub effects: Vec<Effect>,
    /// Whether the screen changed the record: the other screens read it again when shown.
    pub wrote: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(env: &'a mut Environment, data: &'a mut Directory) -> Ctx<'a> {
        Ctx { env, data, effects: Vec::new(), wrote: false }
    }

    /// Runs an operation (the interface's one way to change the record).
    pub fn run(&mut self, op: Op) -> Result<Done, OpError> {
        let done = self.env.run(op);
        self.wrote |= done.is_ok();
        done
    }

    /// Reads the directory (bodies, members, the year's sessions) again.
    pub fn reload_data(&mut self) {
        let year = self.data.year;
        self.load_year(year);
    }

    /// Loads the calendar of `year` into the directory.
    pub fn load_year(&mut self, year: i32) {
        match Directory::load(&self.env.store, year, self.env.today) {
            Ok(d) => *self.data = d,
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub fn say(&mut self, message: impl Into<String>, error: bool) {
        self.effects.push(Effect::Say(message.into(), error));
    }
    pub fn form(&mut self, form: EditForm) {
        self.effects.push(Effect::Form(form));
    }
    pub fn confirm(&mut self, question: impl Into<String>) {
        self.effects.push(Effect::Confirm(question.into()));
    }
    pub fn show(&mut self, id: &'static str) {
        self.effects.push(Effect::Show(id));
    }
    pub fn push(&mut self, effect: Effect) {
        self.effects.push(effect);
    }
}

/// What drawing reads besides the screen itself.
pub struct View<'a> {
    pub data: &'a Directory,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
}

/// Areas a screen drew that a click reaches, with what a click there does. Recorded while
/// drawing (which otherwise only reads), read when a click arrives.
#[derive(Default)]
pub struct Hits(RefCell<Vec<(Rect, Action)>>);

impl Hits {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
    pub fn add(&self, area: Rect, action: Action) {
        self.0.borrow_mut().push((area, action));
    }
    /// The rows of list number `list` drawn in `inner` from line `offset` on; `owners[line]`
    /// is the item a line shows (a heading or a separator shows none): a click selects it.
    pub fn lines(&self, inner: Rect, offset: usize, owners: &[Option<usize>], list: u8) {
        for (row, owner) in owners.iter().skip(offset).take(usize::from(inner.height)).enumerate() {
            if let Some(i) = owner {
                let area = Rect { y: inner.y + row as u16, height: 1, ..inner };
                self.add(area, Action::Select(list, *i));
            }
        }
    }

    /// The rows of a list whose lines are its items, one each.
    pub fn rows(&self, inner: Rect, offset: usize, len: usize, list: u8) {
        let owners: Vec<Option<usize>> = (0..len).map(Some).collect();
        self.lines(inner, offset, &owners, list);
    }

    /// The action at a point: the last area drawn there wins.
    pub fn at(&self, x: u16, y: u16) -> Option<Action> {
        self.0.borrow().iter().rev().find(|(r, _)| r.contains(Position { x, y })).map(|(_, a)| *a)
    }
}

pub trait Component: Any {
    /// Stable, Spanish (it names the screen in messages and tests): "calendario".
    fn id(&self) -> &'static str;
    fn tab(&self) -> Tab;
    /// What keys mean on the screen now (while typing, its typing context).
    fn keys(&self) -> &'static KeyContext;
    /// About to be shown: load what changed.
    fn show(&mut self, cx: &mut Ctx) {
        self.reload(cx);
    }
    /// The record changed (here or in another process): read it again, keeping what the user
    /// is typing and where the selection is.
    fn reload(&mut self, cx: &mut Ctx);
    fn handle(&mut self, action: Action, cx: &mut Ctx);
    /// The mouse wheel over the screen: by default three rows of its list.
    fn wheel(&mut self, down: bool, cx: &mut Ctx) {
        for _ in 0..3 {
            self.handle(if down { Action::Down } else { Action::Up }, cx);
        }
    }
    /// A form this screen opened was saved (`id`: what it created).
    fn after_form(&mut self, _purpose: &Purpose, _id: Option<i64>, cx: &mut Ctx) {
        cx.say(super::strings::SAVED, false);
        cx.push(Effect::Refresh);
    }
    /// The question this screen asked was answered yes.
    fn confirmed(&mut self, _cx: &mut Ctx) {}
    /// Between keys: autosave and the like.
    fn tick(&mut self, _idle: Duration, _cx: &mut Ctx) {}
    /// Write what is typed and not yet saved (before printing, or leaving the screen's record).
    fn flush(&mut self, _cx: &mut Ctx) -> Result<(), OpError> {
        Ok(())
    }
    /// Before quitting: write what is unsaved, whatever it takes (a text in conflict is
    /// saved joined to the other one, so neither is lost).
    fn shutdown(&mut self, cx: &mut Ctx) -> Result<(), OpError> {
        self.flush(cx)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, view: &View);
    /// What a click at (x, y) does, from the areas of the last draw.
    fn click(&self, _x: u16, _y: u16) -> Option<Action> {
        None
    }
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// The two downcasting methods every `Component` has, written once.
macro_rules! any {
    () => {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
}
pub(crate) use any;
