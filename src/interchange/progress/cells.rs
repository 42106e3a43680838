//! A cell as read, before it is interpreted for its column; the sheet as sparse rows of them;
//! and what a cell means as text, as a date, as a percentage.

use chrono::NaiveDate;

use super::{MAX_CELLS, Problem};
use crate::domain::dates::parse_date;

/// A cell as read, before it is interpreted for its column.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number shown with a percentage format: 40 % is stored as 0.4.
    Percent(f64),
    /// An Excel date cell; `None` when its serial is not a calendar day.
    Date(Option<NaiveDate>),
    /// A formula error such as #N/A.
    Error(String),
}

/// A row as the spreadsheet numbers it, with its non-empty cells by column (A = 0), in order.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub number: usize,
    pub cells: Vec<(usize, Cell)>,
}

/// The cell of `column`, or empty.
pub(super) fn cell_at(cells: &[(usize, Cell)], column: usize) -> &Cell {
    cells.binary_search_by_key(&column, |(c, _)| *c).ok().and_then(|i| cells.get(i)).map_or(&Cell::Empty, |(_, c)| c)
}

/// The first worksheet (or the CSV) as rows of cells, with the header row apart. Only cells
/// with something in them are kept, so a far stray cell costs nothing.
#[derive(Debug, Clone)]
pub(super) struct Sheet {
    pub header_row: usize,
    /// By column, from A (an empty header is "").
    pub headers: Vec<String>,
    /// Whether columns have letters (XLSX), where users navigate by them.
    pub letters: bool,
    pub rows: Vec<Row>,
}

/// The sheet from its rows in order, the first with anything in it being the header.
pub(super) fn sheet_of(rows: Vec<Row>, letters: bool) -> Result<Sheet, Problem> {
    let mut rows = rows.into_iter().skip_while(|r| r.cells.iter().all(|(_, c)| *c == Cell::Empty));
    let Some(header) = rows.next() else {
        return Err(Problem::whole(
            "el archivo está vacío; la fila 1 debe llevar los encabezados (acuerdo, fecha, avance…)",
        ));
    };
    let width = header.cells.last().map_or(0, |(c, _)| c + 1);
    let mut headers = vec![String::new(); width];
    for (c, cell) in &header.cells {
        if let Some(h) = headers.get_mut(*c) {
            *h = text(cell).ok().flatten().unwrap_or_default();
        }
    }
    Ok(Sheet { header_row: header.number, headers, letters, rows: rows.collect() })
}

/// Counts non-empty cells as a reader finds them, refusing a sheet with too many.
#[derive(Debug, Default)]
pub(super) struct CellCount(usize);

impl CellCount {
    pub fn add(&mut self, n: usize) -> Result<(), Problem> {
        self.0 += n;
        if self.0 > MAX_CELLS {
            return Err(Problem::whole(format!(
                "la hoja tiene más de {} celdas con datos; el importador lee hasta esa cantidad: divida los avances en varios archivos",
                thousands(MAX_CELLS)
            )));
        }
        Ok(())
    }
}

/// 2000000 → "2 000 000", as Spanish style guides group digits.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    out
}

/// A = 0, Z = 25, AA = 26…
pub(super) fn letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.iter().rev().collect()
}

/// A number as people write it: 12, not 12.0.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// A percentage cell as Excel shows it: 0.405 → "40.5 %".
fn percent_text(n: f64) -> String {
    format!("{} %", number_text(hundredths(n)))
}

/// The percentage a fraction is, without the float noise of ×100 (0.07 × 100 = 7.000000000000001).
fn hundredths(n: f64) -> f64 {
    let p = n * 100.0;
    let near = (p * 1e6).round() / 1e6;
    if near.is_finite() { near } else { p }
}

fn formula_error(e: &str) -> String {
    format!("la celda tiene un error de fórmula ({e})")
}

pub(super) fn text(cell: &Cell) -> Result<Option<String>, String> {
    Ok(match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(s.clone()),
        Cell::Number(n) => Some(number_text(*n)),
        Cell::Percent(n) => Some(percent_text(*n)),
        Cell::Date(d) => d.map(|d| d.to_string()),
        Cell::Error(e) => return Err(formula_error(e)),
    })
}

pub(super) fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(Some(d)) => Ok(Some(*d)),
        Cell::Date(None) => Err("la celda de fecha no tiene un día válido del calendario".into()),
        Cell::Text(s) => parse_date(s).map(Some),
        Cell::Number(n) => Err(format!(
            "la celda tiene el número {}, no una fecha; dele formato de fecha o escriba AAAA-MM-DD",
            number_text(*n)
        )),
        Cell::Percent(n) => Err(format!(
            "la celda tiene el porcentaje {}, no una fecha; dele formato de fecha o escriba AAAA-MM-DD",
            percent_text(*n)
        )),
        Cell::Error(e) => Err(formula_error(e)),
    }
}

/// 0–100 as a whole number; "40", "40 %", a numeric cell 40 and a cell formatted as a
/// percentage showing 40 % (stored as 0.4) are the same. Whether it is above 100 is the
/// store's rule, checked there.
pub(super) fn percent(cell: &Cell) -> Result<Option<u32>, String> {
    let whole = |n: f64, shown: &str| {
        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
            Ok(Some(n as u32))
        } else if n > 0.0 && n < 1.0 {
            // A fraction in a cell without the % format: 0.4 may mean 40 % or a typo.
            let meant = number_text((n * 100.0).round());
            Err(format!(
                "«{shown}» no es un porcentaje de 0 a 100; si quiso decir {meant} %, escriba {meant} o dé a la celda formato de porcentaje"
            ))
        } else {
            Err(format!("el avance es un porcentaje entero de 0 a 100, no «{shown}»"))
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => whole(*n, &number_text(*n)),
        Cell::Percent(n) => {
            let p = hundredths(*n);
            if p.fract() == 0.0 {
                whole(p, &percent_text(*n))
            } else {
                Err(format!("el avance es un porcentaje entero de 0 a 100, no «{}»", percent_text(*n)))
            }
        }
        Cell::Text(s) => {
            let t = s.trim_end_matches('%').trim();
            match t.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => whole(n, s),
                _ => Err(format!("«{s}» no es un porcentaje; escriba un número entero de 0 a 100")),
            }
        }
        Cell::Date(_) => Err("la celda tiene formato de fecha; escriba un número entero de 0 a 100".into()),
        Cell::Error(e) => Err(formula_error(e)),
    }
}
