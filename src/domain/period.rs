//! The periods a work plan gives its activities ("1er semestre", "marzo-diciembre", "Durante el
//! ejercicio", "permanente", a date) and the day each one ends, which is when an activity of
//! that period falls due.

use chrono::NaiveDate;

use super::agreement::Deadline;
use super::dates::{parse_date, parse_day_month, parse_month};
use super::text::fold;

const ORDINALS: [(&str, u32); 8] =
    [("1er", 1), ("primer", 1), ("2do", 2), ("segundo", 2), ("3er", 3), ("tercer", 3), ("4to", 4), ("cuarto", 4)];

const WHOLE_YEAR: [&str; 6] =
    ["durante el ejercicio", "durante la anualidad", "durante el ano", "todo el ano", "anual", "ejercicio"];

const UNDATED: [&str; 4] = ["permanente", "por definir", "indefinida", "indefinido"];

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

/// A four-digit year written in the period ("enero- diciembre 2024") overrides the plan's.
fn year_in(words: &[&str], plan_year: i32) -> i32 {
    words
        .iter()
        .filter(|w| w.len() == 4)
        .find_map(|w| w.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y)))
        .unwrap_or(plan_year)
}

/// When an activity of `period` in the plan of `plan_year` falls due: the last day of the
/// period, or no date at all for "permanente" and "Por definir".
pub fn period_end(period: &str, plan_year: i32) -> Result<Deadline, String> {
    let text = fold(period.trim());
    if text.is_empty() {
        return Err("indique el periodo, p. ej. «1er semestre» o «Durante el ejercicio»".into());
    }
    if UNDATED.contains(&text.as_str()) {
        return Ok(Deadline::Permanent);
    }
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || "-/,.".contains(c)).filter(|w| !w.is_empty()).collect();
    let year = year_in(&words, plan_year);
    let end = |month| last_day(year, month).map(Deadline::Date).ok_or_else(|| format!("el año {year} no es válido"));
    if WHOLE_YEAR.iter().any(|w| text.starts_with(w)) {
        return end(12);
    }
    for (unit, months) in [("semestre", 6), ("trimestre", 3), ("bimestre", 2), ("cuatrimestre", 4)] {
        if let Some(pos) = words.iter().position(|w| *w == unit)
            && let Some(n) = pos.checked_sub(1).and_then(|i| ORDINALS.iter().find(|(w, _)| *w == words[i])).map(|o| o.1)
            && n * months <= 12
        {
            return end(n * months);
        }
    }
    if let Ok(d) = parse_date(period).or_else(|_| parse_day_month(period.trim(), year)) {
        return Ok(Deadline::Date(d));
    }
    // "08 de febrero al 31 de diciembre de 2024": the last date written; the first one, read
    // in the plan's year unless it names its own, may not come after it.
    if let Some((head, tail)) = text.rsplit_once(" al ")
        && let Ok(d) = parse_date(tail).or_else(|_| parse_day_month(tail, year))
    {
        if let Ok(start) = parse_date(head).or_else(|_| parse_day_month(head.trim(), plan_year))
            && start > d
        {
            return Err(ends_before_it_starts(period));
        }
        return Ok(Deadline::Date(d));
    }
    // Months alone, a range or a list ("marzo-diciembre", "abril/mayo", "marzo mayo octubre"):
    // the period ends with the last month named.
    let months: Vec<u32> = words.iter().filter_map(|w| parse_month(w)).collect();
    let fillers = ["de", "y", "a", "al", "del", "e", "entre"];
    let understood =
        words.iter().all(|w| parse_month(w).is_some() || fillers.contains(w) || w.parse::<i32>() == Ok(year));
    if let (Some(first), Some(last)) = (months.first(), months.last())
        && understood
    {
        // "diciembre-marzo": a plan's period lies within its year.
        if first > last {
            return Err(ends_before_it_starts(period));
        }
        return end(*last);
    }
    Err(format!(
        "no reconozco el periodo «{}»; use p. ej. «1er semestre», «2do trimestre», «marzo-diciembre», \
         «Durante el ejercicio», «permanente» o una fecha",
        period.trim()
    ))
}

fn ends_before_it_starts(period: &str) -> String {
    format!("el periodo «{}» termina antes de empezar; escriba primero el inicio y después el fin", period.trim())
}

/// The part of a year a list of commitments is narrowed to, by when they fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearPart {
    Whole,
    Semester(u32),
    Quarter(u32),
}

impl YearPart {
    /// In the order a filter offers them.
    pub const ALL: [YearPart; 7] = [
        YearPart::Whole,
        YearPart::Semester(1),
        YearPart::Semester(2),
        YearPart::Quarter(1),
        YearPart::Quarter(2),
        YearPart::Quarter(3),
        YearPart::Quarter(4),
    ];

    pub fn next(self) -> YearPart {
        let at = YearPart::ALL.iter().position(|p| *p == self).unwrap_or(0);
        YearPart::ALL[(at + 1) % YearPart::ALL.len()]
    }

    /// Whether `date` falls in this part of its year.
    pub fn contains(self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        match self {
            YearPart::Whole => true,
            YearPart::Semester(n) => (date.month() - 1) / 6 + 1 == n,
            YearPart::Quarter(n) => (date.month() - 1) / 3 + 1 == n,
        }
    }

    /// "2024", "el 1er semestre de 2024", "el 3er trimestre de 2024": what follows "vencen en".
    pub fn of_year(self, year: i32) -> String {
        let ordinal = |n: u32| match n {
            1 => "1er",
            2 => "2do",
            3 => "3er",
            _ => "4to",
        };
        match self {
            YearPart::Whole => year.to_string(),
            YearPart::Semester(n) => format!("el {} semestre de {year}", ordinal(n)),
            YearPart::Quarter(n) => format!("el {} trimestre de {year}", ordinal(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(y: i32, m: u32, d: u32) -> Deadline {
        Deadline::Date(NaiveDate::from_ymd_opt(y, m, d).expect("valid"))
    }

    #[test]
    fn semesters_and_quarters() {
        assert_eq!(period_end("1er semestre", 2024), Ok(on(2024, 6, 30)));
        assert_eq!(period_end("Primer semestre", 2024), Ok(on(2024, 6, 30)));
        assert_eq!(period_end("2do semestre", 2024), Ok(on(2024, 12, 31)));
        assert_eq!(period_end("1er trimestre", 2024), Ok(on(2024, 3, 31)));
        assert_eq!(period_end("2do trimestre", 2024), Ok(on(2024, 6, 30)));
        assert_eq!(period_end("Tercer trimestre", 2024), Ok(on(2024, 9, 30)));
        assert_eq!(period_end("4to trimestre", 2025), Ok(on(2025, 12, 31)));
        assert!(period_end("5to trimestre", 2024).is_err());
        assert!(period_end("3er semestre", 2024).is_err());
    }

    #[test]
    fn month_ranges_end_with_the_last_month() {
        assert_eq!(period_end("marzo-diciembre", 2024), Ok(on(2024, 12, 31)));
        assert_eq!(period_end("abril - noviembre", 2024), Ok(on(2024, 11, 30)));
        assert_eq!(period_end("enero- diciembre 2024", 2023), Ok(on(2024, 12, 31)), "the written year wins");
        assert_eq!(period_end("abril/mayo", 2024), Ok(on(2024, 5, 31)));
        assert_eq!(period_end("marzo mayo octubre", 2024), Ok(on(2024, 10, 31)));
        assert_eq!(period_end("febrero", 2024), Ok(on(2024, 2, 29)), "leap year");
        assert_eq!(period_end("julio y agosto", 2024), Ok(on(2024, 8, 31)));
        assert_eq!(period_end("setiembre", 2024), Ok(on(2024, 9, 30)));
    }

    #[test]
    fn whole_year_undated_and_dates() {
        assert_eq!(period_end("Durante el ejercicio", 2024), Ok(on(2024, 12, 31)));
        assert_eq!(period_end("durante la anualidad", 2024), Ok(on(2024, 12, 31)));
        assert_eq!(period_end("Permanente", 2024), Ok(Deadline::Permanent));
        assert_eq!(period_end("Por definir", 2024), Ok(Deadline::Permanent));
        assert_eq!(period_end("06 de febrero", 2024), Ok(on(2024, 2, 6)));
        assert_eq!(period_end("31 de diciembre de 2024", 2023), Ok(on(2024, 12, 31)));
        assert_eq!(period_end("30/06/2024", 2024), Ok(on(2024, 6, 30)));
        assert_eq!(period_end("08 de febrero al 31 de diciembre de 2024", 2024), Ok(on(2024, 12, 31)));
    }

    #[test]
    fn periods_that_end_before_they_start_are_refused() {
        for reversed in ["diciembre-marzo", "octubre a febrero", "08 de marzo al 31 de enero de 2024"] {
            let e = period_end(reversed, 2024).unwrap_err();
            assert!(e.contains("termina antes de empezar"), "{reversed}: {e}");
        }
        assert_eq!(period_end("08 de febrero al 31 de enero de 2025", 2024), Ok(on(2025, 1, 31)));
        assert_eq!(period_end("marzo mayo octubre", 2024), Ok(on(2024, 10, 31)));
    }

    #[test]
    fn unknown_periods_are_refused_in_spanish() {
        let e = period_end("cuando se pueda", 2024).unwrap_err();
        assert!(e.contains("no reconozco el periodo «cuando se pueda»"), "{e}");
        assert!(period_end("  ", 2024).unwrap_err().contains("indique el periodo"));
        assert!(period_end("marzo de algún año", 2024).is_err());
    }

    #[test]
    fn parts_of_a_year_hold_their_months_and_read_as_the_plans_write_them() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2024, m, day).expect("date");
        assert!(YearPart::Semester(1).contains(d(6, 30)) && !YearPart::Semester(1).contains(d(7, 1)));
        assert!(YearPart::Semester(2).contains(d(7, 1)) && YearPart::Semester(2).contains(d(12, 31)));
        assert!(YearPart::Quarter(1).contains(d(3, 31)) && !YearPart::Quarter(1).contains(d(4, 1)));
        assert!(YearPart::Quarter(4).contains(d(10, 1)) && !YearPart::Quarter(3).contains(d(10, 1)));
        assert!(YearPart::Whole.contains(d(1, 1)));
        assert_eq!(YearPart::Whole.of_year(2024), "2024");
        assert_eq!(YearPart::Semester(2).of_year(2024), "el 2do semestre de 2024");
        assert_eq!(YearPart::Quarter(3).of_year(2025), "el 3er trimestre de 2025");
        let mut part = YearPart::Whole;
        for expected in YearPart::ALL.iter().skip(1).chain([&YearPart::Whole]) {
            part = part.next();
            assert_eq!(part, *expected);
        }
    }
}
