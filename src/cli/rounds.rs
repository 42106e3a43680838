//! `ronda`: follow-up rounds from the shell — open one, print its oficios, record when each
//! went out and when each answer came, and see who has not answered.

use chrono::{DateTime, Local, NaiveDate};
use serde::Serialize;

use super::changed::Answer;
use super::table::{Align, Table};
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
    let mut table = Table::new(&[
        ("INSTITUCIÓN", Align::Left),
        ("OFICIO", Align::Left),
        ("COMPR.", Align::Right),
        ("ENVIADA", Align::Left),
        ("RESPONDIDA", Align::Left),
        ("RESPUESTA", Align::Left),
    ]);
    for q in &reqs {
        let answer = if q.awaiting() { "← sin respuesta" } else { q.answer_ref.as_deref().unwrap_or("") };
        table.row([
            q.acronym.clone(),
            q.reference.clone(),
            q.items.len().to_string(),
            q.sent_on.map_or("—".into(), |d| d.to_string()),
            q.answered_on.map_or("—".into(), |d| d.to_string()),
            answer.to_string(),
        ]);
    }
    table.print();
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
        RoundCommand::Nueva { organo, corte, json } => {
            let body = body_id(store, &organo)?;
            let cutoff = date_or("--corte", corte.as_deref(), today)?;
            let op = Op::OpenRound { body, cutoff, at: now.naive_local() };
            let code = op.code();
            let done = ops::run(store, ctx, op).map_err(op_err)?;
            let id = done.id.unwrap_or_default();
            if json {
                let requests = rounds::requests(store.conn(), id).map_err(err)?;
                Answer::new(done.seq, &code)
                    .with("ronda", id)
                    .with("organo", organo.trim().to_uppercase())
                    .with("corte", cutoff.to_string())
                    .with("solicitudes", requests.len())
                    .print();
                return Ok(());
            }
            show(store, id, false)
        }
        RoundCommand::Lista { organo, json, hoja } => {
            let separator = hoja.separator()?;
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
            let cells = |j: &RoundJson| {
                vec![
                    j.ronda.to_string(),
                    j.organo.clone(),
                    j.corte.clone(),
                    j.solicitudes.to_string(),
                    j.enviadas.to_string(),
                    j.respondidas.to_string(),
                    j.sin_respuesta.join(", "),
                ]
            };
            if json {
                outln!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            } else if let Some(sep) = separator {
                let headers = ["ronda", "organo", "corte", "solicitudes", "enviadas", "respondidas", "sin_respuesta"];
                super::sheet::print(sep, &headers, out.iter().map(cells))?;
            } else {
                let mut table = Table::new(&[
                    ("RONDA", Align::Right),
                    ("ÓRGANO", Align::Left),
                    ("CORTE", Align::Left),
                    ("SOLICITUDES", Align::Right),
                    ("ENVIADAS", Align::Right),
                    ("RESPONDIDAS", Align::Right),
                    ("SIN RESPUESTA", Align::Left),
                ]);
                for j in &out {
                    table.row(cells(j));
                }
                table.print();
            }
            Ok(())
        }
        RoundCommand::Ver { id, json } => show(store, id, json),
        RoundCommand::Enviada { id, institucion, fecha, json } => {
            let on = date_or("--fecha", fecha.as_deref(), today)?;
            let institutions = institucion.map(|s| institution_id(store, &s).map(|i| vec![i])).transpose()?;
            if rounds::get(store.conn(), id).map_err(err)?.is_none() {
                return Err(format!("no existe la ronda {id}"));
            }
            let op = Op::MarkSent { round: id, institutions, on };
            let code = op.code();
            let done = ops::run(store, ctx, op).map_err(op_err)?;
            let sent = done.detail.and_then(|d| d.parse::<i64>().ok()).unwrap_or_default();
            if json {
                Answer::new(done.seq, &code)
                    .with("ronda", id)
                    .with("fecha", on.to_string())
                    .with("enviadas", sent)
                    .print();
                return Ok(());
            }
            outln!("Envío registrado el {on}: {}.", crate::domain::text::counted(sent, "solicitud", "solicitudes"));
            Ok(())
        }
        RoundCommand::Respuesta { id, institucion, fecha, oficio, json } => {
            let on = date_or("--fecha", fecha.as_deref(), today)?;
            let i = institution_id(store, &institucion)?;
            let op = Op::MarkAnswered { round: id, institution: i, on, reply: oficio.clone() };
            let code = op.code();
            let done = ops::run(store, ctx, op).map_err(op_err)?;
            if json {
                Answer::new(done.seq, &code)
                    .with("ronda", id)
                    .with("institucion", institucion.trim().to_uppercase())
                    .with("fecha", on.to_string())
                    .with("oficio", oficio)
                    .print();
                return Ok(());
            }
            outln!("Respuesta de {} registrada el {on}.", institucion.trim().to_uppercase());
            Ok(())
        }
        RoundCommand::Oficios { id, institucion, impresion } => {
            print(store, id, institucion.as_deref(), &impresion, today)
        }
    }
}
