//! Documents produced from the store: calendars (iCalendar), and the minutes and
//! convocatorias printed from Markdown through one `Document` model.

pub mod acta;
pub mod convocatoria;
pub mod document;
pub mod docx;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod md;
pub mod minutes_doc;
pub mod pdf;
pub mod print;
pub mod round_letters;
