//! `verificar`: whether the record is what it claims to be. SQLite's own checks, the
//! bitácora's chain, every approved acta and fe de erratas against its SHA-256 (and against
//! the hash its approval left in the bitácora), and each body's libro de actas: approved
//! actas numbered in order, each holding the hash of the one before.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::journal;
use crate::domain::minutes::sha256_hex;
use crate::store::{Result, minutes};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Check {
    #[serde(rename = "comprobacion")]
    pub name: &'static str,
    #[serde(rename = "problemas")]
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    #[serde(rename = "correcta")]
    pub ok: bool,
    #[serde(rename = "comprobaciones")]
    pub checks: Vec<Check>,
    #[serde(rename = "entradas_bitacora")]
    pub entries: i64,
    #[serde(rename = "actas_aprobadas")]
    pub approved: usize,
}

impl Report {
    pub fn problems(&self) -> impl Iterator<Item = &String> {
        self.checks.iter().flat_map(|c| c.problems.iter())
    }
}

pub fn verify(conn: &Connection) -> Result<Report> {
    let mut checks = Vec::new();
    let integrity: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?
    };
    checks.push(Check {
        name: "integridad del archivo (integrity_check)",
        problems: integrity.into_iter().filter(|l| l != "ok").map(|l| format!("archivo: {l}")).collect(),
    });
    let fk: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        stmt.query_map([], |r| {
            let (table, rowid, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(format!("{table}: la fila {} apunta a un registro de {parent} que no existe", rowid.unwrap_or_default()))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    checks.push(Check { name: "referencias entre registros (foreign_key_check)", problems: fk });
    checks.push(Check { name: "cadena de la bitácora", problems: journal::check_chain(conn)? });
    let all = minutes::list(conn)?;
    checks.push(Check { name: "actas aprobadas y fe de erratas contra su SHA-256", problems: actas(conn, &all)? });
    checks.push(Check { name: "libro de actas de cada órgano", problems: books(conn, &all)? });
    let entries: i64 = conn.query_row("SELECT count(*) FROM bitacora", [], |r| r.get(0))?;
    let approved = all.iter().filter(|m| m.sha256.is_some()).count();
    Ok(Report { ok: checks.iter().all(|c| c.problems.is_empty()), checks, entries, approved })
}

fn session_name(conn: &Connection, session: i64) -> String {
    crate::export::minutes_doc::session_label(conn, session).unwrap_or_else(|_| format!("sesión {session}"))
}

/// Why an approved acta may not be printed: its text or an approved erratum no longer match
/// their hash. `None` when it is intact (or not approved).
pub fn acta_tampered(conn: &Connection, session: i64) -> Result<Option<String>> {
    let Some(m) = minutes::get(conn, session)? else { return Ok(None) };
    if let Some(hash) = &m.sha256
        && sha256_hex(&m.text) != *hash
    {
        return Ok(Some(format!(
            "el texto del acta aprobada de la {} no coincide con su huella SHA-256: fue alterado fuera del programa",
            session_name(conn, session)
        )));
    }
    for e in minutes::errata(conn, session)? {
        if let Some(hash) = &e.sha256
            && sha256_hex(&e.text) != *hash
        {
            return Ok(Some(format!(
                "una fe de erratas aprobada del acta de la {} no coincide con su huella SHA-256: fue alterada fuera del programa",
                session_name(conn, session)
            )));
        }
    }
    Ok(None)
}

/// The hash each approval recorded in the bitácora, by session.
fn approvals_logged(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT changes FROM bitacora WHERE op = 'approve_minutes'")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for text in rows {
        let changes: Vec<super::changes::Change> = serde_json::from_str(&text).unwrap_or_default();
        for c in changes.iter().filter(|c| c.table == "minutes") {
            if let (Some(s), Some(Value::String(h))) =
                (c.key.get("session_id").and_then(Value::as_i64), c.after.get("sha256"))
            {
                out.push((s, h.clone()));
            }
        }
    }
    Ok(out)
}

fn actas(conn: &Connection, all: &[minutes::Minutes]) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let logged = approvals_logged(conn)?;
    for m in all {
        if let Some(p) = acta_tampered(conn, m.session)? {
            problems.push(p);
        }
        if let Some(hash) = &m.sha256
            && logged.iter().any(|(s, h)| *s == m.session && h != hash)
        {
            problems.push(format!(
                "la huella SHA-256 del acta de la {} no es la que registró su aprobación en la bitácora",
                session_name(conn, m.session)
            ));
        }
    }
    Ok(problems)
}

fn books(conn: &Connection, all: &[minutes::Minutes]) -> Result<Vec<String>> {
    let mut by_body: std::collections::BTreeMap<i64, Vec<&minutes::Minutes>> = Default::default();
    for m in all.iter().filter(|m| m.sha256.is_some()) {
        let body: i64 = conn.query_row("SELECT body_id FROM sessions WHERE id = ?1", [m.session], |r| r.get(0))?;
        by_body.entry(body).or_default().push(m);
    }
    let mut problems = Vec::new();
    for (body, mut list) in by_body {
        list.sort_by_key(|m| m.folio.unwrap_or(i64::MAX));
        let acronym: String =
            conn.query_row("SELECT acronym FROM bodies WHERE id = ?1", [body], |r| r.get(0)).unwrap_or_default();
        let mut prev: Option<&str> = None;
        for (i, m) in list.iter().enumerate() {
            let expected = i as i64 + 1;
            if m.folio != Some(expected) {
                problems.push(format!(
                    "libro de actas de {acronym}: el acta de la {} debería ser la número {expected} y dice {}",
                    session_name(conn, m.session),
                    m.folio.map_or("ninguna".into(), |f| f.to_string())
                ));
            }
            if m.prev_sha256.as_deref() != prev {
                problems.push(format!(
                    "libro de actas de {acronym}: el acta de la {} no encadena con la anterior aprobada",
                    session_name(conn, m.session)
                ));
            }
            prev = m.sha256.as_deref();
        }
    }
    Ok(problems)
}
