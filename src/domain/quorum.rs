//! Attendance marks and the quorum they make, counted by institution: one seat per member
//! with vote, whichever of its representatives came, weighted.

use chrono::NaiveTime;

use super::body::{BodyRules, QuorumRule};
use super::labels::labeled_enum;
use super::member::Rights;

labeled_enum!(
    Presence {
        Titular => ("titular", "titular presente"),
        Alternate => ("suplente", "suplente presente"),
        Absent => ("absent", "ausente"),
        Justified => ("justified", "ausencia justificada"),
    }
);

labeled_enum!(
    AttendanceMode {
        InPerson => ("in_person", "presencial"),
        Remote => ("remote", "virtual"),
    }
);

labeled_enum!(
    /// Which call's quorum applies: the second call has its own, lower threshold.
    Call {
        First => ("first", "primera"),
        Second => ("second", "segunda"),
    }
);

impl Presence {
    pub fn present(self) -> bool {
        matches!(self, Presence::Titular | Presence::Alternate)
    }

    /// The short word of the attendance list: "titular", "suplente", "ausente", "justificada".
    pub fn short(self) -> &'static str {
        match self {
            Presence::Titular => "titular",
            Presence::Alternate => "suplente",
            Presence::Absent => "ausente",
            Presence::Justified => "justificada",
        }
    }
}

/// The roll-call state of one membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub membership: i64,
    pub presence: Presence,
    pub mode: AttendanceMode,
    pub arrival: Option<NaiveTime>,
    pub departure: Option<NaiveTime>,
}

impl Mark {
    /// In the room now: arrived (titular or suplente) and not yet left.
    pub fn here(&self) -> bool {
        self.presence.present() && self.departure.is_none()
    }
}

/// One membership as quorum sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub membership: i64,
    pub rights: Rights,
    pub weight: u32,
    pub here: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuorumCount {
    pub present: u32,
    pub total: u32,
    pub required: u32,
    pub call: Call,
    pub rule: QuorumRule,
}

impl QuorumCount {
    pub fn reached(&self) -> bool {
        self.present >= self.required
    }

    /// "Quórum 9/15 · requerido 8 · ✔" (and "2ª conv." on a second call).
    pub fn indicator(&self) -> String {
        let call = if self.call == Call::Second { " · 2ª conv." } else { "" };
        let mark = if self.reached() { "✔" } else { "✘" };
        format!("Quórum {}/{} · requerido {}{call} · {mark}", self.present, self.total, self.required)
    }
}

/// Who may vote now: a member with voz y voto who is in the room — its titular, or its
/// suplente when the titular is absent (the roll holds one mark per institution, so one seat
/// never votes twice). Invitados and observadores never vote.
pub fn may_vote(rights: Rights, here: bool) -> bool {
    rights.votes() && here
}

/// Quorum of `seats` under the body's rule for `call`. Invitados and observadores never count;
/// weights add up. A second call needs the body to have one.
pub fn count(rules: &BodyRules, seats: &[Seat], call: Call) -> Result<QuorumCount, String> {
    let rule = match (call, rules.second_call) {
        (Call::First, _) => rules.quorum,
        (Call::Second, Some((rule, _))) => rule,
        (Call::Second, None) => return Err("el reglamento de este órgano no prevé segunda convocatoria".into()),
    };
    let voting = seats.iter().filter(|s| s.rights.votes());
    let (total, present) =
        voting.fold((0, 0), |(t, p), s| (t + s.weight, p + if may_vote(s.rights, s.here) { s.weight } else { 0 }));
    Ok(QuorumCount { present, total, required: rule.required(total), call, rule })
}

/// Whether the second call may be recorded: the body must allow it and its wait must have
/// passed since the time the session was called for.
pub fn check_second_call(rules: &BodyRules, minutes_waited: i64) -> Result<(), String> {
    match rules.second_call {
        None => Err("el reglamento de este órgano no prevé segunda convocatoria".into()),
        Some((_, wait)) if minutes_waited < i64::from(wait) => Err(format!(
            "la segunda convocatoria procede tras {wait} minutos de espera; han pasado {}",
            minutes_waited.max(0)
        )),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(id: i64, rights: Rights, weight: u32, here: bool) -> Seat {
        Seat { membership: id, rights, weight, here }
    }

    fn rules(second: Option<(QuorumRule, u32)>) -> BodyRules {
        BodyRules { second_call: second, ..Default::default() }
    }

    fn fifteen(present: usize) -> Vec<Seat> {
        (0..15).map(|i| seat(i as i64, Rights::VoiceAndVote, 1, i < present)).collect()
    }

    #[test]
    fn half_plus_one_of_fifteen() {
        let q = count(&rules(None), &fifteen(8), Call::First).expect("first call");
        assert_eq!((q.present, q.total, q.required, q.reached()), (8, 15, 8, true));
        assert_eq!(q.indicator(), "Quórum 8/15 · requerido 8 · ✔");
        let q = count(&rules(None), &fifteen(7), Call::First).expect("first call");
        assert!(!q.reached());
        assert_eq!(q.indicator(), "Quórum 7/15 · requerido 8 · ✘");
    }

    #[test]
    fn invitados_and_observers_never_count() {
        let mut seats = fifteen(7);
        seats.push(seat(100, Rights::VoiceOnly, 1, true));
        seats.push(seat(101, Rights::Observer, 1, true));
        let q = count(&rules(None), &seats, Call::First).expect("ok");
        assert_eq!((q.present, q.total, q.reached()), (7, 15, false));
    }

    #[test]
    fn weights_add_up() {
        let seats = [
            seat(1, Rights::VoiceAndVote, 3, true),
            seat(2, Rights::VoiceAndVote, 1, false),
            seat(3, Rights::VoiceAndVote, 1, false),
        ];
        let q = count(&rules(None), &seats, Call::First).expect("ok");
        assert_eq!((q.present, q.total, q.required, q.reached()), (3, 5, 3, true));
    }

    #[test]
    fn second_call_has_its_own_threshold() {
        let third = Some((QuorumRule::Fraction { num: 1, den: 3 }, 30));
        let q = count(&rules(third), &fifteen(5), Call::Second).expect("second call");
        assert_eq!((q.required, q.reached()), (5, true));
        assert_eq!(q.indicator(), "Quórum 5/15 · requerido 5 · 2ª conv. · ✔");
        assert!(count(&rules(None), &fifteen(5), Call::Second).is_err());
        assert!(check_second_call(&rules(third), 29).unwrap_err().contains("30 minutos"));
        assert!(check_second_call(&rules(third), 30).is_ok());
        assert!(check_second_call(&rules(None), 90).is_err());
    }

    #[test]
    fn a_suplente_counts_like_the_titular_and_leaving_stops_counting() {
        let arrived = Mark {
            membership: 1,
            presence: Presence::Alternate,
            mode: AttendanceMode::Remote,
            arrival: NaiveTime::from_hms_opt(10, 5, 0),
            departure: None,
        };
        assert!(arrived.here());
        let left = Mark { departure: NaiveTime::from_hms_opt(12, 0, 0), ..arrived.clone() };
        assert!(!left.here());
        let justified = Mark { presence: Presence::Justified, ..arrived };
        assert!(!justified.here());
        assert_eq!(Presence::Justified.short(), "justificada");
    }

    #[test]
    fn empty_body_never_reaches_a_fixed_quorum() {
        let fixed = BodyRules { quorum: QuorumRule::Fixed(3), ..Default::default() };
        let q = count(&fixed, &[], Call::First).expect("ok");
        assert_eq!((q.present, q.total, q.required, q.reached()), (0, 0, 3, false));
    }
}
