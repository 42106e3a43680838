//! Documents produced from the store: calendars (iCalendar) for now.

pub mod ics;
