//! Follow-up rounds (rondas de seguimiento): for a body and a cut-off date, one request per
//! responsible institution listing its open commitments, with when it was sent and when the
//! answer came. The list is frozen at the cut-off so the oficio can be printed again as sent.

use crate::ops::Tx;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::commitments::day;
use super::followup::{ListFilter, Tracked, list};
use super::{Result, StoreError, bodies, institutions, optional, time_text};
use crate::domain::followup::open;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    pub body: i64,
    pub cutoff: NaiveDate,
}

/// The request to one institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub institution: i64,
    pub acronym: String,
    pub name: String,
    /// The oficio's number, e.g. "CITDP/ST/RS-2026-11-24/03".
    pub reference: String,
    /// Commitment numbers, as they were open at the cut-off.
    pub items: Vec<String>,
    pub sent_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub answer_ref: Option<String>,
}

impl Request {
    /// Sent and not answered: whom to chase.
    pub fn awaiting(&self) -> bool {
        self.sent_on.is_some() && self.answered_on.is_none()
    }
}

/// The open commitments of `body` taken by `cutoff` (agreements of its sessions and
/// activities of its work plans), by responsible institution.
fn open_by_institution(conn: &Connection, body: i64, cutoff: NaiveDate) -> Result<BTreeMap<i64, Vec<Tracked>>> {
    let mut out: BTreeMap<i64, Vec<Tracked>> = BTreeMap::new();
    let filter = ListFilter { body: Some(body), ..ListFilter::default() };
    for t in list(conn, &filter)? {
        if !open(t.status) || t.start.is_some_and(|s| s > cutoff) {
            continue;
        }
        for i in &t.responsibles {
            out.entry(*i).or_default().push(t.clone());
        }
    }
    Ok(out)
}

/// Opens a round: one request per institution with open commitments. Returns its id.
pub fn create(conn: &Tx, body: i64, cutoff: NaiveDate, now: NaiveDateTime) -> Result<i64> {
    let b = bodies::get(conn, body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let exists: Option<i64> = optional(conn.query_row(
        "SELECT id FROM followup_rounds WHERE body_id = ?1 AND cutoff = ?2",
        params![body, cutoff.to_string()],
        |r| r.get(0),
    ))?;
    if let Some(id) = exists {
        return Err(StoreError::invalid(
            "corte",
            format!("{} ya tiene la ronda {id} con corte al {cutoff}", b.acronym),
        ));
    }
    let by_institution = open_by_institution(conn, body, cutoff)?;
    if by_institution.is_empty() {
        return Err(StoreError::Refused(format!(
            "{} no tiene compromisos abiertos al {cutoff}: no hay nada que solicitar",
            b.acronym
        )));
    }
    conn.execute(
        "INSERT INTO followup_rounds (body_id, cutoff, created_at) VALUES (?1, ?2, ?3)",
        params![body, cutoff.to_string(), time_text(now)],
    )?;
    let round = conn.last_insert_rowid();
    let mut insts: Vec<(String, i64, Vec<Tracked>)> = Vec::new();
    for (id, items) in by_institution {
        let acronym = institutions::get(conn, id)?.map(|i| i.acronym).unwrap_or_default();
        insts.push((acronym, id, items));
    }
    insts.sort_by(|a, b| a.0.cmp(&b.0));
    for (n, (_, institution, items)) in insts.iter().enumerate() {
        let reference = format!("{}/ST/RS-{cutoff}/{:02}", b.acronym, n + 1);
        let numbers: Vec<&str> = items.iter().map(|t| t.number.as_str()).collect();
        conn.execute(
            "INSERT INTO round_requests (round_id, institution_id, reference, items) VALUES (?1, ?2, ?3, ?4)",
            params![round, institution, reference, numbers.join("\n")],
        )?;
    }
    Ok(round)
}

/// When the round was opened.
pub fn created_at(conn: &Connection, id: i64) -> Result<Option<NaiveDateTime>> {
    Ok(optional(
        conn.query_row("SELECT created_at FROM followup_rounds WHERE id = ?1", [id], |r| super::time_col(r, 0)),
    )?
    .flatten())
}

/// Inserts a round as a data file records it, keeping its `id` when it has one (> 0): it is
/// the number people type (`ronda ver 3`). Its requests follow with `insert_request_recorded`.
pub fn insert_recorded(conn: &Tx, r: &Round, created: NaiveDateTime) -> Result<i64> {
    let b = bodies::get(conn, r.body)?.ok_or_else(|| StoreError::invalid("organo", "el órgano no existe"))?;
    if r.id > 0 && get(conn, r.id)?.is_some() {
        return Err(StoreError::invalid(
            "id",
            format!("el id {} ya es de otra ronda en esta base; quite «id» para que se asigne otro", r.id),
        ));
    }
    let exists: Option<i64> = optional(conn.query_row(
        "SELECT id FROM followup_rounds WHERE body_id = ?1 AND cutoff = ?2",
        params![r.body, r.cutoff.to_string()],
        |row| row.get(0),
    ))?;
    if let Some(id) = exists {
        return Err(StoreError::invalid(
            "corte",
            format!("{} ya tiene la ronda {id} con corte al {}", b.acronym, r.cutoff),
        ));
    }
    conn.execute(
        "INSERT INTO followup_rounds (id, body_id, cutoff, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![(r.id > 0).then_some(r.id), r.body, r.cutoff.to_string(), time_text(created)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Inserts one request of a round as a data file records it: the oficio, the commitments it
/// listed, and when it was sent and answered.
pub fn insert_request_recorded(conn: &Tx, round: i64, q: &Request) -> Result<()> {
    let r = get(conn, round)?.ok_or_else(|| StoreError::Refused(format!("no existe la ronda {round}")))?;
    if q.reference.trim().is_empty() {
        return Err(StoreError::invalid("oficio", "falta la referencia del oficio"));
    }
    let listed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM round_requests WHERE round_id = ?1 AND institution_id = ?2)",
        params![round, q.institution],
        |row| row.get(0),
    )?;
    if listed {
        return Err(StoreError::invalid("institucion", "la ronda ya tiene una solicitud para esa institución"));
    }
    for n in &q.items {
        super::commitments::by_number(conn, n).map_err(|_| {
            StoreError::invalid("compromisos", format!("no existe ningún acuerdo ni actividad con el número «{n}»"))
        })?;
    }
    match (q.sent_on, q.answered_on) {
        (Some(sent), _) if sent < r.cutoff => {
            return Err(StoreError::invalid(
                "enviada",
                format!("el envío ({sent}) no puede ser anterior a la fecha de corte ({})", r.cutoff),
            ));
        }
        (None, Some(_)) => {
            return Err(StoreError::invalid("respondida", "una solicitud se responde después de enviarse"));
        }
        (Some(sent), Some(answered)) if answered < sent => {
            return Err(StoreError::invalid(
                "respondida",
                format!("la respuesta ({answered}) es anterior al envío ({sent})"),
            ));
        }
        _ => {}
    }
    conn.execute(
        "INSERT INTO round_requests (round_id, institution_id, reference, items, sent_on, answered_on, answer_ref) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            round,
            q.institution,
            q.reference.trim(),
            q.items.join("\n"),
            q.sent_on.map(|d| d.to_string()),
            q.answered_on.map(|d| d.to_string()),
            q.answer_ref
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Round>> {
    optional(conn.query_row("SELECT id, body_id, cutoff FROM followup_rounds WHERE id = ?1", [id], |r| {
        Ok(Round { id: r.get(0)?, body: r.get(1)?, cutoff: day(r.get(2)?).unwrap_or_default() })
    }))
}

/// Every round, newest cut-off first; of one body when given.
pub fn list_rounds(conn: &Connection, body: Option<i64>) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body_id, cutoff FROM followup_rounds WHERE ?1 IS NULL OR body_id = ?1 ORDER BY cutoff DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([body], |r| {
            Ok(Round { id: r.get(0)?, body: r.get(1)?, cutoff: day(r.get(2)?).unwrap_or_default() })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The requests of a round, by institution siglas.
pub fn requests(conn: &Connection, round: i64) -> Result<Vec<Request>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.institution_id, i.acronym, i.name, q.reference, q.items, q.sent_on, q.answered_on, q.answer_ref \
         FROM round_requests q JOIN institutions i ON i.id = q.institution_id WHERE q.round_id = ?1 ORDER BY i.acronym",
    )?;
    let rows = stmt
        .query_map([round], |r| {
            let items: String = r.get(4)?;
            Ok(Request {
                institution: r.get(0)?,
                acronym: r.get(1)?,
                name: r.get(2)?,
                reference: r.get(3)?,
                items: items.lines().map(String::from).collect(),
                sent_on: day(r.get(5)?),
                answered_on: day(r.get(6)?),
                answer_ref: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn request(conn: &Connection, round: i64, institution: i64) -> Result<(Round, Request)> {
    let r = get(conn, round)?.ok_or_else(|| StoreError::invalid("ronda", format!("no existe la ronda {round}")))?;
    let q = requests(conn, round)?.into_iter().find(|q| q.institution == institution).ok_or_else(|| {
        StoreError::invalid("institucion", format!("la ronda {round} no tiene solicitud para esa institución"))
    })?;
    Ok((r, q))
}

/// Records that the request went out on `on`.
pub fn mark_sent(conn: &Tx, round: i64, institution: i64, on: NaiveDate) -> Result<()> {
    let (r, q) = request(conn, round, institution)?;
    if on < r.cutoff {
        return Err(StoreError::invalid(
            "fecha",
            format!("el envío ({on}) no puede ser anterior a la fecha de corte ({})", r.cutoff),
        ));
    }
    if let Some(answered) = q.answered_on {
        return Err(StoreError::Refused(format!("{} ya respondió el {answered}", q.acronym)));
    }
    conn.execute(
        "UPDATE round_requests SET sent_on = ?3 WHERE round_id = ?1 AND institution_id = ?2",
        params![round, institution, on.to_string()],
    )?;
    Ok(())
}

/// Records the answer, with the reference of the institution's reply when given.
pub fn mark_answered(conn: &Tx, round: i64, institution: i64, on: NaiveDate, reply: Option<&str>) -> Result<()> {
    let (_, q) = request(conn, round, institution)?;
    let Some(sent) = q.sent_on else {
        return Err(StoreError::Refused(format!(
            "la solicitud {} a {} no se ha enviado: registre primero el envío",
            q.reference, q.acronym
        )));
    };
    if on < sent {
        return Err(StoreError::invalid("fecha", format!("la respuesta ({on}) es anterior al envío ({sent})")));
    }
    conn.execute(
        "UPDATE round_requests SET answered_on = ?3, answer_ref = ?4 WHERE round_id = ?1 AND institution_id = ?2",
        params![round, institution, on.to_string(), reply.map(str::trim).filter(|s| !s.is_empty())],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn a_round_asks_each_institution_for_its_open_commitments() {
        let mut store = crate::demo::in_memory();
        let conn = store.conn();
        let citdp = bodies::by_acronym(conn, "CITDP").expect("q").expect("CITDP").id;
        let now = d(2024, 7, 1).and_hms_opt(9, 0, 0).expect("time");
        let round = store.write(|tx| create(tx, citdp, d(2024, 6, 30), now)).expect("round");
        let again = store.write(|tx| create(tx, citdp, d(2024, 6, 30), now)).unwrap_err();
        assert!(again.to_string().contains("ya tiene la ronda"), "{again}");
        let reqs = requests(store.conn(), round).expect("q");
        let fgr = reqs.iter().find(|q| q.acronym == "FGR").expect("FGR has open commitments");
        assert!(fgr.items.iter().any(|n| n.starts_with("CITDP/PAT-2024/")), "{:?}", fgr.items);
        assert!(reqs.iter().all(|q| q.reference.starts_with("CITDP/ST/RS-2024-06-30/")));
        let segob = reqs.iter().find(|q| q.acronym == "SEGOB").expect("SEGOB").institution;
        let early = store.write(|tx| mark_answered(tx, round, segob, d(2024, 7, 2), None)).unwrap_err();
        assert!(early.to_string().contains("registre primero el envío"));
        assert!(store.write(|tx| mark_sent(tx, round, segob, d(2024, 6, 1))).is_err(), "before the cut-off");
        store.write(|tx| mark_sent(tx, round, segob, d(2024, 7, 2))).expect("sent");
        let reqs = requests(store.conn(), round).expect("q");
        assert_eq!(reqs.iter().filter(|q| q.awaiting()).count(), 1);
        assert!(store.write(|tx| mark_answered(tx, round, segob, d(2024, 7, 1), None)).is_err(), "before sending");
        store
            .write(|tx| mark_answered(tx, round, segob, d(2024, 7, 15), Some("Oficio UPMRIP/455/2024")))
            .expect("answer");
        let reqs = requests(store.conn(), round).expect("q");
        let s = reqs.iter().find(|q| q.acronym == "SEGOB").expect("SEGOB");
        assert_eq!((s.answered_on, s.answer_ref.as_deref()), (Some(d(2024, 7, 15)), Some("Oficio UPMRIP/455/2024")));
        assert_eq!(list_rounds(store.conn(), Some(citdp)).expect("q").len(), 1);
    }
}
