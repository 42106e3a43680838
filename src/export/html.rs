//! A `Document` as one self-contained HTML5 page: readable on screen and printable from a
//! browser, with the paper size, margins and "Página X de Y" given to the print engine
//! through `@page`. No scripts and no external files, so it can be mailed as it is.

use std::fmt::Write as _;

use super::document::{Block, Document, Inline, Paper, Signature};

pub const DRAFT: &str = "BORRADOR";

pub fn render(doc: &Document, paper: Paper) -> String {
    let mut body = String::new();
    if doc.draft {
        body.push_str(&format!(
            "<div class=\"borrador\" role=\"note\">{DRAFT}</div>\n\
             <div class=\"marca-agua\" aria-hidden=\"true\">{DRAFT}</div>\n"
        ));
    }
    body.push_str("<main>\n");
    let has_title = doc.blocks.iter().any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_title && !doc.title.trim().is_empty() {
        body.push_str(&format!("<h1>{}</h1>\n", escape(&doc.title)));
    }
    for block in &doc.blocks {
        block_html(&mut body, block);
    }
    body.push_str("</main>\n");
    let footer = doc.footer.as_deref().filter(|f| !f.trim().is_empty());
    if let Some(footer) = footer {
        body.push_str(&format!("<footer class=\"pie\">{}</footer>\n", escape(footer)));
    }
    let title = if doc.title.trim().is_empty() { "Documento".to_string() } else { escape(&doc.title) };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(doc.language),
        css(paper, doc.draft, footer)
    )
}

fn css(paper: Paper, draft: bool, footer: Option<&str>) -> String {
    let (size, width) = match paper {
        Paper::Letter => ("letter", "21.59cm"),
        Paper::A4 => ("A4", "21cm"),
        Paper::LetterLandscape => ("letter landscape", "27.94cm"),
        Paper::A4Landscape => ("A4 landscape", "29.7cm"),
    };
    // The footer line and the page number share one box: beside a second box, Chrome
    // narrows each to a third of the line and the long SHA-256 squeezes the page number.
    let footer_line = footer.map(|f| format!("\"{}\" \"\\A\" ", css_string(f))).unwrap_or_default();
    let mut page_boxes = format!(
        "  @bottom-center {{ content: {footer_line}\"Página \" counter(page) \" de \" counter(pages); \
         white-space: pre-wrap; font-size: 8pt; color: #444; }}\n"
    );
    if draft {
        let _ = writeln!(
            page_boxes,
            "  @top-center {{ content: \"{DRAFT}\"; font-weight: bold; color: #b00020; letter-spacing: 0.3em; }}"
        );
    }
    format!("@page {{\n  size: {size};\n  margin: 2.5cm;\n{page_boxes}}}\n{}", STYLE.replace("{width}", width))
}

/// The rest of the style sheet; `{width}` is the paper's width, so the screen shows the
/// page as it will print.
const STYLE: &str = r#"html { background: #e9e9e9; }
body { margin: 0; font-family: "DejaVu Sans", "Verdana", sans-serif; font-size: 11pt; line-height: 1.45; color: #111; }
main, .borrador, .pie { box-sizing: border-box; max-width: {width}; margin: 0 auto; background: #fff; padding: 0 2.5cm; }
main { padding-top: 2cm; padding-bottom: 2cm; }
h1 { text-align: center; font-size: 16pt; margin: 0 0 1em; }
h2 { font-size: 13pt; margin: 1.4em 0 0.5em; }
h3 { font-size: 11.5pt; margin: 1.2em 0 0.4em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h1 ~ h1 { break-before: page; page-break-before: always; }
p { margin: 0 0 0.7em; text-align: justify; }
table.datos { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 10pt; }
table.datos th, table.datos td { border: 1px solid #555; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
table.datos th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.firmas { display: flex; flex-wrap: wrap; justify-content: space-around; gap: 2.5em 1.5em; margin-top: 3em; break-inside: avoid; page-break-inside: avoid; }
p:has(+ .firmas) { break-after: avoid; page-break-after: avoid; }
.firma { flex: 0 1 45%; text-align: center; }
.firma .linea { border-top: 1px solid #111; margin: 3em 1em 0.4em; }
.firma .nombre { font-weight: bold; }
.borrador { text-align: center; font-weight: bold; letter-spacing: 0.3em; color: #fff; background: #b00020; padding-top: 0.3em; padding-bottom: 0.3em; }
.marca-agua { display: none; }
.pie { font-size: 8pt; color: #444; padding-bottom: 1em; word-break: break-all; }
@media print {
  html, body, main, .pie { background: none; }
  main, .borrador, .pie { max-width: none; padding-left: 0; padding-right: 0; padding-top: 0; }
  /* On paper the page header and the watermark mark every page; the band would repeat them. */
  .borrador { display: none; }
  .marca-agua { display: block; position: fixed; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-35deg); font-size: 64pt; font-weight: bold; color: rgba(176, 0, 32, 0.10); z-index: -1; }
}
"#;

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 3);
            let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
        }
        Block::Paragraph(inlines) => {
            let _ = writeln!(out, "<p>{}</p>", inlines_html(inlines));
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = writeln!(out, "<{tag}>");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", inlines_html(item));
            }
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Table { header, rows } => {
            out.push_str("<table class=\"datos\">\n");
            if !header.is_empty() {
                out.push_str("<thead><tr>");
                for cell in header {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", escape(cell));
                }
                out.push_str("</tr></thead>\n");
            }
            out.push_str("<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", escape(cell).replace('\n', "<br>"));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Signatures(signatures) => {
            out.push_str("<div class=\"firmas\">\n");
            for Signature { name, role } in signatures {
                let _ = writeln!(
                    out,
                    "<div class=\"firma\"><div class=\"linea\"></div><div class=\"nombre\">{}</div>\
                     <div class=\"cargo\">{}</div></div>",
                    escape(name),
                    escape(role)
                );
            }
            out.push_str("</div>\n");
        }
    }
}

fn inlines_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for run in inlines {
        let text = escape(&run.text).replace('\n', "<br>\n");
        match (run.bold, run.italic) {
            (true, true) => out.push_str(&format!("<strong><em>{text}</em></strong>")),
            (true, false) => out.push_str(&format!("<strong>{text}</strong>")),
            (false, true) => out.push_str(&format!("<em>{text}</em>")),
            (false, false) => out.push_str(&text),
        }
    }
    out
}

/// Text for element content and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A CSS string's contents inside `<style>`: quotes and backslashes escaped, line breaks
/// as `\A`, and `<` as `\3C ` so no text can close the style element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::markdown;

    const ACTA: &str = "# Acta de la Vigésima Primera Sesión — Ñúñez, acción, año\n\n\
        En la Ciudad de México, siendo las **10:00 horas** del *martes 20 de febrero de 2024*.\n\n\
        ## Lista de asistencia\n\n\
        | Institución | Representante |\n|---|---|\n| SEGOB | Laura Méndez |\n| SRE | Ana Ñúñez |\n\n\
        1. Lista de asistencia\n2. Clausura\n\n\
        ```firmas\nLaura Méndez Ortiz | Presidencia\nAlejandro Cervantes Ibarra | Secretaría Técnica\n```\n";

    #[test]
    fn complete_page_with_accents_intact() {
        let doc = markdown::parse(ACTA, false, None);
        let html = render(&doc, Paper::Letter);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"es-419\">"), "{html}");
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>Acta de la Vigésima Primera Sesión — Ñúñez, acción, año</title>"));
        assert!(html.contains("<h1>Acta de la Vigésima Primera Sesión — Ñúñez, acción, año</h1>"));
        assert!(html.contains("siendo las <strong>10:00 horas</strong> del <em>martes 20 de febrero de 2024</em>"));
        assert!(html.contains(
            "<thead><tr><th scope=\"col\">Institución</th><th scope=\"col\">Representante</th></tr></thead>"
        ));
        assert!(html.contains("<tr><td>SRE</td><td>Ana Ñúñez</td></tr>"));
        assert!(html.contains("thead { display: table-header-group; }"));
        assert!(html.contains("<ol>\n<li>Lista de asistencia</li>"));
        assert!(html.contains(
            "<div class=\"nombre\">Alejandro Cervantes Ibarra</div><div class=\"cargo\">Secretaría Técnica</div>"
        ));
        assert!(html.contains("content: \"Página \" counter(page) \" de \" counter(pages)"));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let doc = Document {
            title: "<script>alert('t')</script>".into(),
            blocks: vec![
                Block::Paragraph(vec![Inline {
                    text: "<script>alert(1)</script> & \"x\"".into(),
                    bold: true,
                    italic: false,
                }]),
                Block::Table { header: vec!["<th>".into()], rows: vec![vec!["</table>".into()]] },
                Block::Signatures(vec![Signature { name: "<b>Ana</b>".into(), role: "a&b".into() }]),
            ],
            draft: false,
            footer: Some("</style><script>x</script> \"fin\"".into()),
            language: "es-MX",
        };
        let html = render(&doc, Paper::A4);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</title>"));
        assert!(html.contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</strong>"));
        assert!(html.contains("<th scope=\"col\">&lt;th&gt;</th>"));
        assert!(html.contains("<td>&lt;/table&gt;</td>"));
        assert!(html.contains("&lt;b&gt;Ana&lt;/b&gt;"));
        assert_eq!(html.matches("</style>").count(), 1, "the footer cannot close the style sheet");
        assert!(html.contains("content: \"\\3C /style>\\3C script>x\\3C /script> \\\"fin\\\"\""));
        assert!(
            html.contains(
                "<footer class=\"pie\">&lt;/style&gt;&lt;script&gt;x&lt;/script&gt; &quot;fin&quot;</footer>"
            )
        );
    }

    #[test]
    fn draft_band_and_watermark_only_on_drafts() {
        let mut doc = markdown::parse(ACTA, true, Some("SHA-256: 9f86d081".into()));
        let html = render(&doc, Paper::Letter);
        assert!(html.contains("<div class=\"borrador\" role=\"note\">BORRADOR</div>"));
        assert!(html.contains("<div class=\"marca-agua\" aria-hidden=\"true\">BORRADOR</div>"));
        assert!(html.contains("@top-center { content: \"BORRADOR\""));
        assert!(html.contains("<footer class=\"pie\">SHA-256: 9f86d081</footer>"));
        assert!(html.contains("@bottom-center { content: \"SHA-256: 9f86d081\" \"\\A\" \"Página \" counter(page)"));
        doc.draft = false;
        doc.footer = None;
        let html = render(&doc, Paper::Letter);
        assert!(!html.contains("BORRADOR"));
        assert!(!html.contains("class=\"pie\""));
        assert!(html.contains("@bottom-center { content: \"Página \" counter(page)"));
    }

    #[test]
    fn paper_size_in_the_page_rule() {
        let doc = markdown::parse(ACTA, false, None);
        let letter = render(&doc, Paper::Letter);
        assert!(letter.contains("@page {\n  size: letter;\n  margin: 2.5cm;"));
        assert!(letter.contains("max-width: 21.59cm"));
        let a4 = render(&doc, Paper::A4);
        assert!(a4.contains("@page {\n  size: A4;\n  margin: 2.5cm;"));
        assert!(a4.contains("max-width: 21cm"));
    }
}
