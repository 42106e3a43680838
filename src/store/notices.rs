//! Convocatorias: issuing one records its date and text and convokes the session.

use crate::ops::Tx;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Result, StoreError, optional, sessions};
use crate::domain::body::BodyRules;
use crate::domain::session::{SessionKind, SessionStatus};

/// Days of notice the body's regulation asks for this kind of session.
pub fn required_notice(rules: &BodyRules, kind: SessionKind) -> u32 {
    match kind {
        SessionKind::Ordinary => rules.notice_ordinary_days,
        SessionKind::Extraordinary => rules.notice_extraordinary_days,
    }
}

/// `Some(warning)` when issuing on `on` gives less notice than required.
pub fn late_warning(rules: &BodyRules, kind: SessionKind, on: NaiveDate, session_date: NaiveDate) -> Option<String> {
    let days = (session_date - on).num_days();
    let required = i64::from(required_notice(rules, kind));
    (days < required).then(|| {
        format!(
            "la convocatoria se emite con {} de anticipación y el reglamento pide {required} para una sesión {}",
            crate::domain::text::counted(days.max(0), "día", "días"),
            crate::domain::Labeled::label(kind)
        )
    })
}

/// When the convocatoria was issued, if it was.
pub fn issued_on(conn: &Connection, session: i64) -> Result<Option<NaiveDate>> {
    let text: Option<String> =
        optional(conn.query_row("SELECT issued_on FROM notices WHERE session_id = ?1", [session], |r| r.get(0)))?;
    Ok(text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
}

/// The convocatoria as issued: its date and text.
pub fn get(conn: &Connection, session: i64) -> Result<Option<(NaiveDate, String)>> {
    let row: Option<(String, String)> =
        optional(conn.query_row("SELECT issued_on, text FROM notices WHERE session_id = ?1", [session], |r| {
            Ok((r.get(0)?, r.get(1)?))
        }))?;
    Ok(row.and_then(|(d, t)| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok().map(|d| (d, t))))
}

/// Inserts a convocatoria as a data file records it (the session keeps its own status).
pub fn insert_recorded(conn: &Tx, session: i64, on: NaiveDate, text: &str) -> Result<()> {
    if issued_on(conn, session)?.is_some() {
        return Err(StoreError::invalid("emitida", "la sesión ya tiene convocatoria"));
    }
    conn.execute(
        "INSERT INTO notices (session_id, issued_on, text) VALUES (?1, ?2, ?3)",
        params![session, on.format("%Y-%m-%d").to_string(), text],
    )?;
    Ok(())
}

/// Records the convocatoria and moves the session to "convocada".
pub fn issue(conn: &Tx, session: i64, on: NaiveDate, text: &str) -> Result<()> {
    let mut s =
        sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused(format!("no existe la sesión {session}")))?;
    if s.schedule.date().is_none() {
        return Err(StoreError::Refused(
            "fije primero la fecha de la sesión: una convocatoria lleva fecha y hora".into(),
        ));
    }
    if !matches!(s.status, SessionStatus::Scheduled | SessionStatus::Convened) {
        return Err(StoreError::Refused(format!(
            "la sesión está «{}»: solo se convoca una sesión programada",
            crate::domain::Labeled::label(s.status)
        )));
    }
    conn.execute(
        "INSERT INTO notices (session_id, issued_on, text) VALUES (?1, ?2, ?3) \
         ON CONFLICT(session_id) DO UPDATE SET issued_on = excluded.issued_on, text = excluded.text",
        params![session, on.format("%Y-%m-%d").to_string(), text],
    )?;
    if s.status == SessionStatus::Scheduled {
        s.status = SessionStatus::Convened;
        sessions::update(conn, &s)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::session_fixture;

    #[test]
    fn issuing_convokes_and_late_notice_is_told() {
        let (mut store, session, _) = session_fixture();
        let mut s = sessions::get(store.conn(), session).expect("q").expect("s");
        s.status = SessionStatus::Scheduled;
        store.write(|tx| sessions::update(tx, &s).or_else(|_| Ok::<(), StoreError>(()))).expect("keep");
        let d = |day| NaiveDate::from_ymd_opt(2024, 2, day).expect("valid");
        let rules = BodyRules::default();
        assert_eq!(late_warning(&rules, SessionKind::Ordinary, d(10), d(21)), None);
        let late = late_warning(&rules, SessionKind::Ordinary, d(19), d(21)).expect("late");
        assert!(late.contains("2 días") && late.contains("pide 5"), "{late}");
        assert_eq!(late_warning(&rules, SessionKind::Extraordinary, d(20), d(21)), None);
        store.write(|tx| issue(tx, session, d(10), "# Convocatoria")).expect("issue");
        assert_eq!(issued_on(store.conn(), session).expect("q"), Some(d(10)));
        assert_eq!(sessions::get(store.conn(), session).expect("q").expect("s").status, SessionStatus::Convened);
    }
}
