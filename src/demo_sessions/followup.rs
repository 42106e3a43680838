//! The follow-up of some demonstration agreements, recorded through the same calls the
//! Seguimiento screen makes: fulfilled on time and late (with evidence), in progress,
//! reprogrammed and void — so the semáforo and the Tablero have something to show. The
//! CITDP's agreements stay untouched for the follow-up examples in the documentation.

use chrono::NaiveDate;

use crate::domain::agreement::Deadline;
use crate::domain::followup::EvidenceKind;
use crate::ops::{Batch, Op, OpError};
use crate::store::followup::{self, Evidence};

type Result<T> = std::result::Result<T, OpError>;

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| OpError::Refused("fecha de demostración inválida".into()))
}

/// Progress reported on `number` by the institution with siglas `by`.
pub(crate) fn progress(
    number: &str,
    on: NaiveDate,
    text: &str,
    percent: u32,
    by: &str,
    evidence: Option<(EvidenceKind, &str)>,
) -> Op {
    Op::AddProgress {
        number: number.into(),
        on,
        text: text.into(),
        percent: Some(percent),
        institution: Some(by.into()),
        evidence: evidence.map(|(kind, reference)| Evidence { kind, reference: reference.into(), file_sha256: None }),
        reason: None,
    }
}

/// Records the history; skipped when an agreement already has progress (a database that
/// already holds the demo's history, or the secretary's own).
pub fn record(b: &mut Batch) -> Result<usize> {
    let untouched = |b: &Batch, number: &str| -> bool {
        followup::by_number(b.conn(), number).map(|t| t.progress == 0).unwrap_or(false)
    };
    let mut n = 0;
    let reports = [
        (
            "CORETT/SO-32/2025/01",
            progress(
                "CORETT/SO-32/2025/01",
                day(2025, 6, 25)?,
                "La Presidencia pro tempore remitió la declaración a las cancillerías.",
                100,
                "CR",
                Some((EvidenceKind::Report, "Informe de la Presidencia pro tempore, junio 2025")),
            ),
        ),
        (
            "CORETT/SO-32/2025/04",
            progress(
                "CORETT/SO-32/2025/04",
                day(2025, 12, 2)?,
                "Se circuló la propuesta de protocolo regional de repatriación.",
                100,
                "GT",
                Some((EvidenceKind::Letter, "Oficio SVET/DS/1187/2025")),
            ),
        ),
        (
            "SC-PP/SO-169/2026/01",
            progress(
                "SC-PP/SO-169/2026/01",
                day(2026, 8, 17)?,
                "Se publicó la minuta de la sesión con la lista de asistencia.",
                100,
                "PANI",
                Some((EvidenceKind::Minutes, "Minuta SC-PP 169")),
            ),
        ),
        (
            "SC-PP/SO-169/2026/02",
            progress(
                "SC-PP/SO-169/2026/02",
                day(2026, 9, 10)?,
                "Se capacitó a la primera cohorte de personal policial; faltan dos regiones.",
                30,
                "MSP",
                None,
            ),
        ),
        (
            "SC-PP/SO-169/2026/04",
            progress(
                "SC-PP/SO-169/2026/04",
                day(2026, 11, 20)?,
                "La campaña está diseñada y en revisión de la Presidencia.",
                80,
                "INAMU",
                None,
            ),
        ),
        (
            "CICESCT/SO-61/2026/01",
            progress(
                "CICESCT/SO-61/2026/01",
                day(2026, 10, 6)?,
                "El acta de la Sexagésima Sesión Ordinaria, con la corrección de la PGR, se integró al libro de actas.",
                100,
                "SE-CICESCT",
                Some((EvidenceKind::Minutes, "Acta No. 060-2026")),
            ),
        ),
        (
            "CICESCT/SO-61/2026/02",
            progress(
                "CICESCT/SO-61/2026/02",
                day(2026, 10, 14)?,
                "La Secretaría de Educación remitió su informe del tercer trimestre; falta el de la Secretaría de Salud.",
                50,
                "SEDUC",
                Some((EvidenceKind::Letter, "Oficio SEDUC-SSATP-1187-2026")),
            ),
        ),
        (
            "CICESCT/SO-61/2026/03",
            progress(
                "CICESCT/SO-61/2026/03",
                day(2026, 11, 18)?,
                "Se acordaron con la OIM los materiales y los puntos de difusión en Roatán, Copán Ruinas y Agua Caliente.",
                25,
                "IHT",
                None,
            ),
        ),
    ];
    for (number, op) in reports {
        if untouched(b, number) {
            b.run(op)?;
            n += 1;
        }
    }
    let late = "CORETT/SO-32/2025/03";
    if untouched(b, late) {
        let reason = "El Petit Comité pidió esperar la nueva ley de migración de Guatemala.".into();
        b.run(Op::Reprogram {
            number: late.into(),
            deadline: Deadline::Date(day(2026, 12, 18)?),
            reason,
            on: day(2025, 9, 1)?,
        })?;
        b.run(progress(late, day(2025, 11, 10)?, "Se integró el primer borrador del mecanismo.", 50, "GT", None))?;
        n += 1;
    }
    let merged = "SC-PP/SO-169/2026/05";
    if untouched(b, merged) {
        let reason = "Se integra en el acuerdo SC-PP/SO-169/2026/03".into();
        b.run(Op::Void { number: merged.into(), reason, on: day(2026, 10, 1)? })?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementStatus;
    use crate::store::followup;

    #[test]
    fn a_history_with_every_kind_of_status() {
        let store = crate::demo::in_memory();
        let filter = followup::ListFilter {
            source: Some(crate::domain::followup::Source::Agreement),
            ..followup::ListFilter::default()
        };
        let every = followup::list(store.conn(), &filter).expect("q");
        // The scripted sessions' agreements; the generated history follows its own up.
        let scripted = |n: &str| n.starts_with("CORETT/SO-32/") || n.starts_with("SC-PP/SO-169/");
        let all: Vec<_> = every.iter().filter(|t| scripted(&t.number)).collect();
        let count = |s: AgreementStatus| all.iter().filter(|t| t.status == s).count();
        assert_eq!(count(AgreementStatus::Done), 3);
        assert_eq!(count(AgreementStatus::Void), 1);
        assert_eq!(count(AgreementStatus::Rescheduled), 1);
        assert_eq!(count(AgreementStatus::InProgress), 2);
        let citdp_21 = every.iter().filter(|t| t.number.starts_with("CITDP/SO-21/"));
        assert!(citdp_21.clone().count() > 0 && citdp_21.into_iter().all(|t| t.progress == 0));
        assert!(every.len() > 100, "the closed history carries its agreements too: {}", every.len());
    }
}
