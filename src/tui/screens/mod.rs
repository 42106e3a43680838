//! The screens. Each is one `Component` (its tab, its keys, how it loads, handles actions and
//! draws); `registry` lists the ones always in the tab bar, in tab order, and `contexts` every
//! key context, for the key map and its help. The console and the acta join the tab bar when
//! a session or an acta is opened.

pub mod bodies;
pub mod bodies_actions;
pub mod calendar;
pub mod calendar_actions;
pub mod console;
pub mod console_actions;
pub mod dashboard;
mod filter_split;
pub mod followup;
pub mod followup_actions;
pub mod journal;
pub mod minutes;
pub mod minutes_actions;
mod minutes_view;
pub mod rounds;

use super::component::Component;
use super::data::Directory;
use super::env::Environment;
use super::keymap::{self, KeyContext};

/// One screen: its key contexts (its own and, if it has one, the one while typing) and, for
/// the screens always in the tab bar, how to make it. The console and the acta are made when
/// a session or an acta is opened.
/// How a screen always in the tab bar is made.
pub type Make = fn(&Environment, &Directory) -> Box<dyn Component>;

pub struct Registered {
    pub keys: &'static [&'static KeyContext],
    pub make: Option<Make>,
}

/// Every screen, in tab order. A new screen is one file and one line here.
pub const SCREENS: &[Registered] = &[
    Registered {
        keys: &[&calendar_actions::KEYS],
        make: Some(|env, data| Box::new(calendar::CalendarScreen::with_data(env.today, data))),
    },
    Registered { keys: &[&bodies_actions::KEYS], make: Some(|_, _| Box::new(bodies::BodiesScreen::new())) },
    Registered { keys: &[&console_actions::KEYS, &console_actions::NOTES_KEYS], make: None },
    Registered { keys: &[&minutes_actions::KEYS, &minutes_actions::EDIT_KEYS], make: None },
    Registered {
        keys: &[&followup_actions::KEYS, &followup_actions::SEARCH_KEYS],
        make: Some(|env, _| Box::new(followup::FollowUpScreen::new(env.today))),
    },
    Registered { keys: &[&dashboard::KEYS], make: Some(|env, _| Box::new(dashboard::DashboardScreen::new(env.today))) },
    Registered { keys: &[&rounds::KEYS], make: Some(|env, _| Box::new(rounds::RoundsScreen::new(env.today))) },
    Registered { keys: &[&journal::KEYS], make: Some(|env, _| Box::new(journal::JournalScreen::new(env.ctx.now()))) },
];

/// The screens always in the tab bar, in order.
pub fn registry(env: &Environment, data: &Directory) -> Vec<Box<dyn Component>> {
    SCREENS.iter().filter_map(|r| r.make).map(|make| make(env, data)).collect()
}

/// Every key context: the shared one, each screen's, then the dialogs'.
pub fn contexts() -> Vec<&'static KeyContext> {
    let screens = SCREENS.iter().flat_map(|r| r.keys.iter().copied());
    std::iter::once(&keymap::GLOBAL).chain(screens).chain([&keymap::FORM, &keymap::CONFIRM, &keymap::HELP]).collect()
}
