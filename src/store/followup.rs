//! The follow-up of commitments, agreements and work-plan activities alike: progress entries
//! with evidence, reprogramming with the earlier deadline kept, sin efecto with its reason.

use std::collections::{HashMap, HashSet};

use crate::ops::Tx;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

pub use super::commitments::{ListFilter, Tracked, all, by_number, each, list};
use super::commitments::{day, table};
use super::{Result, StoreError, code};
use crate::domain::Labeled;
use crate::domain::agreement::{AgreementStatus, Deadline};
use crate::domain::followup::{EvidenceKind, Source, check_progress, check_transition, open, status_after};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
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

/// The progress entries of a commitment, oldest first.
pub fn history(conn: &Connection, source: Source, id: i64) -> Result<Vec<Progress>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, on_date, text, percent, institution_id, evidence_kind, evidence_ref, file_sha256, reason \
         FROM commitment_progress WHERE {} = ?1 ORDER BY on_date, id",
        table(source).fk
    ))?;
    let rows = stmt
        .query_map([id], |r| {
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

/// Records progress on the commitment numbered `number`. 100 % marks it cumplido, which needs
/// evidence in this report or an earlier one. Returns the new status.
pub fn add_progress(conn: &Tx, number: &str, report: &Report) -> Result<AgreementStatus> {
    let t = by_number(conn, number)?;
    let earlier = || Ok(history(conn, t.source, t.id)?.iter().any(|p| p.evidence.is_some()));
    record(conn, &t, report, earlier).map(|(status, _)| status)
}

/// `add_progress` on `t` as it stands; `earlier_evidence` says whether an earlier entry has
/// evidence (asked only when the report would make it cumplido without any). Returns the new
/// status and percentage.
fn record(
    conn: &Tx,
    t: &Tracked,
    report: &Report,
    earlier_evidence: impl FnOnce() -> Result<bool>,
) -> Result<(AgreementStatus, u32)> {
    let status = t.status;
    if !open(status) {
        return Err(StoreError::Refused(format!(
            "{} {} está «{}»: ya no admite avances",
            t.source.with_article(),
            t.number,
            status.label()
        )));
    }
    if report.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "describa el avance"));
    }
    if let Some(start) = t.start
        && report.on < start
    {
        let since = match t.source {
            Source::Agreement => format!("a la sesión que adoptó el acuerdo ({start})"),
            Source::Activity => format!("al inicio del programa de trabajo ({start})"),
        };
        return Err(StoreError::invalid("fecha", format!("el avance ({}) es anterior {since}", report.on)));
    }
    let percent = report.percent.unwrap_or(t.progress);
    check_progress(t.progress, percent, report.reason.as_deref()).map_err(|m| StoreError::invalid("porcentaje", m))?;
    let next = status_after(status, percent);
    if next == AgreementStatus::Done && report.evidence.is_none() && !earlier_evidence()? {
        return Err(StoreError::invalid(
            "evidencia",
            format!(
                "para marcar {} como cumplido hace falta al menos un medio de verificación",
                t.source.with_article()
            ),
        ));
    }
    check_transition(status, next).map_err(StoreError::Refused)?;
    let ev = report.evidence.as_ref();
    let tbl = table(t.source);
    // Cached: an import runs these once per row.
    conn.prepare_cached(&format!(
        "INSERT INTO commitment_progress ({}, on_date, text, percent, institution_id, evidence_kind, evidence_ref, \
         file_sha256, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        tbl.fk
    ))?
    .execute(params![
        t.id,
        iso(report.on),
        report.text.trim(),
        percent,
        report.institution,
        ev.map(|e| e.kind.code()),
        ev.map(|e| e.reference.trim().to_string()),
        ev.and_then(|e| e.file_sha256.clone()),
        report.reason.as_deref().map(str::trim)
    ])?;
    conn.prepare_cached(&format!("UPDATE {} SET progress = ?2, status = ?3, done_on = ?4 WHERE id = ?1", tbl.main))?
        .execute(params![t.id, percent, next.code(), (next == AgreementStatus::Done).then(|| iso(report.on))])?;
    Ok((next, percent))
}

/// Above this many distinct numbers, a [`ProgressBook`] reads every commitment once instead
/// of looking each number up.
const READ_ALL_ABOVE: usize = 64;

/// One commitment of a [`ProgressBook`] as it stands in the transaction.
struct Kept {
    t: Tracked,
    /// Read on first use: (date, text) of every entry, and whether any has evidence.
    history: Option<(HashSet<(NaiveDate, String)>, bool)>,
}

/// Many progress reports in one transaction (a spreadsheet import), with the rules of
/// [`add_progress`]: each commitment is looked up once, its history read once, and kept as it
/// stands in memory as reports are added, so each report costs the same however many came
/// before it.
pub struct ProgressBook {
    kept: HashMap<String, Kept>,
    /// Every commitment was read: a number not kept does not exist.
    complete: bool,
    /// Numbers found not to exist, with the refusal.
    missing: HashMap<String, (&'static str, String)>,
}

impl ProgressBook {
    /// A book for reports on `numbers`.
    pub fn new<'n>(conn: &Connection, numbers: impl Iterator<Item = &'n str>) -> Result<ProgressBook> {
        let distinct: HashSet<&str> = numbers.map(str::trim).collect();
        let mut book =
            ProgressBook { kept: HashMap::new(), complete: distinct.len() > READ_ALL_ABOVE, missing: HashMap::new() };
        if book.complete {
            // by_number's order: an agreement before an activity, the first of a number kept.
            for source in [Source::Agreement, Source::Activity] {
                let filter = ListFilter { source: Some(source), ..ListFilter::default() };
                super::commitments::each(conn, &filter, |t| {
                    if distinct.contains(t.number.as_str()) && !book.kept.contains_key(&t.number) {
                        book.kept.insert(t.number.clone(), Kept { t: t.clone(), history: None });
                    }
                    std::ops::ControlFlow::Continue(())
                })?;
            }
        }
        Ok(book)
    }

    fn get(&mut self, conn: &Connection, number: &str) -> Result<&mut Kept> {
        let number = number.trim();
        if !self.kept.contains_key(number) {
            if let Some((field, message)) = self.missing.get(number) {
                return Err(StoreError::invalid(field, message.clone()));
            }
            // When every commitment was read this only confirms that the number is unknown,
            // in by_number's own words; once per number either way.
            match by_number(conn, number) {
                Ok(t) => {
                    self.kept.insert(number.to_string(), Kept { t, history: None });
                }
                Err(StoreError::Invalid { field, message }) => {
                    self.missing.insert(number.to_string(), (field, message.clone()));
                    return Err(StoreError::invalid(field, message));
                }
                Err(e) => return Err(e),
            }
        }
        let kept = self.kept.get_mut(number).ok_or_else(|| StoreError::invalid("numero", number))?;
        if kept.history.is_none() {
            let h = history(conn, kept.t.source, kept.t.id)?;
            let evidence = h.iter().any(|p| p.evidence.is_some());
            kept.history = Some((h.into_iter().map(|p| (p.on, p.text)).collect(), evidence));
        }
        Ok(kept)
    }

    /// The same agreement, date and text as an entry already there (or added through this
    /// book): a sheet imported twice, or a row copied twice. An unknown number is `false`,
    /// left for [`ProgressBook::add`] to report.
    pub fn already_recorded(&mut self, conn: &Connection, number: &str, report: &Report) -> bool {
        self.get(conn, number).is_ok_and(|k| {
            k.history.as_ref().is_some_and(|(h, _)| h.contains(&(report.on, report.text.trim().to_string())))
        })
    }

    /// [`add_progress`] through the book. Returns the new status.
    pub fn add(&mut self, conn: &Tx, number: &str, report: &Report) -> Result<AgreementStatus> {
        let kept = self.get(conn, number)?;
        let evidence = kept.history.as_ref().is_some_and(|(_, e)| *e);
        let (next, percent) = record(conn, &kept.t, report, || Ok(evidence))?;
        kept.t.status = next;
        kept.t.progress = percent;
        kept.t.done_on = (next == AgreementStatus::Done).then_some(report.on);
        if let Some((h, e)) = &mut kept.history {
            h.insert((report.on, report.text.trim().to_string()));
            *e |= report.evidence.is_some();
        }
        Ok(next)
    }
}

fn change(
    conn: &Connection,
    t: &Tracked,
    to: AgreementStatus,
    on: NaiveDate,
    new: Option<Deadline>,
    reason: &str,
) -> Result<()> {
    check_transition(t.status, to).map_err(StoreError::Refused)?;
    if reason.trim().is_empty() {
        return Err(StoreError::invalid(
            "motivo",
            format!("indique el motivo; quedará en el historial de {}", t.source.with_article()),
        ));
    }
    let text = |d: Deadline| d.date().map_or("permanente".to_string(), iso);
    // An activity's deadline was its period: the history keeps the period as the plan wrote it.
    let old = match (&t.period, t.status) {
        (Some(p), s) if s != AgreementStatus::Rescheduled => p.clone(),
        _ => text(t.deadline),
    };
    let tbl = table(t.source);
    conn.execute(
        &format!(
            "INSERT INTO commitment_changes ({}, on_date, status, old_deadline, new_deadline, reason) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            tbl.fk
        ),
        params![t.id, iso(on), to.code(), old, new.map(text), reason.trim()],
    )?;
    let deadline = new.unwrap_or(t.deadline).date().map(iso);
    conn.execute(
        &format!("UPDATE {} SET status = ?2, deadline = ?3 WHERE id = ?1", tbl.main),
        params![t.id, to.code(), deadline],
    )?;
    Ok(())
}

/// A new deadline, with the reason; the original stays in the history.
pub fn reprogram(conn: &Tx, number: &str, deadline: Deadline, reason: &str, on: NaiveDate) -> Result<()> {
    let t = by_number(conn, number)?;
    change(conn, &t, AgreementStatus::Rescheduled, on, Some(deadline), reason)
}

/// Sin efecto (e.g. superseded by a later agreement), with the reason.
pub fn void(conn: &Tx, number: &str, reason: &str, on: NaiveDate) -> Result<()> {
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

/// Status changes and earlier deadlines of a commitment, oldest first.
pub fn changes(conn: &Connection, source: Source, id: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT on_date, status, old_deadline, new_deadline, reason FROM commitment_changes WHERE {} = ?1 ORDER BY id",
        table(source).fk
    ))?;
    let rows = stmt
        .query_map([id], |r| {
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

/// Where a commitment's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub status: AgreementStatus,
    pub progress: u32,
    pub done_on: Option<NaiveDate>,
    pub deadline: Deadline,
}

pub fn state(conn: &Connection, source: Source, id: i64) -> Result<State> {
    Ok(conn.query_row(
        &format!("SELECT status, progress, done_on, deadline FROM {} WHERE id = ?1", table(source).main),
        [id],
        |r| {
            Ok(State {
                status: code(r, 0)?,
                progress: r.get(1)?,
                done_on: day(r.get(2)?),
                deadline: day(r.get(3)?).map_or(Deadline::Permanent, Deadline::Date),
            })
        },
    )?)
}

/// Appends a progress entry to a commitment's history as a data file records it.
pub fn insert_progress_recorded(conn: &Tx, source: Source, id: i64, p: &Progress) -> Result<()> {
    if p.text.trim().is_empty() {
        return Err(StoreError::invalid("texto", "describa el avance"));
    }
    if p.percent > 100 {
        return Err(StoreError::invalid(
            "porcentaje",
            format!("el avance es un porcentaje de 0 a 100, no {}", p.percent),
        ));
    }
    if let Some(hash) = p.evidence.as_ref().and_then(|e| e.file_sha256.as_deref())
        && !(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(StoreError::invalid("archivo_sha256", "una huella SHA-256 son 64 caracteres 0-9 y a-f"));
    }
    let ev = p.evidence.as_ref();
    conn.execute(
        &format!(
            "INSERT INTO commitment_progress ({}, on_date, text, percent, institution_id, evidence_kind, evidence_ref, \
             file_sha256, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            table(source).fk
        ),
        params![
            id,
            iso(p.on),
            p.text.trim(),
            p.percent,
            p.institution,
            ev.map(|e| e.kind.code()),
            ev.map(|e| e.reference.trim().to_string()),
            ev.and_then(|e| e.file_sha256.clone()),
            p.reason.as_deref().map(str::trim)
        ],
    )?;
    Ok(())
}

/// Appends a reprogramming or a sin efecto to a commitment's history as a data file records it.
pub fn insert_change_recorded(conn: &Tx, source: Source, id: i64, c: &Change) -> Result<()> {
    if !matches!(c.status, AgreementStatus::Rescheduled | AgreementStatus::Void) {
        return Err(StoreError::invalid(
            "estado",
            format!("un cambio deja el compromiso «reprogramado» o «sin efecto», no «{}»", c.status.label()),
        ));
    }
    if c.reason.trim().is_empty() {
        return Err(StoreError::invalid("motivo", "indique el motivo del cambio"));
    }
    conn.execute(
        &format!(
            "INSERT INTO commitment_changes ({}, on_date, status, old_deadline, new_deadline, reason) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            table(source).fk
        ),
        params![id, iso(c.on), c.status.code(), c.old_deadline, c.new_deadline, c.reason.trim()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn demo() -> Store {
        crate::demo::in_memory()
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
        assert_eq!((t.progress, t.status), (100, AgreementStatus::Done));
        assert_eq!(history(store.conn(), t.source, t.id).expect("q").len(), 2);
        let closed = store.write(|tx| add_progress(tx, n, &report(d(2024, 5, 1), Some(100), true))).unwrap_err();
        assert!(closed.to_string().contains("ya no admite avances"));
        assert!(
            store
                .write(|tx| add_progress(tx, "NO/EXISTE", &report(d(2024, 5, 1), None, false)))
                .unwrap_err()
                .to_string()
                .contains("no existe ningún acuerdo ni actividad con el número «NO/EXISTE»")
        );
    }

    #[test]
    fn reprogram_keeps_the_original_and_void_needs_a_reason() {
        let mut store = demo();
        let n = "CITDP/SO-21/2024/03";
        let original = by_number(store.conn(), n).expect("q").deadline;
        let new = Deadline::Date(d(2025, 6, 30));
        assert!(store.write(|tx| reprogram(tx, n, new, " ", d(2024, 5, 1))).is_err());
        store.write(|tx| reprogram(tx, n, new, "La información llegó tarde", d(2024, 5, 1))).expect("reprogram");
        let t = by_number(store.conn(), n).expect("q");
        assert_eq!((t.status, t.deadline), (AgreementStatus::Rescheduled, new));
        let c = changes(store.conn(), t.source, t.id).expect("q");
        assert_eq!(c[0].old_deadline, original.date().map(|x| x.to_string()));
        store.write(|tx| void(tx, n, "Lo sustituye el acuerdo CITDP/SO-22/2024/01", d(2024, 6, 1))).expect("void");
        assert_eq!(by_number(store.conn(), n).expect("q").status, AgreementStatus::Void);
        assert!(store.write(|tx| reprogram(tx, n, new, "otra vez", d(2024, 7, 1))).is_err(), "sin efecto is final");
        assert!(all(store.conn()).expect("q").len() >= 16);
    }
}
