//! `acuerdos`, `actividades` and `avance`: the commitments a secretariat chases, and
//! reporting progress on them.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use super::commitment_rows::{self as rows, CommitmentJson, Lookup};
use super::sheet::Csv;
use super::table::{Table, display_width, fit, terminal_width};
use super::xlsx::{Sheet, Value};
use super::{ListArgs, lookup};
use crate::domain::Labeled;
use crate::domain::agreement::AgreementStatus;
use crate::domain::dates::parse_date;
use crate::domain::followup::{EvidenceKind, Source};
use crate::domain::minutes::sha256_bytes;
use crate::ops::{self, Context, Op, OpError};
use crate::store::followup::{self, Evidence, ListFilter};
use crate::store::plans::{self, ActivityPlan};
use crate::store::{Store, bodies, institutions};
use chrono::NaiveDate;

type Result<T> = std::result::Result<T, String>;

/// `acuerdos` or `actividades`.
pub fn list(store: &Store, source: Source, f: &ListArgs, today: NaiveDate) -> Result<()> {
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let all_bodies = bodies::list(conn).map_err(err)?;
    let insts = institutions::list(conn).map_err(err)?;
    let date =
        |flag: &str, v: &Option<String>| v.as_deref().map(parse_date).transpose().map_err(|e| format!("{flag}: {e}"));
    let filter = ListFilter {
        source: Some(source),
        body: f.organo.as_deref().map(|s| lookup::body(conn, s).map(|b| b.id)).transpose()?,
        institution: f.institucion.as_deref().map(|q| lookup::institution(conn, q)).transpose()?,
        status: f
            .estado
            .as_deref()
            .map(AgreementStatus::parse_label)
            .transpose()
            .map_err(|e| format!("--estado: {e}"))?,
        overdue_on: f.vencidos.then_some(today),
        due_from: date("--desde", &f.desde)?,
        due_to: date("--hasta", &f.hasta)?,
    };
    let plans: HashMap<i64, ActivityPlan> = match source {
        Source::Activity => plans::all_details(conn).map_err(err)?,
        Source::Agreement => HashMap::new(),
    };
    let look = Lookup {
        plans,
        acronyms: insts.iter().map(|i| (i.id, i.acronym.as_str())).collect(),
        bodies: all_bodies.iter().map(|b| (b.id, b.acronym.as_str())).collect(),
        today,
    };
    let separator = f.hoja.separator()?;
    let walk = |row: &mut dyn FnMut(&CommitmentJson) -> std::io::Result<()>| -> Result<std::io::Result<()>> {
        let mut written = Ok(());
        followup::each(conn, &filter, |t| {
            written = row(&look.json(t));
            if written.is_ok() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
        })
        .map_err(err)?;
        Ok(written)
    };
    // Rows are written as they are read, already in order, so tens of thousands of them are
    // never held in memory; a failed write (`| head` closing the pipe) ends the walk quietly.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if f.json {
        let mut count = 0;
        let written = match rows::json_start(&mut out) {
            Ok(()) => walk(&mut |r| {
                count += 1;
                rows::json_next(&mut out, r, count - 1)
            })?,
            Err(e) => Err(e),
        };
        let _ = written.and_then(|()| rows::json_end(&mut out)).and_then(|()| out.flush());
        return Ok(());
    }
    if let Some(sep) = separator {
        let written = match Csv::start(&mut out, sep, rows::sheet_headers(source)) {
            Ok(mut csv) => walk(&mut |r| csv.row(rows::sheet_cells(source, r).iter().map(Value::csv)))?,
            Err(e) => Err(e),
        };
        let _ = written.and_then(|()| out.flush());
        return Ok(());
    }
    if f.excel.xlsx.is_some() {
        // A workbook is built whole in memory before it is written (the format is a zip).
        let name = match source {
            Source::Agreement => "Acuerdos",
            Source::Activity => "Actividades",
        };
        let mut sheet = Sheet::new(name, rows::sheet_headers(source))?;
        let mut failed = None;
        let _ = walk(&mut |r| match sheet.row(rows::sheet_cells(source, r)) {
            Ok(()) => Ok(()),
            Err(e) => {
                failed = Some(e);
                Err(std::io::Error::other("xlsx"))
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        return super::xlsx::write(store, &f.excel, vec![sheet]);
    }
    // The table: a first walk measures the columns, the second draws the rows in parts of
    // fixed widths, so they line up without the whole list in memory (cells are made
    // printable by `Table::row`).
    let headers = rows::table_headers(source);
    let mut widths: Vec<u16> = headers.iter().map(|(h, _)| display_width(h)).collect();
    walk(&mut |r| {
        for (w, cell) in widths.iter_mut().zip(rows::table_cells(r)) {
            *w = (*w).max(display_width(&cell));
        }
        Ok(())
    })?
    .map_err(|e| e.to_string())?;
    let width = terminal_width();
    let widths = fit(&widths, &rows::TABLE_WRAPS, width, 12);
    let mut part = Table::with_width(&headers, width);
    let mut in_part = 0;
    let written = walk(&mut |r| {
        part.row(rows::table_cells(r));
        in_part += 1;
        if in_part < PART {
            return Ok(());
        }
        part.fix_widths(&widths);
        let text = part.text();
        part = Table::headless(&headers, width);
        in_part = 0;
        out.write_all(text.as_bytes())
    })?;
    part.fix_widths(&widths);
    let text = part.text();
    let _ = written.and_then(|()| out.write_all(text.as_bytes())).and_then(|()| out.flush());
    Ok(())
}

/// Rows drawn at a time by the table of `acuerdos` and `actividades`.
const PART: usize = 512;

pub struct ProgressArgs<'a> {
    pub numero: &'a str,
    pub texto: &'a str,
    pub porcentaje: Option<u32>,
    pub evidencia: Option<&'a str>,
    pub tipo: &'a str,
    pub archivo: Option<&'a Path>,
    pub fecha: Option<&'a str>,
    pub institucion: Option<&'a str>,
    pub motivo: Option<&'a str>,
    pub json: bool,
}

pub fn avance(store: &mut Store, ctx: &Context, a: &ProgressArgs, today: NaiveDate) -> Result<()> {
    let on = a.fecha.map(parse_date).transpose().map_err(|e| format!("--fecha: {e}"))?.unwrap_or(today);
    let kind = EvidenceKind::parse_label(a.tipo).map_err(|e| format!("--tipo: {e}"))?;
    let file_sha256 = match a.archivo {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("--archivo: no se pudo leer «{}»: {e}", path.display()))?;
            // The hash of the exact bytes proves later which file was presented.
            Some(sha256_bytes(&bytes))
        }
        None => None,
    };
    let reference = a
        .evidencia
        .map(str::to_string)
        .or_else(|| a.archivo.and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()));
    let op = Op::AddProgress {
        number: a.numero.trim().to_string(),
        on,
        text: a.texto.to_string(),
        percent: a.porcentaje,
        institution: a.institucion.map(str::to_string),
        evidence: reference.map(|reference| Evidence { kind, reference, file_sha256 }),
        reason: a.motivo.map(str::to_string),
    };
    let code = op.code();
    let done = ops::run(store, ctx, op).map_err(|e| match e {
        OpError::Invalid { field: "institucion", message } => format!("--institucion: {message}"),
        other => other.to_string(),
    })?;
    let status =
        done.detail.as_deref().and_then(crate::domain::agreement::AgreementStatus::from_code).map_or("", |s| s.label());
    let tracked = followup::by_number(store.conn(), a.numero);
    if a.json {
        let mut answer =
            super::changed::Answer::new(done.seq, &code).with("numero", a.numero.trim()).with("estado", status);
        if let Ok(t) = &tracked {
            answer = answer.with("fuente", t.source.label()).with("avance", t.progress);
        }
        answer.print();
        return Ok(());
    }
    let what = tracked.map_or("el compromiso", |t| t.source.with_article());
    outln!("Avance registrado en {} ({what}); estado «{status}».", a.numero.trim());
    Ok(())
}
