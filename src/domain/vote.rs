//! Counting votes and judging the result under a majority rule, with the Presidencia's
//! casting vote on ties where the body's regulation gives one.

use super::body::MajorityRule;
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
        Totals => ("totals", "por totales"),
    }
);

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

/// Judges a count. `eligible` is the weight of those present with vote at the time; `casting`
/// is the Presidencia's own ballot when the body gives it a casting vote (`None` otherwise).
///
/// - simple: more for than against among votes cast (abstentions don't count);
/// - absoluta: for is more than half of those present with vote;
/// - dos tercios: for is at least two thirds of those present with vote;
/// - unanimidad: every one present with vote is for;
/// - consenso: nobody against (dissent is recorded by name elsewhere).
///
/// A tie (for = against, and under absoluta exactly half) goes to the casting vote.
pub fn judge(rule: MajorityRule, t: &Tally, eligible: u32, casting: Option<Ballot>) -> Decision {
    let counts = t.text();
    let decided = |approved: bool, why: String| Decision { approved, casting_vote_used: false, explanation: why };
    let tie = match rule {
        MajorityRule::Simple => t.for_ == t.against && t.for_ > 0,
        MajorityRule::Absolute => t.for_ == t.against && t.for_ * 2 == eligible && eligible > 0,
        _ => false,
    };
    if tie {
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
    match rule {
        MajorityRule::Simple => {
            let ok = t.for_ > t.against;
            decided(ok, format!("{} por mayoría simple de los votos emitidos ({counts}).", verdict(ok)))
        }
        MajorityRule::Absolute => {
            let needed = eligible / 2 + 1;
            let ok = t.for_ >= needed && eligible > 0;
            decided(
                ok,
                format!(
                    "{} por mayoría absoluta: se requerían {needed} de {eligible} votos presentes ({counts}).",
                    verdict(ok)
                ),
            )
        }
        MajorityRule::TwoThirds => {
            let needed = (eligible * 2).div_ceil(3);
            let ok = t.for_ >= needed && eligible > 0;
            decided(
                ok,
                format!(
                    "{} por dos tercios: se requerían {needed} de {eligible} votos presentes ({counts}).",
                    verdict(ok)
                ),
            )
        }
        MajorityRule::Unanimity => {
            let ok = t.for_ == eligible && eligible > 0;
            decided(ok, format!("{} por unanimidad de {eligible} votos presentes ({counts}).", verdict(ok)))
        }
        MajorityRule::Consensus => {
            let ok = t.against == 0 && t.for_ > 0;
            let why = if ok {
                format!("Aprobada por consenso ({counts}).")
            } else if t.against > 0 {
                format!(
                    "Sin consenso: hay {} ({counts}).",
                    super::text::counted(i64::from(t.against), "voto en contra", "votos en contra")
                )
            } else {
                format!("Sin consenso: nadie votó a favor ({counts}).")
            };
            decided(ok, why)
        }
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "Aprobada" } else { "Rechazada" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MajorityRule::*;

    fn t(for_: u32, against: u32, abstain: u32) -> Tally {
        Tally { for_, against, abstain }
    }

    #[test]
    fn simple_majority_ignores_abstentions() {
        assert!(judge(Simple, &t(5, 4, 6), 15, None).approved);
        assert!(!judge(Simple, &t(4, 5, 0), 15, None).approved);
        assert!(!judge(Simple, &t(0, 0, 9), 9, None).approved, "nobody for");
        assert_eq!(
            judge(Simple, &t(9, 3, 1), 13, None).explanation,
            "Aprobada por mayoría simple de los votos emitidos (9 a favor, 3 en contra, 1 abstención)."
        );
    }

    #[test]
    fn ties_go_to_the_casting_vote() {
        let for_ = judge(Simple, &t(5, 5, 2), 12, Some(Ballot::For));
        assert!(for_.approved && for_.casting_vote_used);
        assert!(for_.explanation.contains("voto de calidad a favor"));
        let against = judge(Simple, &t(5, 5, 2), 12, Some(Ballot::Against));
        assert!(!against.approved && against.casting_vote_used);
        let no_casting = judge(Simple, &t(5, 5, 2), 12, None);
        assert!(!no_casting.approved && !no_casting.casting_vote_used);
        assert!(no_casting.explanation.contains("sin voto de calidad"));
        let abstained = judge(Simple, &t(5, 5, 2), 12, Some(Ballot::Abstain));
        assert!(!abstained.approved && !abstained.casting_vote_used);
        let absolute_tie = judge(Absolute, &t(6, 6, 0), 12, Some(Ballot::For));
        assert!(absolute_tie.approved && absolute_tie.casting_vote_used);
        assert!(
            !judge(TwoThirds, &t(5, 5, 0), 10, Some(Ballot::For)).casting_vote_used,
            "no tie-break under two thirds"
        );
    }

    #[test]
    fn absolute_majority_counts_those_present() {
        assert!(judge(Absolute, &t(8, 0, 7), 15, None).approved);
        assert!(!judge(Absolute, &t(7, 0, 8), 15, None).approved, "7 of 15 present is not more than half");
        assert!(!judge(Absolute, &t(0, 0, 0), 0, None).approved);
    }

    #[test]
    fn two_thirds_unanimity_and_consensus() {
        assert!(judge(TwoThirds, &t(10, 5, 0), 15, None).approved);
        assert!(!judge(TwoThirds, &t(9, 0, 6), 15, None).approved);
        assert!(judge(TwoThirds, &t(2, 1, 0), 3, None).approved);
        assert!(judge(Unanimity, &t(9, 0, 0), 9, None).approved);
        assert!(!judge(Unanimity, &t(8, 0, 1), 9, None).approved, "an abstention breaks unanimity");
        assert!(judge(Consensus, &t(7, 0, 2), 9, None).approved, "abstaining is not dissent");
        let dissent = judge(Consensus, &t(8, 1, 0), 9, None);
        assert!(!dissent.approved && dissent.explanation.contains("1 voto en contra"));
        assert!(!judge(Consensus, &t(0, 0, 3), 3, None).approved);
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
