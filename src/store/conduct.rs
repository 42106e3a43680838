//! Running a session: opening, the current agenda item, second call, recesses, closing and
//! reopening. Every step is logged in `session_events` with its time.

use crate::ops::Tx;
use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::{Connection, params};

use super::{Result, StoreError, agenda, attendance, bodies, code, members, sessions, time_col, time_text};
use crate::domain::Labeled;
use crate::domain::body::Body;
use crate::domain::quorum::{Call, QuorumCount, Seat, check_second_call, count};
use crate::domain::session::{Session, SessionEvent, SessionStatus};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conduct {
    pub started_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub call: Call,
    pub current_item: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: NaiveDateTime,
    pub kind: SessionEvent,
    pub detail: String,
}

pub fn conduct(conn: &Connection, session: i64) -> Result<Conduct> {
    Ok(conn.query_row(
        "SELECT started_at, ended_at, call, current_item FROM sessions WHERE id = ?1",
        [session],
        |r| {
            Ok(Conduct {
                started_at: time_col(r, 0)?,
                ended_at: time_col(r, 1)?,
                call: code(r, 2)?,
                current_item: r.get(3)?,
            })
        },
    )?)
}

pub fn events(conn: &Connection, session: i64) -> Result<Vec<Event>> {
    let mut stmt =
        conn.prepare_cached("SELECT at, kind, detail FROM session_events WHERE session_id = ?1 ORDER BY id")?;
    let rows = stmt
        .query_map([session], |r| {
            Ok(Event { at: time_col(r, 0)?.unwrap_or_default(), kind: code(r, 1)?, detail: r.get(2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn log(conn: &Tx, session: i64, at: NaiveDateTime, kind: SessionEvent, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO session_events (session_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        params![session, time_text(at), kind.code(), detail],
    )?;
    Ok(())
}

fn session_and_body(conn: &Connection, session: i64) -> Result<(Session, Body)> {
    let s =
        sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused(format!("no existe la sesión {session}")))?;
    let b = bodies::get(conn, s.body)?.ok_or_else(|| StoreError::Refused("el órgano de la sesión no existe".into()))?;
    Ok((s, b))
}

fn set_status(conn: &Tx, s: &Session, to: SessionStatus) -> Result<()> {
    s.status.check_transition(to).map_err(StoreError::Refused)?;
    conn.execute("UPDATE sessions SET status = ?2 WHERE id = ?1", params![s.id, to.code()])?;
    Ok(())
}

fn must_be(s: &Session, allowed: &[SessionStatus], what: &str) -> Result<()> {
    if allowed.contains(&s.status) {
        Ok(())
    } else {
        Err(StoreError::Refused(format!("la sesión está «{}»: no se puede {what}", s.status.label())))
    }
}

/// Opens a convoked session on its scheduled day (see `open_on`).
pub fn open(conn: &Tx, session: i64, now: NaiveDateTime) -> Result<()> {
    open_on(conn, session, now, false)
}

/// Opens a convoked session: status "en curso", start time, the agenda from the body's
/// template if it has none yet, one roll-call row per member, and the first item current.
/// `now` is the body's wall clock. Held on a day other than the scheduled one, it needs
/// `other_day` (the secretary confirmed it), and the session takes the day it is held, the
/// scheduled one kept as «prevista».
pub fn open_on(conn: &Tx, session: i64, now: NaiveDateTime, other_day: bool) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    let Some(scheduled) = s.schedule.date() else {
        return Err(StoreError::Refused("fije primero la fecha de la sesión".into()));
    };
    if s.status == SessionStatus::Convened {
        crate::domain::session::check_opening_day(scheduled, now.date(), other_day)
            .map_err(|m| StoreError::invalid("fecha", m))?;
        sessions::held_on(conn, session, now)?;
    }
    set_status(conn, &s, SessionStatus::InProgress)?;
    let first = agenda::ensure(conn, session)?.first().map(|i| i.id);
    attendance::ensure_rows(conn, session)?;
    conn.execute(
        "UPDATE sessions SET started_at = coalesce(started_at, ?2), current_item = coalesce(current_item, ?3) WHERE id = ?1",
        params![session, time_text(now), first],
    )?;
    if let Some(item) = first.and_then(|f| agenda::get(conn, f).ok().flatten()).filter(|i| i.started_at.is_none()) {
        agenda::set_times(conn, item.id, Some(now), None)?;
    }
    log(conn, session, now, SessionEvent::Opened, "")
}

/// The quorum now, by the body's rule and the call in force.
pub fn quorum(conn: &Connection, session: i64) -> Result<QuorumCount> {
    let (s, body) = session_and_body(conn, session)?;
    let call = conduct(conn, s.id)?.call;
    let marks = attendance::list(conn, session)?;
    let seats: Vec<Seat> = members::roll(conn, session)?
        .iter()
        .map(|m| Seat {
            membership: m.id,
            rights: m.rights,
            weight: m.weight,
            here: marks.iter().any(|e| e.mark.membership == m.id && e.mark.here()),
        })
        .collect();
    count(&body.rules, &seats, call).map_err(StoreError::Refused)
}

/// Makes `item` the current one, closing the time of the previous. Going past the roll call
/// needs quorum: deliberation does not open without it.
pub fn set_current(conn: &Tx, session: i64, item: i64, now: NaiveDateTime) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::InProgress], "cambiar de punto")?;
    let items = agenda::list(conn, session)?;
    let target = items
        .iter()
        .find(|i| i.id == item)
        .ok_or_else(|| StoreError::Refused("el punto no es de esta sesión".into()))?;
    if target.position > items.first().map_or(0, |f| f.position) {
        let q = quorum(conn, session)?;
        if !q.reached() {
            return Err(StoreError::Refused(format!(
                "no hay quórum ({}/{}, se requieren {}): no puede abrirse la deliberación; registre la segunda convocatoria si procede",
                q.present, q.total, q.required
            )));
        }
    }
    let current = conduct(conn, session)?.current_item;
    if current == Some(item) {
        return Ok(());
    }
    if let Some(prev) = current.and_then(|c| items.iter().find(|i| i.id == c)) {
        agenda::set_times(conn, prev.id, prev.started_at.or(Some(now)), Some(now))?;
    }
    agenda::set_times(conn, item, target.started_at.or(Some(now)), None)?;
    conn.execute("UPDATE sessions SET current_item = ?2 WHERE id = ?1", params![session, item])?;
    Ok(())
}

/// Records the second call (segunda convocatoria) once the body's wait has passed since the
/// time the session was called for.
pub fn second_call(conn: &Tx, session: i64, now: NaiveDateTime) -> Result<()> {
    let (s, body) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::InProgress], "registrar la segunda convocatoria")?;
    let called_for = match (s.schedule.date(), s.schedule.time()) {
        (Some(d), Some(t)) => d.and_time(t),
        _ => conduct(conn, session)?.started_at.unwrap_or(now),
    };
    check_second_call(&body.rules, (now - called_for).num_minutes()).map_err(StoreError::Refused)?;
    conn.execute("UPDATE sessions SET call = 'second' WHERE id = ?1", [session])?;
    log(conn, session, now, SessionEvent::SecondCall, "")
}

pub fn suspend(conn: &Tx, session: i64, now: NaiveDateTime, reason: &str) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::InProgress], "decretar un receso")?;
    set_status(conn, &s, SessionStatus::Suspended)?;
    log(conn, session, now, SessionEvent::Suspended, reason.trim())
}

pub fn resume(conn: &Tx, session: i64, now: NaiveDateTime) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::Suspended], "reanudar")?;
    set_status(conn, &s, SessionStatus::InProgress)?;
    log(conn, session, now, SessionEvent::Resumed, "")
}

/// Clausura: end time, the current item's end, status "clausurada".
pub fn close(conn: &Tx, session: i64, now: NaiveDateTime) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::InProgress, SessionStatus::Suspended], "clausurar")?;
    set_status(conn, &s, SessionStatus::Closed)?;
    if let Some(item) = conduct(conn, session)?.current_item.map(|i| agenda::get(conn, i)).transpose()?.flatten() {
        agenda::set_times(conn, item.id, item.started_at.or(Some(now)), item.ended_at.or(Some(now)))?;
    }
    conn.execute("UPDATE sessions SET ended_at = ?2 WHERE id = ?1", params![session, time_text(now)])?;
    log(conn, session, now, SessionEvent::Closed, "")
}

/// Reopens a closed session; the reason is required and kept.
pub fn reopen(conn: &Tx, session: i64, now: NaiveDateTime, reason: &str) -> Result<()> {
    let (s, _) = session_and_body(conn, session)?;
    must_be(&s, &[SessionStatus::Closed], "reabrir")?;
    if let Some(m) = super::minutes::get(conn, session)?
        && m.status == crate::domain::minutes::MinutesStatus::Approved
    {
        return Err(StoreError::Refused(format!(
            "el acta de esta sesión se aprobó el {}: la sesión ya no se reabre; las correcciones se hacen con una fe de erratas",
            m.approved_on.map(crate::domain::dates::medium_date).unwrap_or_default()
        )));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::invalid("motivo", "escriba el motivo de la reapertura; quedará en el registro"));
    }
    set_status(conn, &s, SessionStatus::InProgress)?;
    conn.execute("UPDATE sessions SET ended_at = NULL WHERE id = ?1", [session])?;
    log(conn, session, now, SessionEvent::Reopened, reason.trim())
}

/// Sets how a session was conducted, as a data file records it: start and end, the call in
/// force and the current item (one of its own).
pub fn set_recorded(conn: &Tx, session: i64, c: &Conduct) -> Result<()> {
    if let (Some(start), Some(end)) = (c.started_at, c.ended_at)
        && end < start
    {
        return Err(StoreError::invalid("fin", format!("la sesión termina ({end}) antes de empezar ({start})")));
    }
    if let Some(item) = c.current_item
        && agenda::get(conn, item)?.is_none_or(|i| i.session != session)
    {
        return Err(StoreError::invalid("punto_actual", "el punto actual no es de esta sesión"));
    }
    conn.execute(
        "UPDATE sessions SET started_at = ?2, ended_at = ?3, call = ?4, current_item = ?5 WHERE id = ?1",
        params![session, c.started_at.map(time_text), c.ended_at.map(time_text), c.call.code(), c.current_item],
    )?;
    Ok(())
}

/// Appends an event to a session's log as a data file records it.
pub fn insert_event_recorded(conn: &Tx, session: i64, e: &Event) -> Result<()> {
    log(conn, session, e.at, e.kind, &e.detail)
}

/// Minutes of recess, from the suspend/resume events (an open recess counts until `now`).
pub fn recess_minutes(events: &[Event], now: NaiveDateTime) -> i64 {
    let mut total = 0;
    let mut since: Option<NaiveDateTime> = None;
    for e in events {
        match e.kind {
            SessionEvent::Suspended => since = Some(e.at),
            SessionEvent::Resumed | SessionEvent::Closed => {
                if let Some(s) = since.take() {
                    total += (e.at - s).num_minutes();
                }
            }
            _ => {}
        }
    }
    total + since.map_or(0, |s| (now - s).num_minutes())
}

pub fn time_of(t: NaiveDateTime) -> NaiveTime {
    t.time()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quorum::Presence;
    use crate::store::tests::{at, session_fixture};

    #[test]
    fn open_builds_agenda_and_roll_call() {
        let (mut store, session, memberships) = session_fixture();
        store.write(|tx| open(tx, session, at(10, 0))).expect("open");
        let items = agenda::list(store.conn(), session).expect("q");
        assert_eq!(items.len(), 5);
        assert_eq!(items[0].title, crate::domain::agenda::ROLL_CALL);
        assert_eq!(items[0].started_at, Some(at(10, 0)));
        let c = conduct(store.conn(), session).expect("q");
        assert_eq!((c.started_at, c.current_item, c.call), (Some(at(10, 0)), Some(items[0].id), Call::First));
        assert_eq!(attendance::list(store.conn(), session).expect("q").len(), memberships.len());
        let s = sessions::get(store.conn(), session).expect("q").expect("s");
        assert_eq!(s.status, SessionStatus::InProgress);
        assert!(store.write(|tx| open(tx, session, at(10, 1))).is_ok(), "opening twice keeps everything");
        assert_eq!(agenda::list(store.conn(), session).expect("q").len(), 5);
    }

    #[test]
    fn opening_on_another_day_keeps_the_scheduled_one() {
        let (mut store, session, _) = session_fixture();
        let next_day = at(10, 0) + chrono::Duration::days(1);
        let err = store.write(|tx| open(tx, session, next_day)).unwrap_err();
        assert!(matches!(&err, StoreError::Invalid { field: "fecha", .. }), "{err}");
        assert!(err.to_string().contains("prevista para el 21 de febrero de 2024 y hoy es 22 de febrero"), "{err}");
        assert_eq!(sessions::get(store.conn(), session).expect("q").expect("s").status, SessionStatus::Convened);
        store.write(|tx| open_on(tx, session, next_day, true)).expect("confirmed");
        let s = sessions::get(store.conn(), session).expect("q").expect("s");
        assert_eq!(s.schedule.date(), Some(next_day.date()), "the day it was held");
        assert_eq!(s.scheduled_on, Some(at(10, 0).date()), "the scheduled day, kept as prevista");
        assert_eq!(conduct(store.conn(), session).expect("q").started_at, Some(next_day));
    }

    #[test]
    fn deliberation_needs_quorum_or_second_call() {
        let (mut store, session, memberships) = session_fixture();
        store.write(|tx| open(tx, session, at(10, 0))).expect("open");
        let items = agenda::list(store.conn(), session).expect("q");
        let err = store.write(|tx| set_current(tx, session, items[1].id, at(10, 5))).unwrap_err();
        assert!(err.to_string().contains("no hay quórum (0/5, se requieren 3)"), "{err}");
        store
            .write(|tx| attendance::mark(tx, session, memberships[0], Presence::Titular, at(10, 6).time()))
            .expect("m");
        store
            .write(|tx| attendance::mark(tx, session, memberships[1], Presence::Alternate, at(10, 6).time()))
            .expect("m");
        assert!(!quorum(store.conn(), session).expect("q").reached());
        let early = store.write(|tx| second_call(tx, session, at(10, 20))).unwrap_err();
        assert!(early.to_string().contains("30 minutos"), "{early}");
        store.write(|tx| second_call(tx, session, at(10, 31))).expect("second call");
        let q = quorum(store.conn(), session).expect("q");
        assert_eq!((q.call, q.present, q.required, q.reached()), (Call::Second, 2, 2, true));
        store.write(|tx| set_current(tx, session, items[1].id, at(10, 32))).expect("deliberation opens");
        let items = agenda::list(store.conn(), session).expect("q");
        assert_eq!((items[0].ended_at, items[1].started_at), (Some(at(10, 32)), Some(at(10, 32))));
    }

    #[test]
    fn recess_close_and_reopen() {
        let (mut store, session, _) = session_fixture();
        store.write(|tx| open(tx, session, at(10, 0))).expect("open");
        store.write(|tx| suspend(tx, session, at(11, 0), "receso para comer")).expect("suspend");
        assert!(store.write(|tx| suspend(tx, session, at(11, 1), "")).is_err());
        store.write(|tx| resume(tx, session, at(11, 45))).expect("resume");
        store.write(|tx| close(tx, session, at(13, 0))).expect("close");
        let c = conduct(store.conn(), session).expect("q");
        assert_eq!(c.ended_at, Some(at(13, 0)));
        let ev = events(store.conn(), session).expect("q");
        assert_eq!(recess_minutes(&ev, at(14, 0)), 45);
        assert!(store.write(|tx| reopen(tx, session, at(14, 0), "  ")).unwrap_err().to_string().contains("motivo"));
        store.write(|tx| reopen(tx, session, at(14, 0), "faltó registrar un acuerdo")).expect("reopen");
        let kinds: Vec<&str> = events(store.conn(), session).expect("q").iter().map(|e| e.kind.code()).collect();
        assert_eq!(kinds, ["abierta", "suspendida", "reanudada", "clausurada", "reabierta"]);
        assert_eq!(conduct(store.conn(), session).expect("q").ended_at, None);
    }
}
