//! Roll call: one row per membership of the session's body.

use crate::ops::Tx;
use chrono::NaiveTime;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code};
use crate::domain::Labeled;
use crate::domain::member::{RepresentativeRole, Rights, check_weight};
use crate::domain::quorum::{AttendanceMode, Mark, Presence};
use crate::domain::session::SessionStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub mark: Mark,
    /// The person who came, as named that day.
    pub representative: String,
}

fn hm(t: Option<String>) -> Option<NaiveTime> {
    t.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok())
}

fn from_row(row: &Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        mark: Mark {
            membership: row.get(0)?,
            presence: code(row, 1)?,
            mode: code(row, 2)?,
            arrival: hm(row.get(3)?),
            departure: hm(row.get(4)?),
        },
        representative: row.get(5)?,
    })
}

pub fn list(conn: &Connection, session: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT membership_id, presence, mode, arrival, departure, representative FROM attendance WHERE session_id = ?1",
    )?;
    let rows = stmt.query_map([session], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Rows for every membership of the body that has none yet, all absent.
pub fn ensure_rows(conn: &Tx, session: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO attendance (session_id, membership_id, presence, mode, rights, weight) \
         SELECT s.id, m.id, 'absent', 'in_person', m.rights, m.weight FROM sessions s \
         JOIN memberships m ON m.body_id = s.body_id \
         WHERE s.id = ?1 AND (m.ended_on IS NULL OR m.ended_on > coalesce(s.date, s.starts_on))",
        [session],
    )?;
    Ok(())
}

fn hm_text(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

/// Roll call is taken while the session runs (or is in recess); a closed session is the
/// record and changes only after a reopening.
fn check_running(conn: &Connection, session: i64) -> Result<()> {
    let status: Option<String> =
        super::optional(conn.query_row("SELECT status FROM sessions WHERE id = ?1", [session], |r| r.get(0)))?;
    match status.as_deref().and_then(SessionStatus::from_code) {
        Some(SessionStatus::InProgress | SessionStatus::Suspended) => Ok(()),
        Some(other) => Err(StoreError::Refused(format!(
            "la sesión está «{}»: la lista de asistencia solo se modifica con la sesión en curso",
            other.label()
        ))),
        None => Err(StoreError::Refused(format!("no existe la sesión {session}"))),
    }
}

/// Marks presence. Arriving sets the arrival time (kept if already set) and names the person
/// from the membership's titular or suplente; becoming absent clears times.
pub fn mark(conn: &Tx, session: i64, membership: i64, presence: Presence, now: NaiveTime) -> Result<()> {
    check_running(conn, session)?;
    let current = list(conn, session)?.into_iter().find(|e| e.mark.membership == membership);
    let Some(current) = current else {
        return Err(StoreError::Refused("la institución no es integrante del órgano de esta sesión".into()));
    };
    let role = match presence {
        Presence::Titular => Some(RepresentativeRole::Titular),
        Presence::Alternate => Some(RepresentativeRole::Alternate),
        _ => None,
    };
    let person = match role {
        Some(r) => super::members::representative(conn, membership, r)?.map(|p| p.name).unwrap_or_default(),
        None => String::new(),
    };
    let (arrival, departure) = if presence.present() {
        (current.mark.arrival.filter(|_| current.mark.presence.present()).or(Some(now)), None)
    } else {
        (None, None)
    };
    conn.execute(
        "UPDATE attendance SET presence = ?3, arrival = ?4, departure = ?5, representative = ?6 \
         WHERE session_id = ?1 AND membership_id = ?2",
        params![session, membership, presence.code(), hm_text(arrival), hm_text(departure), person],
    )?;
    Ok(())
}

pub fn set_mode(conn: &Tx, session: i64, membership: i64, mode: AttendanceMode) -> Result<()> {
    check_running(conn, session)?;
    conn.execute(
        "UPDATE attendance SET mode = ?3 WHERE session_id = ?1 AND membership_id = ?2",
        params![session, membership, mode.code()],
    )?;
    Ok(())
}

/// Records that the person left (or, with `None`, came back).
pub fn set_departure(conn: &Tx, session: i64, membership: i64, at: Option<NaiveTime>) -> Result<()> {
    check_running(conn, session)?;
    let entry = list(conn, session)?.into_iter().find(|e| e.mark.membership == membership);
    if at.is_some() && !entry.is_some_and(|e| e.mark.presence.present()) {
        return Err(StoreError::Refused("solo puede retirarse quien está presente".into()));
    }
    conn.execute(
        "UPDATE attendance SET departure = ?3 WHERE session_id = ?1 AND membership_id = ?2",
        params![session, membership, hm_text(at)],
    )?;
    Ok(())
}

/// Corrects the arrival time typed by the secretary.
pub fn set_arrival(conn: &Tx, session: i64, membership: i64, at: NaiveTime) -> Result<()> {
    check_running(conn, session)?;
    conn.execute(
        "UPDATE attendance SET arrival = ?3 WHERE session_id = ?1 AND membership_id = ?2",
        params![session, membership, hm_text(Some(at))],
    )?;
    Ok(())
}

/// A membership on a session's roll with the rights and weight it had that day (`None` where
/// the row predates the snapshot).
pub type Snapshot = (i64, Option<Rights>, Option<u32>);

/// The rights and weight each member had on the session's roll, by membership.
pub fn snapshot(conn: &Connection, session: i64) -> Result<Vec<Snapshot>> {
    let mut stmt = conn.prepare_cached("SELECT membership_id, rights, weight FROM attendance WHERE session_id = ?1")?;
    let rows = stmt
        .query_map([session], |r| {
            let rights: Option<String> = r.get(1)?;
            Ok((r.get(0)?, rights.as_deref().and_then(Rights::from_code), r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Inserts a roll-call row as a data file records it: the mark, the person named that day,
/// and the rights and weight the member had. The member must belong to the session's body.
pub fn insert_recorded(conn: &Tx, session: i64, e: &Entry, rights: Rights, weight: u32) -> Result<()> {
    check_weight(weight).map_err(|m| StoreError::invalid("peso", m))?;
    let same_body: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sessions s JOIN memberships m ON m.body_id = s.body_id \
         WHERE s.id = ?1 AND m.id = ?2)",
        params![session, e.mark.membership],
        |r| r.get(0),
    )?;
    if !same_body {
        return Err(StoreError::invalid("institucion", "la institución no es integrante del órgano de esta sesión"));
    }
    let listed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ?1 AND membership_id = ?2)",
        params![session, e.mark.membership],
        |r| r.get(0),
    )?;
    if listed {
        return Err(StoreError::invalid("institucion", "la institución ya está en la lista de asistencia"));
    }
    let m = &e.mark;
    conn.execute(
        "INSERT INTO attendance (session_id, membership_id, presence, mode, arrival, departure, representative, \
         rights, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            session,
            m.membership,
            m.presence.code(),
            m.mode.code(),
            hm_text(m.arrival),
            hm_text(m.departure),
            e.representative,
            rights.code(),
            weight
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::session_fixture;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid")
    }

    #[test]
    fn marks_arrivals_and_departures() {
        let (mut store, session, memberships) = session_fixture();
        store.write(|tx| ensure_rows(tx, session)).expect("rows");
        let early = store.write(|tx| mark(tx, session, memberships[0], Presence::Titular, t(9, 0))).unwrap_err();
        assert!(early.to_string().contains("solo se modifica con la sesión en curso"), "{early}");
        store.write(|tx| crate::store::conduct::open(tx, session, crate::store::tests::at(10, 0))).expect("open");
        assert_eq!(list(store.conn(), session).expect("q").len(), memberships.len());
        let m = memberships[0];
        store.write(|tx| mark(tx, session, m, Presence::Titular, t(10, 2))).expect("mark");
        store.write(|tx| mark(tx, session, m, Presence::Alternate, t(10, 30))).expect("switch");
        let e = list(store.conn(), session).expect("q").into_iter().find(|e| e.mark.membership == m).expect("row");
        assert_eq!((e.mark.presence, e.mark.arrival), (Presence::Alternate, Some(t(10, 2))), "arrival kept");
        assert_eq!(e.representative, "Suplente 0");
        store.write(|tx| set_departure(tx, session, m, Some(t(12, 0)))).expect("leave");
        store.write(|tx| set_mode(tx, session, m, AttendanceMode::Remote)).expect("mode");
        let e = list(store.conn(), session).expect("q").into_iter().find(|e| e.mark.membership == m).expect("row");
        assert!(!e.mark.here());
        assert_eq!(e.mark.mode, AttendanceMode::Remote);
        store.write(|tx| mark(tx, session, m, Presence::Justified, t(12, 1))).expect("justified");
        let e = list(store.conn(), session).expect("q").into_iter().find(|e| e.mark.membership == m).expect("row");
        assert_eq!((e.mark.arrival, e.mark.departure, e.representative.as_str()), (None, None, ""));
        let absent = memberships[1];
        assert!(store.write(|tx| set_departure(tx, session, absent, Some(t(12, 0)))).is_err());
        assert!(store.write(|tx| mark(tx, session, 999, Presence::Titular, t(1, 0))).is_err());
    }
}
