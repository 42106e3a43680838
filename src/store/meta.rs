//! Key–value facts about the database itself (e.g. that it holds demonstration data).

use crate::ops::Tx;
use rusqlite::{Connection, params};

use super::{Result, optional};

pub const DEMO: &str = "demo";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    optional(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)))
}

pub fn set(conn: &Tx, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(get(conn, DEMO)?.as_deref() == Some("1"))
}

/// True when no body, institution or session has been recorded.
pub fn is_empty(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM institutions) + (SELECT count(*) FROM sessions)",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn demo_flag_and_emptiness() {
        let mut store = Store::open_in_memory().expect("open");
        assert!(is_empty(store.conn()).expect("q"));
        assert!(!is_demo(store.conn()).expect("q"));
        store.write(|tx| set(tx, DEMO, "1")).expect("write");
        assert!(is_demo(store.conn()).expect("q"));
        store.write(|tx| set(tx, DEMO, "0")).expect("write");
        assert!(!is_demo(store.conn()).expect("q"));
    }
}
