//! El acta: the minutes of a closed session shown as a document (headings, tables drawn as
//! tables, the signature block), one section at a time editable as text, with its approval
//! cycle beside it and a warning when the session's records changed after the draft. The
//! Markdown is how the acta is stored and printed, not what the secretary has to read.

use std::cell::Cell;
use std::time::Instant;

use ratatui_textarea::TextArea;
use rusqlite::Connection;

use crate::export::minutes_doc::records_changed;
use crate::ops::Op;
use crate::store::minutes::{self, Erratum, Minutes, Observation};
use crate::store::{self, institutions};
use crate::tui::component::Hits;
use crate::tui::keymap::Action;
use crate::tui::strings;
use crate::tui::widgets::prose_editor;

pub const ID: &str = "acta";

/// A part of the acta between two `## ` headings (the first: what comes before them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its heading, without the `## `; the first section's is the acta's title.
    pub title: String,
    /// Lines of the text: the first (its heading, if it has one), and one past the last.
    pub start: usize,
    pub end: usize,
    /// Whether it opens with a `## ` heading (all but the first do).
    pub heading: bool,
}

impl Section {
    /// The lines the secretary edits: all but the `## ` heading.
    pub fn body(&self) -> (usize, usize) {
        if self.heading { ((self.start + 1).min(self.end), self.end) } else { (self.start, self.end) }
    }
}

/// The acta's sections, in order. Headings inside a fenced block (the signatures) don't count.
pub fn sections(text: &str) -> Vec<Section> {
    let lines: Vec<&str> = text.lines().collect();
    let title = lines.iter().find_map(|l| l.strip_prefix("# ")).unwrap_or_default().trim().to_string();
    let mut out = vec![Section { title, start: 0, end: lines.len(), heading: false }];
    let mut fenced = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if let Some(h) = line.strip_prefix("## ").filter(|_| !fenced) {
            if let Some(last) = out.last_mut() {
                last.end = i;
            }
            out.push(Section { title: h.trim().to_string(), start: i, end: lines.len(), heading: true });
        }
    }
    // A text that opens with a `## ` heading has an empty first part: leave it out.
    if out.len() > 1 && out[0].start == out[0].end {
        out.remove(0);
    }
    out
}

pub struct MinutesScreen {
    pub title: String,
    pub minutes: Minutes,
    pub observations: Vec<(Observation, String)>,
    pub errata: Vec<Erratum>,
    pub records_changed: bool,
    /// The whole acta as the secretary left it (edits of the open section not yet put in).
    pub doc: String,
    /// The selected section, and the one being edited when `editing`.
    pub section: usize,
    /// The body of the section being edited.
    pub editor: Box<TextArea<'static>>,
    pub editing: bool,
    pub dirty: bool,
    pub last_save: Instant,
    /// The version of the text the editor started from.
    pub base: i64,
    /// Someone else saved the acta meanwhile: their text and version.
    pub conflict: Option<(String, i64)>,
    /// Why this approved acta must not be printed: its text no longer matches its SHA-256.
    pub tampered: Option<String>,
    /// The first line of the document in view; the draw keeps it where the section shows.
    pub offset: Cell<usize>,
    /// Lines of the last draw: the document's, and the height of its view.
    pub(super) shown: Cell<(usize, usize)>,
    /// The section just selected, to bring into view at the next draw.
    pub(super) reveal: Cell<bool>,
    pub(super) hits: Hits,
}

impl MinutesScreen {
    pub fn load(conn: &Connection, minutes: Minutes, title: String) -> store::Result<MinutesScreen> {
        let mut screen = MinutesScreen {
            title,
            doc: minutes.text.clone(),
            section: 0,
            editor: prose_editor("", false),
            base: minutes.version,
            minutes,
            observations: Vec::new(),
            errata: Vec::new(),
            records_changed: false,
            editing: false,
            dirty: false,
            last_save: Instant::now(),
            conflict: None,
            tampered: None,
            offset: Cell::new(0),
            shown: Cell::new((0, 0)),
            reveal: Cell::new(false),
            hits: Hits::default(),
        };
        screen.read(conn)?;
        Ok(screen)
    }

    pub fn session(&self) -> i64 {
        self.minutes.session
    }

    pub fn sections(&self) -> Vec<Section> {
        sections(&self.doc)
    }

    /// Reloads the cycle; the text too unless the secretary has unsaved edits.
    pub fn read(&mut self, conn: &Connection) -> store::Result<()> {
        if let Some(m) = minutes::get(conn, self.session())? {
            if !self.dirty && self.conflict.is_none() {
                if m.text != self.doc {
                    self.doc = m.text.clone();
                    if self.editing {
                        self.open_section();
                    }
                }
                self.base = m.version;
            }
            self.minutes = m;
        }
        self.section = self.section.min(self.sections().len().saturating_sub(1));
        self.tampered = crate::ops::verify::acta_tampered(conn, self.session())?;
        self.observations = minutes::observations(conn, self.session())?
            .into_iter()
            .map(|o| {
                let siglas =
                    institutions::get(conn, o.institution).ok().flatten().map(|i| i.acronym).unwrap_or_default();
                (o, siglas)
            })
            .collect();
        self.errata = minutes::errata(conn, self.session())?;
        self.records_changed = records_changed(conn, &self.minutes)?;
        Ok(())
    }

    /// Replaces the whole text (after a regeneration).
    pub fn set_text(&mut self, text: &str, version: i64) {
        self.doc = text.to_string();
        self.base = version;
        self.dirty = false;
        self.section = self.section.min(self.sections().len().saturating_sub(1));
        if self.editing {
            self.open_section();
        }
    }

    /// The whole text, with what is typed in the open section in its place.
    pub fn text(&self) -> String {
        if !self.editing {
            return self.doc.clone();
        }
        let Some(section) = self.sections().get(self.section).cloned() else { return self.doc.clone() };
        let (from, to) = section.body();
        let lines: Vec<&str> = self.doc.lines().collect();
        let mut out: Vec<String> = lines[..from.min(lines.len())].iter().map(|l| l.to_string()).collect();
        out.extend(self.editor.lines().iter().cloned());
        out.extend(lines[to.min(lines.len())..].iter().map(|l| l.to_string()));
        let mut t = out.join("\n");
        t.push('\n');
        t
    }

    /// Puts the selected section's body in the editor.
    fn open_section(&mut self) {
        let lines: Vec<&str> = self.doc.lines().collect();
        let body = self.sections().get(self.section).map_or((0, 0), Section::body);
        let text = lines[body.0.min(lines.len())..body.1.min(lines.len())].join("\n");
        self.editor = prose_editor(&text, false);
    }

    /// Starts editing the selected section.
    pub fn edit(&mut self) {
        self.open_section();
        self.editing = true;
    }

    /// Stops editing: the section's text goes into the document.
    pub fn stop_editing(&mut self) {
        self.doc = self.text();
        self.editing = false;
    }

    /// The save the edits need, unless a conflict is pending.
    pub fn save_op(&self, at: chrono::NaiveDateTime) -> Option<Op> {
        (self.dirty && self.conflict.is_none()).then(|| Op::SaveMinutes {
            session: self.session(),
            base: self.base,
            at,
            text: self.text(),
        })
    }

    /// The save went through at `version`.
    pub fn saved(&mut self, version: i64) {
        self.minutes.text = self.text();
        self.minutes.version = version;
        self.base = version;
        self.dirty = false;
        self.last_save = Instant::now();
    }

    /// Keeps the user's text over the other one (which stays in the bitácora).
    pub fn keep_mine(&mut self) -> bool {
        let Some((_, version)) = self.conflict.take() else { return false };
        self.base = version;
        self.dirty = true;
        true
    }

    /// The other person's text, then the user's, under a heading that says so; the joined
    /// acta is shown at the user's version.
    pub fn join_texts(&mut self) -> bool {
        let Some((theirs, version)) = self.conflict.take() else { return false };
        let mine = self.text();
        self.doc = format!("{}\n\n## {}\n\n{}", theirs.trim_end(), strings::MY_VERSION, mine);
        self.editing = false;
        self.section = self.sections().iter().position(|s| s.title == strings::MY_VERSION).unwrap_or(0);
        self.reveal.set(true);
        self.base = version;
        self.dirty = true;
        true
    }

    /// The oldest observation still to be accepted or rejected.
    pub fn pending_observation(&self) -> Option<&Observation> {
        self.observations.iter().map(|(o, _)| o).find(|o| o.accepted.is_none())
    }

    /// Moves through the document: ↑↓ from section to section, the pages and the wheel by
    /// lines, a click on a section selects it (a second click edits it).
    pub fn navigate(&mut self, action: Action) -> bool {
        let count = self.sections().len();
        let (total, height) = self.shown.get();
        let last_offset = total.saturating_sub(height);
        let offset = self.offset.get();
        match action {
            Action::Up => self.select(self.section.saturating_sub(1)),
            Action::Down => self.select((self.section + 1).min(count.saturating_sub(1))),
            Action::Home => self.select(0),
            Action::End => self.select(count.saturating_sub(1)),
            Action::PageUp => self.offset.set(offset.saturating_sub(height.max(1))),
            Action::PageDown => self.offset.set((offset + height.max(1)).min(last_offset)),
            Action::ScrollUp => self.offset.set(offset.saturating_sub(3)),
            Action::ScrollDown => self.offset.set((offset + 3).min(last_offset)),
            Action::Select(0, i) if i == self.section => return true,
            Action::Select(0, i) if i < count => self.section = i,
            _ => {}
        }
        false
    }

    fn select(&mut self, section: usize) {
        self.section = section;
        self.reveal.set(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_second_level_headings_outside_fences() {
        let text = "# Acta de la Sesión\n\nEn la ciudad…\n\n## 1. Asistencia\n\nTexto\n\n## 2. Firmas\n\n~~~firmas\n## no\n~~~\n";
        let s = sections(text);
        let titles: Vec<&str> = s.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(titles, ["Acta de la Sesión", "1. Asistencia", "2. Firmas"]);
        assert_eq!(s[0].body(), (0, 4), "the first part is edited whole, title included");
        assert_eq!(s[1].body(), (5, 8), "the others without their heading");
        assert_eq!(s[2].end, text.lines().count());
        let bare = sections("## Única\n\ntexto\n");
        assert_eq!(bare.len(), 1);
        assert_eq!(bare[0].body(), (1, 3));
        assert_eq!(sections("").len(), 1);
    }
}
