//! Glyph ids and advance widths of the embedded DejaVu Sans faces. Line breaking and
//! justification need the exact widths the PDF viewer will use, so they come from the same
//! font bytes that krilla embeds, never from guesses.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::export::document::fonts;

/// The three embedded faces; bold italic runs are printed bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (true, _) => Face::Bold,
            (false, true) => Face::Italic,
            (false, false) => Face::Regular,
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => fonts::REGULAR,
            Face::Bold => fonts::BOLD,
            Face::Italic => fonts::ITALIC,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Characters below this are looked up once per process; Spanish text, punctuation (— « » “ ”
/// … •) and the symbols an acta uses all fall under it.
const CACHED: u32 = 0x2200;

struct FaceMetrics {
    font: FontRef<'static>,
    units_per_em: f32,
    /// (glyph id, advance in em) for every char below `CACHED`.
    table: Vec<(u32, f32)>,
}

impl FaceMetrics {
    fn load(face: Face) -> Result<FaceMetrics, String> {
        let font = FontRef::new(face.bytes()).map_err(|e| format!("fuente DejaVu Sans ilegible: {e}"))?;
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        let mut metrics = FaceMetrics { font, units_per_em, table: Vec::new() };
        metrics.table = (0..CACHED).map(|code| char::from_u32(code).map_or((0, 0.0), |c| metrics.lookup(c))).collect();
        Ok(metrics)
    }

    fn lookup(&self, c: char) -> (u32, f32) {
        let glyph = self.font.charmap().map(c).unwrap_or_default();
        let advance = self.font.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(glyph);
        (glyph.to_u32(), advance.unwrap_or(0.0) / self.units_per_em)
    }
}

pub struct Metrics {
    faces: [FaceMetrics; 3],
}

impl Metrics {
    /// Parsed once per process: the fonts are compiled in and never change.
    pub fn get() -> Result<&'static Metrics, String> {
        static METRICS: OnceLock<Result<Metrics, String>> = OnceLock::new();
        METRICS
            .get_or_init(|| {
                Ok(Metrics {
                    faces: [
                        FaceMetrics::load(Face::Regular)?,
                        FaceMetrics::load(Face::Bold)?,
                        FaceMetrics::load(Face::Italic)?,
                    ],
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Glyph id and advance (in em) of `c`; a char the font lacks is glyph 0 (.notdef).
    pub fn glyph(&self, face: Face, c: char) -> (u32, f32) {
        let metrics = &self.faces[face.index()];
        match metrics.table.get(c as usize) {
            Some(&entry) => entry,
            None => metrics.lookup(c),
        }
    }

    /// Width in points of `text` at `size`.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(face, c).1).sum::<f32>() * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_have_glyphs_and_widths() {
        let metrics = Metrics::get().expect("fonts");
        for c in "áéíóúñÑü—•«»".chars() {
            let (glyph, advance) = metrics.glyph(Face::Regular, c);
            assert!(glyph != 0 && advance > 0.0, "{c}");
        }
        assert!(metrics.width(Face::Bold, "Sesión", 10.0) > metrics.width(Face::Regular, "Sesión", 10.0));
        assert!(metrics.glyph(Face::Italic, '漢').0 == 0, "no CJK in DejaVu Sans");
    }
}
