//! Turns a `Document` into pages of positioned marks (text runs, lines, fills). Layout is a
//! pass of its own, before anything is written, because the footer "Página X de Y" needs the
//! page count; it also keeps the PDF writer a plain loop over marks.
//!
//! Coordinates are points from the page's top-left corner, y growing downwards (krilla's
//! convention); a text run's `y` is its baseline.

use std::mem;

use super::metrics::{Face, Metrics};
use crate::export::document::{Block, Document, Inline, Paper, Signature};

/// 2.5 cm, the customary margin of an acta.
pub const MARGIN: f32 = 70.87;

const BODY: f32 = 11.0;
const BODY_LEADING: f32 = 15.4;
const PARAGRAPH_GAP: f32 = 7.0;
const LIST_INDENT: f32 = 22.0;
/// DejaVu Sans ascender and descender, in em, to centre text vertically in its line.
const ASCENT: f32 = 0.928;
const DESCENT: f32 = 0.236;
/// Room above a signature line for the signature itself.
const SIGNING_SPACE: f32 = 42.0;
const SIGNATURE_GAP: f32 = 24.0;
const SIGNATURE_LINE: f32 = 190.0;

pub const DRAFT: &str = "BORRADOR";

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub face: Face,
    pub size: f32,
    pub text: String,
    /// Points added to every space: how justified lines reach the right margin.
    pub space_extra: f32,
    /// 0 black … 255 white.
    pub gray: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text(Run),
    /// Drawn as outlines, rotated `angle` degrees about (`cx`, `cy`): the draft watermark stays
    /// out of the extractable text so it never interleaves with the body when copied.
    Watermark {
        run: Run,
        angle: f32,
        cx: f32,
        cy: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: u8,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Justify,
}

/// Consecutive characters of one face inside a word.
#[derive(Debug, Clone)]
pub struct Part {
    face: Face,
    text: String,
    width: f32,
}

/// What a line may not be broken inside; "**acta**," is one word of two parts.
#[derive(Debug, Clone)]
pub struct Word {
    parts: Vec<Part>,
    width: f32,
    /// The space that follows the word, if it ends the line it is not drawn.
    space: f32,
    space_face: Face,
    /// A line break typed after the word: the line ends here, ragged.
    hard_break: bool,
}

impl Word {
    fn new() -> Word {
        Word { parts: Vec::new(), width: 0.0, space: 0.0, space_face: Face::Regular, hard_break: false }
    }
}

pub type Line = Vec<Word>;

pub struct Layout<'a> {
    pub metrics: &'a Metrics,
    pub width: f32,
    pub height: f32,
    /// Top of the next thing to place on the current page.
    pub y: f32,
    pub pages: Vec<Vec<Mark>>,
    /// Level-1 headings placed so far: each after the first (the next oficio of a
    /// convocatoria) starts a page of its own.
    titles: usize,
}

/// Baseline of a line of `size` text whose box starts at `top` and is `leading` tall.
pub fn baseline(top: f32, size: f32, leading: f32) -> f32 {
    top + (leading - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

impl<'a> Layout<'a> {
    pub fn new(metrics: &'a Metrics, paper: Paper) -> Layout<'a> {
        let (width, height) = paper.size_pt();
        Layout { metrics, width, height, y: MARGIN, pages: vec![Vec::new()], titles: 0 }
    }

    pub fn left(&self) -> f32 {
        MARGIN
    }

    pub fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    pub fn bottom(&self) -> f32 {
        self.height - MARGIN
    }

    pub fn at_top(&self) -> bool {
        self.y <= MARGIN
    }

    pub fn fits(&self, height: f32) -> bool {
        self.y + height <= self.bottom() + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` fits here; never leaves a page blank.
    pub fn ensure(&mut self, height: f32) {
        if !self.fits(height) && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space between blocks, swallowed at the top of a page.
    pub fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    pub fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    /// Splits styled text into words, measured at `size`.
    pub fn words(&self, runs: &[(Face, &str)], size: f32) -> Vec<Word> {
        let mut words = Vec::new();
        let mut word = Word::new();
        for &(face, text) in runs {
            for c in text.chars() {
                // A typed line break ends the line; two in a row leave an empty line.
                if c == '\n' {
                    if !word.parts.is_empty() {
                        word.hard_break = true;
                        words.push(mem::replace(&mut word, Word::new()));
                    } else {
                        match words.last_mut() {
                            Some(last) if !last.hard_break => last.hard_break = true,
                            _ => words.push(Word { hard_break: true, ..Word::new() }),
                        }
                    }
                    continue;
                }
                // A no-break space (U+00A0) is a glyph, so "art. 5" stays together.
                if matches!(c, ' ' | '\t' | '\r') {
                    if !word.parts.is_empty() {
                        word.space = self.metrics.glyph(face, ' ').1 * size;
                        word.space_face = face;
                        words.push(mem::replace(&mut word, Word::new()));
                    }
                    continue;
                }
                if c.is_control() {
                    continue;
                }
                let width = self.metrics.glyph(face, c).1 * size;
                match word.parts.last_mut() {
                    Some(part) if part.face == face => {
                        part.text.push(c);
                        part.width += width;
                    }
                    _ => word.parts.push(Part { face, text: c.to_string(), width }),
                }
                word.width += width;
            }
        }
        if !word.parts.is_empty() {
            words.push(word);
        }
        words
    }

    /// Cuts a word wider than `max` (a hash, a URL) into pieces that each fill a line.
    fn split_long(&self, word: Word, max: f32, size: f32) -> Vec<Word> {
        if word.width <= max {
            return vec![word];
        }
        let mut pieces = Vec::new();
        let mut piece = Word::new();
        for part in &word.parts {
            for c in part.text.chars() {
                let width = self.metrics.glyph(part.face, c).1 * size;
                if piece.width + width > max && !piece.parts.is_empty() {
                    pieces.push(mem::replace(&mut piece, Word::new()));
                }
                match piece.parts.last_mut() {
                    Some(last) if last.face == part.face => {
                        last.text.push(c);
                        last.width += width;
                    }
                    _ => piece.parts.push(Part { face: part.face, text: c.to_string(), width }),
                }
                piece.width += width;
            }
        }
        piece.space = word.space;
        piece.space_face = word.space_face;
        piece.hard_break = word.hard_break;
        pieces.push(piece);
        pieces
    }

    /// Greedy line filling: good enough for prose in one language and predictable to test.
    pub fn wrap(&self, words: Vec<Word>, max: f32, size: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut line: Line = Vec::new();
        let mut width = 0.0;
        for word in words {
            for piece in self.split_long(word, max, size) {
                let needed = match line.last() {
                    Some(previous) => width + previous.space + piece.width,
                    None => piece.width,
                };
                if needed > max && !line.is_empty() {
                    lines.push(mem::take(&mut line));
                    width = piece.width;
                } else {
                    width = needed;
                }
                let hard_break = piece.hard_break;
                line.push(piece);
                if hard_break {
                    lines.push(mem::take(&mut line));
                    width = 0.0;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Wraps plain text of one face.
    pub fn wrap_plain(&self, face: Face, text: &str, size: f32, max: f32) -> Vec<Line> {
        self.wrap(self.words(&[(face, text)], size), max, size)
    }

    /// Places one line with its baseline at `y`; `last` lines of justified text stay ragged.
    #[allow(clippy::too_many_arguments)]
    pub fn put_line(&mut self, line: &[Word], x: f32, y: f32, max: f32, size: f32, align: Align, last: bool) {
        let gaps = line.len().saturating_sub(1);
        let natural: f32 =
            line.iter().map(|w| w.width).sum::<f32>() + line.iter().take(gaps).map(|w| w.space).sum::<f32>();
        let mut extra = 0.0;
        if align == Align::Justify && !last && gaps > 0 {
            extra = (max - natural) / gaps as f32;
            // A line stretched this far reads worse than a ragged one.
            if !(0.0..=size * 1.5).contains(&extra) {
                extra = 0.0;
            }
        }
        let mut x = match align {
            Align::Center => x + ((max - natural) / 2.0).max(0.0),
            _ => x,
        };
        let mut runs: Vec<Run> = Vec::new();
        let run = |x: f32, face: Face, text: String| Run { x, y, face, size, text, space_extra: extra, gray: 0 };
        for (i, word) in line.iter().enumerate() {
            for part in &word.parts {
                match runs.last_mut() {
                    Some(last) if last.face == part.face => last.text.push_str(&part.text),
                    _ => runs.push(run(x, part.face, part.text.clone())),
                }
                x += part.width;
            }
            if i < gaps {
                match runs.last_mut() {
                    Some(last) if last.face == word.space_face => last.text.push(' '),
                    _ => runs.push(run(x, word.space_face, " ".into())),
                }
                x += word.space + extra;
            }
        }
        for run in runs {
            self.mark(Mark::Text(run));
        }
    }

    /// Places lines from the cursor down, breaking pages between lines.
    pub fn flow(&mut self, lines: &[Line], x: f32, max: f32, size: f32, leading: f32, align: Align) {
        for (i, line) in lines.iter().enumerate() {
            self.ensure(leading);
            let y = baseline(self.y, size, leading);
            let last = i + 1 == lines.len() || line.last().is_some_and(|w| w.hard_break);
            self.put_line(line, x, y, max, size, align, last);
            self.y += leading;
        }
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph(inlines) => {
                let lines = self.inline_lines(inlines, self.text_width());
                self.flow(&lines, self.left(), self.text_width(), BODY, BODY_LEADING, Align::Justify);
                self.gap(PARAGRAPH_GAP);
            }
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::Table { header, rows } => self.table(header, rows),
            Block::Signatures(signatures) => self.signatures(signatures),
        }
    }

    /// A paragraph followed by signatures ("Firman al calce…") moves to the next page with the
    /// first row of signatures rather than leave them alone there.
    pub fn keep_with_next_signatures(&mut self, inlines: &[Inline]) {
        let lines = self.inline_lines(inlines, self.text_width());
        let row = BODY_LEADING + SIGNING_SPACE + 4.0 + 2.0 * 10.5 * 1.3 + 2.0 * 9.5 * 1.3;
        self.ensure(lines.len() as f32 * BODY_LEADING + PARAGRAPH_GAP + row);
    }

    fn inline_lines(&self, inlines: &[Inline], max: f32) -> Vec<Line> {
        let runs: Vec<(Face, &str)> = inlines.iter().map(|i| (Face::of(i.bold, i.italic), i.text.as_str())).collect();
        self.wrap(self.words(&runs, BODY), max, BODY)
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before, after, align) = match level {
            1 => (16.0, 8.0, 12.0, Align::Center),
            2 => (13.0, 14.0, 5.0, Align::Left),
            _ => (11.5, 10.0, 4.0, Align::Left),
        };
        let leading = size * 1.3;
        let lines = self.wrap_plain(Face::Bold, text, size, self.text_width());
        if level <= 1 {
            self.titles += 1;
            if self.titles > 1 && !self.at_top() {
                self.new_page();
            }
        }
        self.gap(before);
        // A heading is never left alone at the foot of a page: room for it and some text.
        self.ensure(lines.len() as f32 * leading + after + 2.0 * BODY_LEADING);
        self.flow(&lines, self.left(), self.text_width(), size, leading, align);
        self.y += after;
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Inline>]) {
        let x = self.left() + LIST_INDENT;
        let max = self.text_width() - LIST_INDENT;
        for (n, item) in items.iter().enumerate() {
            let marker = if ordered { format!("{}.", n + 1) } else { "•".to_string() };
            let lines = self.inline_lines(item, max);
            self.ensure(BODY_LEADING);
            let marker_width = self.metrics.width(Face::Regular, &marker, BODY);
            let y = baseline(self.y, BODY, BODY_LEADING);
            self.mark(Mark::Text(Run {
                x: x - 6.0 - marker_width,
                y,
                face: Face::Regular,
                size: BODY,
                text: marker,
                space_extra: 0.0,
                gray: 0,
            }));
            if lines.is_empty() {
                self.y += BODY_LEADING;
            }
            self.flow(&lines, x, max, BODY, BODY_LEADING, Align::Justify);
            self.y += 2.0;
        }
        self.gap(PARAGRAPH_GAP);
    }

    /// Two signatures a row (a lone last one centred): space to sign, a line, the name and,
    /// below it, the role. A row is never split across pages.
    fn signatures(&mut self, signatures: &[Signature]) {
        const NAME: f32 = 10.5;
        const ROLE: f32 = 9.5;
        let cell = (self.text_width() - SIGNATURE_GAP) / 2.0;
        self.gap(BODY_LEADING);
        for pair in signatures.chunks(2) {
            let texts: Vec<(Vec<Line>, Vec<Line>)> = pair
                .iter()
                .map(|s| {
                    (
                        self.wrap_plain(Face::Regular, &s.name, NAME, cell),
                        self.wrap_plain(Face::Italic, &s.role, ROLE, cell),
                    )
                })
                .collect();
            let text_height = texts
                .iter()
                .map(|(name, role)| name.len() as f32 * NAME * 1.3 + role.len() as f32 * ROLE * 1.3)
                .fold(0.0, f32::max);
            let height = SIGNING_SPACE + 4.0 + text_height;
            self.ensure(height);
            let top = self.y;
            for (k, (name, role)) in texts.iter().enumerate() {
                let x = if pair.len() == 1 {
                    self.left() + (self.text_width() - cell) / 2.0
                } else {
                    self.left() + k as f32 * (cell + SIGNATURE_GAP)
                };
                let rule = SIGNATURE_LINE.min(cell);
                let line_y = top + SIGNING_SPACE;
                let x1 = x + (cell - rule) / 2.0;
                self.mark(Mark::Line { x1, y1: line_y, x2: x1 + rule, y2: line_y, width: 0.6 });
                let mut y = line_y + 4.0;
                for (lines, size) in [(name, NAME), (role, ROLE)] {
                    for line in lines {
                        let leading = size * 1.3;
                        self.put_line(line, x, baseline(y, size, leading), cell, size, Align::Center, true);
                        y += leading;
                    }
                }
            }
            self.y = top + height + 14.0;
        }
    }

    /// Adds what every page carries: the draft marks, the footer line and "Página X de Y".
    pub fn finish(self, doc: &Document) -> Vec<Vec<Mark>> {
        let total = self.pages.len();
        let mut pages = Vec::with_capacity(total);
        for (i, content) in self.pages.iter().enumerate() {
            let mut page = Vec::with_capacity(content.len() + 8);
            if doc.draft {
                page.push(self.watermark());
            }
            page.extend(content.iter().cloned());
            if doc.draft {
                self.draft_band(&mut page);
            }
            if let Some(footer) = &doc.footer {
                self.footer_line(&mut page, footer);
            }
            let number = format!("Página {} de {}", i + 1, total);
            page.push(self.centered(&number, Face::Regular, 9.0, self.height - 32.0, 40));
            pages.push(page);
        }
        pages
    }

    fn centered(&self, text: &str, face: Face, size: f32, y: f32, gray: u8) -> Mark {
        let width = self.metrics.width(face, text, size);
        let x = (self.width - width) / 2.0;
        Mark::Text(Run { x, y, face, size, text: text.to_string(), space_extra: 0.0, gray })
    }

    /// A very light diagonal "BORRADOR" across the page, under the text.
    fn watermark(&self) -> Mark {
        let diagonal = self.width.hypot(self.height);
        let size = 0.55 * diagonal / self.metrics.width(Face::Bold, DRAFT, 1.0);
        let (cx, cy) = (self.width / 2.0, self.height / 2.0);
        let x = cx - self.metrics.width(Face::Bold, DRAFT, size) / 2.0;
        let run =
            Run { x, y: cy + 0.35 * size, face: Face::Bold, size, text: DRAFT.into(), space_extra: 0.0, gray: 232 };
        Mark::Watermark { run, angle: -self.height.atan2(self.width).to_degrees(), cx, cy }
    }

    /// A gray band in the top margin with "BORRADOR" as real text, so it is searchable.
    fn draft_band(&self, page: &mut Vec<Mark>) {
        let (top, height) = (30.0, 20.0);
        page.push(Mark::Fill { x: self.left(), y: top, w: self.text_width(), h: height, gray: 225 });
        page.push(self.centered(DRAFT, Face::Bold, 11.0, baseline(top, 11.0, height), 60));
    }

    fn footer_line(&self, page: &mut Vec<Mark>, footer: &str) {
        const SIZE: f32 = 7.5;
        const LEADING: f32 = 9.5;
        let lines = self.wrap_plain(Face::Regular, footer, SIZE, self.text_width());
        let first = self.height - 46.0 - (lines.len().saturating_sub(1)) as f32 * LEADING;
        for (i, line) in lines.iter().enumerate() {
            let text = line_text(line);
            page.push(self.centered(&text, Face::Regular, SIZE, first + i as f32 * LEADING, 70));
        }
    }
}

/// The words of a line joined by single spaces, for lines of one face.
fn line_text(line: &[Word]) -> String {
    let words: Vec<String> = line.iter().map(|w| w.parts.iter().map(|p| p.text.as_str()).collect()).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout<'static> {
        Layout::new(Metrics::get().expect("fonts"), Paper::Letter)
    }

    #[test]
    fn words_keep_styled_pieces_together() {
        let l = layout();
        let words = l.words(&[(Face::Regular, "la "), (Face::Bold, "sesión"), (Face::Regular, ", que")], 10.0);
        assert_eq!(words.len(), 3);
        assert_eq!(words[1].parts.len(), 2, "«sesión,» is one word in two faces");
    }

    #[test]
    fn wrapping_respects_the_width_and_cuts_long_words() {
        let l = layout();
        let text = "Acta de la Vigésima Primera Sesión Ordinaria de la Comisión ".repeat(10);
        for line in l.wrap_plain(Face::Regular, &text, 11.0, 200.0) {
            let width: f32 = line.iter().map(|w| w.width).sum::<f32>()
                + line.iter().take(line.len() - 1).map(|w| w.space).sum::<f32>();
            assert!(width <= 200.0, "{width}");
        }
        let hash = "a".repeat(300);
        let lines = l.wrap_plain(Face::Regular, &hash, 11.0, 100.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.iter().map(|l| line_text(l)).collect::<String>(), hash);
    }

    #[test]
    fn justified_lines_reach_the_margin() {
        let mut l = layout();
        let lines = l.wrap_plain(Face::Regular, &"palabra ".repeat(40), 11.0, 300.0);
        l.put_line(&lines[0], 0.0, 100.0, 300.0, 11.0, Align::Justify, false);
        let Some(Mark::Text(run)) = l.pages[0].last() else { panic!("a run") };
        let spaces = run.text.matches(' ').count() as f32;
        let width = l.metrics.width(Face::Regular, &run.text, 11.0) + spaces * run.space_extra;
        assert!((width - 300.0).abs() < 0.01, "{width}");
    }
}
