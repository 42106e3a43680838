//! Collegiate bodies and the rules each one's regulation sets.

use super::dates::quarter;
use super::labels::{Labeled, labeled_enum};
use chrono::{Datelike, NaiveDate};

labeled_enum!(
    /// Pleno/comisión, subcomisión, grupo de trabajo, subgrupo.
    BodyKind {
        Plenary => ("plenary", "pleno"),
        Commission => ("commission", "comisión"),
        Subcommission => ("subcommission", "subcomisión"),
        WorkingGroup => ("working_group", "grupo de trabajo"),
        Subgroup => ("subgroup", "subgrupo"),
    }
);

labeled_enum!(
    /// What a body calls its meetings.
    MeetingWord {
        Session => ("session", "sesión"),
        Meeting => ("meeting", "reunión"),
    }
);

impl MeetingWord {
    /// "Sesión" / "Reunión", capitalised for titles.
    pub fn title(self) -> &'static str {
        match self {
            MeetingWord::Session => "Sesión",
            MeetingWord::Meeting => "Reunión",
        }
    }
}

labeled_enum!(
    /// The majority a decision needs.
    MajorityRule {
        Simple => ("simple", "simple"),
        Absolute => ("absolute", "absoluta"),
        TwoThirds => ("two_thirds", "dos tercios"),
        Unanimity => ("unanimity", "unanimidad"),
        Consensus => ("consensus", "consenso"),
    }
);

impl MajorityRule {
    /// "mayoría simple", "unanimidad"… as a sentence says it.
    pub fn phrase(self) -> &'static str {
        match self {
            MajorityRule::Simple => "mayoría simple",
            MajorityRule::Absolute => "mayoría absoluta",
            MajorityRule::TwoThirds => "mayoría de dos tercios",
            MajorityRule::Unanimity => "unanimidad",
            MajorityRule::Consensus => "consenso",
        }
    }
}

labeled_enum!(
    /// What a qualified majority (absoluta, dos tercios) is counted against, as each
    /// reglamento says: the votes cast (for and against), the members with vote present, or
    /// all the members with vote, present or not.
    MajorityBase {
        Cast => ("cast", "votos emitidos"),
        Present => ("present", "integrantes presentes"),
        Members => ("members", "integrantes con voto"),
    }
);

impl MajorityBase {
    /// "de los votos emitidos", "de los integrantes presentes con derecho a voto"…
    pub fn phrase(self) -> &'static str {
        match self {
            MajorityBase::Cast => "de los votos emitidos",
            MajorityBase::Present => "de los integrantes presentes con derecho a voto",
            MajorityBase::Members => "del total de integrantes con derecho a voto",
        }
    }
}

labeled_enum!(
    /// Who conducts a body's sessions and signs its actas with the Secretaría Técnica: a
    /// plenary or commission has a Presidencia; working groups and subcommissions a
    /// Coordinación (the coordinating institution).
    Conductor {
        Presidency => ("presidency", "Presidencia"),
        Coordination => ("coordination", "Coordinación"),
    }
);

impl Conductor {
    /// What each kind of body usually has, when its reglamento says nothing else.
    pub fn for_kind(kind: BodyKind) -> Conductor {
        match kind {
            BodyKind::Plenary | BodyKind::Commission => Conductor::Presidency,
            BodyKind::Subcommission | BodyKind::WorkingGroup | BodyKind::Subgroup => Conductor::Coordination,
        }
    }

    /// "la Presidencia", "la Coordinación": who declares and closes in the acta.
    pub fn phrase(self) -> &'static str {
        match self {
            Conductor::Presidency => "la Presidencia",
            Conductor::Coordination => "la Coordinación",
        }
    }
}

labeled_enum!(
    Period {
        Year => ("year", "año"),
        Semester => ("semester", "semestre"),
        Quarter => ("quarter", "trimestre"),
        Month => ("month", "mes"),
    }
);

impl Period {
    pub fn per_year(self) -> u32 {
        match self {
            Period::Year => 1,
            Period::Semester => 2,
            Period::Quarter => 4,
            Period::Month => 12,
        }
    }

    /// Periods of this kind fully elapsed in `date`'s year before `date`'s period.
    pub fn completed_before(self, date: NaiveDate) -> u32 {
        match self {
            Period::Year => 0,
            Period::Semester => u32::from(date.month() > 6),
            Period::Quarter => quarter(date.month()) - 1,
            Period::Month => date.month() - 1,
        }
    }
}

/// How many members with vote must be present, counted by institution (weights added).
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuorumRule {
    HalfPlusOne,
    Fraction { num: u32, den: u32 },
    Fixed(u32),
}

impl QuorumRule {
    /// "mitad más uno", "2/3" or "8".
    pub fn parse(text: &str) -> Result<QuorumRule, String> {
        let t = text.trim();
        if super::text::fold(t) == "mitad mas uno" {
            return Ok(QuorumRule::HalfPlusOne);
        }
        if let Some((n, d)) = t.split_once('/') {
            let (num, den) = (n.trim().parse::<u32>(), d.trim().parse::<u32>());
            return match (num, den) {
                (Ok(num), Ok(den)) if num > 0 && den > 0 && num <= den => Ok(QuorumRule::Fraction { num, den }),
                _ => Err(format!("fracción de quórum inválida «{t}»; use por ejemplo «2/3»")),
            };
        }
        match t.parse::<u32>() {
            Ok(n) if n > 0 => Ok(QuorumRule::Fixed(n)),
            _ => Err(format!("quórum «{t}» no válido; use «mitad más uno», una fracción («2/3») o un número")),
        }
    }

    pub fn text(&self) -> String {
        match self {
            QuorumRule::HalfPlusOne => "mitad más uno".into(),
            QuorumRule::Fraction { num, den } => format!("{num}/{den}"),
            QuorumRule::Fixed(n) => n.to_string(),
        }
    }

    /// The rule as a document states it, before the noun of the members: "la mitad más uno",
    /// "la tercera parte", "las dos terceras partes", "5".
    pub fn prose(&self) -> String {
        let part = |n: u32| match n {
            2 => Some(("media", "medias")),
            3 => Some(("tercera", "terceras")),
            4 => Some(("cuarta", "cuartas")),
            5 => Some(("quinta", "quintas")),
            _ => None,
        };
        match *self {
            QuorumRule::HalfPlusOne => "la mitad más uno".into(),
            QuorumRule::Fraction { num: 1, den: 2 } => "la mitad".into(),
            QuorumRule::Fraction { num: 1, den } if part(den).is_some() => {
                format!("la {} parte", part(den).map(|p| p.0).unwrap_or_default())
            }
            QuorumRule::Fraction { num, den } if part(den).is_some() && num < den => format!(
                "las {} {} partes",
                super::spelled::cardinal(num, super::spelled::Form::Feminine),
                part(den).map(|p| p.1).unwrap_or_default()
            ),
            QuorumRule::Fraction { num, den } => format!("{num}/{den}"),
            QuorumRule::Fixed(n) => n.to_string(),
        }
    }

    /// Seats required out of `total` voting seats.
    pub fn required(&self, total: u32) -> u32 {
        match *self {
            QuorumRule::HalfPlusOne => total / 2 + 1,
            QuorumRule::Fraction { num, den } => (u64::from(total) * u64::from(num)).div_ceil(u64::from(den)) as u32,
            QuorumRule::Fixed(n) => n,
        }
    }
}

/// "2 por año", "1 por trimestre", "10 por año".
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinimumSessions {
    pub count: u32,
    pub period: Period,
}

impl MinimumSessions {
    pub fn parse(text: &str) -> Result<MinimumSessions, String> {
        let err = || format!("mínimo «{}» no válido; escriba por ejemplo «2 por año» o «1 por trimestre»", text.trim());
        let (n, period) = text.trim().split_once(" por ").ok_or_else(err)?;
        let count = n.trim().parse::<u32>().ok().filter(|c| *c > 0).ok_or_else(err)?;
        let period = Period::parse_label(period).map_err(|_| err())?;
        Ok(MinimumSessions { count, period })
    }

    pub fn text(&self) -> String {
        format!("{} por {}", self.count, self.period.label())
    }

    pub fn per_year(&self) -> u32 {
        self.count * self.period.per_year()
    }
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct BodyRules {
    pub quorum: QuorumRule,
    /// Quorum and wait (minutes) of the second call, if the regulation allows one.
    pub second_call: Option<(QuorumRule, u32)>,
    pub majority: MajorityRule,
    /// What absolute and two-thirds majorities count against.
    pub majority_base: MajorityBase,
    pub casting_vote: bool,
    /// A vote against must state its reasons (voto razonado or salvado), which the acta
    /// records with it.
    pub dissent_reasons: bool,
    /// Agreements may be declared firme on adoption (Costa Rica, Ley General de la
    /// Administración Pública, arts. 56-57), executable before the acta is approved.
    pub firm_agreements: bool,
    /// Who conducts the sessions and signs the acta.
    pub conductor: Conductor,
    pub minimum: Option<MinimumSessions>,
    pub notice_ordinary_days: u32,
    pub notice_extraordinary_days: u32,
}

impl Default for BodyRules {
    fn default() -> Self {
        BodyRules {
            quorum: QuorumRule::HalfPlusOne,
            second_call: None,
            majority: MajorityRule::Simple,
            majority_base: MajorityBase::Present,
            casting_vote: false,
            dissent_reasons: false,
            firm_agreements: false,
            conductor: Conductor::Presidency,
            minimum: None,
            notice_ordinary_days: 5,
            notice_extraordinary_days: 1,
        }
    }
}

pub use super::zone::{DEFAULT_TIMEZONE, TIMEZONES, check_timezone, local_time, timezone_offset};

/// A body as stored. `parent` and `coordinator` are database ids.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: i64,
    pub acronym: String,
    pub name: String,
    pub kind: BodyKind,
    pub parent: Option<i64>,
    pub coordinator: Option<i64>,
    pub meeting_word: MeetingWord,
    pub timezone: String,
    pub place: String,
    pub rules: BodyRules,
}

/// Siglas: letters, digits and `-`, `_`, `.`, no spaces; at most 20 characters.
pub fn check_acronym(text: &str) -> Result<(), String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("faltan las siglas".into());
    }
    if t.chars().count() > 20 {
        return Err(format!("las siglas «{t}» son demasiado largas (máximo 20 caracteres)"));
    }
    if let Some(c) = t.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        return Err(format!("las siglas «{t}» contienen «{c}»; use letras, dígitos, «-», «_» o «.»"));
    }
    Ok(())
}

pub fn check_name(text: &str) -> Result<(), String> {
    if text.trim().is_empty() { Err("falta el nombre".into()) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quorum_rules_in_words() {
        assert_eq!(QuorumRule::HalfPlusOne.prose(), "la mitad más uno");
        assert_eq!(QuorumRule::Fraction { num: 1, den: 3 }.prose(), "la tercera parte");
        assert_eq!(QuorumRule::Fraction { num: 2, den: 3 }.prose(), "las dos terceras partes");
        assert_eq!(QuorumRule::Fraction { num: 1, den: 2 }.prose(), "la mitad");
        assert_eq!(QuorumRule::Fraction { num: 3, den: 7 }.prose(), "3/7");
        assert_eq!(QuorumRule::Fixed(5).prose(), "5");
    }

    #[test]
    fn quorum_rules() {
        assert_eq!(QuorumRule::parse("mitad más uno"), Ok(QuorumRule::HalfPlusOne));
        assert_eq!(QuorumRule::parse("Mitad mas uno"), Ok(QuorumRule::HalfPlusOne));
        assert_eq!(QuorumRule::parse("2/3"), Ok(QuorumRule::Fraction { num: 2, den: 3 }));
        assert_eq!(QuorumRule::parse("8"), Ok(QuorumRule::Fixed(8)));
        for bad in ["0", "3/2", "a/b", "0/3", "", "muchos"] {
            assert!(QuorumRule::parse(bad).is_err(), "{bad}");
        }
        for r in ["mitad más uno", "2/3", "8"] {
            assert_eq!(QuorumRule::parse(r).map(|q| q.text()), Ok(r.to_string()));
        }
    }

    #[test]
    fn quorum_thresholds() {
        let half = QuorumRule::HalfPlusOne;
        assert_eq!([15, 14, 1, 0].map(|t| half.required(t)), [8, 8, 1, 1]);
        let two_thirds = QuorumRule::Fraction { num: 2, den: 3 };
        assert_eq!([15, 14, 9, 3, 1].map(|t| two_thirds.required(t)), [10, 10, 6, 2, 1]);
        let third = QuorumRule::Fraction { num: 1, den: 3 };
        assert_eq!(third.required(15), 5);
        assert_eq!(QuorumRule::Fixed(8).required(15), 8);
        assert_eq!(QuorumRule::Fixed(8).required(3), 8);
    }

    #[test]
    fn minimum_sessions() {
        let m = MinimumSessions::parse("1 por trimestre").expect("ok");
        assert_eq!(m, MinimumSessions { count: 1, period: Period::Quarter });
        assert_eq!(m.per_year(), 4);
        assert_eq!(m.text(), "1 por trimestre");
        assert_eq!(MinimumSessions::parse("10 por año").map(|m| m.per_year()), Ok(10));
        assert_eq!(MinimumSessions::parse("2 por semestre").map(|m| m.per_year()), Ok(4));
        assert_eq!(MinimumSessions::parse("1 por mes").map(|m| m.per_year()), Ok(12));
        for bad in ["0 por año", "dos por año", "2 al año", "2 por década", ""] {
            assert!(MinimumSessions::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_elapsed() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 15).expect("valid");
        assert_eq!(Period::Quarter.completed_before(d(11)), 3);
        assert_eq!(Period::Quarter.completed_before(d(1)), 0);
        assert_eq!(Period::Semester.completed_before(d(7)), 1);
        assert_eq!(Period::Month.completed_before(d(11)), 10);
        assert_eq!(Period::Year.completed_before(d(12)), 0);
    }

    #[test]
    fn labels() {
        assert_eq!(BodyKind::parse_label("Grupo de Trabajo"), Ok(BodyKind::WorkingGroup));
        assert_eq!(BodyKind::parse_label("subcomision"), Ok(BodyKind::Subcommission));
        assert!(BodyKind::parse_label("consejo").is_err());
        assert_eq!(MajorityRule::parse_label("dos tercios"), Ok(MajorityRule::TwoThirds));
        assert_eq!(MajorityBase::parse_label("Votos emitidos"), Ok(MajorityBase::Cast));
        assert_eq!(MajorityBase::parse_label("integrantes con voto"), Ok(MajorityBase::Members));
        assert_eq!(MajorityBase::Present.phrase(), "de los integrantes presentes con derecho a voto");
        assert_eq!(Conductor::parse_label("coordinacion"), Ok(Conductor::Coordination));
        assert_eq!(Conductor::for_kind(BodyKind::WorkingGroup), Conductor::Coordination);
        assert_eq!(Conductor::for_kind(BodyKind::Subcommission).phrase(), "la Coordinación");
        assert_eq!(Conductor::for_kind(BodyKind::Plenary), Conductor::Presidency);
        assert_eq!(MeetingWord::parse_label("reunion").map(MeetingWord::title), Ok("Reunión"));
        for k in BodyKind::ALL {
            assert_eq!(BodyKind::from_code(k.code()), Some(*k));
        }
    }

    #[test]
    fn acronyms_names_and_zones() {
        assert!(check_acronym("GT-PREV").is_ok());
        assert!(check_acronym("CONACOES").is_ok());
        assert!(check_acronym("").is_err());
        assert!(check_acronym("GT PREV").unwrap_err().contains("« »"));
        assert!(check_acronym("ABCDEFGHIJKLMNOPQRSTU").is_err());
        assert!(check_name("  ").is_err());
        assert!(check_timezone("America/Costa_Rica").is_ok());
        assert!(check_timezone("America/Madrid").unwrap_err().contains("desconocida"));
    }
}
