//! Commitments (compromisos) of either source, agreements of sessions and activities of work
//! plans, read as one kind of thing: the list a secretariat chases and the lookup by number.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::{Result, StoreError, code};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::Source;

pub(crate) fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
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
    order: "s.starts_on, c.session_id, c.seq",
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
    let mut who: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.{fk}, r.institution_id FROM {resp} r JOIN institutions i ON i.id = r.institution_id \
         WHERE r.{fk} IN (SELECT c.id {from} {clause}) ORDER BY r.{fk}, i.acronym",
        fk = t.fk,
        resp = t.responsibles,
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        who.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.number, c.text, {body}, {session}, {start}, c.deadline, {period}, c.status, c.progress, \
         b.warning_days, c.done_on {from} {clause} ORDER BY {order}",
        body = t.body,
        session = t.session,
        start = t.start,
        period = t.period,
        order = t.order,
    ))?;
    let out = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let id: i64 = r.get(0)?;
            Ok(Tracked {
                source: t.source,
                id,
                number: r.get(1)?,
                text: r.get(2)?,
                body: r.get(3)?,
                session: r.get(4)?,
                start: day(r.get(5)?),
                responsibles: who.remove(&id).unwrap_or_default(),
                deadline: day(r.get(6)?).map_or(Deadline::Permanent, Deadline::Date),
                period: r.get(7)?,
                status: code(r, 8)?,
                progress: r.get(9)?,
                warning_days: r.get(10)?,
                done_on: day(r.get(11)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}
