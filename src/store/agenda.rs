//! A session's agenda (orden del día): ordered items with start/end times and notes.

use crate::ops::Tx;
use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, optional, time_col, time_text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub session: i64,
    pub position: u32,
    pub title: String,
    pub started_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub notes: String,
    /// Raised by every save of the notes, so two consoles never overwrite each other.
    pub notes_version: i64,
}

fn from_row(row: &Row) -> rusqlite::Result<Item> {
    Ok(Item {
        id: row.get(0)?,
        session: row.get(1)?,
        position: row.get(2)?,
        title: row.get(3)?,
        started_at: time_col(row, 4)?,
        ended_at: time_col(row, 5)?,
        notes: row.get(6)?,
        notes_version: row.get(7)?,
    })
}

const COLUMNS: &str = "id, session_id, position, title, started_at, ended_at, notes, notes_version";

pub fn list(conn: &Connection, session: i64) -> Result<Vec<Item>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM agenda_items WHERE session_id = ?1 ORDER BY position"))?;
    let rows = stmt.query_map([session], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Item>> {
    optional(conn.query_row(&format!("SELECT {COLUMNS} FROM agenda_items WHERE id = ?1"), [id], from_row))
}

fn check_title(title: &str) -> Result<()> {
    if title.trim().is_empty() { Err(StoreError::invalid("titulo", "el punto necesita un título")) } else { Ok(()) }
}

/// The session's agenda, created from the standard items and the body's own template the
/// first time it is needed (preparing the convocatoria, or opening the session).
pub fn ensure(conn: &Tx, session: i64) -> Result<Vec<Item>> {
    let items = list(conn, session)?;
    if !items.is_empty() {
        return Ok(items);
    }
    let template: String = conn.query_row(
        "SELECT b.agenda_template FROM sessions s JOIN bodies b ON b.id = s.body_id WHERE s.id = ?1",
        [session],
        |r| r.get(0),
    )?;
    let own: Vec<String> = template.lines().map(String::from).collect();
    let body: i64 = conn.query_row("SELECT body_id FROM sessions WHERE id = ?1", [session], |r| r.get(0))?;
    let general = super::documents::body(conn, body)?.style.closing_item();
    for title in crate::domain::agenda::standard_closing_with(&own, general) {
        add(conn, session, &title, None)?;
    }
    list(conn, session)
}

/// Appends an item, or inserts it right after `after`.
pub fn add(conn: &Tx, session: i64, title: &str, after: Option<i64>) -> Result<i64> {
    check_title(title)?;
    let position: u32 = match after.map(|a| get(conn, a)).transpose()?.flatten() {
        Some(prev) => {
            conn.execute(
                "UPDATE agenda_items SET position = position + 1 WHERE session_id = ?1 AND position > ?2",
                params![session, prev.position],
            )?;
            prev.position + 1
        }
        None => conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE session_id = ?1",
            [session],
            |r| r.get(0),
        )?,
    };
    conn.execute(
        "INSERT INTO agenda_items (session_id, position, title) VALUES (?1, ?2, ?3)",
        params![session, position, title.trim()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Inserts an item as a data file records it: its place, times and notes. Two items of a
/// session never share a place.
pub fn insert_recorded(conn: &Tx, session: i64, item: &Item) -> Result<i64> {
    check_title(&item.title)?;
    if item.position == 0 {
        return Err(StoreError::invalid("orden", "el orden de un punto empieza en 1"));
    }
    let taken: Option<String> = optional(conn.query_row(
        "SELECT title FROM agenda_items WHERE session_id = ?1 AND position = ?2",
        params![session, item.position],
        |r| r.get(0),
    ))?;
    if let Some(t) = taken {
        return Err(StoreError::invalid("orden", format!("el orden {} ya es del punto «{t}»", item.position)));
    }
    conn.execute(
        "INSERT INTO agenda_items (session_id, position, title, started_at, ended_at, notes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            session,
            item.position,
            item.title.trim(),
            item.started_at.map(time_text),
            item.ended_at.map(time_text),
            item.notes
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn rename(conn: &Tx, id: i64, title: &str) -> Result<()> {
    check_title(title)?;
    conn.execute("UPDATE agenda_items SET title = ?2 WHERE id = ?1", params![id, title.trim()])?;
    Ok(())
}

/// Swaps an item with its neighbour above (`up`) or below.
pub fn shift(conn: &Tx, id: i64, up: bool) -> Result<()> {
    let Some(item) = get(conn, id)? else { return Ok(()) };
    let items = list(conn, item.session)?;
    let idx = items.iter().position(|i| i.id == id).unwrap_or(0);
    let other = if up { idx.checked_sub(1) } else { Some(idx + 1).filter(|i| *i < items.len()) };
    let Some(other) = other.and_then(|o| items.get(o)) else { return Ok(()) };
    conn.execute("UPDATE agenda_items SET position = ?2 WHERE id = ?1", params![item.id, other.position])?;
    conn.execute("UPDATE agenda_items SET position = ?2 WHERE id = ?1", params![other.id, item.position])?;
    Ok(())
}

/// Removes an item that holds no vote nor agreement (those are the record).
pub fn remove(conn: &Tx, id: i64) -> Result<()> {
    let (votes, agreements): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM votes WHERE item_id = ?1), (SELECT count(*) FROM agreements WHERE item_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if votes + agreements > 0 {
        return Err(StoreError::Refused("el punto tiene votaciones o acuerdos registrados; no se puede quitar".into()));
    }
    conn.execute("UPDATE sessions SET current_item = NULL WHERE current_item = ?1", [id])?;
    conn.execute("DELETE FROM agenda_items WHERE id = ?1", [id])?;
    Ok(())
}

/// Saves the notes typed over version `base`; returns the new version. Refused with the
/// other text when someone saved a different one since `base` was loaded.
pub fn save_notes(conn: &Tx, id: i64, notes: &str, base: i64) -> Result<i64> {
    let (current, version): (String, i64) =
        optional(conn.query_row("SELECT notes, notes_version FROM agenda_items WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        }))?
        .ok_or_else(|| StoreError::Refused("el punto ya no existe".into()))?;
    if current == notes {
        return Ok(version);
    }
    if version != base {
        return Err(StoreError::Conflict { theirs: current, version });
    }
    conn.execute(
        "UPDATE agenda_items SET notes = ?2, notes_version = notes_version + 1 WHERE id = ?1",
        params![id, notes],
    )?;
    Ok(version + 1)
}

pub(crate) fn set_times(conn: &Tx, id: i64, start: Option<NaiveDateTime>, end: Option<NaiveDateTime>) -> Result<()> {
    conn.execute(
        "UPDATE agenda_items SET started_at = ?2, ended_at = ?3 WHERE id = ?1",
        params![id, start.map(time_text), end.map(time_text)],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::session_fixture;

    #[test]
    fn add_insert_shift_rename_remove() {
        let (mut store, session, _) = session_fixture();
        let titles = |store: &crate::store::Store| -> Vec<String> {
            list(store.conn(), session).expect("q").into_iter().map(|i| i.title).collect()
        };
        let a = store.write(|tx| add(tx, session, "Uno", None)).expect("add");
        let c = store.write(|tx| add(tx, session, "Tres", None)).expect("add");
        store.write(|tx| add(tx, session, "Dos", Some(a))).expect("insert");
        assert_eq!(titles(&store), ["Uno", "Dos", "Tres"]);
        store.write(|tx| shift(tx, c, true)).expect("up");
        assert_eq!(titles(&store), ["Uno", "Tres", "Dos"]);
        store.write(|tx| shift(tx, a, true)).expect("top stays");
        store.write(|tx| rename(tx, c, "Tercero")).expect("rename");
        assert!(store.write(|tx| rename(tx, c, " ")).is_err());
        store.write(|tx| remove(tx, a)).expect("remove");
        assert_eq!(titles(&store), ["Tercero", "Dos"]);
        store.write(|tx| save_notes(tx, c, "Se acordó…\nsegunda línea", 0)).expect("notes");
        let stale = store.write(|tx| save_notes(tx, c, "Otra versión", 0)).unwrap_err();
        assert!(matches!(stale, StoreError::Conflict { version: 1, .. }), "{stale:?}");
        assert_eq!(get(store.conn(), c).expect("q").expect("item").notes, "Se acordó…\nsegunda línea");
    }
}
