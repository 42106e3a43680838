//! The follow-up of agreements: progress entries with evidence, reprogramming with the
//! earlier deadline kept, sin efecto with its reason, and the list a secretariat chases.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Result, StoreError, agreements, code, optional, sessions};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::{EvidenceKind, check_progress, check_transition, open, status_after};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// "Oficio SEGOB/UPMRIP/123/2024", a link…
    pub reference: String,
    /// SHA-256 of an attached file, when there is one.
    pub file_sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub id: i64,
    pub on: NaiveDate,
    pub text: String,
    pub percent: u32,
    pub institution: Option<i64>,
    pub evidence: Option<Evidence>,
    pub reason: Option<String>,
}

/// An agreement with what its follow-up adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub agreement: agreements::Agreement,
    pub body: i64,
    pub session_date: Option<NaiveDate>,
    pub progress: u32,
    pub warning_days: u32,
    /// When it was marked cumplido.
    pub done_on: Option<NaiveDate>,
}

/// The agreement numbered `number`, with its session's body and date.
pub fn by_number(conn: &Connection, number: &str) -> Result<Tracked> {
    let row: Option<(i64, u32, u32, Option<String>)> = optional(conn.query_row(
        "SELECT a.session_id, a.progress, b.warning_days, a.done_on FROM agreements a JOIN sessions s ON s.id = a.session_id \
         JOIN bodies b ON b.id = s.body_id WHERE a.number = ?1",
        [number.trim()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    ))?;
    let Some((session, progress, warning_days, done_on)) = row else {
        return Err(StoreError::invalid("numero", format!("no existe el acuerdo «{}»", number.trim())));
    };
    let s =
        sessions::get(conn, session)?.ok_or_else(|| StoreError::Refused("la sesión del acuerdo no existe".into()))?;
    let agreement = agreements::list(conn, session)?
        .into_iter()
        .find(|a| a.number == number.trim())
        .ok_or_else(|| StoreError::invalid("numero", format!("no existe el acuerdo «{}»", number.trim())))?;
    Ok(Tracked {
        agreement,
        body: s.body,
        session_date: s.schedule.date(),
        progress,
        warning_days,
        done_on: day(done_on),
    })
}

pub fn history(conn: &Connection, agreement: i64) -> Result<Vec<Progress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, on_date, text, percent, institution_id, evidence_kind, evidence_ref, file_sha256, reason \
         FROM agreement_progress WHERE agreement_id = ?1 ORDER BY on_date, id",
    )?;
    let rows = stmt
        .query_map([agreement], |r| {
            let kind: Option<String> = r.get(5)?;
            let evidence = match kind.as_deref().and_then(EvidenceKind::from_code) {
                Some(kind) => Some(Evidence { kind, reference: r.get(6)?, file_sha256: r.get(7)? }),
                None => None,
            };
            Ok(Progress {
                id: r.get(0)?,
                on: day(r.get(1)?).unwrap_or_default(),
                text: r.get(2)?,
                percent: r.get(3)?,
                institution: r.get(4)?,
                evidence,
                reason: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a progress report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub on: NaiveDate,
    pub text: String,
    /// `None` keeps the current percentage.
    pub percent: Option<u32>,
    pub institution: Option<i64>,
    pub evidence: Option<Evidence>,
    /// Why the percentage goes down, when it does.
    pub reason: Option<String>,
}

/// Records progress on agreement `number`. 100 % marks it cumplido, which needs evidence in
/// this report or an earlier one. Returns the new status.
pub fn add_progress(conn: &Connection, number: &str, report: &Report) -> Result<AgreementStatus> {
    let t = by_number(conn, number)?;
    let status = t.agreement.status;
    if !open(status) {
        return Err(StoreError::Refused(format!(
            "el acuerdo {} está «{}»: ya no admite avances",
            t.agreement.number,
            status.label()
        )));
    }
    if report.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "describa el avance"));
    }
    if let Some(held) = t.session_date
        && report.on < held
    {
        return Err(StoreError::invalid(
            "fecha",
            format!("el avance ({}) es anterior a la sesión que adoptó el acuerdo ({held})", report.on),
        ));
    }
    let percent = report.percent.unwrap_or(t.progress);
    check_progress(t.progress, percent, report.reason.as_deref()).map_err(|m| StoreError::invalid("porcentaje", m))?;
    let next = status_after(status, percent);
    if next == AgreementStatus::Done {
        let earlier = history(conn, t.agreement.id)?.iter().any(|p| p.evidence.is_some());
        if report.evidence.is_none() && !earlier {
            return Err(StoreError::invalid(
                "evidencia",
                "para marcar el acuerdo como cumplido hace falta al menos un medio de verificación",
            ));
        }
    }
    check_transition(status, next).map_err(StoreError::Refused)?;
    let ev = report.evidence.as_ref();
    conn.execute(
        "INSERT INTO agreement_progress (agreement_id, on_date, text, percent, institution_id, evidence_kind, evidence_ref, \
         file_sha256, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            t.agreement.id,
            iso(report.on),
            report.text.trim(),
            percent,
            report.institution,
            ev.map(|e| e.kind.code()),
            ev.map(|e| e.reference.trim().to_string()),
            ev.and_then(|e| e.file_sha256.clone()),
            report.reason.as_deref().map(str::trim)
        ],
    )?;
    conn.execute(
        "UPDATE agreements SET progress = ?2, status = ?3, done_on = ?4 WHERE id = ?1",
        params![t.agreement.id, percent, next.code(), (next == AgreementStatus::Done).then(|| iso(report.on))],
    )?;
    Ok(next)
}

fn change(
    conn: &Connection,
    t: &Tracked,
    to: AgreementStatus,
    on: NaiveDate,
    new: Option<Deadline>,
    reason: &str,
) -> Result<()> {
    check_transition(t.agreement.status, to).map_err(StoreError::Refused)?;
    if reason.trim().is_empty() {
        return Err(StoreError::invalid("motivo", "indique el motivo; quedará en el historial del acuerdo"));
    }
    let text = |d: Deadline| d.date().map_or("permanente".to_string(), iso);
    conn.execute(
        "INSERT INTO agreement_changes (agreement_id, on_date, status, old_deadline, new_deadline, reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![t.agreement.id, iso(on), to.code(), text(t.agreement.deadline), new.map(text), reason.trim()],
    )?;
    let deadline = new.unwrap_or(t.agreement.deadline).date().map(iso);
    conn.execute(
        "UPDATE agreements SET status = ?2, deadline = ?3 WHERE id = ?1",
        params![t.agreement.id, to.code(), deadline],
    )?;
    Ok(())
}

/// A new deadline, with the reason; the original stays in the history.
pub fn reprogram(conn: &Connection, number: &str, deadline: Deadline, reason: &str, on: NaiveDate) -> Result<()> {
    let t = by_number(conn, number)?;
    change(conn, &t, AgreementStatus::Rescheduled, on, Some(deadline), reason)
}

/// Sin efecto (e.g. superseded by a later agreement), with the reason.
pub fn void(conn: &Connection, number: &str, reason: &str, on: NaiveDate) -> Result<()> {
    let t = by_number(conn, number)?;
    change(conn, &t, AgreementStatus::Void, on, None, reason)
}

/// A reprogramming or a sin efecto, with the deadlines before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub on: NaiveDate,
    pub status: AgreementStatus,
    pub old_deadline: Option<String>,
    pub new_deadline: Option<String>,
    pub reason: String,
}

/// Status changes and earlier deadlines, oldest first.
pub fn changes(conn: &Connection, agreement: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, status, old_deadline, new_deadline, reason FROM agreement_changes WHERE agreement_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([agreement], |r| {
            Ok(Change {
                on: day(r.get(0)?).unwrap_or_default(),
                status: code(r, 1)?,
                old_deadline: r.get(2)?,
                new_deadline: r.get(3)?,
                reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Which agreements to list. Filters run in SQL so a list of a few hundred out of tens of
/// thousands never loads the rest.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub body: Option<i64>,
    pub institution: Option<i64>,
    pub status: Option<AgreementStatus>,
    /// Only those overdue on this date (open, deadline before it).
    pub overdue_on: Option<NaiveDate>,
}

/// Every agreement with its body, session date and progress, oldest session first.
pub fn all(conn: &Connection) -> Result<Vec<Tracked>> {
    list(conn, &ListFilter::default())
}

/// The agreements `filter` selects, in two queries whatever their number.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Vec<Tracked>> {
    use rusqlite::types::Value;
    let mut conditions = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(b) = filter.body {
        args.push(Value::Integer(b));
        conditions.push(format!("s.body_id = ?{}", args.len()));
    }
    if let Some(i) = filter.institution {
        args.push(Value::Integer(i));
        conditions.push(format!(
            "a.id IN (SELECT agreement_id FROM agreement_responsibles WHERE institution_id = ?{})",
            args.len()
        ));
    }
    if let Some(st) = filter.status {
        args.push(Value::Text(st.code().into()));
        conditions.push(format!("a.status = ?{}", args.len()));
    }
    if let Some(d) = filter.overdue_on {
        args.push(Value::Text(iso(d)));
        conditions.push(format!(
            "a.status IN ('pending', 'in_progress', 'rescheduled') AND a.deadline IS NOT NULL AND a.deadline < ?{}",
            args.len()
        ));
    }
    let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    let from = "FROM agreements a JOIN sessions s ON s.id = a.session_id JOIN bodies b ON b.id = s.body_id";
    let mut who: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.agreement_id, r.institution_id FROM agreement_responsibles r JOIN institutions i ON i.id = r.institution_id \
         WHERE r.agreement_id IN (SELECT a.id {from} {clause}) ORDER BY r.agreement_id, i.acronym"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        who.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.session_id, a.item_id, a.vote_id, a.seq, a.number, a.text, a.deadline, a.status, a.created_at, \
         a.progress, b.warning_days, s.body_id, s.date, a.done_on {from} {clause} ORDER BY s.starts_on, a.session_id, a.seq"
    ))?;
    let out = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(Tracked {
                agreement: agreements::from_row(r)?,
                progress: r.get(10)?,
                warning_days: r.get(11)?,
                body: r.get(12)?,
                session_date: day(r.get(13)?),
                done_on: day(r.get(14)?),
            })
        })?
        .map(|t| {
            t.map(|mut t| {
                t.agreement.responsibles = who.remove(&t.agreement.id).unwrap_or_default();
                t
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn demo() -> Store {
        let mut store = Store::open_in_memory().expect("open");
        crate::demo::load(&mut store, false).expect("demo");
        store
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    fn report(on: NaiveDate, percent: Option<u32>, evidence: bool) -> Report {
        Report {
            on,
            text: "Se envió el informe.".into(),
            percent,
            institution: None,
            evidence: evidence.then(|| Evidence {
                kind: EvidenceKind::Letter,
                reference: "Oficio SEGOB/UPMRIP/123/2024".into(),
                file_sha256: None,
            }),
            reason: None,
        }
    }

    #[test]
    fn progress_to_fulfilment_with_evidence() {
        let mut store = demo();
        let n = "CITDP/SO-21/2024/02";
        let before = store.write(|tx| add_progress(tx, n, &report(d(2024, 1, 5), Some(10), false))).unwrap_err();
        assert!(before.to_string().contains("anterior a la sesión"), "{before}");
        assert_eq!(
            store.write(|tx| add_progress(tx, n, &report(d(2024, 3, 1), Some(40), false))).expect("p"),
            AgreementStatus::InProgress
        );
        let down = store.write(|tx| add_progress(tx, n, &report(d(2024, 3, 2), Some(20), false))).unwrap_err();
        assert!(down.to_string().contains("indique el motivo"));
        let no_evidence = store.write(|tx| add_progress(tx, n, &report(d(2024, 4, 1), Some(100), false))).unwrap_err();
        assert!(no_evidence.to_string().starts_with("campo «evidencia»"), "{no_evidence}");
        let done = store.write(|tx| add_progress(tx, n, &report(d(2024, 4, 1), Some(100), true))).expect("done");
        assert_eq!(done, AgreementStatus::Done);
        let t = by_number(store.conn(), n).expect("q");
        assert_eq!((t.progress, t.agreement.status), (100, AgreementStatus::Done));
        assert_eq!(history(store.conn(), t.agreement.id).expect("q").len(), 2);
        let closed = store.write(|tx| add_progress(tx, n, &report(d(2024, 5, 1), Some(100), true))).unwrap_err();
        assert!(closed.to_string().contains("ya no admite avances"));
        assert!(
            store
                .write(|tx| add_progress(tx, "NO/EXISTE", &report(d(2024, 5, 1), None, false)))
                .unwrap_err()
                .to_string()
                .contains("no existe el acuerdo «NO/EXISTE»")
        );
    }

    #[test]
    fn reprogram_keeps_the_original_and_void_needs_a_reason() {
        let mut store = demo();
        let n = "CITDP/SO-21/2024/03";
        let original = by_number(store.conn(), n).expect("q").agreement.deadline;
        let new = Deadline::Date(d(2025, 6, 30));
        assert!(store.write(|tx| reprogram(tx, n, new, " ", d(2024, 5, 1))).is_err());
        store.write(|tx| reprogram(tx, n, new, "La información llegó tarde", d(2024, 5, 1))).expect("reprogram");
        let t = by_number(store.conn(), n).expect("q");
        assert_eq!((t.agreement.status, t.agreement.deadline), (AgreementStatus::Rescheduled, new));
        let c = changes(store.conn(), t.agreement.id).expect("q");
        assert_eq!(c[0].old_deadline, original.date().map(|x| x.to_string()));
        store.write(|tx| void(tx, n, "Lo sustituye el acuerdo CITDP/SO-22/2024/01", d(2024, 6, 1))).expect("void");
        assert_eq!(by_number(store.conn(), n).expect("q").agreement.status, AgreementStatus::Void);
        assert!(store.write(|tx| reprogram(tx, n, new, "otra vez", d(2024, 7, 1))).is_err(), "sin efecto is final");
        assert!(all(store.conn()).expect("q").len() >= 16);
    }
}
