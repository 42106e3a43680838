//! The bitácora: an append-only log in the same database, one entry per operation or access.
//! Each entry's SHA-256 covers its content and the previous entry's hash, so editing or
//! deleting an entry breaks the chain from that point on.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::changes::Change;
use super::{Context, Op, OpError, Tx};
use crate::domain::minutes::sha256_hex;

/// The "previous hash" of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub op: String,
    /// The arguments as stored (JSON text).
    pub args: String,
    pub body: Option<i64>,
    pub session: Option<i64>,
    /// The changes as stored (JSON text); [`Entry::changes`] reads them.
    pub changes_json: String,
    pub undoes: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    pub fn changes(&self) -> Vec<Change> {
        serde_json::from_str(&self.changes_json).unwrap_or_default()
    }

    pub fn args_value(&self) -> Value {
        serde_json::from_str(&self.args).unwrap_or(Value::Null)
    }

    /// What the hash covers, in a fixed order.
    fn content_hash(&self) -> String {
        digest(
            self.seq,
            &stamp(self.at),
            &self.actor,
            &self.op,
            &self.args,
            self.body,
            self.session,
            &self.changes_json,
            self.undoes,
            &self.prev_hash,
        )
    }

    pub fn is_access(&self) -> bool {
        self.op == "access"
    }
}

pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[allow(clippy::too_many_arguments)]
fn digest(
    seq: i64,
    at: &str,
    actor: &str,
    op: &str,
    args: &str,
    body: Option<i64>,
    session: Option<i64>,
    changes: &str,
    undoes: Option<i64>,
    prev: &str,
) -> String {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    sha256_hex(
        &[
            seq.to_string(),
            at.into(),
            actor.into(),
            op.into(),
            args.into(),
            opt(body),
            opt(session),
            changes.into(),
            opt(undoes),
            prev.into(),
        ]
        .join("\u{1f}"),
    )
}

fn number(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

/// The session and body a changed row belongs to, looked up through its parents when the
/// change does not carry them (a progress entry names its agreement, an agreement its id).
fn owner(conn: &Connection, c: &Change) -> rusqlite::Result<(Option<i64>, Option<i64>)> {
    let num = |col: &str| number(c.value(col));
    let one = |sql: &str, id: Option<i64>| -> rusqlite::Result<Option<i64>> {
        match id {
            Some(id) => Ok(conn.query_row(sql, [id], |r| r.get::<_, Option<i64>>(0)).optional()?.flatten()),
            None => Ok(None),
        }
    };
    let agreement_session = |id| one("SELECT session_id FROM agreements WHERE id = ?1", id);
    let activity_body =
        |id| one("SELECT p.body_id FROM activities a JOIN work_plans p ON p.id = a.plan_id WHERE a.id = ?1", id);
    Ok(match c.table.as_str() {
        "sessions" => (num("id"), num("body_id")),
        "bodies" => (None, num("id")),
        "agreements" => (num("session_id").or(agreement_session(num("id"))?), None),
        "commitment_progress" | "commitment_changes" | "activity_responsibles" | "agreement_responsibles" => {
            match num("agreement_id") {
                Some(a) => (agreement_session(Some(a))?, None),
                None => (None, activity_body(num("activity_id"))?),
            }
        }
        "activities" => (
            None,
            num("plan_id")
                .map_or(activity_body(num("id")), |p| one("SELECT body_id FROM work_plans WHERE id = ?1", Some(p)))?,
        ),
        "vote_counts" => (one("SELECT session_id FROM votes WHERE id = ?1", num("vote_id"))?, None),
        "vote_ballots" => (
            one(
                "SELECT v.session_id FROM vote_counts c JOIN votes v ON v.id = c.vote_id WHERE c.id = ?1",
                num("count_id"),
            )?,
            None,
        ),
        "round_requests" => (None, one("SELECT body_id FROM followup_rounds WHERE id = ?1", num("round_id"))?),
        "designations" => (None, one("SELECT body_id FROM memberships WHERE id = ?1", num("membership_id"))?),
        "minutes" | "attendance" | "notices" | "session_documents" => (num("session_id"), None),
        "vote_reasons" => (one("SELECT session_id FROM votes WHERE id = ?1", num("vote_id"))?, None),
        t @ ("minutes_observations" | "minutes_errata" | "agenda_items" | "votes" | "session_events") => {
            (num("session_id").or(one(&format!("SELECT session_id FROM {t} WHERE id = ?1"), num("id"))?), None)
        }
        _ => (None, num("body_id")),
    })
}

/// The session and body an entry is about: from the operation's arguments, else from the rows
/// it touched.
fn subject(conn: &Connection, args: &Value, changes: &[Change]) -> rusqlite::Result<(Option<i64>, Option<i64>)> {
    // An entry is about a session or a body when everything it touched belongs to one; an
    // import across bodies is about none in particular.
    let only = |ids: std::collections::BTreeSet<i64>| if ids.len() == 1 { ids.into_iter().next() } else { None };
    let mut sessions = std::collections::BTreeSet::new();
    let mut bodies = std::collections::BTreeSet::new();
    for c in changes {
        let (s, b) = owner(conn, c)?;
        sessions.extend(s);
        bodies.extend(b);
    }
    let session = number(args.get("session")).or_else(|| only(sessions));
    let mut body = number(args.get("body")).filter(|b| *b > 0).or_else(|| only(bodies));
    if body.is_none()
        && let Some(s) = session
    {
        body = conn.query_row("SELECT body_id FROM sessions WHERE id = ?1", [s], |r| r.get(0)).optional()?;
    }
    if body.is_none() {
        let membership =
            number(args.get("membership")).or_else(|| changes.iter().find_map(|c| number(c.value("membership_id"))));
        if let Some(m) = membership {
            body = conn.query_row("SELECT body_id FROM memberships WHERE id = ?1", [m], |r| r.get(0)).optional()?;
        }
    }
    Ok((body, session))
}

/// Appends the entry of `op`; returns its sequence number.
pub fn append(tx: &Tx, ctx: &Context, op: &Op, changes: &[Change], undoes: Option<i64>) -> Result<i64, OpError> {
    let (code, args) = match serde_json::to_value(op) {
        Ok(Value::Object(mut m)) => {
            let code = m.remove("op").and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            (code, Value::Object(m))
        }
        _ => (String::new(), Value::Null),
    };
    write(tx, ctx, &code, &args, changes, undoes)
}

/// The entry of generated benchmark data.
pub(super) fn append_generated(tx: &Tx, ctx: &Context, what: &str, changes: &[Change]) -> Result<i64, OpError> {
    write(tx, ctx, "generate", &serde_json::json!({ "datos": what }), changes, None)
}

fn write(
    tx: &Tx,
    ctx: &Context,
    code: &str,
    args: &Value,
    changes: &[Change],
    undoes: Option<i64>,
) -> Result<i64, OpError> {
    let args_text = args.to_string();
    let changes_text = serde_json::to_string(changes).map_err(|e| OpError::Db(e.to_string()))?;
    let (body, session) = subject(tx, args, changes)?;
    let (last_seq, prev): (i64, String) = tx
        .query_row("SELECT seq, hash FROM bitacora ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.into()));
    // AUTOINCREMENT never reuses a number, even of an entry someone deleted by hand.
    let used: i64 = tx
        .query_row("SELECT seq FROM sqlite_sequence WHERE name = 'bitacora'", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let seq = last_seq.max(used) + 1;
    let at = stamp(ctx.now());
    let hash = digest(seq, &at, &ctx.actor, code, &args_text, body, session, &changes_text, undoes, &prev);
    tx.execute(
        "INSERT INTO bitacora (seq, at, actor, op, args, body_id, session_id, changes, undoes, prev_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![seq, at, ctx.actor, code, args_text, body, session, changes_text, undoes, prev, hash],
    )?;
    Ok(seq)
}

const COLUMNS: &str = "seq, at, actor, op, args, body_id, session_id, changes, undoes, prev_hash, hash";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let at: String = r.get(1)?;
    Ok(Entry {
        seq: r.get(0)?,
        at: DateTime::parse_from_rfc3339(&at).map(|t| t.with_timezone(&Utc)).unwrap_or_default(),
        actor: r.get(2)?,
        op: r.get(3)?,
        args: r.get(4)?,
        body: r.get(5)?,
        session: r.get(6)?,
        changes_json: r.get(7)?,
        undoes: r.get(8)?,
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}

pub fn get(conn: &Connection, seq: i64) -> rusqlite::Result<Option<Entry>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM bitacora WHERE seq = ?1"), [seq], from_row).optional()
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Days in UTC, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub body: Option<i64>,
    pub actor: Option<String>,
    /// Leave out accesses.
    pub changes_only: bool,
    /// The newest this many (all when `None`).
    pub limit: Option<usize>,
}

/// Entries matching `f`, oldest first.
pub fn list(conn: &Connection, f: &Filter) -> rusqlite::Result<Vec<Entry>> {
    let mut sql = format!("SELECT {COLUMNS} FROM bitacora WHERE 1 = 1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    if let Some(d) = f.from {
        args.push(Box::new(format!("{d}T00:00:00")));
        sql.push_str(&format!(" AND at >= ?{}", args.len()));
    }
    if let Some(d) = f.to {
        args.push(Box::new(format!("{d}T99")));
        sql.push_str(&format!(" AND at < ?{}", args.len()));
    }
    if let Some(b) = f.body {
        args.push(Box::new(b));
        sql.push_str(&format!(" AND body_id = ?{}", args.len()));
    }
    if let Some(a) = &f.actor {
        args.push(Box::new(a.clone()));
        sql.push_str(&format!(" AND actor = ?{}", args.len()));
    }
    if f.changes_only {
        sql.push_str(" AND op <> 'access'");
    }
    sql.push_str(" ORDER BY seq DESC");
    if let Some(n) = f.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let mut rows: Vec<Entry> = stmt
        .query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.reverse();
    Ok(rows)
}

/// Every break in the chain, in Spanish: an entry whose content no longer matches its hash,
/// one that does not follow the entry before it, and entries missing from the sequence.
pub fn check_chain(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM bitacora ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let (mut prev_seq, mut prev_hash) = (0i64, GENESIS.to_string());
    while let Some(r) = rows.next()? {
        let e = from_row(r)?;
        if e.seq != prev_seq + 1 {
            problems.push(match e.seq - prev_seq - 1 {
                1 => format!("bitácora: falta la entrada {} (borrada)", prev_seq + 1),
                n => format!("bitácora: faltan {n} entradas, de la {} a la {} (borradas)", prev_seq + 1, e.seq - 1),
            });
        }
        if e.prev_hash != prev_hash {
            problems.push(format!("bitácora: la entrada {} no sigue a la anterior (cadena rota)", e.seq));
        }
        if e.content_hash() != e.hash {
            problems.push(format!("bitácora: la entrada {} fue modificada (su huella no coincide)", e.seq));
        }
        prev_seq = e.seq;
        prev_hash = e.hash;
    }
    let used: Option<i64> =
        conn.query_row("SELECT seq FROM sqlite_sequence WHERE name = 'bitacora'", [], |r| r.get(0)).optional()?;
    if let Some(used) = used.filter(|u| *u > prev_seq) {
        problems.push(match used - prev_seq {
            1 => format!("bitácora: falta la última entrada ({used}, borrada)"),
            n => format!("bitácora: faltan las últimas {n} entradas (de la {} a la {used}, borradas)", prev_seq + 1),
        });
    }
    Ok(problems)
}
