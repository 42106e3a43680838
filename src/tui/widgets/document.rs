//! A document (the blocks every printer renders) drawn for the terminal: headings, paragraphs
//! with bold and italics wrapped at words, lists, tables with their borders, and signature
//! lines — what the secretary reads, instead of the Markdown it is stored as.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::export::document::{Block, Inline, Signature};
use crate::tui::theme;

/// The blocks as lines `width` columns wide (at least 10).
pub fn lines(blocks: &[Block], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(10));
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    1 => theme::title().add_modifier(Modifier::UNDERLINED),
                    2 => theme::title(),
                    _ => theme::title().add_modifier(Modifier::ITALIC),
                };
                out.extend(wrap(&[(text.clone(), style)], width, ""));
            }
            Block::Paragraph(inlines) => out.extend(wrap(&styled(inlines), width, "")),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let mark = if *ordered { format!("{}. ", i + 1) } else { "• ".to_string() };
                    let mut parts = vec![(mark.clone(), Style::default())];
                    parts.extend(styled(item));
                    out.extend(wrap(&parts, width, &" ".repeat(mark.chars().count())));
                }
            }
            Block::Table { header, rows } => out.extend(table(header, rows, width)),
            Block::Signatures(people) => out.extend(signatures(people, width)),
        }
    }
    out
}

fn styled(inlines: &[Inline]) -> Vec<(String, Style)> {
    inlines
        .iter()
        .map(|i| {
            let mut style = Style::default();
            if i.bold {
                style = style.add_modifier(Modifier::BOLD);
            }
            if i.italic {
                style = style.add_modifier(Modifier::ITALIC);
            }
            (i.text.clone(), style)
        })
        .collect()
}

/// Styled text wrapped at spaces to `width`; a word longer than a line continues on the next
/// (nothing typed is ever left out). Lines after the first start with `indent`.
pub fn wrap(parts: &[(String, Style)], width: usize, indent: &str) -> Vec<Line<'static>> {
    let start = indent.width();
    let width = width.max(start + 1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut next_line = |line: &mut Vec<Span<'static>>, used: &mut usize| {
        lines.push(Line::from(std::mem::take(line)));
        line.push(Span::raw(indent.to_string()));
        *used = start;
    };
    for (text, style) in parts {
        for (i, word) in text.split(' ').enumerate() {
            let space = if i > 0 { " " } else { "" };
            if used + space.len() + word.width() <= width {
                used += space.len() + word.width();
                line.push(Span::styled(format!("{space}{word}"), *style));
                continue;
            }
            if used > start {
                next_line(&mut line, &mut used);
            }
            let mut rest = word.to_string();
            while rest.width() > width - used {
                let head = cut(&rest, width - used);
                if head.is_empty() {
                    break;
                }
                rest = rest[head.len()..].to_string();
                line.push(Span::styled(head, *style));
                next_line(&mut line, &mut used);
            }
            used += rest.width();
            line.push(Span::styled(rest, *style));
        }
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// The longest start of `text` that fits in `width` columns.
fn cut(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Plain text wrapped to `width`, for table cells.
fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let lines = wrap(&[(text.to_string(), Style::default())], width.max(1), "");
    let out: Vec<String> = lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
    if out.is_empty() { vec![String::new()] } else { out }
}

/// Column widths: as wide as their text when the table fits; otherwise each at least as wide
/// as its longest word, the room left shared by how much text each has; only when even the
/// words don't fit are the widest columns narrowed (their words then continue on a next line).
fn column_widths(header: &[String], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let n = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let mut natural = vec![1; n];
    let mut words = vec![1; n];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate() {
            natural[i] = natural[i].max(cell.width());
            words[i] = words[i].max(cell.split(' ').map(|w| w.width()).max().unwrap_or(0));
        }
    }
    // Between columns a rule with a space each side; none at the edges.
    let room = width.saturating_sub(3 * n - 3).max(n);
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let mut widths = words.clone();
    let minimum: usize = widths.iter().sum();
    if minimum <= room {
        let spare = room - minimum;
        let wanted: usize = natural.iter().zip(&words).map(|(a, b)| a - b).sum();
        for i in 0..n {
            widths[i] += (natural[i] - words[i]) * spare / wanted.max(1);
        }
        return widths;
    }
    while widths.iter().sum::<usize>() > room {
        let Some((i, _)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else { break };
        if widths[i] <= 3 {
            break;
        }
        widths[i] -= 1;
    }
    widths
}

/// A table as a secretary would rule it on paper: columns divided by rules, the header
/// underlined; when a row takes several lines, rules between rows too.
fn table(header: &[String], rows: &[Vec<String>], width: usize) -> Vec<Line<'static>> {
    let widths = column_widths(header, rows, width);
    let rule = || {
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        Line::styled(parts.join("─┼─"), theme::dim())
    };
    let row_lines = |cells: &[String], style: Style| {
        let wrapped: Vec<Vec<String>> =
            widths.iter().enumerate().map(|(i, w)| wrap_plain(cells.get(i).map_or("", String::as_str), *w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|k| {
                let mut spans = Vec::new();
                for (i, w) in widths.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::styled(" │ ", theme::dim()));
                    }
                    let text = wrapped[i].get(k).cloned().unwrap_or_default();
                    let pad = w.saturating_sub(text.width());
                    spans.push(Span::styled(format!("{text}{}", " ".repeat(pad)), style));
                }
                Line::from(spans)
            })
            .collect::<Vec<_>>()
    };
    let body: Vec<Vec<Line<'static>>> = rows.iter().map(|r| row_lines(r, Style::default())).collect();
    let tall = body.iter().any(|r| r.len() > 1);
    let mut out = row_lines(header, theme::title());
    out.push(rule());
    for (i, row) in body.into_iter().enumerate() {
        if tall && i > 0 {
            out.push(rule());
        }
        out.extend(row);
    }
    out
}

/// Signature lines two by two where the width allows, one under another otherwise.
fn signatures(people: &[Signature], width: usize) -> Vec<Line<'static>> {
    let per_row = if width >= 60 { 2 } else { 1 };
    let column = (width / per_row).min(36);
    let mut out = Vec::new();
    for group in people.chunks(per_row) {
        out.push(Line::raw(""));
        let cells = |f: &dyn Fn(&Signature) -> String| {
            let text: String = group.iter().map(|s| format!("{:<column$}", cut(&f(s), column - 2))).collect();
            Line::raw(text.trim_end().to_string())
        };
        out.push(cells(&|_| "_".repeat(column - 4)));
        out.push(cells(&|s| s.name.clone()));
        out.push(cells(&|s| s.role.clone()).patch_style(theme::dim()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect()
    }

    #[test]
    fn markdown_reads_as_a_document() {
        let md = "# Acta\n\nTexto **con** énfasis que es largo y se corta en palabras.\n\n\
                  | Institución | Asistencia |\n|---|---|\n| SEGOB | titular presente |\n\n\
                  - uno\n- dos\n\n~~~firmas\nAna Ruiz | Presidencia\nLuis Paz | Secretaría Técnica\n~~~\n";
        let doc = crate::export::markdown::parse(md, false, None);
        let shown = text(&lines(&doc.blocks, 40));
        assert_eq!(shown[0], "Acta");
        assert!(shown.iter().all(|l| l.width() <= 40), "{shown:#?}");
        assert!(!shown.iter().any(|l| l.contains('|') || l.contains("**") || l.contains("~~~")), "{shown:#?}");
        assert!(shown.iter().any(|l| l.contains("─┼─")), "{shown:#?}");
        assert!(shown.iter().any(|l| l.starts_with("SEGOB") && l.contains(" │ titular presente")), "{shown:#?}");
        assert!(shown.iter().any(|l| l == "• uno"), "{shown:#?}");
        assert!(shown.iter().any(|l| l.contains("Ana Ruiz")) && shown.iter().any(|l| l.contains("Presidencia")));
        assert!(shown.iter().any(|l| l.starts_with("____")));
        let wide = text(&lines(&doc.blocks, 80));
        assert!(wide.iter().any(|l| l.contains("Ana Ruiz") && l.contains("Luis Paz")), "side by side: {wide:#?}");
    }

    #[test]
    fn long_words_continue_on_the_next_line_and_nothing_is_lost() {
        let parts = vec![("Internacionalización de la respuesta".to_string(), Style::default())];
        let shown = text(&wrap(&parts, 8, ""));
        assert!(shown.iter().all(|l| l.width() <= 8), "{shown:#?}");
        assert_eq!(shown.concat().replace(' ', ""), "Internacionalizacióndelarespuesta");
        let widths = column_widths(
            &["Institución".into(), "Hora".into()],
            &[vec!["Ministerio de Salud".into(), "09:00".into()]],
            31,
        );
        assert_eq!(widths, [19, 5], "fits whole");
        let widths = column_widths(
            &["Institución".into(), "Hora".into()],
            &[vec!["Ministerio de Salud".into(), "09:00".into()]],
            24,
        );
        assert!(widths[0] >= "Institución".len() && widths[1] == 5, "words are never cut when they fit: {widths:?}");
    }

    #[test]
    fn a_narrow_table_wraps_its_cells_and_never_overflows() {
        let header = vec!["Acuerdo".to_string(), "Responsable".to_string()];
        let rows = vec![vec!["Elaborar el protocolo de atención a víctimas".to_string(), "SEGOB, FGR".to_string()]];
        let shown = text(&table(&header, &rows, 30));
        assert!(shown.iter().all(|l| l.width() <= 30), "{shown:#?}");
        assert!(shown.len() > 5, "the long cell takes several lines: {shown:#?}");
    }
}
