//! `acta`, `actas` and `convocatoria`: printing the minutes and notices from the shell.

use std::path::Path;

use serde::Serialize;

use crate::domain::minutes::MinutesStatus;
use crate::domain::session::{SessionStatus, title};
use crate::export::document::Paper;
use crate::export::minutes_doc::acta;
use crate::export::print::Format;
use crate::export::{convocatoria, markdown};
use crate::ops::{self, Access, Context, Op};
use crate::store::record::SessionRecord;
use crate::store::{Store, bodies, minutes, notices, sessions};

use super::changed::Answer;
use super::table::{Align, Table};
use super::{CsvArgs, PrintArgs};
use crate::domain::Labeled;

type Result<T> = std::result::Result<T, String>;

fn options(p: &PrintArgs) -> Result<(Format, Paper)> {
    Ok((Format::parse(&p.formato)?, p.paper()?))
}

/// Writes the acta of `id`; a session not closed, or an acta not approved, prints as a draft.
/// An approved acta whose text no longer matches its SHA-256 is refused, and the print is
/// recorded in the bitácora.
pub fn acta_cmd(store: &mut Store, ctx: &Context, id: i64, print: &PrintArgs) -> Result<()> {
    let (format, paper) = options(print)?;
    if let Some(why) = crate::ops::verify::acta_tampered(store.conn(), id).map_err(|e| e.to_string())? {
        return Err(format!("no se imprime: {why}; «secretaria verificar» lo detalla"));
    }
    let a = acta(store.conn(), id).map_err(|e| e.to_string())?;
    let state = if a.draft { "borrador" } else { "aprobada" };
    print.write(store, &a.document(), format, paper, &format!("Acta ({state}) escrita"))?;
    let file = print.dest().describe();
    ops::access(store, ctx, Access::PrintActa { session: id, format: format.extension().into(), file })
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[derive(Serialize)]
struct ActaJson {
    sesion: i64,
    organo: String,
    titulo: String,
    fecha: Option<String>,
    estado: &'static str,
    enviada: Option<String>,
    observaciones: usize,
    aprobada_en: Option<i64>,
    sha256: Option<String>,
}

/// Every closed session's acta: stored ones with their cycle, the rest as drafts to generate.
pub fn actas_cmd(store: &Store, json: bool, hoja: &CsvArgs) -> Result<()> {
    let separator = hoja.separator()?;
    let conn = store.conn();
    let err = |e: crate::store::StoreError| e.to_string();
    let all = bodies::list(conn).map_err(err)?;
    let mut rows = Vec::new();
    for s in sessions::list(conn, &Default::default())
        .map_err(err)?
        .into_iter()
        .filter(|s| s.status == SessionStatus::Closed)
    {
        let Some(b) = all.iter().find(|b| b.id == s.body) else { continue };
        let m = minutes::get(conn, s.id).map_err(err)?;
        let status = m.as_ref().map_or(MinutesStatus::Draft, |m| m.status);
        // Observations are part of the review: the acta is still "enviada" until approved.
        let estado = match status {
            MinutesStatus::Draft => "borrador",
            MinutesStatus::Sent | MinutesStatus::Observations => "enviada",
            MinutesStatus::Approved => "aprobada",
        };
        rows.push(ActaJson {
            sesion: s.id,
            organo: b.acronym.clone(),
            titulo: title(s.number, s.kind, b.meeting_word),
            fecha: s.schedule.date().map(|d| d.to_string()),
            estado,
            enviada: m.as_ref().and_then(|m| m.sent_on).map(|d| d.to_string()),
            observaciones: minutes::observations(conn, s.id).map_err(err)?.len(),
            aprobada_en: m.as_ref().and_then(|m| m.approved_in),
            sha256: m.and_then(|m| m.sha256),
        });
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let number = |n: Option<i64>| n.map(|a| a.to_string()).unwrap_or_default();
    if let Some(sep) = separator {
        let headers =
            ["sesion", "organo", "titulo", "fecha", "estado", "enviada", "observaciones", "aprobada_en", "sha256"];
        let lines = rows.into_iter().map(|r| {
            vec![
                r.sesion.to_string(),
                r.organo,
                r.titulo,
                r.fecha.unwrap_or_default(),
                r.estado.to_string(),
                r.enviada.unwrap_or_default(),
                r.observaciones.to_string(),
                number(r.aprobada_en),
                r.sha256.unwrap_or_default(),
            ]
        });
        return super::sheet::print(sep, &headers, lines);
    }
    let mut table = Table::new(&[
        ("ID", Align::Right),
        ("ÓRGANO", Align::Left),
        ("ACTA DE LA", Align::Left),
        ("FECHA", Align::Left),
        ("ESTADO", Align::Left),
        ("APROBADA EN", Align::Left),
    ]);
    for r in rows {
        table.row([
            r.sesion.to_string(),
            r.organo,
            r.titulo,
            r.fecha.unwrap_or_default(),
            r.estado.to_string(),
            number(r.aprobada_en),
        ]);
    }
    table.print();
    Ok(())
}

/// Whether `convocatoria` issues the notice, even late, and answers in JSON.
pub struct Issue {
    pub emitir: bool,
    pub forzar: bool,
    pub json: bool,
}

/// Prints the convocatoria; with `emitir`, records it and convokes the session (refusing a
/// late notice unless `forzar`), and writes the .ics invitation when asked.
pub fn convocatoria_cmd(
    store: &mut Store,
    ctx: &Context,
    id: i64,
    print: &PrintArgs,
    ics_out: Option<&Path>,
    issue: Issue,
) -> Result<()> {
    let Issue { emitir, forzar, json } = issue;
    let (format, paper) = options(print)?;
    if json && (print.dest() == crate::output::Dest::Stdout || ics_out.is_some_and(|p| p.as_os_str() == "-")) {
        return Err("--json escribe en la salida estándar: el documento necesita un archivo en --salida".into());
    }
    print.check(store)?;
    if let Some(path) = ics_out {
        crate::output::check(&crate::output::Dest::of(path), print.sobrescribir, &super::protected(store))
            .map_err(|e| e.to_string())?;
    }
    let err = |e: crate::store::StoreError| e.to_string();
    let s = sessions::get(store.conn(), id).map_err(err)?.ok_or_else(|| format!("no existe la sesión {id}"))?;
    let date = s.schedule.date().ok_or("fije primero la fecha de la sesión: una convocatoria lleva fecha y hora")?;
    let today = chrono::Local::now().date_naive();
    let on = if emitir { today } else { notices::issued_on(store.conn(), id).map_err(err)?.unwrap_or(today) };
    if emitir {
        let body = bodies::get(store.conn(), s.body).map_err(err)?.ok_or("el órgano no existe")?;
        if let Some(warning) = notices::late_warning(&body.rules, s.kind, on, date)
            && !forzar
        {
            return Err(format!("{warning}. Use «--forzar» para emitirla de todos modos."));
        }
    }
    let op = if emitir { Op::IssueNotice { session: id, on } } else { Op::PrepareAgenda { session: id } };
    let code = op.code();
    let done = ops::run(store, ctx, op).map_err(|e| e.to_string())?;
    if emitir && !json {
        outln!("Convocatoria emitida el {on}; la sesión queda «convocada».");
    }
    let record = SessionRecord::load(store.conn(), id).map_err(err)?;
    let sources = crate::export::sources::Sources::load(store.conn(), &record, Vec::new()).map_err(err)?;
    for warning in convocatoria::warnings(&record, &sources) {
        eprintln!("aviso: {warning}");
    }
    let text = convocatoria::generate(&record, &sources, on);
    let issued = emitir || notices::issued_on(store.conn(), id).map_err(err)?.is_some();
    if let Some(path) = ics_out {
        let stamp = chrono::Utc::now().naive_utc();
        let calendar = convocatoria::invitation(store.conn(), &record, &sources, stamp).map_err(err)?;
        let dest = crate::output::Dest::of(path);
        crate::output::write(&dest, calendar.as_bytes(), print.sobrescribir, &super::protected(store))
            .map_err(|e| e.to_string())?;
        if let crate::output::Dest::File(p) = &dest
            && !json
        {
            outln!("Invitación iCalendar escrita en {}.", p.display());
        }
    }
    let said = (!json).then_some("Convocatoria escrita");
    let doc = crate::export::document::Document {
        language: sources.style().language(),
        ..markdown::parse(&text, !issued, None)
    };
    print.write_document(store, &doc, (format, paper), said)?;
    if json {
        let mut answer = Answer::new(done.seq, &code)
            .with("sesion", id)
            .with("fecha", on.to_string())
            .with("estado", record.session.status.label())
            .with("archivo", print.salida.display().to_string());
        if let Some(path) = ics_out {
            answer = answer.with("ics", path.display().to_string());
        }
        answer.print();
    }
    Ok(())
}
