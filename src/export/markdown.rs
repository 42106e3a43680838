//! The Markdown the secretary edits, read into a `Document`. The subset: `#`–`###` headings,
//! paragraphs with **bold** and *italics*, lists, pipe tables, and signature blocks written
//! as a fenced block:
//!
//! ```text
//! ~~~firmas
//! Laura Méndez Ortiz | Presidencia
//! Alejandro Cervantes Ibarra | Secretaría Técnica
//! ~~~
//! ```

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::document::{Block, Document, Inline, Signature};

pub const SIGNATURES: &str = "firmas";

/// Reads `text`; the first level-1 heading is the title.
pub fn parse(text: &str, draft: bool, footer: Option<String>) -> Document {
    let mut blocks = Vec::new();
    let mut inlines: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (0, 0);
    let mut list: Option<(bool, Vec<Vec<Inline>>)> = None;
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_cell = false;
    let mut code: Option<(bool, String)> = None;
    let mut heading: Option<u8> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level as u8),
            Event::End(TagEnd::Heading(_)) => {
                let text: String = inlines.drain(..).map(|i| i.text).collect();
                blocks
                    .push(Block::Heading { level: heading.take().unwrap_or(2).min(3), text: text.trim().to_string() });
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold -= 1,
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic -= 1,
            Event::Start(Tag::List(first)) => list = Some((first.is_some(), Vec::new())),
            Event::End(TagEnd::Item) => {
                if let Some((_, items)) = list.as_mut() {
                    items.push(std::mem::take(&mut inlines));
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((ordered, items)) = list.take() {
                    blocks.push(Block::List { ordered, items });
                }
            }
            Event::End(TagEnd::Paragraph) if list.is_none() && !inlines.is_empty() => {
                blocks.push(Block::Paragraph(std::mem::take(&mut inlines)));
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                row.push(cell.trim().to_string());
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((header, _)) = table.as_mut() {
                    *header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some((_, rows)) = table.as_mut() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows)) = table.take() {
                    blocks.push(Block::Table { header, rows });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let signatures = matches!(&kind, CodeBlockKind::Fenced(info) if info.trim() == SIGNATURES);
                code = Some((signatures, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((signatures, body)) = code.take() {
                    blocks.push(if signatures {
                        Block::Signatures(signatures_of(&body))
                    } else {
                        Block::Paragraph(vec![Inline::plain(body.trim_end())])
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&t);
                } else if in_cell {
                    cell.push_str(&t);
                } else {
                    push_run(&mut inlines, Inline { text: t.into_string(), bold: bold > 0, italic: italic > 0 });
                }
            }
            // A hard break is a line break the person typed (see `md::verbatim`); it stays one.
            Event::HardBreak if !in_cell => {
                push_run(&mut inlines, Inline { text: "\n".into(), bold: bold > 0, italic: italic > 0 });
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_cell {
                    cell.push(' ');
                } else {
                    push_run(&mut inlines, Inline::plain(" "));
                }
            }
            // What looks like HTML ("<confirmar>") is text someone typed: printed as it is.
            Event::InlineHtml(t) | Event::Html(t) => {
                if in_cell && is_line_break(&t) {
                    cell.push('\n');
                } else if in_cell {
                    cell.push_str(&t);
                } else {
                    let run = Inline { text: t.trim_end_matches('\n').to_string(), bold: bold > 0, italic: italic > 0 };
                    push_run(&mut inlines, run);
                }
            }
            Event::Start(Tag::HtmlBlock) => {}
            Event::End(TagEnd::HtmlBlock) if list.is_none() && !inlines.is_empty() => {
                blocks.push(Block::Paragraph(std::mem::take(&mut inlines)));
            }
            _ => {}
        }
    }
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    Document { title, blocks, draft, footer, language: super::document::SPANISH }
}

/// Adds `run` to the paragraph, joined to the previous run when both look the same: the
/// parser splits text at every escaped character, and a run per fragment would leave the
/// DOCX a secretary edits in Word cut into pieces.
fn push_run(inlines: &mut Vec<Inline>, run: Inline) {
    match inlines.last_mut() {
        Some(last) if last.bold == run.bold && last.italic == run.italic => last.text.push_str(&run.text),
        _ => inlines.push(run),
    }
}

fn signatures_of(body: &str) -> Vec<Signature> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('|') {
            Some((name, role)) => Signature { name: name.trim().into(), role: role.trim().into() },
            None => Signature { name: l.into(), role: String::new() },
        })
        .collect()
}

/// `<br>` in a table cell is the line break `md::cell_text` wrote for one the person typed
/// (a typed "<br>" arrives escaped, as text).
fn is_line_break(html: &str) -> bool {
    matches!(html.trim().to_ascii_lowercase().as_str(), "<br>" | "<br/>" | "<br />")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTA: &str = "# Acta de la Vigésima Primera Sesión Ordinaria\n\n\
        En la Ciudad de México, siendo las **10:00 horas** del *martes 20 de febrero de 2024*, se reunieron…\n\n\
        ## Lista de asistencia\n\n\
        | Institución | Representante | Carácter |\n|---|---|---|\n| SEGOB | Laura Méndez | titular |\n| SRE | Ana Ñúñez \\| suplente | suplente |\n\n\
        1. Lista de asistencia\n2. Clausura\n\n\
        ~~~firmas\nLaura Méndez Ortiz | Presidencia\nAlejandro Cervantes Ibarra | Secretaría Técnica\n~~~\n";

    #[test]
    fn reads_every_block_kind() {
        let d = parse(ACTA, true, Some("pie".into()));
        assert_eq!(d.title, "Acta de la Vigésima Primera Sesión Ordinaria");
        assert!(d.draft);
        assert_eq!(d.blocks.len(), 6, "{:#?}", d.blocks);
        let Block::Paragraph(p) = &d.blocks[1] else { panic!("paragraph") };
        assert!(p.iter().any(|i| i.bold && i.text == "10:00 horas"));
        assert!(p.iter().any(|i| i.italic && i.text.contains("febrero")));
        assert_eq!(d.blocks[2], Block::Heading { level: 2, text: "Lista de asistencia".into() });
        let Block::Table { header, rows } = &d.blocks[3] else { panic!("table") };
        assert_eq!(header, &["Institución", "Representante", "Carácter"]);
        assert_eq!(rows[1], ["SRE", "Ana Ñúñez | suplente", "suplente"]);
        assert!(matches!(&d.blocks[4], Block::List { ordered: true, items } if items.len() == 2));
        let Block::Signatures(s) = &d.blocks[5] else { panic!("signatures") };
        assert_eq!(s[1], Signature { name: "Alejandro Cervantes Ibarra".into(), role: "Secretaría Técnica".into() });
    }
}
