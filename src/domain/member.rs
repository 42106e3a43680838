//! Member institutions (or countries), their membership in a body and their representatives.

use chrono::NaiveDate;

use super::labels::labeled_enum;

labeled_enum!(
    InstitutionKind {
        Institution => ("institution", "institución"),
        Country => ("country", "país"),
    }
);

labeled_enum!(
    /// Voz y voto counts toward quorum and votes; the others never do.
    Rights {
        VoiceAndVote => ("vote", "voz y voto"),
        VoiceOnly => ("voice", "solo voz"),
        Observer => ("observer", "observador"),
    }
);

labeled_enum!(
    Office {
        Presidency => ("presidency", "Presidencia"),
        TechnicalSecretariat => ("secretariat", "Secretaría Técnica"),
        Member => ("member", "integrante"),
    }
);

labeled_enum!(
    RepresentativeRole {
        Titular => ("titular", "titular"),
        Alternate => ("suplente", "suplente"),
    }
);

impl Rights {
    pub fn votes(self) -> bool {
        self == Rights::VoiceAndVote
    }
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub id: i64,
    pub acronym: String,
    pub name: String,
    pub kind: InstitutionKind,
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub id: i64,
    pub body: i64,
    pub institution: i64,
    pub rights: Rights,
    pub office: Office,
    pub weight: u32,
    /// The baja: from this day the institution is no longer a member (its history stays).
    pub ended_on: Option<NaiveDate>,
}

impl Institution {
    /// How documents name it: see [`formal_name`].
    pub fn formal_name(&self) -> String {
        formal_name(&self.name, &self.acronym, self.kind == InstitutionKind::Country)
    }
}

/// "Secretaría de Gobernación (SEGOB)"; a country by its name alone; a name that already
/// closes with its own parenthesis ("Defensa de Niñas y Niños Internacional (DNI Costa Rica)")
/// or that is its siglas, as it is.
pub fn formal_name(name: &str, acronym: &str, country: bool) -> String {
    let name = name.trim();
    if name.is_empty() {
        acronym.to_string()
    } else if country || name.ends_with(')') || name == acronym {
        name.to_string()
    } else {
        format!("{name} ({acronym})")
    }
}

impl Membership {
    /// A member on `day`: not yet given its baja.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.ended_on.is_none_or(|end| day < end)
    }
}

/// The institution a user names, by siglas (any case) or by its full name (any case, with or
/// without accents): the one lookup every form, command and importer uses.
pub fn find_institution<'a>(all: &'a [Institution], query: &str) -> Option<&'a Institution> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    let folded = super::text::fold(q);
    all.iter()
        .find(|i| i.acronym.eq_ignore_ascii_case(q))
        .or_else(|| all.iter().find(|i| super::text::fold(&i.name) == folded))
}

#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Representative {
    pub name: String,
    pub position: String,
    pub email: String,
    pub phone: String,
    pub designated_on: Option<NaiveDate>,
    pub letter_ref: String,
}

impl Representative {
    /// Checks what a secretariat needs to reach the person; empty optional fields are fine.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.name.trim().is_empty() {
            return Err(("nombre", "falta el nombre de la persona".into()));
        }
        check_email(&self.email).map_err(|e| ("correo", e))?;
        check_phone(&self.phone).map_err(|e| ("telefono", e))?;
        Ok(())
    }
}

pub fn check_email(text: &str) -> Result<(), String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(());
    }
    let valid = match t.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        }
        None => false,
    };
    if valid && !t.contains(char::is_whitespace) {
        Ok(())
    } else {
        Err(format!("«{t}» no es un correo electrónico válido"))
    }
}

pub fn check_phone(text: &str) -> Result<(), String> {
    let t = text.trim();
    let allowed = |c: char| c.is_ascii_digit() || " +-().ext".contains(c);
    if t.chars().all(allowed) {
        Ok(())
    } else {
        Err(format!("«{t}» no es un teléfono; use dígitos, espacios, «+», «-» o paréntesis"))
    }
}

pub fn check_weight(weight: u32) -> Result<(), String> {
    if (1..=100).contains(&weight) {
        Ok(())
    } else {
        Err(format!("peso de voto {weight} no válido; debe ser de 1 a 100"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::labels::Labeled;
    use super::*;

    #[test]
    fn a_name_carries_its_siglas_once() {
        assert_eq!(formal_name("Secretaría de Gobernación", "SEGOB", false), "Secretaría de Gobernación (SEGOB)");
        assert_eq!(
            formal_name("Defensa de Niñas y Niños Internacional (DNI Costa Rica)", "DNI", false),
            "Defensa de Niñas y Niños Internacional (DNI Costa Rica)"
        );
        assert_eq!(formal_name("Guatemala", "GT", true), "Guatemala");
        assert_eq!(formal_name("OIM", "OIM", false), "OIM");
        assert_eq!(formal_name("  ", "OIM", false), "OIM");
    }

    #[test]
    fn rights_decide_who_votes() {
        assert!(Rights::VoiceAndVote.votes());
        assert!(!Rights::VoiceOnly.votes());
        assert!(!Rights::Observer.votes());
        assert_eq!(Rights::parse_label("Solo voz"), Ok(Rights::VoiceOnly));
        assert_eq!(Office::parse_label("secretaria tecnica"), Ok(Office::TechnicalSecretariat));
        assert_eq!(InstitutionKind::parse_label("pais"), Ok(InstitutionKind::Country));
    }

    #[test]
    fn contacts() {
        assert!(check_email("").is_ok());
        assert!(check_email("lmendez@segob.gob.mx").is_ok());
        for bad in ["lmendez", "@segob.gob.mx", "a@b", "a b@c.mx", "a@.mx", "a@mx."] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert!(check_phone("+52 (55) 5128-0000 ext. 1234").is_ok());
        assert!(check_phone("").is_ok());
        assert!(check_phone("llamar a la oficina").is_err());
        assert!(check_weight(1).is_ok());
        assert!(check_weight(0).is_err());
    }

    #[test]
    fn representative_validation_names_the_field() {
        let mut r = Representative { name: "Ana Ruiz".into(), ..Default::default() };
        assert!(r.validate().is_ok());
        r.email = "ana".into();
        assert_eq!(r.validate().map_err(|e| e.0), Err("correo"));
        r.name = " ".into();
        assert_eq!(r.validate().map_err(|e| e.0), Err("nombre"));
    }
}
