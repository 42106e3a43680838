//! Votes on agenda items. Each count stores who could vote at that moment (the snapshot),
//! the quorum verified just before it and the judged result; a recount supersedes earlier
//! counts without erasing them.

use crate::ops::Tx;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, params};

use super::{
    Result, StoreError, agenda, attendance, bodies, code, conduct, institutions, members, sessions, time_col, time_text,
};
use crate::domain::Labeled;
use crate::domain::body::{MajorityBase, MajorityRule};
use crate::domain::member::Office;
use crate::domain::quorum::Call;
use crate::domain::session::SessionStatus;
use crate::domain::vote::{Ballot, Judging, Tally, VoteMode, check_totals, judge, tally};

mod recorded;

pub use recorded::{check_recorded_count, insert_recorded};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub id: i64,
    pub session: i64,
    pub item: i64,
    pub motion: String,
    pub mode: VoteMode,
    pub rule: MajorityRule,
    /// What a qualified majority counted against when the vote was called.
    pub base: MajorityBase,
    pub created_at: NaiveDateTime,
    /// Oldest first; the last one not superseded is in force.
    pub counts: Vec<Count>,
}

impl Vote {
    pub fn current(&self) -> Option<&Count> {
        self.counts.iter().rev().find(|c| !c.superseded)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub id: i64,
    pub at: NaiveDateTime,
    pub tally: Tally,
    pub eligible: u32,
    /// The weight of all the body's members with vote at that moment (none in records of
    /// earlier versions).
    pub members: Option<u32>,
    pub quorum_present: u32,
    pub quorum_required: u32,
    pub call: Call,
    pub approved: bool,
    pub casting_vote: bool,
    pub explanation: String,
    pub superseded: bool,
    /// Everyone who could vote, with weight and (nominal votes) their ballot.
    pub ballots: Vec<(i64, u32, Option<Ballot>)>,
    /// A recount's reason and who asked for it (a membership; none: the Secretaría Técnica
    /// corrected its own count). Empty on a first count.
    pub recount: Option<Recount>,
}

/// What the secretary counted: totals, or each voter's ballot.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub enum CountInput {
    /// Totals, and the Presidencia's casting ballot in case of a tie.
    Totals(Tally, Option<Ballot>),
    Nominal(Vec<(i64, Ballot)>),
}

/// Why a vote is counted again, and who asked.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Recount {
    pub reason: String,
    /// The member who asked (by membership); `None` when the Secretaría Técnica corrects a
    /// count it took down wrong.
    pub requested_by: Option<i64>,
}

pub fn create(
    conn: &Tx,
    session: i64,
    item: i64,
    motion: &str,
    mode: VoteMode,
    rule: MajorityRule,
    now: NaiveDateTime,
) -> Result<i64> {
    let s = sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    if s.status != SessionStatus::InProgress {
        return Err(StoreError::Refused(format!("la sesión está «{}»: no se puede votar", s.status.label())));
    }
    if agenda::get(conn, item)?.is_none_or(|i| i.session != session) {
        return Err(StoreError::Refused("el punto no es de esta sesión".into()));
    }
    if motion.trim().is_empty() {
        return Err(StoreError::invalid("mocion", "escriba la moción que se vota"));
    }
    check_quorum(conn, session)?;
    let base = bodies::get(conn, s.body)?.map_or(MajorityBase::Present, |b| b.rules.majority_base);
    conn.execute(
        "INSERT INTO votes (session_id, item_id, motion, mode, rule, base, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![session, item, motion.trim(), mode.code(), rule.code(), base.code(), time_text(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Takes back a vote that was called but never counted (Esc on its count): nothing rests on
/// it yet. A vote with a count is part of the record and stays.
pub fn remove_uncounted(conn: &Tx, vote: i64) -> Result<()> {
    let v = get(conn, vote)?.ok_or_else(|| StoreError::Refused("la votación no existe".into()))?;
    if !v.counts.is_empty() {
        return Err(StoreError::Refused(
            "la votación ya se contó y forma parte del registro: no se quita; si el conteo estuvo mal, haga un recuento"
                .into(),
        ));
    }
    let s = sessions::get(conn, v.session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    if !matches!(s.status, SessionStatus::InProgress | SessionStatus::Suspended) {
        return Err(StoreError::Refused(format!("la sesión está «{}»: su registro no cambia", s.status.label())));
    }
    conn.execute("DELETE FROM votes WHERE id = ?1", [vote])?;
    Ok(())
}

/// Quorum is verified before every vote and every count.
fn check_quorum(conn: &Connection, session: i64) -> Result<crate::domain::quorum::QuorumCount> {
    let q = conduct::quorum(conn, session)?;
    if q.reached() {
        Ok(q)
    } else {
        Err(StoreError::Refused(format!(
            "no hay quórum para votar ({}/{}, se requieren {})",
            q.present, q.total, q.required
        )))
    }
}

/// A voter present with vote right now.
struct Voter {
    membership: i64,
    weight: u32,
    presidency: bool,
    name: String,
}

/// Voters present with vote right now, in roll-call order.
fn eligible(conn: &Connection, session: i64) -> Result<Vec<Voter>> {
    let marks = attendance::list(conn, session)?;
    let mut out = Vec::new();
    for m in members::roll(conn, session)? {
        let here = marks.iter().any(|e| e.mark.membership == m.id && e.mark.here());
        if crate::domain::quorum::may_vote(m.rights, here) {
            let name = institutions::get(conn, m.institution)?.map(|i| i.name).unwrap_or_default();
            out.push(Voter { membership: m.id, weight: m.weight, presidency: m.office == Office::Presidency, name });
        }
    }
    Ok(out)
}

/// Records a count (the first, or a recount that supersedes the earlier ones). A recount
/// says why and who asked; on a tie the casting vote must have been given where the body has
/// one — never taken for «no vota» in silence.
pub fn record_count(
    conn: &Tx,
    vote: i64,
    input: &CountInput,
    recount: Option<&Recount>,
    now: NaiveDateTime,
) -> Result<i64> {
    let v = get(conn, vote)?.ok_or_else(|| StoreError::Refused("la votación no existe".into()))?;
    let s = sessions::get(conn, v.session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    if s.status != SessionStatus::InProgress {
        return Err(StoreError::Refused(format!("la sesión está «{}»: no se puede votar", s.status.label())));
    }
    let body = bodies::get(conn, s.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let recount = match (v.counts.is_empty(), recount) {
        (true, _) => None,
        (false, None) => return Err(StoreError::invalid("motivo", "un recuento lleva su motivo y quién lo pidió")),
        (false, Some(r)) if r.reason.trim().is_empty() => {
            return Err(StoreError::invalid("motivo", "escriba el motivo del recuento; quedará en el acta"));
        }
        (false, Some(r)) => Some(r.clone()),
    };
    let q = check_quorum(conn, v.session)?;
    let voters = eligible(conn, v.session)?;
    if let Some(who) = recount.as_ref().and_then(|r| r.requested_by)
        && !members::roll(conn, v.session)?.iter().any(|m| m.id == who)
    {
        return Err(StoreError::invalid("solicitado_por", "quien pide el recuento no es integrante de esta sesión"));
    }
    let eligible_weight: u32 = voters.iter().map(|v| v.weight).sum();
    let weight_of: HashMap<i64, u32> = voters.iter().map(|v| (v.membership, v.weight)).collect();
    let mut judging = Judging::new(v.rule, v.base, eligible_weight, q.total);
    let (t, ballots, presidency_ballot) = match input {
        CountInput::Totals(t, casting) => {
            check_totals(t, eligible_weight).map_err(|m| StoreError::invalid("votos", m))?;
            if v.rule == MajorityRule::Consensus && t.against > 0 {
                return Err(StoreError::invalid(
                    "votos",
                    "en una decisión por consenso el disenso se registra con nombre: cuente la votación en modo nominal",
                ));
            }
            if body.rules.casting_vote && casting.is_none() && judging.is_tie(t) {
                return Err(StoreError::invalid(
                    "voto_de_calidad",
                    format!(
                        "hay empate ({}): indique el voto de calidad de la Presidencia (a favor, en contra o no lo ejerce)",
                        t.text()
                    ),
                ));
            }
            (*t, HashMap::new(), *casting)
        }
        CountInput::Nominal(list) => {
            let mut ballots = HashMap::new();
            for (m, b) in list {
                if !weight_of.contains_key(m) {
                    return Err(StoreError::invalid("votos", "votó alguien que no está presente con derecho a voto"));
                }
                ballots.insert(*m, *b);
            }
            let weighted: Vec<(u32, Ballot)> = ballots.iter().map(|(m, b)| (weight_of[m], *b)).collect();
            let presidency = voters.iter().find(|v| v.presidency).and_then(|v| ballots.get(&v.membership).copied());
            // Dissent and abstentions by name, in roll-call order, for a consensus.
            let named = |b: Ballot| {
                voters.iter().filter(|v| ballots.get(&v.membership) == Some(&b)).map(|v| v.name.clone()).collect()
            };
            judging.dissent = named(Ballot::Against);
            judging.abstained = named(Ballot::Abstain);
            (tally(&weighted), ballots, presidency)
        }
    };
    let casting = body.rules.casting_vote.then_some(presidency_ballot.unwrap_or(Ballot::NoVote));
    let decision = judge(&judging, &t, casting);
    conn.execute("UPDATE vote_counts SET superseded = 1 WHERE vote_id = ?1", [vote])?;
    let count = Count {
        id: 0,
        at: now,
        tally: t,
        eligible: eligible_weight,
        members: Some(q.total),
        quorum_present: q.present,
        quorum_required: q.required,
        call: q.call,
        approved: decision.approved,
        casting_vote: decision.casting_vote_used,
        explanation: decision.explanation,
        superseded: false,
        ballots: voters.iter().map(|v| (v.membership, v.weight, ballots.get(&v.membership).copied())).collect(),
        recount,
    };
    insert_count(conn, vote, &count)
}

/// Writes one count with its snapshot of voters.
fn insert_count(conn: &Tx, vote: i64, c: &Count) -> Result<i64> {
    let (reason, requested_by) = c.recount.as_ref().map_or(("", None), |r| (r.reason.trim(), r.requested_by));
    conn.execute(
        "INSERT INTO vote_counts (vote_id, at, for_votes, against_votes, abstentions, eligible, members, \
         quorum_present, quorum_required, call, approved, casting_vote, explanation, superseded, reason, requested_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            vote,
            time_text(c.at),
            c.tally.for_,
            c.tally.against,
            c.tally.abstain,
            c.eligible,
            c.members,
            c.quorum_present,
            c.quorum_required,
            c.call.code(),
            c.approved,
            c.casting_vote,
            c.explanation,
            c.superseded,
            reason,
            requested_by
        ],
    )?;
    let count = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare_cached("INSERT INTO vote_ballots (count_id, membership_id, weight, ballot) VALUES (?1, ?2, ?3, ?4)")?;
    for (m, w, b) in &c.ballots {
        stmt.execute(params![count, m, w, b.map(|b| b.code())])?;
    }
    Ok(count)
}

fn vote_from_row(row: &Row) -> rusqlite::Result<Vote> {
    Ok(Vote {
        id: row.get(0)?,
        session: row.get(1)?,
        item: row.get(2)?,
        motion: row.get(3)?,
        mode: code(row, 4)?,
        rule: code(row, 5)?,
        base: code(row, 6)?,
        created_at: time_col(row, 7)?.unwrap_or_default(),
        counts: Vec::new(),
    })
}

fn counts(conn: &Connection, vote: i64) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, for_votes, against_votes, abstentions, eligible, quorum_present, quorum_required, call, approved, \
         casting_vote, explanation, superseded, members, reason, requested_by FROM vote_counts WHERE vote_id = ?1 \
         ORDER BY id",
    )?;
    let mut out: Vec<Count> = stmt
        .query_map([vote], |r| {
            Ok(Count {
                id: r.get(0)?,
                at: time_col(r, 1)?.unwrap_or_default(),
                tally: Tally { for_: r.get(2)?, against: r.get(3)?, abstain: r.get(4)? },
                eligible: r.get(5)?,
                quorum_present: r.get(6)?,
                quorum_required: r.get(7)?,
                call: code(r, 8)?,
                approved: r.get(9)?,
                casting_vote: r.get(10)?,
                explanation: r.get(11)?,
                superseded: r.get(12)?,
                members: r.get(13)?,
                ballots: Vec::new(),
                recount: {
                    let reason: String = r.get(14)?;
                    let requested_by: Option<i64> = r.get(15)?;
                    (!reason.is_empty() || requested_by.is_some()).then_some(Recount { reason, requested_by })
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT membership_id, weight, ballot FROM vote_ballots WHERE count_id = ?1 ORDER BY membership_id",
    )?;
    for c in &mut out {
        c.ballots = stmt
            .query_map([c.id], |r| {
                let b: Option<String> = r.get(2)?;
                Ok((r.get(0)?, r.get(1)?, b.and_then(|b| Ballot::from_code(&b))))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Vote>> {
    let v = super::optional(conn.query_row(
        "SELECT id, session_id, item_id, motion, mode, rule, base, created_at FROM votes WHERE id = ?1",
        [id],
        vote_from_row,
    ))?;
    v.map(|mut v| {
        v.counts = counts(conn, v.id)?;
        Ok(v)
    })
    .transpose()
}

/// Every vote of a session with its counts, in the order they were called.
pub fn list(conn: &Connection, session: i64) -> Result<Vec<Vote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, item_id, motion, mode, rule, base, created_at FROM votes WHERE session_id = ?1 \
         ORDER BY id",
    )?;
    let mut votes: Vec<Vote> = stmt.query_map([session], vote_from_row)?.collect::<rusqlite::Result<_>>()?;
    for v in &mut votes {
        v.counts = counts(conn, v.id)?;
    }
    Ok(votes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quorum::Presence;
    use crate::store::tests::{at, session_fixture};

    fn opened(present: usize) -> (crate::store::Store, i64, Vec<i64>, i64) {
        let (mut store, session, ms) = session_fixture();
        store.write(|tx| conduct::open(tx, session, at(10, 0))).expect("open");
        for m in ms.iter().take(present) {
            store.write(|tx| attendance::mark(tx, session, *m, Presence::Titular, at(10, 1).time())).expect("mark");
        }
        store.write(|tx| attendance::mark(tx, session, ms[5], Presence::Titular, at(10, 1).time())).expect("invitado");
        let item = agenda::list(store.conn(), session).expect("q")[1].id;
        (store, session, ms, item)
    }

    #[test]
    fn totals_are_checked_and_recount_supersedes() {
        let (mut store, session, ms, item) = opened(4);
        let vote = store
            .write(|tx| {
                create(
                    tx,
                    session,
                    item,
                    "Aprobar el orden del día",
                    VoteMode::Totals,
                    MajorityRule::Simple,
                    at(10, 10),
                )
            })
            .expect("create");
        let too_many = Tally { for_: 4, against: 1, abstain: 0 };
        let err = store
            .write(|tx| record_count(tx, vote, &CountInput::Totals(too_many, None), None, at(10, 11)))
            .unwrap_err();
        assert!(err.to_string().contains("superan"), "{err}");
        let first = Tally { for_: 2, against: 2, abstain: 0 };
        store
            .write(|tx| record_count(tx, vote, &CountInput::Totals(first, Some(Ballot::For)), None, at(10, 12)))
            .expect("count");
        let second = Tally { for_: 3, against: 1, abstain: 0 };
        let bare = store.write(|tx| record_count(tx, vote, &CountInput::Totals(second, None), None, at(10, 15)));
        assert_eq!(bare.unwrap_err().to_string(), "campo «motivo»: un recuento lleva su motivo y quién lo pidió");
        let why = Recount { reason: "DNI señaló que su voto no se contó".into(), requested_by: Some(ms[1]) };
        store
            .write(|tx| record_count(tx, vote, &CountInput::Totals(second, None), Some(&why), at(10, 15)))
            .expect("recount");
        let v = get(store.conn(), vote).expect("q").expect("vote");
        assert_eq!(v.counts.len(), 2);
        assert!(v.counts[0].superseded && v.counts[0].casting_vote && v.counts[0].approved);
        let current = v.current().expect("current");
        assert_eq!((current.tally, current.eligible, current.approved, current.at), (second, 4, true, at(10, 15)));
        assert_eq!((current.quorum_present, current.quorum_required), (4, 3));
        assert_eq!(current.ballots.len(), 4, "the invitado is not in the snapshot");
        assert_eq!(current.recount.as_ref(), Some(&why), "the recount's reason and who asked");
        assert_eq!((v.counts[0].recount.as_ref(), current.members), (None, Some(5)));
    }

    #[test]
    fn nominal_ballots_and_casting_vote_from_the_presidency() {
        let (mut store, session, ms, item) = opened(4);
        let vote = store
            .write(|tx| create(tx, session, item, "Moción", VoteMode::Nominal, MajorityRule::Simple, at(10, 10)))
            .expect("create");
        let ballots =
            vec![(ms[0], Ballot::Against), (ms[1], Ballot::For), (ms[2], Ballot::For), (ms[3], Ballot::Against)];
        store.write(|tx| record_count(tx, vote, &CountInput::Nominal(ballots), None, at(10, 11))).expect("count");
        let c = get(store.conn(), vote).expect("q").expect("v").current().cloned().expect("count");
        assert!(!c.approved && c.casting_vote, "the Presidencia voted against: tie broken against");
        assert!(c.ballots.iter().any(|(m, _, b)| *m == ms[0] && *b == Some(Ballot::Against)));
        let outsider = vec![(ms[4], Ballot::For)];
        assert!(store.write(|tx| record_count(tx, vote, &CountInput::Nominal(outsider), None, at(10, 12))).is_err());
    }

    #[test]
    fn consensus_dissent_is_recorded_by_name() {
        let (mut store, session, ms, item) = opened(4);
        let by_totals = store
            .write(|tx| create(tx, session, item, "Declaración", VoteMode::Totals, MajorityRule::Consensus, at(10, 10)))
            .expect("create");
        let dissent = Tally { for_: 3, against: 1, abstain: 0 };
        let err = store
            .write(|tx| record_count(tx, by_totals, &CountInput::Totals(dissent, None), None, at(10, 11)))
            .unwrap_err();
        assert!(err.to_string().contains("modo nominal"), "{err}");
        let nominal = store
            .write(|tx| {
                create(tx, session, item, "Declaración", VoteMode::Nominal, MajorityRule::Consensus, at(10, 12))
            })
            .expect("create");
        let ballots =
            vec![(ms[0], Ballot::For), (ms[1], Ballot::For), (ms[2], Ballot::Against), (ms[3], Ballot::Abstain)];
        store.write(|tx| record_count(tx, nominal, &CountInput::Nominal(ballots), None, at(10, 13))).expect("count");
        let c = get(store.conn(), nominal).expect("q").expect("v").current().cloned().expect("count");
        assert!(!c.approved);
        assert!(c.ballots.contains(&(ms[2], 1, Some(Ballot::Against))), "the dissenting member, by name");
        assert_eq!(
            c.explanation, "No hubo consenso: Institución 2 manifestó su disenso.",
            "named, not by siglas; a consensus is not a count of votes"
        );
    }

    #[test]
    fn a_tie_needs_the_casting_vote_said() {
        let (mut store, session, _, item) = opened(4);
        let vote = store
            .write(|tx| create(tx, session, item, "Moción", VoteMode::Totals, MajorityRule::Simple, at(10, 10)))
            .expect("create");
        let tie = Tally { for_: 2, against: 2, abstain: 0 };
        let silent = store.write(|tx| record_count(tx, vote, &CountInput::Totals(tie, None), None, at(10, 11)));
        let err = silent.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid { field: "voto_de_calidad", .. }),
            "never «no vota» in silence: {err}"
        );
        let declined = CountInput::Totals(tie, Some(Ballot::NoVote));
        store.write(|tx| record_count(tx, vote, &declined, None, at(10, 12))).expect("the Presidencia declines");
        let c = get(store.conn(), vote).expect("q").expect("v").current().cloned().expect("count");
        assert!(!c.approved && c.explanation.contains("la Presidencia no votó"), "{}", c.explanation);
    }

    #[test]
    fn only_an_uncounted_vote_is_removed() {
        let (mut store, session, _, item) = opened(4);
        let called = |store: &mut crate::store::Store| {
            store.write(|tx| create(tx, session, item, "Moción", VoteMode::Totals, MajorityRule::Simple, at(10, 10)))
        };
        let uncounted = called(&mut store).expect("create");
        store.write(|tx| remove_uncounted(tx, uncounted)).expect("removed");
        assert!(get(store.conn(), uncounted).expect("q").is_none());
        let counted = called(&mut store).expect("create");
        let t = Tally { for_: 3, against: 1, abstain: 0 };
        store.write(|tx| record_count(tx, counted, &CountInput::Totals(t, None), None, at(10, 11))).expect("count");
        let err = store.write(|tx| remove_uncounted(tx, counted)).unwrap_err();
        assert!(err.to_string().contains("forma parte del registro"), "{err}");
    }

    #[test]
    fn no_vote_without_quorum_nor_motion() {
        let (mut store, session, ms, item) = opened(3);
        let create_vote = |store: &mut crate::store::Store, motion: &str| {
            store.write(|tx| create(tx, session, item, motion, VoteMode::Totals, MajorityRule::Simple, at(10, 9)))
        };
        assert!(create_vote(&mut store, " ").is_err());
        let vote = create_vote(&mut store, "Moción").expect("quorum 3 of 5");
        store.write(|tx| attendance::set_departure(tx, session, ms[2], Some(at(10, 10).time()))).expect("leaves");
        let refused = create_vote(&mut store, "Otra moción").unwrap_err();
        assert!(refused.to_string().contains("no hay quórum para votar (2/5, se requieren 3)"), "{refused}");
        let two = Tally { for_: 2, against: 0, abstain: 0 };
        let err =
            store.write(|tx| record_count(tx, vote, &CountInput::Totals(two, None), None, at(10, 11))).unwrap_err();
        assert!(err.to_string().contains("no hay quórum para votar"), "quorum is verified again at the count: {err}");
    }
}
