//! Everything about one session, loaded at once: what the console draws, what the
//! projector shows and what `secretaria sesion --json` prints.

use std::collections::HashMap;

use rusqlite::Connection;

use super::agenda::Item;
use super::agreements::Agreement;
use super::attendance::Entry;
use super::conduct::{Conduct, Event};
use super::votes::Vote;
use super::{
    Result, StoreError, agenda, agreements, attendance, bodies, conduct, institutions, members, sessions, votes,
};
use crate::domain::body::Body;
use crate::domain::member::{Institution, Membership, Representative, RepresentativeRole};
use crate::domain::quorum::{QuorumCount, Seat, count};
use crate::domain::session::{Session, title};

/// One membership on the roll call, with its institution, people and mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollRow {
    pub membership: Membership,
    pub institution: Institution,
    pub titular: Option<Representative>,
    pub alternate: Option<Representative>,
    /// `None` before the session is opened.
    pub entry: Option<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub session: Session,
    pub body: Body,
    pub conduct: Conduct,
    pub items: Vec<Item>,
    /// Voting members first (Presidencia, Secretaría Técnica, then by siglas), then the others.
    pub roll: Vec<RollRow>,
    pub quorum: QuorumCount,
    pub votes: Vec<Vote>,
    pub agreements: Vec<Agreement>,
    pub events: Vec<Event>,
    /// Siglas of every institution named in the record, by id.
    pub acronyms: HashMap<i64, String>,
}

impl SessionRecord {
    pub fn load(conn: &Connection, id: i64) -> Result<SessionRecord> {
        let session =
            sessions::get(conn, id)?.ok_or_else(|| StoreError::Refused(format!("no existe la sesión {id}")))?;
        let body = bodies::get(conn, session.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
        let marks = attendance::list(conn, id)?;
        // Whoever held each seat that day: a later replacement does not rename past sessions.
        let on = session.schedule.date().unwrap_or(session.schedule.span().0);
        let mut people: HashMap<(i64, RepresentativeRole), Representative> =
            members::representatives_of_body_on(conn, body.id, on)?
                .into_iter()
                .map(|(m, role, r)| ((m, role), r))
                .collect();
        let mut roll = Vec::new();
        for m in members::roll(conn, id)? {
            let Some(institution) = institutions::get(conn, m.institution)? else { continue };
            roll.push(RollRow {
                titular: people.remove(&(m.id, RepresentativeRole::Titular)),
                alternate: people.remove(&(m.id, RepresentativeRole::Alternate)),
                entry: marks.iter().find(|e| e.mark.membership == m.id).cloned(),
                institution,
                membership: m,
            });
        }
        roll.sort_by_key(|r| !r.membership.rights.votes());
        let agreements = agreements::list(conn, id)?;
        let mut acronyms: HashMap<i64, String> =
            roll.iter().map(|r| (r.institution.id, r.institution.acronym.clone())).collect();
        for inst in agreements.iter().flat_map(|a| a.responsibles.iter()) {
            if !acronyms.contains_key(inst)
                && let Some(i) = institutions::get(conn, *inst)?
            {
                acronyms.insert(i.id, i.acronym);
            }
        }
        let conduct = conduct::conduct(conn, id)?;
        // The quorum from the roll just loaded, by the same rule `conduct::quorum` applies.
        let seats: Vec<Seat> = roll
            .iter()
            .map(|r| Seat {
                membership: r.membership.id,
                rights: r.membership.rights,
                weight: r.membership.weight,
                here: r.entry.as_ref().is_some_and(|e| e.mark.here()),
            })
            .collect();
        let quorum = count(&body.rules, &seats, conduct.call).map_err(StoreError::Refused)?;
        // Nominal ballots in roll-call order, as the secretary called them.
        let position: HashMap<i64, usize> = roll.iter().enumerate().map(|(i, r)| (r.membership.id, i)).collect();
        let mut votes = votes::list(conn, id)?;
        for c in votes.iter_mut().flat_map(|v| v.counts.iter_mut()) {
            c.ballots.sort_by_key(|(m, _, _)| position.get(m).copied().unwrap_or(usize::MAX));
        }
        Ok(SessionRecord {
            conduct,
            items: agenda::list(conn, id)?,
            quorum,
            votes,
            events: conduct::events(conn, id)?,
            agreements,
            acronyms,
            roll,
            body,
            session,
        })
    }

    pub fn title(&self) -> String {
        title(self.session.number, self.session.kind, self.body.meeting_word)
    }

    pub fn current_item(&self) -> Option<&Item> {
        self.conduct.current_item.and_then(|c| self.items.iter().find(|i| i.id == c))
    }

    pub fn acronym(&self, institution: i64) -> &str {
        self.acronyms.get(&institution).map_or("?", String::as_str)
    }

    /// The membership's siglas, for ballots and snapshots.
    pub fn member_acronym(&self, membership: i64) -> &str {
        self.roll.iter().find(|r| r.membership.id == membership).map_or("?", |r| r.institution.acronym.as_str())
    }

    /// The membership's institution as the acta names who asked for a recount or dissented
    /// ("Secretaría de Gobernación (SEGOB)", "Guatemala").
    pub fn member_name(&self, membership: i64) -> String {
        self.roll
            .iter()
            .find(|r| r.membership.id == membership)
            .map_or_else(|| "?".to_string(), |r| r.institution.formal_name())
    }

    /// Whether the roll was taken: a session imported without it has no one to name.
    pub fn roll_recorded(&self) -> bool {
        self.roll.iter().any(|r| r.entry.is_some())
    }

    /// The last vote with a count, for the projector.
    pub fn last_vote(&self) -> Option<&Vote> {
        self.votes.iter().rev().find(|v| v.current().is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quorum::Presence;
    use crate::store::tests::{at, session_fixture};

    #[test]
    fn loads_the_whole_session() {
        let (mut store, session, ms) = session_fixture();
        let before = SessionRecord::load(store.conn(), session).expect("load");
        assert!(before.roll.iter().all(|r| r.entry.is_none()));
        store.write(|tx| conduct::open(tx, session, at(10, 0))).expect("open");
        store.write(|tx| attendance::mark(tx, session, ms[1], Presence::Alternate, at(10, 3).time())).expect("mark");
        let r = SessionRecord::load(store.conn(), session).expect("load");
        assert_eq!(r.title(), "Vigésima Primera Sesión Ordinaria");
        assert_eq!(r.roll.len(), 6);
        assert!(!r.roll[5].membership.rights.votes(), "invitados last");
        assert_eq!(r.quorum.present, 1);
        assert_eq!(r.current_item().map(|i| i.position), Some(1));
        assert_eq!(r.member_acronym(ms[1]), "I1");
        assert!(SessionRecord::load(store.conn(), 999).is_err());
    }
}
