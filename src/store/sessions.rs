//! The session calendar of every body.

use crate::ops::Tx;
use chrono::{Datelike, NaiveDate, NaiveTime};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params, params_from_iter};

use super::{Result, StoreError, code, optional};
use crate::domain::Labeled;
use crate::domain::schedule::Schedule;
use crate::domain::session::{Session, SessionKind};

const COLUMNS: &str = "id, body_id, kind, number, year, date, time, window_from, window_to, window_slash, planned, place, modality, link, status, scheduled_on";

fn from_row(row: &Row) -> rusqlite::Result<Session> {
    let year: i32 = row.get(4)?;
    let date: Option<String> = row.get(5)?;
    let time: Option<String> = row.get(6)?;
    let window: (Option<u32>, Option<u32>) = (row.get(7)?, row.get(8)?);
    let bad = |idx, e: String| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into());
    let schedule = match (date, window) {
        (Some(d), _) => Schedule::Date {
            date: NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| bad(5, e.to_string()))?,
            time: time
                .map(|t| NaiveTime::parse_from_str(&t, "%H:%M").map_err(|e| bad(6, e.to_string())))
                .transpose()?,
        },
        (None, (Some(from), Some(to))) => Schedule::Window { year, from, to, slash: row.get(9)? },
        (None, _) => Schedule::ToBeDefined { year },
    };
    Ok(Session {
        id: row.get(0)?,
        body: row.get(1)?,
        kind: code(row, 2)?,
        number: row.get(3)?,
        schedule,
        planned: row.get(10)?,
        scheduled_on: row
            .get::<_, Option<String>>(15)?
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| bad(15, e.to_string())))
            .transpose()?,
        place: row.get(11)?,
        modality: code(row, 12)?,
        link: row.get(13)?,
        status: code(row, 14)?,
    })
}

/// Which sessions to list. A session matches a date range when its possible days overlap it,
/// so a "febrero-marzo" window appears in a search for March.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub body: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only sessions without an exact date (windows and "Por definir").
    pub undated: bool,
}

/// Sessions in calendar order: by first possible day, then time, then body and number.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Session>> {
    let mut sql = format!("SELECT {COLUMNS} FROM sessions WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(b) = filter.body {
        args.push(Value::Integer(b));
        sql.push_str(&format!(" AND body_id = ?{}", args.len()));
    }
    if let Some(from) = filter.from {
        args.push(Value::Text(iso(from)));
        sql.push_str(&format!(" AND ends_on >= ?{}", args.len()));
    }
    if let Some(to) = filter.to {
        args.push(Value::Text(iso(to)));
        sql.push_str(&format!(" AND starts_on <= ?{}", args.len()));
    }
    if filter.undated {
        sql.push_str(" AND date IS NULL");
    }
    sql.push_str(" ORDER BY starts_on, ends_on, time, body_id, kind, number");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Session>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"), [id], from_row))
}

/// The number the next session of this body and kind should take.
pub fn next_number(conn: &Connection, body: i64, kind: SessionKind) -> Result<u32> {
    let max: Option<u32> = conn.query_row(
        "SELECT max(number) FROM sessions WHERE body_id = ?1 AND kind = ?2",
        params![body, kind.code()],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn validate(conn: &Connection, s: &Session) -> Result<()> {
    s.validate()?;
    if s.scheduled_on.is_some() && !s.status.held() {
        return Err(StoreError::invalid(
            "fecha_prevista",
            "solo una sesión celebrada en otro día que el previsto tiene fecha prevista",
        ));
    }
    if super::bodies::get(conn, s.body)?.is_none() {
        return Err(StoreError::invalid("organo", "el órgano no existe"));
    }
    let clash: Option<i64> = optional(conn.query_row(
        "SELECT id FROM sessions WHERE body_id = ?1 AND kind = ?2 AND number = ?3 AND id <> ?4",
        params![s.body, s.kind.code(), s.number, s.id],
        |r| r.get(0),
    ))?;
    if clash.is_some() {
        return Err(StoreError::invalid(
            "numero",
            format!("ya hay una sesión {} número {} de este órgano", s.kind.label(), s.number),
        ));
    }
    Ok(())
}

fn values(s: &Session) -> Vec<Value> {
    let (window_from, window_to, slash) = match s.schedule {
        Schedule::Window { from, to, slash, .. } => (Value::Integer(from.into()), Value::Integer(to.into()), slash),
        _ => (Value::Null, Value::Null, false),
    };
    let (start, end) = s.schedule.span();
    let text = |t: &str| Value::Text(t.trim().to_string());
    vec![
        Value::Integer(s.body),
        text(s.kind.code()),
        Value::Integer(s.number.into()),
        Value::Integer(s.schedule.year().into()),
        s.schedule.date().map_or(Value::Null, |d| Value::Text(iso(d))),
        s.schedule.time().map_or(Value::Null, |t| Value::Text(t.format("%H:%M").to_string())),
        window_from,
        window_to,
        Value::Integer(slash.into()),
        Value::Text(iso(start)),
        Value::Text(iso(end)),
        s.planned.as_deref().map(str::trim).filter(|p| !p.is_empty()).map_or(Value::Null, text),
        text(&s.place),
        text(s.modality.code()),
        text(&s.link),
        text(s.status.code()),
    ]
}

/// The scheduled day of a session held on another: checked by `validate`.
fn scheduled(s: &Session) -> Value {
    s.scheduled_on.map_or(Value::Null, |d| Value::Text(iso(d)))
}

pub fn insert(conn: &Tx, s: &Session) -> Result<i64> {
    validate(conn, &Session { id: i64::MIN, ..s.clone() })?;
    conn.execute(
        "INSERT INTO sessions (body_id, kind, number, year, date, time, window_from, window_to, window_slash, \
         starts_on, ends_on, planned, place, modality, link, status, scheduled_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params_from_iter(values(s).into_iter().chain([scheduled(s)])),
    )?;
    Ok(conn.last_insert_rowid())
}

/// Inserts a session as a data file records it, keeping its `id` when it has one (> 0):
/// people cite sessions by it ("sesión 232"). An id already in use is refused.
pub fn insert_recorded(conn: &Tx, s: &Session) -> Result<i64> {
    if s.id <= 0 {
        return insert(conn, s);
    }
    if get(conn, s.id)?.is_some() {
        return Err(StoreError::invalid(
            "id",
            format!("el id {} ya es de otra sesión en esta base; quite «id» para que se asigne otro", s.id),
        ));
    }
    validate(conn, &Session { id: i64::MIN, ..s.clone() })?;
    let mut vals = vec![Value::Integer(s.id)];
    vals.extend(values(s));
    vals.push(scheduled(s));
    conn.execute(
        "INSERT INTO sessions (id, body_id, kind, number, year, date, time, window_from, window_to, window_slash, \
         starts_on, ends_on, planned, place, modality, link, status, scheduled_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params_from_iter(vals),
    )?;
    Ok(s.id)
}

/// The session is held today, at `now`, though scheduled for another day: its date and hour
/// become those it is held at (the hour it was convened for belongs to the other day), and the
/// scheduled day is kept as «prevista» (the first one, if it moves again).
pub fn held_on(conn: &Tx, id: i64, now: chrono::NaiveDateTime) -> Result<()> {
    let Some(s) = get(conn, id)? else {
        return Err(StoreError::Refused("la sesión ya no existe".into()));
    };
    let Some(scheduled) = s.schedule.date() else {
        return Err(StoreError::Refused("fije primero la fecha de la sesión".into()));
    };
    let on = now.date();
    if scheduled == on {
        return Ok(());
    }
    let day = iso(on);
    conn.execute(
        "UPDATE sessions SET date = ?2, time = ?5, year = ?3, starts_on = ?2, ends_on = ?2, \
         scheduled_on = coalesce(scheduled_on, ?4) WHERE id = ?1",
        params![id, day, on.year(), iso(scheduled), now.format("%H:%M").to_string()],
    )?;
    Ok(())
}

/// Saves an edited session. A change of status must be one the domain allows. The day it
/// was scheduled for, once it was held on another, is kept as it is.
pub fn update(conn: &Tx, s: &Session) -> Result<()> {
    let Some(current) = get(conn, s.id)? else {
        return Err(StoreError::Refused("la sesión ya no existe".into()));
    };
    if current.status.needs_reason(s.status) && current.status != s.status {
        return Err(StoreError::invalid("estado", "reabrir una sesión clausurada requiere registrar el motivo"));
    }
    current.status.check_transition(s.status).map_err(|e| StoreError::invalid("estado", e))?;
    validate(conn, s)?;
    let mut vals = values(s);
    vals.push(Value::Integer(s.id));
    conn.execute(
        "UPDATE sessions SET body_id = ?1, kind = ?2, number = ?3, year = ?4, date = ?5, time = ?6, window_from = ?7, \
         window_to = ?8, window_slash = ?9, starts_on = ?10, ends_on = ?11, planned = ?12, place = ?13, modality = ?14, \
         link = ?15, status = ?16 WHERE id = ?17",
        params_from_iter(vals),
    )?;
    Ok(())
}

/// Deletes a session that has not been held; held sessions are the body's record.
pub fn delete(conn: &Tx, id: i64) -> Result<()> {
    let Some(s) = get(conn, id)? else { return Ok(()) };
    if s.status.held() {
        return Err(StoreError::Refused(format!(
            "la sesión está «{}» y forma parte del registro del órgano; no se puede eliminar",
            s.status.label()
        )));
    }
    conn.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::{Modality, SessionStatus};
    use crate::store::{Store, bodies};

    fn session(body: i64, number: u32, when: &str, status: SessionStatus) -> Session {
        Session {
            id: 0,
            body,
            kind: SessionKind::Ordinary,
            number,
            schedule: Schedule::parse(when, 2024, None).expect("valid"),
            planned: None,
            scheduled_on: None,
            place: "Salón Revolución".into(),
            modality: Modality::Hybrid,
            link: String::new(),
            status,
        }
    }

    fn store_with_body() -> (Store, i64) {
        let mut store = Store::open_in_memory().expect("open");
        let b = store.write(|tx| bodies::insert(tx, &bodies::tests::sample("CITDP", None))).expect("body");
        (store, b)
    }

    #[test]
    fn every_schedule_shape_round_trips() {
        let (mut store, b) = store_with_body();
        for (n, when) in
            [(21, "21 de febrero"), (22, "junio-julio"), (23, "abril/mayo"), (24, "Por definir"), (25, "octubre")]
        {
            let mut s = session(b, n, when, SessionStatus::Scheduled);
            s.planned = Some("febrero".into());
            let id = store.write(|tx| insert(tx, &s)).expect("insert");
            assert_eq!(get(store.conn(), id).expect("q"), Some(Session { id, ..s }));
        }
        assert_eq!(next_number(store.conn(), b, SessionKind::Ordinary).expect("q"), 26);
        assert_eq!(next_number(store.conn(), b, SessionKind::Extraordinary).expect("q"), 1);
    }

    #[test]
    fn range_filter_overlaps_windows() {
        let (mut store, b) = store_with_body();
        for (n, when) in [(1, "21 de febrero"), (2, "febrero-marzo"), (3, "Por definir"), (4, "5 de junio")] {
            store.write(|tx| insert(tx, &session(b, n, when, SessionStatus::Scheduled))).expect("insert");
        }
        let march = Filter {
            body: Some(b),
            from: NaiveDate::from_ymd_opt(2024, 3, 1),
            to: NaiveDate::from_ymd_opt(2024, 3, 31),
            undated: false,
        };
        let numbers: Vec<u32> = list(store.conn(), &march).expect("q").iter().map(|s| s.number).collect();
        assert_eq!(numbers, [3, 2]);
        let all: Vec<u32> = list(store.conn(), &Filter::default()).expect("q").iter().map(|s| s.number).collect();
        assert_eq!(all, [3, 2, 1, 4]);
        let undated = Filter { undated: true, ..Filter::default() };
        let numbers: Vec<u32> = list(store.conn(), &undated).expect("q").iter().map(|s| s.number).collect();
        assert_eq!(numbers, [3, 2]);
    }

    #[test]
    fn duplicates_transitions_and_deletion() {
        let (mut store, b) = store_with_body();
        let id =
            store.write(|tx| insert(tx, &session(b, 21, "21 de febrero", SessionStatus::Scheduled))).expect("insert");
        let dup = store.write(|tx| insert(tx, &session(b, 21, "22 de febrero", SessionStatus::Scheduled))).unwrap_err();
        assert!(dup.to_string().contains("ya hay una sesión ordinaria número 21"), "{dup}");
        let mut jump = session(b, 21, "21 de febrero", SessionStatus::Closed);
        jump.id = id;
        let err = store.write(|tx| update(tx, &jump)).unwrap_err();
        assert!(err.to_string().starts_with("campo «estado»"), "{err}");
        for status in [SessionStatus::Convened, SessionStatus::InProgress, SessionStatus::Closed] {
            let s = Session { id, ..session(b, 21, "21 de febrero", status) };
            store.write(|tx| update(tx, &s)).expect("allowed transition");
        }
        let reopen = Session { id, ..session(b, 21, "21 de febrero", SessionStatus::InProgress) };
        assert!(store.write(|tx| update(tx, &reopen)).unwrap_err().to_string().contains("motivo"));
        assert!(store.write(|tx| delete(tx, id)).unwrap_err().to_string().contains("no se puede eliminar"));
        let planned =
            store.write(|tx| insert(tx, &session(b, 22, "junio-julio", SessionStatus::Scheduled))).expect("insert");
        store.write(|tx| delete(tx, planned)).expect("delete planned");
        assert!(get(store.conn(), planned).expect("q").is_none());
    }
}
