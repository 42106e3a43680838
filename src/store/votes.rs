//! Votes on agenda items. Each count stores who could vote at that moment (the snapshot),
//! the quorum verified just before it and the judged result; a recount supersedes earlier
//! counts without erasing them.

use crate::ops::Tx;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, params};

use super::{Result, StoreError, agenda, attendance, bodies, code, conduct, members, sessions, time_col, time_text};
use crate::domain::Labeled;
use crate::domain::body::MajorityRule;
use crate::domain::member::Office;
use crate::domain::quorum::Call;
use crate::domain::session::SessionStatus;
use crate::domain::vote::{Ballot, Tally, VoteMode, check_totals, judge, tally};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub id: i64,
    pub session: i64,
    pub item: i64,
    pub motion: String,
    pub mode: VoteMode,
    pub rule: MajorityRule,
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
    pub quorum_present: u32,
    pub quorum_required: u32,
    pub call: Call,
    pub approved: bool,
    pub casting_vote: bool,
    pub explanation: String,
    pub superseded: bool,
    /// Everyone who could vote, with weight and (nominal votes) their ballot.
    pub ballots: Vec<(i64, u32, Option<Ballot>)>,
}

/// What the secretary counted: totals, or each voter's ballot.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub enum CountInput {
    /// Totals, and the Presidencia's casting ballot in case of a tie.
    Totals(Tally, Option<Ballot>),
    Nominal(Vec<(i64, Ballot)>),
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
    conn.execute(
        "INSERT INTO votes (session_id, item_id, motion, mode, rule, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![session, item, motion.trim(), mode.code(), rule.code(), time_text(now)],
    )?;
    Ok(conn.last_insert_rowid())
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

/// Voters present with vote right now: membership → (weight, is Presidencia).
fn eligible(conn: &Connection, session: i64) -> Result<Vec<(i64, u32, bool)>> {
    let marks = attendance::list(conn, session)?;
    Ok(members::roll(conn, session)?
        .into_iter()
        .filter(|m| {
            let here = marks.iter().any(|e| e.mark.membership == m.id && e.mark.here());
            crate::domain::quorum::may_vote(m.rights, here)
        })
        .map(|m| (m.id, m.weight, m.office == Office::Presidency))
        .collect())
}

/// Records a count (the first, or a recount that supersedes the earlier ones).
pub fn record_count(conn: &Tx, vote: i64, input: &CountInput, now: NaiveDateTime) -> Result<i64> {
    let v = get(conn, vote)?.ok_or_else(|| StoreError::Refused("la votación no existe".into()))?;
    let s = sessions::get(conn, v.session)?.ok_or_else(|| StoreError::Refused("la sesión no existe".into()))?;
    if s.status != SessionStatus::InProgress {
        return Err(StoreError::Refused(format!("la sesión está «{}»: no se puede votar", s.status.label())));
    }
    let body = bodies::get(conn, s.body)?.ok_or_else(|| StoreError::Refused("el órgano no existe".into()))?;
    let q = check_quorum(conn, v.session)?;
    let voters = eligible(conn, v.session)?;
    let eligible_weight: u32 = voters.iter().map(|(_, w, _)| w).sum();
    let weight_of: HashMap<i64, u32> = voters.iter().map(|(m, w, _)| (*m, *w)).collect();
    let (t, ballots, presidency_ballot) = match input {
        CountInput::Totals(t, casting) => {
            check_totals(t, eligible_weight).map_err(|m| StoreError::invalid("votos", m))?;
            if v.rule == MajorityRule::Consensus && t.against > 0 {
                return Err(StoreError::invalid(
                    "votos",
                    "en una decisión por consenso el disenso se registra con nombre: cuente la votación en modo nominal",
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
            let presidency = voters.iter().find(|(_, _, p)| *p).and_then(|(m, _, _)| ballots.get(m).copied());
            (tally(&weighted), ballots, presidency)
        }
    };
    let casting = body.rules.casting_vote.then_some(presidency_ballot.unwrap_or(Ballot::NoVote));
    let decision = judge(v.rule, &t, eligible_weight, casting);
    conn.execute("UPDATE vote_counts SET superseded = 1 WHERE vote_id = ?1", [vote])?;
    conn.execute(
        "INSERT INTO vote_counts (vote_id, at, for_votes, against_votes, abstentions, eligible, quorum_present, \
         quorum_required, call, approved, casting_vote, explanation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            vote,
            time_text(now),
            t.for_,
            t.against,
            t.abstain,
            eligible_weight,
            q.present,
            q.required,
            q.call.code(),
            decision.approved,
            decision.casting_vote_used,
            decision.explanation
        ],
    )?;
    let count = conn.last_insert_rowid();
    for (m, w, _) in &voters {
        let ballot = ballots.get(m).map(|b: &Ballot| b.code());
        conn.execute(
            "INSERT INTO vote_ballots (count_id, membership_id, weight, ballot) VALUES (?1, ?2, ?3, ?4)",
            params![count, m, w, ballot],
        )?;
    }
    Ok(count)
}

/// Inserts a vote with every count as a data file records it: each count's snapshot of who
/// could vote (with weights and, in a nominal vote, each ballot), its quorum and its judged
/// result. The numbers must add up: the eligible votes are the snapshot's weights, the totals
/// do not exceed them, a nominal count's totals are its ballots, the quorum was there, the
/// result is what the vote's majority gives (a tie only by the casting vote), and every count
/// but the last is superseded.
pub fn insert_recorded(conn: &Tx, v: &Vote) -> Result<i64> {
    if agenda::get(conn, v.item)?.is_none_or(|i| i.session != v.session) {
        return Err(StoreError::invalid("punto", "el punto no es de esta sesión"));
    }
    if v.motion.trim().is_empty() {
        return Err(StoreError::invalid("mocion", "escriba la moción que se votó"));
    }
    let body: i64 = conn.query_row("SELECT body_id FROM sessions WHERE id = ?1", [v.session], |r| r.get(0))?;
    for (i, c) in v.counts.iter().enumerate() {
        check_recorded_count(conn, body, v, c, i + 1 == v.counts.len())?;
    }
    conn.execute(
        "INSERT INTO votes (session_id, item_id, motion, mode, rule, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![v.session, v.item, v.motion.trim(), v.mode.code(), v.rule.code(), time_text(v.created_at)],
    )?;
    let vote = conn.last_insert_rowid();
    for c in &v.counts {
        conn.execute(
            "INSERT INTO vote_counts (vote_id, at, for_votes, against_votes, abstentions, eligible, quorum_present, \
             quorum_required, call, approved, casting_vote, explanation, superseded) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                vote,
                time_text(c.at),
                c.tally.for_,
                c.tally.against,
                c.tally.abstain,
                c.eligible,
                c.quorum_present,
                c.quorum_required,
                c.call.code(),
                c.approved,
                c.casting_vote,
                c.explanation,
                c.superseded
            ],
        )?;
        let count = conn.last_insert_rowid();
        for (m, w, b) in &c.ballots {
            conn.execute(
                "INSERT INTO vote_ballots (count_id, membership_id, weight, ballot) VALUES (?1, ?2, ?3, ?4)",
                params![count, m, w, b.map(|b| b.code())],
            )?;
        }
    }
    Ok(vote)
}

/// Checks one count of a vote as recorded (see `insert_recorded`); `last` says whether it is
/// the count in force.
pub fn check_recorded_count(conn: &Connection, body: i64, v: &Vote, c: &Count, last: bool) -> Result<()> {
    let mut weights: u64 = 0;
    let mut cast = [0u64; 3];
    let mut seen = std::collections::HashSet::new();
    for (m, w, b) in &c.ballots {
        crate::domain::member::check_weight(*w).map_err(|e| StoreError::invalid("votantes", e))?;
        let member_of: Option<i64> =
            super::optional(conn.query_row("SELECT body_id FROM memberships WHERE id = ?1", [m], |r| r.get(0)))?;
        if member_of != Some(body) {
            return Err(StoreError::invalid("votantes", "votó una institución que no es integrante del órgano"));
        }
        if !seen.insert(*m) {
            return Err(StoreError::invalid("votantes", "una institución aparece dos veces entre quienes votaron"));
        }
        weights += u64::from(*w);
        match (v.mode, b) {
            (VoteMode::Totals, Some(_)) => {
                return Err(StoreError::invalid(
                    "votantes",
                    "en una votación por totales no se registra el voto de cada institución",
                ));
            }
            (_, Some(Ballot::For)) => cast[0] += u64::from(*w),
            (_, Some(Ballot::Against)) => cast[1] += u64::from(*w),
            (_, Some(Ballot::Abstain)) => cast[2] += u64::from(*w),
            _ => {}
        }
    }
    let t = &c.tally;
    if weights > 1_000_000 {
        return Err(StoreError::invalid("votantes", "demasiados votos para un órgano"));
    }
    if u64::from(c.eligible) != weights {
        return Err(StoreError::invalid(
            "votos_elegibles",
            format!("dice {} votos elegibles, pero quienes podían votar suman {weights}", c.eligible),
        ));
    }
    let total = u64::from(t.for_) + u64::from(t.against) + u64::from(t.abstain);
    if total > weights {
        return Err(StoreError::invalid(
            "a_favor",
            format!("los votos contados ({total}) superan a los votos de quienes podían votar ({weights})"),
        ));
    }
    if v.mode == VoteMode::Nominal && cast != [t.for_, t.against, t.abstain].map(u64::from) {
        return Err(StoreError::invalid(
            "a_favor",
            format!(
                "los totales ({}) no son los votos de cada institución ({} a favor, {} en contra, {} abstenciones)",
                t.text(),
                cast[0],
                cast[1],
                cast[2]
            ),
        ));
    }
    if c.quorum_present < c.quorum_required {
        return Err(StoreError::invalid(
            "quorum_presentes",
            format!("sin quórum ({} de {} requeridos) no se vota", c.quorum_present, c.quorum_required),
        ));
    }
    // The count is small now (at most the snapshot's weights), so judging it cannot overflow.
    let plain = judge(v.rule, t, c.eligible, None);
    let tie = judge(v.rule, t, c.eligible, Some(Ballot::For)).casting_vote_used;
    if c.casting_vote && !tie {
        return Err(StoreError::invalid("voto_de_calidad", "solo hay voto de calidad en un empate"));
    }
    if !c.casting_vote && c.approved != plain.approved {
        return Err(StoreError::invalid(
            "aprobada",
            format!(
                "con {} y la regla «{}» la votación resulta {}",
                t.text(),
                v.rule.label(),
                if plain.approved { "aprobada" } else { "rechazada" }
            ),
        ));
    }
    if c.superseded == last {
        let message = if last {
            "el último conteo es el vigente: no puede estar sustituido"
        } else {
            "un conteo seguido de otro quedó sustituido por el recuento: falta «sustituido = true»"
        };
        return Err(StoreError::invalid("sustituido", message));
    }
    Ok(())
}

fn vote_from_row(row: &Row) -> rusqlite::Result<Vote> {
    Ok(Vote {
        id: row.get(0)?,
        session: row.get(1)?,
        item: row.get(2)?,
        motion: row.get(3)?,
        mode: code(row, 4)?,
        rule: code(row, 5)?,
        created_at: time_col(row, 6)?.unwrap_or_default(),
        counts: Vec::new(),
    })
}

fn counts(conn: &Connection, vote: i64) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, for_votes, against_votes, abstentions, eligible, quorum_present, quorum_required, call, approved, \
         casting_vote, explanation, superseded FROM vote_counts WHERE vote_id = ?1 ORDER BY id",
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
                ballots: Vec::new(),
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
        "SELECT id, session_id, item_id, motion, mode, rule, created_at FROM votes WHERE id = ?1",
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
        "SELECT id, session_id, item_id, motion, mode, rule, created_at FROM votes WHERE session_id = ?1 ORDER BY id",
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
        let (mut store, session, _, item) = opened(4);
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
        let err =
            store.write(|tx| record_count(tx, vote, &CountInput::Totals(too_many, None), at(10, 11))).unwrap_err();
        assert!(err.to_string().contains("superan"), "{err}");
        let first = Tally { for_: 2, against: 2, abstain: 0 };
        store
            .write(|tx| record_count(tx, vote, &CountInput::Totals(first, Some(Ballot::For)), at(10, 12)))
            .expect("count");
        let second = Tally { for_: 3, against: 1, abstain: 0 };
        store.write(|tx| record_count(tx, vote, &CountInput::Totals(second, None), at(10, 15))).expect("recount");
        let v = get(store.conn(), vote).expect("q").expect("vote");
        assert_eq!(v.counts.len(), 2);
        assert!(v.counts[0].superseded && v.counts[0].casting_vote && v.counts[0].approved);
        let current = v.current().expect("current");
        assert_eq!((current.tally, current.eligible, current.approved, current.at), (second, 4, true, at(10, 15)));
        assert_eq!((current.quorum_present, current.quorum_required), (4, 3));
        assert_eq!(current.ballots.len(), 4, "the invitado is not in the snapshot");
    }

    #[test]
    fn nominal_ballots_and_casting_vote_from_the_presidency() {
        let (mut store, session, ms, item) = opened(4);
        let vote = store
            .write(|tx| create(tx, session, item, "Moción", VoteMode::Nominal, MajorityRule::Simple, at(10, 10)))
            .expect("create");
        let ballots =
            vec![(ms[0], Ballot::Against), (ms[1], Ballot::For), (ms[2], Ballot::For), (ms[3], Ballot::Against)];
        store.write(|tx| record_count(tx, vote, &CountInput::Nominal(ballots), at(10, 11))).expect("count");
        let c = get(store.conn(), vote).expect("q").expect("v").current().cloned().expect("count");
        assert!(!c.approved && c.casting_vote, "the Presidencia voted against: tie broken against");
        assert!(c.ballots.iter().any(|(m, _, b)| *m == ms[0] && *b == Some(Ballot::Against)));
        let outsider = vec![(ms[4], Ballot::For)];
        assert!(store.write(|tx| record_count(tx, vote, &CountInput::Nominal(outsider), at(10, 12))).is_err());
    }

    #[test]
    fn consensus_dissent_is_recorded_by_name() {
        let (mut store, session, ms, item) = opened(4);
        let by_totals = store
            .write(|tx| create(tx, session, item, "Declaración", VoteMode::Totals, MajorityRule::Consensus, at(10, 10)))
            .expect("create");
        let dissent = Tally { for_: 3, against: 1, abstain: 0 };
        let err =
            store.write(|tx| record_count(tx, by_totals, &CountInput::Totals(dissent, None), at(10, 11))).unwrap_err();
        assert!(err.to_string().contains("modo nominal"), "{err}");
        let nominal = store
            .write(|tx| {
                create(tx, session, item, "Declaración", VoteMode::Nominal, MajorityRule::Consensus, at(10, 12))
            })
            .expect("create");
        let ballots =
            vec![(ms[0], Ballot::For), (ms[1], Ballot::For), (ms[2], Ballot::Against), (ms[3], Ballot::Abstain)];
        store.write(|tx| record_count(tx, nominal, &CountInput::Nominal(ballots), at(10, 13))).expect("count");
        let c = get(store.conn(), nominal).expect("q").expect("v").current().cloned().expect("count");
        assert!(!c.approved);
        assert!(c.ballots.contains(&(ms[2], 1, Some(Ballot::Against))), "the dissenting member, by name");
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
        let err = store.write(|tx| record_count(tx, vote, &CountInput::Totals(two, None), at(10, 11))).unwrap_err();
        assert!(err.to_string().contains("no hay quórum para votar"), "quorum is verified again at the count: {err}");
    }
}
