//! The follow-up of the Comisión Intersecretarial's 2024 work plan as a secretariat would have
//! recorded it: activities fulfilled on time and late with their evidence, some reported only
//! in part, one reprogrammed, one left without effect, and many never reported — which is
//! what the semáforo and the follow-up rounds are for.

use chrono::NaiveDate;

use super::followup::progress;
use crate::domain::agreement::Deadline;
use crate::domain::followup::EvidenceKind::{self, Letter, Link, Minutes, Report as Informe};
use crate::ops::{Batch, Op, OpError};
use crate::store::followup;

type Result<T> = std::result::Result<T, OpError>;

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| OpError::Refused("fecha de demostración inválida".into()))
}

type Entry = (u32, (i32, u32, u32), &'static str, u32, &'static str, Option<(EvidenceKind, &'static str)>);

/// (activity, date, what was reported, %, by, evidence), in the order they were reported.
const PROGRESS: &[Entry] = &[
    (
        23,
        (2024, 2, 6),
        "Se celebró la primera reunión con la DGTIC.",
        100,
        "DGEADH",
        Some((Minutes, "Minuta de la reunión SEGOB-DGTIC del 6 de febrero de 2024")),
    ),
    (
        18,
        (2024, 2, 29),
        "Concluyó la primera generación de la Especialidad.",
        100,
        "INACIPE",
        Some((Informe, "Constancias de conclusión, primera generación")),
    ),
    (
        43,
        (2024, 3, 15),
        "Se publicó el cuadernillo «9 derechos para las víctimas de la trata de personas».",
        100,
        "INACIPE",
        Some((Link, "Publicación en el sitio del INACIPE, marzo de 2024")),
    ),
    (
        24,
        (2024, 3, 20),
        "Se celebró la segunda reunión con la DGTIC.",
        100,
        "DGEADH",
        Some((Minutes, "Minuta de la reunión SEGOB-DGTIC del 20 de marzo de 2024")),
    ),
    (
        16,
        (2024, 3, 28),
        "Se visitaron nueve albergues, refugios y casas de medio camino.",
        100,
        "SNDIF",
        Some((Informe, "Informe de visitas de acompañamiento, marzo de 2024")),
    ),
    (
        5,
        (2024, 5, 9),
        "Se presentó el proyecto a la Subcomisión Consultiva.",
        100,
        "SEGOB",
        Some((Minutes, "Minuta de la sesión de la Subcomisión Consultiva, mayo de 2024")),
    ),
    (
        8,
        (2024, 5, 23),
        "Se celebró la 9ª Reunión Nacional con 28 entidades federativas.",
        100,
        "SEGOB",
        Some((Minutes, "Minuta de la 9ª Reunión Nacional de CIES")),
    ),
    (19, (2024, 5, 31), "Se publicaron tres de los cinco artículos.", 60, "INACIPE", None),
    (
        66,
        (2024, 6, 14),
        "Se envió el comunicado a las 32 Procuradurías de Protección.",
        100,
        "SNDIF",
        Some((Letter, "Oficio SNDIF/PFPNNA/0912/2024")),
    ),
    (4, (2024, 6, 20), "El proyecto se revisó con personas expertas y OSC; falta su aprobación.", 50, "DGEADH", None),
    (
        67,
        (2024, 7, 8),
        "Se envió el comunicado sobre la representación jurídica.",
        100,
        "SNDIF",
        Some((Letter, "Oficio SNDIF/PFPNNA/1034/2024")),
    ),
    (
        25,
        (2024, 7, 10),
        "La tercera reunión se celebró con retraso, en julio.",
        100,
        "DGEADH",
        Some((Minutes, "Minuta de la reunión SEGOB-DGTIC del 10 de julio de 2024")),
    ),
    (
        39,
        (2024, 9, 30),
        "Se acordaron los contenidos con Polaris; la fecha de lanzamiento sigue por definir.",
        20,
        "SRE",
        None,
    ),
    (
        49,
        (2024, 10, 15),
        "La estrategia de difusión está diseñada; se difunde la Cartilla de Prevención.",
        45,
        "CEAV",
        None,
    ),
    (
        9,
        (2024, 11, 14),
        "Se celebró la 10ª Reunión Nacional.",
        100,
        "SEGOB",
        Some((Minutes, "Minuta de la 10ª Reunión Nacional de CIES")),
    ),
    (12, (2024, 12, 10), "Se intercambió información estadística con 20 fiscalías especializadas.", 70, "FGR", None),
];

fn number(n: u32) -> String {
    format!("CITDP/PAT-2024/{n:02}")
}

/// Records the history, skipped when the plan's activities already have some (a database
/// that already holds it, or the secretary's own).
pub fn record(b: &mut Batch) -> Result<usize> {
    let Ok(first) = followup::by_number(b.conn(), &number(1)) else { return Ok(0) };
    // Only this programme's progress counts: the CICESCT's plan file brings its own.
    let started: i64 = b.conn().query_row(
        "SELECT count(*) FROM commitment_progress p JOIN activities a ON a.id = p.activity_id \
         WHERE a.number LIKE 'CITDP/PAT-2024/%'",
        [],
        |r| r.get(0),
    )?;
    if started > 0 || first.progress > 0 {
        return Ok(0);
    }
    for &(n, (y, m, d), text, percent, by, evidence) in PROGRESS {
        b.run(progress(&number(n), day(y, m, d)?, text, percent, by, evidence))?;
    }
    let reason = "Falta definir la instancia normalizadora que emitirá la norma.".into();
    b.run(Op::Reprogram {
        number: number(15),
        deadline: Deadline::Date(day(2025, 6, 30)?),
        reason,
        on: day(2024, 7, 5)?,
    })?;
    let text = "Se celebraron tres mesas de trabajo para la Norma Oficial Mexicana.";
    b.run(progress(&number(15), day(2025, 3, 12)?, text, 40, "SEGOB", None))?;
    let reason =
        "El proyecto de Ley General quedó para la siguiente Legislatura con el cambio de administración.".into();
    b.run(Op::Void { number: number(7), reason, on: day(2024, 9, 30)? })?;
    Ok(PROGRESS.len() + 2)
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementStatus;
    use crate::domain::followup::Source;
    use crate::store::followup::{self, ListFilter};

    #[test]
    fn the_2024_plan_is_transcribed_and_followed_up() {
        let mut store = crate::demo::in_memory();
        let filter = ListFilter { source: Some(Source::Activity), ..ListFilter::default() };
        let every = followup::list(store.conn(), &filter).expect("q");
        // The CITDP's programme; the CICESCT's 2026 plan is a file of its own.
        let all: Vec<_> = every.into_iter().filter(|t| t.number.starts_with("CITDP/PAT-2024/")).collect();
        assert_eq!(all.len(), 67, "every activity of the programme in seed 004");
        let count = |s: AgreementStatus| all.iter().filter(|t| t.status == s).count();
        assert_eq!(count(AgreementStatus::Done), 11);
        assert_eq!(count(AgreementStatus::InProgress), 5);
        assert_eq!(count(AgreementStatus::Rescheduled), 1);
        assert_eq!(count(AgreementStatus::Void), 1);
        let first = &all[0];
        assert_eq!((first.number.as_str(), first.period.as_deref()), ("CITDP/PAT-2024/01", Some("1er trimestre")));
        // Twice is once: loading again leaves the history as it is.
        let ctx = crate::ops::Context::for_tests("demo");
        assert_eq!(crate::ops::batch(&mut store, &ctx, super::record).expect("again"), 0);
    }
}
