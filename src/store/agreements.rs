//! Agreements adopted in a session, numbered by the body's pattern.

use crate::ops::Tx;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, agenda, bodies, code, optional, sessions, time_col, time_text};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline, check_pattern, number};
use crate::domain::session::SessionStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub id: i64,
    pub session: i64,
    pub item: i64,
    pub vote: Option<i64>,
    pub seq: u32,
    pub number: String,
    pub text: String,
    pub deadline: Deadline,
    pub status: AgreementStatus,
    pub created_at: NaiveDateTime,
    /// Declared firme on adoption (where the body's reglamento allows it): executable
    /// before the acta is approved.
    pub firm: bool,
    /// Institution ids.
    pub responsibles: Vec<i64>,
}

/// Reads the columns id, session_id, item_id, vote_id, seq, number, text, deadline, status,
/// created_at, firm.
pub(crate) fn from_row(row: &Row) -> rusqlite::Result<Agreement> {
    let deadline: Option<String> = row.get(7)?;
    Ok(Agreement {
        id: row.get(0)?,
        session: row.get(1)?,
        item: row.get(2)?,
        vote: row.get(3)?,
        seq: row.get(4)?,
        number: row.get(5)?,
        text: row.get(6)?,
        deadline: deadline
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .map_or(Deadline::Permanent, Deadline::Date),
        status: code(row, 8)?,
        created_at: time_col(row, 9)?.unwrap_or_default(),
        firm: row.get(10)?,
        responsibles: Vec::new(),
    })
}

/// Records an agreement during the session. It needs text and at least one responsible
/// institution; the number follows the body's pattern.
#[allow(clippy::too_many_arguments)]
pub fn add(
    conn: &Tx,
    session: i64,
    item: i64,
    vote: Option<i64>,
    text: &str,
    responsibles: &[i64],
    deadline: Deadline,
    now: NaiveDateTime,
) -> Result<i64> {
    let s = sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    if s.status != SessionStatus::InProgress {
        return Err(StoreError::Refused(format!(
            "la sesión está «{}»: no se pueden registrar acuerdos",
            s.status.label()
        )));
    }
    if agenda::get(conn, item)?.is_none_or(|i| i.session != session) {
        return Err(StoreError::Refused("el punto no es de esta sesión".into()));
    }
    if text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "escriba el texto del acuerdo"));
    }
    if responsibles.is_empty() {
        return Err(StoreError::invalid("responsables", "indique al menos una institución responsable"));
    }
    // Without quorum nothing is adopted: the acta could not list it as an agreement.
    let q = super::conduct::quorum(conn, session)?;
    if !q.reached() {
        return Err(StoreError::invalid(
            "quorum",
            format!(
                "no hay quórum ({}/{}, se requieren {}): sin quórum no se adoptan acuerdos",
                q.present, q.total, q.required
            ),
        ));
    }
    let body = bodies::get(conn, s.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let pattern: String =
        conn.query_row("SELECT agreement_pattern FROM bodies WHERE id = ?1", [body.id], |r| r.get(0))?;
    check_pattern(&pattern).map_err(StoreError::Refused)?;
    let seq: u32 =
        conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM agreements WHERE session_id = ?1", [session], |r| {
            r.get(0)
        })?;
    let date = s.schedule.date().unwrap_or(now.date());
    let num = number(&pattern, &body.acronym, s.kind, s.number, date, seq);
    conn.execute(
        "INSERT INTO agreements (session_id, item_id, vote_id, seq, number, text, deadline, status, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            session,
            item,
            vote,
            seq,
            num,
            text.trim(),
            deadline.date().map(|d| d.format("%Y-%m-%d").to_string()),
            AgreementStatus::Pending.code(),
            time_text(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    for inst in responsibles {
        conn.execute(
            "INSERT OR IGNORE INTO agreement_responsibles (agreement_id, institution_id) VALUES (?1, ?2)",
            params![id, inst],
        )?;
    }
    Ok(id)
}

/// Inserts an agreement as a data file records it: its number as it was given, the item
/// (and vote) of its own session, its responsibles, and where its follow-up stands. A
/// cumplido agreement has the day it was fulfilled, and only it has one.
pub fn insert_recorded(conn: &Tx, a: &Agreement, progress: u32, done_on: Option<NaiveDate>) -> Result<i64> {
    if agenda::get(conn, a.item)?.is_none_or(|i| i.session != a.session) {
        return Err(StoreError::invalid("punto", "el punto no es de esta sesión"));
    }
    if let Some(v) = a.vote
        && super::votes::get(conn, v)?.is_none_or(|v| v.session != a.session)
    {
        return Err(StoreError::invalid("votacion", "la votación no es de esta sesión"));
    }
    if a.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "escriba el texto del acuerdo"));
    }
    if a.responsibles.is_empty() {
        return Err(StoreError::invalid("responsables", "indique al menos una institución responsable"));
    }
    if a.number.trim().is_empty() {
        return Err(StoreError::invalid("numero", "falta el número del acuerdo"));
    }
    let clash: Option<i64> = super::optional(conn.query_row(
        "SELECT id FROM agreements WHERE number = ?1 OR (session_id = ?2 AND seq = ?3)",
        params![a.number.trim(), a.session, a.seq],
        |r| r.get(0),
    ))?;
    if clash.is_some() {
        return Err(StoreError::invalid("numero", format!("ya hay un acuerdo con el número «{}»", a.number.trim())));
    }
    check_follow_up(a.status, progress, done_on)?;
    if a.firm {
        let allows = sessions::get(conn, a.session)?
            .and_then(|s| bodies::get(conn, s.body).ok().flatten())
            .is_some_and(|b| b.rules.firm_agreements);
        if !allows {
            return Err(StoreError::invalid("firme", "el reglamento del órgano no prevé acuerdos firmes"));
        }
    }
    conn.execute(
        "INSERT INTO agreements (session_id, item_id, vote_id, seq, number, text, deadline, status, created_at, \
         progress, done_on, firm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            a.session,
            a.item,
            a.vote,
            a.seq,
            a.number.trim(),
            a.text.trim(),
            a.deadline.date().map(|d| d.format("%Y-%m-%d").to_string()),
            a.status.code(),
            time_text(a.created_at),
            progress,
            done_on.map(|d| d.format("%Y-%m-%d").to_string()),
            a.firm
        ],
    )?;
    let id = conn.last_insert_rowid();
    for inst in &a.responsibles {
        conn.execute(
            "INSERT OR IGNORE INTO agreement_responsibles (agreement_id, institution_id) VALUES (?1, ?2)",
            params![id, inst],
        )?;
    }
    Ok(id)
}

/// Where a commitment's follow-up stands must hold together: a percentage, and a fulfilment
/// day exactly when it is cumplido.
pub(crate) fn check_follow_up(status: AgreementStatus, progress: u32, done_on: Option<NaiveDate>) -> Result<()> {
    if progress > 100 {
        return Err(StoreError::invalid("avance", format!("el avance es un porcentaje de 0 a 100, no {progress}")));
    }
    match (status, done_on) {
        (AgreementStatus::Done, None) => {
            Err(StoreError::invalid("cumplido_el", "un compromiso cumplido lleva la fecha en que se cumplió"))
        }
        (s, Some(_)) if s != AgreementStatus::Done => Err(StoreError::invalid(
            "cumplido_el",
            format!("solo un compromiso cumplido tiene fecha de cumplimiento, no uno «{}»", s.label()),
        )),
        _ => Ok(()),
    }
}

/// Declares an agreement firme, as the session that adopted it may where the body's reglamento
/// allows (Costa Rica, LGAP arts. 56-57): while that session is under way and has quorum.
pub fn declare_firm(conn: &Tx, agreement: i64) -> Result<()> {
    let (session, number, firm): (i64, String, bool) =
        optional(conn.query_row("SELECT session_id, number, firm FROM agreements WHERE id = ?1", [agreement], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        }))?
        .ok_or_else(|| StoreError::Refused("el acuerdo no existe".into()))?;
    let s = sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    let body = bodies::get(conn, s.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    if !body.rules.firm_agreements {
        return Err(StoreError::invalid(
            "firme",
            format!("el reglamento de {} no prevé acuerdos firmes (actívelo en las reglas del órgano)", body.acronym),
        ));
    }
    if firm {
        return Err(StoreError::invalid("firme", format!("el acuerdo {number} ya fue declarado firme")));
    }
    if s.status != SessionStatus::InProgress {
        return Err(StoreError::invalid(
            "firme",
            format!("la firmeza se declara en la misma sesión, en curso; esta está «{}»", s.status.label()),
        ));
    }
    let q = super::conduct::quorum(conn, session)?;
    if !q.reached() {
        return Err(StoreError::invalid("quorum", "no hay quórum: sin quórum no se declara firme un acuerdo"));
    }
    conn.execute("UPDATE agreements SET firm = 1 WHERE id = ?1", [agreement])?;
    Ok(())
}

pub fn list(conn: &Connection, session: i64) -> Result<Vec<Agreement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, item_id, vote_id, seq, number, text, deadline, status, created_at, firm \
         FROM agreements WHERE session_id = ?1 ORDER BY seq",
    )?;
    let mut out: Vec<Agreement> = stmt.query_map([session], from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut resp = conn.prepare_cached(
        "SELECT r.institution_id FROM agreement_responsibles r JOIN institutions i ON i.id = r.institution_id \
         WHERE r.agreement_id = ?1 ORDER BY i.acronym",
    )?;
    for a in &mut out {
        a.responsibles = resp.query_map([a.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::institutions;
    use crate::store::tests::{at, session_fixture};

    #[test]
    fn numbered_per_session_with_responsibles() {
        let (mut store, session, ms) = session_fixture();
        assert!(
            store.write(|tx| add(tx, session, 1, None, "x", &[1], Deadline::Permanent, at(10, 0))).is_err(),
            "not open"
        );
        store.write(|tx| super::super::conduct::open(tx, session, at(10, 0))).expect("open");
        let item = agenda::list(store.conn(), session).expect("q")[0].id;
        let without = store.write(|tx| add(tx, session, item, None, "Texto", &[1], Deadline::Permanent, at(10, 2)));
        let err = without.unwrap_err();
        assert!(matches!(&err, StoreError::Invalid { field: "quorum", .. }), "{err}");
        assert!(err.to_string().contains("no hay quórum (0/5, se requieren 3)"), "{err}");
        for m in &ms[..3] {
            store
                .write(|tx| {
                    super::super::attendance::mark(
                        tx,
                        session,
                        *m,
                        crate::domain::quorum::Presence::Titular,
                        at(10, 3).time(),
                    )
                })
                .expect("mark");
        }
        let i1 = institutions::by_acronym(store.conn(), "I1").expect("q").expect("I1").id;
        let i2 = institutions::by_acronym(store.conn(), "I2").expect("q").expect("I2").id;
        let err =
            store.write(|tx| add(tx, session, item, None, "Texto", &[], Deadline::Permanent, at(10, 5))).unwrap_err();
        assert!(err.to_string().starts_with("campo «responsables»"));
        let deadline = Deadline::Date(NaiveDate::from_ymd_opt(2024, 6, 30).expect("valid"));
        store
            .write(|tx| add(tx, session, item, None, "Enviar el informe", &[i2, i1], deadline, at(10, 5)))
            .expect("a1");
        store
            .write(|tx| add(tx, session, item, None, "Difundir la campaña", &[i1], Deadline::Permanent, at(10, 6)))
            .expect("a2");
        let all = list(store.conn(), session).expect("q");
        let numbers: Vec<&str> = all.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, ["CITDP/SO-21/2024/01", "CITDP/SO-21/2024/02"]);
        assert_eq!(all[0].responsibles, [i1, i2]);
        assert_eq!(
            (all[0].deadline, all[1].deadline, all[0].status),
            (deadline, Deadline::Permanent, AgreementStatus::Pending)
        );
    }
}
