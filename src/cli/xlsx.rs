//! Excel workbooks (rust_xlsxwriter): a bold, frozen header row with a filter, columns as wide
//! as their content (long texts capped, and wrapped), dates as real dates shown `dd/mm/yyyy`,
//! numbers as numbers. Text cells are text: nothing in them can run as a formula. The file is
//! built in memory and written through `crate::output` (never the database; an existing file
//! only with `--sobrescribir`).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::XlsxArgs;
use crate::output::Dest;
use crate::store::Store;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Value {
    /// The cell as CSV text: dates in ISO form, decimals with the configured separator.
    pub fn csv(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Int(n) => n.to_string(),
            Value::Number(n) => super::sheet::decimal(*n, 1),
            Value::Date(d) => d.to_string(),
            Value::Empty => String::new(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Empty, Into::into)
    }
}

impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Value {
        Value::Date(d)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(i64::from(n))
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

/// Rows measured to fit the columns.
const AUTOFIT_ROWS: u32 = 2000;

/// The widest a column is fitted to, in pixels (about 50 characters): longer texts wrap.
const MAX_WIDTH_PX: u32 = 360;

fn err(e: XlsxError) -> String {
    format!("no se pudo preparar la hoja de Excel: {e}")
}

/// One worksheet being filled row by row.
pub struct Sheet {
    ws: Worksheet,
    columns: u16,
    next: u32,
    date: Format,
    wrap: Format,
}

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Result<Sheet, String> {
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(err)?;
        let bold = Format::new().set_bold();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c)?, *h, &bold).map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        let columns = u16::try_from(headers.len()).map_err(|_| "demasiadas columnas".to_string())?;
        Ok(Sheet {
            ws,
            columns,
            next: 1,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            wrap: Format::new().set_text_wrap(),
        })
    }

    pub fn row(&mut self, cells: Vec<Value>) -> Result<(), String> {
        let r = self.next;
        for (c, v) in cells.into_iter().enumerate() {
            let c = col(c)?;
            match v {
                Value::Text(t) if t.contains('\n') => {
                    self.ws.write_string_with_format(r, c, t, &self.wrap).map_err(err)?;
                }
                Value::Text(t) => {
                    self.ws.write_string(r, c, t).map_err(err)?;
                }
                Value::Int(n) => {
                    // Exact in a spreadsheet's double up to 2^53: ids and counts are far below.
                    self.ws.write_number(r, c, n as f64).map_err(err)?;
                }
                Value::Number(n) => {
                    self.ws.write_number(r, c, n).map_err(err)?;
                }
                Value::Date(d) => {
                    let day = excel_date(d)?;
                    self.ws.write_datetime_with_format(r, c, &day, &self.date).map_err(err)?;
                }
                Value::Empty => {}
            }
        }
        self.next += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<Worksheet, String> {
        if self.columns > 0 {
            self.ws.autofilter(0, 0, self.next.saturating_sub(1), self.columns - 1).map_err(err)?;
        }
        // Widths measured on the first rows, as a person sees them; tens of thousands of rows
        // would only slow the measuring down.
        self.ws.set_autofit_max_row(AUTOFIT_ROWS);
        self.ws.set_autofit_max_width(MAX_WIDTH_PX);
        self.ws.autofit();
        Ok(self.ws)
    }
}

fn col(c: usize) -> Result<u16, String> {
    u16::try_from(c).map_err(|_| "demasiadas columnas".to_string())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, String> {
    let year = u16::try_from(d.year()).map_err(|_| format!("fecha fuera de rango: {d}"))?;
    // Months and days always fit in a byte.
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).map_err(err)
}

/// The workbook's bytes.
pub fn bytes(sheets: Vec<Sheet>) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    for s in sheets {
        book.push_worksheet(s.finish()?);
    }
    book.save_to_buffer().map_err(err)
}

/// Writes the workbook where `--xlsx` says, and says where it went.
pub fn write(store: &Store, args: &XlsxArgs, sheets: Vec<Sheet>) -> Result<(), String> {
    let Some(path) = &args.xlsx else { return Ok(()) };
    let dest = Dest::of(path);
    let protected = super::protected(store);
    // Refused before the work of building it, and again (atomically) when writing.
    crate::output::check(&dest, args.sobrescribir, &protected).map_err(|e| e.to_string())?;
    let data = bytes(sheets)?;
    crate::output::write(&dest, &data, args.sobrescribir, &protected).map_err(|e| e.to_string())?;
    if let Dest::File(p) = &dest {
        outln!("Hoja de Excel escrita en {}.", p.display());
    }
    Ok(())
}
