//! Progress on agreements reported by institutions in a spreadsheet (CSV or XLSX), one row per
//! report, Spanish headers in any order. All rows go in one transaction: one wrong cell and
//! nothing is written. Every problem is named by file, row as the spreadsheet shows it (the
//! header is row 1), and column (its header, and its letter in XLSX).
//!
//! - `cells`: a cell as read, and what it means for each kind of column;
//! - `csv` and `xlsx`: the two readers, each building the same sparse [`Sheet`]; `styles`
//!   finds the XLSX cells shown as percentages, which calamine does not tell;
//! - `layout`: where the known columns are, and a row read as a report.

mod cells;
mod csv;
mod layout;
mod styles;
mod xlsx;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::agreement::AgreementStatus;
use crate::domain::member::Institution;
use crate::domain::text::fold;
use crate::ops::Tx;
use crate::store::StoreError;
use crate::store::followup::ProgressBook;
use crate::store::institutions;

use cells::Sheet;
use layout::{Layout, column_of};

/// Problems shown at most; a sheet with a systematic mistake would otherwise flood the terminal.
const MAX_SHOWN: usize = 30;

/// Non-empty cells a sheet may have (a full row of the eight columns for 250,000 reports):
/// beyond that it is not a progress report, and reading it would only exhaust memory.
pub const MAX_CELLS: usize = 2_000_000;

/// Columns read, A to IV: a cell with data further right is refused rather than skipped.
pub const MAX_COLUMNS: usize = 256;

/// Rows between two calls of the progress callback.
const PROGRESS_EVERY: usize = 500;

/// One thing wrong, where the user will look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Spreadsheet row (header = 1); 0 when the problem is the file as a whole.
    pub row: usize,
    /// The column's header, e.g. "porcentaje".
    pub column: Option<&'static str>,
    /// Its letter, in XLSX files, where users navigate by letters.
    pub letter: Option<String>,
    pub message: String,
}

/// Why nothing was imported: every problem found, in row order (cells that cannot be read and
/// the store's refusals), so the sheet can be fixed in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Problem {
    fn new(row: usize, message: impl Into<String>) -> Problem {
        Problem { row, column: None, letter: None, message: message.into() }
    }

    /// A problem with the file as a whole.
    fn whole(message: impl Into<String>) -> Problem {
        Problem::new(0, message)
    }
}

impl ProgressError {
    fn whole(file: &str, message: impl Into<String>) -> ProgressError {
        ProgressError { file: file.into(), problems: vec![Problem::whole(message)] }
    }
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if !self.file.is_empty() {
                write!(f, "{}", self.file)?;
                if p.row > 0 {
                    write!(f, ", fila {}", p.row)?;
                }
                if let Some(c) = p.column {
                    write!(f, ", columna «{c}»")?;
                    if let Some(l) = &p.letter {
                        write!(f, " ({l})")?;
                    }
                }
                write!(f, ": ")?;
            }
            write!(f, "{}", p.message)?;
        }
        let n = self.problems.len();
        if n > MAX_SHOWN {
            write!(f, "\n… y {} problemas más.", n - MAX_SHOWN)?;
        }
        if n > 1 {
            write!(f, "\nNo se importó ningún avance: corrija los {n} problemas y vuelva a importar el archivo.")?;
        }
        Ok(())
    }
}

impl std::error::Error for ProgressError {}

/// `Store::write` needs it for failures outside any row (opening or committing the transaction).
impl From<StoreError> for ProgressError {
    fn from(e: StoreError) -> Self {
        ProgressError::whole("", e.to_string())
    }
}

/// What an import recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub file: String,
    /// Progress entries recorded, one per row.
    pub reports: usize,
    /// Distinct agreements they were about.
    pub agreements: usize,
    /// Numbers of the agreements that became cumplido, in row order.
    pub fulfilled: Vec<String>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reports {
            1 => write!(f, "Importado 1 avance de {}", self.file)?,
            n => write!(f, "Importados {n} avances de {}", self.file)?,
        }
        match self.fulfilled.len() {
            0 => write!(f, ": ningún acuerdo quedó cumplido."),
            1 => write!(f, ": 1 acuerdo quedó cumplido ({}).", self.fulfilled[0]),
            n => write!(f, ": {n} acuerdos quedaron cumplidos ({}).", self.fulfilled.join(", ")),
        }
    }
}

/// Told how far an import has gone: rows done, rows in all. The CLI draws a bar with it.
pub type Reporter = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

/// A spreadsheet read and its columns recognised: what the import operation writes.
#[derive(Clone)]
pub struct ProgressSheet {
    sheet: Sheet,
    layout: Layout,
    reporter: Option<Reporter>,
}

impl fmt::Debug for ProgressSheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgressSheet").field("rows", &self.rows()).finish_non_exhaustive()
    }
}

impl ProgressSheet {
    /// Rows after the header (blank ones included).
    pub fn rows(&self) -> usize {
        self.sheet.rows.len()
    }

    /// Whoever runs the import (the CLI's progress bar) is told how far it has gone.
    pub fn with_reporter(mut self, reporter: Reporter) -> ProgressSheet {
        self.reporter = Some(reporter);
        self
    }

    /// Tells the reporter, if there is one.
    pub fn report(&self, done: usize, total: usize) {
        if let Some(r) = &self.reporter {
            r(done, total);
        }
    }
}

/// Reads `path` (.csv or .xlsx) and recognises its columns; nothing is written yet.
pub fn read(path: &Path) -> Result<ProgressSheet, ProgressError> {
    let file = path.display().to_string();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let sheet = match ext.as_str() {
        "csv" => std::fs::read(path).map_err(|e| Problem::whole(unreadable(&e))).and_then(|b| csv::read_csv(&b)),
        "xlsx" | "xlsm" => xlsx::read_xlsx(path),
        "xls" | "ods" => Err(Problem::whole(
            "este formato de hoja de cálculo no se admite; guárdela como libro de Excel (.xlsx) o como CSV",
        )),
        _ => Err(Problem::whole("no es una hoja de cálculo que se pueda importar; use un archivo .csv o .xlsx")),
    }
    .map_err(|p| ProgressError { file: file.clone(), problems: vec![p] })?;
    let layout = Layout::of(&sheet).map_err(|problems| ProgressError { file: file.clone(), problems })?;
    Ok(ProgressSheet { sheet, layout, reporter: None })
}

/// Why a file could not be opened, in Spanish (the system's words only as a detail).
fn unreadable(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no existe el archivo; revise el nombre y la carpeta".into(),
        ErrorKind::PermissionDenied => "no tiene permiso para leer el archivo".into(),
        ErrorKind::IsADirectory => "es una carpeta, no un archivo".into(),
        _ => format!("no se pudo leer el archivo (error del sistema: {e})"),
    }
}

/// Institutions by siglas (any case) and by name (without accents or case), as the list
/// orders them: the first that matches either way wins, as a search of the list would.
struct InstitutionIndex {
    by_acronym: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    ids: Vec<i64>,
}

impl InstitutionIndex {
    fn new(list: &[Institution]) -> InstitutionIndex {
        let mut index = InstitutionIndex {
            by_acronym: HashMap::with_capacity(list.len()),
            by_name: HashMap::with_capacity(list.len()),
            ids: list.iter().map(|i| i.id).collect(),
        };
        for (n, i) in list.iter().enumerate() {
            index.by_acronym.entry(i.acronym.to_ascii_lowercase()).or_insert(n);
            index.by_name.entry(fold(&i.name)).or_insert(n);
        }
        index
    }

    fn find(&self, query: &str) -> Option<i64> {
        let a = self.by_acronym.get(&query.to_ascii_lowercase());
        let n = self.by_name.get(&fold(query));
        let first = match (a, n) {
            (Some(a), Some(n)) => Some(a.min(n)),
            (a, n) => a.or(n),
        };
        first.and_then(|i| self.ids.get(*i).copied())
    }
}

/// Records every row of the sheet, or none: each problem is reported with its row and column.
/// Dates are judged plausible against `today`; `progress` is told (rows done, rows in all) as
/// the rows go in. Each agreement is looked up once and each row costs the same, so the time
/// grows with the rows, not with their square.
pub fn apply(
    tx: &Tx,
    file: &str,
    read: &ProgressSheet,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary, ProgressError> {
    let (sheet, layout) = (&read.sheet, &read.layout);
    let whole = |message: String| ProgressError::whole(file, message);
    let insts = InstitutionIndex::new(&institutions::list(tx).map_err(|e| whole(e.to_string()))?);
    let mut problems = Vec::new();
    let mut summary = ImportSummary { file: file.into(), reports: 0, agreements: 0, fulfilled: Vec::new() };
    let mut parsed = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        if layout.is_blank(&row.cells) {
            continue;
        }
        match layout.parse(row.number, &row.cells, &|q| insts.find(q), today) {
            Ok((number, report)) => parsed.push((row.number, number, report)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    let total = sheet.rows.len();
    let mut book =
        ProgressBook::new(tx, parsed.iter().map(|(_, n, _)| n.as_str())).map_err(|e| whole(e.to_string()))?;
    let mut seen = HashSet::new();
    for (i, (row, number, report)) in parsed.into_iter().enumerate() {
        if i % PROGRESS_EVERY == 0 {
            progress(i, total);
        }
        // Later rows still run against the store, so refusals of every row are reported
        // together; the transaction is rolled back by the caller if there was any.
        if book.already_recorded(tx, &number, &report) {
            problems.push(layout.at(
                row,
                "avance",
                "este avance ya está registrado (mismo acuerdo, fecha y texto); si el archivo ya se había importado, quite la fila",
            ));
            continue;
        }
        match book.add(tx, &number, &report) {
            Ok(status) => {
                summary.reports += 1;
                if status == AgreementStatus::Done {
                    summary.fulfilled.push(number.clone());
                }
                seen.insert(number);
            }
            Err(StoreError::Invalid { field, message }) => problems.push(layout.at(row, column_of(field), message)),
            Err(StoreError::Refused(message)) => problems.push(layout.at(row, "acuerdo", message)),
            Err(other) => return Err(whole(format!("fila {row}: {other}"))),
        }
    }
    progress(total, total);
    // Problems of unreadable cells came first; the store's refusals after them: row order.
    problems.sort_by_key(|p| p.row);
    if !problems.is_empty() {
        return Err(ProgressError { file: file.into(), problems });
    }
    if summary.reports == 0 {
        return Err(whole("no hay avances: después de los encabezados no hay filas con datos".into()));
    }
    summary.agreements = seen.len();
    Ok(summary)
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "progress_fuzz.rs"]
mod fuzz;
