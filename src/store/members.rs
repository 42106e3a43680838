//! Memberships of institutions in bodies, and the titular and suplente of each.

use crate::ops::Tx;
use chrono::NaiveDate;
use std::collections::HashMap;

use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code, optional};
use crate::domain::Labeled;
use crate::domain::dates::medium_date;
use crate::domain::member::{Membership, Office, Representative, RepresentativeRole, check_weight};

const COLUMNS: &str = "id, body_id, institution_id, rights, office, weight, ended_on";

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn from_row(row: &Row) -> rusqlite::Result<Membership> {
    Ok(Membership {
        id: row.get(0)?,
        body: row.get(1)?,
        institution: row.get(2)?,
        rights: code(row, 3)?,
        office: code(row, 4)?,
        weight: row.get(5)?,
        ended_on: day(row.get(6)?),
    })
}

const ORDER: &str =
    "ORDER BY m.body_id, CASE m.office WHEN 'presidency' THEN 0 WHEN 'secretariat' THEN 1 ELSE 2 END, i.acronym";

/// Every membership, current or ended.
pub fn list(conn: &Connection) -> Result<Vec<Membership>> {
    let sql = format!(
        "SELECT m.id, m.body_id, m.institution_id, m.rights, m.office, m.weight, m.ended_on FROM memberships m \
         JOIN institutions i ON i.id = m.institution_id {ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The body's memberships, current or ended (an ended one keeps its place in history).
pub fn for_body(conn: &Connection, body: i64) -> Result<Vec<Membership>> {
    let sql = format!(
        "SELECT m.id, m.body_id, m.institution_id, m.rights, m.office, m.weight, m.ended_on FROM memberships m \
         JOIN institutions i ON i.id = m.institution_id WHERE m.body_id = ?1 {ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([body], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The members on a session's roll, as they were that day: once the session was opened, those
/// with a row on its roll, with the rights and weight they had then; before, the body's
/// members not given their baja by the session's date.
pub fn roll(conn: &Connection, session: i64) -> Result<Vec<Membership>> {
    let (body, date): (i64, String) =
        conn.query_row("SELECT body_id, coalesce(date, starts_on) FROM sessions WHERE id = ?1", [session], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let snapshot: HashMap<i64, (Option<String>, Option<u32>)> = {
        let mut stmt =
            conn.prepare_cached("SELECT membership_id, rights, weight FROM attendance WHERE session_id = ?1")?;
        stmt.query_map([session], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?
    };
    let on = day(Some(date)).unwrap_or_default();
    let mut out = Vec::new();
    for mut m in for_body(conn, body)? {
        if snapshot.is_empty() {
            if m.active_on(on) {
                out.push(m);
            }
            continue;
        }
        let Some((rights, weight)) = snapshot.get(&m.id) else { continue };
        if let Some(r) = rights.as_deref().and_then(crate::domain::member::Rights::from_code) {
            m.rights = r;
        }
        if let Some(w) = weight {
            m.weight = *w;
        }
        out.push(m);
    }
    Ok(out)
}

/// Current designations of the body's members.
pub fn representatives_of_body(conn: &Connection, body: i64) -> Result<Vec<(i64, RepresentativeRole, Representative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name, r.position, r.email, r.phone, r.designated_on, r.letter_ref, r.membership_id, r.role \
         FROM designations r JOIN memberships m ON m.id = r.membership_id WHERE m.body_id = ?1 AND r.ended_on IS NULL",
    )?;
    let rows = stmt
        .query_map([body], |row| Ok((row.get(6)?, code(row, 7)?, rep_from_row(row)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The titular and suplente of each of the body's members as they were on `on`: the
/// designation in force that day, or the earliest on file for days before every one of them
/// (the rule of `representative_on`, for all members in one query).
pub fn representatives_of_body_on(
    conn: &Connection,
    body: i64,
    on: NaiveDate,
) -> Result<Vec<(i64, RepresentativeRole, Representative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name, r.position, r.email, r.phone, r.designated_on, r.letter_ref, r.membership_id, r.role, \
         r.ended_on FROM designations r JOIN memberships m ON m.id = r.membership_id WHERE m.body_id = ?1 \
         ORDER BY r.membership_id, r.role, r.id",
    )?;
    let rows: Vec<(i64, RepresentativeRole, Representative, Option<NaiveDate>)> = stmt
        .query_map([body], |row| Ok((row.get(6)?, code(row, 7)?, rep_from_row(row)?, day(row.get(8)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut chosen: HashMap<(i64, RepresentativeRole), (bool, Option<NaiveDate>, Representative)> = HashMap::new();
    for (m, role, rep, ended) in rows {
        if ended.is_some_and(|e| e <= on) {
            continue;
        }
        let started = rep.designated_on.is_none_or(|d| d <= on);
        let better = match chosen.get(&(m, role)) {
            None => true,
            Some((s, d, _)) if started != *s => started,
            Some((s, d, _)) if *s => rep.designated_on > *d,
            Some((_, d, _)) => rep.designated_on < *d,
        };
        if better {
            chosen.insert((m, role), (started, rep.designated_on, rep));
        }
    }
    Ok(chosen.into_iter().map(|((m, role), (_, _, rep))| (m, role, rep)).collect())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Membership>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM memberships WHERE id = ?1"), [id], from_row))
}

fn validate(conn: &Connection, m: &Membership) -> Result<()> {
    check_weight(m.weight).map_err(|e| StoreError::invalid("peso", e))?;
    let clash: Option<i64> = optional(conn.query_row(
        "SELECT id FROM memberships WHERE body_id = ?1 AND institution_id = ?2 AND id <> ?3",
        params![m.body, m.institution, m.id],
        |r| r.get(0),
    ))?;
    if clash.is_some() {
        return Err(StoreError::invalid("institucion", "la institución ya es integrante de este órgano"));
    }
    if m.office != Office::Member {
        let holder: Option<String> = optional(conn.query_row(
            "SELECT i.acronym FROM memberships m JOIN institutions i ON i.id = m.institution_id \
             WHERE m.body_id = ?1 AND m.office = ?2 AND m.id <> ?3 AND m.ended_on IS NULL",
            params![m.body, m.office.code(), m.id],
            |r| r.get(0),
        ))?;
        if let Some(h) = holder {
            return Err(StoreError::invalid("cargo", format!("la {} ya la ocupa «{h}»", m.office.label())));
        }
    }
    Ok(())
}

pub fn insert(conn: &Tx, m: &Membership) -> Result<i64> {
    validate(conn, &Membership { id: i64::MIN, ..m.clone() })?;
    conn.execute(
        "INSERT INTO memberships (body_id, institution_id, rights, office, weight) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![m.body, m.institution, m.rights.code(), m.office.code(), m.weight],
    )?;
    let id = conn.last_insert_rowid();
    // A member added while a session of the body is under way joins its roll.
    conn.execute(
        "INSERT OR IGNORE INTO attendance (session_id, membership_id, presence, mode, rights, weight) \
         SELECT s.id, ?1, 'absent', 'in_person', ?2, ?3 FROM sessions s \
         WHERE s.body_id = ?4 AND s.status IN ('in_progress', 'suspended')",
        params![id, m.rights.code(), m.weight, m.body],
    )?;
    Ok(id)
}

/// Inserts a membership as a data file records it, with its baja (`ended_on`, reason) when
/// it has one. An office is exclusive only among current members: a past Presidencia may
/// stand beside the present one. Nobody joins a session's roll here: the roll is recorded.
pub fn insert_recorded(conn: &Tx, m: &Membership, end_reason: &str) -> Result<i64> {
    check_weight(m.weight).map_err(|e| StoreError::invalid("peso", e))?;
    let probe =
        Membership { id: i64::MIN, office: if m.ended_on.is_some() { Office::Member } else { m.office }, ..m.clone() };
    validate(conn, &probe)?;
    if m.ended_on.is_none() && !end_reason.trim().is_empty() {
        return Err(StoreError::invalid("motivo_baja", "hay motivo de baja pero falta la fecha de la baja"));
    }
    conn.execute(
        "INSERT INTO memberships (body_id, institution_id, rights, office, weight, ended_on, end_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            m.body,
            m.institution,
            m.rights.code(),
            m.office.code(),
            m.weight,
            m.ended_on.map(iso),
            end_reason.trim()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Why the membership ended (empty when it did not, or no reason was given).
pub fn end_reason(conn: &Connection, id: i64) -> Result<String> {
    Ok(optional(conn.query_row("SELECT end_reason FROM memberships WHERE id = ?1", [id], |r| r.get(0)))?
        .unwrap_or_default())
}

pub fn update(conn: &Tx, m: &Membership) -> Result<()> {
    validate(conn, m)?;
    let current = get(conn, m.id)?.ok_or_else(|| StoreError::Refused("la integrante ya no existe".into()))?;
    if current.institution != m.institution && has_history(conn, m.id)? {
        return Err(StoreError::invalid(
            "institucion",
            "la integrante tiene historial: no se cambia de institución; dé de baja esta y registre la nueva",
        ));
    }
    conn.execute(
        "UPDATE memberships SET institution_id = ?2, rights = ?3, office = ?4, weight = ?5 WHERE id = ?1",
        params![m.id, m.institution, m.rights.code(), m.office.code(), m.weight],
    )?;
    Ok(())
}

/// Whether anything in the record names this membership: a roll it is on in a session that
/// was held or is under way, a ballot, a commitment of its institution in this body.
pub fn has_history(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.membership_id = ?1 \
                AND (a.presence <> 'absent' OR s.status IN ('closed', 'in_progress', 'suspended'))) \
             OR EXISTS (SELECT 1 FROM vote_ballots WHERE membership_id = ?1) \
             OR EXISTS (SELECT 1 FROM memberships m JOIN agreement_responsibles r ON r.institution_id = m.institution_id \
                JOIN agreements a ON a.id = r.agreement_id JOIN sessions s ON s.id = a.session_id \
                WHERE m.id = ?1 AND s.body_id = m.body_id) \
             OR EXISTS (SELECT 1 FROM memberships m JOIN activity_responsibles r ON r.institution_id = m.institution_id \
                JOIN activities a ON a.id = r.activity_id JOIN work_plans p ON p.id = a.plan_id \
                WHERE m.id = ?1 AND p.body_id = m.body_id)",
        [id],
        |r| r.get(0),
    )?)
}

/// Deletes a membership nothing in the record names (one added by mistake).
pub fn delete(conn: &Tx, id: i64) -> Result<()> {
    if has_history(conn, id)? {
        return Err(StoreError::Refused(
            "la integrante tiene historial (asistencia, votos o compromisos): se da de baja, no se elimina".into(),
        ));
    }
    conn.execute("DELETE FROM memberships WHERE id = ?1", [id])?;
    Ok(())
}

/// The baja: from `on` the membership is out of the rolls of sessions not yet held; the
/// sessions already held keep it, and so do their quorum and their actas.
pub fn end(conn: &Tx, id: i64, on: NaiveDate, reason: &str) -> Result<()> {
    let m = get(conn, id)?.ok_or_else(|| StoreError::Refused("la integrante ya no existe".into()))?;
    if let Some(end) = m.ended_on {
        return Err(StoreError::Refused(format!("la integrante ya fue dada de baja el {}", medium_date(end))));
    }
    conn.execute(
        "UPDATE memberships SET ended_on = ?2, end_reason = ?3 WHERE id = ?1",
        params![id, iso(on), reason.trim()],
    )?;
    // Sessions not yet opened draw their roll from the members on their date; a session
    // under way keeps everyone it started with.
    Ok(())
}

fn rep_from_row(row: &Row) -> rusqlite::Result<Representative> {
    let designated: Option<String> = row.get(4)?;
    Ok(Representative {
        name: row.get(0)?,
        position: row.get(1)?,
        email: row.get(2)?,
        phone: row.get(3)?,
        designated_on: day(designated),
        letter_ref: row.get(5)?,
    })
}

/// The person designated now.
pub fn representative(conn: &Connection, membership: i64, role: RepresentativeRole) -> Result<Option<Representative>> {
    optional(conn.query_row(
        "SELECT name, position, email, phone, designated_on, letter_ref FROM designations \
         WHERE membership_id = ?1 AND role = ?2 AND ended_on IS NULL",
        params![membership, role.code()],
        rep_from_row,
    ))
}

/// Who held the seat on `on`: the designation in force that day (designated by then and not
/// ended), else the earliest one, for records older than every designation on file.
pub fn representative_on(
    conn: &Connection,
    membership: i64,
    role: RepresentativeRole,
    on: NaiveDate,
) -> Result<Option<Representative>> {
    optional(conn.query_row(
        "SELECT name, position, email, phone, designated_on, letter_ref FROM designations \
         WHERE membership_id = ?1 AND role = ?2 AND (ended_on IS NULL OR ended_on > ?3) \
         ORDER BY (coalesce(designated_on, '') <= ?3) DESC, \
         CASE WHEN coalesce(designated_on, '') <= ?3 THEN designated_on END DESC, designated_on, id DESC LIMIT 1",
        params![membership, role.code(), iso(on)],
        rep_from_row,
    ))
}

/// A past or present designation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Designation {
    pub role: RepresentativeRole,
    pub person: Representative,
    pub ended_on: Option<NaiveDate>,
}

/// Everyone who has held the membership's seats, oldest first.
pub fn designations(conn: &Connection, membership: i64) -> Result<Vec<Designation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, position, email, phone, designated_on, letter_ref, role, ended_on FROM designations \
         WHERE membership_id = ?1 ORDER BY role DESC, coalesce(designated_on, ''), id",
    )?;
    let rows = stmt
        .query_map([membership], |row| {
            Ok(Designation { person: rep_from_row(row)?, role: code(row, 6)?, ended_on: day(row.get(7)?) })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Current designations of every membership.
pub fn all_representatives(conn: &Connection) -> Result<Vec<(i64, RepresentativeRole, Representative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, position, email, phone, designated_on, letter_ref, membership_id, role FROM designations \
         WHERE ended_on IS NULL ORDER BY membership_id, role DESC",
    )?;
    let rows = stmt
        .query_map([], |row| Ok((row.get(6)?, code(row, 7)?, rep_from_row(row)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn same_person(a: &str, b: &str) -> bool {
    crate::domain::text::fold(a) == crate::domain::text::fold(b)
}

/// Designates the titular or suplente. The same person (by name) has their details updated;
/// a different one ends the current designation the day the new one starts (or `today`),
/// so whoever held the seat before stays on record.
pub fn designate(
    conn: &Tx,
    membership: i64,
    role: RepresentativeRole,
    rep: &Representative,
    today: NaiveDate,
) -> Result<()> {
    rep.validate()?;
    let current: Option<i64> = optional(conn.query_row(
        "SELECT id FROM designations WHERE membership_id = ?1 AND role = ?2 AND ended_on IS NULL",
        params![membership, role.code()],
        |r| r.get(0),
    ))?;
    let held_by = representative(conn, membership, role)?;
    match (current, held_by) {
        (Some(id), Some(p)) if same_person(&p.name, &rep.name) => {
            conn.execute(
                "UPDATE designations SET name = ?3, position = ?4, email = ?5, phone = ?6, designated_on = ?7, \
                 letter_ref = ?8 WHERE membership_id = ?1 AND role = ?2 AND id = ?9",
                params![
                    membership,
                    role.code(),
                    rep.name.trim(),
                    rep.position.trim(),
                    rep.email.trim(),
                    rep.phone.trim(),
                    rep.designated_on.map(iso),
                    rep.letter_ref.trim(),
                    id
                ],
            )?;
            return Ok(());
        }
        (Some(id), _) => {
            let end = rep.designated_on.unwrap_or(today);
            conn.execute("UPDATE designations SET ended_on = ?2 WHERE id = ?1", params![id, iso(end)])?;
        }
        (None, _) => {}
    }
    conn.execute(
        "INSERT INTO designations (membership_id, role, name, position, email, phone, designated_on, letter_ref) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            membership,
            role.code(),
            rep.name.trim(),
            rep.position.trim(),
            rep.email.trim(),
            rep.phone.trim(),
            rep.designated_on.map(iso),
            rep.letter_ref.trim()
        ],
    )?;
    Ok(())
}

/// Inserts a designation as a data file records it: a past one with its end, or the current
/// one (at most one per seat).
pub fn insert_designation_recorded(conn: &Tx, membership: i64, d: &Designation) -> Result<()> {
    let rep = &d.person;
    rep.validate()?;
    // A seat may have been emptied before the day its last holder was designated: the record
    // keeps both dates as they were typed.
    if d.ended_on.is_none()
        && let Some(p) = representative(conn, membership, d.role)?
    {
        return Err(StoreError::invalid(
            "nombre",
            format!("la integrante ya tiene {} vigente: «{}»", d.role.label(), p.name),
        ));
    }
    conn.execute(
        "INSERT INTO designations (membership_id, role, name, position, email, phone, designated_on, letter_ref, \
         ended_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            membership,
            d.role.code(),
            rep.name.trim(),
            rep.position.trim(),
            rep.email.trim(),
            rep.phone.trim(),
            rep.designated_on.map(iso),
            rep.letter_ref.trim(),
            d.ended_on.map(iso)
        ],
    )?;
    Ok(())
}

/// Leaves the seat empty from `on`; the designation stays in history.
pub fn end_designation(conn: &Tx, membership: i64, role: RepresentativeRole, on: NaiveDate) -> Result<()> {
    let n = conn.execute(
        "UPDATE designations SET ended_on = ?3 WHERE membership_id = ?1 AND role = ?2 AND ended_on IS NULL",
        params![membership, role.code(), iso(on)],
    )?;
    if n == 0 {
        return Err(StoreError::Refused(format!("no hay {} designado", role.label())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::{InstitutionKind, Rights};
    use crate::store::{Store, bodies, institutions};

    fn setup() -> (Store, i64, i64, i64) {
        let mut store = Store::open_in_memory().expect("open");
        let ids = store
            .write(|tx| {
                let b = bodies::insert(tx, &bodies::tests::sample("CITDP", None))?;
                let a = institutions::insert(tx, "SEGOB", "Secretaría de Gobernación", InstitutionKind::Institution)?;
                let c = institutions::insert(
                    tx,
                    "SRE",
                    "Secretaría de Relaciones Exteriores",
                    InstitutionKind::Institution,
                )?;
                Ok::<_, crate::store::StoreError>((b, a, c))
            })
            .expect("setup");
        (store, ids.0, ids.1, ids.2)
    }

    fn member(body: i64, institution: i64, office: Office) -> Membership {
        Membership { id: 0, body, institution, rights: Rights::VoiceAndVote, office, weight: 1, ended_on: None }
    }

    #[test]
    fn memberships_and_offices() {
        let (mut store, body, segob, sre) = setup();
        let m1 = store.write(|tx| insert(tx, &member(body, segob, Office::Presidency))).expect("insert");
        let err = store.write(|tx| insert(tx, &member(body, segob, Office::Member))).unwrap_err();
        assert!(err.to_string().contains("ya es integrante"), "{err}");
        let err = store.write(|tx| insert(tx, &member(body, sre, Office::Presidency))).unwrap_err();
        assert_eq!(err.to_string(), "campo «cargo»: la Presidencia ya la ocupa «SEGOB»");
        let m2 = store.write(|tx| insert(tx, &member(body, sre, Office::Member))).expect("insert");
        let listed: Vec<i64> = for_body(store.conn(), body).expect("q").iter().map(|m| m.id).collect();
        assert_eq!(listed, [m1, m2]);
        let mut zero = member(body, sre, Office::Member);
        zero.id = m2;
        zero.weight = 0;
        assert!(store.write(|tx| update(tx, &zero)).unwrap_err().to_string().contains("peso"));
    }

    #[test]
    fn representatives_set_replace_remove() {
        let (mut store, body, segob, _) = setup();
        let m = store.write(|tx| insert(tx, &member(body, segob, Office::Member))).expect("insert");
        let ana = Representative {
            name: "Ana Ruiz".into(),
            email: "ana@ejemplo.gob.mx".into(),
            designated_on: NaiveDate::from_ymd_opt(2024, 1, 15),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2024, 6, 1).expect("valid");
        let titular = RepresentativeRole::Titular;
        store.write(|tx| designate(tx, m, titular, &ana, today)).expect("set");
        assert_eq!(representative(store.conn(), m, titular).expect("q"), Some(ana.clone()));
        assert_eq!(representative(store.conn(), m, RepresentativeRole::Alternate).expect("q"), None);
        let bad = Representative { email: "sin arroba".into(), ..ana.clone() };
        let err = store.write(|tx| designate(tx, m, titular, &bad, today)).unwrap_err();
        assert!(err.to_string().starts_with("campo «correo»"), "{err}");
        assert_eq!(
            representative(store.conn(), m, titular).expect("q"),
            Some(ana.clone()),
            "failed write changed nothing"
        );
        // The same person's new phone is an update; a new person ends Ana's designation.
        let phone = Representative { phone: "55 1234 5678".into(), ..ana.clone() };
        store.write(|tx| designate(tx, m, titular, &phone, today)).expect("update");
        assert_eq!(designations(store.conn(), m).expect("q").len(), 1);
        let luis = Representative {
            name: "Luis Pérez".into(),
            designated_on: NaiveDate::from_ymd_opt(2024, 9, 1),
            letter_ref: "Oficio SEGOB/123/2024".into(),
            ..Default::default()
        };
        store.write(|tx| designate(tx, m, titular, &luis, today)).expect("replace");
        let history = designations(store.conn(), m).expect("q");
        assert_eq!(history.len(), 2, "Ana stays on record");
        assert_eq!((history[0].person.name.as_str(), history[0].ended_on), ("Ana Ruiz", luis.designated_on));
        let on = |y, mo, d| NaiveDate::from_ymd_opt(y, mo, d).expect("valid");
        let held = |d| representative_on(store.conn(), m, titular, d).expect("q").map(|r| r.name);
        assert_eq!(held(on(2024, 5, 2)).as_deref(), Some("Ana Ruiz"), "who held the seat that day");
        assert_eq!(held(on(2024, 10, 2)).as_deref(), Some("Luis Pérez"));
        store.write(|tx| end_designation(tx, m, titular, on(2025, 1, 31))).expect("remove");
        assert!(all_representatives(store.conn()).expect("q").is_empty());
        assert_eq!(designations(store.conn(), m).expect("q").len(), 2);
        store.write(|tx| delete(tx, m)).expect("a membership without history is deleted");
        assert!(list(store.conn()).expect("q").is_empty());
    }
}
