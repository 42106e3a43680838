//! Undo: reverses a person's own change from its bitácora entry, as a new operation with its
//! own entry. Refused when the record has since built on what it changed — another change to
//! the same rows, a session whose acta was sent or approved.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::{Map, Value};

use super::changes::{Change, ChangeKind, LONG_TEXT, digest};
use super::journal::{self, Entry};
use super::{Applied, Context, OpError, Tx};
use crate::domain::minutes::MinutesStatus;
use crate::store::audit::TableInfo;

/// The person's latest change that can still be undone: not an access, not an undo, not
/// undone already.
pub fn last_undoable(conn: &Connection, actor: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT seq FROM bitacora b WHERE actor = ?1 AND op NOT IN ('access', 'undo') \
         AND NOT EXISTS (SELECT 1 FROM bitacora u WHERE u.undoes = b.seq) ORDER BY seq DESC LIMIT 1",
        [actor],
        |r| r.get(0),
    )
    .optional()
}

/// Operations whose effect the record is built on by definition.
fn never_undone(op: &str) -> Option<&'static str> {
    match op {
        "approve_minutes" | "approve_erratum" => {
            Some("una aprobación no se deshace: el acta aprobada es definitiva; corrija con una fe de erratas")
        }
        "access" => Some("un acceso no es un cambio"),
        "undo" => Some("esa entrada ya es un «deshacer»; registre el cambio de nuevo si hace falta"),
        "load_demo" => Some("la marca de datos de demostración no se deshace"),
        "restore" => {
            Some("una restauración no se deshace: restaure otro respaldo (la base reemplazada quedó guardada)")
        }
        _ => None,
    }
}

pub(super) fn apply(tx: &Tx, ctx: &Context, seq: i64) -> Result<Applied, OpError> {
    let e =
        journal::get(tx, seq)?.ok_or_else(|| OpError::Refused(format!("no existe la entrada {seq} de la bitácora")))?;
    if let Some(why) = never_undone(&e.op) {
        return Err(OpError::Refused(why.into()));
    }
    if e.actor != ctx.actor {
        return Err(OpError::Refused(format!(
            "la entrada {seq} es un cambio de «{}»: cada persona deshace solo sus propios cambios",
            e.actor
        )));
    }
    let undone: Option<i64> =
        tx.query_row("SELECT seq FROM bitacora WHERE undoes = ?1", [seq], |r| r.get(0)).optional()?;
    if let Some(u) = undone {
        return Err(OpError::Refused(format!("la entrada {seq} ya se deshizo (entrada {u})")));
    }
    let changes = e.changes();
    let infos = super::changes::table_infos(tx)?;
    for c in &changes {
        guard_session(tx, c)?;
    }
    // Rows come back in any order a cascade removed them; the foreign keys are checked once
    // everything is back, at commit.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for c in changes.iter().rev() {
        let info = infos
            .iter()
            .find(|i| i.name == c.table)
            .ok_or_else(|| OpError::Refused(format!("la tabla «{}» ya no existe", c.table)))?;
        if !in_after_state(tx, info, c)? {
            return Err(OpError::Refused(later_change(tx, &e, c)?));
        }
        reverse(tx, info, c)?;
    }
    Ok(Applied { undoes: Some(seq), detail: Some(super::op::label(&e.op).to_string()), ..Applied::none() })
}

/// Follow-up goes on after an acta is sent; what the acta states does not.
const FOLLOW_UP_COLUMNS: &[&str] = &["status", "progress", "done_on", "deadline", "responsible_ids"];

/// Refuses to change the record of a session whose acta was sent or approved.
fn guard_session(conn: &Connection, c: &Change) -> Result<(), OpError> {
    let num = |col: &str| c.value(col).and_then(Value::as_i64);
    let session = match c.table.as_str() {
        "sessions" => num("id"),
        "attendance" | "agenda_items" | "votes" | "session_events" | "notices" => num("session_id"),
        "agreements" => {
            let only_follow_up = c.kind == ChangeKind::Update
                && c.after.keys().chain(c.edits.keys()).all(|k| FOLLOW_UP_COLUMNS.contains(&k.as_str()));
            if only_follow_up { None } else { num("session_id") }
        }
        "vote_counts" => lookup(conn, "SELECT session_id FROM votes WHERE id = ?1", num("vote_id"))?,
        "vote_ballots" => lookup(
            conn,
            "SELECT v.session_id FROM vote_counts c JOIN votes v ON v.id = c.vote_id WHERE c.id = ?1",
            num("count_id"),
        )?,
        "agreement_responsibles" => {
            lookup(conn, "SELECT session_id FROM agreements WHERE id = ?1", num("agreement_id"))?
        }
        _ => None,
    };
    let Some(session) = session else { return Ok(()) };
    let status: Option<String> =
        conn.query_row("SELECT status FROM minutes WHERE session_id = ?1", [session], |r| r.get(0)).optional()?;
    match status.as_deref().and_then(<MinutesStatus as crate::domain::Labeled>::from_code) {
        None | Some(MinutesStatus::Draft) => Ok(()),
        Some(MinutesStatus::Approved) => Err(OpError::Refused(
            "el acta de esa sesión ya está aprobada: lo que registra ya no se deshace; corrija con una fe de erratas".into(),
        )),
        Some(_) => Err(OpError::Refused(
            "el acta de esa sesión ya se envió a revisión: lo que registra ya no se deshace; corrija con una operación nueva".into(),
        )),
    }
}

fn lookup(conn: &Connection, sql: &str, id: Option<i64>) -> rusqlite::Result<Option<i64>> {
    match id {
        Some(id) => conn.query_row(sql, [id], |r| r.get(0)).optional(),
        None => Ok(None),
    }
}

fn sql_value(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map(Sql::Integer).unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn key_clause(key: &Map<String, Value>, first: usize) -> (String, Vec<Sql>) {
    let parts: Vec<String> = key.keys().enumerate().map(|(i, k)| format!("\"{k}\" = ?{}", first + i)).collect();
    (parts.join(" AND "), key.values().map(sql_value).collect())
}

/// The row as it is now, as the capture triggers would write it.
fn current(
    conn: &Connection,
    info: &TableInfo,
    key: &Map<String, Value>,
) -> rusqlite::Result<Option<Map<String, Value>>> {
    let cols: Vec<String> = info.columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
    let (clause, args) = key_clause(key, 1);
    let sql = format!("SELECT json_object({}) FROM \"{}\" WHERE {clause}", cols.join(", "), info.name);
    let text: Option<String> = conn.query_row(&sql, params_from_iter(args), |r| r.get(0)).optional()?;
    Ok(text.and_then(|t| match serde_json::from_str(&t) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }))
}

fn same(now: Option<&Value>, recorded: &Value) -> bool {
    let now = now.unwrap_or(&Value::Null);
    match recorded {
        Value::Object(_) if matches!(now, Value::String(s) if s.chars().count() > LONG_TEXT) => {
            &digest(now) == recorded
        }
        _ => now == recorded,
    }
}

/// Whether the rows are as this change left them.
fn in_after_state(conn: &Connection, info: &TableInfo, c: &Change) -> Result<bool, OpError> {
    match c.kind {
        ChangeKind::Insert => {
            if let Some(last) = c.through {
                let (col, first) =
                    c.key.iter().next().map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0))).unwrap_or_default();
                let n: i64 = conn.query_row(
                    &format!("SELECT count(*) FROM \"{}\" WHERE \"{col}\" BETWEEN ?1 AND ?2", info.name),
                    [first, last],
                    |r| r.get(0),
                )?;
                return Ok(n == last - first + 1);
            }
            Ok(current(conn, info, &c.key)?.is_some_and(|row| c.after.iter().all(|(k, v)| same(row.get(k), v))))
        }
        ChangeKind::Update => Ok(current(conn, info, &c.key)?.is_some_and(|row| {
            c.after.iter().all(|(k, v)| same(row.get(k), v))
                && c.edits.iter().all(|(k, e)| row.get(k).and_then(Value::as_str).and_then(|t| e.reverse(t)).is_some())
        })),
        ChangeKind::Delete => Ok(current(conn, info, &c.key)?.is_none()),
    }
}

fn reverse(conn: &Connection, info: &TableInfo, c: &Change) -> Result<(), OpError> {
    let t = &info.name;
    match c.kind {
        ChangeKind::Insert => {
            if let Some(last) = c.through {
                let (col, first) =
                    c.key.iter().next().map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0))).unwrap_or_default();
                conn.execute(&format!("DELETE FROM \"{t}\" WHERE \"{col}\" BETWEEN ?1 AND ?2"), [first, last])?;
            } else {
                let (clause, args) = key_clause(&c.key, 1);
                conn.execute(&format!("DELETE FROM \"{t}\" WHERE {clause}"), params_from_iter(args))?;
            }
        }
        ChangeKind::Delete => {
            let row: Vec<(&String, &Value)> = c.key.iter().chain(c.before.iter()).collect();
            let cols: Vec<String> = row.iter().map(|(k, _)| format!("\"{k}\"")).collect();
            let marks: Vec<String> = (1..=row.len()).map(|i| format!("?{i}")).collect();
            conn.execute(
                &format!("INSERT INTO \"{t}\" ({}) VALUES ({})", cols.join(", "), marks.join(", ")),
                params_from_iter(row.iter().map(|(_, v)| sql_value(v))),
            )?;
        }
        ChangeKind::Update => {
            let mut sets: Vec<String> = Vec::new();
            let mut args: Vec<Sql> = Vec::new();
            for (k, v) in &c.before {
                args.push(sql_value(v));
                sets.push(format!("\"{k}\" = ?{}", args.len()));
            }
            let now = current(conn, info, &c.key)?.unwrap_or_default();
            for (k, e) in &c.edits {
                let old = now.get(k).and_then(Value::as_str).and_then(|t| e.reverse(t)).unwrap_or_default();
                args.push(Sql::Text(old));
                sets.push(format!("\"{k}\" = ?{}", args.len()));
            }
            let (clause, key_args) = key_clause(&c.key, args.len() + 1);
            args.extend(key_args);
            conn.execute(&format!("UPDATE \"{t}\" SET {} WHERE {clause}", sets.join(", ")), params_from_iter(args))?;
        }
    }
    Ok(())
}

/// Names the later entry that changed the same rows, to say why the undo is refused.
fn later_change(conn: &Connection, e: &Entry, c: &Change) -> Result<String, OpError> {
    let mut stmt = conn.prepare("SELECT seq FROM bitacora WHERE seq > ?1 AND op <> 'access' ORDER BY seq")?;
    let seqs: Vec<i64> = stmt.query_map([e.seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for s in seqs {
        let Some(later) = journal::get(conn, s)? else { continue };
        if later.changes().iter().any(|l| l.table == c.table && l.key == c.key) {
            return Ok(format!(
                "después de ese cambio, la entrada {} ({}, de {}) modificó lo mismo: deshaga primero esa, o registre la corrección como un cambio nuevo",
                later.seq,
                super::op::label(&later.op),
                later.actor
            ));
        }
    }
    Ok("los registros ya no están como los dejó ese cambio; registre la corrección como un cambio nuevo".into())
}
