//! The body or institution a flag names, found the same way and refused with the same Spanish
//! message by every command: siglas in any case, and institutions also by their full name.

use rusqlite::Connection;

use crate::domain::body::Body;
use crate::store::{bodies, institutions};

type Result<T> = std::result::Result<T, String>;

pub fn body(conn: &Connection, siglas: &str) -> Result<Body> {
    bodies::list(conn)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|b| b.acronym.eq_ignore_ascii_case(siglas.trim()))
        .ok_or_else(|| {
            format!("--organo: no hay ningún órgano con siglas «{}»; véalos con «secretaria organos»", siglas.trim())
        })
}

/// An institution id, by siglas or full name.
pub fn institution(conn: &Connection, query: &str) -> Result<i64> {
    let all = institutions::list(conn).map_err(|e| e.to_string())?;
    crate::domain::member::find_institution(&all, query).map(|i| i.id).ok_or_else(|| {
        format!("--institucion: no hay ninguna institución «{}» (siglas o nombre completo)", query.trim())
    })
}
