//! Commitments (compromisos) of either source, agreements of sessions and activities of work
//! plans, read as one kind of thing: the list a secretariat chases and the lookup by number.

use std::collections::HashMap;
use std::ops::ControlFlow;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::{Result, StoreError};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::{DEFAULT_WARNING_DAYS, Source};

/// An ISO date as the store writes it. Read by hand: lists parse tens of thousands of them
/// and chrono's format parser was a tenth of `acuerdos --vencidos`.
pub(crate) fn day(text: Option<String>) -> Option<NaiveDate> {
    iso(text?.as_bytes())
}

fn iso(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return NaiveDate::parse_from_str(std::str::from_utf8(b).ok()?, "%Y-%m-%d").ok();
    }
    let at = |r: std::ops::Range<usize>| b.get(r).and_then(decimal);
    NaiveDate::from_ymd_opt(
        i32::try_from(at(0..4)?).ok()?,
        u32::try_from(at(5..7)?).ok()?,
        u32::try_from(at(8..10)?).ok()?,
    )
}

/// Decimal digits, nothing else.
fn decimal(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
}

/// A text column read in place, without copying it out of SQLite.
fn text<'r>(r: &'r rusqlite::Row, idx: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(r.get_ref(idx)?.as_str_or_null()?)
}

/// The bytes of a text column that holds only ASCII the store wrote (dates, codes, ids), read
/// in place; NULL reads as empty.
fn ascii<'r>(r: &'r rusqlite::Row, idx: usize) -> rusqlite::Result<&'r [u8]> {
    Ok(r.get_ref(idx)?.as_bytes_or_null()?.unwrap_or_default())
}

/// A date column read in place.
fn day_at(r: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let b = ascii(r, idx)?;
    Ok(if b.is_empty() { None } else { iso(b) })
}

/// Where each source keeps its rows; the rest of the engine is the same for both.
pub(crate) struct Table {
    pub source: Source,
    pub main: &'static str,
    pub fk: &'static str,
    responsibles: &'static str,
    /// The commitments joined to what they belong to, for SQLite to plan freely: right for
    /// a number or an institution, which pick few rows through an index.
    join: &'static str,
    /// The same, walking sessions (or plans) in their order and each one's commitments by
    /// sequence, so rows come out already ordered: right for long lists, which then stream
    /// without being sorted or held in memory.
    walk: &'static str,
    body: &'static str,
    session: &'static str,
    start: &'static str,
    period: &'static str,
    order: &'static str,
}

const AGREEMENTS: Table = Table {
    source: Source::Agreement,
    main: "agreements",
    fk: "agreement_id",
    responsibles: "agreement_responsibles",
    join: "agreements c JOIN sessions s ON s.id = c.session_id",
    walk: "sessions s CROSS JOIN agreements c ON c.session_id = s.id",
    body: "s.body_id",
    session: "c.session_id",
    start: "s.date",
    period: "NULL",
    // `sessions_starts` walks sessions in this order and the (session, seq) key each one's agreements.
    order: "s.starts_on, s.id, c.seq",
};

const ACTIVITIES: Table = Table {
    source: Source::Activity,
    main: "activities",
    fk: "activity_id",
    responsibles: "activity_responsibles",
    join: "activities c JOIN work_plans p ON p.id = c.plan_id",
    walk: "work_plans p CROSS JOIN activities c ON c.plan_id = p.id",
    body: "p.body_id",
    session: "NULL",
    start: "printf('%04d-01-01', p.year)",
    period: "c.period",
    order: "p.year, p.body_id, c.seq",
};

pub(crate) fn table(source: Source) -> &'static Table {
    match source {
        Source::Agreement => &AGREEMENTS,
        Source::Activity => &ACTIVITIES,
    }
}

/// A commitment of either source, with what its follow-up adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub source: Source,
    pub id: i64,
    pub number: String,
    pub text: String,
    pub body: i64,
    /// The session that adopted an agreement.
    pub session: Option<i64>,
    /// When it was taken: the session's date, or the first day of the plan's year.
    pub start: Option<NaiveDate>,
    /// Institution ids.
    pub responsibles: Vec<i64>,
    pub deadline: Deadline,
    /// The period as the work plan writes it; agreements have none.
    pub period: Option<String>,
    pub status: AgreementStatus,
    pub progress: u32,
    pub warning_days: u32,
    /// When it was marked cumplido.
    pub done_on: Option<NaiveDate>,
}

impl Tracked {
    /// The plazo as people read it: the plan's period, or the deadline.
    pub fn term(&self) -> String {
        match &self.period {
            Some(p) if self.status != AgreementStatus::Rescheduled => p.clone(),
            _ => self.deadline.text(),
        }
    }
}

/// Which commitments to list. Filters run in SQL so a list of a few hundred out of tens of
/// thousands never loads the rest.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// `None`: both sources.
    pub source: Option<Source>,
    pub body: Option<i64>,
    pub institution: Option<i64>,
    pub status: Option<AgreementStatus>,
    /// Only those overdue on this date (open, deadline before it).
    pub overdue_on: Option<NaiveDate>,
    /// Only those falling due in this range (inclusive).
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
}

/// Every commitment, agreements then activities, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<Tracked>> {
    list(conn, &ListFilter::default())
}

/// The commitments `filter` selects, oldest first (by session date or plan year), in one
/// query per source whatever their number.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Vec<Tracked>> {
    let mut out = Vec::new();
    for source in [Source::Agreement, Source::Activity] {
        if filter.source.is_none_or(|s| s == source) {
            each_of(conn, table(source), filter, "", |t| {
                out.push(t.clone());
                ControlFlow::Continue(())
            })?;
        }
    }
    if filter.source.is_none() {
        // Each source comes ordered; a stable sort keeps that order within a day.
        out.sort_by_key(|t| t.start);
    }
    Ok(out)
}

/// The commitments of one source that `filter` selects, shown to `f` one at a time in the
/// order `list` gives, so tens of thousands of them are never all in memory. `f` stops the
/// walk by breaking. Both sources at once are gathered and ordered first.
pub fn each(conn: &Connection, filter: &ListFilter, mut f: impl FnMut(&Tracked) -> ControlFlow<()>) -> Result<()> {
    match filter.source {
        Some(source) => each_of(conn, table(source), filter, "", f),
        None => {
            for t in list(conn, filter)? {
                if f(&t).is_break() {
                    break;
                }
            }
            Ok(())
        }
    }
}

/// The commitment numbered `number`, of either source.
pub fn by_number(conn: &Connection, number: &str) -> Result<Tracked> {
    let number = number.trim();
    for source in [Source::Agreement, Source::Activity] {
        let mut found = None;
        each_of(conn, table(source), &ListFilter::default(), number, |t| {
            found = Some(t.clone());
            ControlFlow::Break(())
        })?;
        if let Some(t) = found {
            return Ok(t);
        }
    }
    Err(StoreError::invalid("numero", format!("no existe ningún acuerdo ni actividad con el número «{number}»")))
}

/// Each institution's place in siglas order, indexed by institution id, so responsibles
/// list alphabetically without hashing every one of them.
fn acronym_order(conn: &Connection) -> Result<Vec<usize>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM institutions ORDER BY acronym")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // Ids are rowids, dense from 1; one far beyond the count is ranked last rather than
    // given a slot.
    let slot = |id: i64| usize::try_from(id).ok().filter(|&i| i <= ids.len() * 4 + 1024);
    let mut rank = vec![usize::MAX; ids.iter().filter_map(|&id| slot(id)).max().map_or(0, |m| m + 1)];
    for (i, id) in ids.iter().enumerate() {
        if let Some(at) = slot(*id) {
            rank[at] = i;
        }
    }
    Ok(rank)
}

/// Each body's warning days (the semáforo's amarillo), read once rather than joined per row.
fn warning_days(conn: &Connection) -> Result<HashMap<i64, u32>> {
    let mut stmt = conn.prepare_cached("SELECT id, warning_days FROM bodies")?;
    let days = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(days)
}

fn each_of(
    conn: &Connection,
    t: &Table,
    filter: &ListFilter,
    number: &str,
    mut f: impl FnMut(&Tracked) -> ControlFlow<()>,
) -> Result<()> {
    let mut conditions = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut add = |cond: String, v: Value| {
        args.push(v);
        conditions.push(cond.replace('?', &format!("?{}", args.len())));
    };
    if !number.is_empty() {
        add("c.number = ?".into(), Value::Text(number.into()));
    }
    if let Some(b) = filter.body {
        add(format!("{} = ?", t.body), Value::Integer(b));
    }
    if let Some(i) = filter.institution {
        add(format!("c.id IN (SELECT {} FROM {} WHERE institution_id = ?)", t.fk, t.responsibles), Value::Integer(i));
    }
    if let Some(st) = filter.status {
        add("c.status = ?".into(), Value::Text(st.code().into()));
    }
    if let Some(d) = filter.overdue_on {
        // Written as the partial index `agreements_open_walk` is, so SQLite walks it.
        add(
            "c.status IN ('pending', 'in_progress', 'rescheduled') AND c.deadline IS NOT NULL AND c.deadline < ?"
                .into(),
            Value::Text(d.to_string()),
        );
    }
    if let Some(d) = filter.due_from {
        add("c.deadline >= ?".into(), Value::Text(d.to_string()));
    }
    if let Some(d) = filter.due_to {
        add("c.deadline <= ?".into(), Value::Text(d.to_string()));
    }
    let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    // A number or an institution picks a few rows through an index, and sorting those is
    // nothing; anything else may be most of the table, read in order.
    let from = if number.is_empty() && filter.institution.is_none() { t.walk } else { t.join };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.number, c.text, {body}, {session}, {start}, c.deadline, {period}, c.status, c.progress, \
         c.done_on, c.responsible_ids FROM {from} {clause} ORDER BY {order}",
        body = t.body,
        session = t.session,
        start = t.start,
        period = t.period,
        order = t.order,
    ))?;
    let acronyms = acronym_order(conn)?;
    let rank = |i: &i64| usize::try_from(*i).ok().and_then(|i| acronyms.get(i).copied()).unwrap_or(usize::MAX);
    let warning = warning_days(conn)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    // One row's worth of buffers, refilled for each row: tens of thousands of rows cost no
    // allocation each.
    let mut t = Tracked {
        source: t.source,
        id: 0,
        number: String::new(),
        text: String::new(),
        body: 0,
        session: None,
        start: None,
        responsibles: Vec::new(),
        deadline: Deadline::Permanent,
        period: None,
        status: AgreementStatus::Pending,
        progress: 0,
        warning_days: 0,
        done_on: None,
    };
    while let Some(r) = rows.next()? {
        t.id = r.get(0)?;
        t.number.clear();
        t.number.push_str(text(r, 1)?.unwrap_or_default());
        t.text.clear();
        t.text.push_str(text(r, 2)?.unwrap_or_default());
        let body = t.body;
        t.body = r.get(3)?;
        t.session = r.get(4)?;
        t.start = day_at(r, 5)?;
        t.deadline = day_at(r, 6)?.map_or(Deadline::Permanent, Deadline::Date);
        t.period = text(r, 7)?.map(str::to_string);
        let status = text(r, 8)?.unwrap_or_default();
        t.status = AgreementStatus::from_code(status).ok_or_else(|| {
            StoreError::Refused(format!("estado desconocido «{status}» en {} {}", t.source.with_article(), t.number))
        })?;
        t.progress = r.get(9)?;
        t.done_on = day_at(r, 10)?;
        t.responsibles.clear();
        t.responsibles.extend(ascii(r, 11)?.split(|&b| b == b',').filter_map(decimal));
        if t.responsibles.len() > 1 {
            t.responsibles.sort_by_key(rank);
        }
        if t.warning_days == 0 || body != t.body {
            // Rows come session by session, so the body seldom changes.
            t.warning_days = warning.get(&t.body).copied().unwrap_or(DEFAULT_WARNING_DAYS);
        }
        if f(&t).is_break() {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, institutions, synthetic};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    /// Two years of three bodies' sessions with their agreements and work plans.
    fn generated() -> Store {
        let mut store = Store::open_in_memory().expect("open");
        let today = d(2024, 9, 15);
        synthetic::generate(&mut store, 2023, 2, 3, today).expect("calendar");
        synthetic::commitments(&mut store, 4, today).expect("agreements");
        synthetic::work_plans(&mut store, 6, today).expect("plans");
        store
    }

    fn numbers(rows: &[Tracked]) -> Vec<&str> {
        rows.iter().map(|t| t.number.as_str()).collect()
    }

    #[test]
    fn iso_dates_are_read_by_hand_and_anything_else_is_refused() {
        assert_eq!(iso(b"2024-06-30"), Some(d(2024, 6, 30)));
        assert_eq!(iso(b"2007-01-05"), Some(d(2007, 1, 5)));
        assert_eq!(iso(b"2024-02-30"), None);
        assert_eq!(iso(b"2024-0a-10"), None);
        assert_eq!(iso(b"2024-+1-10"), None);
        assert_eq!(iso(b"Por definir"), None);
        assert_eq!(iso(b""), None);
        assert_eq!(decimal(b"17"), Some(17));
        assert_eq!(decimal(b""), None);
        assert_eq!(decimal(b"1x"), None);
    }

    #[test]
    fn the_ordered_walk_and_the_indexed_join_give_the_same_rows_in_the_same_order() {
        let store = generated();
        let conn = store.conn();
        let today = d(2024, 9, 15);
        for source in [Source::Agreement, Source::Activity] {
            let overdue = ListFilter { source: Some(source), overdue_on: Some(today), ..ListFilter::default() };
            let walked = list(conn, &overdue).expect("walk");
            assert!(!walked.is_empty());
            assert!(walked.iter().all(|t| crate::domain::followup::overdue(t.status, t.deadline, today)));
            // The institution filter takes the other path (an index, then a sort): each
            // institution's rows are the walk's rows for it, in the walk's order.
            let mut seen = 0;
            for inst in institutions::list(conn).expect("institutions") {
                let joined = list(conn, &ListFilter { institution: Some(inst.id), ..overdue.clone() }).expect("join");
                let expected: Vec<&Tracked> = walked.iter().filter(|t| t.responsibles.contains(&inst.id)).collect();
                assert_eq!(numbers(&joined), expected.iter().map(|t| t.number.as_str()).collect::<Vec<_>>());
                assert_eq!(joined.iter().collect::<Vec<_>>(), expected);
                seen += joined.len();
            }
            assert!(seen >= walked.len(), "every overdue commitment has a responsible");
        }
    }

    #[test]
    fn lists_run_oldest_first_and_by_number_within_a_session() {
        let store = generated();
        let rows =
            list(store.conn(), &ListFilter { source: Some(Source::Agreement), ..ListFilter::default() }).expect("list");
        assert!(rows.len() > 100);
        assert!(rows.windows(2).all(|w| w[0].start <= w[1].start), "by session date");
        for w in rows.windows(2).filter(|w| w[0].session == w[1].session) {
            assert!(w[0].number < w[1].number, "{} before {}", w[0].number, w[1].number);
        }
        let open = list(
            store.conn(),
            &ListFilter {
                source: Some(Source::Agreement),
                status: Some(AgreementStatus::Pending),
                ..ListFilter::default()
            },
        )
        .expect("pending");
        let expected: Vec<&str> =
            rows.iter().filter(|t| t.status == AgreementStatus::Pending).map(|t| t.number.as_str()).collect();
        assert_eq!(numbers(&open), expected);
    }

    #[test]
    fn responsibles_on_the_row_follow_every_change_to_the_links() {
        let store = generated();
        let conn = store.conn();
        let first = list(conn, &ListFilter { source: Some(Source::Agreement), ..ListFilter::default() })
            .expect("list")
            .remove(0);
        let insts: Vec<i64> = institutions::list(conn).expect("institutions").iter().map(|i| i.id).collect();
        let stored = |conn: &Connection| by_number(conn, &first.number).expect("number").responsibles;
        let mut expected = stored(conn);
        let extra = *insts.iter().find(|i| !expected.contains(i)).expect("an institution not yet responsible");
        conn.execute(
            "INSERT INTO agreement_responsibles (agreement_id, institution_id) VALUES (?1, ?2)",
            [first.id, extra],
        )
        .expect("add");
        expected.push(extra);
        let mut now = stored(conn);
        now.sort_unstable();
        expected.sort_unstable();
        assert_eq!(now, expected);
        conn.execute("DELETE FROM agreement_responsibles WHERE agreement_id = ?1", [first.id]).expect("remove all");
        assert!(stored(conn).is_empty());
        conn.execute(
            "INSERT INTO agreement_responsibles (agreement_id, institution_id) VALUES (?1, ?2)",
            [first.id, extra],
        )
        .expect("add back");
        let other = *insts.iter().find(|i| **i != extra).expect("another");
        conn.execute(
            "UPDATE agreement_responsibles SET institution_id = ?1 WHERE agreement_id = ?2",
            [other, first.id],
        )
        .expect("change");
        assert_eq!(stored(conn), vec![other]);
    }
}
