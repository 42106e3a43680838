//! Where each known column is in the sheet, and a row read as a report.

use chrono::NaiveDate;

use super::Problem;
use super::cells::{Cell, Sheet, cell_at, date, letter, percent, text};
use crate::domain::Labeled;
use crate::domain::dates::check_plausible;
use crate::domain::followup::EvidenceKind;
use crate::domain::text::fold;
use crate::store::followup::{Evidence, Report};

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

/// The store names fields as data files do; the sheet's columns have their own names.
pub(super) fn column_of(field: &str) -> &'static str {
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
pub(super) fn normalize(header: &str) -> String {
    let folded = fold(header).replace(['-', ' '], "_");
    let words: Vec<&str> = folded.split('_').filter(|w| !w.is_empty()).collect();
    match words.join("_").as_str() {
        "tipo_de_evidencia" => "tipo_evidencia".into(),
        other => other.into(),
    }
}

/// Where each known column is in the sheet (A = 0).
#[derive(Debug, Clone)]
pub(super) struct Layout {
    positions: Vec<(&'static str, usize)>,
    letters: bool,
}

impl Layout {
    pub fn of(sheet: &Sheet) -> Result<Layout, Vec<Problem>> {
        let mut positions: Vec<(&'static str, usize)> = Vec::new();
        let mut problems = Vec::new();
        let letter_of = |i: usize| sheet.letters.then(|| letter(i));
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
        if problems.is_empty() { Ok(Layout { positions, letters: sheet.letters }) } else { Err(problems) }
    }

    pub fn at(&self, row: usize, col: &'static str, message: impl Into<String>) -> Problem {
        let letter = self.positions.iter().find(|(c, _)| *c == col).filter(|_| self.letters).map(|(_, i)| letter(*i));
        Problem { row, column: Some(col), letter, message: message.into() }
    }

    fn cell<'c>(&self, cells: &'c [(usize, Cell)], col: &str) -> &'c Cell {
        self.positions.iter().find(|(c, _)| *c == col).map_or(&Cell::Empty, |(_, i)| cell_at(cells, *i))
    }

    /// Blank as far as the importer is concerned: spreadsheets keep formatted empty rows at the end.
    pub fn is_blank(&self, cells: &[(usize, Cell)]) -> bool {
        self.positions.iter().all(|(c, _)| *self.cell(cells, c) == Cell::Empty)
    }

    /// The row as a report, or every problem in its cells. `institution` finds an institution
    /// by siglas or name.
    pub fn parse(
        &self,
        row: usize,
        cells: &[(usize, Cell)],
        institution: &dyn Fn(&str) -> Option<i64>,
        today: NaiveDate,
    ) -> Result<(String, Report), Vec<Problem>> {
        let mut r = RowReader { layout: self, row, cells, problems: Vec::new() };
        let number =
            r.need("acuerdo", text, "falta el número del acuerdo o de la actividad, p. ej. CITDP/SO-21/2024/03");
        let on = r.need("fecha", date, "falta la fecha del avance (AAAA-MM-DD o DD/MM/AAAA)");
        let on = on.filter(|d| match check_plausible(*d, today) {
            Ok(()) => true,
            Err(m) => {
                r.fail("fecha", m);
                false
            }
        });
        let what = r.need("avance", text, "describa el avance");
        let percent = r.get("porcentaje", percent);
        let institution = r.get("institucion", text).and_then(|q| {
            let found = institution(&q);
            if found.is_none() {
                r.fail("institucion", format!("no hay ninguna institución con siglas «{q}»"));
            }
            found
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
    cells: &'a [(usize, Cell)],
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
