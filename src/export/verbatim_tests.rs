//! What a person typed prints exactly as typed in every format: characters that are markup
//! in Markdown or HTML stay text, and line breaks stay line breaks; and the signatures of a
//! document stay on the page of the sentence that introduces them.

use std::io::Read;

use super::document::{Block, Paper};
use super::{docx, html, markdown, md, pdf};

const NOTE: &str =
    "# de asistentes: 5\n<confirmar> con *la SRE* | pendiente\n2. no es lista\n- tampoco _esto_\n\nOtro párrafo & fin";

/// The typed lines, in order, as they must come out.
const LINES: [&str; 5] = [
    "# de asistentes: 5",
    "<confirmar> con *la SRE* | pendiente",
    "2. no es lista",
    "- tampoco _esto_",
    "Otro párrafo & fin",
];

fn document() -> super::document::Document {
    let text = format!("# Acta\n\n{}\n", md::verbatim(NOTE));
    markdown::parse(&text, false, None)
}

fn paragraphs(doc: &super::document::Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.iter().map(|i| i.text.as_str()).collect()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_reads_back_the_typed_text() {
    let doc = document();
    assert_eq!(paragraphs(&doc), [LINES[..4].join("\n"), LINES[4].to_string()], "{:#?}", doc.blocks);
    // Written back as Markdown and read again: the same.
    let again = markdown::parse(&md::render(&doc), false, None);
    assert_eq!(paragraphs(&again), paragraphs(&doc));
    assert_eq!(md::inline("a | b *c*"), "a \\| b \\*c\\*");
}

#[test]
fn html_prints_the_typed_text() {
    let page = html::render(&document(), Paper::Letter);
    assert!(
        page.contains("# de asistentes: 5<br>\n&lt;confirmar&gt; con *la SRE* | pendiente<br>\n2. no es lista"),
        "{page}"
    );
    assert!(page.contains("Otro párrafo &amp; fin"));
    assert!(!page.contains("<h1># de"), "not a heading");
}

#[test]
fn docx_prints_the_typed_text() {
    let bytes = docx::render(&document(), Paper::Letter).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("part").read_to_string(&mut xml).expect("utf-8");
    // The text Word shows: the runs' text, a break as a line break, paragraphs apart.
    let shown = xml
        .replace(r#"<w:br w:type="textWrapping" />"#, "\n")
        .replace("</w:p>", "\n\n")
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
        .collect::<String>()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    assert!(shown.contains(&LINES[..4].join("\n")), "the typed lines, broken as typed: {shown}");
    assert!(shown.contains(&format!("\n\n{}\n\n", LINES[4])), "{shown}");
    assert!(xml.contains(">&lt;confirmar&gt; con *la SRE* | pendiente</w:t>"), "one run per typed line: {xml}");
    assert_eq!(xml.matches(r#"<w:br w:type="textWrapping" />"#).count(), 3, "three line breaks kept");
}

#[test]
fn pdf_prints_the_typed_text() {
    let bytes = pdf::render(&document(), Paper::Letter).expect("pdf");
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("se omite: pdftotext no está instalado (apt-get install poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nota.pdf");
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    for expected in LINES {
        assert!(lines.contains(&expected), "line «{expected}» not printed as typed:\n{text}");
    }
}

/// An acta whose closing falls anywhere on the page: `filler` paragraphs before it.
fn closing_after(filler: usize) -> super::document::Document {
    let mut text = String::from("# Acta\n\n");
    for i in 0..filler {
        text.push_str(&format!(
            "Párrafo {i} del desarrollo de la sesión, con texto suficiente para ocupar una línea.\n\n"
        ));
    }
    text.push_str("Firman al calce quienes intervinieron.\n\n~~~firmas\nCecilia Arellano Montes | Presidencia\nAlejandro Cervantes Ibarra | Secretaría Técnica\n~~~\n");
    markdown::parse(&text, false, None)
}

/// "Firman al calce…" and the signatures share a page wherever the page breaks (PDF), and
/// Word is told to keep the sentence with them (DOCX).
#[test]
fn signatures_stay_with_the_signing_sentence() {
    let bytes = docx::render(&closing_after(3), Paper::Letter).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("part").read_to_string(&mut xml).expect("utf-8");
    let sentence = xml.find("Firman al calce").expect("sentence");
    let paragraph = &xml[xml[..sentence].rfind("<w:p ").expect("paragraph")..sentence];
    assert!(paragraph.contains("<w:keepNext />"), "kept with the signatures: {paragraph}");
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("se omite la parte PDF: pdftotext no está instalado (apt-get install poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut crossed = false;
    // Enough lengths that the closing falls at every height of the first and second page.
    for filler in 20..60 {
        let pdf = pdf::render(&closing_after(filler), Paper::Letter).expect("pdf");
        let path = dir.path().join(format!("acta{filler}.pdf"));
        std::fs::write(&path, pdf).expect("write");
        let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let page_of = |needle: &str| pages.iter().position(|p| p.contains(needle)).expect(needle);
        let sentence = page_of("Firman al calce");
        crossed |= sentence > 0;
        assert_eq!(
            sentence,
            page_of("Cecilia Arellano Montes"),
            "{filler} paragraphs: the sentence and the signatures"
        );
        assert_eq!(sentence, page_of("Alejandro Cervantes Ibarra"), "{filler} paragraphs: both signatures");
    }
    assert!(crossed, "the closing reached a second page in some case");
}

/// An agreement typed on two lines keeps its break inside the acta's table in every format.
const CELL: &str = "Primera línea del acuerdo\nSegunda | con barra y <br> escrito";

fn table_document() -> super::document::Document {
    let text = format!("# Acta\n\n| Acuerdo |\n|---|\n| {} |\n", md::cell_text(CELL));
    markdown::parse(&text, false, None)
}

#[test]
fn a_line_break_typed_in_a_table_cell_stays_in_every_format() {
    let doc = table_document();
    let cell = doc.blocks.iter().find_map(|b| match b {
        Block::Table { rows, .. } => rows.first().and_then(|r| r.first()).cloned(),
        _ => None,
    });
    assert_eq!(cell.as_deref(), Some(CELL), "{:#?}", doc.blocks);
    let again = markdown::parse(&md::render(&doc), false, None);
    assert_eq!(again.blocks, doc.blocks, "written back and read again");
    let page = html::render(&doc, Paper::Letter);
    assert!(page.contains("<td>Primera línea del acuerdo<br>Segunda | con barra y &lt;br&gt; escrito</td>"), "{page}");
    let bytes = docx::render(&doc, Paper::Letter).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("part").read_to_string(&mut xml).expect("utf-8");
    let broken = r#">Primera línea del acuerdo</w:t></w:r>"#;
    let run = xml.find("Primera línea del acuerdo").map(|i| &xml[i..(i + 200).min(xml.len())]).unwrap_or("");
    assert!(run.contains(r#"<w:br w:type="textWrapping" />"#) || xml.contains(broken), "{xml}");
    assert!(run.contains("Segunda | con barra y &lt;br&gt; escrito"), "{run}");
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("se omite la parte PDF: pdftotext no está instalado (apt-get install poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tabla.pdf");
    std::fs::write(&path, pdf::render(&doc, Paper::Letter).expect("pdf")).expect("write");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert!(lines.contains(&"Primera línea del acuerdo"), "{text}");
    assert!(lines.contains(&"Segunda | con barra y <br> escrito"), "{text}");
}

#[test]
fn a_line_break_typed_in_an_agreement_stays_inside_its_list_item() {
    let text = format!("# Acta\n\n- **Acuerdo 01.** {}\n", md::inline_lines("Primera línea\n- no es otro punto"));
    let doc = markdown::parse(&text, false, None);
    let items = doc.blocks.iter().find_map(|b| match b {
        Block::List { items, .. } => Some(items.clone()),
        _ => None,
    });
    let items = items.expect("a list");
    assert_eq!(items.len(), 1, "{items:#?}");
    let typed: String = items[0].iter().map(|i| i.text.as_str()).collect();
    assert_eq!(typed, "Acuerdo 01. Primera línea\n- no es otro punto");
    assert_eq!(markdown::parse(&md::render(&doc), false, None).blocks, doc.blocks);
}
