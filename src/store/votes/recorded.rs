//! Votes as a data file records them: every count with its snapshot, checked to add up.

use rusqlite::{Connection, params};

use super::{Count, Vote, insert_count};
use crate::domain::Labeled;
use crate::domain::vote::{Ballot, Judging, VoteMode, judge};

use crate::ops::Tx;
use crate::store::{Result, StoreError, agenda, time_text};

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
        "INSERT INTO votes (session_id, item_id, motion, mode, rule, base, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            v.session,
            v.item,
            v.motion.trim(),
            v.mode.code(),
            v.rule.code(),
            v.base.code(),
            time_text(v.created_at)
        ],
    )?;
    let vote = conn.last_insert_rowid();
    for c in &v.counts {
        insert_count(conn, vote, c)?;
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
            crate::store::optional(conn.query_row("SELECT body_id FROM memberships WHERE id = ?1", [m], |r| r.get(0)))?;
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
                    "en una votación económica no se registra el voto de cada institución",
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
    // Without the members' total (files of earlier versions) the base of those present holds.
    let judging = Judging::new(v.rule, v.base, c.eligible, c.members.unwrap_or(c.eligible));
    if c.members.is_some_and(|m| m < c.eligible) {
        return Err(StoreError::invalid(
            "integrantes_con_voto",
            format!(
                "hay {} votos presentes, más que los {} de todos los integrantes con voto",
                c.eligible,
                c.members.unwrap_or(0)
            ),
        ));
    }
    let plain = judge(&judging, t, None);
    let tie = judging.is_tie(t);
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
