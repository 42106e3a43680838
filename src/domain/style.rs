//! How a body writes its documents: the conventions of its country's secretariats (see
//! DOMAIN.md, "How the documents are written"). A style chooses words and forms only; what a
//! body's reglamento says (legal basis, place, who conducts) is data on the body.

use chrono::{Datelike, NaiveDate};

use super::dates::month_name;
use super::labels::{Labeled, labeled_enum};
use super::session::SessionKind;

labeled_enum!(
    /// The country whose document conventions a body follows.
    DocStyle {
        Mexico => ("mx", "México"),
        CostaRica => ("cr", "Costa Rica"),
        Honduras => ("hn", "Honduras"),
        Regional => ("regional", "regional"),
    }
);

labeled_enum!(
    /// What the body calls the record of a session.
    RecordWord {
        Acta => ("acta", "acta"),
        Minuta => ("minuta", "minuta"),
    }
);

labeled_enum!(
    /// Who signs the convocatoria.
    NoticeSigner {
        Conductor => ("conductor", "quien conduce"),
        Secretariat => ("secretariat", "Secretaría Técnica"),
    }
);

impl RecordWord {
    /// "Acta", "Minuta".
    pub fn title(self) -> &'static str {
        match self {
            RecordWord::Acta => "Acta",
            RecordWord::Minuta => "Minuta",
        }
    }
}

impl DocStyle {
    /// The acta's identifier when the body sets none: `{palabra}`/`{PALABRA}` is the record's
    /// word, then the session's siglas, kind, number (`{sesion:02}`, `{sesion:03}` padded)
    /// and year.
    pub fn default_record_pattern(self) -> &'static str {
        match self {
            DocStyle::Mexico => "{PALABRA} {siglas}/{tipo}-{sesion}/{anio}",
            DocStyle::CostaRica => "{palabra} N.° {sesion:02}-{anio}",
            DocStyle::Honduras => "{palabra} No. {sesion:03}-{anio}",
            DocStyle::Regional => "{palabra} {siglas}-{tipo}-{sesion:02}-{anio}",
        }
    }

    /// The language tag of its documents (BCP 47), for Word's spelling and hyphenation; the
    /// region writes "es-419", Latin American Spanish.
    pub fn language(self) -> &'static str {
        match self {
            DocStyle::Mexico => "es-MX",
            DocStyle::CostaRica => "es-CR",
            DocStyle::Honduras => "es-HN",
            DocStyle::Regional => "es-419",
        }
    }

    /// The PAÍS of the POA monitoring matrix (seed 002, §IX).
    pub fn country(self) -> &'static str {
        match self {
            DocStyle::Mexico => "México",
            DocStyle::CostaRica => "Costa Rica",
            DocStyle::Honduras => "Honduras",
            DocStyle::Regional => "Regional (países miembros)",
        }
    }

    /// "siendo" (Mexico, Honduras, the region) or "al ser" (Costa Rica).
    pub fn time_intro(self) -> &'static str {
        match self {
            DocStyle::CostaRica => "al ser",
            _ => "siendo",
        }
    }

    /// What comes between the hour and the date: "del día" or, in Costa Rica, "del".
    pub fn date_intro(self) -> &'static str {
        match self {
            DocStyle::CostaRica => "del",
            _ => "del día",
        }
    }

    /// The agenda's closing item before the Clausura.
    pub fn closing_item(self) -> &'static str {
        match self {
            DocStyle::Mexico => "Asuntos generales",
            DocStyle::CostaRica | DocStyle::Regional => "Asuntos varios",
            DocStyle::Honduras => "Puntos varios",
        }
    }

    /// Costa Rica writes 80,5 %; the others 80.5 %.
    pub fn decimal_comma(self) -> bool {
        self == DocStyle::CostaRica
    }

    /// "Oficio núm.", "Oficio N.°", "Oficio No."; one number sent to several addressees is a
    /// circular ("Oficio circular núm."), as the offices number it.
    pub fn oficio_label(self, circular: bool) -> String {
        let number = match self {
            DocStyle::Mexico => "núm.",
            DocStyle::CostaRica | DocStyle::Regional => "N.°",
            DocStyle::Honduras => "No.",
        };
        if circular { format!("Oficio circular {number}") } else { format!("Oficio {number}") }
    }

    /// Place and date of a letter: "Ciudad de México, a 1 de diciembre de 2026" (Mexico
    /// puts "a"); "San José, 1 de diciembre de 2026" elsewhere.
    pub fn letter_date(self, city: &str, on: NaiveDate) -> String {
        let date = format!("{} de {} de {}", on.day(), month_name(on.month()), on.year());
        let city = city.trim();
        match (city.is_empty(), self) {
            (true, _) => date,
            (false, DocStyle::Mexico) => format!("{city}, a {date}"),
            (false, _) => format!("{city}, {date}"),
        }
    }

    /// The sentence that closes the acta, with the time in words ("las trece horas").
    pub fn closing_sentence(self, time: &str) -> String {
        match self {
            DocStyle::Mexico | DocStyle::Regional => format!(
                "No habiendo otro asunto que tratar, se dio por concluida la sesión siendo {time} del mismo día."
            ),
            DocStyle::CostaRica => format!("Sin más asuntos que tratar, se levanta la sesión al ser {time}."),
            DocStyle::Honduras => {
                format!("No habiendo más asuntos que tratar, se cerró la sesión siendo {time} del mismo día.")
            }
        }
    }

    /// The sentence the signatures follow, on the same page.
    pub fn signing_sentence(self, record: RecordWord) -> String {
        match self {
            DocStyle::Mexico | DocStyle::Regional => "Firman al calce quienes intervinieron.".into(),
            DocStyle::CostaRica => {
                format!("Firman la presente {} quienes presidieron y levantaron la sesión.", record.label())
            }
            DocStyle::Honduras => format!("Para constancia, firman la presente {}:", record.label()),
        }
    }

    /// How the letter greets its addressee after "Presente": a Costa Rican oficio opens with
    /// its greeting (and so does not repeat it in its farewell).
    pub fn greeting(self) -> Option<&'static str> {
        match self {
            DocStyle::CostaRica => Some("Reciba un cordial saludo."),
            _ => None,
        }
    }

    /// The sentence before «Atentamente,».
    pub fn farewell(self) -> &'static str {
        match self {
            DocStyle::CostaRica => "Agradezco de antemano su atención.",
            _ => "Sin otro particular, reciba un cordial saludo.",
        }
    }

    /// "c.c.p." (Mexico, Honduras) or "C.c." (Costa Rica, the region).
    pub fn copy_label(self) -> &'static str {
        match self {
            DocStyle::Mexico | DocStyle::Honduras => "c.c.p.",
            _ => "C.c.",
        }
    }
}

/// The identifier of a session's record from `pattern` (see `default_record_pattern`).
pub fn record_identifier(
    pattern: &str,
    word: RecordWord,
    siglas: &str,
    kind: SessionKind,
    number: u32,
    year: i32,
) -> String {
    let kind = match kind {
        SessionKind::Ordinary => "SO",
        SessionKind::Extraordinary => "SE",
    };
    pattern
        .replace("{PALABRA}", &word.title().to_uppercase())
        .replace("{palabra}", word.title())
        .replace("{siglas}", siglas)
        .replace("{tipo}", kind)
        .replace("{sesion:03}", &format!("{number:03}"))
        .replace("{sesion:02}", &format!("{number:02}"))
        .replace("{sesion}", &number.to_string())
        .replace("{anio}", &year.to_string())
}

const RECORD_PLACEHOLDERS: [&str; 9] =
    ["{PALABRA}", "{palabra}", "{siglas}", "{tipo}", "{sesion:03}", "{sesion:02}", "{sesion}", "{anio}", ""];

/// A pattern must number the record: it names the session's number.
pub fn check_record_pattern(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Ok(());
    }
    if !pattern.contains("{sesion") {
        return Err(format!("el patrón «{pattern}» debe incluir el número de la sesión, {{sesion}}"));
    }
    let mut rest = pattern.to_string();
    for p in RECORD_PLACEHOLDERS {
        if !p.is_empty() {
            rest = rest.replace(p, "");
        }
    }
    if rest.contains('{') || rest.contains('}') {
        return Err(format!(
            "el patrón «{pattern}» tiene un campo desconocido; use {{palabra}}, {{PALABRA}}, {{siglas}}, {{tipo}}, \
             {{sesion}}, {{sesion:02}}, {{sesion:03}} o {{anio}}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_per_country() {
        let id = |style: DocStyle, word, siglas, n, y| {
            record_identifier(style.default_record_pattern(), word, siglas, SessionKind::Ordinary, n, y)
        };
        assert_eq!(id(DocStyle::Mexico, RecordWord::Acta, "CITDP", 21, 2024), "ACTA CITDP/SO-21/2024");
        assert_eq!(id(DocStyle::CostaRica, RecordWord::Acta, "CONACOES", 4, 2023), "Acta N.° 04-2023");
        assert_eq!(id(DocStyle::CostaRica, RecordWord::Minuta, "SPP", 4, 2023), "Minuta N.° 04-2023");
        assert_eq!(id(DocStyle::Honduras, RecordWord::Acta, "CICESCT", 3, 2026), "Acta No. 003-2026");
        assert!(check_record_pattern("Acta {sesion}-{anio}").is_ok());
        assert!(check_record_pattern("").is_ok());
        assert!(check_record_pattern("Acta {anio}").unwrap_err().contains("número de la sesión"));
        assert!(check_record_pattern("Acta {sesion} {mes}").unwrap_err().contains("desconocido"));
    }

    #[test]
    fn letters_and_words_per_country() {
        let on = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
        assert_eq!(DocStyle::Mexico.letter_date("Ciudad de México", on), "Ciudad de México, a 1 de diciembre de 2026");
        assert_eq!(DocStyle::CostaRica.letter_date("San José", on), "San José, 1 de diciembre de 2026");
        assert_eq!(DocStyle::Honduras.oficio_label(false), "Oficio No.");
        assert_eq!(DocStyle::Mexico.oficio_label(true), "Oficio circular núm.");
        assert_eq!(DocStyle::Mexico.closing_item(), "Asuntos generales");
        assert_eq!(DocStyle::CostaRica.closing_item(), "Asuntos varios");
        assert_eq!(DocStyle::CostaRica.time_intro(), "al ser");
        assert!(DocStyle::CostaRica.decimal_comma() && !DocStyle::Mexico.decimal_comma());
        assert_eq!(DocStyle::parse_label("costa rica"), Ok(DocStyle::CostaRica));
        assert_eq!(DocStyle::parse_label("mexico"), Ok(DocStyle::Mexico));
    }
}
