//! XLSX: the first sheet, read cell by cell (calamine's cell reader) so that only cells with
//! something in them take memory — a stray value in XFD1048576 must not make a grid of 17
//! thousand million cells. A formula's cached value is what is read, never its text.

use std::collections::HashSet;
use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx, XlsxError};
use chrono::NaiveDate;

use super::cells::{Cell, CellCount, Row, Sheet, letter, sheet_of, thousands};
use super::styles::{not_a_workbook, percent_cells};
use super::{MAX_COLUMNS, Problem, unreadable};

pub(super) fn read_xlsx(path: &Path) -> Result<Sheet, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem::whole(unreadable(&e)))?;
    // What Excel writes for a workbook with a password (and what an old .xls renamed is).
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Problem::whole(
            "el libro está protegido con contraseña o es un .xls con otra extensión; quite la contraseña (Archivo › Información › Proteger libro) o guárdelo como «Libro de Excel (.xlsx)»",
        ));
    }
    // calamine's arithmetic on cell references overflows on some crafted files, which is a
    // panic in debug builds: such a file is damaged, not a reason to stop the program.
    std::panic::catch_unwind(|| cells(&bytes, &percent_cells(&bytes)?))
        .unwrap_or_else(|_| Err(not_a_workbook("el libro está dañado")))
}

/// "D12" for (11, 3).
fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", letter(col as usize), u64::from(row) + 1)
}

fn cells(bytes: &[u8], percent: &HashSet<(u32, u32)>) -> Result<Sheet, Problem> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| spanish(&e, None))?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| Problem::whole("el libro no tiene hojas"))?;
    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| spanish(&e, None))?;
    let mut found: Vec<(u32, u32, Cell)> = Vec::new();
    let mut count = CellCount::default();
    let mut last = None;
    while let Some(c) = reader.next_cell().map_err(|e| spanish(&e, last))? {
        let (row, col) = c.get_position();
        last = Some((row, col));
        let cell = cell_of(c.get_value(), percent.contains(&(row, col)));
        if cell == Cell::Empty {
            continue;
        }
        if col as usize >= MAX_COLUMNS {
            return Err(Problem::new(
                row as usize + 1,
                format!(
                    "la celda {} tiene datos, pero el importador lee solo las columnas A a {} ({} columnas); bórrela si sobra o copie los avances a un libro nuevo",
                    cell_name(row, col),
                    letter(MAX_COLUMNS - 1),
                    thousands(MAX_COLUMNS)
                ),
            ));
        }
        count.add(1)?;
        found.push((row, col, cell));
    }
    if found.is_empty() {
        return Err(Problem::whole("la primera hoja está vacía; la fila 1 debe llevar los encabezados"));
    }
    // Excel writes cells in order; anything else is put in order, the first of a repeated
    // position kept.
    found.sort_by_key(|(r, c, _)| (*r, *c));
    found.dedup_by(|b, a| (a.0, a.1) == (b.0, b.1));
    let mut rows: Vec<Row> = Vec::new();
    for (r, c, cell) in found {
        let number = r as usize + 1;
        match rows.last_mut() {
            Some(last) if last.number == number => last.cells.push((c as usize, cell)),
            _ => rows.push(Row { number, cells: vec![(c as usize, cell)] }),
        }
    }
    sheet_of(rows, true)
}

/// calamine's errors, in Spanish: what is wrong with the file and what to do. `last` is the
/// last cell read, when reading stopped inside the sheet.
fn spanish(e: &XlsxError, last: Option<(u32, u32)>) -> Problem {
    let what = match e {
        XlsxError::Password => {
            return Problem::whole(
                "el libro está protegido con contraseña; quite la contraseña (Archivo › Información › Proteger libro) y vuelva a importarlo",
            );
        }
        XlsxError::NotAWorksheet(_) => {
            return Problem::whole(
                "la primera hoja del libro no es una hoja de datos (es un gráfico o una macro); ponga la hoja de avances en primer lugar",
            );
        }
        XlsxError::Io(_) | XlsxError::Zip(_) => "el archivo no es un .xlsx (un .xlsx es un archivo ZIP) o está dañado",
        XlsxError::FileNotFound(_) | XlsxError::WorksheetNotFound(_) | XlsxError::RelationshipNotFound => {
            "le falta una de sus partes (la hoja, sus textos o sus estilos)"
        }
        XlsxError::Xml(_)
        | XlsxError::XmlAttr(_)
        | XlsxError::XmlEof(_)
        | XlsxError::UnexpectedNode(_)
        | XlsxError::Encoding(_) => "su contenido XML está dañado",
        _ => "tiene celdas o referencias que no se pueden interpretar",
    };
    let after = last.map(|(r, c)| format!(" después de la celda {}", cell_name(r, c))).unwrap_or_default();
    // The library's own words only as a detail, for whoever repairs the file.
    not_a_workbook(&format!("{what}{after} (detalle técnico: {e})"))
}

/// A cell of the sheet as the importer sees it; `percent` when its style shows a percentage.
pub(super) fn cell_of(data: &DataRef, percent: bool) -> Cell {
    let number = |n: f64| if percent { Cell::Percent(n) } else { Cell::Number(n) };
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) if s.trim().is_empty() => Cell::Empty,
        DataRef::SharedString(s) if s.trim().is_empty() => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.trim().to_string()),
        DataRef::SharedString(s) => Cell::Text(s.trim().to_string()),
        DataRef::Int(i) => number(*i as f64),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => Cell::Text(if *b { "VERDADERO" } else { "FALSO" }.into()),
        DataRef::DateTime(dt) => {
            // calamine's conversion overflows beyond the year 9999 (serial 2 958 465).
            let serial = dt.as_f64();
            Cell::Date(if serial.is_finite() && (0.0..2_958_466.0).contains(&serial) {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
            } else {
                None
            })
        }
        DataRef::DateTimeIso(s) => Cell::Date(s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}
