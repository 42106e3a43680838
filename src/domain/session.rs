//! Sessions: kind, number, schedule, status and its allowed transitions, and titles.

use super::body::MeetingWord;
use super::labels::{Labeled, labeled_enum};
use super::ordinal::{ordinal_short, ordinal_words};
use super::schedule::Schedule;

labeled_enum!(
    /// What happened to a session, in the order it happened (kept in its record). The codes
    /// are the Spanish words stored since the first version.
    SessionEvent {
        Opened => ("abierta", "abierta"),
        SecondCall => ("segunda convocatoria", "segunda convocatoria"),
        Suspended => ("suspendida", "suspendida (receso)"),
        Resumed => ("reanudada", "reanudada"),
        Closed => ("clausurada", "clausurada"),
        Reopened => ("reabierta", "reabierta"),
    }
);

labeled_enum!(
    SessionKind {
        Ordinary => ("ordinary", "ordinaria"),
        Extraordinary => ("extraordinary", "extraordinaria"),
    }
);

labeled_enum!(
    Modality {
        InPerson => ("in_person", "presencial"),
        Virtual => ("virtual", "virtual"),
        Hybrid => ("hybrid", "híbrida"),
    }
);

labeled_enum!(
    SessionStatus {
        Scheduled => ("scheduled", "programada"),
        Convened => ("convened", "convocada"),
        InProgress => ("in_progress", "en curso"),
        Closed => ("closed", "clausurada"),
        Suspended => ("suspended", "suspendida"),
        Cancelled => ("cancelled", "cancelada"),
    }
);

impl SessionKind {
    pub fn title(self) -> &'static str {
        match self {
            SessionKind::Ordinary => "Ordinaria",
            SessionKind::Extraordinary => "Extraordinaria",
        }
    }
}

impl SessionStatus {
    /// Where a session may go from here. Reopening a closed session is allowed but needs a
    /// recorded reason (see `needs_reason`).
    pub fn next(self) -> &'static [SessionStatus] {
        use SessionStatus::*;
        match self {
            Scheduled => &[Convened, Cancelled],
            Convened => &[Scheduled, InProgress, Cancelled],
            InProgress => &[Suspended, Closed],
            Suspended => &[InProgress, Closed, Cancelled],
            Closed => &[InProgress],
            Cancelled => &[Scheduled],
        }
    }

    pub fn needs_reason(self, to: SessionStatus) -> bool {
        self == SessionStatus::Closed && to == SessionStatus::InProgress
    }

    pub fn check_transition(self, to: SessionStatus) -> Result<(), String> {
        if self == to || self.next().contains(&to) {
            Ok(())
        } else {
            let allowed: Vec<String> = self.next().iter().map(|s| format!("«{}»", s.label())).collect();
            Err(format!(
                "una sesión «{}» no puede pasar a «{}»; puede pasar a {}",
                self.label(),
                to.label(),
                allowed.join(", ")
            ))
        }
    }

    /// Held or being held: it counts toward the body's minimum.
    pub fn held(self) -> bool {
        matches!(self, SessionStatus::InProgress | SessionStatus::Closed | SessionStatus::Suspended)
    }

    /// Needs an exact date: it has been convoked or has happened.
    pub fn needs_date(self) -> bool {
        matches!(
            self,
            SessionStatus::Convened | SessionStatus::InProgress | SessionStatus::Closed | SessionStatus::Suspended
        )
    }
}

/// "Vigésima Primera Sesión Ordinaria"; beyond the words range, the short form.
pub fn title(number: u32, kind: SessionKind, word: MeetingWord) -> String {
    let ord = ordinal_words(number).unwrap_or_else(|| ordinal_short(number));
    format!("{ord} {} {}", word.title(), kind.title())
}

/// "21ª Sesión Ordinaria".
pub fn short_title(number: u32, kind: SessionKind, word: MeetingWord) -> String {
    format!("{} {} {}", ordinal_short(number), word.title(), kind.title())
}

/// For narrow screens: "128ª Ord.", "2ª Ext." (the word «Sesión» or «Reunión» is the body's
/// own and the same on every row).
pub fn abbreviated_title(number: u32, kind: SessionKind) -> String {
    let kind = match kind {
        SessionKind::Ordinary => "Ord.",
        SessionKind::Extraordinary => "Ext.",
    };
    format!("{} {kind}", ordinal_short(number))
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub body: i64,
    pub kind: SessionKind,
    pub number: u32,
    pub schedule: Schedule,
    /// What the original calendar said when the date was fixed later ("febrero-marzo").
    pub planned: Option<String>,
    pub place: String,
    pub modality: Modality,
    pub link: String,
    pub status: SessionStatus,
}

impl Session {
    /// Rules that hold whatever the body: a number, a date once convoked, a link only makes
    /// sense for remote or hybrid sessions.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.number == 0 {
            return Err(("numero", "el número de sesión debe ser 1 o mayor".into()));
        }
        if self.status.needs_date() && self.schedule.date().is_none() {
            return Err((
                "cuando",
                format!(
                    "una sesión «{}» necesita fecha exacta, no «{}»",
                    self.status.label(),
                    self.schedule.calendar_text()
                ),
            ));
        }
        let link = self.link.trim();
        if !(link.is_empty() || link.starts_with("https://") || link.starts_with("http://")) {
            return Err(("enlace", format!("el enlace «{link}» debe empezar con https://")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionStatus::*;

    #[test]
    fn titles_as_the_bodies_write_them() {
        assert_eq!(title(21, SessionKind::Ordinary, MeetingWord::Session), "Vigésima Primera Sesión Ordinaria");
        assert_eq!(short_title(3, SessionKind::Extraordinary, MeetingWord::Session), "3ª Sesión Extraordinaria");
        assert_eq!(title(6, SessionKind::Ordinary, MeetingWord::Meeting), "Sexta Reunión Ordinaria");
        assert_eq!(title(250, SessionKind::Ordinary, MeetingWord::Session), "250ª Sesión Ordinaria");
        assert_eq!(abbreviated_title(128, SessionKind::Ordinary), "128ª Ord.");
        assert_eq!(abbreviated_title(2, SessionKind::Extraordinary), "2ª Ext.");
    }

    #[test]
    fn allowed_transitions() {
        let all = SessionStatus::ALL;
        let allowed = [
            (Scheduled, Convened),
            (Scheduled, Cancelled),
            (Convened, Scheduled),
            (Convened, InProgress),
            (Convened, Cancelled),
            (InProgress, Suspended),
            (InProgress, Closed),
            (Suspended, InProgress),
            (Suspended, Closed),
            (Suspended, Cancelled),
            (Closed, InProgress),
            (Cancelled, Scheduled),
        ];
        for from in all {
            for to in all {
                let expected = from == to || allowed.contains(&(*from, *to));
                assert_eq!(from.check_transition(*to).is_ok(), expected, "{from:?} → {to:?}");
            }
        }
        assert!(Closed.needs_reason(InProgress));
        assert!(!Convened.needs_reason(InProgress));
        assert_eq!(
            Scheduled.check_transition(Closed),
            Err("una sesión «programada» no puede pasar a «clausurada»; puede pasar a «convocada», «cancelada»".into())
        );
    }

    #[test]
    fn held_and_dates() {
        assert_eq!(all_where(SessionStatus::held), vec![InProgress, Closed, Suspended]);
        assert_eq!(all_where(SessionStatus::needs_date), vec![Convened, InProgress, Closed, Suspended]);
    }

    fn all_where(f: fn(SessionStatus) -> bool) -> Vec<SessionStatus> {
        SessionStatus::ALL.iter().copied().filter(|s| f(*s)).collect()
    }

    fn session(schedule: &str, status: SessionStatus, link: &str) -> Session {
        Session {
            id: 1,
            body: 1,
            kind: SessionKind::Ordinary,
            number: 21,
            schedule: Schedule::parse(schedule, 2024, None).expect("valid"),
            planned: None,
            place: String::new(),
            modality: Modality::Virtual,
            link: link.into(),
            status,
        }
    }

    #[test]
    fn session_validation() {
        assert!(session("21 de febrero", Closed, "").validate().is_ok());
        assert!(session("febrero-marzo", Scheduled, "").validate().is_ok());
        assert_eq!(session("febrero-marzo", Closed, "").validate().map_err(|e| e.0), Err("cuando"));
        assert_eq!(session("Por definir", Convened, "").validate().map_err(|e| e.0), Err("cuando"));
        assert_eq!(session("21 de febrero", Scheduled, "meet.example").validate().map_err(|e| e.0), Err("enlace"));
        assert!(session("21 de febrero", Scheduled, "https://meet.example/abc").validate().is_ok());
        let mut zero = session("21 de febrero", Scheduled, "");
        zero.number = 0;
        assert_eq!(zero.validate().map_err(|e| e.0), Err("numero"));
    }
}
