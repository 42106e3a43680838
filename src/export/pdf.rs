//! PDF printer of a `Document`, through krilla (see docs/pdf.md for why krilla). Layout is
//! ours (`layout`, `table`): word wrapping with the font's own advance widths, justified
//! paragraphs, hand-drawn tables, signature rows, "Página X de Y" and the draft marks. krilla
//! writes the file and embeds subsets of the DejaVu Sans faces, with each glyph mapped back
//! to its characters, so copied or extracted text keeps every accent and ñ exactly.

mod layout;
pub(crate) mod metrics;
pub(crate) mod table;

use krilla::Document as PdfDocument;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use self::layout::{Layout, Mark, Run};
use self::metrics::{Face, Metrics};
use super::document::{Block, Document, Paper};

/// Renders `doc` on `paper`; an error is a Spanish sentence for the user.
pub fn render(doc: &Document, paper: Paper) -> Result<Vec<u8>, String> {
    let metrics = Metrics::get()?;
    let mut layout = Layout::new(metrics, paper);
    for (i, block) in doc.blocks.iter().enumerate() {
        if let (Block::Paragraph(inlines), Some(Block::Signatures(_))) = (block, doc.blocks.get(i + 1)) {
            layout.keep_with_next_signatures(inlines);
        }
        layout.block(block);
    }
    let pages = layout.finish(doc);

    let font = |face: Face| Font::new(face.bytes().into(), 0).ok_or("no se pudo cargar la fuente DejaVu Sans");
    let fonts = [font(Face::Regular)?, font(Face::Bold)?, font(Face::Italic)?];
    let mut pdf = PdfDocument::new();
    pdf.set_metadata(Metadata::new().title(doc.title.clone()).language("es".into()).creator("secretaria".into()));
    let (width, height) = paper.size_pt();
    let settings = PageSettings::from_wh(width, height).ok_or("tamaño de papel inválido")?;
    for marks in &pages {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for mark in marks {
            draw(&mut surface, metrics, &fonts, mark);
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| format!("no se pudo escribir el PDF: {e}"))
}

fn gray(level: u8) -> Fill {
    Fill { paint: luma::Color::new(level).into(), opacity: NormalizedF32::ONE, rule: FillRule::default() }
}

fn draw(surface: &mut Surface, metrics: &Metrics, fonts: &[Font; 3], mark: &Mark) {
    match mark {
        Mark::Text(run) => text(surface, metrics, fonts, run, false),
        Mark::Watermark { run, angle, cx, cy } => {
            surface.push_transform(&Transform::from_rotate_at(*angle, *cx, *cy));
            text(surface, metrics, fonts, run, true);
            surface.pop();
        }
        Mark::Line { x1, y1, x2, y2, width } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y1);
            path.line_to(*x2, *y2);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { width: *width, ..Stroke::default() }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Mark::Fill { x, y, w, h, gray: level } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(gray(*level)));
                surface.draw_path(&path);
            }
        }
    }
}

/// One glyph per character, each carrying its byte range so the PDF maps it back to text;
/// spaces carry the run's justification.
fn text(surface: &mut Surface, metrics: &Metrics, fonts: &[Font; 3], run: &Run, outlined: bool) {
    let glyphs: Vec<KrillaGlyph> = run
        .text
        .char_indices()
        .map(|(i, c)| {
            let (glyph, mut advance) = metrics.glyph(run.face, c);
            if c == ' ' {
                advance += run.space_extra / run.size;
            }
            KrillaGlyph::new(GlyphId::new(glyph), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
        })
        .collect();
    let font = fonts[run.face as usize].clone();
    surface.set_stroke(None);
    surface.set_fill(Some(gray(run.gray)));
    surface.draw_glyphs(Point::from_xy(run.x, run.y), &glyphs, font, &run.text, run.size, outlined);
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::export::document::{Inline, Signature};

    const TITLE: &str = "Acta de la Vigésima Primera Sesión — Ñúñez, acción, año";
    const FOOTER: &str = "SHA-256: abc123…";

    fn acta(rows: usize) -> Document {
        let paragraph = vec![
            Inline::plain("En la Ciudad de Panamá, siendo las "),
            Inline { text: "diez horas".into(), bold: true, italic: false },
            Inline::plain(" del "),
            Inline { text: "martes 20 de febrero de 2024".into(), bold: false, italic: true },
            Inline::plain(
                ", se reunieron en la sede de la Secretaría los representantes de las instituciones que \
                 integran la Comisión Interinstitucional, con el propósito de celebrar su sesión ordinaria \
                 conforme al artículo 12 del reglamento, la cual se desarrolló con el siguiente orden del día.",
            ),
        ];
        let header =
            vec!["Núm.".to_string(), "Institución".to_string(), "Representante".to_string(), "Carácter".to_string()];
        let rows = (1..=rows)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("Ministerio de Educación y Señalización Vial número {n}"),
                    format!("Ana Ñúñez Peñaloza {n}"),
                    if n % 3 == 0 { "suplente".into() } else { "titular".into() },
                ]
            })
            .collect();
        Document {
            title: TITLE.into(),
            blocks: vec![
                Block::Heading { level: 1, text: TITLE.into() },
                Block::Paragraph(paragraph.clone()),
                Block::Heading { level: 2, text: "Orden del día".into() },
                Block::List {
                    ordered: true,
                    items: vec![
                        vec![Inline::plain("Lista de asistencia y verificación del quórum")],
                        vec![Inline::plain("Aprobación del acta de la sesión anterior")],
                        vec![Inline::plain("Clausura")],
                    ],
                },
                Block::List { ordered: false, items: vec![vec![Inline::plain("Acuerdo sobre la señalización")]] },
                Block::Heading { level: 3, text: "Lista de asistencia".into() },
                Block::Table { header, rows },
                Block::Paragraph(paragraph),
                Block::Signatures(vec![
                    Signature { name: "Laura Méndez Ortiz".into(), role: "Presidencia".into() },
                    Signature { name: "Alejandro Cervantes Ibarra".into(), role: "Secretaría Técnica".into() },
                    Signature { name: "José Núñez Añorve".into(), role: "Vocal".into() },
                ]),
            ],
            draft: true,
            footer: Some(FOOTER.into()),
            language: "es-MX",
        }
    }

    /// Page objects, read from the bytes (krilla writes them uncompressed).
    fn page_count(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf).replace("/Type /", "/Type/");
        text.matches("/Type/Page").count() - text.matches("/Type/Pages").count()
    }

    fn media_boxes(pdf: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(pdf);
        text.match_indices("/MediaBox")
            .filter_map(|(i, _)| {
                let rest = &text[i..];
                Some(rest[rest.find('[')? + 1..rest.find(']')?].trim().to_string())
            })
            .collect()
    }

    /// Extracted text with line breaks as spaces: the title wraps, its words must not change.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Runs a poppler tool on `pdf`; `None` (said on stderr) when it is not installed, so the
    /// test skips what needs it (.ci/run installs poppler-utils, so CI always runs it).
    fn poppler(tool: &str, pdf: &[u8]) -> Option<String> {
        if Command::new(tool).arg("-v").output().is_err() {
            eprintln!("se omite: {tool} no está instalado (apt-get install poppler-utils)");
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acta.pdf");
        std::fs::write(&path, pdf).expect("write");
        let mut command = Command::new(tool);
        command.arg(&path);
        if tool == "pdftotext" {
            command.arg("-");
        }
        let out = command.output().expect(tool);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        Some(String::from_utf8(out.stdout).expect("utf-8"))
    }

    fn pdftotext(pdf: &[u8]) -> Option<String> {
        poppler("pdftotext", pdf)
    }

    #[test]
    fn acta_with_long_table_extracts_exactly() {
        let pdf = render(&acta(130), Paper::Letter).expect("render");
        assert!(pdf.starts_with(b"%PDF-"));
        let pages = page_count(&pdf);
        assert!(pages > 1, "{pages}");
        let Some(text) = pdftotext(&pdf) else { return };
        let flat_text = flat(&text);
        for expected in [
            TITLE,
            "Ana Ñúñez Peñaloza 130",
            "Ministerio de Educación y Señalización Vial número 1",
            "Aprobación del acta de la sesión anterior",
            "con el propósito de celebrar su sesión ordinaria conforme al artículo 12 del reglamento",
            "Secretaría Técnica",
            "José Núñez Añorve",
            "diez horas",
            "Página 1 de",
        ] {
            assert!(flat_text.contains(expected), "«{expected}» missing from:\n{text}");
        }
        let per_page: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(per_page.len(), pages);
        for (i, page) in per_page.iter().enumerate() {
            assert!(page.contains("BORRADOR"), "page {}", i + 1);
            assert!(page.contains(FOOTER), "page {}", i + 1);
            assert!(page.contains(&format!("Página {} de {pages}", i + 1)), "page {}:\n{page}", i + 1);
        }
        // The header row is repeated on every page the table reaches.
        assert!(text.matches("Representante").count() > 2);
    }

    #[test]
    fn metadata_title_and_subset_fonts() {
        let pdf = render(&acta(3), Paper::A4).expect("render");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/FontFile2"), "TrueType embedded");
        assert!(pdf.len() < 200_000, "subset, not the whole fonts: {} bytes", pdf.len());
        let Some(info) = poppler("pdfinfo", &pdf) else { return };
        assert!(info.lines().any(|l| l.starts_with("Title:") && l.ends_with(TITLE)), "{info}");
    }

    #[test]
    fn letter_and_a4_sizes() {
        let doc = acta(2);
        let letter = render(&doc, Paper::Letter).expect("letter");
        let a4 = render(&doc, Paper::A4).expect("a4");
        assert!(media_boxes(&letter).iter().all(|b| b == "0 0 612 792"), "{:?}", media_boxes(&letter));
        assert!(media_boxes(&a4).iter().all(|b| b.starts_with("0 0 595.28")), "{:?}", media_boxes(&a4));
        assert!(!media_boxes(&a4).is_empty());
    }

    #[test]
    fn empty_document_is_one_numbered_page() {
        let doc = Document { title: String::new(), blocks: Vec::new(), draft: false, footer: None, language: "es-MX" };
        let pdf = render(&doc, Paper::Letter).expect("render");
        assert_eq!(page_count(&pdf), 1);
        let Some(text) = pdftotext(&pdf) else { return };
        assert!(text.contains("Página 1 de 1"), "{text}");
        assert!(!text.contains("BORRADOR"));
    }
}
