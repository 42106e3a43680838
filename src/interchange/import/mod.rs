//! Reading data files into the store, all files in one transaction. The record comes in as it
//! was: counts with their snapshot, approved actas with their hash, progress with its dates —
//! through the store's `insert_recorded` functions, which check that what a file says holds
//! together, never by replaying the live operations.

mod directory;
mod documents;
mod followup;
mod record;
mod sessions;
mod votes;

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use toml::Spanned;

use super::schema::{FileDoc, SessionDoc, Text};
use crate::domain::dates::{check_plausible, parse_date, parse_time};
use crate::ops::Tx;
use crate::store::StoreError;

/// What went wrong and where: file, line and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            return write!(f, "{}", self.message);
        }
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ", línea {}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ", campo «{}»", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub institutions: usize,
    pub bodies: usize,
    pub memberships: usize,
    pub representatives: usize,
    pub sessions: usize,
    pub activities: usize,
    pub votes: usize,
    pub agreements: usize,
    pub minutes: usize,
    pub rounds: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::domain::text::counted;
        let n = |v: usize| v as i64;
        write!(
            f,
            "{}, {}, {}, {}, {}",
            counted(n(self.institutions), "institución", "instituciones"),
            counted(n(self.bodies), "órgano", "órganos"),
            counted(n(self.memberships), "integrante", "integrantes"),
            counted(n(self.representatives), "representante", "representantes"),
            counted(n(self.sessions), "sesión", "sesiones")
        )?;
        for (count, one, many) in [
            (self.votes, "votación", "votaciones"),
            (self.agreements, "acuerdo", "acuerdos"),
            (self.minutes, "acta", "actas"),
            (self.activities, "actividad de programas de trabajo", "actividades de programas de trabajo"),
            (self.rounds, "ronda de seguimiento", "rondas de seguimiento"),
        ] {
            if count > 0 {
                write!(f, ", {}", counted(n(count), one, many))?;
            }
        }
        Ok(())
    }
}

pub(super) struct Ctx<'a> {
    name: &'a str,
    src: &'a str,
    /// Dates beyond ten years from today are refused as typos.
    today: NaiveDate,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.src.len());
        self.src.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
    }

    fn at(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            file: self.name.into(),
            line: self.line(span.start),
            field: field.into(),
            message: message.into(),
        }
    }

    /// A store refusal, placed on the field it names when the entry has it.
    fn store(
        &self,
        e: StoreError,
        locate: impl Fn(&str) -> Option<Range<usize>>,
        fallback: Range<usize>,
    ) -> ImportError {
        match e {
            StoreError::Invalid { field, message } => self.at(locate(field).unwrap_or(fallback), field, message),
            other => self.at(fallback, "", other.to_string()),
        }
    }

    fn parse<T>(&self, value: &Text, field: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, ImportError> {
        parse(value.get_ref()).map_err(|m| self.at(value.span(), field, m))
    }

    fn parse_opt<T>(
        &self,
        value: &Option<Text>,
        field: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ImportError> {
        value.as_ref().map(|v| self.parse(v, field, &parse)).transpose()
    }

    /// A date, which must be plausible for a commission's record.
    fn date(&self, value: &Text, field: &str) -> Result<NaiveDate, ImportError> {
        let d = self.parse(value, field, parse_date)?;
        check_plausible(d, self.today).map_err(|m| self.at(value.span(), field, m))?;
        Ok(d)
    }

    fn opt_date(&self, value: &Option<Text>, field: &str) -> Result<Option<NaiveDate>, ImportError> {
        value.as_ref().map(|v| self.date(v, field)).transpose()
    }

    /// A day and time as the record keeps them: "2024-02-21 10:02" (seconds optional).
    fn datetime(&self, value: &Text, field: &str) -> Result<NaiveDateTime, ImportError> {
        let text = value.get_ref().trim();
        let t = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .ok_or_else(|| {
                self.at(value.span(), field, format!("«{text}» no es una fecha y hora como «2024-02-21 10:00»"))
            })?;
        check_plausible(t.date(), self.today).map_err(|m| self.at(value.span(), field, m))?;
        Ok(t)
    }

    fn opt_datetime(&self, value: &Option<Text>, field: &str) -> Result<Option<NaiveDateTime>, ImportError> {
        value.as_ref().map(|v| self.datetime(v, field)).transpose()
    }

    fn opt_time(&self, value: &Option<Text>, field: &str) -> Result<Option<NaiveTime>, ImportError> {
        self.parse_opt(value, field, parse_time)
    }

    /// A year of the record: from 1990 to ten years from now.
    fn year(&self, value: &Spanned<i32>, field: &str) -> Result<i32, ImportError> {
        let y = *value.get_ref();
        let last = self.today.year().saturating_add(10);
        if !(1990..=last).contains(&y) {
            return Err(self.at(
                value.span(),
                field,
                format!("año {y} fuera de lo razonable: debe estar entre 1990 y {last}"),
            ));
        }
        Ok(y)
    }

    /// An `id` kept from the database the file came from: a positive number, or 0 when absent.
    fn id(&self, value: &Option<Spanned<i64>>) -> Result<i64, ImportError> {
        match value {
            Some(v) if *v.get_ref() < 1 => Err(self.at(v.span(), "id", "el id es un número de 1 en adelante")),
            Some(v) => Ok(*v.get_ref()),
            None => Ok(0),
        }
    }

    fn syntax(&self, e: &toml::de::Error) -> ImportError {
        let (field, message) = translate(e.message());
        let line = e.span().map_or(0, |s| self.line(s.start));
        ImportError { file: self.name.into(), line, field, message }
    }
}

/// serde's messages are English; say the common ones in Spanish.
fn translate(msg: &str) -> (String, String) {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    let first_line = msg.lines().next().unwrap_or(msg);
    if first_line.starts_with("missing field") {
        return (quoted(first_line), "falta este campo obligatorio".into());
    }
    if first_line.starts_with("unknown field") {
        return (
            quoted(first_line),
            "campo desconocido; revise la ortografía (los campos están en docs/formato-datos.md)".into(),
        );
    }
    if let Some(rest) = first_line.strip_prefix("invalid type: ") {
        let expected = rest.split("expected ").nth(1).unwrap_or("");
        let wanted = match expected {
            e if e.contains("string") => "texto entre comillas",
            e if e.contains("u32") || e.contains("i32") || e.contains("i64") || e.contains("integer") => {
                "un número entero"
            }
            e if e.contains("bool") => "true o false",
            e if e.contains("sequence") => "una lista",
            _ => "otro tipo de valor",
        };
        return (String::new(), format!("tipo de valor incorrecto: se esperaba {wanted}"));
    }
    if first_line.starts_with("invalid value") && first_line.contains("u32") {
        return (String::new(), "se esperaba un número entero positivo".into());
    }
    if first_line.starts_with("invalid value") && (first_line.contains("i32") || first_line.contains("i64")) {
        return (String::new(), "el número es demasiado grande".into());
    }
    if first_line.contains("recurse") || first_line.contains("recursion") {
        return (
            String::new(),
            "demasiados niveles anidados (tablas o listas dentro de otras): el formato no usa tantos".into(),
        );
    }
    if first_line.starts_with("duplicate key") {
        return (String::new(), "esta clave ya aparece antes en la misma tabla".into());
    }
    (String::new(), format!("error de sintaxis TOML: {}", first_line.trim()))
}

/// Imports every file into the operation's transaction: the first error rolls back the whole
/// import.
pub fn import_in(tx: &Tx, files: &[(String, String)]) -> Result<Summary, ImportError> {
    let today = chrono::Local::now().date_naive();
    let docs = parse_all(files, today)?;
    import_docs(tx, &docs)
}

fn parse_all(files: &[(String, String)], today: NaiveDate) -> Result<Vec<(Ctx<'_>, FileDoc)>, ImportError> {
    let mut docs = Vec::with_capacity(files.len());
    for (name, src) in files {
        // A byte-order mark (Notepad saves one) is not part of the data; its 3 bytes hold no line break.
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let ctx = Ctx { name, src, today };
        let doc = toml::from_str::<FileDoc>(src).map_err(|e| ctx.syntax(&e))?;
        docs.push((ctx, doc));
    }
    Ok(docs)
}

/// A session as imported: its id, the file it came from and what the file says.
pub(super) type Held<'a> = (i64, &'a Ctx<'a>, &'a SessionDoc);

fn import_docs<'a>(tx: &Tx, docs: &'a [(Ctx<'a>, FileDoc)]) -> Result<Summary, ImportError> {
    let mut summary = Summary::default();
    for (ctx, doc) in docs {
        directory::institutions(tx, ctx, doc, &mut summary)?;
    }
    // Bodies first without parents, so a parent may come later or from another file; those
    // that keep an id first, so none they keep is taken by one that gets a new one.
    let mut created = Vec::new();
    for keeps_id in [true, false] {
        for (ctx, doc) in docs {
            for b in doc.organos.iter().filter(|b| b.id.is_some() == keeps_id) {
                created.push((directory::body(tx, ctx, b)?, ctx, b));
            }
        }
    }
    summary.bodies = created.len();
    for (id, ctx, b) in &created {
        directory::link_parent(tx, ctx, *id, b)?;
        directory::members(tx, ctx, *id, b, &mut summary)?;
    }
    let mut held: Vec<Held> = Vec::new();
    for keeps_id in [true, false] {
        for (ctx, doc) in docs {
            for s in doc.sesiones.iter().filter(|s| s.id.is_some() == keeps_id) {
                held.push((sessions::session(tx, ctx, s)?, ctx, s));
            }
        }
    }
    summary.sessions = held.len();
    for (ctx, doc) in docs {
        for p in &doc.programas {
            summary.activities += followup::plan(tx, ctx, p)?;
        }
    }
    // Every session's record before any acta: an approved acta freezes its session's record.
    for (id, ctx, s) in &held {
        sessions::record(tx, ctx, *id, s, &mut summary)?;
    }
    for (id, ctx, s) in &held {
        if let Some(acta) = &s.acta {
            record::minutes(tx, ctx, *id, acta)?;
            summary.minutes += 1;
        }
    }
    record::check_books(tx, &held)?;
    for (ctx, doc) in docs {
        for r in &doc.rondas {
            followup::round(tx, ctx, r)?;
            summary.rounds += 1;
        }
    }
    Ok(summary)
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError { file: String::new(), line: 0, field: String::new(), message: e.to_string() }
    }
}

/// Where a field of an entry is, for the store's refusals.
fn locate<'a>(fields: &'a [(&'a str, Option<Range<usize>>)]) -> impl Fn(&str) -> Option<Range<usize>> + 'a {
    move |f| fields.iter().find(|(name, _)| *name == f).and_then(|(_, span)| span.clone())
}

/// The span of an optional field.
fn span<T>(v: &Option<Spanned<T>>) -> Option<Range<usize>> {
    v.as_ref().map(Spanned::span)
}
