//! Following agreements up until they are fulfilled: which status can follow which, when an
//! agreement is overdue (derived from its deadline and today, never stored), the semáforo, and
//! the rules for progress entries.

use chrono::NaiveDate;

use super::agreement::{AgreementStatus, Deadline};
use super::labels::labeled_enum;

labeled_enum!(
    /// Semáforo as public administration uses it, with a word as well as a colour.
    Light {
        Green => ("green", "verde"),
        Yellow => ("yellow", "amarillo"),
        Red => ("red", "rojo"),
    }
);

labeled_enum!(
    /// Medio de verificación.
    EvidenceKind {
        Letter => ("letter", "oficio"),
        Minutes => ("minutes", "minuta"),
        Report => ("report", "informe"),
        Photo => ("photo", "fotografía"),
        Link => ("link", "enlace"),
    }
);

labeled_enum!(
    /// Where a commitment comes from: an agreement of a session or an activity of a work plan.
    Source {
        Agreement => ("agreement", "acuerdo"),
        Activity => ("activity", "actividad"),
    }
);

impl Source {
    /// "el acuerdo", "la actividad".
    pub fn with_article(self) -> &'static str {
        match self {
            Source::Agreement => "el acuerdo",
            Source::Activity => "la actividad",
        }
    }
}

/// Days before the deadline at which the semáforo turns yellow, unless the body sets another.
pub const DEFAULT_WARNING_DAYS: u32 = 15;

/// Still to be fulfilled: pending, in progress or rescheduled.
pub fn open(status: AgreementStatus) -> bool {
    matches!(status, AgreementStatus::Pending | AgreementStatus::InProgress | AgreementStatus::Rescheduled)
}

/// Overdue: open and its deadline passed (the deadline day itself is still on time).
pub fn overdue(status: AgreementStatus, deadline: Deadline, today: NaiveDate) -> bool {
    open(status) && deadline.date().is_some_and(|d| d < today)
}

/// The semáforo of an open agreement; closed ones (cumplido, sin efecto) have none.
pub fn light(status: AgreementStatus, deadline: Deadline, today: NaiveDate, warning_days: u32) -> Option<Light> {
    if !open(status) {
        return None;
    }
    Some(match deadline.date() {
        Some(d) if d < today => Light::Red,
        Some(d) if (d - today).num_days() <= i64::from(warning_days) => Light::Yellow,
        _ => Light::Green,
    })
}

/// What may follow what. Reprogramming may repeat; cumplido and sin efecto are final.
pub fn check_transition(from: AgreementStatus, to: AgreementStatus) -> Result<(), String> {
    use AgreementStatus::*;
    let ok = match from {
        Pending | InProgress | Rescheduled => matches!(to, InProgress | Done | Rescheduled | Void),
        Done | Void => false,
    };
    if ok || from == to && open(from) {
        Ok(())
    } else {
        use super::labels::Labeled;
        Err(format!("un compromiso «{}» no puede pasar a «{}»", from.label(), to.label()))
    }
}

/// A progress percentage must be 0–100 and never go down unless a reason is given.
pub fn check_progress(previous: u32, new: u32, reason: Option<&str>) -> Result<(), String> {
    if new > 100 {
        return Err(format!("el avance es un porcentaje de 0 a 100, no {new}"));
    }
    if new < previous && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(format!("el avance bajaría de {previous} % a {new} %: indique el motivo"));
    }
    Ok(())
}

/// The status after a progress entry: 100 % (with evidence) is cumplido, anything above zero
/// is en proceso.
pub fn status_after(current: AgreementStatus, percent: u32) -> AgreementStatus {
    match percent {
        100 => AgreementStatus::Done,
        p if p > 0 && current == AgreementStatus::Pending => AgreementStatus::InProgress,
        _ => current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgreementStatus::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid")
    }

    #[test]
    fn overdue_at_the_date_boundary() {
        let deadline = Deadline::Date(d(11, 24));
        assert!(!overdue(Pending, deadline, d(11, 24)), "the deadline day is still on time");
        assert!(overdue(Pending, deadline, d(11, 25)));
        assert!(overdue(Rescheduled, deadline, d(11, 25)));
        assert!(!overdue(Done, deadline, d(12, 31)));
        assert!(!overdue(Void, deadline, d(12, 31)));
        assert!(!overdue(Pending, Deadline::Permanent, d(12, 31)));
    }

    #[test]
    fn semaforo_thresholds() {
        let on = |m, day| Deadline::Date(d(m, day));
        assert_eq!(light(Pending, on(12, 9), d(11, 24), 15), Some(Light::Yellow), "15 days: yellow");
        assert_eq!(light(Pending, on(12, 10), d(11, 24), 15), Some(Light::Green), "16 days: green");
        assert_eq!(light(InProgress, on(11, 24), d(11, 24), 15), Some(Light::Yellow), "due today");
        assert_eq!(light(InProgress, on(11, 23), d(11, 24), 15), Some(Light::Red));
        assert_eq!(light(Pending, Deadline::Permanent, d(11, 24), 15), Some(Light::Green));
        assert_eq!(light(Done, on(1, 1), d(11, 24), 15), None);
        assert_eq!(light(Pending, on(11, 30), d(11, 24), 0), Some(Light::Green), "N = 0: never yellow");
    }

    #[test]
    fn transitions() {
        for (from, to, ok) in [
            (Pending, InProgress, true),
            (Pending, Done, true),
            (Pending, Rescheduled, true),
            (Rescheduled, Rescheduled, true),
            (InProgress, Void, true),
            (Done, InProgress, false),
            (Void, Pending, false),
            (Done, Done, false),
            (InProgress, Pending, false),
        ] {
            assert_eq!(check_transition(from, to).is_ok(), ok, "{from:?} → {to:?}");
        }
        assert_eq!(check_transition(Done, Void), Err("un compromiso «cumplido» no puede pasar a «sin efecto»".into()));
    }

    #[test]
    fn progress_rules() {
        assert!(check_progress(40, 60, None).is_ok());
        assert!(check_progress(40, 40, None).is_ok());
        assert!(check_progress(0, 101, None).unwrap_err().contains("0 a 100"));
        assert!(check_progress(60, 40, None).unwrap_err().contains("indique el motivo"));
        assert!(check_progress(60, 40, Some(" ")).is_err());
        assert!(check_progress(60, 40, Some("se corrigió la medición")).is_ok());
        assert_eq!(status_after(Pending, 30), InProgress);
        assert_eq!(status_after(Pending, 0), Pending);
        assert_eq!(status_after(Rescheduled, 30), Rescheduled);
        assert_eq!(status_after(InProgress, 100), Done);
    }
}
