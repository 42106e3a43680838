//! Agreements (acuerdos): their number per session, deadline and status.

use chrono::{Datelike, NaiveDate};

use super::dates::{medium_date, parse_date};
use super::labels::labeled_enum;
use super::session::SessionKind;
use super::text::fold;

labeled_enum!(
    AgreementStatus {
        Pending => ("pending", "pendiente"),
        InProgress => ("in_progress", "en proceso"),
        Done => ("done", "cumplido"),
        Rescheduled => ("rescheduled", "reprogramado"),
        Void => ("void", "sin efecto"),
    }
);

/// `CITDP/SO-21/2024/03`: siglas, kind (SO/SE), session number, year, sequence.
pub const DEFAULT_PATTERN: &str = "{siglas}/{tipo}-{sesion}/{anio}/{n:02}";

const PLACEHOLDERS: [&str; 6] = ["{siglas}", "{tipo}", "{sesion}", "{anio}", "{n:02}", "{n}"];

pub fn check_pattern(pattern: &str) -> Result<(), String> {
    if !pattern.contains("{n}") && !pattern.contains("{n:02}") {
        return Err(format!("el patrón «{pattern}» debe incluir el consecutivo {{n}} o {{n:02}}"));
    }
    let mut rest = pattern.to_string();
    for p in PLACEHOLDERS {
        rest = rest.replace(p, "");
    }
    if rest.contains('{') || rest.contains('}') {
        return Err(format!(
            "el patrón «{pattern}» tiene un campo desconocido; use {{siglas}}, {{tipo}}, {{sesion}}, {{anio}}, {{n}} o {{n:02}}"
        ));
    }
    Ok(())
}

/// The number of the `seq`-th agreement of a session.
pub fn number(pattern: &str, siglas: &str, kind: SessionKind, session: u32, date: NaiveDate, seq: u32) -> String {
    let kind = match kind {
        SessionKind::Ordinary => "SO",
        SessionKind::Extraordinary => "SE",
    };
    pattern
        .replace("{siglas}", siglas)
        .replace("{tipo}", kind)
        .replace("{sesion}", &session.to_string())
        .replace("{anio}", &date.year().to_string())
        .replace("{n:02}", &format!("{seq:02}"))
        .replace("{n}", &seq.to_string())
}

#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Date(NaiveDate),
    Permanent,
}

impl Deadline {
    /// "permanente" or a date as people type it.
    pub fn parse(text: &str) -> Result<Deadline, String> {
        if fold(text) == "permanente" {
            return Ok(Deadline::Permanent);
        }
        parse_date(text).map(Deadline::Date).map_err(|e| format!("{e}, o «permanente»"))
    }

    pub fn text(&self) -> String {
        match self {
            Deadline::Date(d) => medium_date(*d),
            Deadline::Permanent => "permanente".into(),
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(d) => Some(*d),
            Deadline::Permanent => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_numbering() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 20).expect("valid");
        assert_eq!(number(DEFAULT_PATTERN, "CITDP", SessionKind::Ordinary, 21, d, 3), "CITDP/SO-21/2024/03");
        assert_eq!(number(DEFAULT_PATTERN, "GTPVSTDP", SessionKind::Extraordinary, 3, d, 12), "GTPVSTDP/SE-3/2024/12");
        assert_eq!(number("ACU-{anio}-{n}", "X", SessionKind::Ordinary, 1, d, 7), "ACU-2024-7");
    }

    #[test]
    fn patterns_are_checked() {
        assert!(check_pattern(DEFAULT_PATTERN).is_ok());
        assert!(check_pattern("{siglas}/{anio}").unwrap_err().contains("consecutivo"));
        assert!(check_pattern("{siglas}/{mes}/{n}").unwrap_err().contains("desconocido"));
    }

    #[test]
    fn deadlines() {
        assert_eq!(Deadline::parse("Permanente"), Ok(Deadline::Permanent));
        let d = Deadline::parse("30/06/2024").expect("date");
        assert_eq!(d.text(), "30 de junio de 2024");
        assert_eq!(d.date(), NaiveDate::from_ymd_opt(2024, 6, 30));
        assert!(Deadline::parse("pronto").unwrap_err().contains("permanente"));
    }
}
