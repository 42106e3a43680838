//! Aligned tables for people, drawn by comfy-table: no borders, columns two spaces apart and
//! as wide as their content. On a terminal the widest columns wrap to fit its width; when
//! standard output is not a terminal nothing wraps, so a script's `grep` sees whole lines.

use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Width};

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The space between two columns.
const GAP: u16 = 2;

/// The width tables fit in: the terminal's, or none (no wrapping) when standard output is
/// not a terminal.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok());
    columns.or_else(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w)).filter(|w| *w >= 20)
}

/// A table being filled, printed whole by `print`.
pub struct Table {
    inner: comfy_table::Table,
    aligns: Vec<Align>,
    fixed: Option<Vec<u16>>,
}

impl Table {
    /// A table with these headers, fitted to the terminal (if any).
    pub fn new(headers: &[(&str, Align)]) -> Table {
        Table::with_width(headers, terminal_width())
    }

    /// A table fitted to `width` columns, or never wrapped.
    pub fn with_width(headers: &[(&str, Align)], width: Option<u16>) -> Table {
        let mut t = Table::headless(headers, width);
        t.inner.set_header(headers.iter().map(|(h, _)| Cell::new(h)));
        t
    }

    /// Without the header row: the parts after the first of a streamed list.
    pub fn headless(headers: &[(&str, Align)], width: Option<u16>) -> Table {
        let mut inner = comfy_table::Table::new();
        inner.load_style(comfy_table::presets::NOTHING);
        match width {
            Some(w) => {
                inner.set_content_arrangement(ContentArrangement::Dynamic).set_width(w);
            }
            None => {
                inner.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        Table { inner, aligns: headers.iter().map(|(_, a)| *a).collect(), fixed: None }
    }

    /// Adds a row; control characters are shown, never sent to the terminal, and a tab
    /// becomes a space so it cannot push the columns out of line.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<Cell> = cells.into_iter().map(|c| Cell::new(cell_text(c.as_ref()))).collect();
        self.inner.add_row(cells);
    }

    /// Fixes every column's width (the streamed lists, drawn in parts that must line up).
    pub fn fix_widths(&mut self, widths: &[u16]) {
        self.fixed = Some(widths.to_vec());
    }

    /// Padding, alignment and fixed widths, set once the columns exist.
    fn arrange(&mut self) {
        let last = self.aligns.len().saturating_sub(1);
        for (i, align) in self.aligns.iter().enumerate() {
            let Some(c) = self.inner.column_mut(i) else { continue };
            c.set_padding((0, if i == last { 0 } else { GAP }));
            c.set_cell_alignment(match align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
            if let Some(w) = self.fixed.as_ref().and_then(|f| f.get(i)) {
                let pad = c.padding_width();
                c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w + pad)));
            }
        }
    }

    /// The lines, without trailing spaces.
    pub fn lines(&mut self) -> Vec<String> {
        self.arrange();
        self.inner.lines().map(|l| l.trim_end().to_string()).collect()
    }

    /// The table as text, each line ended.
    pub fn text(&mut self) -> String {
        let mut text = String::new();
        for line in self.lines() {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// Prints the table (nothing after a closed stdout, like `outln!`).
    pub fn print(&mut self) {
        let text = self.text();
        out!("{text}");
    }
}

fn cell_text(text: &str) -> String {
    crate::domain::text::printable(text).replace('\t', " ")
}

/// The display width of a cell's widest line.
pub fn display_width(text: &str) -> u16 {
    let w = text.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0);
    u16::try_from(w).unwrap_or(u16::MAX)
}

/// Column widths that fit `total` (with the gaps between them). The last column allowed to
/// wrap (the text) wraps first, down to a readable width; then the widest of the wrapping
/// columns are narrowed, never below `floor`; the others keep their width.
pub fn fit(widths: &[u16], wraps: &[bool], total: Option<u16>, floor: u16) -> Vec<u16> {
    let mut out = widths.to_vec();
    let Some(total) = total else { return out };
    let wraps_at = |i: usize| wraps.get(i).copied().unwrap_or(false);
    let gaps = GAP * (widths.len().saturating_sub(1) as u16);
    let used = |w: &[u16]| w.iter().map(|x| u32::from(*x)).sum::<u32>() + u32::from(gaps);
    let last = (0..out.len()).rev().find(|i| wraps_at(*i));
    if let Some(last) = last {
        let readable = floor.max(READABLE).min(out[last]);
        let excess = u16::try_from(used(&out).saturating_sub(u32::from(total))).unwrap_or(u16::MAX);
        out[last] = out[last].saturating_sub(excess).max(readable);
    }
    // Then the other wrapping columns, the widest first; the text again only after them.
    let others: Vec<usize> = (0..out.len()).filter(|i| wraps_at(*i) && Some(*i) != last).collect();
    for group in [others, last.into_iter().collect()] {
        while used(&out) > u32::from(total) {
            let Some(i) = group.iter().copied().filter(|i| out[*i] > floor).max_by_key(|i| out[*i]) else { break };
            let excess = used(&out) - u32::from(total);
            let second = group.iter().filter(|j| **j != i).map(|j| out[*j]).max().unwrap_or(floor).max(floor);
            // Down to the next widest (or by the excess, whichever is less), then look again.
            let room = u32::from(out[i].saturating_sub(second)).max(1);
            let cut = u16::try_from(excess.min(room)).unwrap_or(u16::MAX);
            out[i] = out[i].saturating_sub(cut).max(floor);
        }
    }
    out
}

/// The width the text column keeps, if it can, before the other columns are narrowed.
const READABLE: u16 = 40;

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: [(&str, Align); 3] = [("ID", Align::Right), ("SESIÓN", Align::Left), ("ESTADO", Align::Left)];

    fn sample(width: Option<u16>) -> Vec<String> {
        let mut t = Table::with_width(&HEADERS, width);
        t.row(["7", "Vigésima Primera Sesión Ordinaria", "clausurada"]);
        t.row(["128", "Centésima Vigésima Octava Sesión Ordinaria", "programada"]);
        t.lines()
    }

    #[test]
    fn long_ordinal_titles_keep_the_columns_in_line() {
        let lines = sample(None);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with(" ID  SESIÓN"), "{lines:?}");
        // The last column starts at the same character on every line.
        let last: Vec<usize> =
            lines.iter().map(|l| l.chars().count() - l.rsplit("  ").next().map_or(0, |s| s.chars().count())).collect();
        assert!(last.iter().all(|c| *c == last[0]), "{lines:?}");
        assert!(lines[1].starts_with("  7  Vigésima"), "{lines:?}");
        assert!(lines[2].starts_with("128  Centésima Vigésima Octava Sesión Ordinaria  programada"), "{lines:?}");
    }

    #[test]
    fn on_a_narrow_terminal_the_long_column_wraps_within_the_width() {
        let lines = sample(Some(40));
        assert!(lines.len() > 3, "wrapped: {lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("clausurada")));
    }

    #[test]
    fn control_characters_and_tabs_do_not_reach_the_terminal() {
        let mut t = Table::with_width(&HEADERS, None);
        t.row(["1", "a\u{1b}[2Jb\tc", "x"]);
        let text = t.text();
        assert!(!text.contains('\u{1b}') && !text.contains('\t'), "{text:?}");
    }

    #[test]
    fn parts_with_fixed_widths_line_up_without_repeating_the_header() {
        let mut first = Table::with_width(&HEADERS, None);
        first.row(["1", "Primera", "x"]);
        first.fix_widths(&[3, 12, 6]);
        let mut next = Table::headless(&HEADERS, None);
        next.row(["100", "Centésima", "y"]);
        next.fix_widths(&[3, 12, 6]);
        let text = first.text() + &next.text();
        assert_eq!(text, " ID  SESIÓN        ESTADO\n  1  Primera       x\n100  Centésima     y\n");
    }

    #[test]
    fn fit_wraps_the_text_first_then_the_widest_columns() {
        assert_eq!(fit(&[10, 50, 30], &[false, true, true], None, 8), vec![10, 50, 30]);
        assert_eq!(fit(&[10, 50, 30], &[false, true, true], Some(100), 8), vec![10, 50, 30]);
        // The text (last) keeps a readable width; the other wrapping column gives way.
        assert_eq!(fit(&[10, 30, 100], &[false, true, true], Some(80), 8), vec![10, 26, 40]);
        assert_eq!(fit(&[10, 30, 100], &[false, true, true], Some(120), 8), vec![10, 30, 76]);
        let fitted = fit(&[10, 50, 30], &[false, true, true], Some(60), 8);
        assert_eq!(fitted, vec![10, 16, 30]);
        assert_eq!(fit(&[10, 50], &[false, true], Some(10), 8), vec![10, 8], "never below the floor");
    }
}
