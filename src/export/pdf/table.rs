//! Tables drawn by hand: ruled cells, a bold shaded header row repeated on every page the
//! table reaches, columns as wide as their content asks, and rows kept whole on one page
//! (only a row taller than a page is cut, between its lines).

use super::layout::{Align, Layout, Line, Mark, baseline};
use super::metrics::Face;

const SIZE: f32 = 9.5;
const LEADING: f32 = 12.5;
const PAD: f32 = 4.0;
const RULE: f32 = 0.5;
const HEADER_GRAY: u8 = 235;

/// The wrapped lines of each cell of a row.
type Row = Vec<Vec<Line>>;

impl Layout<'_> {
    pub fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let widths = self.column_widths(header, rows, columns);
        let head = (!header.is_empty()).then(|| self.row_lines(header, &widths, Face::Bold));
        let head_height = head.as_ref().map_or(0.0, |h| height(0, lines(h)));
        let body: Vec<Row> = rows.iter().map(|r| self.row_lines(r, &widths, Face::Regular)).collect();
        // The header never stands alone at the foot of a page.
        let page = self.bottom() - super::layout::MARGIN - head_height;
        let first = body.first().map_or(0.0, |r| height(0, lines(r)).min(page));
        self.ensure(head_height + first);
        self.header(head.as_ref(), &widths);
        for row in &body {
            if !self.fits(height(0, lines(row))) {
                self.new_page();
                self.header(head.as_ref(), &widths);
            }
            let total = lines(row);
            let mut from = 0;
            loop {
                let room = ((self.bottom() - self.y - 2.0 * PAD) / LEADING).floor().max(1.0) as usize;
                let to = total.min(from + room);
                self.draw(row, &widths, from, to, false);
                if to == total {
                    break;
                }
                self.new_page();
                self.header(head.as_ref(), &widths);
                from = to;
            }
        }
        self.gap(10.0);
    }

    fn header(&mut self, head: Option<&Row>, widths: &[f32]) {
        if let Some(head) = head {
            self.draw(head, widths, 0, lines(head), true);
        }
    }

    /// Natural width (the cell on one line) and minimum width (its longest word) of every
    /// column; the page width is shared out between them so narrow columns stay narrow.
    fn column_widths(&self, header: &[String], rows: &[Vec<String>], columns: usize) -> Vec<f32> {
        let mut natural = vec![2.0 * PAD; columns];
        let mut minimum = vec![2.0 * PAD; columns];
        let cells = header.iter().map(|c| (Face::Bold, c)).enumerate();
        let body = rows.iter().flat_map(|r| r.iter().map(|c| (Face::Regular, c)).enumerate());
        for (column, (face, text)) in cells.chain(body) {
            // A typed line break ends a line: the widest line is the cell's natural width.
            let whole = text.split('\n').map(|l| self.metrics.width(face, l, SIZE)).fold(0.0, f32::max) + 2.0 * PAD;
            let word =
                text.split([' ', '\n']).map(|w| self.metrics.width(face, w, SIZE)).fold(0.0, f32::max) + 2.0 * PAD;
            natural[column] = natural[column].max(whole);
            minimum[column] = minimum[column].max(word);
        }
        share(&natural, &minimum, self.text_width())
    }

    fn row_lines(&self, cells: &[String], widths: &[f32], face: Face) -> Row {
        widths
            .iter()
            .enumerate()
            .map(|(i, width)| {
                let text = cells.get(i).map_or("", String::as_str);
                self.wrap_plain(face, text, SIZE, width - 2.0 * PAD)
            })
            .collect()
    }

    /// Draws lines `from..to` of every cell of `row` at the cursor, ruled, and moves below.
    fn draw(&mut self, row: &Row, widths: &[f32], from: usize, to: usize, header: bool) {
        let top = self.y;
        let h = height(from, to);
        let left = self.left();
        let right = left + widths.iter().sum::<f32>();
        if header {
            self.mark(Mark::Fill { x: left, y: top, w: right - left, h, gray: HEADER_GRAY });
        }
        let mut x = left;
        for (cell, width) in row.iter().zip(widths) {
            for (k, line) in cell.iter().enumerate().take(to).skip(from) {
                let y = baseline(top + PAD + (k - from) as f32 * LEADING, SIZE, LEADING);
                self.put_line(line, x + PAD, y, width - 2.0 * PAD, SIZE, Align::Left, true);
            }
            self.mark(Mark::Line { x1: x, y1: top, x2: x, y2: top + h, width: RULE });
            x += width;
        }
        self.mark(Mark::Line { x1: right, y1: top, x2: right, y2: top + h, width: RULE });
        for y in [top, top + h] {
            self.mark(Mark::Line { x1: left, y1: y, x2: right, y2: y, width: RULE });
        }
        self.y = top + h;
    }
}

/// Shares `available` between columns of `natural` (on one line) and `minimum` (longest word)
/// widths: all natural widths if they fit, stretched; else every column its longest word and
/// the rest in proportion to what each would still need. The DOCX printer shares the same way.
pub(crate) fn share(natural: &[f32], minimum: &[f32], available: f32) -> Vec<f32> {
    let total_natural: f32 = natural.iter().sum();
    let total_minimum: f32 = minimum.iter().sum();
    if total_natural <= 0.0 {
        return vec![available / natural.len().max(1) as f32; natural.len()];
    }
    if total_natural <= available {
        natural.iter().map(|n| n * available / total_natural).collect()
    } else if total_minimum >= available {
        minimum.iter().map(|m| m * available / total_minimum).collect()
    } else {
        let slack = total_natural - total_minimum;
        let spare = available - total_minimum;
        natural.iter().zip(minimum).map(|(n, m)| m + spare * (n - m) / slack).collect()
    }
}

/// Lines in the tallest cell; an empty row still takes one.
fn lines(row: &Row) -> usize {
    row.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

fn height(from: usize, to: usize) -> f32 {
    (to.saturating_sub(from)).max(1) as f32 * LEADING + 2.0 * PAD
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Paper;
    use crate::export::pdf::metrics::Metrics;

    #[test]
    fn columns_follow_their_content_and_fill_the_width() {
        let l = Layout::new(Metrics::get().expect("fonts"), Paper::Letter);
        let header = vec!["Núm.".to_string(), "Institución".to_string()];
        let rows = vec![vec!["1".to_string(), "Secretaría de Relaciones Exteriores ".repeat(6)]];
        let widths = l.column_widths(&header, &rows, 2);
        assert!(widths[0] < widths[1] / 5.0, "{widths:?}");
        assert!((widths.iter().sum::<f32>() - l.text_width()).abs() < 0.01);
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines_and_header_repeats() {
        let mut l = Layout::new(Metrics::get().expect("fonts"), Paper::A4);
        let header = vec!["Asunto".to_string()];
        let rows = vec![vec!["palabra ".repeat(3000)]];
        l.table(&header, &rows);
        assert!(l.pages.len() > 2);
        for page in &l.pages {
            let headers = page.iter().filter(|m| matches!(m, Mark::Text(r) if r.text == "Asunto")).count();
            assert_eq!(headers, 1);
        }
    }

    #[test]
    fn a_table_without_header_has_no_shaded_row() {
        let mut l = Layout::new(Metrics::get().expect("fonts"), Paper::Letter);
        l.table(&[], &[vec!["Quórum".to_string(), "21 de 40".to_string()]]);
        assert!(!l.pages[0].iter().any(|m| matches!(m, Mark::Fill { .. })));
        assert!(l.pages[0].iter().any(|m| matches!(m, Mark::Text(r) if r.text == "Quórum")));
        l.table(&[], &[]);
    }
}
