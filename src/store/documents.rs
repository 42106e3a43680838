//! What the documents cite beyond the record of sessions: each body's document conventions
//! and details (style, legal basis, room and address, who conducts and signs), each session's
//! convocatoria details (oficio, annexes, confirmation), agreements declared firm, the reasons
//! of a vote, and the narrative of an informe de gestión.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Result, StoreError};
use crate::domain::Labeled;
use crate::domain::style::{DocStyle, NoticeSigner, RecordWord, check_record_pattern};
use crate::ops::Tx;

/// A body's document conventions and the details its documents cite.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct BodyDocuments {
    pub style: DocStyle,
    pub record_word: RecordWord,
    /// The acta's identifier pattern; empty: the style's.
    pub record_pattern: String,
    /// "los artículos 10 y 12 del Reglamento Interno de la Comisión", cited as typed.
    pub legal_basis: String,
    pub room: String,
    pub address: String,
    pub city: String,
    pub notice_signer: NoticeSigner,
    /// Who receives the confirmations of attendance: name, e-mail, telephone, as typed.
    pub contact: String,
    /// The acta ends with a hoja de firmas of everyone present.
    pub signature_sheet: bool,
    /// What the body calls its Secretaría Técnica ("Secretaría Ejecutiva"); empty: the usual.
    pub secretariat: String,
    /// The term of office of the Presidencia and the Secretaría Técnica.
    pub term: Option<(NaiveDate, NaiveDate)>,
}

impl Default for BodyDocuments {
    fn default() -> Self {
        BodyDocuments {
            style: DocStyle::Mexico,
            record_word: RecordWord::Acta,
            record_pattern: String::new(),
            legal_basis: String::new(),
            room: String::new(),
            address: String::new(),
            city: String::new(),
            notice_signer: NoticeSigner::Conductor,
            contact: String::new(),
            signature_sheet: false,
            secretariat: String::new(),
            term: None,
        }
    }
}

impl BodyDocuments {
    /// The acta's identifier pattern in force.
    pub fn pattern(&self) -> &str {
        if self.record_pattern.trim().is_empty() { self.style.default_record_pattern() } else { &self.record_pattern }
    }

    /// The name of the office that keeps the record, as the documents write it.
    pub fn secretariat_name(&self) -> &str {
        let name = self.secretariat.trim();
        if name.is_empty() { "Secretaría Técnica" } else { name }
    }
}

/// What one session's convocatoria and acta cite. Room, address and city left empty are the
/// body's.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionDocuments {
    pub notice_ref: String,
    pub room: String,
    pub address: String,
    pub city: String,
    /// One annex a line.
    pub annexes: String,
    pub confirm_by: Option<NaiveDate>,
}

impl SessionDocuments {
    pub fn annex_list(&self) -> Vec<&str> {
        self.annexes.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn labeled<T: Labeled>(idx: usize, code: &str) -> rusqlite::Result<T> {
    T::from_code(code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, format!("«{code}»").into())
    })
}

/// The bodies that name their Secretaría Técnica otherwise ("Secretaría Ejecutiva"), by body.
pub fn secretariat_names(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt =
        conn.prepare("SELECT body_id, trim(secretariat) FROM body_documents WHERE trim(secretariat) <> ''")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn body(conn: &Connection, body: i64) -> Result<BodyDocuments> {
    let row = conn
        .query_row(
            "SELECT style, record_word, record_pattern, legal_basis, room, address, city, notice_signer, \
             contact, signature_sheet, term_from, term_to, secretariat \
             FROM body_documents WHERE body_id = ?1",
            [body],
            |r| {
                let from = date(r.get(10)?);
                let to = date(r.get(11)?);
                Ok(BodyDocuments {
                    style: labeled(0, &r.get::<_, String>(0)?)?,
                    record_word: labeled(1, &r.get::<_, String>(1)?)?,
                    record_pattern: r.get(2)?,
                    legal_basis: r.get(3)?,
                    room: r.get(4)?,
                    address: r.get(5)?,
                    city: r.get(6)?,
                    notice_signer: labeled(7, &r.get::<_, String>(7)?)?,
                    contact: r.get(8)?,
                    signature_sheet: r.get(9)?,
                    secretariat: r.get(12)?,
                    term: from.zip(to),
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

pub fn set_body(conn: &Tx, body: i64, d: &BodyDocuments) -> Result<()> {
    check_record_pattern(&d.record_pattern).map_err(|m| StoreError::invalid("patron_acta", m))?;
    if let Some((from, to)) = d.term
        && from > to
    {
        return Err(StoreError::invalid("gestion_hasta", "la gestión termina antes de empezar"));
    }
    if super::bodies::get(conn, body)?.is_none() {
        return Err(StoreError::Refused(format!("no existe el órgano {body}")));
    }
    conn.execute(
        "INSERT INTO body_documents (body_id, style, record_word, record_pattern, legal_basis, room, address, city, \
         notice_signer, contact, signature_sheet, term_from, term_to, secretariat) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
         ON CONFLICT(body_id) DO UPDATE SET style = excluded.style, record_word = excluded.record_word, \
         record_pattern = excluded.record_pattern, legal_basis = excluded.legal_basis, room = excluded.room, \
         address = excluded.address, city = excluded.city, \
         notice_signer = excluded.notice_signer, contact = excluded.contact, \
         signature_sheet = excluded.signature_sheet, term_from = excluded.term_from, term_to = excluded.term_to, \
         secretariat = excluded.secretariat",
        params![
            body,
            d.style.code(),
            d.record_word.code(),
            d.record_pattern.trim(),
            d.legal_basis,
            d.room,
            d.address,
            d.city,
            d.notice_signer.code(),
            d.contact,
            d.signature_sheet,
            iso(d.term.map(|t| t.0)),
            iso(d.term.map(|t| t.1)),
            d.secretariat.trim(),
        ],
    )?;
    Ok(())
}

pub fn session(conn: &Connection, session: i64) -> Result<SessionDocuments> {
    let row = conn
        .query_row(
            "SELECT notice_ref, room, address, city, annexes, confirm_by FROM session_documents WHERE session_id = ?1",
            [session],
            |r| {
                Ok(SessionDocuments {
                    notice_ref: r.get(0)?,
                    room: r.get(1)?,
                    address: r.get(2)?,
                    city: r.get(3)?,
                    annexes: r.get(4)?,
                    confirm_by: date(r.get(5)?),
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

pub fn set_session(conn: &Tx, session: i64, d: &SessionDocuments) -> Result<()> {
    if super::sessions::get(conn, session)?.is_none() {
        return Err(StoreError::Refused(format!("no existe la sesión {session}")));
    }
    if *d == SessionDocuments::default() {
        conn.execute("DELETE FROM session_documents WHERE session_id = ?1", [session])?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO session_documents (session_id, notice_ref, room, address, city, annexes, confirm_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(session_id) DO UPDATE SET notice_ref = excluded.notice_ref, \
         room = excluded.room, address = excluded.address, city = excluded.city, annexes = excluded.annexes, \
         confirm_by = excluded.confirm_by",
        params![session, d.notice_ref, d.room, d.address, d.city, d.annexes, iso(d.confirm_by)],
    )?;
    Ok(())
}

/// The invitation's SEQUENCE: how many times the session's date, place, convocatoria details
/// or agenda changed, counted in the bitácora; it only grows.
pub fn notice_sequence(conn: &Connection, session: i64) -> Result<u32> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM bitacora WHERE session_id = ?1 AND op IN ('save_session', 'issue_notice', \
         'save_session_documents', 'add_item', 'rename_item', 'move_item', 'remove_item')",
        [session],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

crate::domain::labels::labeled_enum!(
    /// A voto salvado (against, with its reasons) or razonado (any vote, explained).
    ReasonKind {
        Dissenting => ("salvado", "voto salvado"),
        Reasoned => ("razonado", "voto razonado"),
    }
);

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct VoteReason {
    pub membership: i64,
    pub kind: ReasonKind,
    pub text: String,
}

pub fn reasons(conn: &Connection, vote: i64) -> Result<Vec<VoteReason>> {
    let mut stmt =
        conn.prepare_cached("SELECT membership_id, kind, text FROM vote_reasons WHERE vote_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([vote], |r| {
        Ok(VoteReason { membership: r.get(0)?, kind: labeled(1, &r.get::<_, String>(1)?)?, text: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records the reasons of a member's vote (an empty text removes them); refused where the
/// body's regulation does not allow them, and for a member not on the session's roll.
pub fn set_reason(conn: &Tx, vote: i64, r: &VoteReason) -> Result<()> {
    let found: Option<(i64, i64)> = conn
        .query_row(
            "SELECT s.body_id, s.id FROM votes v JOIN sessions s ON s.id = v.session_id WHERE v.id = ?1",
            [vote],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (body, _) = found.ok_or_else(|| StoreError::Refused(format!("no existe la votación {vote}")))?;
    if r.text.trim().is_empty() {
        conn.execute(
            "DELETE FROM vote_reasons WHERE vote_id = ?1 AND membership_id = ?2",
            params![vote, r.membership],
        )?;
        return Ok(());
    }
    if !super::bodies::get(conn, body)?.is_some_and(|b| b.rules.dissent_reasons) {
        return Err(StoreError::invalid(
            "motivo",
            "el reglamento de este órgano no prevé votos salvados ni razonados; actívelo en las reglas del órgano \
             («Voto razonado»)",
        ));
    }
    let member_body: Option<i64> =
        conn.query_row("SELECT body_id FROM memberships WHERE id = ?1", [r.membership], |row| row.get(0)).optional()?;
    if member_body != Some(body) {
        return Err(StoreError::invalid("integrante", "la institución no integra el órgano de esta votación"));
    }
    conn.execute(
        "INSERT INTO vote_reasons (vote_id, membership_id, kind, text) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT(vote_id, membership_id) DO UPDATE SET kind = excluded.kind, text = excluded.text",
        params![vote, r.membership, r.kind.code(), r.text],
    )?;
    Ok(())
}

/// What the Presidencia and the Secretaría Técnica write in the informe de gestión.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Narrative {
    pub place: String,
    pub actions: String,
    pub representations: String,
    pub cooperation: String,
}

pub fn narrative(conn: &Connection, body: i64, from: NaiveDate, to: NaiveDate) -> Result<Narrative> {
    let row = conn
        .query_row(
            "SELECT place, actions, representations, cooperation FROM management_narratives \
             WHERE body_id = ?1 AND term_from = ?2 AND term_to = ?3",
            params![body, iso(Some(from)), iso(Some(to))],
            |r| {
                Ok(Narrative {
                    place: r.get(0)?,
                    actions: r.get(1)?,
                    representations: r.get(2)?,
                    cooperation: r.get(3)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Every narrative of `body`, by term.
pub fn narratives(conn: &Connection, body: i64) -> Result<Vec<(NaiveDate, NaiveDate, Narrative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT term_from, term_to, place, actions, representations, cooperation FROM management_narratives \
         WHERE body_id = ?1 ORDER BY term_from, term_to",
    )?;
    let rows = stmt.query_map([body], |r| {
        Ok((
            date(r.get(0)?),
            date(r.get(1)?),
            Narrative { place: r.get(2)?, actions: r.get(3)?, representations: r.get(4)?, cooperation: r.get(5)? },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let (Some(from), Some(to), n) = row? {
            out.push((from, to, n));
        }
    }
    Ok(out)
}

pub fn set_narrative(conn: &Tx, body: i64, from: NaiveDate, to: NaiveDate, n: &Narrative) -> Result<()> {
    if from > to {
        return Err(StoreError::invalid("hasta", "el periodo termina antes de empezar"));
    }
    if super::bodies::get(conn, body)?.is_none() {
        return Err(StoreError::Refused(format!("no existe el órgano {body}")));
    }
    conn.execute(
        "INSERT INTO management_narratives (body_id, term_from, term_to, place, actions, representations, cooperation) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(body_id, term_from, term_to) DO UPDATE SET \
         place = excluded.place, actions = excluded.actions, representations = excluded.representations, \
         cooperation = excluded.cooperation",
        params![body, iso(Some(from)), iso(Some(to)), n.place, n.actions, n.representations, n.cooperation],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn settings_round_trip_and_rules() {
        let mut store = crate::demo::in_memory();
        let id = crate::store::bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
        let d = BodyDocuments {
            style: DocStyle::CostaRica,
            record_word: RecordWord::Minuta,
            legal_basis: "los artículos 3 y 5 del Reglamento".into(),
            term: NaiveDate::from_ymd_opt(2024, 1, 1).zip(NaiveDate::from_ymd_opt(2025, 12, 31)),
            ..BodyDocuments::default()
        };
        crate::ops::testing::write(&mut store, |tx| set_body(tx, id, &d)).expect("set");
        assert_eq!(body(store.conn(), id).expect("q"), d);
        let bad = BodyDocuments { record_pattern: "Acta {anio}".into(), ..d.clone() };
        let err = crate::ops::testing::write(&mut store, |tx| set_body(tx, id, &bad)).unwrap_err();
        assert!(err.to_string().starts_with("campo «patron_acta»"), "{err}");
        let empty = Store::open_in_memory().expect("open");
        assert_eq!(body(empty.conn(), 1).expect("q"), BodyDocuments::default());
    }
}
