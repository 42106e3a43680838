//! Documents produced from the store: calendars (iCalendar), the minutes and convocatorias
//! printed from Markdown, and the reports built from the records, all through one `Document`
//! model.

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
pub mod reports;
pub mod round_letters;
pub mod sources;

#[cfg(test)]
mod verbatim_tests;

#[cfg(test)]
mod examples;

#[cfg(test)]
pub(crate) mod libreoffice;
