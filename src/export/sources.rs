//! What the acta and the convocatoria cite beyond the session's record, loaded once: the
//! body's document conventions, the session's convocatoria details, agreements declared firm,
//! the reasons of votes, and who conducts, signs and receives.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::body::Conductor;
use crate::domain::member::{InstitutionKind, Office, Representative};
use crate::domain::style::DocStyle;
use crate::store::documents::{self, BodyDocuments, SessionDocuments, VoteReason};
use crate::store::record::{RollRow, SessionRecord};
use crate::store::{self, notices};

/// An acta approved in this session, cited in its "Lectura y aprobación del acta…" item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sources {
    pub citations: Vec<Citation>,
    pub body: BodyDocuments,
    pub session: SessionDocuments,
    /// When the convocatoria was issued.
    pub notice_on: Option<NaiveDate>,
    /// The reasons given, by vote.
    pub reasons: HashMap<i64, Vec<VoteReason>>,
    /// The acta approved last before this session, by name ("Acta de la Vigésima Sesión
    /// Ordinaria"), with its session's date.
    pub previous: Option<(String, Option<NaiveDate>)>,
}

impl Sources {
    pub fn load(conn: &Connection, r: &SessionRecord, citations: Vec<Citation>) -> store::Result<Sources> {
        let mut reasons = HashMap::new();
        for v in &r.votes {
            let list = documents::reasons(conn, v.id)?;
            if !list.is_empty() {
                reasons.insert(v.id, list);
            }
        }
        Ok(Sources {
            citations,
            body: documents::body(conn, r.body.id)?,
            session: documents::session(conn, r.session.id)?,
            notice_on: notices::issued_on(conn, r.session.id)?,
            reasons,
            previous: previous_session(conn, r)?,
        })
    }

    pub fn style(&self) -> DocStyle {
        self.body.style
    }

    /// The city where the session sits: the session's, else the body's.
    pub fn city(&self) -> &str {
        first(&self.session.city, &self.body.city)
    }

    pub fn room(&self) -> &str {
        first(&self.session.room, &self.body.room)
    }

    pub fn address(&self) -> &str {
        first(&self.session.address, &self.body.address)
    }
}

fn first<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.trim().is_empty() { b.trim() } else { a.trim() }
}

/// The body's session held last before `r` (of either kind), as its record names it.
fn previous_session(conn: &Connection, r: &SessionRecord) -> store::Result<Option<(String, Option<NaiveDate>)>> {
    let filter = store::sessions::Filter { body: Some(r.body.id), ..Default::default() };
    let start = r.session.schedule.span().0;
    let before = store::sessions::list(conn, &filter)?
        .into_iter()
        .filter(|s| s.id != r.session.id && s.status.held() && s.schedule.span().0 < start)
        .max_by_key(|s| s.schedule.span().0);
    Ok(before.map(|s| {
        let title = crate::domain::session::title(s.number, s.kind, r.body.meeting_word);
        (title, s.schedule.date())
    }))
}

/// Who conducts the session: the Presidencia or the Coordinación.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    Presidency,
    Coordination,
}

impl Lead {
    /// "la Presidencia", "la Coordinación".
    pub fn subject(self) -> &'static str {
        match self {
            Lead::Presidency => "la Presidencia",
            Lead::Coordination => "la Coordinación",
        }
    }

    pub fn office(self) -> &'static str {
        match self {
            Lead::Presidency => "Presidencia",
            Lead::Coordination => "Coordinación",
        }
    }
}

/// Who conducts `r` under the body's rules, and the roll row of that seat if there is one: a
/// Coordinación with no coordinating institution set falls back to the member holding the
/// Presidencia.
pub fn lead(r: &SessionRecord) -> (Lead, Option<&RollRow>) {
    let presidency = r.roll.iter().find(|x| x.membership.office == Office::Presidency);
    let coordination = r.body.coordinator.and_then(|c| r.roll.iter().find(|x| x.institution.id == c));
    match r.body.rules.conductor {
        Conductor::Presidency => (Lead::Presidency, presidency),
        Conductor::Coordination => (Lead::Coordination, coordination.or(presidency)),
    }
}

pub fn secretariat(r: &SessionRecord) -> Option<&RollRow> {
    r.roll.iter().find(|x| x.membership.office == Office::TechnicalSecretariat)
}

/// The person who sat for a seat that day, else its titular.
pub fn person(row: &RollRow) -> Option<Representative> {
    let attended = row.entry.as_ref().map(|e| e.representative.trim().to_string()).filter(|n| !n.is_empty());
    match attended {
        Some(name) => {
            let known = [&row.titular, &row.alternate].into_iter().flatten().find(|p| p.name.trim() == name);
            Some(known.cloned().unwrap_or(Representative { name, ..Representative::default() }))
        }
        None => row.titular.clone(),
    }
}

/// Whether the body's members are countries (the Coalición Regional).
pub fn countries(r: &SessionRecord) -> bool {
    let voting: Vec<&RollRow> = r.roll.iter().filter(|x| x.membership.rights.votes()).collect();
    !voting.is_empty() && voting.iter().all(|x| x.institution.kind == InstitutionKind::Country)
}

/// How a member is named in a sentence: a country by its name, an institution by its siglas.
pub fn member_name(row: &RollRow) -> String {
    if row.institution.kind == InstitutionKind::Country {
        row.institution.name.clone()
    } else {
        row.institution.acronym.clone()
    }
}
