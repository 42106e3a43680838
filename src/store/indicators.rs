//! Gathering what the indicators count, for some bodies over a period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, bodies, code, institutions, sessions};
use crate::domain::agreement::Deadline;
use crate::domain::indicators::{Commitment, CommitmentStats, commitment_stats, minimum_for};
use crate::domain::quorum::Presence;
use crate::domain::session::SessionStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub acronym: String,
    pub name: String,
    /// Held sessions with a recorded roll call where the institution had a voting seat.
    pub sessions: u32,
    pub present: u32,
    pub justified: u32,
    pub target: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Indicators {
    pub held: u32,
    /// The ordinary ones among `held`: what the regulation's minimum counts.
    pub held_ordinary: u32,
    pub planned: u32,
    /// The regulation's minimum of ordinary sessions over the period, when the bodies set one.
    pub minimum: Option<u32>,
    pub attendance: Vec<AttendanceRow>,
    /// Agreements and work-plan activities together.
    pub commitments: CommitmentStats,
    pub agreements: CommitmentStats,
    pub activities: CommitmentStats,
}

/// `body` and, with `children`, every body that depends on it, at any depth.
pub fn scope(conn: &Connection, body: i64, children: bool) -> Result<Vec<i64>> {
    let all = bodies::list(conn)?;
    let mut out = vec![body];
    if children {
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            out.extend(all.iter().filter(|b| b.parent == Some(parent)).map(|b| b.id));
            i += 1;
        }
    }
    Ok(out)
}

pub fn compute(
    conn: &Connection,
    scope: &[i64],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Indicators> {
    compute_with(conn, scope, None, from, to, today)
}

/// The indicators of one institution in the bodies of `scope`: its attendance, and the
/// commitments it is responsible for.
pub fn compute_for_institution(
    conn: &Connection,
    scope: &[i64],
    institution: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Indicators> {
    compute_with(conn, scope, Some(institution), from, to, today)
}

/// Status, deadline and fulfilment date of the agreements adopted by `scope` in the period,
/// and of the activities of its work plans for the years the period touches: only what the
/// formulas need, so a long history costs little.
fn commitments_in(
    conn: &Connection,
    scope: &[i64],
    institution: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<Commitment>, Vec<Commitment>)> {
    let ids: Vec<String> = scope.iter().map(i64::to_string).collect();
    // Ids are integers from the store, so they are written into the SQL as they are.
    let responsible = |link: &str, column: &str| {
        institution
            .map_or(String::new(), |i| format!(" AND a.id IN (SELECT {column} FROM {link} WHERE institution_id = {i})"))
    };
    let agreements = format!(
        "SELECT a.status, a.deadline, a.done_on FROM agreements a JOIN sessions s ON s.id = a.session_id \
         WHERE s.body_id IN ({}) AND s.date >= ?1 AND s.date <= ?2{}",
        ids.join(","),
        responsible("agreement_responsibles", "agreement_id")
    );
    let activities = format!(
        "SELECT a.status, a.deadline, a.done_on FROM activities a JOIN work_plans p ON p.id = a.plan_id \
         WHERE p.body_id IN ({}) AND p.year >= CAST(substr(?1, 1, 4) AS INTEGER) \
         AND p.year <= CAST(substr(?2, 1, 4) AS INTEGER){}",
        ids.join(","),
        responsible("activity_responsibles", "activity_id")
    );
    Ok((read_commitments(conn, &agreements, from, to)?, read_commitments(conn, &activities, from, to)?))
}

fn read_commitments(conn: &Connection, sql: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<Commitment>> {
    let day = |t: Option<String>| t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok());
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([from.to_string(), to.to_string()], |r| {
            Ok(Commitment {
                status: code(r, 0)?,
                deadline: day(r.get(1)?).map_or(Deadline::Permanent, Deadline::Date),
                done_on: day(r.get(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The dashboard's figures: per body, and the overdue agreements of each responsible
/// institution (siglas), from one load of the agreements.
#[derive(Default)]
pub struct Dashboard {
    pub per_body: Vec<(String, Indicators)>,
    pub overall: Indicators,
    pub overdue_by_institution: Vec<(String, u32)>,
}

pub fn dashboard(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Dashboard> {
    let all = bodies::list(conn)?;
    let ids: Vec<i64> = all.iter().map(|b| b.id).collect();
    let mut per_body = Vec::with_capacity(all.len());
    for b in &all {
        per_body.push((b.acronym.clone(), compute_with(conn, &[b.id], None, from, to, today)?));
    }
    let overall = compute_with(conn, &ids, None, from, to, today)?;
    // Overdue today, whatever the period: counted where the agreements are.
    let mut stmt = conn.prepare_cached(
        "SELECT i.acronym, count(*) FROM ( \
           SELECT r.institution_id FROM agreement_responsibles r JOIN agreements a ON a.id = r.agreement_id \
           WHERE a.status IN ('pending', 'in_progress', 'rescheduled') AND a.deadline IS NOT NULL AND a.deadline < ?1 \
           UNION ALL \
           SELECT r.institution_id FROM activity_responsibles r JOIN activities a ON a.id = r.activity_id \
           WHERE a.status IN ('pending', 'in_progress', 'rescheduled') AND a.deadline IS NOT NULL AND a.deadline < ?1 \
         ) o JOIN institutions i ON i.id = o.institution_id \
         GROUP BY i.acronym ORDER BY count(*) DESC, i.acronym",
    )?;
    let overdue_by_institution: Vec<(String, u32)> =
        stmt.query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Dashboard { per_body, overall, overdue_by_institution })
}

fn compute_with(
    conn: &Connection,
    scope: &[i64],
    institution: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Indicators> {
    let mut held = 0;
    let mut held_ordinary = 0;
    let mut planned = 0;
    let mut minimum: Option<u32> = None;
    let mut rows: BTreeMap<i64, AttendanceRow> = BTreeMap::new();
    let mut roll = conn.prepare_cached("SELECT membership_id, presence FROM attendance WHERE session_id = ?1")?;
    for &body in scope {
        let Some(b) = bodies::get(conn, body)? else { continue };
        let voting: Vec<_> = super::members::for_body(conn, body)?
            .into_iter()
            .filter(|m| m.rights.votes() && institution.is_none_or(|i| i == m.institution))
            .collect();
        if institution.is_some() && voting.is_empty() {
            // An institution's sessions are those of the bodies where it sits with a vote.
            continue;
        }
        if let Some(m) = b.rules.minimum {
            *minimum.get_or_insert(0) += minimum_for(m, from, to);
        }
        let target: u32 = conn.query_row("SELECT attendance_target FROM bodies WHERE id = ?1", [body], |r| r.get(0))?;
        let filter = sessions::Filter { body: Some(body), from: Some(from), to: Some(to), undated: false };
        for s in sessions::list(conn, &filter)? {
            if s.status == SessionStatus::Cancelled {
                continue;
            }
            planned += 1;
            let in_range = s.schedule.date().is_some_and(|d| d >= from && d <= to);
            if !(s.status.held() && in_range) {
                continue;
            }
            held += 1;
            held_ordinary += u32::from(s.kind == crate::domain::session::SessionKind::Ordinary);
            let marks: Vec<(i64, Presence)> =
                roll.query_map([s.id], |r| Ok((r.get(0)?, code(r, 1)?)))?.collect::<rusqlite::Result<_>>()?;
            if marks.is_empty() {
                // Held before the roll call was kept here: it tells nothing about attendance.
                continue;
            }
            for m in &voting {
                let row = match rows.entry(m.institution) {
                    std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::btree_map::Entry::Vacant(e) => {
                        let Some(i) = institutions::get(conn, m.institution)? else { continue };
                        e.insert(AttendanceRow {
                            acronym: i.acronym,
                            name: i.name,
                            sessions: 0,
                            present: 0,
                            justified: 0,
                            target,
                        })
                    }
                };
                // A member not on that session's roll (it joined later, or had its baja before)
                // was not expected there.
                let Some(presence) = marks.iter().find(|(id, _)| *id == m.id).map(|(_, p)| *p) else { continue };
                row.sessions += 1;
                match presence {
                    Presence::Titular | Presence::Alternate => row.present += 1,
                    Presence::Justified => row.justified += 1,
                    Presence::Absent => {}
                }
            }
        }
    }
    let (agreements, activities) = commitments_in(conn, scope, institution, from, to)?;
    let both: Vec<Commitment> = agreements.iter().chain(&activities).copied().collect();
    let mut attendance: Vec<AttendanceRow> = rows.into_values().collect();
    attendance.sort_by(|a, b| a.acronym.cmp(&b.acronym));
    Ok(Indicators {
        held,
        held_ordinary,
        planned,
        minimum,
        attendance,
        commitments: commitment_stats(&both, today),
        agreements: commitment_stats(&agreements, today),
        activities: commitment_stats(&activities, today),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    /// The minimum counts ordinary sessions: the CICESCT's extraordinary one is held but not counted.
    #[test]
    fn the_minimum_is_measured_against_ordinary_sessions() {
        let store = crate::demo::in_memory();
        let cicesct = bodies::by_acronym(store.conn(), "CICESCT").expect("q").expect("CICESCT").id;
        let only = scope(store.conn(), cicesct, false).expect("scope");
        let i = compute(store.conn(), &only, d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 2)).expect("indicators");
        assert_eq!((i.held, i.held_ordinary, i.minimum), (6, 5, Some(4)));
    }

    #[test]
    fn citdp_2024_from_the_demo() {
        let store = crate::demo::in_memory();
        let citdp = bodies::by_acronym(store.conn(), "CITDP").expect("q").expect("CITDP").id;
        let only = scope(store.conn(), citdp, false).expect("scope");
        let i = compute(store.conn(), &only, d(2024, 1, 1), d(2024, 12, 31), d(2026, 11, 24)).expect("indicators");
        assert_eq!((i.held, i.planned, i.minimum), (3, 3, Some(2)));
        assert_eq!(i.attendance.len(), 15, "one row per member with vote");
        let sectur = i.attendance.iter().find(|r| r.acronym == "SECTUR").expect("SECTUR");
        assert_eq!((sectur.sessions, sectur.present, sectur.justified, sectur.target), (3, 2, 1, 80));
        assert_eq!((i.agreements.adopted, i.activities.adopted, i.commitments.adopted), (11, 67, 78));
        assert!(i.agreements.overdue >= 5);
        assert_eq!((i.activities.done, i.activities.void), (11, 1));
        assert_eq!(i.activities.done_on_time, 9, "two activities were fulfilled after their period ended");
        let with_children = scope(store.conn(), citdp, true).expect("scope");
        assert!(with_children.len() > 5);
        let inm = crate::store::institutions::by_acronym(store.conn(), "INM").expect("q").expect("INM").id;
        let (year, today) = ((d(2024, 1, 1), d(2024, 12, 31)), d(2026, 11, 24));
        let of_inm = compute_for_institution(store.conn(), &only, inm, year.0, year.1, today).expect("INM");
        assert_eq!(of_inm.attendance.len(), 1, "only its own attendance");
        assert_eq!(of_inm.attendance[0].acronym, "INM");
        assert_eq!((of_inm.held, of_inm.planned), (i.held, i.planned), "the sessions are the body's");
        let inm_activities: u32 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM activity_responsibles r JOIN activities a ON a.id = r.activity_id \
                 JOIN work_plans p ON p.id = a.plan_id WHERE r.institution_id = ?1 AND p.body_id = ?2 AND p.year = 2024",
                [inm, citdp],
                |r| r.get(0),
            )
            .expect("q");
        assert!(inm_activities > 0);
        assert_eq!(of_inm.activities.adopted, inm_activities, "only the activities INM answers for");
        assert!(of_inm.commitments.adopted < i.commitments.adopted);
        let dni = crate::store::institutions::by_acronym(store.conn(), "DNI").expect("q").expect("DNI").id;
        let outsider = compute_for_institution(store.conn(), &only, dni, year.0, year.1, today).expect("DNI");
        assert_eq!((outsider.held, outsider.planned, outsider.minimum), (0, 0, None), "it has no seat in CITDP");
        assert!(outsider.attendance.is_empty());
        let empty = compute(store.conn(), &only, d(2030, 1, 1), d(2030, 12, 31), d(2026, 11, 24)).expect("empty");
        assert_eq!((empty.held, empty.commitments.rate()), (0, None));
    }
}
