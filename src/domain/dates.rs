//! Spanish dates: "miércoles 21 de febrero de 2024", and the forms the calendars use.

use chrono::{Datelike, Months, NaiveDate, NaiveTime, Weekday};

use super::text::fold;

pub const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Two-letter weekday headers for a month grid, Monday first.
pub const WEEKDAY_SHORT: [&str; 7] = ["lu", "ma", "mi", "ju", "vi", "sá", "do"];

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    }
}

/// "febrero" for 2. Panics never: out-of-range months give "".
pub fn month_name(month: u32) -> &'static str {
    month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)).copied().unwrap_or("")
}

/// Month number for a name; accepts "setiembre" (Costa Rica) and any case or accents.
pub fn parse_month(text: &str) -> Option<u32> {
    let t = fold(text);
    if t == "setiembre" {
        return Some(9);
    }
    MONTHS.iter().position(|m| *m == t).map(|i| i as u32 + 1)
}

/// "miércoles 21 de febrero de 2024".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}", weekday_name(date.weekday()), medium_date(date))
}

/// "21 de febrero de 2024".
pub fn medium_date(date: NaiveDate) -> String {
    format!("{} de {}", day_month(date), date.year())
}

/// "21 de febrero".
pub fn day_month(date: NaiveDate) -> String {
    format!("{} de {}", date.day(), month_name(date.month()))
}

/// Parses "21 de febrero" (with the given year) or "21 de febrero de 2024"; leading zeros
/// ("06 de febrero") and a leading weekday ("martes 6 de febrero") are accepted.
pub fn parse_day_month(text: &str, year: i32) -> Result<NaiveDate, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let words: &[&str] = match words.first() {
        Some(w) if weekday_from_name(w) => &words[1..],
        _ => &words,
    };
    let (day, month, year) = match words {
        [d, de, m] if fold(de) == "de" => (*d, *m, year),
        [d, de, m, de2, y] if fold(de) == "de" && fold(de2) == "de" => {
            (*d, *m, y.parse().map_err(|_| format!("año inválido «{y}»"))?)
        }
        _ => return Err(format!("«{text}» no es una fecha como «21 de febrero»")),
    };
    let day: u32 = day.parse().map_err(|_| format!("día inválido «{day}»"))?;
    let month = parse_month(month).ok_or_else(|| format!("mes desconocido «{month}»"))?;
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("el {day} de {} de {year} no existe", month_name(month)))
}

fn weekday_from_name(word: &str) -> bool {
    let w = fold(word);
    ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"].contains(&w.as_str())
}

/// A date typed by a person: ISO ("2024-02-21"), "21/02/2024", or "21 de febrero de 2024".
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%d/%m/%Y") {
        return Ok(d);
    }
    if t.split_whitespace().count() >= 5 {
        return parse_day_month(t, 0);
    }
    Err(format!("«{t}» no es una fecha; use AAAA-MM-DD, DD/MM/AAAA o «21 de febrero de 2024»"))
}

/// The first year a reported date may fall in: older dates are typing mistakes (a year of
/// two digits read as 1924, Excel's day 0 shown as 1899-12-31).
pub const PLAUSIBLE_SINCE: i32 = 1990;

/// How many years after today a reported date may fall: plans and deadlines look ahead, but
/// not decades.
pub const PLAUSIBLE_YEARS_AHEAD: u32 = 10;

/// Whether a date someone typed or a spreadsheet carries can be meant: not before 1990 and no
/// more than ten years after `today`. The message says what is wrong, in Spanish.
pub fn check_plausible(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if date.year() < PLAUSIBLE_SINCE {
        return Err(format!(
            "la fecha {} ({}) es anterior a {PLAUSIBLE_SINCE}; revise el año",
            date.format("%Y-%m-%d"),
            medium_date(date)
        ));
    }
    let limit = today.checked_add_months(Months::new(12 * PLAUSIBLE_YEARS_AHEAD)).unwrap_or(NaiveDate::MAX);
    if date > limit {
        return Err(format!(
            "la fecha {} ({}) está más de {PLAUSIBLE_YEARS_AHEAD} años después de hoy (el límite es el {}); revise el año",
            date.format("%Y-%m-%d"),
            medium_date(date),
            medium_date(limit)
        ));
    }
    Ok(())
}

/// "10:00", "9:30" or "10:00 h".
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim().trim_end_matches('h').trim_end_matches("hrs").trim();
    NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| format!("«{}» no es una hora como «10:00»", text.trim()))
}

pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

const MONTH_SHORT: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
const WEEKDAY_ABBR: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];

/// "feb": a month in three letters (empty outside 1–12).
pub fn month_short(month: u32) -> &'static str {
    month.checked_sub(1).and_then(|i| MONTH_SHORT.get(i as usize)).copied().unwrap_or("")
}

/// "mié 21 feb", for narrow lists.
pub fn short_date(date: NaiveDate) -> String {
    let m = MONTH_SHORT.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {:>2} {m}", WEEKDAY_ABBR[date.weekday().num_days_from_monday() as usize], date.day())
}

/// Quarter (1–4) of a month.
pub fn quarter(month: u32) -> u32 {
    (month.saturating_sub(1)) / 3 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn long_dates_in_spanish() {
        assert_eq!(long_date(d(2024, 2, 21)), "miércoles 21 de febrero de 2024");
        assert_eq!(long_date(d(2024, 2, 6)), "martes 6 de febrero de 2024");
        assert_eq!(long_date(d(2026, 11, 28)), "sábado 28 de noviembre de 2026");
        assert_eq!(long_date(d(2024, 9, 1)), "domingo 1 de septiembre de 2024");
    }

    #[test]
    fn seed_forms_parse() {
        assert_eq!(parse_day_month("21 de febrero", 2024), Ok(d(2024, 2, 21)));
        assert_eq!(parse_day_month("06 de febrero", 2024), Ok(d(2024, 2, 6)));
        assert_eq!(parse_day_month("6 de junio", 2024), Ok(d(2024, 6, 6)));
        assert_eq!(parse_day_month("05 de Diciembre", 2024), Ok(d(2024, 12, 5)));
        assert_eq!(parse_day_month("15 de setiembre", 2023), Ok(d(2023, 9, 15)));
        assert_eq!(parse_day_month("martes 6 de febrero de 2024", 1999), Ok(d(2024, 2, 6)));
    }

    #[test]
    fn impossible_dates_are_refused_in_spanish() {
        assert_eq!(parse_day_month("31 de febrero", 2024), Err("el 31 de febrero de 2024 no existe".into()));
        assert_eq!(parse_day_month("29 de febrero", 2023), Err("el 29 de febrero de 2023 no existe".into()));
        assert!(parse_day_month("29 de febrero", 2024).is_ok());
        assert_eq!(parse_day_month("3 de brumario", 2024), Err("mes desconocido «brumario»".into()));
        assert!(parse_day_month("febrero 21", 2024).is_err());
        assert!(parse_day_month("x de enero", 2024).is_err());
    }

    #[test]
    fn short_dates() {
        assert_eq!(short_date(d(2024, 2, 21)), "mié 21 feb");
        assert_eq!(short_date(d(2026, 12, 6)), "dom  6 dic");
    }

    #[test]
    fn typed_dates() {
        assert_eq!(parse_date("2024-02-21"), Ok(d(2024, 2, 21)));
        assert_eq!(parse_date("21/02/2024"), Ok(d(2024, 2, 21)));
        assert_eq!(parse_date("21 de febrero de 2024"), Ok(d(2024, 2, 21)));
        assert!(parse_date("ayer").is_err());
        assert!(parse_date("2024-13-01").is_err());
    }

    #[test]
    fn plausible_dates() {
        let today = d(2026, 11, 24);
        assert_eq!(check_plausible(d(1990, 1, 1), today), Ok(()));
        assert_eq!(check_plausible(d(2036, 11, 24), today), Ok(()), "ten years ahead, to the day");
        assert_eq!(
            check_plausible(d(1989, 12, 31), today),
            Err("la fecha 1989-12-31 (31 de diciembre de 1989) es anterior a 1990; revise el año".into())
        );
        let far = check_plausible(d(2036, 11, 25), today).unwrap_err();
        assert!(far.contains("más de 10 años después de hoy (el límite es el 24 de noviembre de 2036)"), "{far}");
        assert!(check_plausible(d(1899, 12, 31), today).is_err(), "Excel's day 0");
        assert!(check_plausible(NaiveDate::MAX, NaiveDate::MAX).is_ok(), "no overflow at the end of time");
        assert_eq!(check_plausible(d(2034, 2, 28), d(2024, 2, 29)), Ok(()), "29 February plus ten years");
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("10:00").map(format_time), Ok("10:00".into()));
        assert_eq!(parse_time("9:30 h").map(format_time), Ok("09:30".into()));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("diez").is_err());
    }

    #[test]
    fn months_and_quarters() {
        assert_eq!(month_name(1), "enero");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
        assert_eq!(parse_month("Septiembre"), Some(9));
        assert_eq!(parse_month("ENERO"), Some(1));
        assert_eq!(parse_month("enro"), None);
        assert_eq!((1..=12).map(quarter).collect::<Vec<_>>(), [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    }
}
