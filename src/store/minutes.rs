//! The acta of each closed session and its cycle: borrador → enviada → observaciones →
//! aprobada in a later session, after which the text is final and only a fe de erratas,
//! approved the same way, can correct it.

use crate::ops::Tx;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code, optional, sessions, time_col, time_text, votes};
use crate::domain::Labeled;
use crate::domain::agenda::PREVIOUS_MINUTES;
use crate::domain::minutes::{MinutesStatus, sha256_hex};
use crate::domain::session::{Session, SessionStatus};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub session: i64,
    pub status: MinutesStatus,
    pub text: String,
    pub generated: String,
    pub sent_on: Option<NaiveDate>,
    pub approved_in: Option<i64>,
    pub approval_vote: Option<i64>,
    pub approved_on: Option<NaiveDate>,
    pub sha256: Option<String>,
    pub updated_at: NaiveDateTime,
    /// Raised by every save of the text, so two people never overwrite each other.
    pub version: i64,
    /// Its place among the body's approved actas, and the hash of the one before it.
    pub folio: Option<i64>,
    pub prev_sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub id: i64,
    pub institution: i64,
    pub text: String,
    pub received_on: NaiveDate,
    /// `Some(true)` accepted, `Some(false)` rejected, `None` still to decide.
    pub accepted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erratum {
    pub id: i64,
    pub session: i64,
    pub text: String,
    pub created_on: NaiveDate,
    pub approved_in: Option<i64>,
    pub approved_on: Option<NaiveDate>,
    pub sha256: Option<String>,
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const COLUMNS: &str = "session_id, status, text, generated, sent_on, approved_in, approval_vote, approved_on, sha256, \
    updated_at, version, folio, prev_sha256";

fn from_row(r: &Row) -> rusqlite::Result<Minutes> {
    Ok(Minutes {
        session: r.get(0)?,
        status: code(r, 1)?,
        text: r.get(2)?,
        generated: r.get(3)?,
        sent_on: day(r.get(4)?),
        approved_in: r.get(5)?,
        approval_vote: r.get(6)?,
        approved_on: day(r.get(7)?),
        sha256: r.get(8)?,
        updated_at: time_col(r, 9)?.unwrap_or_default(),
        version: r.get(10)?,
        folio: r.get(11)?,
        prev_sha256: r.get(12)?,
    })
}

pub fn get(conn: &Connection, session: i64) -> Result<Option<Minutes>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM minutes WHERE session_id = ?1"), [session], from_row))
}

pub fn list(conn: &Connection) -> Result<Vec<Minutes>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM minutes ORDER BY session_id"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Actas approved in `session` (its "Lectura y aprobación del acta de la sesión anterior").
pub fn approved_in(conn: &Connection, session: i64) -> Result<Vec<Minutes>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM minutes WHERE approved_in = ?1 ORDER BY session_id"))?;
    let rows = stmt.query_map([session], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn session(conn: &Connection, id: i64) -> Result<Session> {
    sessions::get(conn, id)?.ok_or_else(|| StoreError::Refused(format!("no existe la sesión {id}")))
}

fn editable(conn: &Connection, id: i64) -> Result<Minutes> {
    let m = get(conn, id)?.ok_or_else(|| StoreError::Refused("la sesión aún no tiene acta".into()))?;
    if m.status == MinutesStatus::Approved {
        return Err(StoreError::Refused(format!(
            "el acta fue aprobada el {} y es definitiva (SHA-256 {}); las correcciones se hacen con una fe de erratas",
            m.approved_on.map(crate::domain::dates::medium_date).unwrap_or_default(),
            m.sha256.as_deref().unwrap_or("")
        )));
    }
    Ok(m)
}

/// The first draft, generated from the records of a closed session.
pub fn create(conn: &Tx, id: i64, text: &str, now: NaiveDateTime) -> Result<()> {
    let s = session(conn, id)?;
    if s.status != SessionStatus::Closed {
        return Err(StoreError::Refused(format!(
            "la sesión está «{}»: el acta se redacta al clausurarla",
            s.status.label()
        )));
    }
    if get(conn, id)?.is_some() {
        return Err(StoreError::Refused("la sesión ya tiene acta".into()));
    }
    conn.execute(
        "INSERT INTO minutes (session_id, status, text, generated, updated_at) VALUES (?1, ?2, ?3, ?3, ?4)",
        params![id, MinutesStatus::Draft.code(), text, time_text(now)],
    )?;
    Ok(())
}

/// Saves the secretary's edits made over version `base`; returns the new version. Refused
/// once the acta is approved, and with the other text when someone saved since `base`.
pub fn save_text(conn: &Tx, id: i64, text: &str, now: NaiveDateTime, base: i64) -> Result<i64> {
    let m = editable(conn, id)?;
    if m.text == text {
        return Ok(m.version);
    }
    if m.version != base {
        return Err(StoreError::Conflict { theirs: m.text, version: m.version });
    }
    conn.execute(
        "UPDATE minutes SET text = ?2, updated_at = ?3, version = version + 1 WHERE session_id = ?1",
        params![id, text, time_text(now)],
    )?;
    Ok(m.version + 1)
}

/// Replaces the text with a regenerated (and merged) one, remembering what was generated.
pub fn regenerate(conn: &Tx, id: i64, text: &str, generated: &str, now: NaiveDateTime) -> Result<()> {
    editable(conn, id)?;
    conn.execute(
        "UPDATE minutes SET text = ?2, generated = ?3, updated_at = ?4, version = version + 1 WHERE session_id = ?1",
        params![id, text, generated, time_text(now)],
    )?;
    Ok(())
}

/// Sent to the members for review.
pub fn send(conn: &Tx, id: i64, on: NaiveDate) -> Result<()> {
    editable(conn, id)?;
    conn.execute(
        "UPDATE minutes SET status = ?2, sent_on = ?3 WHERE session_id = ?1",
        params![id, MinutesStatus::Sent.code(), iso(on)],
    )?;
    Ok(())
}

pub fn observations(conn: &Connection, id: i64) -> Result<Vec<Observation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, institution_id, text, received_on, decision FROM minutes_observations WHERE session_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            let decision: Option<String> = r.get(4)?;
            Ok(Observation {
                id: r.get(0)?,
                institution: r.get(1)?,
                text: r.get(2)?,
                received_on: day(r.get(3)?).unwrap_or_default(),
                accepted: decision.map(|d| d == "accepted"),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An observation from a member on a sent acta.
pub fn add_observation(conn: &Tx, id: i64, institution: i64, text: &str, on: NaiveDate) -> Result<i64> {
    let m = editable(conn, id)?;
    if m.status == MinutesStatus::Draft {
        return Err(StoreError::Refused("envíe primero el acta a revisión; las observaciones llegan después".into()));
    }
    if text.trim().is_empty() {
        return Err(StoreError::invalid("observacion", "escriba la observación"));
    }
    conn.execute(
        "INSERT INTO minutes_observations (session_id, institution_id, text, received_on) VALUES (?1, ?2, ?3, ?4)",
        params![id, institution, text.trim(), iso(on)],
    )?;
    conn.execute(
        "UPDATE minutes SET status = ?2 WHERE session_id = ?1",
        params![id, MinutesStatus::Observations.code()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn decide_observation(conn: &Tx, observation: i64, accepted: bool, on: NaiveDate) -> Result<()> {
    let session: i64 =
        conn.query_row("SELECT session_id FROM minutes_observations WHERE id = ?1", [observation], |r| r.get(0))?;
    editable(conn, session)?;
    conn.execute(
        "UPDATE minutes_observations SET decision = ?2, decided_on = ?3 WHERE id = ?1",
        params![observation, if accepted { "accepted" } else { "rejected" }, iso(on)],
    )?;
    Ok(())
}

/// Checks that `approving` can approve something of `of`: a later, closed session of the same
/// body. Returns the vote on its "Lectura y aprobación del acta…" item, if it had one.
fn approving_session(conn: &Connection, of: &Session, approving: i64) -> Result<(Session, Option<i64>)> {
    let a = session(conn, approving)?;
    if a.body != of.body {
        return Err(StoreError::Refused("el acta se aprueba en una sesión del mismo órgano".into()));
    }
    let later = matches!((a.schedule.date(), of.schedule.date()), (Some(x), Some(y)) if x > y);
    if !later {
        return Err(StoreError::Refused("el acta se aprueba en una sesión posterior".into()));
    }
    if a.status != SessionStatus::Closed {
        return Err(StoreError::Refused(format!(
            "la sesión que aprueba está «{}»: debe estar clausurada",
            a.status.label()
        )));
    }
    let item: Option<i64> = optional(conn.query_row(
        "SELECT id FROM agenda_items WHERE session_id = ?1 AND title = ?2",
        params![approving, PREVIOUS_MINUTES],
        |r| r.get(0),
    ))?;
    let vote = match item {
        Some(item) => votes::list(conn, approving)?.into_iter().rfind(|v| v.item == item),
        None => None,
    };
    if let Some(v) = &vote
        && v.current().is_some_and(|c| !c.approved)
    {
        return Err(StoreError::Refused(format!("en esa sesión la votación «{}» fue rechazada", v.motion)));
    }
    Ok((a, vote.map(|v| v.id)))
}

/// Approves the acta of `id` in the later session `approving`: the text is fixed and its
/// SHA-256 stored. Every observation must have been accepted or rejected first.
pub fn approve(conn: &Tx, id: i64, approving: i64) -> Result<String> {
    let m = editable(conn, id)?;
    if observations(conn, id)?.iter().any(|o| o.accepted.is_none()) {
        return Err(StoreError::Refused(
            "hay observaciones sin decidir: acéptelas o recházelas antes de aprobar".into(),
        ));
    }
    let of = session(conn, id)?;
    let (a, vote) = approving_session(conn, &of, approving)?;
    let hash = sha256_hex(&m.text);
    // The libro de actas: the body's approved actas in the order they were approved, each
    // holding the hash of the one before it.
    let (folio, prev): (i64, Option<String>) = conn.query_row(
        "SELECT coalesce(max(m.folio), 0) + 1, \
                (SELECT m2.sha256 FROM minutes m2 JOIN sessions s2 ON s2.id = m2.session_id \
                 WHERE s2.body_id = ?1 AND m2.status = 'approved' ORDER BY m2.folio DESC LIMIT 1) \
         FROM minutes m JOIN sessions s ON s.id = m.session_id WHERE s.body_id = ?1 AND m.status = 'approved'",
        [of.body],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    conn.execute(
        "UPDATE minutes SET status = ?2, approved_in = ?3, approval_vote = ?4, approved_on = ?5, sha256 = ?6, \
         folio = ?7, prev_sha256 = ?8 WHERE session_id = ?1",
        params![id, MinutesStatus::Approved.code(), approving, vote, a.schedule.date().map(iso), hash, folio, prev],
    )?;
    Ok(hash)
}

pub fn errata(conn: &Connection, id: i64) -> Result<Vec<Erratum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, text, created_on, approved_in, approved_on, sha256 FROM minutes_errata \
         WHERE session_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Erratum {
                id: r.get(0)?,
                session: r.get(1)?,
                text: r.get(2)?,
                created_on: day(r.get(3)?).unwrap_or_default(),
                approved_in: r.get(4)?,
                approved_on: day(r.get(5)?),
                sha256: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Appends a fe de erratas to an approved acta.
pub fn add_erratum(conn: &Tx, id: i64, text: &str, on: NaiveDate) -> Result<i64> {
    let m = get(conn, id)?.ok_or_else(|| StoreError::Refused("la sesión aún no tiene acta".into()))?;
    if m.status != MinutesStatus::Approved {
        return Err(StoreError::Refused("el acta aún no está aprobada: corríjala directamente".into()));
    }
    if text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "escriba la fe de erratas"));
    }
    conn.execute(
        "INSERT INTO minutes_errata (session_id, text, created_on) VALUES (?1, ?2, ?3)",
        params![id, text.trim(), iso(on)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn approve_erratum(conn: &Tx, erratum: i64, approving: i64) -> Result<String> {
    let (id, text, done): (i64, String, Option<String>) =
        conn.query_row("SELECT session_id, text, sha256 FROM minutes_errata WHERE id = ?1", [erratum], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if done.is_some() {
        return Err(StoreError::Refused("esa fe de erratas ya está aprobada".into()));
    }
    let (a, _) = approving_session(conn, &session(conn, id)?, approving)?;
    let hash = sha256_hex(&text);
    conn.execute(
        "UPDATE minutes_errata SET approved_in = ?2, approved_on = ?3, sha256 = ?4 WHERE id = ?1",
        params![erratum, approving, a.schedule.date().map(iso), hash],
    )?;
    Ok(hash)
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Inserts an acta as a data file records it, with its cycle as it went. An approved acta
/// brings its SHA-256, which must be the hash of its text (an acta altered in the file is
/// refused), its place in the body's libro de actas and the session of the same body, held
/// later, that approved it (with the vote, one of that session's). Write the session's record
/// first: once the acta is approved, the database freezes it.
pub fn insert_recorded(conn: &Tx, m: &Minutes) -> Result<()> {
    let of = session(conn, m.session)?;
    if get(conn, m.session)?.is_some() {
        return Err(StoreError::invalid("estado", "la sesión ya tiene acta"));
    }
    let approval = [
        m.approved_in.is_some(),
        m.approved_on.is_some(),
        m.sha256.is_some(),
        m.folio.is_some(),
        m.prev_sha256.is_some(),
        m.approval_vote.is_some(),
    ];
    if m.status != MinutesStatus::Approved {
        if approval.iter().any(|x| *x) {
            return Err(StoreError::invalid(
                "estado",
                format!("un acta «{}» no lleva datos de aprobación (aprobada_en, sha256, folio…)", m.status.label()),
            ));
        }
    } else {
        let hash =
            m.sha256.as_deref().ok_or_else(|| StoreError::invalid("sha256", "un acta aprobada lleva su SHA-256"))?;
        if !is_sha256(hash) {
            return Err(StoreError::invalid("sha256", "una huella SHA-256 son 64 caracteres 0-9 y a-f"));
        }
        if sha256_hex(&m.text) != hash {
            return Err(StoreError::invalid(
                "sha256",
                "el texto del acta no coincide con su huella SHA-256: el acta aprobada fue alterada y no se importa",
            ));
        }
        if of.status != SessionStatus::Closed {
            return Err(StoreError::invalid(
                "estado",
                format!("el acta está aprobada pero la sesión está «{}»", of.status.label()),
            ));
        }
        let approving =
            m.approved_in.ok_or_else(|| StoreError::invalid("aprobada_en", "falta la sesión que aprobó el acta"))?;
        let a = session(conn, approving)?;
        let later = matches!((a.schedule.date(), of.schedule.date()), (Some(x), Some(y)) if x > y);
        if a.body != of.body || !later {
            return Err(StoreError::invalid(
                "aprobada_en",
                "el acta se aprueba en una sesión posterior del mismo órgano",
            ));
        }
        if m.approved_on.is_none() {
            return Err(StoreError::invalid("aprobada_el", "falta la fecha de aprobación"));
        }
        if m.folio.is_none_or(|f| f < 1) {
            return Err(StoreError::invalid("folio", "un acta aprobada lleva su folio en el libro de actas (1, 2, …)"));
        }
        if m.prev_sha256.as_deref().is_some_and(|p| !is_sha256(p)) {
            return Err(StoreError::invalid("sha256_anterior", "una huella SHA-256 son 64 caracteres 0-9 y a-f"));
        }
        if let Some(v) = m.approval_vote
            && votes::get(conn, v)?.is_none_or(|v| v.session != approving)
        {
            return Err(StoreError::invalid(
                "votacion_aprobacion",
                "la votación no es de la sesión que aprobó el acta",
            ));
        }
    }
    conn.execute(
        "INSERT INTO minutes (session_id, status, text, generated, sent_on, approved_in, approval_vote, approved_on, \
         sha256, updated_at, folio, prev_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            m.session,
            m.status.code(),
            m.text,
            m.generated,
            m.sent_on.map(iso),
            m.approved_in,
            m.approval_vote,
            m.approved_on.map(iso),
            m.sha256,
            time_text(m.updated_at),
            m.folio,
            m.prev_sha256
        ],
    )?;
    Ok(())
}

/// When an observation was accepted or rejected, if it was.
pub fn decided_on(conn: &Connection, observation: i64) -> Result<Option<NaiveDate>> {
    Ok(optional(conn.query_row("SELECT decided_on FROM minutes_observations WHERE id = ?1", [observation], |r| {
        r.get::<_, Option<String>>(0)
    }))?
    .and_then(day))
}

/// Inserts an observation on an acta as a data file records it, with its decision.
pub fn insert_observation_recorded(conn: &Tx, session: i64, o: &Observation, decided: Option<NaiveDate>) -> Result<()> {
    if o.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "escriba la observación"));
    }
    if o.accepted.is_some() != decided.is_some() {
        return Err(StoreError::invalid(
            "decidida",
            "una observación decidida lleva su decisión y la fecha en que se tomó",
        ));
    }
    conn.execute(
        "INSERT INTO minutes_observations (session_id, institution_id, text, received_on, decision, decided_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            session,
            o.institution,
            o.text.trim(),
            iso(o.received_on),
            o.accepted.map(|a| if a { "accepted" } else { "rejected" }),
            decided.map(iso)
        ],
    )?;
    Ok(())
}

/// Inserts a fe de erratas as a data file records it; an approved one brings the SHA-256 of
/// its text and the later session of the same body that approved it.
pub fn insert_erratum_recorded(conn: &Tx, e: &Erratum) -> Result<()> {
    if e.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "escriba la fe de erratas"));
    }
    if get(conn, e.session)?.is_none_or(|m| m.status != MinutesStatus::Approved) {
        return Err(StoreError::invalid("texto", "una fe de erratas corrige un acta aprobada"));
    }
    let approval = [e.approved_in.is_some(), e.approved_on.is_some(), e.sha256.is_some()];
    if approval.iter().any(|x| *x) {
        if !approval.iter().all(|x| *x) {
            return Err(StoreError::invalid(
                "aprobada_en",
                "una fe de erratas aprobada lleva aprobada_en, aprobada_el y sha256",
            ));
        }
        let hash = e.sha256.as_deref().unwrap_or_default();
        if sha256_hex(&e.text) != hash {
            return Err(StoreError::invalid(
                "sha256",
                "el texto de la fe de erratas no coincide con su huella SHA-256: fue alterada y no se importa",
            ));
        }
        let of = session(conn, e.session)?;
        let a = session(conn, e.approved_in.unwrap_or_default())?;
        let later = matches!((a.schedule.date(), of.schedule.date()), (Some(x), Some(y)) if x > y);
        if a.body != of.body || !later {
            return Err(StoreError::invalid(
                "aprobada_en",
                "la fe de erratas se aprueba en una sesión posterior del mismo órgano",
            ));
        }
    }
    conn.execute(
        "INSERT INTO minutes_errata (session_id, text, created_on, approved_in, approved_on, sha256) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.session, e.text, iso(e.created_on), e.approved_in, e.approved_on.map(iso), e.sha256],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{at, session_fixture};
    use crate::store::{conduct, institutions};

    /// Two sessions of one body: the first closed with a draft acta; the second, a month
    /// later, convoked.
    fn fixture() -> (crate::store::Store, i64, i64) {
        let (mut store, first, _) = session_fixture();
        store.write(|tx| conduct::open(tx, first, at(10, 0))).expect("open");
        store.write(|tx| conduct::close(tx, first, at(12, 0))).expect("close");
        store.write(|tx| create(tx, first, "# Acta\n\nTexto.\n", at(12, 30))).expect("draft");
        let s = session(store.conn(), first).expect("s");
        let next = Session {
            id: 0,
            number: 22,
            schedule: crate::domain::schedule::Schedule::parse("21 de marzo", 2024, Some("10:00")).expect("date"),
            status: SessionStatus::Convened,
            ..s
        };
        let second = store.write(|tx| sessions::insert(tx, &next)).expect("second");
        (store, first, second)
    }

    #[test]
    fn the_whole_cycle_and_the_refusals() {
        let (mut store, first, second) = fixture();
        store.write(|tx| save_text(tx, first, "# Acta\n\nTexto corregido.\n", at(13, 0), 0)).expect("edit draft");
        let inst = institutions::by_acronym(store.conn(), "I1").expect("q").expect("I1").id;
        let day = at(0, 0).date();
        let early = store.write(|tx| add_observation(tx, first, inst, "Falta mi nombre", day)).unwrap_err();
        assert!(early.to_string().contains("envíe primero"));
        store.write(|tx| send(tx, first, day)).expect("send");
        let obs = store.write(|tx| add_observation(tx, first, inst, "Falta mi nombre", day)).expect("obs");
        assert_eq!(get(store.conn(), first).expect("q").expect("m").status, MinutesStatus::Observations);
        let not_closed = store.write(|tx| approve(tx, first, second)).unwrap_err();
        assert!(not_closed.to_string().contains("sin decidir"), "{not_closed}");
        store.write(|tx| decide_observation(tx, obs, true, day)).expect("accept");
        let refused = store.write(|tx| approve(tx, first, second)).unwrap_err();
        assert!(refused.to_string().contains("debe estar clausurada"), "{refused}");
        let itself = store.write(|tx| approve(tx, first, first)).unwrap_err();
        assert!(itself.to_string().contains("posterior"), "{itself}");
        let later =
            |h, m| chrono::NaiveDate::from_ymd_opt(2024, 3, 21).and_then(|d| d.and_hms_opt(h, m, 0)).expect("valid");
        store.write(|tx| conduct::open(tx, second, later(10, 0))).expect("open second");
        store.write(|tx| conduct::close(tx, second, later(11, 0))).expect("close second");
        let hash = store.write(|tx| approve(tx, first, second)).expect("approve");
        assert_eq!(hash, sha256_hex("# Acta\n\nTexto corregido.\n"));
        let m = get(store.conn(), first).expect("q").expect("m");
        assert_eq!(
            (m.status, m.approved_in, m.sha256.as_deref()),
            (MinutesStatus::Approved, Some(second), Some(hash.as_str()))
        );
        assert_eq!((m.folio, m.prev_sha256), (Some(1), None), "the first page of the body's libro de actas");
        let frozen = store.write(|tx| save_text(tx, first, "otro", at(14, 0), 1)).unwrap_err();
        assert!(frozen.to_string().contains("es definitiva") && frozen.to_string().contains(&hash), "{frozen}");
        assert_eq!(get(store.conn(), first).expect("q").expect("m").text, "# Acta\n\nTexto corregido.\n");
        assert_eq!(approved_in(store.conn(), second).expect("q").len(), 1);
        let e = store
            .write(|tx| add_erratum(tx, first, "Donde dice «Texto» debe decir «Texto íntegro».", day))
            .expect("errata");
        let e_hash = store.write(|tx| approve_erratum(tx, e, second)).expect("approve errata");
        assert_eq!(errata(store.conn(), first).expect("q")[0].sha256.as_deref(), Some(e_hash.as_str()));
        assert!(store.write(|tx| approve_erratum(tx, e, second)).is_err(), "only once");
    }

    #[test]
    fn drafts_only_for_closed_sessions() {
        let (mut store, session_id, _) = session_fixture();
        let err = store.write(|tx| create(tx, session_id, "x", at(9, 0))).unwrap_err();
        assert!(err.to_string().contains("al clausurarla"), "{err}");
    }
}
