//! `acuerdos`, `actividades` and `avance`: the commitments a secretariat chases, and
//! reporting progress on them.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use super::commitment_rows::{Format, Lookup};
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
    let format = if f.json {
        Format::Json
    } else if f.csv {
        Format::Csv(source)
    } else {
        Format::Table(source)
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Rows are written as they are read, already in order, so tens of thousands of them are
    // never held in memory; a failed write (`| head` closing the pipe) ends the walk.
    let mut written = format.start(&mut out);
    let mut count = 0;
    if written.is_ok() {
        followup::each(conn, &filter, |t| {
            written = format.row(&mut out, &look.json(t), count);
            count += 1;
            if written.is_ok() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
        })
        .map_err(err)?;
    }
    // A closed stdout ends the listing quietly.
    let _ = written.and_then(|()| format.end(&mut out)).and_then(|()| out.flush());
    Ok(())
}

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
    let done = ops::run(store, ctx, op).map_err(|e| match e {
        OpError::Invalid { field: "institucion", message } => format!("--institucion: {message}"),
        other => other.to_string(),
    })?;
    let status =
        done.detail.as_deref().and_then(crate::domain::agreement::AgreementStatus::from_code).map_or("", |s| s.label());
    let what = followup::by_number(store.conn(), a.numero).map_or("el compromiso", |t| t.source.with_article());
    outln!("Avance registrado en {} ({what}); estado «{status}».", a.numero.trim());
    Ok(())
}
