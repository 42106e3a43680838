//! The follow-up of some demonstration agreements, recorded through the same calls the
//! Seguimiento screen makes: fulfilled on time and late (with evidence), in progress,
//! reprogrammed and void — so the semáforo and the Tablero have something to show. The
//! CITDP's agreements stay untouched for the follow-up examples in the documentation.

use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::domain::agreement::Deadline;
use crate::domain::followup::EvidenceKind;
use crate::store::followup::{self, Evidence, Report};
use crate::store::{Result, StoreError, institutions};

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| StoreError::Refused("fecha de demostración inválida".into()))
}

fn report(
    tx: &Transaction,
    on: NaiveDate,
    text: &str,
    percent: u32,
    by: &str,
    evidence: Option<(EvidenceKind, &str)>,
) -> Result<Report> {
    Ok(Report {
        on,
        text: text.into(),
        percent: Some(percent),
        institution: institutions::by_acronym(tx, by)?.map(|i| i.id),
        evidence: evidence.map(|(kind, reference)| Evidence { kind, reference: reference.into(), file_sha256: None }),
        reason: None,
    })
}

/// Records the history; skipped when an agreement already has progress (a database that
/// already holds the demo's history, or the secretary's own).
pub fn record(tx: &Transaction) -> Result<usize> {
    let untouched = |number: &str| -> Result<bool> {
        Ok(followup::by_number(tx, number).map(|t| t.progress == 0).unwrap_or(false))
    };
    let mut n = 0;
    let progress = [
        (
            "CORETT/SO-6/2025/01",
            report(
                tx,
                day(2025, 6, 25)?,
                "La Presidencia pro tempore remitió la declaración a las cancillerías.",
                100,
                "CR",
                Some((EvidenceKind::Report, "Informe de la Presidencia pro tempore, junio 2025")),
            )?,
        ),
        (
            "CORETT/SO-6/2025/04",
            report(
                tx,
                day(2025, 12, 2)?,
                "Se circuló la propuesta de protocolo regional de repatriación.",
                100,
                "GT",
                Some((EvidenceKind::Letter, "Oficio SVET/DS/1187/2025")),
            )?,
        ),
        (
            "SC-PP/SO-169/2026/01",
            report(
                tx,
                day(2026, 8, 17)?,
                "Se publicó la minuta de la sesión con la lista de asistencia.",
                100,
                "PANI",
                Some((EvidenceKind::Minutes, "Minuta SC-PP 169")),
            )?,
        ),
        (
            "SC-PP/SO-169/2026/02",
            report(
                tx,
                day(2026, 9, 10)?,
                "Se capacitó a la primera cohorte de personal policial; faltan dos regiones.",
                30,
                "MSP",
                None,
            )?,
        ),
        (
            "SC-PP/SO-169/2026/04",
            report(
                tx,
                day(2026, 11, 20)?,
                "La campaña está diseñada y en revisión de la Presidencia.",
                80,
                "INAMU",
                None,
            )?,
        ),
    ];
    for (number, r) in &progress {
        if untouched(number)? {
            followup::add_progress(tx, number, r)?;
            n += 1;
        }
    }
    if untouched("CORETT/SO-6/2025/03")? {
        let reason = "El Petit Comité pidió esperar la nueva ley de migración de Guatemala.";
        followup::reprogram(tx, "CORETT/SO-6/2025/03", Deadline::Date(day(2026, 12, 18)?), reason, day(2025, 9, 1)?)?;
        let r = report(tx, day(2025, 11, 10)?, "Se integró el primer borrador del mecanismo.", 50, "GT", None)?;
        followup::add_progress(tx, "CORETT/SO-6/2025/03", &r)?;
        n += 1;
    }
    if untouched("SC-PP/SO-169/2026/05")? {
        followup::void(tx, "SC-PP/SO-169/2026/05", "Se integra en el acuerdo SC-PP/SO-169/2026/03", day(2026, 10, 1)?)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementStatus;
    use crate::store::{Store, followup};

    #[test]
    fn a_history_with_every_kind_of_status() {
        let mut store = Store::open_in_memory().expect("open");
        crate::demo::load(&mut store, false).expect("demo");
        let filter = followup::ListFilter {
            source: Some(crate::domain::followup::Source::Agreement),
            ..followup::ListFilter::default()
        };
        let all = followup::list(store.conn(), &filter).expect("q");
        let count = |s: AgreementStatus| all.iter().filter(|t| t.status == s).count();
        assert_eq!(count(AgreementStatus::Done), 3);
        assert_eq!(count(AgreementStatus::Void), 1);
        assert_eq!(count(AgreementStatus::Rescheduled), 1);
        assert_eq!(count(AgreementStatus::InProgress), 2);
        assert!(all.iter().filter(|t| t.number.starts_with("CITDP")).all(|t| t.progress == 0));
    }
}
