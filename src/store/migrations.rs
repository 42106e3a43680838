//! Timestamped schema migrations, applied in order with `rusqlite_migration`.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::{Result, StoreError};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/20261124_0001_initial.sql")),
    M::up(include_str!("migrations/20261124_0002_live_session.sql")),
    M::up(include_str!("migrations/20261124_0003_minutes.sql")),
    M::up(include_str!("migrations/20261124_0004_followup.sql")),
    M::up(include_str!("migrations/20261124_0005_work_plans.sql")),
    M::up(include_str!("migrations/20261124_0006_responsible_ids.sql")),
    M::up(include_str!("migrations/20261201_0007_record.sql")),
    M::up(include_str!("migrations/20261202_0008_truth.sql")),
    M::up(include_str!("migrations/20261202_0101_documents.sql")),
    M::up(include_str!("migrations/20261202_0102_secretariat_name.sql")),
];

/// A read-only database cannot be migrated: it must already be at this version's schema.
pub fn check_current(conn: &Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    match version {
        v if v > known => Err(StoreError::Refused(format!(
            "la base fue creada por una versión más reciente de secretaria (esquema {v}; esta versión conoce hasta el {known}): actualice el programa"
        ))),
        v if v < known => Err(StoreError::Refused(format!(
            "la base es de solo lectura y de una versión anterior (esquema {v}): ábrala una vez con permiso de escritura para actualizarla"
        ))),
        _ => Ok(()),
    }
}

pub fn apply(conn: &mut Connection) -> Result<()> {
    // A database written by a newer secretaria has migrations this one does not know: it is
    // refused before anything is written to it.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Err(StoreError::Refused(format!(
            "la base fue creada por una versión más reciente de secretaria (esquema {version}; esta versión conoce hasta el {}): actualice el programa",
            MIGRATIONS.len()
        )));
    }
    Migrations::from_slice(MIGRATIONS).to_latest(conn).map_err(|e| StoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(rusqlite_migration::Migrations::from_slice(super::MIGRATIONS).validate().is_ok());
    }
}
