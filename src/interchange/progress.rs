//! Progress on agreements reported by institutions in a spreadsheet (CSV or XLSX), one row per
//! report, Spanish headers in any order. All rows go in one transaction: one wrong cell and
//! nothing is written. Every problem is named by file, row as the spreadsheet shows it (the
//! header is row 1), and column (its header, and its letter in XLSX).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::parse_date;
use crate::domain::followup::EvidenceKind;
use crate::domain::member::Institution;
use crate::domain::text::fold;
use crate::ops::Tx;
use crate::store::StoreError;
use crate::store::followup::{self, Evidence, Report};
use crate::store::institutions;

/// The columns the importer understands, by their header in `docs/formato-datos.md`, and
/// whether they are required. A column is named by its header everywhere below.
const COLUMNS: [(&str, bool); 8] = [
    ("acuerdo", true),
    ("fecha", true),
    ("avance", true),
    ("porcentaje", false),
    ("institucion", false),
    ("tipo_evidencia", false),
    ("evidencia", false),
    ("motivo", false),
];

/// Problems shown at most; a sheet with a systematic mistake would otherwise flood the terminal.
const MAX_SHOWN: usize = 30;

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
}

impl ProgressError {
    fn whole(file: &str, message: impl Into<String>) -> ProgressError {
        ProgressError { file: file.into(), problems: vec![Problem::new(0, message)] }
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

/// A cell as read, before it is interpreted for its column.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell; `None` when its serial is not a calendar day.
    Date(Option<NaiveDate>),
    /// A formula error such as #N/A.
    Error(String),
}

/// The first worksheet (or the CSV) as rows of cells, with the header row apart.
#[derive(Debug, Clone)]
struct Sheet {
    header_row: usize,
    headers: Vec<String>,
    /// Absolute index of the first column, so XLSX letters match what Excel shows.
    first_col: usize,
    letters: bool,
    /// (spreadsheet row, cells)
    rows: Vec<(usize, Vec<Cell>)>,
}

/// A spreadsheet read and its columns recognised: what the import operation writes.
#[derive(Debug, Clone)]
pub struct ProgressSheet {
    sheet: Sheet,
    layout: Layout,
}

/// Reads `path` (.csv or .xlsx) and recognises its columns; nothing is written yet.
pub fn read(path: &Path) -> Result<ProgressSheet, ProgressError> {
    let file = path.display().to_string();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let sheet = match ext.as_str() {
        "csv" => std::fs::read(path).map_err(|e| format!("no se pudo leer: {e}")).and_then(|b| read_csv(&b)),
        "xlsx" | "xlsm" => read_xlsx(path),
        "xls" | "ods" => {
            Err("este formato de hoja de cálculo no se admite; guárdela como libro de Excel (.xlsx) o como CSV".into())
        }
        _ => Err("no es una hoja de cálculo que se pueda importar; use un archivo .csv o .xlsx".into()),
    }
    .map_err(|m| ProgressError::whole(&file, m))?;
    let layout = Layout::of(&sheet).map_err(|problems| ProgressError { file: file.clone(), problems })?;
    Ok(ProgressSheet { sheet, layout })
}

/// Records every row of the sheet, or none: each problem is reported with its row and column.
pub fn apply(tx: &Tx, file: &str, read: &ProgressSheet) -> Result<ImportSummary, ProgressError> {
    let (sheet, layout) = (&read.sheet, &read.layout);
    let file = file.to_string();
    (|| {
            let insts = institutions::list(tx)?;
            let mut problems = Vec::new();
            let mut summary = ImportSummary { file: file.clone(), reports: 0, agreements: 0, fulfilled: Vec::new() };
            let mut seen = BTreeSet::new();
            for (row, cells) in &sheet.rows {
                if layout.is_blank(cells) {
                    continue;
                }
                let (number, report) = match layout.parse(*row, cells, &insts) {
                    Ok(parsed) => parsed,
                    Err(mut p) => {
                        problems.append(&mut p);
                        continue;
                    }
                };
                // Later rows still run against the store, so refusals of every row are reported
                // together; the transaction is rolled back below if there was any.
                if already_recorded(tx, &number, &report) {
                    problems.push(layout.at(
                        *row,
                        "avance",
                        "este avance ya está registrado (mismo acuerdo, fecha y texto); si el archivo ya se había importado, quite la fila",
                    ));
                    continue;
                }
                match followup::add_progress(tx, &number, &report) {
                    Ok(status) => {
                        summary.reports += 1;
                        seen.insert(number.clone());
                        if status == AgreementStatus::Done {
                            summary.fulfilled.push(number);
                        }
                    }
                    Err(StoreError::Invalid { field, message }) => {
                        problems.push(layout.at(*row, column_of(field), message));
                    }
                    Err(StoreError::Refused(message)) => problems.push(layout.at(*row, "acuerdo", message)),
                    Err(other) => return Err(ProgressError::whole(&file, format!("fila {row}: {other}"))),
                }
            }
            if !problems.is_empty() {
                return Err(ProgressError { file: file.clone(), problems });
            }
            if summary.reports == 0 {
                return Err(ProgressError::whole(
                    &file,
                    "no hay avances: después de los encabezados no hay filas con datos",
                ));
            }
            summary.agreements = seen.len();
            Ok(summary)
        })()
        .map_err(|mut e: ProgressError| {
            if e.file.is_empty() {
                e.file = file.clone();
            }
            e
        })
}

/// The same agreement, date and text as an entry already there: a sheet imported twice, or a
/// row copied twice. An unknown agreement is left for `add_progress` to report.
fn already_recorded(conn: &rusqlite::Connection, number: &str, report: &Report) -> bool {
    followup::by_number(conn, number)
        .and_then(|t| followup::history(conn, t.source, t.id))
        .is_ok_and(|h| h.iter().any(|p| p.on == report.on && p.text == report.text.trim()))
}

/// The store names fields as data files do; the sheet's columns have their own names.
fn column_of(field: &str) -> &'static str {
    match field {
        "porcentaje" => "porcentaje",
        "fecha" => "fecha",
        "evidencia" => "evidencia",
        "texto" => "avance",
        "motivo" => "motivo",
        _ => "acuerdo",
    }
}

/// Accent-, case- and spacing-insensitive header: "Tipo de evidencia" → "tipo_evidencia".
fn normalize(header: &str) -> String {
    let folded = fold(header).replace(['-', ' '], "_");
    let words: Vec<&str> = folded.split('_').filter(|w| !w.is_empty()).collect();
    match words.join("_").as_str() {
        "tipo_de_evidencia" => "tipo_evidencia".into(),
        other => other.into(),
    }
}

/// A = 0, Z = 25, AA = 26…
fn letter(mut index: usize) -> String {
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

/// Where each known column is in the sheet.
#[derive(Debug, Clone)]
struct Layout {
    positions: Vec<(&'static str, usize)>,
    first_col: usize,
    letters: bool,
}

impl Layout {
    fn of(sheet: &Sheet) -> Result<Layout, Vec<Problem>> {
        let mut positions: Vec<(&'static str, usize)> = Vec::new();
        let mut problems = Vec::new();
        let letter_of = |i: usize| sheet.letters.then(|| letter(sheet.first_col + i));
        for (i, h) in sheet.headers.iter().enumerate() {
            let name = normalize(h);
            // Other columns (the agreement's text, notes) are left for the people who fill it in.
            let Some((col, _)) = COLUMNS.iter().find(|(n, _)| *n == name) else { continue };
            if let Some((_, earlier)) = positions.iter().find(|(c, _)| c == col) {
                let (a, b) = (letter_of(*earlier), letter_of(i));
                let where_ = a.zip(b).map(|(a, b)| format!(" ({a} y {b})")).unwrap_or_default();
                let message = format!("la columna aparece dos veces{where_}; deje solo una");
                problems.push(Problem { row: sheet.header_row, column: Some(col), letter: None, message });
            } else {
                positions.push((*col, i));
            }
        }
        let missing: Vec<String> = COLUMNS
            .iter()
            .filter(|(col, required)| *required && !positions.iter().any(|(c, _)| c == col))
            .map(|(col, _)| format!("«{col}»"))
            .collect();
        if !missing.is_empty() {
            let found: Vec<String> =
                sheet.headers.iter().filter(|h| !h.trim().is_empty()).map(|h| format!("«{}»", h.trim())).collect();
            let found = if found.is_empty() { "ninguno".to_string() } else { found.join(", ") };
            let what = match missing.len() {
                1 => format!("falta la columna obligatoria {}", missing[0]),
                _ => format!("faltan las columnas obligatorias {}", missing.join(", ")),
            };
            problems.push(Problem::new(
                sheet.header_row,
                format!(
                    "{what}; los encabezados deben incluir «acuerdo», «fecha» y «avance» (véase docs/formato-datos.md), y esta fila tiene {found}"
                ),
            ));
        }
        if problems.is_empty() {
            Ok(Layout { positions, first_col: sheet.first_col, letters: sheet.letters })
        } else {
            Err(problems)
        }
    }

    fn at(&self, row: usize, col: &'static str, message: impl Into<String>) -> Problem {
        let letter = self
            .positions
            .iter()
            .find(|(c, _)| *c == col)
            .filter(|_| self.letters)
            .map(|(_, i)| letter(self.first_col + i));
        Problem { row, column: Some(col), letter, message: message.into() }
    }

    fn cell<'c>(&self, cells: &'c [Cell], col: &str) -> &'c Cell {
        self.positions.iter().find(|(c, _)| *c == col).and_then(|(_, i)| cells.get(*i)).unwrap_or(&Cell::Empty)
    }

    /// Blank as far as the importer is concerned: spreadsheets keep formatted empty rows at the end.
    fn is_blank(&self, cells: &[Cell]) -> bool {
        self.positions.iter().all(|(c, _)| *self.cell(cells, c) == Cell::Empty)
    }

    /// The row as a report, or every problem in its cells.
    fn parse(&self, row: usize, cells: &[Cell], insts: &[Institution]) -> Result<(String, Report), Vec<Problem>> {
        let mut r = RowReader { layout: self, row, cells, problems: Vec::new() };
        let number =
            r.need("acuerdo", text, "falta el número del acuerdo o de la actividad, p. ej. CITDP/SO-21/2024/03");
        let on = r.need("fecha", date, "falta la fecha del avance (AAAA-MM-DD o DD/MM/AAAA)");
        let what = r.need("avance", text, "describa el avance");
        let percent = r.get("porcentaje", percent);
        let institution = r.get("institucion", text).and_then(|q| {
            let found = insts.iter().find(|i| i.acronym.eq_ignore_ascii_case(&q) || fold(&i.name) == fold(&q));
            if found.is_none() {
                r.fail("institucion", format!("no hay ninguna institución con siglas «{q}»"));
            }
            found.map(|i| i.id)
        });
        let kind = r.get("tipo_evidencia", |c| text(c)?.map(|k| EvidenceKind::parse_label(&k)).transpose());
        let reference = r.get("evidencia", text);
        let reason = r.get("motivo", text);
        if kind.is_some() && reference.is_none() {
            let m = "hay tipo de evidencia pero falta su referencia, p. ej. «Oficio SEGOB/UPMRIP/123/2024»";
            r.fail("evidencia", m);
        }
        match (number, on, what) {
            (Some(number), Some(on), Some(text)) if r.problems.is_empty() => {
                let kind = kind.unwrap_or(EvidenceKind::Letter);
                let evidence = reference.map(|reference| Evidence { kind, reference, file_sha256: None });
                Ok((number, Report { on, text, percent, institution, evidence, reason }))
            }
            _ => Err(r.problems),
        }
    }
}

/// One row being read, and the problems found in it so far.
struct RowReader<'a> {
    layout: &'a Layout,
    row: usize,
    cells: &'a [Cell],
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn fail(&mut self, col: &'static str, message: impl Into<String>) {
        self.problems.push(self.layout.at(self.row, col, message));
    }

    /// The value of `col`, or `None` with its problem noted.
    fn get<T>(&mut self, col: &'static str, read: impl Fn(&Cell) -> Result<Option<T>, String>) -> Option<T> {
        read(self.layout.cell(self.cells, col)).unwrap_or_else(|m| {
            self.fail(col, m);
            None
        })
    }

    /// A required column: an empty cell is a problem too.
    fn need<T>(&mut self, col: &'static str, read: fn(&Cell) -> Result<Option<T>, String>, missing: &str) -> Option<T> {
        let before = self.problems.len();
        let value = self.get(col, read);
        if value.is_none() && self.problems.len() == before {
            self.fail(col, missing);
        }
        value
    }
}

/// A number as people write it: 12, not 12.0.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

fn text(cell: &Cell) -> Result<Option<String>, String> {
    Ok(match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(s.clone()),
        Cell::Number(n) => Some(number_text(*n)),
        Cell::Date(d) => d.map(|d| d.to_string()),
        Cell::Error(e) => return Err(format!("la celda tiene un error de fórmula ({e})")),
    })
}

fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(Some(d)) => Ok(Some(*d)),
        Cell::Date(None) => Err("la celda de fecha no tiene un día válido del calendario".into()),
        Cell::Text(s) => parse_date(s).map(Some),
        Cell::Number(n) => Err(format!(
            "la celda tiene el número {}, no una fecha; dele formato de fecha o escriba AAAA-MM-DD",
            number_text(*n)
        )),
        Cell::Error(e) => Err(format!("la celda tiene un error de fórmula ({e})")),
    }
}

/// 0–100 as a whole number; "40", "40 %" and a numeric cell 40 are the same. Whether it is above
/// 100 is the store's rule, checked there.
fn percent(cell: &Cell) -> Result<Option<u32>, String> {
    let whole = |n: f64, shown: &str| {
        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
            Ok(Some(n as u32))
        } else if n > 0.0 && n < 1.0 {
            // What Excel stores when the cell has the % format: 40 % is 0.4.
            Err(format!(
                "«{shown}» no es un porcentaje de 0 a 100; si la celda tiene formato de porcentaje, quítelo y escriba el número ({})",
                number_text((n * 100.0).round())
            ))
        } else {
            Err(format!("el avance es un porcentaje entero de 0 a 100, no «{shown}»"))
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => whole(*n, &number_text(*n)),
        Cell::Text(s) => {
            let t = s.trim_end_matches('%').trim();
            match t.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => whole(n, s),
                _ => Err(format!("«{s}» no es un porcentaje; escriba un número entero de 0 a 100")),
            }
        }
        Cell::Date(_) => Err("la celda tiene formato de fecha; escriba un número entero de 0 a 100".into()),
        Cell::Error(e) => Err(format!("la celda tiene un error de fórmula ({e})")),
    }
}

/// Excel (Spanish locales) writes ';' where the decimal separator is ','; a tab when pasted.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    [b';', b'\t'].into_iter().find(|d| count(char::from(*d)) > count(',')).unwrap_or(b',')
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Excel's «CSV (delimitado por comas)» is Windows-1252, not UTF-8.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Rows as a spreadsheet numbers them: a blank line is a row, a line break inside a quoted
    // cell is not. csv's own line count can't be used: it skips blank lines and, with CRLF, a
    // record's position lags behind the line it is on.
    let bytes = text.as_bytes();
    let (mut seen, mut lines, mut inner_breaks) = (0, 0, 0);
    for record in reader.records() {
        // Only I/O and UTF-8 errors are possible here, and the input is a string in memory.
        let record = record.map_err(|e| format!("el CSV no se puede leer: {e}"))?;
        let mut start = record.position().map_or(seen, |p| p.byte() as usize).max(seen);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        lines += bytes.get(seen..start).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count());
        seen = start;
        let cells: Vec<Cell> = record
            .iter()
            .map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.trim().to_string()) })
            .collect();
        rows.push((lines + 1 - inner_breaks, cells));
        inner_breaks += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
    }
    sheet_of(rows, 0, false)
}

fn read_xlsx(path: &Path) -> Result<Sheet, String> {
    let unreadable = |e: calamine::XlsxError| format!("no se pudo leer como libro de Excel (.xlsx): {e}");
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(unreadable)?;
    let range = book.worksheet_range_at(0).ok_or("el libro no tiene hojas")?.map_err(unreadable)?;
    let Some((r0, c0)) = range.start() else {
        return Err("la primera hoja está vacía; la fila 1 debe llevar los encabezados".into());
    };
    let rows =
        range.rows().enumerate().map(|(i, row)| (r0 as usize + i + 1, row.iter().map(cell_of).collect())).collect();
    sheet_of(rows, c0 as usize, true)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.trim().to_string()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "VERDADERO" } else { "FALSO" }.into()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Date(NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)))
        }
        Data::DateTimeIso(s) => Cell::Date(s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The first row that has anything is the header.
fn sheet_of(rows: Vec<(usize, Vec<Cell>)>, first_col: usize, letters: bool) -> Result<Sheet, String> {
    let mut rows = rows.into_iter().skip_while(|(_, cells)| cells.iter().all(|c| *c == Cell::Empty));
    let Some((header_row, header)) = rows.next() else {
        return Err("el archivo está vacío; la fila 1 debe llevar los encabezados (acuerdo, fecha, avance…)".into());
    };
    let headers = header.iter().map(|c| text(c).ok().flatten().unwrap_or_default()).collect();
    Ok(Sheet { header_row, headers, first_col, letters, rows: rows.collect() })
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
