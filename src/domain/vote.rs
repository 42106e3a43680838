//! Counting votes and judging the result under a majority rule, with the Presidencia's
//! casting vote on ties where the body's regulation gives one.

use super::body::{MajorityBase, MajorityRule};
use super::labels::labeled_enum;

labeled_enum!(
    Ballot {
        For => ("for", "a favor"),
        Against => ("against", "en contra"),
        Abstain => ("abstain", "abstención"),
        NoVote => ("none", "no vota"),
    }
);

labeled_enum!(
    VoteMode {
        Nominal => ("nominal", "nominal"),
        Totals => ("totals", "económica"),
    }
);

impl VoteMode {
    /// Data files written before the word became «económica» said «por totales».
    pub fn parse_written(text: &str) -> Result<Self, String> {
        use super::labels::Labeled;
        if super::text::fold(text) == "por totales" { Ok(Self::Totals) } else { Self::parse_label(text) }
    }
}

/// Weighted totals of a count.
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn cast(&self) -> u32 {
        self.for_ + self.against
    }

    pub fn total(&self) -> u32 {
        self.for_ + self.against + self.abstain
    }

    /// "9 a favor, 3 en contra, 1 abstención".
    pub fn text(&self) -> String {
        let abst = super::text::plural(self.abstain.into(), "abstención", "abstenciones");
        format!("{} a favor, {} en contra, {} {abst}", self.for_, self.against, self.abstain)
    }
}

/// Weighted tally of nominal ballots: `(weight, ballot)` per voter present.
pub fn tally(ballots: &[(u32, Ballot)]) -> Tally {
    ballots.iter().fold(Tally::default(), |mut t, (w, b)| {
        match b {
            Ballot::For => t.for_ += w,
            Ballot::Against => t.against += w,
            Ballot::Abstain => t.abstain += w,
            Ballot::NoVote => {}
        }
        t
    })
}

/// Totals typed by the secretary can't exceed the votes of those present.
pub fn check_totals(t: &Tally, eligible: u32) -> Result<(), String> {
    if t.total() > eligible {
        Err(format!(
            "los votos contados ({}) superan a los votos de quienes pueden votar en este momento ({eligible})",
            t.total()
        ))
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub approved: bool,
    pub casting_vote_used: bool,
    pub explanation: String,
}

/// What a count is judged against: the rule and its base, the weight of those present with
/// vote and of all the members with vote at that moment, and, in a nominal consensus, who
/// dissented and who abstained (by name, as the acta says them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judging {
    pub rule: MajorityRule,
    pub base: MajorityBase,
    pub present: u32,
    pub members: u32,
    pub dissent: Vec<String>,
    pub abstained: Vec<String>,
}

impl Judging {
    pub fn new(rule: MajorityRule, base: MajorityBase, present: u32, members: u32) -> Judging {
        Judging { rule, base, present, members, dissent: Vec::new(), abstained: Vec::new() }
    }

    /// The number a qualified majority is a share of.
    fn base_votes(&self, t: &Tally) -> u32 {
        match self.base {
            MajorityBase::Cast => t.cast(),
            MajorityBase::Present => self.present,
            MajorityBase::Members => self.members,
        }
    }

    /// A tie the Presidencia's casting vote decides, where the body gives one: for = against
    /// under simple majority; under absolute majority, for = against = half of its base.
    pub fn is_tie(&self, t: &Tally) -> bool {
        match self.rule {
            MajorityRule::Simple => t.for_ == t.against && t.for_ > 0,
            MajorityRule::Absolute => {
                let base = self.base_votes(t);
                t.for_ == t.against && u64::from(t.for_) * 2 == u64::from(base) && base > 0
            }
            _ => false,
        }
    }
}

/// Judges a count. `casting` is the Presidencia's own ballot when the body gives it a casting
/// vote (`None` otherwise).
///
/// - simple: more for than against among votes cast (abstentions don't count);
/// - absoluta: for is more than half of the base (votes cast, members present or all members);
/// - dos tercios: for is at least two thirds of the base;
/// - unanimidad: every one present with vote is for;
/// - consenso: nobody against — not a vote: the acta says who dissented, by name.
///
/// A tie (`Judging::is_tie`) goes to the casting vote.
pub fn judge(j: &Judging, t: &Tally, casting: Option<Ballot>) -> Decision {
    let counts = t.text();
    let decided = |approved: bool, why: String| Decision { approved, casting_vote_used: false, explanation: why };
    if j.is_tie(t) {
        return match casting {
            Some(Ballot::For) => Decision {
                approved: true,
                casting_vote_used: true,
                explanation: format!("Empate ({counts}): la Presidencia ejerce su voto de calidad a favor. Aprobada."),
            },
            Some(Ballot::Against) => Decision {
                approved: false,
                casting_vote_used: true,
                explanation: format!(
                    "Empate ({counts}): la Presidencia ejerce su voto de calidad en contra. Rechazada."
                ),
            },
            Some(_) => decided(
                false,
                format!("Empate ({counts}): la Presidencia no votó y no hay voto de calidad que desempate. Rechazada."),
            ),
            None => decided(false, format!("Empate ({counts}) sin voto de calidad. Rechazada.")),
        };
    }
    // "Rechazada por dos tercios" would read as "rejected by two thirds": a motion that fails
    // is said not to reach the majority it needed.
    let qualified = |ok: bool, name: &str, needed: u32, base: u32| {
        let of = format!("{name} {}", j.base.phrase());
        let detail = format!("se requerían {needed} de {base}; {counts}");
        if ok {
            decided(true, format!("Aprobada por {of} ({detail})."))
        } else {
            decided(false, format!("Rechazada: no alcanzó la {of} ({detail})."))
        }
    };
    match j.rule {
        MajorityRule::Simple => {
            if t.for_ > t.against {
                decided(true, format!("Aprobada por mayoría simple de los votos emitidos ({counts})."))
            } else {
                decided(false, format!("Rechazada: no obtuvo mayoría simple de los votos emitidos ({counts})."))
            }
        }
        MajorityRule::Absolute => {
            let base = j.base_votes(t);
            let needed = base / 2 + 1;
            qualified(t.for_ >= needed && base > 0, "mayoría absoluta", needed, base)
        }
        MajorityRule::TwoThirds => {
            let base = j.base_votes(t);
            let needed = u32::try_from((u64::from(base) * 2).div_ceil(3)).unwrap_or(u32::MAX);
            qualified(t.for_ >= needed && base > 0, "mayoría de dos tercios", needed, base)
        }
        MajorityRule::Unanimity => {
            let present = j.present;
            if t.for_ == present && present > 0 {
                decided(true, format!("Aprobada por unanimidad de los {present} votos presentes ({counts})."))
            } else {
                decided(false, format!("Rechazada: no hubo unanimidad de los {present} votos presentes ({counts})."))
            }
        }
        MajorityRule::Consensus => consensus(j, t),
    }
}

/// A consensus is consulted, not voted: it is reached when nobody objects; whoever dissents
/// is named, and an abstention is recorded as not opposing it. Without names (a count by
/// totals) the numbers say it.
fn consensus(j: &Judging, t: &Tally) -> Decision {
    let decided = |approved: bool, explanation: String| Decision { approved, casting_vote_used: false, explanation };
    if t.against > 0 {
        let who = if j.dissent.is_empty() {
            super::text::counted(i64::from(t.against), "integrante", "integrantes")
        } else {
            super::text::join_and(&j.dissent)
        };
        let verb = if j.dissent.len() > 1 || (j.dissent.is_empty() && t.against > 1) {
            "manifestaron su disenso"
        } else {
            "manifestó su disenso"
        };
        return decided(false, format!("No hubo consenso: {who} {verb}."));
    }
    if t.for_ == 0 {
        return decided(false, "No hubo consenso: nadie se pronunció a favor.".into());
    }
    let abstained = match (j.abstained.len(), t.abstain) {
        (_, 0) => String::new(),
        (0, n) => {
            format!("; {} sin oponerse al consenso", super::text::counted(i64::from(n), "abstención", "abstenciones"))
        }
        (1, _) => format!("; {} se abstuvo sin oponerse al consenso", j.abstained[0]),
        _ => format!("; {} se abstuvieron sin oponerse al consenso", super::text::join_and(&j.abstained)),
    };
    decided(true, format!("Aprobada por consenso{abstained}."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use MajorityBase::*;
    use MajorityRule::*;

    #[test]
    fn a_show_of_hands_is_called_economica_and_old_files_still_read() {
        use crate::domain::labels::Labeled;
        assert_eq!(VoteMode::Totals.label(), "económica");
        assert_eq!(VoteMode::parse_written("Por totales"), Ok(VoteMode::Totals));
        assert_eq!(VoteMode::parse_written("economica"), Ok(VoteMode::Totals));
        assert_eq!(VoteMode::parse_written("nominal"), Ok(VoteMode::Nominal));
        assert!(VoteMode::parse_written("secreta").is_err());
    }

    fn t(for_: u32, against: u32, abstain: u32) -> Tally {
        Tally { for_, against, abstain }
    }

    /// Judging with `present` of `members` with vote in the room, counted against `base`.
    fn on(rule: MajorityRule, base: MajorityBase, present: u32, members: u32) -> Judging {
        Judging::new(rule, base, present, members)
    }

    fn present(rule: MajorityRule, n: u32) -> Judging {
        on(rule, Present, n, n)
    }

    #[test]
    fn simple_majority_ignores_abstentions() {
        assert!(judge(&present(Simple, 15), &t(5, 4, 6), None).approved);
        assert!(!judge(&present(Simple, 15), &t(4, 5, 0), None).approved);
        assert!(!judge(&present(Simple, 9), &t(0, 0, 9), None).approved, "nobody for");
        assert_eq!(
            judge(&present(Simple, 13), &t(9, 3, 1), None).explanation,
            "Aprobada por mayoría simple de los votos emitidos (9 a favor, 3 en contra, 1 abstención)."
        );
        assert_eq!(
            judge(&present(Simple, 13), &t(3, 9, 1), None).explanation,
            "Rechazada: no obtuvo mayoría simple de los votos emitidos (3 a favor, 9 en contra, 1 abstención)."
        );
    }

    #[test]
    fn ties_go_to_the_casting_vote() {
        let for_ = judge(&present(Simple, 12), &t(5, 5, 2), Some(Ballot::For));
        assert!(for_.approved && for_.casting_vote_used);
        assert!(for_.explanation.contains("voto de calidad a favor"));
        let against = judge(&present(Simple, 12), &t(5, 5, 2), Some(Ballot::Against));
        assert!(!against.approved && against.casting_vote_used);
        let no_casting = judge(&present(Simple, 12), &t(5, 5, 2), None);
        assert!(!no_casting.approved && !no_casting.casting_vote_used);
        assert!(no_casting.explanation.contains("sin voto de calidad"));
        let abstained = judge(&present(Simple, 12), &t(5, 5, 2), Some(Ballot::Abstain));
        assert!(!abstained.approved && !abstained.casting_vote_used);
        let absolute_tie = judge(&present(Absolute, 12), &t(6, 6, 0), Some(Ballot::For));
        assert!(absolute_tie.approved && absolute_tie.casting_vote_used);
        assert!(
            !judge(&present(TwoThirds, 10), &t(5, 5, 0), Some(Ballot::For)).casting_vote_used,
            "no tie-break under two thirds"
        );
        assert!(present(Simple, 14).is_tie(&t(7, 7, 0)));
        assert!(!present(Simple, 14).is_tie(&t(0, 0, 14)), "nobody voted: not a tie");
        assert!(on(Absolute, Cast, 15, 15).is_tie(&t(6, 6, 3)), "half of the votes cast");
        assert!(!present(Absolute, 15).is_tie(&t(6, 6, 3)), "not half of those present");
    }

    #[test]
    fn absolute_majority_counts_its_base() {
        assert!(judge(&present(Absolute, 15), &t(8, 0, 7), None).approved);
        assert!(!judge(&present(Absolute, 15), &t(7, 0, 8), None).approved, "7 of 15 present is not more than half");
        assert!(!judge(&present(Absolute, 0), &t(0, 0, 0), None).approved);
        assert!(judge(&on(Absolute, Cast, 15, 15), &t(7, 6, 2), None).approved, "7 of 13 votes cast");
        let members = judge(&on(Absolute, Members, 12, 15), &t(8, 4, 0), None);
        assert!(members.approved, "8 of all 15 members");
        assert!(!judge(&on(Absolute, Members, 12, 15), &t(7, 5, 0), None).approved);
    }

    #[test]
    fn two_thirds_by_its_base_and_said_as_a_secretary_says_it() {
        // The case: a reglamento counting votes cast, 6 of 9 is two thirds.
        let cast = judge(&on(TwoThirds, Cast, 12, 15), &t(6, 3, 3), None);
        assert!(cast.approved, "{}", cast.explanation);
        assert_eq!(
            cast.explanation,
            "Aprobada por mayoría de dos tercios de los votos emitidos (se requerían 6 de 9; 6 a favor, 3 en contra, \
             3 abstenciones)."
        );
        let present_base = judge(&on(TwoThirds, Present, 12, 15), &t(6, 3, 3), None);
        assert!(!present_base.approved);
        assert_eq!(
            present_base.explanation,
            "Rechazada: no alcanzó la mayoría de dos tercios de los integrantes presentes con derecho a voto (se \
             requerían 8 de 12; 6 a favor, 3 en contra, 3 abstenciones)."
        );
        assert!(!present_base.explanation.contains("Rechazada por"), "never «rejected by two thirds»");
        assert!(!judge(&on(TwoThirds, Members, 12, 15), &t(9, 0, 3), None).approved, "10 of 15 needed");
        assert!(judge(&on(TwoThirds, Members, 12, 15), &t(10, 2, 0), None).approved);
        assert!(judge(&present(TwoThirds, 15), &t(10, 5, 0), None).approved);
        assert!(judge(&present(TwoThirds, 3), &t(2, 1, 0), None).approved);
    }

    #[test]
    fn unanimity() {
        assert!(judge(&present(Unanimity, 9), &t(9, 0, 0), None).approved);
        let broken = judge(&present(Unanimity, 9), &t(8, 0, 1), None);
        assert!(!broken.approved, "an abstention breaks unanimity");
        assert!(broken.explanation.starts_with("Rechazada: no hubo unanimidad"), "{}", broken.explanation);
    }

    #[test]
    fn consensus_is_consulted_not_voted() {
        let plain = judge(&present(Consensus, 9), &t(9, 0, 0), None);
        assert_eq!((plain.approved, plain.explanation.as_str()), (true, "Aprobada por consenso."));
        let mut j = present(Consensus, 9);
        j.abstained = vec!["Belice".into()];
        let abstaining = judge(&j, &t(8, 0, 1), None);
        assert!(abstaining.approved, "abstaining is not dissent");
        assert_eq!(abstaining.explanation, "Aprobada por consenso; Belice se abstuvo sin oponerse al consenso.");
        let mut j = present(Consensus, 9);
        j.dissent = vec!["Guatemala".into()];
        let dissent = judge(&j, &t(8, 1, 0), None);
        assert!(!dissent.approved);
        assert_eq!(dissent.explanation, "No hubo consenso: Guatemala manifestó su disenso.");
        assert!(!dissent.explanation.contains("voto"), "a consensus is not a vote: {}", dissent.explanation);
        j.dissent.push("Panamá".into());
        assert_eq!(
            judge(&j, &t(7, 2, 0), None).explanation,
            "No hubo consenso: Guatemala y Panamá manifestaron su disenso."
        );
        assert_eq!(
            judge(&present(Consensus, 9), &t(7, 0, 2), None).explanation,
            "Aprobada por consenso; 2 abstenciones sin oponerse al consenso."
        );
        assert!(!judge(&present(Consensus, 3), &t(0, 0, 3), None).approved);
    }

    #[test]
    fn weighted_nominal_tally_and_totals_check() {
        let ballots =
            [(2, Ballot::For), (1, Ballot::Against), (1, Ballot::Abstain), (1, Ballot::NoVote), (3, Ballot::For)];
        assert_eq!(tally(&ballots), t(5, 1, 1));
        assert!(check_totals(&t(5, 1, 1), 8).is_ok());
        let err = check_totals(&t(9, 3, 4), 15).unwrap_err();
        assert_eq!(err, "los votos contados (16) superan a los votos de quienes pueden votar en este momento (15)");
        assert_eq!(t(1, 0, 1).text(), "1 a favor, 0 en contra, 1 abstención");
    }
}
