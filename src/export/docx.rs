//! A `Document` as a Word file (DOCX), for secretariats whose institutions want to edit the
//! acta before signing it. Built with `docx-rs`; the layout follows the PDF: Letter or A4
//! with 2.5 cm margins, a centered title, real heading and list styles (so Word's navigation
//! pane and numbering work), bordered tables, borderless signature blocks two to a row,
//! "Página X de Y" in the footer through PAGE/NUMPAGES fields, and "BORRADOR" in the header
//! of every page of a draft.
//!
//! The default font is DejaVu Sans, named but not embedded: Word and LibreOffice substitute a
//! similar sans-serif where it is not installed, which changes line breaks but not content.
//! Embedding (obfuscated ODTTF parts) is not something docx-rs offers, and the PDF is the
//! format whose appearance must not vary.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, IndentLevel, InstrNUMPAGES,
    InstrPAGE, InstrText, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableCellMargins, TableRow, WidthType,
};

use super::document::{Block, Document, Inline, Paper, Signature};

pub const FONT: &str = "DejaVu Sans";
pub const DRAFT: &str = "BORRADOR";

/// 2.5 cm in twentieths of a point.
const MARGIN: i32 = 1417;
/// Where header and footer sit: 1.25 cm from the edge, inside the 2.5 cm margin.
const HEADER_DISTANCE: i32 = 709;
/// Sizes are in half-points.
const BODY_SIZE: usize = 21;
const TITLE_SIZE: usize = 32;
const SMALL_SIZE: usize = 16;
const BULLETS: usize = 2;
const DECIMAL: usize = 3;

/// Page width and height in twentieths of a point.
fn page_twips(paper: Paper) -> (u32, u32) {
    let (w, h) = match paper {
        Paper::Letter | Paper::LetterLandscape => (12240, 15840),
        Paper::A4 | Paper::A4Landscape => (11906, 16838),
    };
    if paper.landscape() { (h, w) } else { (w, h) }
}

pub fn render(doc: &Document, paper: Paper) -> Result<Vec<u8>, String> {
    let (width, height) = page_twips(paper);
    let text_width = width as usize - 2 * MARGIN as usize;
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let mut docx = Docx::new()
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(HEADER_DISTANCE)
                .footer(HEADER_DISTANCE),
        )
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .add_style(heading_style("Title", "Title", TITLE_SIZE, 0).align(AlignmentType::Center))
        .add_style(heading_style("Heading2", "heading 2", 26, 1))
        .add_style(heading_style("Heading3", "heading 3", 23, 2))
        .add_abstract_numbering(list_numbering(BULLETS, "bullet", "•"))
        .add_abstract_numbering(list_numbering(DECIMAL, "decimal", "%1."))
        .footer(footer(doc.footer.as_deref()));
    if paper.landscape() {
        docx = docx.page_orient(docx_rs::PageOrientationType::Landscape);
    }
    if doc.draft {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(DRAFT).bold().size(24).color("B00020").character_spacing(60)),
            ),
        );
    }
    let has_title = doc.blocks.iter().any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_title && !doc.title.trim().is_empty() {
        docx = docx.add_paragraph(heading(1, &doc.title));
    }
    // docx-rs numbers its own default list 1; each of ours gets its own instance so that
    // every ordered list starts again at 1.
    let mut next_numbering = 2;
    // Which tables, in document order, have a header row to repeat on every page.
    let mut headed: Vec<bool> = Vec::new();
    let mut titles = usize::from(!has_title && !doc.title.trim().is_empty());
    for (i, block) in doc.blocks.iter().enumerate() {
        // Signatures never start a page alone: the paragraph before them (the closing
        // formula) moves with them.
        let before_signatures = matches!(doc.blocks.get(i + 1), Some(Block::Signatures(_)));
        docx = match block {
            Block::Heading { level, text } => {
                // Each level-1 heading after the first (the next oficio) starts a new page.
                let title = *level <= 1 && titles > 0;
                titles += usize::from(*level <= 1);
                docx.add_paragraph(heading(*level, text).page_break_before(title))
            }
            Block::Paragraph(inlines) => {
                docx.add_paragraph(paragraph(inlines).align(AlignmentType::Both).keep_next(before_signatures))
            }
            Block::List { ordered, items } => {
                let id = next_numbering;
                next_numbering += 1;
                let mut instance = Numbering::new(id, if *ordered { DECIMAL } else { BULLETS });
                if *ordered {
                    instance = instance.add_override(LevelOverride::new(0).start(1));
                }
                let mut docx = docx.add_numbering(instance);
                for item in items {
                    docx = docx.add_paragraph(
                        paragraph(item)
                            .numbering(NumberingId::new(id), IndentLevel::new(0))
                            .line_spacing(LineSpacing::new().after(60)),
                    );
                }
                docx.add_paragraph(spacer())
            }
            // Word rejects a table without rows, and wants a paragraph after every table.
            Block::Table { header, rows } if header.is_empty() && rows.is_empty() => docx,
            Block::Table { header, rows } => {
                headed.push(!header.is_empty());
                docx.add_table(table(header, rows, text_width)).add_paragraph(spacer())
            }
            Block::Signatures(signatures) if signatures.is_empty() => docx,
            Block::Signatures(signatures) => {
                headed.push(false);
                docx.add_table(signature_table(signatures, text_width)).add_paragraph(spacer())
            }
        };
    }
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    docx = docx.created_at(&now).updated_at(&now);
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| format!("no se pudo escribir el documento Word: {e}"))?;
    let author = crate::config::get().person().unwrap_or("secretaria").to_string();
    finish(&bytes.into_inner(), &headed, &author, doc.language)
        .map_err(|e| format!("no se pudo escribir el documento Word: {e}"))
}

/// What docx-rs has no call for, written into its parts: the repeated header row of each
/// table (`w:tblHeader`, in the order of `headed`), the Spanish language of every run, and the
/// document's author.
fn finish(bytes: &[u8], headed: &[bool], author: &str, language: &str) -> Result<Vec<u8>, String> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(|e| e.to_string())?;
        let content = match name.as_str() {
            "word/document.xml" => header_rows(&String::from_utf8_lossy(&content), headed).into_bytes(),
            "word/styles.xml" => with_language(&String::from_utf8_lossy(&content), language).into_bytes(),
            "docProps/core.xml" => core(&String::from_utf8_lossy(&content), author, language).into_bytes(),
            _ => content,
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&content).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Marks the first row of every headed table as a header row, repeated on each page.
fn header_rows(xml: &str, headed: &[bool]) -> String {
    let mut out = String::with_capacity(xml.len() + headed.len() * 20);
    let mut rest = xml;
    for &has_header in headed {
        let Some(at) = rest.find("<w:tbl>") else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if has_header && let Some(tr) = rest.find("<w:trPr>") {
            let end = tr + "<w:trPr>".len();
            out.push_str(&rest[..end]);
            out.push_str("<w:tblHeader />");
            rest = &rest[end..];
        } else {
            out.push_str("<w:tbl>");
            rest = &rest["<w:tbl>".len()..];
        }
    }
    out.push_str(rest);
    out
}

/// The Spanish of the body's country for every run, in the document defaults.
fn with_language(xml: &str, language: &str) -> String {
    let lang = format!("<w:lang w:val=\"{language}\" w:eastAsia=\"{language}\" w:bidi=\"{language}\" />");
    match xml.find("</w:rPrDefault>").and_then(|end| xml[..end].rfind("</w:rPr>")) {
        Some(at) => format!("{}{lang}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

/// The author and language of the document's properties.
fn core(xml: &str, author: &str, language: &str) -> String {
    let author = super::html::escape(author);
    let xml = xml.replace("<dc:creator>unknown</dc:creator>", &format!("<dc:creator>{author}</dc:creator>")).replace(
        "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
        &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
    );
    match xml.find("</cp:coreProperties>") {
        Some(at) if !xml.contains("<dc:language>") => {
            format!("{}<dc:language>{language}</dc:language>{}", &xml[..at], &xml[at..])
        }
        _ => xml,
    }
}

fn heading_style(id: &str, name: &str, size: usize, outline: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .bold()
        .size(size)
        .outline_lvl(outline)
        .line_spacing(LineSpacing::new().before(if outline == 0 { 0 } else { 240 }).after(120))
}

fn list_numbering(id: usize, format: &str, text: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(0, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left")).indent(
            Some(720),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        ),
    )
}

fn heading(level: u8, text: &str) -> Paragraph {
    let style = match level {
        0 | 1 => "Title",
        2 => "Heading2",
        _ => "Heading3",
    };
    Paragraph::new().style(style).keep_next(true).add_run(Run::new().add_text(text.replace('\n', " ")))
}

/// A paragraph of runs; a line break inside a run (from a fenced block) stays a line break.
fn paragraph(inlines: &[Inline]) -> Paragraph {
    let mut p = Paragraph::new().line_spacing(LineSpacing::new().after(120));
    for inline in inlines {
        let mut run = Run::new();
        for (i, line) in inline.text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        if inline.bold {
            run = run.bold();
        }
        if inline.italic {
            run = run.italic();
        }
        p = p.add_run(run);
    }
    p
}

fn spacer() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().after(0))
}

fn cell_paragraph(text: &str, bold: bool) -> Paragraph {
    let mut run = Run::new().size(BODY_SIZE - 2);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if bold {
        run = run.bold();
    }
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0)).add_run(run)
}

/// Column widths in twentieths of a point, from the content as the PDF measures it: each
/// column as wide as its text on one line if the page allows, never narrower than its
/// longest word when it can be helped.
pub(crate) fn column_widths(header: &[String], rows: &[Vec<String>], columns: usize, text_width: usize) -> Vec<usize> {
    use super::pdf::metrics::{Face, Metrics};
    // Cell margins: 100 twips each side, 5 points.
    const PAD: f32 = 10.0;
    let size = (BODY_SIZE - 2) as f32 / 2.0;
    let Ok(metrics) = Metrics::get() else { return vec![text_width / columns.max(1); columns] };
    let mut natural = vec![PAD; columns];
    let mut minimum = vec![PAD; columns];
    let cells = header.iter().map(|c| (Face::Bold, c)).enumerate();
    let body = rows.iter().flat_map(|r| r.iter().map(|c| (Face::Regular, c)).enumerate());
    for (column, (face, text)) in cells.chain(body) {
        let whole = text.split('\n').map(|l| metrics.width(face, l, size)).fold(0.0, f32::max) + PAD;
        let word = text.split([' ', '\n']).map(|w| metrics.width(face, w, size)).fold(0.0, f32::max) + PAD;
        natural[column] = natural[column].max(whole);
        minimum[column] = minimum[column].max(word);
    }
    let points = super::pdf::table::share(&natural, &minimum, text_width as f32 / 20.0);
    let mut twips: Vec<usize> = points.iter().map(|p| (p * 20.0).floor().max(1.0) as usize).collect();
    // Rounding leaves a few twips over; the last column takes them so the table fills the width.
    let used: usize = twips.iter().sum();
    if let Some(last) = twips.last_mut() {
        *last += text_width.saturating_sub(used);
    }
    twips
}

fn table(header: &[String], rows: &[Vec<String>], text_width: usize) -> Table {
    let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0).max(1);
    let widths = column_widths(header, rows, columns, text_width);
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            (0..columns)
                .map(|i| {
                    let text = cells.get(i).map(String::as_str).unwrap_or("");
                    let cell =
                        TableCell::new().width(widths[i], WidthType::Dxa).add_paragraph(cell_paragraph(text, bold));
                    if bold { cell.shading(Shading::new().fill("EEEEEE")) } else { cell }
                })
                .collect(),
        )
        .cant_split()
    };
    let mut all = Vec::with_capacity(rows.len() + 1);
    if !header.is_empty() {
        all.push(row(header, true));
    }
    all.extend(rows.iter().map(|r| row(r, false)));
    Table::new(all)
        .set_grid(widths.clone())
        .width(text_width, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(40, 100, 40, 100))
}

/// Two signatures to a row; a last one on its own is centered across both columns. Every
/// row but the last keeps with the next, so the block is not split across pages.
fn signature_table(signatures: &[Signature], text_width: usize) -> Table {
    let half = text_width / 2;
    let rows_count = signatures.len().div_ceil(2);
    let cell = |s: &Signature, span: usize, keep: bool| {
        let center = |run: Run| {
            Paragraph::new()
                .align(AlignmentType::Center)
                .keep_next(keep)
                .line_spacing(LineSpacing::new().after(0))
                .add_run(run)
        };
        let mut cell = TableCell::new()
            .width(half * span, WidthType::Dxa)
            .add_paragraph(center(Run::new()))
            .add_paragraph(center(Run::new()))
            .add_paragraph(center(Run::new().add_text("____________________")))
            .add_paragraph(center(Run::new().add_text(&s.name).bold()));
        if !s.role.trim().is_empty() {
            cell = cell.add_paragraph(center(Run::new().add_text(&s.role)));
        }
        if span > 1 { cell.grid_span(span) } else { cell }
    };
    let rows = signatures
        .chunks(2)
        .enumerate()
        .map(|(row, pair)| {
            let span = if pair.len() == 1 { 2 } else { 1 };
            let keep = row + 1 < rows_count;
            TableRow::new(pair.iter().map(|s| cell(s, span, keep)).collect()).cant_split()
        })
        .collect();
    Table::without_borders(rows).set_grid(vec![half, half]).width(text_width, WidthType::Dxa)
}

fn footer(line: Option<&str>) -> Footer {
    let mut footer = Footer::new();
    if let Some(line) = line.filter(|l| !l.trim().is_empty()) {
        footer = footer.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(line.replace('\n', " ")).size(SMALL_SIZE - 2).color("444444")),
        );
    }
    let small = |text: &str| Run::new().add_text(text).size(SMALL_SIZE);
    let line = Paragraph::new().align(AlignmentType::Center).add_run(small("Página "));
    let line = field(line, InstrText::PAGE(InstrPAGE::new())).add_run(small(" de "));
    footer.add_paragraph(field(line, InstrText::NUMPAGES(InstrNUMPAGES::new())))
}

/// A field whose result Word and LibreOffice compute when they lay out the page. Written
/// by hand, one run per part as Word itself writes fields, because LibreOffice ignores the
/// size of a field packed into a single run (as `docx_rs::PageNum` packs it).
fn field(p: Paragraph, instruction: InstrText) -> Paragraph {
    let run = || Run::new().size(SMALL_SIZE);
    p.add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(instruction))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::export::markdown;

    const TITLE: &str = "Acta de la Vigésima Primera Sesión — Ñúñez, acción, año";

    fn acta(draft: bool, footer: Option<&str>) -> Document {
        let text = format!(
            "# {TITLE}\n\n\
             En la Ciudad de México, siendo las **10:00 horas** del *martes 20 de febrero de 2024*, se \
             reunieron en la sala de juntas las y los representantes de las instituciones integrantes.\n\n\
             ## Lista de asistencia\n\n\
             | Institución | Representante | Carácter |\n|---|---|---|\n\
             | Secretaría de Gobernación | Laura Méndez Ortiz | titular |\n\
             | Secretaría de Relaciones Exteriores | Ana Ñúñez Peña | suplente |\n\n\
             ### Orden del día\n\n\
             1. Lista de asistencia y declaración de quórum\n2. Aprobación del acta anterior\n3. Clausura\n\n\
             - Se aprueba el acuerdo **CIM-21-01**\n- Se turna el informe a la *Comisión de Seguimiento*\n\n\
             ```firmas\nLaura Méndez Ortiz | Presidencia\nAlejandro Cervantes Ibarra | Secretaría Técnica\n\
             Ana Ñúñez Peña | Vocal\n```\n"
        );
        markdown::parse(&text, draft, footer.map(String::from))
    }

    /// The parts of the package whose names start with `prefix`, read back as text.
    fn parts(bytes: &[u8], prefix: &str) -> Vec<(String, String)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP package");
        let names: Vec<String> = archive.file_names().map(String::from).collect();
        let mut found = Vec::new();
        for name in names.into_iter().filter(|n| n.starts_with(prefix)) {
            let mut text = String::new();
            archive.by_name(&name).expect("part").read_to_string(&mut text).expect("UTF-8 XML");
            found.push((name, text));
        }
        found.sort();
        found
    }

    fn part(bytes: &[u8], name: &str) -> String {
        parts(bytes, name).into_iter().find(|(n, _)| n == name).map(|(_, t)| t).expect(name)
    }

    #[test]
    fn acta_reads_back_with_accents_tables_and_signatures() {
        let bytes = render(&acta(true, Some("SHA-256: 9f86d081884c7d65")), Paper::Letter).expect("DOCX");
        assert_eq!(&bytes[..2], b"PK");
        let document = part(&bytes, "word/document.xml");
        for text in [
            TITLE,
            "10:00 horas",
            "martes 20 de febrero de 2024",
            "Institución",
            "Secretaría de Relaciones Exteriores",
            "Ana Ñúñez Peña",
            "Lista de asistencia y declaración de quórum",
            "Comisión de Seguimiento",
            "____________________",
            "Alejandro Cervantes Ibarra",
            "Secretaría Técnica",
        ] {
            assert!(document.contains(&format!(">{text}</w:t>")), "missing «{text}»");
        }
        assert!(document.contains(r#"<w:pStyle w:val="Title" />"#));
        assert!(document.contains(r#"<w:pStyle w:val="Heading2" />"#));
        assert!(document.contains(r#"<w:pStyle w:val="Heading3" />"#));
        assert!(document.contains("<w:numId w:val=\"2\" />") && document.contains("<w:numId w:val=\"3\" />"));
        // Two tables: attendance, and the signatures (two to a row, the third spanning both).
        assert_eq!(document.matches("<w:tbl>").count(), 2);
        assert!(document.contains(r#"<w:gridSpan w:val="2" />"#));
        assert!(document.contains(r#"<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE" />"#));
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"w:ascii="DejaVu Sans""#), "{styles}");
        let numbering = part(&bytes, "word/numbering.xml");
        assert!(numbering.contains("•") && numbering.contains("%1."));
    }

    #[test]
    fn draft_header_and_page_footer() {
        let bytes = render(&acta(true, Some("SHA-256: 9f86d081884c7d65")), Paper::Letter).expect("DOCX");
        let headers = parts(&bytes, "word/header");
        assert!(headers.iter().any(|(_, xml)| xml.contains(">BORRADOR</w:t>")), "{headers:?}");
        let footers = parts(&bytes, "word/footer");
        let footer = footers.iter().map(|(_, xml)| xml.as_str()).collect::<String>();
        assert!(footer.contains(">Página </w:t>"));
        assert!(footer.contains(">PAGE</w:instrText>"));
        assert!(footer.contains(">NUMPAGES</w:instrText>"));
        assert!(footer.contains(">SHA-256: 9f86d081884c7d65</w:t>"));
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("<w:headerReference") && document.contains("<w:footerReference"));

        let clean = render(&acta(false, None), Paper::Letter).expect("DOCX");
        assert!(parts(&clean, "word/header").iter().all(|(_, xml)| !xml.contains("BORRADOR")));
        assert!(!part(&clean, "word/document.xml").contains("<w:headerReference"));
        assert!(!parts(&clean, "word/footer").iter().any(|(_, xml)| xml.contains("SHA-256")));
    }

    #[test]
    fn page_size_and_margins_follow_the_paper() {
        let doc = acta(false, None);
        let letter = part(&render(&doc, Paper::Letter).expect("DOCX"), "word/document.xml");
        assert!(letter.contains(r#"<w:pgSz w:w="12240" w:h="15840" />"#), "{letter}");
        assert!(letter.contains(r#"w:top="1417" w:right="1417" w:bottom="1417" w:left="1417""#));
        let a4 = part(&render(&doc, Paper::A4).expect("DOCX"), "word/document.xml");
        assert!(a4.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    }

    #[test]
    fn title_without_a_heading_block_is_printed() {
        let doc = Document {
            title: "Convocatoria a la Sesión Extraordinaria".into(),
            blocks: vec![
                Block::Paragraph(vec![Inline::plain("línea uno\nlínea dos")]),
                Block::Table { header: vec![], rows: vec![] },
                Block::Signatures(vec![]),
            ],
            draft: false,
            footer: None,
            language: "es-MX",
        };
        let xml = part(&render(&doc, Paper::A4).expect("DOCX"), "word/document.xml");
        assert!(xml.contains(">Convocatoria a la Sesión Extraordinaria</w:t>"));
        assert!(xml.contains(r#"<w:br w:type="textWrapping" />"#));
        assert!(!xml.contains("<w:tbl>"), "Word rejects tables without rows");
    }

    #[test]
    fn widths_from_content_header_rows_language_and_author() {
        let text = "# Acuerdos\n\n| Núm. | Representante | Acuerdo |\n|---|---|---|\n\
                    | 1 | Ana Ñúñez | CORETT/SO-12/2026/01 Se aprueba el programa de trabajo con sus anexos y \
                    el calendario de sesiones del año |\n";
        // A Costa Rican body's document: its Spanish is es-CR.
        let doc = Document { language: "es-CR", ..markdown::parse(text, false, None) };
        let bytes = render(&doc, Paper::Letter).expect("DOCX");
        let xml = part(&bytes, "word/document.xml");
        let grid: Vec<usize> =
            xml.split("<w:gridCol w:w=\"").skip(1).filter_map(|p| p.get(..p.find('"')?)?.parse().ok()).collect();
        assert_eq!(grid.len(), 3, "{xml}");
        assert!(grid[0] * 4 < grid[2], "the number column is narrow, the text wide: {grid:?}");
        assert!(grid[1] > 1500, "«Representante» fits on one line: {grid:?}");
        assert_eq!(grid.iter().sum::<usize>(), 12240 - 2 * 1417, "the table fills the text width");
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1, "the header row repeats on every page");
        let header_row = &xml[xml.find("<w:tr>").expect("row")..];
        assert!(header_row.find("<w:tblHeader />") < header_row.find("Núm."), "on the first row");
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"<w:lang w:val="es-CR""#), "the body's Spanish: {styles}");
        let core = part(&bytes, "docProps/core.xml");
        assert!(!core.contains("unknown") && !core.contains("1970-01-01"), "{core}");
        assert!(core.contains("<dc:language>es-CR</dc:language>"), "{core}");
        let year = chrono::Utc::now().format("%Y").to_string();
        for tag in ["dcterms:created", "dcterms:modified"] {
            let at = core.find(&format!("<{tag}")).expect(tag);
            let value = &core[at..][core[at..].find('>').expect("tag") + 1..];
            assert!(value.starts_with(&year), "{tag} is the day it was written: {core}");
        }
    }

    /// Opens the file in LibreOffice where it is installed: the check that the package is
    /// one an office suite accepts, and not only well-formed XML, and that what it lays out
    /// says what was written: accents, table cells, signatures, footer.
    #[test]
    fn libreoffice_lays_it_out() {
        let bytes = render(&acta(true, Some("SHA-256: 9f86d081884c7d65")), Paper::A4).expect("DOCX");
        let Some(pages) = super::super::libreoffice::pages(&bytes) else { return };
        let text = pages.join("\n");
        for phrase in
            ["Lista de asistencia", "Ana Ñúñez Peña", "Alejandro Cervantes Ibarra", "SHA-256: 9f86d081884c7d65"]
        {
            assert!(text.contains(phrase), "«{phrase}» not in what LibreOffice laid out:\n{text}");
        }
    }
}
