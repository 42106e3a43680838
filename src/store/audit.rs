//! Row capture for the bitácora. TEMP triggers, created on each connection and never stored in
//! the file, copy every row a write inserts, updates or deletes in the record's tables (as
//! JSON objects of all its columns) into a TEMP table; the operation layer reads and empties
//! it before committing. Being part of the transaction, a rolled-back write leaves nothing.

use rusqlite::Connection;

use super::Result;

/// Tables that are not the record: the bitácora itself and SQLite's own.
fn audited(name: &str) -> bool {
    name != "bitacora" && !name.starts_with("sqlite_")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Insert,
    Update,
    Delete,
}

/// A row as the trigger saw it: all columns, before and/or after.
#[derive(Debug, Clone, PartialEq)]
pub struct RawChange {
    pub table: String,
    pub kind: Kind,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A table's columns and which of them form its primary key, in key order.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub name: String,
    pub columns: Vec<String>,
    pub key: Vec<String>,
}

pub fn tables(conn: &Connection) -> Result<Vec<TableInfo>> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name")?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for name in names.into_iter().filter(|n| audited(n)) {
        let mut stmt = conn.prepare(&format!("PRAGMA main.table_info(\"{name}\")"))?;
        let mut cols: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let columns = cols.iter().map(|(c, _)| c.clone()).collect();
        cols.retain(|(_, pk)| *pk > 0);
        cols.sort_by_key(|(_, pk)| *pk);
        let mut key: Vec<String> = cols.into_iter().map(|(c, _)| c).collect();
        if key.is_empty() {
            key.push("rowid".into());
        }
        out.push(TableInfo { name, columns, key });
    }
    Ok(out)
}

fn row_json(prefix: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {prefix}.\"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

/// Creates the capture table and triggers on this connection (idempotent).
pub fn install(conn: &Connection) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS op_changes (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, kind TEXT NOT NULL, \
         old TEXT, new TEXT);\n",
    );
    for t in tables(conn)? {
        let (name, new, old) = (&t.name, row_json("NEW", &t.columns), row_json("OLD", &t.columns));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS audit_{name}_i AFTER INSERT ON main.\"{name}\" BEGIN \
             INSERT INTO op_changes (tbl, kind, new) VALUES ('{name}', 'i', {new}); END;\n\
             CREATE TEMP TRIGGER IF NOT EXISTS audit_{name}_u AFTER UPDATE ON main.\"{name}\" BEGIN \
             INSERT INTO op_changes (tbl, kind, old, new) VALUES ('{name}', 'u', {old}, {new}); END;\n\
             CREATE TEMP TRIGGER IF NOT EXISTS audit_{name}_d AFTER DELETE ON main.\"{name}\" BEGIN \
             INSERT INTO op_changes (tbl, kind, old) VALUES ('{name}', 'd', {old}); END;\n"
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Forgets anything captured outside an operation.
pub fn reset(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM temp.op_changes", [])?;
    Ok(())
}

/// The rows captured since the last call, in the order they changed; the table is emptied.
pub fn take(conn: &Connection) -> Result<Vec<RawChange>> {
    let rows = {
        let mut stmt = conn.prepare_cached("SELECT tbl, kind, old, new FROM temp.op_changes ORDER BY n")?;
        stmt.query_map([], |r| {
            let kind: String = r.get(1)?;
            Ok(RawChange {
                table: r.get(0)?,
                kind: match kind.as_str() {
                    "i" => Kind::Insert,
                    "u" => Kind::Update,
                    _ => Kind::Delete,
                },
                old: r.get(2)?,
                new: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    reset(conn)?;
    Ok(rows)
}
