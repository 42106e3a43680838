//! The rows an operation touched, as the bitácora keeps them: what identifies each row and
//! what is needed to reverse the change — never a long text twice.
//! - insert: the key (and the short values, when the operation inserted few rows); a long
//!   text is kept as its SHA-256, since the row itself holds it;
//! - update: the key and the changed columns before and after; a long text as the edit that
//!   turns one into the other ([`TextEdit`]);
//! - delete: the key and the whole row, so it can be restored.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::minutes::sha256_hex;
use crate::store::audit::{Kind, RawChange, TableInfo, tables};

/// Texts longer than this (in characters) are kept as edits or hashes, not whole.
pub const LONG_TEXT: usize = 160;
/// Above this many inserted rows, inserts keep only their keys.
const INSERT_VALUES_UP_TO: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    #[serde(rename = "alta")]
    Insert,
    #[serde(rename = "cambio")]
    Update,
    #[serde(rename = "baja")]
    Delete,
}

/// A long text changed in place: characters `[at, at + inserted)` of the new text replaced
/// `removed` of the old one. `sha256` is the new text's, to know it is still there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
    pub sha256: String,
}

impl TextEdit {
    pub fn between(old: &str, new: &str) -> TextEdit {
        let o: Vec<char> = old.chars().collect();
        let n: Vec<char> = new.chars().collect();
        let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
        let max_suffix = o.len().min(n.len()) - prefix;
        let suffix = o.iter().rev().zip(n.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
        TextEdit {
            at: prefix,
            removed: o[prefix..o.len() - suffix].iter().collect(),
            inserted: n[prefix..n.len() - suffix].iter().collect(),
            sha256: sha256_hex(new),
        }
    }

    /// The old text, from the new one; `None` when `new` is not the text this edit produced.
    pub fn reverse(&self, new: &str) -> Option<String> {
        if sha256_hex(new) != self.sha256 {
            return None;
        }
        let n: Vec<char> = new.chars().collect();
        let end = self.at + self.inserted.chars().count();
        if end > n.len() {
            return None;
        }
        let mut out: String = n[..self.at].iter().collect();
        out.push_str(&self.removed);
        out.extend(&n[end..]);
        Some(out)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    #[serde(rename = "tabla")]
    pub table: String,
    #[serde(rename = "tipo")]
    pub kind: ChangeKind,
    #[serde(rename = "clave")]
    pub key: Map<String, Value>,
    /// The last key of a run of inserted rows with consecutive integer keys.
    #[serde(rename = "hasta", default, skip_serializing_if = "Option::is_none")]
    pub through: Option<i64>,
    #[serde(rename = "antes", default, skip_serializing_if = "Map::is_empty")]
    pub before: Map<String, Value>,
    #[serde(rename = "despues", default, skip_serializing_if = "Map::is_empty")]
    pub after: Map<String, Value>,
    #[serde(rename = "ediciones", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub edits: BTreeMap<String, TextEdit>,
}

impl Change {
    /// A value of this row, wherever the change keeps it.
    pub fn value(&self, column: &str) -> Option<&Value> {
        self.key.get(column).or_else(|| self.after.get(column)).or_else(|| self.before.get(column))
    }
}

fn is_long(v: &Value) -> bool {
    matches!(v, Value::String(s) if s.chars().count() > LONG_TEXT)
}

/// A long text kept by its hash.
pub fn digest(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            let mut m = Map::new();
            m.insert("sha256".into(), Value::String(sha256_hex(s)));
            m.insert("caracteres".into(), Value::from(s.chars().count()));
            Value::Object(m)
        }
        other => other.clone(),
    }
}

fn parse(text: Option<&str>) -> Map<String, Value> {
    match text.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(m))) => m,
        _ => Map::new(),
    }
}

fn split_key(row: &mut Map<String, Value>, info: Option<&TableInfo>) -> Map<String, Value> {
    let mut key = Map::new();
    for k in info.map(|i| i.key.as_slice()).unwrap_or_default() {
        if let Some(v) = row.remove(k) {
            key.insert(k.clone(), v);
        }
    }
    key
}

/// The record's tables, read once: every database this program opens is migrated to the same
/// schema first.
pub fn table_infos(conn: &Connection) -> crate::store::Result<&'static [TableInfo]> {
    static INFOS: std::sync::OnceLock<Vec<TableInfo>> = std::sync::OnceLock::new();
    if let Some(i) = INFOS.get() {
        return Ok(i);
    }
    let read = tables(conn)?;
    Ok(INFOS.get_or_init(|| read))
}

/// Turns the captured rows into the bitácora's changes.
pub fn compact(conn: &Connection, raw: Vec<RawChange>) -> crate::store::Result<Vec<Change>> {
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let infos = table_infos(conn)?;
    let info = |t: &str| infos.iter().find(|i| i.name == t);
    let inserts = raw.iter().filter(|r| r.kind == Kind::Insert).count();
    let keep_values = inserts <= INSERT_VALUES_UP_TO;
    let mut out: Vec<Change> = Vec::with_capacity(raw.len());
    for r in raw {
        let ti = info(&r.table);
        let change = match r.kind {
            Kind::Insert => {
                let mut row = parse(r.new.as_deref());
                let key = split_key(&mut row, ti);
                let after = if keep_values {
                    row.into_iter().map(|(k, v)| if is_long(&v) { (k, digest(&v)) } else { (k, v) }).collect()
                } else {
                    Map::new()
                };
                if !keep_values && extend_run(&mut out, &r.table, &key) {
                    continue;
                }
                Change {
                    table: r.table,
                    kind: ChangeKind::Insert,
                    key,
                    through: None,
                    before: Map::new(),
                    after,
                    edits: BTreeMap::new(),
                }
            }
            Kind::Delete => {
                let mut row = parse(r.old.as_deref());
                let key = split_key(&mut row, ti);
                Change {
                    table: r.table,
                    kind: ChangeKind::Delete,
                    key,
                    through: None,
                    before: row,
                    after: Map::new(),
                    edits: BTreeMap::new(),
                }
            }
            Kind::Update => {
                let mut old = parse(r.old.as_deref());
                let mut new = parse(r.new.as_deref());
                let old_key = split_key(&mut old, ti);
                let key = split_key(&mut new, ti);
                let (mut before, mut after, mut edits) = (Map::new(), Map::new(), BTreeMap::new());
                if old_key != key {
                    for (k, v) in old_key {
                        before.insert(k, v);
                    }
                    for (k, v) in &key {
                        after.insert(k.clone(), v.clone());
                    }
                }
                for (col, nv) in new {
                    let ov = old.remove(&col).unwrap_or(Value::Null);
                    if ov == nv {
                        continue;
                    }
                    match (&ov, &nv) {
                        (Value::String(o), Value::String(n)) if is_long(&ov) || is_long(&nv) => {
                            edits.insert(col, TextEdit::between(o, n));
                        }
                        _ => {
                            before.insert(col.clone(), ov);
                            after.insert(col, nv);
                        }
                    }
                }
                if before.is_empty() && edits.is_empty() {
                    continue;
                }
                Change { table: r.table, kind: ChangeKind::Update, key, through: None, before, after, edits }
            }
        };
        out.push(change);
    }
    Ok(out)
}

/// Folds an inserted row into the previous change when it continues its run of integer keys.
fn extend_run(out: &mut [Change], table: &str, key: &Map<String, Value>) -> bool {
    let (Some(last), true) = (out.last_mut(), key.len() == 1) else { return false };
    let Some((col, Value::Number(n))) = key.iter().next() else { return false };
    let Some(id) = n.as_i64() else { return false };
    if last.table != table || last.kind != ChangeKind::Insert || last.key.len() != 1 || !last.after.is_empty() {
        return false;
    }
    let Some(first) = last.key.get(col).and_then(Value::as_i64) else { return false };
    if last.through.unwrap_or(first) + 1 == id {
        last.through = Some(id);
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_edits_reverse_exactly() {
        for (old, new) in [
            ("", "Se abrió la sesión."),
            ("La Presidencia informó.", "La Presidencia informó del avance."),
            ("ñandú ü acentos «comillas»", "ñandú acentos «comillas» y más"),
            ("igual", "igual"),
            ("aaaa", "aa"),
        ] {
            let e = TextEdit::between(old, new);
            assert_eq!(e.reverse(new).as_deref(), Some(old), "{old:?} → {new:?}: {e:?}");
            assert!(e.removed.len() + e.inserted.len() <= old.len() + new.len());
        }
        let e = TextEdit::between("uno", "dos");
        assert_eq!(e.reverse("otro texto"), None, "only from the text it produced");
    }
}
