//! A `Document` written back as the Markdown subset that `markdown::parse` reads, so an
//! exported acta can be edited and printed again. Text is escaped wherever Markdown would
//! otherwise read it as markup; the draft mark and the footer, which are not blocks, become
//! a first line and a last line after a rule.

use super::document::{Block, Document, Inline};
use super::markdown::SIGNATURES;

pub const DRAFT_MARK: &str = "**BORRADOR**";

/// The whole file: the draft mark, the blocks, and the footer after a horizontal rule.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    if doc.draft {
        out.push_str(DRAFT_MARK);
        out.push_str("\n\n");
    }
    out.push_str(&render_body(doc));
    if let Some(footer) = doc.footer.as_deref().filter(|f| !f.trim().is_empty()) {
        out.push_str("\n---\n\n");
        out.push_str(&escape_line(&footer.replace('\n', " "), true));
        out.push('\n');
    }
    out
}

/// Only the blocks (and the title, when no level-1 heading carries it): what
/// `markdown::parse(text, doc.draft, doc.footer)` turns back into `doc`.
pub fn render_body(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    let has_title = doc.blocks.iter().any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_title && !doc.title.trim().is_empty() {
        parts.push(heading(1, &doc.title));
    }
    let mut previous: Option<&Block> = None;
    // Two lists of the same kind one after the other would merge into one when read
    // back; CommonMark starts a new list when the bullet or the delimiter changes.
    let mut alternate = false;
    for block in &doc.blocks {
        let part = match block {
            Block::Heading { level, text } => heading(*level, text),
            Block::Paragraph(inlines) => inline_line(inlines, true),
            Block::List { ordered, items } => {
                let same_kind = matches!(previous, Some(Block::List { ordered: o, .. }) if o == ordered);
                alternate = same_kind && !alternate;
                list(*ordered, items, alternate)
            }
            Block::Table { header, rows } => table(header, rows),
            Block::Signatures(signatures) => {
                let lines: Vec<String> = signatures
                    .iter()
                    .map(|s| {
                        let name = s.name.replace('\n', " ");
                        let role = s.role.replace('\n', " ");
                        if role.trim().is_empty() { name } else { format!("{name} | {role}") }
                    })
                    .collect();
                format!("```{SIGNATURES}\n{}\n```", lines.join("\n"))
            }
        };
        if !part.is_empty() {
            parts.push(part);
        }
        previous = Some(block);
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn heading(level: u8, text: &str) -> String {
    // Every `#` is escaped: a trailing run of them would be read as a closing sequence.
    let text = escape_line(&text.replace('\n', " "), false).replace('#', "\\#");
    format!("{} {text}", "#".repeat(usize::from(level.clamp(1, 3))))
}

fn list(ordered: bool, items: &[Vec<Inline>], alternate: bool) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            // A line break typed in an item is a hard break: the next line continues the item.
            let flat: Vec<Inline> = item.to_vec();
            let marker = match (ordered, alternate) {
                (false, false) => "-".to_string(),
                (false, true) => "*".to_string(),
                (true, false) => format!("{}.", i + 1),
                (true, true) => format!("{})", i + 1),
            };
            format!("{marker} {}", inline_line(&flat, true))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    // A row longer than the header would lose its extra cells when read back.
    let width = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let line = |cells: &[String]| {
        let mut out = String::from("|");
        for i in 0..width {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(&cell_text(text));
            out.push_str(" |");
        }
        out
    };
    let mut lines = vec![line(header), format!("|{}", "---|".repeat(width))];
    lines.extend(rows.iter().map(|r| line(r)));
    lines.join("\n")
}

/// Runs with their emphasis markers. Runs of the same emphasis are merged first, since
/// `**a****b**` would not read back as bold; spaces at a run's edges go outside its
/// markers, where CommonMark requires them.
fn inline_line(inlines: &[Inline], line_start: bool) -> String {
    let mut merged: Vec<Inline> = Vec::new();
    for run in inlines {
        match merged.last_mut() {
            Some(last) if last.bold == run.bold && last.italic == run.italic => last.text.push_str(&run.text),
            _ => merged.push(run.clone()),
        }
    }
    let mut out = String::new();
    let mut at_start = line_start;
    for run in &merged {
        let marker = match (run.bold, run.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = run.text.trim();
        if marker.is_empty() || core.is_empty() {
            out.push_str(&escape_multiline(&run.text, at_start && out.is_empty()));
        } else {
            let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
            let trail = &run.text[run.text.trim_end().len()..];
            out.push_str(lead);
            out.push_str(marker);
            out.push_str(&escape_multiline(core, false));
            out.push_str(marker);
            out.push_str(trail);
        }
        at_start = false;
    }
    out
}

/// Line breaks inside a run become hard breaks, and each new line is escaped as a line start.
fn escape_multiline(text: &str, line_start: bool) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| escape_line(line, line_start || i > 0))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// What a person typed, as Markdown that prints it exactly: every character that would be
/// markup escaped, each line break a hard break, and a blank line a new paragraph. What
/// `markdown::parse` reads back is the typed text, line for line.
pub fn verbatim(text: &str) -> String {
    let text = line_breaks(text);
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .map(|p| escape_multiline(p.trim(), true))
        .collect();
    paragraphs.join("\n\n")
}

/// Typed text that ends a list item or a paragraph: escaped, its line breaks kept as hard
/// breaks (the following lines continue the same item).
pub fn inline_lines(text: &str) -> String {
    escape_multiline(line_breaks(text).trim(), false)
}

/// Windows' and old Mac line ends read as the line breaks they are.
fn line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Typed text inside a sentence: escaped, its line breaks read as spaces.
pub fn inline(text: &str) -> String {
    escape_line(&text.replace(['\r', '\n'], " "), false)
}

/// Typed text in a table cell: escaped (`|` included); a cell cannot hold a line break in
/// Markdown, so each one is written `<br>`, which `markdown::parse` reads back as the break.
pub fn cell_text(text: &str) -> String {
    line_breaks(text).split('\n').map(|line| escape_line(line, false)).collect::<Vec<_>>().join("<br>")
}

/// Escapes the characters that start inline markup anywhere, and those that start a block
/// (headings, lists, quotes, rules, setext underlines) at the beginning of a line.
pub fn escape_line(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace());
    for (i, &c) in chars.iter().enumerate() {
        let block_start = line_start && Some(i) == first;
        let escape = match c {
            // `|` too: two typed lines such as "a | b" and "|---|" would read as a table.
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|' => true,
            '#' | '-' | '+' | '=' => block_start,
            // "1. texto" or "1) texto" at the start of a line would begin an ordered list.
            '.' | ')' => {
                line_start
                    && first.is_some_and(|f| f < i && chars[f..i].iter().all(char::is_ascii_digit))
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Signature;
    use crate::export::markdown;

    const ACTA: &str = "# Acta de la Vigésima Primera Sesión Ordinaria\n\n\
        En la Ciudad de México, siendo las **10:00 horas** del *martes 20 de febrero de 2024*, se reunieron \
        las y los representantes; ***Ñúñez*** tomó la palabra.\n\n\
        ## Lista de asistencia\n\n\
        | Institución | Representante | Carácter |\n|---|---|---|\n| SEGOB | Laura Méndez | titular |\n\
        | SRE | Ana Ñúñez \\| suplente | suplente |\n\n\
        ### Orden del día\n\n\
        1. Lista de asistencia y declaración de quórum\n2. Aprobación del acta anterior\n3. Clausura\n\n\
        - Acuerdo **CIM-21-01**: se aprueba el orden del día\n- Acuerdo *CIM-21-02*: se aprueba el acta\n\n\
        ```firmas\nLaura Méndez Ortiz | Presidencia\nAlejandro Cervantes Ibarra | Secretaría Técnica\n```\n";

    /// Merges neighbouring runs of the same emphasis: the parser splits text at escapes,
    /// which changes the runs but not what is printed.
    fn normalized(doc: &Document) -> Document {
        let merge = |inlines: &[Inline]| {
            let mut out: Vec<Inline> = Vec::new();
            for run in inlines {
                match out.last_mut() {
                    Some(l) if l.bold == run.bold && l.italic == run.italic => l.text.push_str(&run.text),
                    _ => out.push(run.clone()),
                }
            }
            out
        };
        let blocks = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => Block::Paragraph(merge(p)),
                Block::List { ordered, items } => {
                    Block::List { ordered: *ordered, items: items.iter().map(|i| merge(i)).collect() }
                }
                other => other.clone(),
            })
            .collect();
        Document { blocks, ..doc.clone() }
    }

    #[test]
    fn round_trip_of_a_realistic_acta() {
        let doc = markdown::parse(ACTA, true, Some("SHA-256: 3f2a…".into()));
        let back = markdown::parse(&render_body(&doc), doc.draft, doc.footer.clone());
        assert_eq!(back, doc, "{}", render_body(&doc));
    }

    #[test]
    fn full_render_adds_the_draft_mark_first_and_the_footer_last() {
        let doc = markdown::parse(ACTA, true, Some("SHA-256: 3f2a…".into()));
        let text = render(&doc);
        assert!(text.starts_with("**BORRADOR**\n\n# Acta"));
        assert!(text.ends_with("\n---\n\nSHA-256: 3f2a…\n"), "{text}");
        let back = markdown::parse(&text, true, doc.footer.clone());
        let mut blocks = back.blocks.clone();
        assert_eq!(
            blocks.remove(0),
            Block::Paragraph(vec![Inline { text: "BORRADOR".into(), bold: true, italic: false }])
        );
        assert_eq!(blocks.pop(), Some(Block::Paragraph(vec![Inline::plain("SHA-256: 3f2a…")])));
        assert_eq!(blocks, doc.blocks);
        let clean = Document { draft: false, footer: None, ..doc.clone() };
        assert_eq!(render(&clean), render_body(&clean));
    }

    #[test]
    fn markup_characters_stay_text() {
        let doc = Document {
            title: "Informe #3 de la C*M".into(),
            blocks: vec![
                Block::Paragraph(vec![Inline::plain(
                    "1. Punto con <b>etiqueta</b>, _guion_ y `código` & [enlace](x) \\ ~",
                )]),
                Block::Paragraph(vec![
                    Inline::plain("- no es lista"),
                    Inline { text: " negrita* ".into(), bold: true, italic: false },
                    Inline::plain("fin"),
                ]),
                Block::Paragraph(vec![Inline::plain("# no es título\n+ ni esto\n===")]),
                Block::List { ordered: false, items: vec![vec![Inline::plain("uno")]] },
                Block::List { ordered: false, items: vec![vec![Inline::plain("dos")]] },
                Block::List { ordered: true, items: vec![vec![Inline::plain("tres")]] },
                Block::List { ordered: true, items: vec![vec![Inline::plain("cuatro")]] },
                Block::Table {
                    header: vec!["A|B".into(), "*C*".into()],
                    rows: vec![vec!["x".into(), "y".into(), "extra".into()]],
                },
                Block::Signatures(vec![Signature { name: "Ana Ñúñez".into(), role: String::new() }]),
            ],
            draft: false,
            footer: None,
            language: crate::export::document::SPANISH,
        };
        let text = render_body(&doc);
        let back = markdown::parse(&text, false, None);
        assert_eq!(back.title, doc.title, "{text}");
        let mut expected = normalized(&doc);
        expected.blocks.insert(0, Block::Heading { level: 1, text: doc.title.clone() });
        // Spaces at the edges of a bold run move outside its markers; the short header row
        // is padded. Line breaks inside a paragraph stay (what was typed prints as typed).
        expected.blocks[2] = Block::Paragraph(vec![
            Inline::plain("- no es lista "),
            Inline { text: "negrita*".into(), bold: true, italic: false },
            Inline::plain(" fin"),
        ]);
        expected.blocks[8] = Block::Table {
            header: vec!["A|B".into(), "*C*".into(), String::new()],
            rows: vec![vec!["x".into(), "y".into(), "extra".into()]],
        };
        assert_eq!(normalized(&back), expected, "{text}");
    }

    #[test]
    fn adjacent_emphasis_reads_back() {
        let runs = vec![
            Inline { text: "Nota".into(), bold: true, italic: false },
            Inline { text: "bene".into(), bold: false, italic: true },
            Inline::plain(" y "),
            Inline { text: "todo".into(), bold: true, italic: true },
        ];
        let doc = Document {
            title: String::new(),
            blocks: vec![Block::Paragraph(runs)],
            draft: false,
            footer: None,
            language: crate::export::document::SPANISH,
        };
        let back = markdown::parse(&render_body(&doc), false, None);
        assert_eq!(normalized(&back), doc, "{}", render_body(&doc));
    }
}
