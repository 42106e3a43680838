//! Memberships of institutions in bodies, and the titular and suplente of each.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code, optional};
use crate::domain::Labeled;
use crate::domain::member::{Membership, Office, Representative, RepresentativeRole, check_weight};

const COLUMNS: &str = "id, body_id, institution_id, rights, office, weight";

fn from_row(row: &Row) -> rusqlite::Result<Membership> {
    Ok(Membership {
        id: row.get(0)?,
        body: row.get(1)?,
        institution: row.get(2)?,
        rights: code(row, 3)?,
        office: code(row, 4)?,
        weight: row.get(5)?,
    })
}

/// Presidencia first, then Secretaría Técnica, then the rest by siglas.
const ORDER: &str =
    "ORDER BY m.body_id, CASE m.office WHEN 'presidency' THEN 0 WHEN 'secretariat' THEN 1 ELSE 2 END, i.acronym";

pub fn list(conn: &Connection) -> Result<Vec<Membership>> {
    let sql = format!(
        "SELECT m.id, m.body_id, m.institution_id, m.rights, m.office, m.weight FROM memberships m \
         JOIN institutions i ON i.id = m.institution_id {ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn for_body(conn: &Connection, body: i64) -> Result<Vec<Membership>> {
    let sql = format!(
        "SELECT m.id, m.body_id, m.institution_id, m.rights, m.office, m.weight FROM memberships m \
         JOIN institutions i ON i.id = m.institution_id WHERE m.body_id = ?1 {ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([body], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The titulares and suplentes of one body's memberships.
pub fn representatives_of_body(conn: &Connection, body: i64) -> Result<Vec<(i64, RepresentativeRole, Representative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name, r.position, r.email, r.phone, r.designated_on, r.letter_ref, r.membership_id, r.role \
         FROM representatives r JOIN memberships m ON m.id = r.membership_id WHERE m.body_id = ?1",
    )?;
    let rows = stmt
        .query_map([body], |row| Ok((row.get(6)?, code(row, 7)?, rep_from_row(row)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
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
    // One Presidencia and one Secretaría Técnica per body.
    if m.office != Office::Member {
        let holder: Option<String> = optional(conn.query_row(
            "SELECT i.acronym FROM memberships m JOIN institutions i ON i.id = m.institution_id \
             WHERE m.body_id = ?1 AND m.office = ?2 AND m.id <> ?3",
            params![m.body, m.office.code(), m.id],
            |r| r.get(0),
        ))?;
        if let Some(h) = holder {
            return Err(StoreError::invalid("cargo", format!("la {} ya la ocupa «{h}»", m.office.label())));
        }
    }
    Ok(())
}

pub fn insert(conn: &Connection, m: &Membership) -> Result<i64> {
    validate(conn, &Membership { id: i64::MIN, ..m.clone() })?;
    conn.execute(
        "INSERT INTO memberships (body_id, institution_id, rights, office, weight) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![m.body, m.institution, m.rights.code(), m.office.code(), m.weight],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, m: &Membership) -> Result<()> {
    validate(conn, m)?;
    conn.execute(
        "UPDATE memberships SET institution_id = ?2, rights = ?3, office = ?4, weight = ?5 WHERE id = ?1",
        params![m.id, m.institution, m.rights.code(), m.office.code(), m.weight],
    )?;
    Ok(())
}

/// Removes the membership and its representatives.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM memberships WHERE id = ?1", [id])?;
    Ok(())
}

fn rep_from_row(row: &Row) -> rusqlite::Result<Representative> {
    let designated: Option<String> = row.get(4)?;
    Ok(Representative {
        name: row.get(0)?,
        position: row.get(1)?,
        email: row.get(2)?,
        phone: row.get(3)?,
        designated_on: designated.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        letter_ref: row.get(5)?,
    })
}

pub fn representative(conn: &Connection, membership: i64, role: RepresentativeRole) -> Result<Option<Representative>> {
    optional(conn.query_row(
        "SELECT name, position, email, phone, designated_on, letter_ref FROM representatives \
         WHERE membership_id = ?1 AND role = ?2",
        params![membership, role.code()],
        rep_from_row,
    ))
}

/// Every representative, for building the tree in one query.
pub fn all_representatives(conn: &Connection) -> Result<Vec<(i64, RepresentativeRole, Representative)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, position, email, phone, designated_on, letter_ref, membership_id, role FROM representatives \
         ORDER BY membership_id, role DESC",
    )?;
    let rows = stmt
        .query_map([], |row| Ok((row.get(6)?, code(row, 7)?, rep_from_row(row)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets or (with `None`) removes the titular or suplente of a membership.
pub fn set_representative(
    conn: &Connection,
    membership: i64,
    role: RepresentativeRole,
    rep: Option<&Representative>,
) -> Result<()> {
    conn.execute(
        "DELETE FROM representatives WHERE membership_id = ?1 AND role = ?2",
        params![membership, role.code()],
    )?;
    let Some(r) = rep else { return Ok(()) };
    r.validate()?;
    conn.execute(
        "INSERT INTO representatives (membership_id, role, name, position, email, phone, designated_on, letter_ref) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            membership,
            role.code(),
            r.name.trim(),
            r.position.trim(),
            r.email.trim(),
            r.phone.trim(),
            r.designated_on.map(|d| d.format("%Y-%m-%d").to_string()),
            r.letter_ref.trim()
        ],
    )?;
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
        Membership { id: 0, body, institution, rights: Rights::VoiceAndVote, office, weight: 1 }
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
        store.write(|tx| set_representative(tx, m, RepresentativeRole::Titular, Some(&ana))).expect("set");
        assert_eq!(representative(store.conn(), m, RepresentativeRole::Titular).expect("q"), Some(ana.clone()));
        assert_eq!(representative(store.conn(), m, RepresentativeRole::Alternate).expect("q"), None);
        let bad = Representative { email: "sin arroba".into(), ..ana.clone() };
        let err = store.write(|tx| set_representative(tx, m, RepresentativeRole::Titular, Some(&bad))).unwrap_err();
        assert!(err.to_string().starts_with("campo «correo»"), "{err}");
        assert_eq!(
            representative(store.conn(), m, RepresentativeRole::Titular).expect("q"),
            Some(ana),
            "failed write changed nothing"
        );
        store.write(|tx| set_representative(tx, m, RepresentativeRole::Titular, None)).expect("remove");
        assert!(all_representatives(store.conn()).expect("q").is_empty());
        store.write(|tx| delete(tx, m)).expect("delete");
        assert!(list(store.conn()).expect("q").is_empty());
    }
}
