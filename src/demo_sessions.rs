//! Closed sessions of the demonstration data with their complete record: roll call, agenda
//! with times and notes, votes (one recounted, one tied and broken by the Presidencia), and
//! agreements with responsible institutions and deadlines.
//!
//! Each session is replayed step by step through the same store functions the live console
//! calls, so its record is exactly what a secretary would have produced that day; nothing is
//! written into the record tables by hand. The scripts are data (`citdp`, `sc_pp`, `corett`, `cicesct`);
//! every time is derived from the session's own date, so loading the demo is deterministic.

mod cicesct;
mod citdp;
mod corett;
pub mod followup;
pub mod history;
pub mod minutes;
mod sc_pp;
mod topics;
pub mod work_plan;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use crate::domain::Labeled;
use crate::domain::agreement::Deadline;
use crate::domain::quorum::{AttendanceMode, Presence};
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::vote::{Ballot, Tally, VoteMode};
use crate::ops::{Batch, Op, OpError};
use crate::store::votes::{CountInput, Recount};
use crate::store::{agenda, attendance, bodies, conduct, institutions, members, sessions};

type Result<T> = std::result::Result<T, OpError>;

/// Hour and minute on the session's date.
type Hm = (u32, u32);

/// One session as it happened.
pub(crate) struct Script {
    pub body: &'static str,
    pub kind: SessionKind,
    pub number: u32,
    /// When the Presidencia opened the session (the roll call starts).
    pub open: Hm,
    /// The body's own items, placed after the previous minutes and before general matters,
    /// as approved with the orden del día.
    pub items: &'static [&'static str],
    pub steps: &'static [Step],
    /// Clausura.
    pub close: Hm,
}

/// A deadline as the scripts write it.
#[derive(Clone, Copy)]
pub(crate) enum Due {
    On(i32, u32, u32),
    Permanent,
}

/// What the secretary did, in order. Agenda items are named by their position (1 is the roll
/// call); votes by the order they were called in this session (0 is the first).
pub(crate) enum Step {
    Mark(&'static str, Presence, Hm),
    Remote(&'static str),
    Leave(&'static str, Hm),
    /// Makes the item current and writes its notes.
    Item(u32, Hm, &'static str),
    Vote {
        item: u32,
        motion: &'static str,
        mode: VoteMode,
        at: Hm,
    },
    /// A count of the last vote called: for, against, abstentions, and the Presidencia's
    /// casting ballot in case of a tie. A second count of the same vote is a recount.
    Count(Hm, [u32; 3], Option<Ballot>),
    /// A recount of the last vote called: totals, why, and who asked (siglas; `None`: the
    /// Secretaría Técnica corrects its own count).
    Recount(Hm, [u32; 3], &'static str, Option<&'static str>),
    /// A nominal count of the last vote called, ballot by member's siglas.
    Ballots(Hm, &'static [(&'static str, Ballot)]),
    Agreement {
        item: u32,
        vote: Option<usize>,
        text: &'static str,
        responsibles: &'static [&'static str],
        due: Due,
        at: Hm,
    },
    Suspend(Hm, &'static str),
    Resume(Hm),
}

const SCRIPTS: [&Script; 4] = [&citdp::SO_21, &sc_pp::SO_169, &corett::SO_32, &cicesct::SO_61];

/// Records the held demonstration sessions that have no record yet; returns how many. Runs
/// in the demo import's transaction, so the data and its records land together.
pub fn record(b: &mut Batch) -> Result<usize> {
    let mut recorded = 0;
    for script in SCRIPTS {
        if replay(b, script)? {
            recorded += 1;
        }
    }
    Ok(recorded)
}

/// The session the script is about, if it exists, is convened and has no record of its own
/// (a database that already held these sessions keeps what it had).
fn target(conn: &Connection, script: &Script) -> Result<Option<(i64, i64, NaiveDate)>> {
    let Some(body) = bodies::by_acronym(conn, script.body)? else { return Ok(None) };
    let id: Option<i64> = crate::store::optional(conn.query_row(
        "SELECT id FROM sessions WHERE body_id = ?1 AND kind = ?2 AND number = ?3",
        params![body.id, script.kind.code(), script.number],
        |r| r.get(0),
    ))?;
    let Some(session) = id.map(|id| sessions::get(conn, id)).transpose()?.flatten() else { return Ok(None) };
    let Some(date) = session.schedule.date() else { return Ok(None) };
    let untouched = conduct::conduct(conn, session.id)?.started_at.is_none()
        && agenda::list(conn, session.id)?.is_empty()
        && attendance::list(conn, session.id)?.is_empty();
    Ok((session.status == SessionStatus::Convened && untouched).then_some((session.id, body.id, date)))
}

fn refused(m: String) -> OpError {
    OpError::Refused(m)
}

fn replay(b: &mut Batch, script: &Script) -> Result<bool> {
    let Some((session, body, date)) = target(b.conn(), script)? else { return Ok(false) };
    let at = |(h, m): Hm| -> Result<NaiveDateTime> {
        date.and_hms_opt(h, m, 0).ok_or_else(|| refused(format!("hora inválida {h}:{m:02}")))
    };
    // Votes are called under the body's own majority rule, as the console proposes.
    let majority = bodies::get(b.conn(), body)?
        .map(|b| b.rules.majority)
        .ok_or_else(|| refused(format!("no existe el órgano {}", script.body)))?;
    let mut seats: HashMap<String, i64> = HashMap::new();
    for m in members::for_body(b.conn(), body)? {
        if let Some(i) = institutions::get(b.conn(), m.institution)? {
            seats.insert(i.acronym, m.id);
        }
    }
    let seat = |acronym: &str| -> Result<i64> {
        seats.get(acronym).copied().ok_or_else(|| refused(format!("«{acronym}» no es integrante de {}", script.body)))
    };

    b.run(Op::OpenSession { session, at: at(script.open)?, other_day: false })?;
    let standard = agenda::list(b.conn(), session)?;
    // The body's items go after "Lectura y aprobación del acta de la sesión anterior".
    let mut after = standard.get(2).map(|i| i.id);
    for title in script.items {
        after = b.run(Op::AddItem { session, title: (*title).into(), after })?.id;
    }
    let items: Vec<agenda::Item> = agenda::list(b.conn(), session)?;
    let item = |position: u32| -> Result<&agenda::Item> {
        position
            .checked_sub(1)
            .and_then(|p| items.get(p as usize))
            .ok_or_else(|| refused(format!("la sesión no tiene punto {position}")))
    };

    let mut called: Vec<i64> = Vec::new();
    let last_vote = |called: &[i64]| -> Result<i64> {
        called.last().copied().ok_or_else(|| refused("no hay votación que contar".into()))
    };
    for step in script.steps {
        let op = match step {
            Step::Mark(who, presence, t) => {
                Op::Mark { session, membership: seat(who)?, presence: *presence, at: at(*t)?.time() }
            }
            Step::Remote(who) => Op::SetMode { session, membership: seat(who)?, mode: AttendanceMode::Remote },
            Step::Leave(who, t) => Op::SetDeparture { session, membership: seat(who)?, at: Some(at(*t)?.time()) },
            Step::Item(position, t, notes) => {
                let id = item(*position)?.id;
                b.run(Op::SetCurrentItem { session, item: id, at: at(*t)? })?;
                let base = agenda::get(b.conn(), id)?.map_or(0, |i| i.notes_version);
                Op::SaveNotes { item: id, base, text: (*notes).into() }
            }
            Step::Vote { item: position, motion, mode, at: t } => {
                let op = Op::CallVote {
                    session,
                    item: item(*position)?.id,
                    motion: (*motion).into(),
                    mode: *mode,
                    rule: majority,
                    at: at(*t)?,
                };
                called.extend(b.run(op)?.id);
                continue;
            }
            Step::Count(t, [for_, against, abstain], casting) => {
                let tally = Tally { for_: *for_, against: *against, abstain: *abstain };
                let input = CountInput::Totals(tally, *casting);
                Op::Count { vote: last_vote(&called)?, input, recount: None, at: at(*t)? }
            }
            Step::Recount(t, [for_, against, abstain], reason, who) => {
                let tally = Tally { for_: *for_, against: *against, abstain: *abstain };
                let recount = Recount { reason: (*reason).into(), requested_by: who.map(seat).transpose()? };
                let input = CountInput::Totals(tally, None);
                Op::Count { vote: last_vote(&called)?, input, recount: Some(recount), at: at(*t)? }
            }
            Step::Ballots(t, ballots) => {
                let ballots = ballots.iter().map(|(who, b)| Ok((seat(who)?, *b))).collect::<Result<Vec<_>>>()?;
                Op::Count { vote: last_vote(&called)?, input: CountInput::Nominal(ballots), recount: None, at: at(*t)? }
            }
            Step::Agreement { item: position, vote, text, responsibles, due, at: t } => {
                let vote = vote
                    .map(|v| called.get(v).copied().ok_or_else(|| refused(format!("no hay votación {v}"))))
                    .transpose()?;
                let deadline = match due {
                    Due::On(y, m, d) => Deadline::Date(
                        NaiveDate::from_ymd_opt(*y, *m, *d)
                            .ok_or_else(|| refused(format!("fecha inválida {y}-{m}-{d}")))?,
                    ),
                    Due::Permanent => Deadline::Permanent,
                };
                Op::AdoptAgreement {
                    session,
                    item: item(*position)?.id,
                    vote,
                    text: (*text).into(),
                    responsibles: responsibles.iter().map(|r| (*r).to_string()).collect(),
                    deadline,
                    at: at(*t)?,
                }
            }
            Step::Suspend(t, reason) => Op::Suspend { session, at: at(*t)?, reason: (*reason).into() },
            Step::Resume(t) => Op::Resume { session, at: at(*t)? },
        };
        b.run(op)?;
    }
    b.run(Op::Close { session, at: at(script.close)? })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::domain::session::SessionEvent;
    use crate::store::Store;
    use crate::store::record::SessionRecord;

    fn recorded() -> (Store, Vec<SessionRecord>) {
        let store = demo::in_memory();
        let records = SCRIPTS
            .iter()
            .map(|s| {
                let (id, _, _) = target_any(store.conn(), s);
                SessionRecord::load(store.conn(), id).expect("record")
            })
            .collect();
        (store, records)
    }

    /// The session of a script whatever its state.
    fn target_any(conn: &Connection, s: &Script) -> (i64, i64, NaiveDate) {
        let body = bodies::by_acronym(conn, s.body).expect("q").expect("body");
        let id: i64 = conn
            .query_row(
                "SELECT id FROM sessions WHERE body_id = ?1 AND kind = ?2 AND number = ?3",
                params![body.id, s.kind.code(), s.number],
                |r| r.get(0),
            )
            .expect("session");
        let date = sessions::get(conn, id).expect("q").and_then(|s| s.schedule.date()).expect("date");
        (id, body.id, date)
    }

    #[test]
    fn four_closed_sessions_of_different_bodies_with_complete_records() {
        let (_, records) = recorded();
        let bodies: std::collections::HashSet<&str> = records.iter().map(|r| r.body.acronym.as_str()).collect();
        assert_eq!(bodies.len(), 4);
        for r in &records {
            let what = format!("{} {}", r.body.acronym, r.title());
            assert_eq!(r.session.status, SessionStatus::Closed, "{what}");
            let (start, end) = (r.conduct.started_at.expect("start"), r.conduct.ended_at.expect("end"));
            let hours = (end - start).num_minutes();
            assert!((120..=240).contains(&hours), "{what}: lasts {hours} minutes");
            assert_eq!(Some(start.date()), r.session.schedule.date(), "{what}");
            assert!(r.quorum.reached(), "{what}: {}", r.quorum.indicator());
            let marks: Vec<_> = r.roll.iter().filter_map(|row| row.entry.as_ref()).map(|e| &e.mark).collect();
            assert!(marks.iter().any(|m| m.presence == Presence::Alternate), "{what}: a suplente");
            assert!(marks.iter().any(|m| m.presence == Presence::Justified), "{what}: a justified absence");
            assert!(marks.iter().any(|m| m.presence.present() && m.mode == AttendanceMode::Remote), "{what}");
            assert!(marks.iter().any(|m| m.departure.is_some()), "{what}: someone left early");
            assert!(!r.votes.is_empty() && r.votes.iter().all(|v| v.current().is_some()), "{what}: votes counted");
            let first = format!("{}/SO-{}/{}/01", r.body.acronym, r.session.number, start.date().format("%Y"));
            assert_eq!(r.agreements.first().map(|a| a.number.as_str()), Some(first.as_str()), "{what}");
            assert!(r.agreements.iter().all(|a| !a.responsibles.is_empty()), "{what}");
            assert!(r.items.iter().all(|i| !i.notes.trim().is_empty() && i.ended_at.is_some()), "{what}: notes");
            let starts: Vec<_> = r.items.iter().map(|i| i.started_at.expect("item started")).collect();
            assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{what}: items in order");
            assert!(r.items.len() > 5, "{what}: the body's own items");
            assert_eq!(r.events.last().map(|e| e.kind), Some(SessionEvent::Closed), "{what}");
        }
        let citdp = &records[0];
        assert_eq!(citdp.agreements[0].number, "CITDP/SO-21/2024/01");
        assert_eq!(citdp.title(), "Vigésima Primera Sesión Ordinaria");
    }

    #[test]
    fn votes_cover_the_rules_and_agreements_the_deadlines() {
        let (_, records) = recorded();
        let votes: Vec<_> = records.iter().flat_map(|r| r.votes.iter()).collect();
        let recounted: Vec<_> = votes.iter().filter(|v| v.counts.iter().any(|c| c.superseded)).collect();
        assert_eq!(recounted.len(), 1, "exactly one recount");
        assert_eq!(recounted[0].counts.len(), 2);
        assert!(!recounted[0].counts[0].approved && recounted[0].current().is_some_and(|c| c.approved));
        let casting: Vec<_> = votes.iter().filter_map(|v| v.current()).filter(|c| c.casting_vote).collect();
        assert_eq!(casting.len(), 1);
        assert!(casting[0].approved && casting[0].explanation.contains("voto de calidad a favor"));
        assert!(votes.iter().any(|v| v.mode == VoteMode::Nominal && v.current().is_some_and(|c| c.approved)));
        assert!(
            votes.iter().any(|v| v.mode == VoteMode::Totals && v.rule == crate::domain::body::MajorityRule::Simple)
        );
        let corett = records.iter().find(|r| r.body.acronym == "CORETT").expect("CORETT");
        assert!(corett.votes.iter().all(|v| v.rule == crate::domain::body::MajorityRule::Consensus));
        assert!(
            corett.votes.iter().filter_map(|v| v.current()).any(|c| c.explanation.starts_with("Aprobada por consenso"))
        );
        assert!(corett.events.iter().any(|e| e.kind == SessionEvent::Suspended), "a recess");
        let agreements: Vec<_> = records.iter().flat_map(|r| r.agreements.iter()).collect();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid");
        assert!(agreements.iter().any(|a| a.deadline.date().is_some_and(|d| d < today)), "overdue agreements");
        assert!(agreements.iter().any(|a| a.deadline.date().is_some_and(|d| d > today)), "agreements still on time");
        assert!(agreements.iter().any(|a| a.deadline == Deadline::Permanent));
        assert!(agreements.iter().any(|a| a.vote.is_some()) && agreements.iter().any(|a| a.vote.is_none()));
    }

    #[test]
    fn replaying_again_records_nothing_twice() {
        let (mut store, before) = recorded();
        let ctx = crate::ops::Context::for_tests("demo");
        assert_eq!(crate::ops::batch(&mut store, &ctx, record).expect("again"), 0);
        for (script, old) in SCRIPTS.iter().zip(&before) {
            let (id, _, _) = target_any(store.conn(), script);
            assert_eq!(&SessionRecord::load(store.conn(), id).expect("record"), old);
        }
    }
}
