//! Numbers, dates and times spelled out in Spanish, as actas write them: "siendo las diez
//! horas con treinta minutos del día veinte de febrero de dos mil veinticuatro". Pure text,
//! checked against golden examples.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::dates::month_name;

/// Which form "uno" takes: alone ("dos mil veintiuno"), before a masculine noun ("veintiún
/// minutos") or before a feminine one ("veintiuna horas").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Full,
    Masculine,
    Feminine,
}

const UNITS: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];

const TENS: [&str; 10] = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];

const HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// 0..=99, with "uno" in the form asked for.
fn below_hundred(n: u32, form: Form) -> String {
    let ones = |word: &str| match (word, form) {
        ("uno", Form::Masculine) => "un".to_string(),
        ("uno", Form::Feminine) => "una".to_string(),
        ("veintiuno", Form::Masculine) => "veintiún".to_string(),
        ("veintiuno", Form::Feminine) => "veintiuna".to_string(),
        (w, _) => w.to_string(),
    };
    match n {
        0..=29 => ones(UNITS[n as usize]),
        _ => {
            let tens = TENS[(n / 10) as usize];
            match n % 10 {
                0 => tens.to_string(),
                u => format!("{tens} y {}", ones(UNITS[u as usize])),
            }
        }
    }
}

/// 0..=999.
fn below_thousand(n: u32, form: Form) -> String {
    match n {
        100 => "cien".into(),
        0..=99 => below_hundred(n, form),
        _ => {
            let mut hundreds = HUNDREDS[(n / 100) as usize].to_string();
            if form == Form::Feminine && n >= 200 {
                hundreds = hundreds.replace("ientos", "ientas");
            }
            match n % 100 {
                0 => hundreds,
                rest => format!("{hundreds} {}", below_hundred(rest, form)),
            }
        }
    }
}

/// A whole number in words, 0..=999 999 ("dos mil veinticuatro"); larger numbers stay digits.
pub fn cardinal(n: u32, form: Form) -> String {
    if n >= 1_000_000 {
        return n.to_string();
    }
    let (thousands, rest) = (n / 1000, n % 1000);
    let head = match thousands {
        0 => return below_thousand(rest, form),
        1 => "mil".to_string(),
        // "veintiún mil", "doscientas mil personas": the thousands agree like the noun.
        t => format!("{} mil", below_thousand(t, if form == Form::Full { Form::Masculine } else { form })),
    };
    if rest == 0 { head } else { format!("{head} {}", below_thousand(rest, form)) }
}

/// "las diez horas", "la una hora", "las trece horas con cinco minutos": the clock of the
/// acta, 24-hour, with its article, to follow "siendo" or "al ser".
pub fn time_words(t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    let hours = if h == 1 { "la una hora".to_string() } else { format!("las {} horas", cardinal(h, Form::Feminine)) };
    match m {
        0 => hours,
        1 => format!("{hours} con un minuto"),
        m => format!("{hours} con {} minutos", cardinal(m, Form::Masculine)),
    }
}

/// "primero", "dos" … "treinta y uno": a day of the month as actas write it.
pub fn day_words(day: u32) -> String {
    if day == 1 { "primero".into() } else { cardinal(day, Form::Full) }
}

/// "veinte de febrero de dos mil veinticuatro".
pub fn date_words(d: NaiveDate) -> String {
    let year = u32::try_from(d.year()).map(|y| cardinal(y, Form::Full)).unwrap_or_else(|_| d.year().to_string());
    format!("{} de {} de {year}", day_words(d.day()), month_name(d.month()))
}

/// A number with `decimals` places and the given decimal mark: "80,5" or "80.5".
pub fn decimal(value: f64, decimals: usize, comma: bool) -> String {
    let text = format!("{value:.decimals$}");
    if comma { text.replace('.', ",") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn golden_cardinals() {
        let golden = [
            (0, "cero"),
            (1, "uno"),
            (15, "quince"),
            (16, "dieciséis"),
            (21, "veintiuno"),
            (22, "veintidós"),
            (30, "treinta"),
            (31, "treinta y uno"),
            (45, "cuarenta y cinco"),
            (99, "noventa y nueve"),
            (100, "cien"),
            (101, "ciento uno"),
            (115, "ciento quince"),
            (200, "doscientos"),
            (555, "quinientos cincuenta y cinco"),
            (999, "novecientos noventa y nueve"),
            (1000, "mil"),
            (1999, "mil novecientos noventa y nueve"),
            (2000, "dos mil"),
            (2021, "dos mil veintiuno"),
            (2023, "dos mil veintitrés"),
            (2024, "dos mil veinticuatro"),
            (2026, "dos mil veintiséis"),
            (21_000, "veintiún mil"),
            (100_001, "cien mil uno"),
        ];
        for (n, words) in golden {
            assert_eq!(cardinal(n, Form::Full), words, "{n}");
        }
        assert_eq!(cardinal(21, Form::Masculine), "veintiún");
        assert_eq!(cardinal(21, Form::Feminine), "veintiuna");
        assert_eq!(cardinal(31, Form::Masculine), "treinta y un");
        assert_eq!(cardinal(200, Form::Feminine), "doscientas");
        assert_eq!(cardinal(1_000_000, Form::Full), "1000000");
    }

    #[test]
    fn golden_times() {
        assert_eq!(time_words(t(10, 0)), "las diez horas");
        assert_eq!(time_words(t(1, 0)), "la una hora");
        assert_eq!(time_words(t(0, 0)), "las cero horas");
        assert_eq!(time_words(t(13, 10)), "las trece horas con diez minutos");
        assert_eq!(time_words(t(9, 1)), "las nueve horas con un minuto");
        assert_eq!(time_words(t(21, 21)), "las veintiuna horas con veintiún minutos");
        assert_eq!(time_words(t(20, 47)), "las veinte horas con cuarenta y siete minutos");
    }

    #[test]
    fn golden_dates() {
        assert_eq!(date_words(d(2024, 2, 20)), "veinte de febrero de dos mil veinticuatro");
        assert_eq!(date_words(d(2023, 2, 20)), "veinte de febrero de dos mil veintitrés");
        assert_eq!(date_words(d(2026, 12, 1)), "primero de diciembre de dos mil veintiséis");
        assert_eq!(date_words(d(2025, 5, 31)), "treinta y uno de mayo de dos mil veinticinco");
    }

    #[test]
    fn decimals_with_either_mark() {
        assert_eq!(decimal(80.5, 1, true), "80,5");
        assert_eq!(decimal(80.5, 1, false), "80.5");
        assert_eq!(decimal(66.666, 1, true), "66,7");
    }
}
