//! The acta as it is printed: the stored (edited, perhaps approved) text or a fresh draft,
//! with its fe de erratas, marked "BORRADOR" until approved and carrying the SHA-256 of the
//! approved text in its footer.

use std::fmt::Write;

use rusqlite::Connection;

use super::acta::{Citation, generate};
use super::document::Document;
use super::markdown;
use super::sources::Sources;
use crate::domain::dates::medium_date;
use crate::domain::minutes::MinutesStatus;
use crate::domain::session::{SessionStatus, title};
use crate::store::record::SessionRecord;
use crate::store::{self, bodies, minutes, sessions};

/// "Vigésima Primera Sesión Ordinaria de CITDP", to name a session in messages.
pub fn session_label(conn: &Connection, id: i64) -> store::Result<String> {
    let s = sessions::get(conn, id)?.ok_or_else(|| store::StoreError::Refused(format!("no existe la sesión {id}")))?;
    let b = bodies::get(conn, s.body)?.ok_or_else(|| store::StoreError::Refused("el órgano no existe".into()))?;
    Ok(format!("{} de {}", title(s.number, s.kind, b.meeting_word), b.acronym))
}

fn session_title(conn: &Connection, id: i64) -> store::Result<String> {
    let s = sessions::get(conn, id)?.ok_or_else(|| store::StoreError::Refused(format!("no existe la sesión {id}")))?;
    let b = bodies::get(conn, s.body)?.ok_or_else(|| store::StoreError::Refused("el órgano no existe".into()))?;
    Ok(title(s.number, s.kind, b.meeting_word))
}

/// Actas approved in `session`, as its minutes cite them.
pub fn citations(conn: &Connection, session: i64) -> store::Result<Vec<Citation>> {
    minutes::approved_in(conn, session)?
        .into_iter()
        .map(|m| {
            let date = sessions::get(conn, m.session)?.and_then(|s| s.schedule.date());
            Ok(Citation { title: session_title(conn, m.session)?, date, sha256: m.sha256.unwrap_or_default() })
        })
        .collect()
}

/// What the records say now, as an acta.
pub fn generated(conn: &Connection, session: i64) -> store::Result<String> {
    let record = SessionRecord::load(conn, session)?;
    let sources = Sources::load(conn, &record, citations(conn, session)?)?;
    Ok(generate(&record, &sources))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acta {
    pub markdown: String,
    pub draft: bool,
    pub footer: Option<String>,
    /// The Spanish of the body's country (its document style).
    pub language: &'static str,
}

impl Acta {
    pub fn document(&self) -> Document {
        Document { language: self.language, ..markdown::parse(&self.markdown, self.draft, self.footer.clone()) }
    }
}

/// The acta of `session` for printing. A session not yet closed, or without a stored acta,
/// prints a generated draft.
pub fn acta(conn: &Connection, session: i64) -> store::Result<Acta> {
    let s = sessions::get(conn, session)?
        .ok_or_else(|| store::StoreError::Refused(format!("no existe la sesión {session}")))?;
    let language = crate::store::documents::body(conn, s.body)?.style.language();
    let stored = minutes::get(conn, session)?.filter(|_| s.status == SessionStatus::Closed);
    let Some(m) = stored else {
        return Ok(Acta { markdown: generated(conn, session)?, draft: true, footer: None, language });
    };
    let mut text = m.text.clone();
    let errata = minutes::errata(conn, session)?;
    if !errata.is_empty() {
        let _ = write!(text, "\n## Fe de erratas\n\n");
        for e in &errata {
            let status = match (&e.approved_in, &e.sha256) {
                (Some(a), Some(h)) => format!("aprobada en la {} (SHA-256 `{h}`)", session_title(conn, *a)?),
                _ => "pendiente de aprobación".to_string(),
            };
            let _ = writeln!(text, "- {} *({}; {status}.)*", e.text, medium_date(e.created_on));
        }
    }
    let footer = match (m.status, m.approved_in, &m.sha256) {
        (MinutesStatus::Approved, Some(a), Some(hash)) => Some(format!(
            "Acta aprobada el {} en la {} · SHA-256: {hash}",
            m.approved_on.map(medium_date).unwrap_or_default(),
            session_title(conn, a)?
        )),
        _ => None,
    };
    Ok(Acta { markdown: text, draft: m.status != MinutesStatus::Approved, footer, language })
}

/// Whether the records changed since the draft was generated.
pub fn records_changed(conn: &Connection, m: &minutes::Minutes) -> store::Result<bool> {
    Ok(m.status != MinutesStatus::Approved && generated(conn, m.session)? != m.generated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{self, Context, Op};
    use crate::store::{Store, agenda};
    use chrono::NaiveDateTime;

    fn demo() -> (Store, i64) {
        let store = crate::demo::in_memory();
        // A replayed session whose acta the demo leaves as a draft.
        let body = bodies::by_acronym(store.conn(), "SC-PP").expect("q").expect("SC-PP").id;
        let filter = sessions::Filter { body: Some(body), ..Default::default() };
        let id =
            sessions::list(store.conn(), &filter).expect("q").into_iter().find(|s| s.number == 169).expect("169ª").id;
        (store, id)
    }

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 8, 12).and_then(|d| d.and_hms_opt(h, 0, 0)).expect("valid")
    }

    #[test]
    fn drafts_are_marked_and_edits_survive_regeneration() {
        let (mut store, id) = demo();
        let before = acta(store.conn(), id).expect("acta");
        assert!(before.draft && before.footer.is_none());
        let ctx = Context::for_tests("secretaria");
        let mut run = |op| ops::run(&mut store, &ctx, op).expect("op");
        run(Op::DraftMinutes { session: id, at: at(14) });
        let m = minutes::get(store.conn(), id).expect("q").expect("draft");
        assert!(!records_changed(store.conn(), &m).expect("q"));
        let edited =
            m.text.replace("Sin más asuntos que tratar", "Agotado el orden del día y sin más asuntos que tratar");
        assert_ne!(edited, m.text, "the closing sentence is there to edit");
        let mut run = |op| ops::run(&mut store, &ctx, op).expect("op");
        run(Op::SaveMinutes { session: id, base: m.version, at: at(15), text: edited });
        // The records change after the edit: a reopening adds a sentence to the closing and
        // new notes change the development section.
        run(Op::Reopen { session: id, at: at(16), reason: "faltó una nota".into() });
        let item = agenda::list(store.conn(), id).expect("q")[6].clone();
        let mut run = |op| ops::run(&mut store, &ctx, op).expect("op");
        run(Op::SaveNotes {
            item: item.id,
            base: item.notes_version,
            text: "Nota agregada tras la reapertura.".into(),
        });
        run(Op::Close { session: id, at: at(17) });
        let m = minutes::get(store.conn(), id).expect("q").expect("m");
        assert!(records_changed(store.conn(), &m).expect("q"));
        let done = ops::run(&mut store, &ctx, Op::RegenerateMinutes { session: id, at: at(18), text: m.text.clone() })
            .expect("regenerate");
        assert_eq!(done.detail.as_deref(), Some("Clausura"), "the edited section is kept and reported");
        let merged = minutes::get(store.conn(), id).expect("q").expect("m").text;
        assert!(merged.contains("Nota agregada tras la reapertura."), "untouched sections follow the records");
        assert!(merged.contains("Agotado el orden del día"), "the edit survives");
    }
}
