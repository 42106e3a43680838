//! Commitments (compromisos) of either source, agreements of sessions and activities of work
//! plans, read as one kind of thing: the list a secretariat chases and the lookup by number.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::{Result, StoreError, code};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::Source;

/// An ISO date as the store writes it. Read by hand: lists parse tens of thousands of them
/// and chrono's format parser was a tenth of `acuerdos --vencidos`.
pub(crate) fn day(text: Option<String>) -> Option<NaiveDate> {
    let t = text?;
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok();
    }
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Where each source keeps its rows; the rest of the engine is the same for both.
pub(crate) struct Table {
    pub source: Source,
    pub main: &'static str,
    pub fk: &'static str,
    responsibles: &'static str,
    from: &'static str,
    body: &'static str,
    session: &'static str,
    start: &'static str,
    period: &'static str,
    /// A text key that orders rows before their sequence number; sorted in Rust, which is
    /// cheaper than SQLite sorting wide rows.
    order: &'static str,
}

const AGREEMENTS: Table = Table {
    source: Source::Agreement,
    main: "agreements",
    fk: "agreement_id",
    responsibles: "agreement_responsibles",
    from: "FROM agreements c JOIN sessions s ON s.id = c.session_id JOIN bodies b ON b.id = s.body_id",
    body: "s.body_id",
    session: "c.session_id",
    start: "s.date",
    period: "NULL",
    order: "s.starts_on || printf('%012d', c.session_id)",
};

const ACTIVITIES: Table = Table {
    source: Source::Activity,
    main: "activities",
    fk: "activity_id",
    responsibles: "activity_responsibles",
    from: "FROM activities c JOIN work_plans p ON p.id = c.plan_id JOIN bodies b ON b.id = p.body_id",
    body: "p.body_id",
    session: "NULL",
    start: "printf('%04d-01-01', p.year)",
    period: "c.period",
    order: "printf('%04d%012d', p.year, p.body_id)",
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

/// The commitments `filter` selects, oldest first (by session date or plan year), in two
/// queries per source whatever their number.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Vec<Tracked>> {
    let mut out = Vec::new();
    for source in [Source::Agreement, Source::Activity] {
        if filter.source.is_none_or(|s| s == source) {
            out.extend(list_of(conn, table(source), filter, "")?);
        }
    }
    if filter.source.is_none() {
        // Each source comes ordered; a stable sort keeps that order within a day.
        out.sort_by_key(|t| t.start);
    }
    Ok(out)
}

/// The commitment numbered `number`, of either source.
pub fn by_number(conn: &Connection, number: &str) -> Result<Tracked> {
    let number = number.trim();
    for source in [Source::Agreement, Source::Activity] {
        let mut found = list_of(conn, table(source), &ListFilter::default(), number)?;
        if let Some(t) = found.pop() {
            return Ok(t);
        }
    }
    Err(StoreError::invalid("numero", format!("no existe ningún acuerdo ni actividad con el número «{number}»")))
}

/// Each institution's place in siglas order, so responsibles list alphabetically.
fn acronym_order(conn: &Connection) -> Result<std::collections::HashMap<i64, usize>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM institutions ORDER BY acronym")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect())
}

fn list_of(conn: &Connection, t: &Table, filter: &ListFilter, number: &str) -> Result<Vec<Tracked>> {
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
    let from = t.from;
    // Responsibles come with each row (a covering-index lookup) rather than in a second pass
    // over the same filter; ordered by siglas afterwards.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.number, c.text, {body}, {session}, {start}, c.deadline, {period}, c.status, c.progress, \
         b.warning_days, c.done_on, {order}, c.seq, \
         (SELECT group_concat(institution_id) FROM {resp} WHERE {fk} = c.id) {from} {clause}",
        body = t.body,
        session = t.session,
        start = t.start,
        period = t.period,
        order = t.order,
        resp = t.responsibles,
        fk = t.fk,
    ))?;
    let acronyms = acronym_order(conn)?;
    let mut rows: Vec<(String, u32, Tracked)> = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let who: Option<String> = r.get(14)?;
            let mut responsibles: Vec<i64> =
                who.as_deref().unwrap_or("").split(',').filter_map(|x| x.parse().ok()).collect();
            responsibles.sort_by_key(|i| acronyms.get(i).copied().unwrap_or(usize::MAX));
            let tracked = Tracked {
                source: t.source,
                id: r.get(0)?,
                number: r.get(1)?,
                text: r.get(2)?,
                body: r.get(3)?,
                session: r.get(4)?,
                start: day(r.get(5)?),
                responsibles,
                deadline: day(r.get(6)?).map_or(Deadline::Permanent, Deadline::Date),
                period: r.get(7)?,
                status: code(r, 8)?,
                progress: r.get(9)?,
                warning_days: r.get(10)?,
                done_on: day(r.get(11)?),
            };
            Ok((r.get(12)?, r.get(13)?, tracked))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let out: Vec<Tracked> = rows.into_iter().map(|(_, _, t)| t).collect();
    Ok(out)
}
