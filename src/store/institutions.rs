//! Member institutions (or countries).

use crate::ops::Tx;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, code, optional};
use crate::domain::Labeled;
use crate::domain::body::{check_acronym, check_name};
use crate::domain::member::{Institution, InstitutionKind};

const COLUMNS: &str = "id, acronym, name, kind";

fn from_row(row: &Row) -> rusqlite::Result<Institution> {
    Ok(Institution { id: row.get(0)?, acronym: row.get(1)?, name: row.get(2)?, kind: code(row, 3)? })
}

pub fn list(conn: &Connection) -> Result<Vec<Institution>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM institutions ORDER BY acronym"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Institution>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM institutions WHERE id = ?1"), [id], from_row))
}

pub fn by_acronym(conn: &Connection, acronym: &str) -> Result<Option<Institution>> {
    optional(conn.query_row(
        &format!("SELECT {COLUMNS} FROM institutions WHERE acronym = ?1"),
        [acronym.trim()],
        from_row,
    ))
}

fn validate(acronym: &str, name: &str) -> Result<()> {
    check_acronym(acronym).map_err(|m| StoreError::invalid("siglas", m))?;
    check_name(name).map_err(|m| StoreError::invalid("nombre", m))
}

pub fn insert(conn: &Tx, acronym: &str, name: &str, kind: InstitutionKind) -> Result<i64> {
    validate(acronym, name)?;
    if let Some(existing) = by_acronym(conn, acronym)? {
        return Err(StoreError::invalid(
            "siglas",
            format!("ya existe la institución «{}» ({})", existing.acronym, existing.name),
        ));
    }
    conn.execute(
        "INSERT INTO institutions (acronym, name, kind) VALUES (?1, ?2, ?3)",
        params![acronym.trim(), name.trim(), kind.code()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The id of the institution with these siglas, creating it if it does not exist. An existing
/// one must have the same name: two different institutions under one acronym is a data error.
pub fn ensure(conn: &Tx, acronym: &str, name: &str, kind: InstitutionKind) -> Result<i64> {
    match by_acronym(conn, acronym)? {
        Some(i) if i.name == name.trim() && i.kind == kind => Ok(i.id),
        Some(i) => Err(StoreError::invalid(
            "nombre",
            format!(
                "las siglas «{}» ya son de «{}» ({}); aquí dicen «{}» ({})",
                i.acronym,
                i.name,
                i.kind.label(),
                name.trim(),
                kind.label()
            ),
        )),
        None => insert(conn, acronym, name, kind),
    }
}

pub fn update(conn: &Tx, inst: &Institution) -> Result<()> {
    validate(&inst.acronym, &inst.name)?;
    if let Some(other) = by_acronym(conn, &inst.acronym)?.filter(|o| o.id != inst.id) {
        return Err(StoreError::invalid(
            "siglas",
            format!("ya existe la institución «{}» ({})", other.acronym, other.name),
        ));
    }
    conn.execute(
        "UPDATE institutions SET acronym = ?2, name = ?3, kind = ?4 WHERE id = ?1",
        params![inst.id, inst.acronym.trim(), inst.name.trim(), inst.kind.code()],
    )?;
    Ok(())
}

/// Deletes an institution that no body counts among its members nor has as coordinator.
pub fn delete(conn: &Tx, id: i64) -> Result<()> {
    let uses: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM memberships WHERE institution_id = ?1) + (SELECT count(*) FROM bodies WHERE coordinator_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if uses > 0 {
        return Err(StoreError::Refused(format!(
            "la institución pertenece a {} o los coordina; retírela de ellos primero",
            crate::domain::text::counted(uses, "órgano", "órganos")
        )));
    }
    conn.execute("DELETE FROM institutions WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn insert_find_update_delete() {
        let mut store = Store::open_in_memory().expect("open");
        let id = store
            .write(|tx| insert(tx, "SEGOB", "Secretaría de Gobernación", InstitutionKind::Institution))
            .expect("insert");
        let got = by_acronym(store.conn(), "SEGOB").expect("q").expect("found");
        assert_eq!(got.name, "Secretaría de Gobernación");
        let dup = store.write(|tx| insert(tx, "SEGOB", "Otra", InstitutionKind::Institution)).unwrap_err();
        assert!(dup.to_string().contains("ya existe"), "{dup}");
        let same = store.write(|tx| ensure(tx, "SEGOB", "Secretaría de Gobernación", InstitutionKind::Institution));
        assert_eq!(same.expect("same"), id);
        let clash =
            store.write(|tx| ensure(tx, "SEGOB", "Secretaría de Salud", InstitutionKind::Institution)).unwrap_err();
        assert!(clash.to_string().contains("ya son de"), "{clash}");
        let mut edited = got.clone();
        edited.name = "Secretaría de Gobernación (SEGOB)".into();
        store.write(|tx| update(tx, &edited)).expect("update");
        assert_eq!(get(store.conn(), id).expect("q").expect("found").name, edited.name);
        let bad = store.write(|tx| insert(tx, "", "X", InstitutionKind::Country)).unwrap_err();
        assert_eq!(bad.to_string(), "campo «siglas»: faltan las siglas");
        store.write(|tx| delete(tx, id)).expect("delete");
        assert!(list(store.conn()).expect("q").is_empty());
    }
}
