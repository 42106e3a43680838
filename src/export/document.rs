//! What every printed document is made of, whatever the format: the minutes and the
//! convocatoria are written as Markdown, read into a `Document`, and each printer (PDF, DOCX,
//! HTML, Markdown) renders the same blocks.

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline { text: text.into(), bold: false, italic: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document's title; 2 and 3 its sections.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// The first row is the header.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Signature lines, side by side where the page allows.
    Signatures(Vec<Signature>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    /// A draft is marked "BORRADOR" on every page.
    pub draft: bool,
    /// A line printed at the foot of every page, e.g. the SHA-256 of an approved acta.
    pub footer: Option<String>,
    /// Its language tag: the Spanish of the body's country (`DocStyle::language`), else
    /// `SPANISH`.
    pub language: &'static str,
}

/// Latin American Spanish: the language of a document no single body's style decides.
pub const SPANISH: &str = "es-419";

/// Letter (US) or A4, upright or on its side (for wide tables such as the POA matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
    LetterLandscape,
    A4Landscape,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        let (w, h) = match self {
            Paper::Letter | Paper::LetterLandscape => (612.0, 792.0),
            Paper::A4 | Paper::A4Landscape => (595.28, 841.89),
        };
        if self.landscape() { (h, w) } else { (w, h) }
    }

    pub fn landscape(self) -> bool {
        matches!(self, Paper::LetterLandscape | Paper::A4Landscape)
    }

    /// The same sheet on its side.
    pub fn turned(self) -> Paper {
        match self {
            Paper::Letter | Paper::LetterLandscape => Paper::LetterLandscape,
            Paper::A4 | Paper::A4Landscape => Paper::A4Landscape,
        }
    }

    pub fn parse(text: &str) -> Result<Paper, String> {
        let folded = crate::domain::text::fold(text).replace('-', " ");
        let words: Vec<&str> = folded.split_whitespace().collect();
        let (sheet, turned) = match words.as_slice() {
            [sheet] => (*sheet, false),
            [sheet, "horizontal"] => (*sheet, true),
            _ => ("", false),
        };
        let paper = match sheet {
            "carta" | "letter" => Paper::Letter,
            "a4" => Paper::A4,
            _ => {
                return Err(format!(
                    "papel «{}» desconocido; use «carta», «a4», «carta horizontal» o «a4 horizontal»",
                    text.trim()
                ));
            }
        };
        Ok(if turned { paper.turned() } else { paper })
    }
}

/// The embedded libre fonts (DejaVu Sans, whose licence allows embedding; see
/// data/fonts/LICENSE-DejaVu.txt), so output never depends on the machine's fonts.
pub mod fonts {
    pub const REGULAR: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
    pub const BOLD: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Bold.ttf");
    pub const ITALIC: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Oblique.ttf");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_and_fonts() {
        assert_eq!(Paper::parse("Carta"), Ok(Paper::Letter));
        assert_eq!(Paper::parse("A4"), Ok(Paper::A4));
        assert_eq!(Paper::parse("carta-horizontal"), Ok(Paper::LetterLandscape));
        assert_eq!(Paper::parse("A4 horizontal"), Ok(Paper::A4Landscape));
        assert_eq!(Paper::LetterLandscape.size_pt(), (792.0, 612.0));
        assert_eq!(Paper::A4.turned(), Paper::A4Landscape);
        assert!(Paper::parse("oficio").is_err());
        assert_eq!(&fonts::REGULAR[..4], &[0, 1, 0, 0], "a TrueType font");
    }
}
