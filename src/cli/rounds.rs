//! `ronda`: follow-up rounds from the shell — open one, print its oficios, record when each
//! went out and when each answer came, and see who has not answered.

use chrono::{DateTime, Local, NaiveDate};
use serde::Serialize;

use super::{PrintArgs, RoundCommand, lookup};
use crate::domain::dates::parse_date;
use crate::export::print::Format;
use crate::export::round_letters::round_letters;
use crate::ops::{self, Context, Op, OpError};
use crate::store::rounds::{self, Request, Round};
use crate::store::{Store, StoreError, bodies};

type Result<T> = std::result::Result<T, String>;

fn op_err(e: OpError) -> String {
    e.to_string()
}

fn err(e: StoreError) -> String {
    e.to_string()
}

fn body_id(store: &Store, siglas: &str) -> Result<i64> {
    lookup::body(store.conn(), siglas).map(|b| b.id)
}

fn institution_id(store: &Store, query: &str) -> Result<i64> {
    lookup::institution(store.conn(), query)
}

fn date_or(flag: &str, text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    text.map(|t| parse_date(t).map_err(|e| format!("{flag}: {e}"))).transpose().map(|d| d.unwrap_or(today))
}

#[derive(Serialize)]
struct RequestJson<'a> {
    institucion: &'a str,
    oficio: &'a str,
    compromisos: &'a [String],
    enviada: Option<String>,
    respondida: Option<String>,
    respuesta: Option<&'a str>,
    sin_respuesta: bool,
}

#[derive(Serialize)]
struct RoundJson<'a> {
    ronda: i64,
    organo: String,
    corte: String,
    solicitudes: usize,
    enviadas: usize,
    respondidas: usize,
    sin_respuesta: Vec<&'a str>,
    detalle: Vec<RequestJson<'a>>,
}

fn round_json<'a>(store: &Store, r: &Round, reqs: &'a [Request]) -> Result<RoundJson<'a>> {
    let organo = bodies::get(store.conn(), r.body).map_err(err)?.map(|b| b.acronym).unwrap_or_default();
    Ok(RoundJson {
        ronda: r.id,
        organo,
        corte: r.cutoff.to_string(),
        solicitudes: reqs.len(),
        enviadas: reqs.iter().filter(|q| q.sent_on.is_some()).count(),
        respondidas: reqs.iter().filter(|q| q.answered_on.is_some()).count(),
        sin_respuesta: reqs.iter().filter(|q| q.awaiting()).map(|q| q.acronym.as_str()).collect(),
        detalle: reqs
            .iter()
            .map(|q| RequestJson {
                institucion: &q.acronym,
                oficio: &q.reference,
                compromisos: &q.items,
                enviada: q.sent_on.map(|d| d.to_string()),
                respondida: q.answered_on.map(|d| d.to_string()),
                respuesta: q.answer_ref.as_deref(),
                sin_respuesta: q.awaiting(),
            })
            .collect(),
    })
}

fn show(store: &Store, id: i64, json: bool) -> Result<()> {
    let r = rounds::get(store.conn(), id).map_err(err)?.ok_or_else(|| format!("no existe la ronda {id}"))?;
    let reqs = rounds::requests(store.conn(), id).map_err(err)?;
    let j = round_json(store, &r, &reqs)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&j).map_err(|e| e.to_string())?);
        return Ok(());
    }
    outln!(
        "Ronda {} de {} con corte al {}: {} solicitudes, {} enviadas, {} respondidas",
        j.ronda,
        j.organo,
        j.corte,
        j.solicitudes,
        j.enviadas,
        j.respondidas
    );
    outln!(
        "{:<12} {:<28} {:>6}  {:<10}  {:<10}  RESPUESTA",
        "INSTITUCIÓN",
        "OFICIO",
        "COMPR.",
        "ENVIADA",
        "RESPONDIDA"
    );
    for q in &reqs {
        let mark = if q.awaiting() { "  ← sin respuesta" } else { "" };
        outln!(
            "{:<12} {:<28} {:>6}  {:<10}  {:<10}  {}{mark}",
            q.acronym,
            q.reference,
            q.items.len(),
            q.sent_on.map_or("—".into(), |d| d.to_string()),
            q.answered_on.map_or("—".into(), |d| d.to_string()),
            q.answer_ref.as_deref().unwrap_or("")
        );
    }
    if !j.sin_respuesta.is_empty() {
        outln!("Sin respuesta: {}", j.sin_respuesta.join(", "));
    }
    Ok(())
}

fn print(store: &Store, id: i64, institucion: Option<&str>, p: &PrintArgs, today: NaiveDate) -> Result<()> {
    let (format, paper) = (Format::parse(&p.formato)?, p.paper()?);
    let institution = institucion.map(|s| institution_id(store, s)).transpose()?;
    let doc = round_letters(store.conn(), id, institution, today).map_err(err)?;
    p.write(store, &doc, format, paper, &format!("Oficios de la ronda {id} escritos"))?;
    Ok(())
}

pub fn run(store: &mut Store, ctx: &Context, command: RoundCommand, now: DateTime<Local>) -> Result<()> {
    let today = now.date_naive();
    match command {
        RoundCommand::Nueva { organo, corte } => {
            let body = body_id(store, &organo)?;
            let cutoff = date_or("--corte", corte.as_deref(), today)?;
            let done = ops::run(store, ctx, Op::OpenRound { body, cutoff, at: now.naive_local() }).map_err(op_err)?;
            show(store, done.id.unwrap_or_default(), false)
        }
        RoundCommand::Lista { organo, json } => {
            let body = organo.as_deref().map(|s| body_id(store, s)).transpose()?;
            let all = rounds::list_rounds(store.conn(), body).map_err(err)?;
            let mut out = Vec::with_capacity(all.len());
            let reqs: Vec<Vec<Request>> = all
                .iter()
                .map(|r| rounds::requests(store.conn(), r.id))
                .collect::<std::result::Result<_, _>>()
                .map_err(err)?;
            for (r, q) in all.iter().zip(&reqs) {
                out.push(round_json(store, r, q)?);
            }
            if json {
                outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            } else {
                outln!(
                    "{:>5}  {:<10} {:<10} {:>11} {:>8} {:>11}  SIN RESPUESTA",
                    "RONDA",
                    "ÓRGANO",
                    "CORTE",
                    "SOLICITUDES",
                    "ENVIADAS",
                    "RESPONDIDAS"
                );
                for j in &out {
                    outln!(
                        "{:>5}  {:<10} {:<10} {:>11} {:>8} {:>11}  {}",
                        j.ronda,
                        j.organo,
                        j.corte,
                        j.solicitudes,
                        j.enviadas,
                        j.respondidas,
                        j.sin_respuesta.join(", ")
                    );
                }
            }
            Ok(())
        }
        RoundCommand::Ver { id, json } => show(store, id, json),
        RoundCommand::Enviada { id, institucion, fecha } => {
            let on = date_or("--fecha", fecha.as_deref(), today)?;
            let institutions = institucion.map(|s| institution_id(store, &s).map(|i| vec![i])).transpose()?;
            if rounds::get(store.conn(), id).map_err(err)?.is_none() {
                return Err(format!("no existe la ronda {id}"));
            }
            let done = ops::run(store, ctx, Op::MarkSent { round: id, institutions, on }).map_err(op_err)?;
            let sent = done.detail.and_then(|d| d.parse::<i64>().ok()).unwrap_or_default();
            outln!("Envío registrado el {on}: {}.", crate::domain::text::counted(sent, "solicitud", "solicitudes"));
            Ok(())
        }
        RoundCommand::Respuesta { id, institucion, fecha, oficio } => {
            let on = date_or("--fecha", fecha.as_deref(), today)?;
            let i = institution_id(store, &institucion)?;
            ops::run(store, ctx, Op::MarkAnswered { round: id, institution: i, on, reply: oficio }).map_err(op_err)?;
            outln!("Respuesta de {} registrada el {on}.", institucion.trim().to_uppercase());
            Ok(())
        }
        RoundCommand::Oficios { id, institucion, impresion } => {
            print(store, id, institucion.as_deref(), &impresion, today)
        }
    }
}
