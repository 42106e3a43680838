//! The acta cycle in the demonstration: the CITDP's Vigésima Primera Sesión Ordinaria has its
//! acta sent, observed by the SSPC (observation accepted) and approved in the Vigésima
//! Segunda; the other replayed sessions keep draft actas.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::ops::{Batch, Op, OpError};
use crate::store::{bodies, minutes, sessions};

type Result<T> = std::result::Result<T, OpError>;

fn session_id(conn: &Connection, acronym: &str, number: u32) -> Result<Option<i64>> {
    let Some(body) = bodies::by_acronym(conn, acronym)? else { return Ok(None) };
    let filter = sessions::Filter { body: Some(body.id), ..Default::default() };
    Ok(sessions::list(conn, &filter)?
        .into_iter()
        .find(|s| s.number == number && s.kind == crate::domain::session::SessionKind::Ordinary)
        .map(|s| s.id))
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| OpError::Refused("fecha de demostración inválida".into()))
}

fn at(date: NaiveDate, h: u32) -> NaiveDateTime {
    date.and_hms_opt(h, 0, 0).unwrap_or_default()
}

/// Drafts, sends, observes and approves as a secretariat would have; returns how many actas
/// were created.
pub fn record(b: &mut Batch) -> Result<usize> {
    let mut created = 0;
    for (acronym, number, drafted) in
        [("CITDP", 21, day(2024, 2, 22)?), ("SC-PP", 169, day(2026, 8, 12)?), ("CORETT", 32, day(2025, 6, 13)?)]
    {
        let Some(id) = session_id(b.conn(), acronym, number)? else { continue };
        if minutes::get(b.conn(), id)?.is_some() {
            continue;
        }
        b.run(Op::DraftMinutes { session: id, at: at(drafted, 12) })?;
        created += 1;
    }
    let (Some(acta), Some(next)) = (session_id(b.conn(), "CITDP", 21)?, session_id(b.conn(), "CITDP", 22)?) else {
        return Ok(created);
    };
    if minutes::get(b.conn(), acta)?.is_some_and(|m| m.status == crate::domain::minutes::MinutesStatus::Draft) {
        b.run(Op::SendMinutes { session: acta, on: day(2024, 3, 1)? })?;
        let note = "Precisar que la representación de la SSPC corresponde a la Unidad General de Asuntos Jurídicos y Transparencia.";
        let observation = b.run(Op::AddObservation {
            session: acta,
            institution: "SSPC".into(),
            text: note.into(),
            on: day(2024, 3, 8)?,
        })?;
        if let Some(observation) = observation.id {
            b.run(Op::DecideObservation { observation, accepted: true, on: day(2024, 3, 11)? })?;
        }
        b.run(Op::ApproveMinutes { session: acta, approving: next })?;
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use crate::domain::minutes::{MinutesStatus, sha256_hex};
    use crate::store::minutes;

    #[test]
    fn one_approved_acta_with_an_observation_and_drafts() {
        let store = crate::demo::in_memory();
        let all = minutes::list(store.conn()).expect("q");
        assert_eq!(all.len(), 3);
        let approved: Vec<_> = all.iter().filter(|m| m.status == MinutesStatus::Approved).collect();
        assert_eq!(approved.len(), 1);
        let a = approved[0];
        assert_eq!(a.sha256.as_deref(), Some(sha256_hex(&a.text).as_str()));
        assert!(a.approved_in.is_some());
        let obs = minutes::observations(store.conn(), a.session).expect("q");
        assert_eq!((obs.len(), obs[0].accepted), (1, Some(true)));
        assert_eq!(all.iter().filter(|m| m.status == MinutesStatus::Draft).count(), 2);
    }
}
